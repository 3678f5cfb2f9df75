"""The playground: a script on standard input drives the real bot through the sandbox."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def run_playground(
    script: str, tmp_path: Path, *options: str, extra_environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in ("DISCORD_TOKEN", "DISCORD_API_BASE")
    }
    environment["DATABASE_PATH"] = str(tmp_path / "unused.sqlite3")
    environment.update(extra_environment or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", "playground", *options],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        cwd=tmp_path,
        check=False,
    )


def test_piped_question_is_answered_through_discord_py(tmp_path: Path) -> None:
    result = run_playground("/ask question: who directs Heartstopper Forever?\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[Fan in #general] /ask question: who directs Heartstopper Forever?" in result.stdout
    assert "Wash Westmoreland" in result.stdout
    assert "Source: Heartstopper Forever (Wikipedia article)" in result.stdout
    assert "Traceback" not in result.stderr


def test_script_runs_in_order_with_private_replies_marked(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                "/cast person: Joe Locke",
                "/countdown private: true",
                ":complete /cast person: kit",
                "/nonsense",
                ":wait 1d",
                "/help",
            ]
        )
        + "\n"
    )
    out = run_playground(script, tmp_path).stdout
    assert (
        out.index("Charlie Spring")
        < out.index("Countdown: date to be announced")
        < out.index("choices: Kit Connor")
    )
    assert "(only you can see this)" in out
    assert "there is no /nonsense" in out
    assert "1d later" in out
    assert not (tmp_path / "unused.sqlite3").exists(), "the playground must not touch the configured database"


def test_what_if_release_date_shows_the_countdown_posts(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                ":as admin",
                "/announcements setup channel: #announcements role: @Countdown schedule: milestones",
                ":wait 10d",
            ]
        )
        + "\n"
    )
    release = (datetime.now(UTC) + timedelta(days=8)).date().isoformat()
    result = run_playground(script, tmp_path, "--release", release)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Countdown set up in #announcements" in out
    assert out.index("# 7 days to go") < out.index("# 1 day to go") < out.index("# Release day")
    assert "in #announcements:\n  @Countdown" in out
    assert "[button: Watch on Netflix" in out


def test_a_live_countdown_shows_its_one_message_and_then_its_edit(tmp_path: Path) -> None:
    script = ":as admin\n/announcements setup channel: #announcements schedule: live\n:wait 1d\n:wait 2d\n"
    release = (datetime.now(UTC) + timedelta(days=8)).date().isoformat()
    result = run_playground(script, tmp_path, "--release", release)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    first, edited = out.split("2d later")
    assert first.count("in #announcements:") == 1
    # The same message, edited twice meanwhile (two days on): shown once more, as it is now.
    assert edited.count("in #announcements (edited):") == 1 and "in #announcements:" not in edited
    # The card's heading, and its picture: the edit replaced it with the day's.
    heading = re.compile(r"^\s*┃ # (\d+) days to go$", re.MULTILINE)
    picture = re.compile(r"\[picture: countdown\.png: [^\]]*: (\d+) days to go\]")
    [posted_count], [edited_count] = heading.findall(first), heading.findall(edited)
    assert int(edited_count) == int(posted_count) - 2
    assert picture.findall(first) == [posted_count] and picture.findall(edited) == [edited_count]


def test_bad_release_or_missing_data_file_answers_at_once_with_one_line(tmp_path: Path) -> None:
    for options, environment, expected in (
        (("--release", "2026-13-01"), {}, "error: --release: '2026-13-01' is not a real date"),
        (("--release", "soon"), {}, "error: --release: 'soon' is not a release date"),
        ((), {"DATA_FILE": str(tmp_path / "missing.toml")}, "error: DATA_FILE"),
    ):
        started = time.monotonic()
        result = run_playground("", tmp_path, *options, extra_environment=environment)
        elapsed = time.monotonic() - started
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(expected) and result.stderr.count("\n") == 1, result.stderr
        assert elapsed < 15, f"{options}: {elapsed:.1f} s before the error"


def test_options_are_read_as_a_fan_would_type_them(tmp_path: Path) -> None:
    script = (
        "\n".join(
            [
                "/ask who plays nick",
                "/countdown private: maybe",
                ":complete /ask question: who",
                ":complete /countdown private: t",
                ":complete /cast person: kit",
                ":wait 1000w",
                ":as owner",
                "/reload-data",
            ]
        )
        + "\n"
    )
    started = time.monotonic()
    result = run_playground(script, tmp_path)
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Kit Connor plays Nick Nelson" in out
    assert "! private: 'maybe' is not true or false" in out
    assert "/ask question: has no autocomplete" in out and "/countdown private: has no autocomplete" in out
    assert "choices: Kit Connor" in out
    assert "! :wait goes up to 10 years" in out
    assert "You are now Olly (bot owner)." in out and "Data reloaded" in out
    assert "Traceback" not in result.stderr
    assert time.monotonic() - started < 60


def test_a_year_of_daily_posts_waits_in_seconds_with_progress(tmp_path: Path) -> None:
    script = ":as admin\n/announcements setup channel: #announcements schedule: daily days: 30\n:wait 365d\n"
    release = (datetime.now(UTC) + timedelta(days=200)).date().isoformat()
    started = time.monotonic()
    result = run_playground(script, tmp_path, "--release", release)
    elapsed = time.monotonic() - started
    print(f"\nplayground start-up + :wait 365d with a daily schedule: {elapsed:.1f} s")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    progress = [line for line in out.splitlines() if line.startswith("… ") and "so far)" in line]
    assert len(progress) >= 11, out[-2000:]
    assert progress[-1].endswith("(31 posts so far)")  # 30 daily posts and release day
    assert out.count("# Release day") == 1
    assert elapsed < 45, f"a year of simulated time took {elapsed:.1f} s (goal: under 10 s)"


def test_locale_switches_the_typists_discord_language(tmp_path: Path) -> None:
    result = run_playground(
        ":locale pt-BR\n/countdown\n:locale en-US\n/countdown\n", tmp_path, "--release", "2099-12-24"
    )
    assert result.returncode == 0, result.stderr
    portuguese, english = result.stdout.split("Your Discord client is now in en-US.")
    assert (
        "Contagem regressiva para Heartstopper Forever" in portuguese
        and "24 de dezembro de 2099" in portuguese
    )
    assert "Countdown to Heartstopper Forever" in english and "24 December 2099" in english
