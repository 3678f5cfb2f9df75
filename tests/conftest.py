"""Shared fixtures: a real SQLite file per test, loaded from the real data file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATA_FILE
from bot.db import Database
from bot.db.knowledge import KnowledgeRepository
from bot.services.answering import Answerer
from bot.services.knowledge import KnowledgeService
from tests.helpers_dispatcher import Env

DATA_FILE = DEFAULT_DATA_FILE


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        yield db
    finally:
        await db.close()


@pytest.fixture
async def knowledge(database: Database) -> KnowledgeService:
    service = KnowledgeService(KnowledgeRepository(database))
    await service.import_file(DATA_FILE)
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
