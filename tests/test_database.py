"""Migrations on an empty and on an existing database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.db import Database, MigrationError
from bot.db.database import available_migrations
from bot.services.knowledge import KnowledgeService
from tests.conftest import DATA_FILE


async def test_empty_database_gets_every_migration(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "new.sqlite3")
    try:
        assert await db.schema_version() == len(available_migrations())
        tables = {
            row["name"] for row in await db.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        assert {
            "people",
            "credits",
            "characters",
            "timeline_events",
            "releases",
            "facts",
            "facts_fts",
        } <= tables
        mode = await db.fetch_one("PRAGMA journal_mode")
        assert mode is not None and mode[0] == "wal"
        foreign_keys = await db.fetch_one("PRAGMA foreign_keys")
        assert foreign_keys is not None and foreign_keys[0] == 1
    finally:
        await db.close()


async def test_existing_database_keeps_its_data_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await KnowledgeService(db).import_file(DATA_FILE)
    await db.close()

    reopened = await Database.open(path)
    try:
        assert await reopened.schema_version() == len(available_migrations())
        cast = await KnowledgeService(reopened).cast()
        assert any(member.actor == "Kit Connor" for member in cast)
    finally:
        await reopened.close()


async def test_database_at_version_one_is_upgraded(tmp_path: Path) -> None:
    """A database made by the first release (only migration 0001) is brought up to date."""
    path = tmp_path / "old.sqlite3"
    number, _, sql = available_migrations()[0]
    with sqlite3.connect(path) as connection:
        connection.executescript(sql)
        connection.execute(f"PRAGMA user_version = {number}")
    db = await Database.open(path)
    try:
        assert await db.schema_version() == len(available_migrations())
    finally:
        await db.close()


async def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 999")
    with pytest.raises(MigrationError, match="newer than this bot"):
        await Database.open(path)
