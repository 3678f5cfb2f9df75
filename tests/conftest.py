"""Shared fixtures: a real SQLite file per test, loaded from the real data file."""

from __future__ import annotations

import asyncio
import inspect
import shutil
import sys
import threading
import traceback
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATA_FILE
from bot.db import Database
from bot.db.knowledge import KnowledgeRepository
from bot.services.answering import Answerer
from bot.services.knowledge import KnowledgeService
from tests.helpers_dispatcher import Env

DATA_FILE = DEFAULT_DATA_FILE


@pytest.fixture(scope="session")
def imported_database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the data file imported, made once per session: a test that wants the knowledge starts
    from a copy of it (a copy takes ~1 ms, an import ~0.1 s, and ~900 tests want the knowledge)."""
    path = tmp_path_factory.mktemp("imported") / "bot.sqlite3"

    async def build() -> None:
        db = await Database.open(path)
        try:
            await KnowledgeService(KnowledgeRepository(db)).import_file(DATA_FILE)
        finally:
            await db.close()  # the last connection closing folds the write-ahead log into the file

    with ThreadPoolExecutor(1) as thread:  # its own event loop, whatever loop the asking test runs in
        thread.submit(asyncio.run, build()).result()
    return path


def _show_where_it_hangs(nodeid: str, after: float, loop: asyncio.AbstractEventLoop) -> None:
    """Print every thread's stack now and, when the event loop next runs, every asyncio task's: a hung
    async test's thread stacks only show an idle event loop. Straight to the real stderr, as pytest-timeout
    ends the process without showing what the test captured."""
    out = sys.__stderr__
    if out is None:
        return
    print(f"\n=== {nodeid} is still running after {after:.0f} s; its threads: ===", file=out)
    for thread_id, frame in sys._current_frames().items():
        print(f"--- thread {thread_id}:", "".join(traceback.format_stack(frame)), sep="\n", file=out)
    out.flush()

    def show_tasks() -> None:
        print(f"=== the asyncio tasks of {nodeid}: ===", file=out)
        for task in asyncio.all_tasks(loop):
            task.print_stack(file=out)
        out.flush()

    loop.call_soon_threadsafe(show_tasks)


@pytest.fixture(autouse=True)
def _stacks_shown_before_a_hang_times_out(request: pytest.FixtureRequest) -> None:
    """A hung test fails after pytest-timeout's ``timeout``; at three quarters of it, this shows where it
    hangs (CI then has the stacks to fix it from, not just the name of the test). Async tests only: only
    they have tasks to show (and a sync test need not pay for an event loop)."""
    if inspect.iscoroutinefunction(getattr(request.node, "obj", None)):
        request.getfixturevalue("_hang_watch")


@pytest.fixture
async def _hang_watch(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    timeout = float(request.config.getini("timeout") or 0)
    if timeout <= 0:
        yield
        return
    after = timeout * 0.75
    timer = threading.Timer(
        after, _show_where_it_hangs, (request.node.nodeid, after, asyncio.get_running_loop())
    )
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@pytest.fixture
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database file of the test's own; with the data file already imported when the test also asks
    for ``knowledge`` (or ``answerer``)."""
    path = tmp_path / "bot.sqlite3"
    if "knowledge" in request.fixturenames:
        shutil.copyfile(request.getfixturevalue("imported_database_file"), path)
    db = await Database.open(path)
    try:
        yield db
    finally:
        await db.close()


@pytest.fixture
async def knowledge(database: Database) -> KnowledgeService:
    """The knowledge of the shipped data file, as the bot has it after its start-up import."""
    service = KnowledgeService(KnowledgeRepository(database))
    await service.catch_up()  # the first look: it takes the import already in the file as its own
    assert service.loaded_import is not None, "the database fixture copies an imported file for `knowledge`"
    return service


@pytest.fixture
async def answerer(database: Database, knowledge: KnowledgeService) -> Answerer:
    answerer = Answerer(KnowledgeRepository(database))
    await answerer.refresh()
    return answerer


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    """One bot "process" for the dispatcher tests: a database file, a manual clock, a fake Discord."""
    environment = Env(tmp_path / "bot.sqlite3")
    await environment.open()
    try:
        yield environment
    finally:
        await environment.close()
