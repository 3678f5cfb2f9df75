"""`python -m bot kb ...`: the /kb changes from a shell, run as the real command on a copy of the data file."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.db import Database
from bot.db.knowledge import KnowledgeRepository
from bot.services.knowledge import KnowledgeService
from tests.conftest import DATA_FILE

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TUDUM = "https://www.netflix.com/tudum/articles/heartstopper-forever-release-date"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "heartstopper_forever.toml"
    shutil.copyfile(DATA_FILE, data)
    return data, tmp_path / "bot.sqlite3"


def kb(files: tuple[Path, Path], *arguments: str) -> subprocess.CompletedProcess[str]:
    data, database = files
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DISCORD_", "DATABASE_"))
    }
    environment.update(DATABASE_PATH=str(database), DATA_FILE=str(data), LOG_LEVEL="WARNING", USER="sam")
    return subprocess.run(
        [sys.executable, "-m", "bot", "kb", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


async def release_in(database: Path) -> str:
    opened = await Database.open(database)
    try:
        release = await KnowledgeService(KnowledgeRepository(opened)).release()
        return release.date.describe()
    finally:
        await opened.close()


def test_release_from_the_shell_is_written_imported_and_in_the_history(files: tuple[Path, Path]) -> None:
    data, database = files
    original = data.read_text(encoding="utf-8")
    done = kb(files, "release", "2026-12-24", "--source", TUDUM, "--status", "confirmed")
    assert done.returncode == 0, done.stderr
    assert '-date = "2026"\n+date = "2026-12-24"' in done.stdout
    assert "Changed: release date 2026 → 2026-12-24, status confirmed" in done.stdout
    assert "A bot running on this database follows within 30 s" in done.stdout  # the data-version watch
    text = data.read_text(encoding="utf-8")
    assert 'date = "2026-12-24"' in text and f'url = "{TUDUM}"' in text
    assert [line for line in text.splitlines() if line.startswith("#")] == [
        line for line in original.splitlines() if line.startswith("#")
    ]
    assert "24 December 2026" in asyncio.run(release_in(database))

    history = kb(files, "history")
    assert history.returncode == 0, history.stderr
    [line] = history.stdout.splitlines()
    assert line.startswith("#1  ") and "cli:sam" in line and "release date 2026 → 2026-12-24" in line
    assert f"<{TUDUM}>" in line

    undo = kb(files, "undo")
    assert undo.returncode == 0, undo.stderr
    assert data.read_text(encoding="utf-8") == original
    assert "[undone by #2]" in kb(files, "history").stdout


def test_dry_run_and_refusals_change_nothing(files: tuple[Path, Path]) -> None:
    data, _ = files
    original = data.read_bytes()
    dry = kb(files, "fact", "add", "The film runs 95 minutes.", "--source", TUDUM, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        '+statement = "The film runs 95 minutes."' in dry.stdout and "Not written (--dry-run)" in dry.stdout
    )

    bad_url = kb(files, "release", "2026-12-24", "--source", "netflix.com/tudum")
    assert bad_url.returncode == 2 and bad_url.stderr.startswith("error: Every change needs the address")
    bad_date = kb(files, "release", "2026-02-30", "--source", TUDUM)
    assert bad_date.returncode == 2 and "not a real date" in bad_date.stderr
    nothing = kb(files, "undo")
    assert nothing.returncode == 2 and "no change to undo" in nothing.stderr
    assert "Traceback" not in bad_url.stderr + bad_date.stderr + nothing.stderr
    assert data.read_bytes() == original
    assert "No changes" in kb(files, "history").stdout


def test_people_credits_and_sources_from_the_shell(files: tuple[Path, Path]) -> None:
    data, _ = files
    added = kb(
        files, "person", "add", "Yasmin Finney", "--role", "cast", "--character", "Tara", "--source", TUDUM
    )
    assert added.returncode == 0, added.stderr
    credit = kb(files, "credit", "add", "writer", "--person", "Kit Connor", "--source", TUDUM)
    assert credit.returncode == 0, credit.stderr
    source = kb(files, "source", "add", "https://example.org/news", "--title", "A news story")
    assert source.returncode == 0, source.stderr
    fact = kb(files, "fact", "remove", "what-is-it", "--source", TUDUM)
    assert fact.returncode == 0, fact.stderr
    text = data.read_text(encoding="utf-8")
    assert '[people.yasmin-finney]\nname = "Yasmin Finney"' in text
    assert 'person = "yasmin-finney"\ncharacter = "tara"' in text
    assert 'role = "writer"\nperson = "kit-connor"' in text
    assert '[sources.example-org]\ntitle = "A news story"' in text
    assert 'id = "what-is-it"' not in text
    assert len(kb(files, "history").stdout.splitlines()) == 4
