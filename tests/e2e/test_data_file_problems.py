"""A very large data file, and a malformed one at start-up, through the real bot and the sandbox."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bench.release_data import grow_data_file
from bot.config import DEFAULT_DATA_FILE, Settings
from bot.services.dataset import load_dataset
from tests.e2e.conftest import Harness
from tests.e2e.processes import bot_environment, free_port, run_bot, running_bot, standalone_sandbox, stop
from tests.e2e.test_announcements import RELEASE_DAY, break_file, data_with_release, setup_countdown
from tests.e2e.test_fan_commands import embed_text

# Thousands of entries: parsing and deriving the facts of this many takes well over a second on this machine.
EXTRA_ENTRIES = 3000


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, RELEASE_DAY)


async def test_a_very_large_data_file_loads_while_the_bot_keeps_answering(
    harness: Harness, data_file: Path
) -> None:
    demo = harness.demo
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {demo.admin.id}
    await setup_countdown(harness)
    grow_data_file(data_file, EXTRA_ENTRIES)

    # How long the event loop is held meanwhile is measured by bench/reload.py (timings are not asserted here).
    # Not settled inside the task: the fans' commands below keep the sandbox busy, so the reload's own wait for
    # quiet could starve until they stop, and they stop only when the reload is done.
    reload = asyncio.create_task(
        harness.sandbox.invoke(
            "reload-data",
            guild=demo.guild,
            member=demo.admin,
            channel=demo.general,
            timeout=120,
            settle=False,
        )
    )
    answered_meanwhile = 0
    while not reload.done():  # fans keep asking while the file is read and imported
        countdown = await harness.invoke("countdown")
        assert "14 days" in countdown.text
        answered_meanwhile += 1
    reloaded = await reload
    await harness.sandbox.settle()
    text = embed_text(reloaded.embeds[0])
    assert reloaded.error is None and reloaded.ephemeral
    people = len(load_dataset(DEFAULT_DATA_FILE).people) + EXTRA_ENTRIES
    assert f"Imported {data_file}: {people} people" in text
    assert answered_meanwhile >= 1
    cast = await harness.invoke("cast", {"person": "Background Character 2345"})
    assert "Extra Person 2345" in embed_text(cast.embeds[0])


# --- a malformed data file at start-up -----------------------------------------------------------------------


def environment_with(tmp_path: Path, port: int, data_file: Path, log_level: str) -> dict[str, str]:
    return bot_environment(tmp_path, port, log_level, DATA_FILE=str(data_file), LOG_FORMAT="text")


@pytest.fixture
def sandbox_port() -> Iterator[int]:
    """A standalone sandbox (`python -m bot.sandbox`) in its own process, as an operator would run it."""
    with standalone_sandbox() as sandbox:
        yield sandbox.port


def test_a_malformed_file_at_start_keeps_the_last_import_and_says_so_loudly(
    tmp_path: Path, data_file: Path, sandbox_port: int
) -> None:
    environment = environment_with(tmp_path, sandbox_port, data_file, "INFO")
    imported = run_bot(environment, "db", "import")
    assert imported.returncode == 0, imported.stderr
    version = load_dataset(data_file).sha256[:12]
    break_file(data_file)

    with running_bot(environment) as (bot, stderr):
        stderr.wait_for("logged in as", within=60)  # it started, with the data it had
        log = "".join(stderr.seen)
        [warning] = [line for line in stderr.seen if " WARNING " in line]
        block = log[log.index(warning) :]
        assert f"data file {data_file} is malformed" in block
        assert "not valid TOML" in block and "line 2" in block
        assert f"version {version}" in block and "keeping the data imported on " in block
        assert "/reload-data" in block and "python -m bot db import" in block
        assert "Traceback" not in log
        assert f"data version {version}" in stderr.seen[-1]
        assert stop(bot) == 0


def test_a_malformed_file_at_the_first_start_stops_the_bot_with_one_line(
    tmp_path: Path, data_file: Path, sandbox_port: int
) -> None:
    break_file(data_file)
    finished = run_bot(environment_with(tmp_path, sandbox_port, data_file, "WARNING"))
    assert finished.returncode == 2
    assert finished.stderr.startswith(f"error: {data_file}: not valid TOML"), finished.stderr
    assert finished.stderr.count("\n") == 1, finished.stderr


async def test_owners_see_that_the_bot_kept_its_last_good_data(
    harness: Harness, data_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    demo = harness.demo
    await harness.stop_bot()
    break_file(data_file)
    harness.base_settings = replace(Settings(), owner_ids=frozenset({demo.admin.id}))
    caplog.set_level(logging.WARNING, logger="bot.app")
    await harness.start_bot()
    [warning] = [record for record in caplog.records if record.name == "bot.app"]
    assert warning.levelno == logging.WARNING and "is malformed" in warning.getMessage()

    countdown = await harness.invoke("countdown")  # the data imported before the file broke
    assert "14 days" in countdown.text
    reloaded = await harness.invoke("reload-data", member=demo.admin)
    text = embed_text(reloaded.embeds[0])
    assert reloaded.ephemeral and "Nothing changed" in text and "not valid TOML" in text
    assert "keeps the data imported on " in text and "version " in text


def test_a_malformed_file_and_a_damaged_database_at_start_name_the_database_first(
    tmp_path: Path, data_file: Path
) -> None:
    """Both broken: the database is opened before anything else, so its line (the graver problem: the posts'
    record) is the one the operator sees, with no traceback and before any connection to Discord."""
    break_file(data_file)
    database = tmp_path / "bot.sqlite3"
    database.write_bytes(b"SQLite format 3\0" + bytes(range(256)) * 20)
    # Nothing listens on a free port: a start that reached for Discord would fail differently.
    finished = run_bot(environment_with(tmp_path, free_port(), data_file, "WARNING"))
    assert finished.returncode == 2
    assert finished.stderr.startswith(f"error: database {database} is damaged"), finished.stderr
    assert finished.stderr.count("\n") == 1, finished.stderr
