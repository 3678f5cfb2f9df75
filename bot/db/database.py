"""The SQLite database: a writer and a reader connection, WAL mode, foreign keys, and numbered migrations.

Migrations are the files ``migrations/NNNN_name.sql``; ``PRAGMA user_version`` records the last one applied, so
starting the bot on an empty or an existing database brings it to the current schema, each step in its own
transaction.

Writes and transactions go through one writer connection; reads go through a second, read-only connection. In
WAL mode a reader never waits for a writer, so a write stuck behind another process's lock (up to the busy
timeout) does not hold up every command's reads queued behind it on the same aiosqlite thread.

Every failure while opening closes what was opened (aiosqlite's worker threads would otherwise keep the process
alive) and becomes a :class:`DatabaseFileError` whose message is one line naming the file and what to do.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.errors import UserFacingError
from bot.i18n import translatable

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
MEMORY = ":memory:"
# A write waits this long for another process's write lock before giving up: short enough that a slash
# command can still answer within Discord's 3-second deadline.
BUSY_TIMEOUT_SECONDS = 2.0
_CORRUPT_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_ACCESS_CODES = frozenset(
    {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR}
)
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


class MigrationError(RuntimeError):
    """The database is newer than this code, or a migration failed."""


class DatabaseFileError(RuntimeError):
    """The database file cannot be used (damaged, not a database, unreadable, a directory, missing).

    str() is one line for the person running the bot: the file and what to do about it.
    """


class DatabaseBusyError(UserFacingError):
    """A write could not get the database's write lock within the busy timeout (another process holds it)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            translatable("The bot is busy saving something else; please try again in a moment."),
            title=translatable("Busy right now"),
        )
        self.path = path


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
    """The bot's SQLite database. Open with :meth:`open` (or :meth:`connect`), close with :meth:`close`.

    ``busy_timeout`` is how long a write waits for the write lock, held by another process or by another
    coroutine's transaction, before raising :class:`DatabaseBusyError`.
    """

    def __init__(self, path: Path | str, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> None:
        self.path = Path(path) if str(path) != MEMORY else path
        self.busy_timeout = busy_timeout
        self._writer: aiosqlite.Connection | None = None
        # None for an in-memory database: a second connection to ":memory:" would be another, empty database.
        self._reader: aiosqlite.Connection | None = None
        # aiosqlite serialises statements on one thread, but a transaction spans several awaits:
        # this lock keeps two coroutines' transactions from interleaving on the writer connection.
        self._write_lock = asyncio.Lock()
        # The task inside a transaction reads through the writer, so it sees its own uncommitted changes.
        self._transaction_task: asyncio.Task[object] | None = None
        #: Bumped when a write transaction of this process ends, committed or rolled back: what was read from
        #: memory kept under an older count may be stale (and a read that saw the count move is not kept).
        self.write_generation = 0

    @classmethod
    async def open(
        cls, path: Path | str, *, maintenance: bool = False, busy_timeout: float = BUSY_TIMEOUT_SECONDS
    ) -> Database:
        """Open (creating and migrating as needed); see :meth:`connect` for ``maintenance``."""
        database = cls(path, busy_timeout=busy_timeout)
        await database.connect(maintenance=maintenance)
        return database

    async def connect(self, *, maintenance: bool = False) -> None:
        """Open the connections, check the file quickly and apply pending migrations; a no-op when open.

        ``maintenance`` opens an existing file as it is, for ``db check`` and ``db backup``: nothing is created,
        migrated or refused for being damaged or newer (those commands are how one finds out).
        Raises DatabaseFileError or MigrationError, with every connection closed again.
        """
        if self._writer is not None:
            return
        if isinstance(self.path, Path):
            if self.path.is_dir():
                raise DatabaseFileError(
                    f"database {self.path} is a directory, not a file: point DATABASE_PATH at a file"
                )
            if maintenance and not self.path.exists():
                raise DatabaseFileError(f"database {self.path} does not exist: check DATABASE_PATH")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            writer = self._writer = await self._open_connection()
            await writer.execute("PRAGMA journal_mode = WAL")
            await writer.execute("PRAGMA synchronous = NORMAL")
            if not maintenance:
                await self._quick_check()
                await self.migrate()
            if self.path != MEMORY:
                reader = self._reader = await self._open_connection()
                # A guard: everything that writes must go through the writer and its transactions.
                await reader.execute("PRAGMA query_only = ON")
        except BaseException as error:
            await self.close()  # a refused or failed open must not leave the file open nor a thread running
            if isinstance(error, sqlite3.Error):
                raise self._unusable(error) from error
            if isinstance(error, DatabaseBusyError):  # a migration waited for another process's write lock
                raise self._locked(str(error.__cause__ or "database is locked")) from error
            raise

    async def _open_connection(self) -> aiosqlite.Connection:
        # sqlite3.connect runs in a short-lived thread first: when aiosqlite.connect itself fails, its worker
        # thread outlives the event loop and prints a second traceback.
        try:
            raw = await asyncio.to_thread(
                sqlite3.connect, self.path, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise self._unusable(error) from error
        connection = await aiosqlite.Connection(lambda: raw, 64)
        connection.row_factory = aiosqlite.Row
        try:
            await connection.execute(f"PRAGMA busy_timeout = {round(self.busy_timeout * 1000)}")
            await connection.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            await connection.close()
            raise
        return connection

    async def _quick_check(self) -> None:
        """Refuse a damaged file at start-up rather than fail halfway through a command or an import."""
        rows = await self.connection.execute_fetchall("PRAGMA quick_check(1)")
        problem = next(iter(rows))[0] if rows else "ok"
        if problem != "ok":
            raise self._damaged(" ".join(str(problem).split()))  # SQLite's report spans lines; keep one

    def _damaged(self, detail: str) -> DatabaseFileError:
        return DatabaseFileError(
            f"database {self.path} is damaged or not a SQLite database ({detail}): restore it from a backup, "
            "or move it aside to start with a new, empty one; `python -m bot db check` lists the damage"
        )

    def _unusable(self, error: sqlite3.Error) -> DatabaseFileError:
        """The one-line message for any SQLite error met while opening the file."""
        code = _primary_code(error)
        if code in _CORRUPT_CODES:
            return self._damaged(str(error))
        if code in _ACCESS_CODES:
            return DatabaseFileError(
                f"cannot open database {self.path} ({error}): check that this user may read and write the file "
                "and its folder, or point DATABASE_PATH at another file"
            )
        if code in _BUSY_CODES:
            return self._locked(str(error))
        return DatabaseFileError(f"cannot use database {self.path} ({error})")

    def _locked(self, detail: str) -> DatabaseFileError:
        return DatabaseFileError(
            f"database {self.path} is locked by another process ({detail}): let it finish, or stop it, and try again"
        )

    def _translated(self, error: sqlite3.Error) -> Exception | None:
        """The error to raise instead of a busy or damaged-file SQLite error met while running; None to keep it."""
        code = _primary_code(error)
        if code in _BUSY_CODES:
            return DatabaseBusyError(self.path)
        if code in _CORRUPT_CODES:
            return self._damaged(str(error))
        return None

    @property
    def connection(self) -> aiosqlite.Connection:
        """The writer connection (also used for reads inside a transaction and for an in-memory database)."""
        if self._writer is None:
            raise RuntimeError("the database is not open")
        return self._writer

    def _reading_connection(self) -> aiosqlite.Connection:
        if self._reader is None or asyncio.current_task() is self._transaction_task:
            return self.connection
        return self._reader

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
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception.

        Raises DatabaseBusyError when the write lock is not had within the busy timeout.
        """
        try:
            async with asyncio.timeout(self.busy_timeout):
                await self._write_lock.acquire()
        except TimeoutError:
            raise DatabaseBusyError(self.path) from None
        began = False
        try:
            connection = self.connection
            try:
                await connection.execute("BEGIN IMMEDIATE")  # waits up to busy_timeout for another process
            except sqlite3.Error as error:
                if (translated := self._translated(error)) is None:
                    raise
                raise translated from error
            self._transaction_task = asyncio.current_task()
            began = True
            try:
                yield connection
                await connection.execute("COMMIT")
            except BaseException as error:
                if connection.in_transaction:
                    await connection.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error) and (translated := self._translated(error)) is not None:
                    raise translated from error
                raise
        finally:
            if began:
                self.write_generation += 1
            self._transaction_task = None
            self._write_lock.release()

    async def fetch_all(self, sql: str, parameters: tuple | dict = ()) -> list[aiosqlite.Row]:
        # One trip to aiosqlite's thread (execute + fetch + close), not three: reads sit on every command's path.
        try:
            return list(await self._reading_connection().execute_fetchall(sql, parameters))
        except sqlite3.Error as error:
            if (translated := self._translated(error)) is None:
                raise
            raise translated from error

    async def fetch_one(self, sql: str, parameters: tuple | dict = ()) -> aiosqlite.Row | None:
        """The first row of a query that returns one row (a key lookup, LIMIT 1, an aggregate)."""
        return next(iter(await self.fetch_all(sql, parameters)), None)

    async def execute(self, sql: str, parameters: tuple | dict = ()) -> int:
        """Run one writing statement in its own transaction; returns the last row id."""
        async with self.transaction() as connection, connection.execute(sql, parameters) as cursor:
            return cursor.lastrowid or 0

    async def integrity_problems(self) -> list[str]:
        """What SQLite's full integrity check finds wrong with the file; empty when it is sound."""
        # On some damage the full check itself fails with "malformed" after problems it could have listed;
        # a check limited to fewer problems stops before that point, so try smaller limits in turn.
        failure: sqlite3.DatabaseError | None = None
        for limit in (None, 100, 10, 1):
            pragma = "PRAGMA integrity_check" if limit is None else f"PRAGMA integrity_check({limit})"
            try:
                rows = await self._reading_connection().execute_fetchall(pragma)
            except sqlite3.DatabaseError as error:
                failure = failure or error
                continue
            found = [line for row in rows for line in str(row[0]).splitlines()]
            if found == ["ok"] and failure is None:
                return []
            return [*found, f"(the check stopped early: {failure})"] if failure else found
        return [str(failure)]

    async def backup_to(self, target: Path, *, overwrite: bool = False) -> None:
        """Write a consistent copy of the database to ``target`` with SQLite's online backup.

        Safe while the bot runs: the copy is one read transaction on the reader connection, which in WAL mode
        neither waits for nor blocks the bot's writes. The copy is written next to ``target`` and renamed into
        place, so a failed backup leaves no half-written file. Refuses an existing ``target`` unless
        ``overwrite``.
        """
        partial = await asyncio.to_thread(_backup_scratch_file, target, overwrite)
        try:
            copy = await asyncio.to_thread(sqlite3.connect, partial, check_same_thread=False)
            try:
                await self._reading_connection().backup(copy)  # every page in one step: one snapshot
            finally:
                await asyncio.to_thread(copy.close)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)

    async def close(self) -> None:
        """Close both connections (stopping their threads), even if closing one of them fails."""
        connections = [connection for connection in (self._reader, self._writer) if connection is not None]
        self._reader = self._writer = None
        failure: BaseException | None = None
        for connection in connections:  # the writer last: the last connection to close checkpoints the WAL
            try:
                await connection.close()
            except BaseException as error:
                failure = failure or error
        if failure is not None:
            raise failure


def _backup_scratch_file(target: Path, overwrite: bool) -> Path:
    """Check that a backup may be written to ``target``; returns the file to write it to first."""
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a directory: name a file to write the backup to")
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists: choose another file, or add --force to replace it")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"the folder of {target} does not exist: create it first")
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    return partial


def _primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


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
