"""Migrations, failures while opening, the reader and writer connections, integrity check and backup."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.db import Database, DatabaseBusyError, DatabaseFileError, MigrationError
from bot.db.announcements import AnnouncementRepository
from bot.db.database import available_migrations
from bot.db.knowledge import KnowledgeRepository
from bot.errors import UserFacingError
from bot.services.answering import Answer, Answerer, PartialAnswer
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
    await KnowledgeService(KnowledgeRepository(db)).import_file(DATA_FILE)
    await db.close()

    reopened = await Database.open(path)
    try:
        assert await reopened.schema_version() == len(available_migrations())
        cast = await KnowledgeService(KnowledgeRepository(reopened)).cast()
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


async def test_facts_packed_in_the_topic_column_are_unpacked_by_the_upgrade(tmp_path: Path) -> None:
    """Before migration 0007 a fact's entities and question kinds rode in its topic ("topic|asks|entities").
    A bot upgraded with its data file unchanged does not re-import, so the upgrade itself must move them into
    their tables: /ask then answers from the upgraded rows as it did before."""
    current = tmp_path / "current.sqlite3"
    db = await Database.open(current)
    await KnowledgeService(KnowledgeRepository(db)).import_file(DATA_FILE)
    await db.close()

    # The same knowledge as the last release stored it: migrations 0001-0006 and the packed topic column.
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(old) as connection:
        for number, _, sql in available_migrations():
            if number < 7:
                connection.executescript(sql)
        connection.execute("PRAGMA user_version = 6")
        connection.execute("ATTACH DATABASE ? AS current", (str(current),))
        for table in (
            "sources",
            "films",
            "releases",
            "source_materials",
            "people",
            "person_works",
            "characters",
            "credits",
            "timeline_events",
            "data_imports",
        ):
            columns = ", ".join(row[1] for row in connection.execute(f"PRAGMA main.table_info({table})"))
            connection.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table}")
        connection.execute(
            """INSERT INTO main.facts (id, slug, topic, statement, keywords, source_id, as_of)
               SELECT f.id, f.slug,
                      f.topic || '|'
                      || coalesce((SELECT group_concat(kind, ',') FROM current.fact_asks a WHERE a.fact_id = f.id), '')
                      || '|'
                      || coalesce((SELECT group_concat(entity, ',') FROM current.fact_entities e
                                   WHERE e.fact_id = f.id), ''),
                      f.statement, f.keywords, f.source_id, f.as_of
               FROM current.facts f"""
        )
        packed = connection.execute(
            "SELECT topic FROM main.facts WHERE slug = 'cast-nick-nelson'"
        ).fetchone()[0]
        assert packed.startswith("cast|") and "kit-connor" in packed.split("|")[2]
        connection.commit()
        connection.execute("DETACH DATABASE current")

    db = await Database.open(old)
    try:
        assert await db.schema_version() == len(available_migrations())
        columns = {row["name"] for row in await db.fetch_all("PRAGMA table_info(source_materials)")}
        assert "aliases" in columns  # filled by the next import of a changed data file
        topics = {row["topic"] for row in await db.fetch_all("SELECT DISTINCT topic FROM facts")}
        assert topics and not any("|" in topic for topic in topics)
        # The data file is unchanged, so nothing is re-imported: the answers come from the upgraded rows.
        repository = KnowledgeRepository(db)
        report = await KnowledgeService(repository).import_file(DATA_FILE)
        assert not report.changed
        (nick,) = [
            match
            for match in await repository.facts_by_id(await repository.rank_facts('"nick"', 40))
            if match.slug == "cast-nick-nelson"
        ]
        assert nick.topic == "cast"
        assert {"nick-nelson", "kit-connor"} <= set(nick.entities) and "who" in nick.asks
        answerer = Answerer(repository)
        who = await answerer.answer("who plays nick?")
        assert isinstance(who, Answer) and "Kit Connor" in who.text
        # Tao's fact answers no "who" question (no actor announced): still not invented after the upgrade.
        tao = await answerer.answer("who plays tao?")
        assert isinstance(tao, PartialAnswer) and "who plays Tao" in tao.missing
    finally:
        await db.close()


@pytest.mark.parametrize(
    ("stored", "topic", "asks", "entities"),
    [
        ("cast", "cast", [], []),  # never packed: left as it is
        ("cast|", "cast", [], []),
        ("cast||", "cast", [], []),
        ("cast|who,whether|", "cast", ["whether", "who"], []),
        ("cast||kit-connor,nick-nelson", "cast", [], ["kit-connor", "nick-nelson"]),
        ("cast|who,,when|kit-connor,,nick-nelson", "cast", ["when", "who"], ["kit-connor", "nick-nelson"]),
    ],
)
async def test_the_upgrade_unpacks_every_shape_of_topic(
    tmp_path: Path, stored: str, topic: str, asks: list[str], entities: list[str]
) -> None:
    """Migration 0007's SQL split, on topics with no '|', empty lists and stray commas."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as connection:
        for number, _, sql in available_migrations():
            if number < 7:
                connection.executescript(sql)
        connection.execute("PRAGMA user_version = 6")
        connection.execute(
            "INSERT INTO sources (id, slug, title, as_of) VALUES (1, 'wiki', 'Wiki', '2025-07-28')"
        )
        connection.execute(
            "INSERT INTO facts (id, slug, topic, statement, keywords, source_id, as_of)"
            " VALUES (1, 'fact', ?, 'A statement.', '', 1, '2025-07-28')",
            (stored,),
        )
    db = await Database.open(path)
    try:
        row = await db.fetch_one("SELECT topic FROM facts WHERE id = 1")
        assert row is not None and row["topic"] == topic
        kinds = await db.fetch_all("SELECT kind FROM fact_asks WHERE fact_id = 1 ORDER BY kind")
        assert [r["kind"] for r in kinds] == asks
        named = await db.fetch_all("SELECT entity FROM fact_entities WHERE fact_id = 1 ORDER BY entity")
        assert [r["entity"] for r in named] == entities
    finally:
        await db.close()


async def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 999")
    with pytest.raises(MigrationError, match="newer than this bot"):
        await Database.open(path)


# ------------------------------------------------------------------------------------ failures while opening


def aiosqlite_threads() -> list[str]:
    """aiosqlite's connection worker threads still running (other tests' databases are closed by now)."""
    return [thread.name for thread in threading.enumerate() if "_connection_worker_thread" in thread.name]


async def test_failed_open_closes_everything_it_opened(tmp_path: Path) -> None:
    """aiosqlite's worker threads are not daemons: one left running keeps the process from exiting."""
    path = tmp_path / "random.sqlite3"
    path.write_bytes(os.urandom(16 * 1024))
    with pytest.raises(DatabaseFileError, match="restore it from a backup"):
        await Database.open(path)
    await asyncio.sleep(0.05)  # let the worker threads finish their last item
    assert aiosqlite_threads() == []


async def test_newer_database_refusal_closes_everything(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 999")
    connection.close()
    with pytest.raises(MigrationError):
        await Database.open(path)
    await asyncio.sleep(0.05)
    assert aiosqlite_threads() == []


# ------------------------------------------------------------------------- the reader and the writer connection

# Another process takes the write lock and keeps it until its standard input closes.
HOLD_WRITE_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""


@contextlib.contextmanager
def hold_write_lock_in_another_process(path: Path | str) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        if holder.stdin is not None:
            holder.stdin.close()
        holder.wait(timeout=10)


async def test_reads_answer_while_a_write_waits_for_another_process(
    database: Database, knowledge: KnowledgeService
) -> None:
    repository = AnnouncementRepository(database)
    with hold_write_lock_in_another_process(database.path):
        write_started = time.monotonic()
        write = asyncio.create_task(
            repository.upsert_reminder(
                user_id=42, milestone_days=None, timezone="Etc/UTC", now=datetime.now(UTC)
            )
        )
        await asyncio.sleep(0.2)  # the write now waits for the lock on the writer's thread

        read_started = time.monotonic()
        facts = await database.fetch_one("SELECT count(*) FROM facts")
        reminder = await repository.reminder(42)
        read_seconds = time.monotonic() - read_started
        print(f"reads while a write waits: {read_seconds * 1000:.1f} ms")
        assert facts is not None and facts[0] > 0 and reminder is None
        assert read_seconds < 0.5

        with pytest.raises(DatabaseBusyError) as refused:
            await write
        write_seconds = time.monotonic() - write_started
        print(f"busy write refused after {write_seconds:.2f} s")
        assert refused.value.message == "The bot is busy saving something else; please try again in a moment."
        assert isinstance(refused.value, UserFacingError)
        assert database.busy_timeout - 0.5 < write_seconds < database.busy_timeout + 2.5

    # The lock is free again: the same write goes through, and a read at once sees it.
    await repository.upsert_reminder(
        user_id=42, milestone_days=None, timezone="Etc/UTC", now=datetime.now(UTC)
    )
    assert await repository.reminder(42) is not None


async def test_a_write_waits_for_another_coroutines_transaction_only_up_to_the_busy_timeout(
    tmp_path: Path,
) -> None:
    database = await Database.open(tmp_path / "bot.sqlite3", busy_timeout=0.3)
    try:
        release = asyncio.Event()

        async def long_transaction() -> None:
            async with database.transaction():
                await release.wait()

        holder = asyncio.create_task(long_transaction())
        await asyncio.sleep(0.05)
        with pytest.raises(DatabaseBusyError):
            await database.execute("DELETE FROM facts")
        release.set()
        await holder
        await database.execute("DELETE FROM facts")  # the lock was released after the refusal
    finally:
        await database.close()


async def test_a_transaction_reads_its_own_writes_and_others_read_the_committed_state(
    database: Database,
) -> None:
    await database.execute("INSERT INTO sources (slug, title, as_of) VALUES ('one', 'One', '2025-01-01')")
    assert await database.fetch_one("SELECT slug FROM sources WHERE slug = 'one'") is not None

    async def count_from_another_task() -> int:
        row = await database.fetch_one("SELECT count(*) FROM sources")
        return int(row[0]) if row else -1

    async with database.transaction() as connection:
        await connection.execute(
            "INSERT INTO sources (slug, title, as_of) VALUES ('two', 'Two', '2025-01-01')"
        )
        inside = await database.fetch_one("SELECT count(*) FROM sources")
        outside = await asyncio.wait_for(asyncio.create_task(count_from_another_task()), 1)
    assert inside is not None and inside[0] == 2
    assert outside == 1  # the uncommitted row is invisible to, and does not block, other readers
    assert await count_from_another_task() == 2


async def test_the_read_connection_refuses_writes(database: Database) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        await database.fetch_all("DELETE FROM facts")


async def test_in_memory_database_reads_what_it_wrote() -> None:
    database = await Database.open(":memory:")
    try:
        await KnowledgeService(KnowledgeRepository(database)).import_file(DATA_FILE)
        cast = await KnowledgeService(KnowledgeRepository(database)).cast()
        assert any(member.actor == "Kit Connor" for member in cast)
    finally:
        await database.close()


# --------------------------------------------------------------------------------------- integrity and backup


async def test_integrity_problems_of_a_sound_database(
    database: Database, knowledge: KnowledgeService
) -> None:
    assert await database.integrity_problems() == []


async def test_backup_is_a_consistent_copy_while_another_connection_writes(
    database: Database, knowledge: KnowledgeService, tmp_path: Path
) -> None:
    other = sqlite3.connect(database.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM facts")  # not committed: the copy must not see it
        target = tmp_path / "copy.sqlite3"
        await asyncio.wait_for(database.backup_to(target), 5)
    finally:
        other.execute("ROLLBACK")
        other.close()
    copy = await Database.open(target)
    try:
        assert await copy.integrity_problems() == []
        original = await database.fetch_one("SELECT count(*) FROM facts")
        copied = await copy.fetch_one("SELECT count(*) FROM facts")
        assert original is not None and copied is not None and copied[0] == original[0] > 0
    finally:
        await copy.close()
    assert [name for name in os.listdir(tmp_path) if "partial" in name] == []


async def _setup_countdown(
    repository: AnnouncementRepository, guild_id: int, channel_id: int, **changes: object
) -> None:
    settings: dict[str, object] = {
        "guild_id": guild_id,
        "channel_id": channel_id,
        "role_id": None,
        "schedule": "weekly",
        "local_time": "18:00",
        "timezone": "Europe/London",
        "now": datetime(2026, 1, 1, tzinfo=UTC),
        **changes,
    }
    await repository.upsert_subscription(**settings)  # type: ignore[arg-type]


async def test_a_guilds_kept_countdown_settings_follow_every_write(database: Database) -> None:
    """/countdown reads a guild's settings from memory; any write (through any repository, or plain SQL) is seen
    by the next read."""
    repository = AnnouncementRepository(database)
    assert await repository.subscriptions_for_guild(1) == []
    await _setup_countdown(repository, 1, 10, role_id=5)
    assert [(r.channel_id, r.role_id) for r in await repository.subscriptions_for_guild(1)] == [(10, 5)]
    assert await repository.post_style(1) == "card"

    await _setup_countdown(repository, 1, 11, post_style="classic")
    assert await repository.post_style(1) == "classic"
    await database.execute(
        "UPDATE announcement_subscriptions SET timezone = 'Asia/Tokyo' WHERE channel_id = 10"
    )
    assert {r.channel_id: r.timezone for r in await repository.subscriptions_for_guild(1)} == {
        10: "Asia/Tokyo",
        11: "Europe/London",
    }
    # Another repository on the same database (the state of a paused channel, a dropped role...).
    await AnnouncementRepository(database).drop_role(1, 5, "gone", datetime(2026, 1, 2, tzinfo=UTC))
    assert [r.role_id for r in await repository.subscriptions_for_guild(1)] == [None, None]
    await repository.forget_guild(1)
    assert await repository.subscriptions_for_guild(1) == []
    assert await repository.post_style(1) is None


async def test_a_read_that_overlaps_a_write_is_not_kept(database: Database) -> None:
    """A read from the reader connection while a write is open sees the old rows: they must not be served after
    the write commits."""
    repository = AnnouncementRepository(database)
    await _setup_countdown(repository, 2, 20)

    async def read() -> list[str]:
        return [r.timezone for r in await repository.subscriptions_for_guild(2)]

    async with database.transaction() as connection:
        await connection.execute("UPDATE announcement_subscriptions SET timezone = 'America/Sao_Paulo'")
        during = await asyncio.wait_for(asyncio.create_task(read()), 1)
    assert during == ["Europe/London"]
    assert await read() == ["America/Sao_Paulo"]

    # A write that fails (rolled back) leaves what was read before it true.
    with contextlib.suppress(RuntimeError):
        async with database.transaction() as connection:
            await connection.execute("DELETE FROM announcement_subscriptions")
            raise RuntimeError("rolled back")
    assert await read() == ["America/Sao_Paulo"]


async def test_a_read_that_a_write_overtook_is_not_kept(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read answered before a write commits, but handed back after it (and after another guild's lookup
    refreshed the memory), is not kept: the next read sees the write."""
    repository = AnnouncementRepository(database)
    await _setup_countdown(repository, 3, 30)
    real_fetch_all = database.fetch_all
    fetched, release = asyncio.Event(), asyncio.Event()

    async def slow_fetch_all(sql: str, parameters: tuple | dict = ()) -> list:  # type: ignore[type-arg]
        rows = await real_fetch_all(sql, parameters)
        if parameters == (3,) and not release.is_set():
            fetched.set()
            await release.wait()
        return rows

    monkeypatch.setattr(database, "fetch_all", slow_fetch_all)
    overtaken = asyncio.create_task(repository.subscriptions_for_guild(3))
    await asyncio.wait_for(fetched.wait(), 5)
    await database.execute("UPDATE announcement_subscriptions SET timezone = 'Asia/Tokyo' WHERE guild_id = 3")
    await repository.subscriptions_for_guild(4)
    release.set()
    assert [r.timezone for r in await overtaken] == ["Europe/London"]
    assert [r.timezone for r in await repository.subscriptions_for_guild(3)] == ["Asia/Tokyo"]


async def test_what_another_process_writes_is_seen_within_seconds(tmp_path: Path) -> None:
    """Another process sharing the file (the old and the new bot overlap in a restart) writes without this one
    knowing: the kept settings are read again after a few seconds."""
    from bot.db.announcements import GUILD_CACHE_SECONDS

    seconds = [100.0]
    mine, other = (
        await Database.open(tmp_path / "shared.sqlite3"),
        await Database.open(tmp_path / "shared.sqlite3"),
    )
    try:
        repository = AnnouncementRepository(mine, monotonic=lambda: seconds[0])
        await _setup_countdown(repository, 5, 50)
        assert await repository.post_style(5) == "card"
        await other.execute("UPDATE announcement_subscriptions SET post_style = 'classic' WHERE guild_id = 5")
        seconds[0] += GUILD_CACHE_SECONDS + 0.1
        assert await repository.post_style(5) == "classic"
    finally:
        await mine.close()
        await other.close()
