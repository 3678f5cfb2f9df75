"""Shared fixtures: a real SQLite file per test, loaded from the real data file."""

from __future__ import annotations

import asyncio
import shutil
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
