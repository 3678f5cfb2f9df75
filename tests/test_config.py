"""Settings: a missing or wrong one gets one line naming the variable; the token never leaks."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, RedactTokenFilter, load_settings

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"


def test_defaults_need_nothing() -> None:
    settings = load_settings({})
    assert settings.token is None
    assert settings.database_path.name == "bot.sqlite3"
    assert settings.log_level == "INFO"
    assert settings.ask_gaps_retention == timedelta(days=90)


def test_editor_ids_are_user_ids() -> None:
    settings = load_settings({"EDITOR_IDS": " 111111111111111111, 222222222222222222 ,", "OWNER_IDS": "3"})
    assert settings.editor_ids == frozenset({111111111111111111, 222222222222222222})
    assert settings.owner_ids == frozenset({3})
    assert load_settings({}).editor_ids == frozenset()


def test_ask_gaps_retention_is_a_number_of_days() -> None:
    assert load_settings({"ASK_GAPS_RETENTION_DAYS": " 30 "}).ask_gaps_retention == timedelta(days=30)


def test_metrics_are_off_unless_a_port_is_set() -> None:
    assert load_settings({}).metrics_port is None
    settings = load_settings({"METRICS_PORT": " 9464 "})
    assert (settings.metrics_port, settings.metrics_host) == (9464, "127.0.0.1")
    assert load_settings({"METRICS_PORT": "9464", "METRICS_HOST": "0.0.0.0"}).metrics_host == "0.0.0.0"


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"DISCORD_TOKEN": "not-a-token"}, "DISCORD_TOKEN"),
        ({"DEV_GUILD_ID": "my server"}, "DEV_GUILD_ID"),
        ({"OWNER_IDS": "123,abc"}, "OWNER_IDS"),
        ({"EDITOR_IDS": "123, @sam"}, "EDITOR_IDS"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"DISCORD_API_BASE": "localhost:80/api"}, "DISCORD_API_BASE"),
        ({"ANNOUNCEMENT_GRACE_HOURS": "soon"}, "ANNOUNCEMENT_GRACE_HOURS"),
        ({"ASK_GAPS_RETENTION_DAYS": "0"}, "ASK_GAPS_RETENTION_DAYS"),
        ({"ASK_GAPS_RETENTION_DAYS": "1.5"}, "ASK_GAPS_RETENTION_DAYS"),
        ({"ASK_GAPS_RETENTION_DAYS": "forever"}, "ASK_GAPS_RETENTION_DAYS"),
        ({"METRICS_PORT": "0"}, "METRICS_PORT"),
        ({"METRICS_PORT": "70000"}, "METRICS_PORT"),
        ({"METRICS_PORT": "9464/metrics"}, "METRICS_PORT"),
        ({"METRICS_PORT": "9464", "METRICS_HOST": "http://0.0.0.0"}, "METRICS_HOST"),
        ({"CLOCK_OFFSET_SECONDS": "60"}, "CLOCK_OFFSET_SECONDS"),  # only against a sandbox
        ({"CLOCK_OFFSET_SECONDS": "later", "DISCORD_API_BASE": "http://127.0.0.1:9"}, "CLOCK_OFFSET_SECONDS"),
    ],
)
def test_wrong_settings_name_the_variable(environ: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(environ)
    message = str(raised.value)
    assert message.startswith(variable) and "\n" not in message


def test_a_clock_offset_is_a_testing_aid_for_a_sandbox() -> None:
    settings = load_settings({"CLOCK_OFFSET_SECONDS": "-90.5", "DISCORD_API_BASE": "http://127.0.0.1:9"})
    assert settings.clock_offset == timedelta(seconds=-90.5)
    assert load_settings({}).clock_offset == timedelta(0)


def test_token_is_not_in_repr_and_is_redacted_from_logs() -> None:
    settings = load_settings({"DISCORD_TOKEN": TOKEN})
    assert TOKEN not in repr(settings)
    record = logging.LogRecord("discord", logging.INFO, __file__, 1, "sending %s", (TOKEN,), None)
    RedactTokenFilter(TOKEN).filter(record)
    assert TOKEN not in record.getMessage() and "[token]" in record.getMessage()


def run_cli(
    *arguments: str, env: dict[str, str] | None = None, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "DISCORD_TOKEN"}
    environment.update({"DATABASE_PATH": str(tmp_path / "cli.sqlite3"), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "bot", *arguments],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
        check=False,
    )


def test_bot_without_token_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    result = run_cli(tmp_path=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISCORD_TOKEN" in lines[0] and ".env" in lines[0]


def test_a_metrics_port_in_use_stops_the_bot_with_one_line_before_connecting(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {
            "DISCORD_TOKEN": "sandbox-token",
            "DISCORD_API_BASE": "http://127.0.0.1:9",  # never reached: the port is checked first
            "METRICS_PORT": str(port),
        }
        result = run_cli(env=env, tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]  # after the log lines of the database's creation
    assert "METRICS_PORT" in last and str(port) in last and "address already in use" in last, last
    assert "cannot reach" not in result.stderr


def test_cli_ask_answers_offline(tmp_path: Path) -> None:
    result = run_cli("ask", "who directs Heartstopper Forever?", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Wash Westmoreland" in result.stdout and "Source:" in result.stdout


def test_cli_ask_says_it_does_not_know(tmp_path: Path) -> None:
    result = run_cli("ask", "how much did the film cost to make?", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "I don't have money figures" in result.stdout and "won't guess" in result.stdout


def test_cli_import_reports_a_malformed_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n[film\n", encoding="utf-8")
    result = run_cli("db", "import", "--file", str(broken), tmp_path=tmp_path)
    assert result.returncode == 2
    assert str(broken) in result.stderr and "TOML" in result.stderr
    assert "Traceback" not in result.stderr


def test_unusable_database_path_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = run_cli(
        "ask", "who plays Nick?", env={"DATABASE_PATH": str(blocker / "bot.sqlite3")}, tmp_path=tmp_path
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
