"""`python -m bot invite` and `python -m bot check`: deployment aids that never connect to Discord."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import discord

from bot.config import DEFAULT_DATA_FILE, load_settings
from bot.db.database import available_migrations
from bot.invite import application_id_from_token, invite_url, permission_names, required_permissions
from bot.preflight import run_check

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LATEST_SCHEMA = available_migrations()[-1][0]
# The first part is base64 of "100000000000000000", the bot user's (and application's) id.
TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"


def run_cli(*arguments: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_", "DATA_"))
    }
    environment.update({"DATABASE_PATH": str(tmp_path / "bot.sqlite3"), **env})
    return subprocess.run(
        [sys.executable, "-m", "bot", *arguments],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=60,
        check=False,
    )


def test_invite_asks_for_exactly_what_the_features_need() -> None:
    permissions = required_permissions()
    assert permission_names(permissions) == [
        "View Channels",
        "Send Messages",
        "Embed Links",
        "Read Message History",
        "Manage Roles",
        "Create Events",
    ]
    # The premiere event needs Create Events (its own events), not Manage Events (everyone's); "Ping me here"
    # gives members the countdown role (Manage Roles); nothing needs anything like Administrator.
    assert permissions.create_events and not permissions.manage_events
    assert permissions.manage_roles and not permissions.mention_everyone and not permissions.administrator
    assert invite_url(1234567890123456789) == (
        "https://discord.com/oauth2/authorize?client_id=1234567890123456789"
        f"&scope=bot+applications.commands&permissions={permissions.value}"
    )
    assert permissions.value == discord.Permissions(84992 | 1 << 28 | 1 << 44).value


def test_the_application_id_comes_from_the_token_when_not_given() -> None:
    assert application_id_from_token(TOKEN) == 100000000000000000
    assert application_id_from_token("not base64!.x.y") is None


def test_invite_command(tmp_path: Path) -> None:
    given = run_cli("invite", "--client-id", "1234567890123456789", tmp_path=tmp_path)
    assert given.returncode == 0 and given.stdout.startswith(
        "https://discord.com/oauth2/authorize?client_id=123"
    )
    assert "View Channels, Send Messages, Embed Links, Read Message History" in given.stderr
    assert "invite --user" in given.stderr
    for_fans = run_cli("invite", "--user", "--client-id", "1234567890123456789", tmp_path=tmp_path)
    assert for_fans.returncode == 0 and for_fans.stdout == (
        "https://discord.com/oauth2/authorize?client_id=1234567890123456789"
        "&integration_type=1&scope=applications.commands\n"
    )
    assert "User Install" in for_fans.stderr
    from_environment = run_cli("invite", tmp_path=tmp_path, DISCORD_CLIENT_ID="2234567890123456789")
    assert "client_id=2234567890123456789&" in from_environment.stdout
    from_token = run_cli("invite", tmp_path=tmp_path, DISCORD_TOKEN=TOKEN)
    assert "client_id=100000000000000000&" in from_token.stdout
    for result in (
        run_cli("invite", tmp_path=tmp_path),
        run_cli("invite", "--client-id", "me", tmp_path=tmp_path),
    ):
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr


def test_check_summarises_a_good_deployment(tmp_path: Path) -> None:
    imported = run_cli("db", "import", tmp_path=tmp_path)
    assert imported.returncode == 0, imported.stderr
    result = run_cli("check", tmp_path=tmp_path, DISCORD_TOKEN=TOKEN, DISCORD_API_BASE="http://127.0.0.1:9")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("settings ok: token set")
    assert (
        lines[1].startswith(f"data file ok: {DEFAULT_DATA_FILE}: 8 people, ")
        and "release in 2026" in lines[1]
    )
    assert lines[2].startswith(
        f"database ok: {tmp_path / 'bot.sqlite3'}: schema version {LATEST_SCHEMA}, data version "
    )
    assert "differs" not in lines[2]
    assert TOKEN not in result.stdout + result.stderr


def test_check_lists_every_problem_one_line_each(tmp_path: Path) -> None:
    broken_data = tmp_path / "broken.toml"
    broken_data.write_text("schema = 1\n[film\n", encoding="utf-8")
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    result = run_cli("check", tmp_path=tmp_path, DATA_FILE=str(broken_data), DATABASE_PATH=str(damaged))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    assert lines[0].startswith("error: DISCORD_TOKEN is not set")
    assert lines[1].startswith(f"error: {broken_data}: not valid TOML")
    assert lines[2].startswith(f"error: database {damaged} is damaged")
    assert damaged.read_bytes() == b"this is not a database" * 100  # never changed


async def test_check_warns_the_owners_of_an_overdue_release(tmp_path: Path) -> None:
    settings = load_settings({"DISCORD_TOKEN": TOKEN, "DATABASE_PATH": str(tmp_path / "new.sqlite3")})
    report = await run_check(settings, datetime(2027, 1, 1, tzinfo=UTC))
    assert report.problems == []
    assert report.summary[2].endswith("does not exist yet; the bot creates it at its first start")
    assert not (tmp_path / "new.sqlite3").exists()
    [warning] = report.warnings
    assert "expected in 2026, which has passed without a date" in warning
    assert (await run_check(settings, datetime(2026, 12, 31, 23, 59, tzinfo=UTC))).warnings == []


def test_check_never_loads_discord(tmp_path: Path) -> None:
    probe = "import sys; from bot.cli import main; main(['check']); print('discord' in sys.modules)"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    environment.update(DATABASE_PATH=str(tmp_path / "bot.sqlite3"), DISCORD_TOKEN=TOKEN)
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=environment,
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "False", result.stdout + result.stderr
