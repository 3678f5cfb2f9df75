"""A damaged or unusable database file: the real `python -m bot` exits with one line and code 2, promptly.

Each case runs the command as a subprocess with a timeout, so a process that never exits (aiosqlite's worker
thread left running after the first statement failed) fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.db import Database
from bot.db.knowledge import KnowledgeRepository
from bot.services.knowledge import KnowledgeService
from tests.conftest import DATA_FILE

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The goal is under a second; the bound is generous so a busy machine does not make the test flaky.
EXIT_BOUND_SECONDS = 10.0
# Well-formed but fake; DISCORD_API_BASE points at a closed port, so a bot that tried to connect would fail
# with "cannot reach" (exit 1) rather than reach anything.
FAKE_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"
COMMANDS = {
    "run": [],
    "db import": ["db", "import"],
    "ask": ["ask", "who directs it?"],
}


def run_bot_command(
    arguments: list[str], database: Path, *, prefix: list[str] | None = None, token: bool = False
) -> tuple[subprocess.CompletedProcess[str], float]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("DISCORD_", "DATABASE_"))
    }
    environment.update(DATABASE_PATH=str(database), DATA_FILE=str(DATA_FILE), LOG_LEVEL="WARNING")
    if token:
        environment.update(DISCORD_TOKEN=FAKE_TOKEN, DISCORD_API_BASE="http://127.0.0.1:9")
    started = time.monotonic()
    finished = subprocess.run(
        [*(prefix or []), sys.executable, "-m", "bot", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return finished, time.monotonic() - started


def make_good_database(path: Path) -> Path:
    async def build() -> None:
        database = await Database.open(path)
        try:
            await KnowledgeService(KnowledgeRepository(database)).import_file(DATA_FILE)
        finally:
            await database.close()

    asyncio.run(build())
    return path


@pytest.fixture(scope="module")
def good_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_good_database(tmp_path_factory.mktemp("good") / "bot.sqlite3")


def truncated(good: Path, folder: Path) -> Path:
    path = folder / "truncated.sqlite3"
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])  # cut mid-page, as a full disk or a killed copy leaves it
    return path


def random_bytes(good: Path, folder: Path) -> Path:
    path = folder / "random.sqlite3"
    path.write_bytes(os.urandom(64 * 1024))
    return path


def damaged_pages(good: Path, folder: Path) -> Path:
    """A valid header and schema, but garbage over the pages after the first few (a bad sector)."""
    path = folder / "damaged.sqlite3"
    data = bytearray(good.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = 4 * page_size
    data[start : start + 12 * page_size] = os.urandom(12 * page_size)
    path.write_bytes(bytes(data))
    return path


def directory(good: Path, folder: Path) -> Path:
    path = folder / "directory.sqlite3"
    path.mkdir()
    return path


def newer_schema(good: Path, folder: Path) -> Path:
    path = folder / "newer.sqlite3"
    shutil.copyfile(good, path)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 999")
    connection.close()
    return path


DAMAGED: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    # case: (how to make it, a phrase of the advice the one line must give)
    "truncated": (truncated, "restore it from a backup"),
    "random bytes": (random_bytes, "restore it from a backup"),
    "damaged pages": (damaged_pages, "restore it from a backup"),
    "directory": (directory, "point DATABASE_PATH at a file"),
    "newer schema": (newer_schema, "upgrade the bot"),
}


def assert_one_line_exit_2(
    finished: subprocess.CompletedProcess[str], elapsed: float, path: Path, advice: str, label: str
) -> None:
    lines = finished.stderr.strip().splitlines()
    print(f"{label}: exit {finished.returncode} in {elapsed:.2f} s: {finished.stderr.strip()!r}")
    assert finished.returncode == 2, finished.stderr
    assert len(lines) == 1, finished.stderr
    assert lines[0].startswith("error: ") and str(path) in lines[0] and advice in lines[0], lines[0]
    assert "Traceback" not in finished.stderr
    assert elapsed < EXIT_BOUND_SECONDS


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", list(DAMAGED))
def test_unusable_database_exits_with_one_line(
    case: str, command: str, good_database: Path, tmp_path: Path
) -> None:
    make, advice = DAMAGED[case]
    path = make(good_database, tmp_path)
    before = path.read_bytes() if path.is_file() else None
    finished, elapsed = run_bot_command(COMMANDS[command], path, token=command == "run")
    assert_one_line_exit_2(finished, elapsed, path, advice, f"{case} / {command}")
    if before is not None:
        assert path.read_bytes() == before, "a refused database must be left as it was"


def _drop_root_privileges() -> list[str] | None:
    """A command prefix that runs as root without the capability to read any file (chmod 000 then works)."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--bounding-set", "-all", "--inh-caps", "-all", "--"]
    try:
        probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)
    except OSError:
        return None
    return prefix if probe.returncode == 0 else None


@pytest.mark.parametrize("command", list(COMMANDS))
def test_unreadable_database_exits_with_one_line(command: str, good_database: Path, tmp_path: Path) -> None:
    path = tmp_path / "unreadable.sqlite3"
    shutil.copyfile(good_database, path)
    path.chmod(0)
    prefix: list[str] | None = []
    if os.geteuid() == 0:  # root reads any file; drop that capability for the child
        prefix = _drop_root_privileges()
        if prefix is None:
            pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE (no setpriv)")
        if subprocess.run([*prefix, "cat", str(path)], capture_output=True).returncode == 0:
            pytest.skip("running as root and the file stays readable")
    finished, elapsed = run_bot_command(COMMANDS[command], path, prefix=prefix, token=command == "run")
    assert_one_line_exit_2(finished, elapsed, path, "check that this user may read and write", command)


# --------------------------------------------------------------------------------------- db check, db backup


def test_db_check_says_ok_for_a_sound_database(good_database: Path) -> None:
    finished, elapsed = run_bot_command(["db", "check"], good_database)
    print(f"db check: {elapsed:.2f} s")
    assert (finished.returncode, finished.stdout, finished.stderr) == (0, "ok\n", "")


def test_db_check_lists_the_damage(good_database: Path, tmp_path: Path) -> None:
    path = damaged_pages(good_database, tmp_path)
    finished, _ = run_bot_command(["db", "check"], path)
    assert finished.returncode == 2
    assert finished.stdout.strip() and finished.stdout.strip() != "ok"
    assert "Page" in finished.stdout or "page" in finished.stdout, finished.stdout
    assert finished.stderr.strip().splitlines() == [
        f"error: database {path} is damaged: restore it from a backup, or move it aside to start with a new, "
        "empty one"
    ]


@pytest.mark.parametrize("case", ["random bytes", "directory"])
def test_db_check_of_an_unopenable_file_says_why(case: str, good_database: Path, tmp_path: Path) -> None:
    path = DAMAGED[case][0](good_database, tmp_path)
    finished, elapsed = run_bot_command(["db", "check"], path)
    assert_one_line_exit_2(finished, elapsed, path, DAMAGED[case][1], f"db check / {case}")


def test_db_check_and_backup_of_a_missing_file_create_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    from bot.cli import main

    path = tmp_path / "missing.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    assert main(["db", "check"]) == 2
    assert main(["db", "backup", str(tmp_path / "copy.sqlite3")]) == 2
    assert capsys.readouterr().err.count("does not exist") == 2
    assert sorted(os.listdir(tmp_path)) == []


def test_db_backup_writes_a_copy_while_another_connection_holds_the_write_lock(
    good_database: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    from bot.cli import main

    path = tmp_path / "bot.sqlite3"
    shutil.copyfile(good_database, path)
    monkeypatch.setenv("DATABASE_PATH", str(path))
    target = tmp_path / "backup.sqlite3"
    running_bot = sqlite3.connect(path, isolation_level=None)
    try:
        running_bot.execute("PRAGMA journal_mode = WAL")
        running_bot.execute("BEGIN IMMEDIATE")
        running_bot.execute("DELETE FROM facts")  # uncommitted: not in the copy
        started = time.monotonic()
        assert main(["db", "backup", str(target)]) == 0
        print(f"db backup: {time.monotonic() - started:.2f} s")
    finally:
        running_bot.execute("ROLLBACK")
        running_bot.close()
    assert "Backed up" in capsys.readouterr().out
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        facts = copy.execute("SELECT count(*) FROM facts").fetchone()[0]
    copy.close()
    with sqlite3.connect(good_database) as original:
        assert facts == original.execute("SELECT count(*) FROM facts").fetchone()[0] > 0
    original.close()


def test_db_backup_refuses_to_overwrite_without_force(
    good_database: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    from bot.cli import main

    monkeypatch.setenv("DATABASE_PATH", str(good_database))
    target = tmp_path / "existing.sqlite3"
    target.write_text("keep me")
    assert main(["db", "backup", str(target)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "--force" in error and len(error.strip().splitlines()) == 1
    assert target.read_text() == "keep me"

    assert main(["db", "backup", "--force", str(target)]) == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    copy.close()
