"""The playground: a script on standard input drives the real bot through the sandbox."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path


def run_playground(script: str, tmp_path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in ("DISCORD_TOKEN", "DISCORD_API_BASE")
    }
    environment["DATABASE_PATH"] = str(tmp_path / "unused.sqlite3")
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
    assert (
        out.index("7 days to go!") < out.index("1 day to go!") < out.index("It's Heartstopper Forever day!")
    )
    assert "in #announcements:\n  @Countdown" in out
    assert "[button: Watch on Netflix" in out
