"""One shared aiosqlite connection, WAL mode, foreign keys, and numbered migrations.

Migrations are the files ``migrations/NNNN_name.sql``; ``PRAGMA user_version`` records the last one applied, so
starting the bot on an empty or an existing database brings it to the current schema, each step in its own
transaction.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class MigrationError(RuntimeError):
    """The database is newer than this code, or a migration failed."""


def available_migrations() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) for every bundled migration, in order."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files("bot.db").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise MigrationError(f"migrations must be numbered 0001, 0002, ... without gaps; found {numbers}")
    return found


class Database:
    """The bot's SQLite database. Open with :meth:`open`, close with :meth:`close`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path) if str(path) != ":memory:" else path
        self._connection: aiosqlite.Connection | None = None
        # aiosqlite serialises statements on one thread, but a transaction spans several awaits:
        # this lock keeps two coroutines' transactions from interleaving on the shared connection.
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        database = cls(path)
        await database.connect()
        return database

    async def connect(self) -> None:
        if isinstance(self.path, Path):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(self.path, isolation_level=None)
        connection.row_factory = aiosqlite.Row
        await connection.execute("PRAGMA journal_mode = WAL")
        await connection.execute("PRAGMA foreign_keys = ON")
        await connection.execute("PRAGMA busy_timeout = 5000")
        await connection.execute("PRAGMA synchronous = NORMAL")
        self._connection = connection
        try:
            await self.migrate()
        except BaseException:
            await self.close()  # a refused or failed migration must not leave the file open
            raise

    @property
    def connection(self) -> aiosqlite.Connection:
        if self._connection is None:
            raise RuntimeError("the database is not open")
        return self._connection

    async def schema_version(self) -> int:
        async with self.connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply every migration newer than the database; returns the resulting version."""
        migrations = available_migrations()
        current = await self.schema_version()
        latest = migrations[-1][0] if migrations else 0
        if current > latest:
            raise MigrationError(
                f"database {self.path} is at schema version {current}, newer than this bot ({latest}); "
                "upgrade the bot or point DATABASE_PATH at another file"
            )
        for number, name, sql in migrations:
            if number <= current:
                continue
            log.info("applying migration %s", name)
            async with self.transaction() as connection:
                # executescript would COMMIT the open transaction first; run statement by statement instead.
                for statement in _split_statements(sql):
                    await connection.execute(statement)
                await connection.execute(f"PRAGMA user_version = {number}")
        return await self.schema_version()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        async with self._write_lock:
            connection = self.connection
            await connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                await connection.execute("ROLLBACK")
                raise
            else:
                await connection.execute("COMMIT")

    async def fetch_all(self, sql: str, parameters: tuple | dict = ()) -> list[aiosqlite.Row]:
        # One trip to aiosqlite's thread (execute + fetch + close), not three: reads sit on every command's path.
        return list(await self.connection.execute_fetchall(sql, parameters))

    async def fetch_one(self, sql: str, parameters: tuple | dict = ()) -> aiosqlite.Row | None:
        """The first row of a query that returns one row (a key lookup, LIMIT 1, an aggregate)."""
        rows = await self.connection.execute_fetchall(sql, parameters)
        return next(iter(rows), None)

    async def execute(self, sql: str, parameters: tuple | dict = ()) -> int:
        """Run one writing statement in its own transaction; returns the last row id."""
        async with self.transaction() as connection, connection.execute(sql, parameters) as cursor:
            return cursor.lastrowid or 0

    async def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            await connection.close()


def _split_statements(script: str) -> list[str]:
    """Split a migration script into complete statements (sqlite3.complete_statement handles triggers)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise MigrationError(f"incomplete SQL statement at the end of a migration: {buffer.strip()[:80]!r}")
    return statements
