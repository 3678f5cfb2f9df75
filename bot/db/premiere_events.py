"""SQL for the premiere's Guild Scheduled Event (migration 0009): one row per server, the event's delivery record.

The service decides; this module stores. Every state change is one statement (or one transaction), and the
create claim is conditional, so two runs cannot both claim one server's create.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.db.database import Database
from bot.db.timestamps import from_ts, ts
from bot.phrases import from_stored, stored

__all__ = ["PremiereEventRecord", "PremiereEventRepository"]


@dataclass(frozen=True, slots=True)
class PremiereEventRecord:
    guild_id: int
    wanted: bool
    generation: int
    state: str  # 'waiting' | 'creating' | 'scheduled' | 'canceled' | 'deleted'
    event_id: int | None
    release_key: str | None
    reason: str | None
    claimed_at: datetime | None
    updated_at: datetime

    @property
    def delivery_key(self) -> str:
        """What the event's marker is derived from: one event per server and generation."""
        return f"event:{self.guild_id}:{self.generation}"


def _record(row: aiosqlite.Row) -> PremiereEventRecord:
    updated = from_ts(row["updated_at"])
    assert updated is not None
    return PremiereEventRecord(
        guild_id=row["guild_id"],
        wanted=bool(row["wanted"]),
        generation=row["generation"],
        state=row["state"],
        event_id=row["event_id"],
        release_key=row["release_key"],
        reason=from_stored(row["reason"]),
        claimed_at=from_ts(row["claimed_at"]),
        updated_at=updated,
    )


class PremiereEventRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def get(self, guild_id: int) -> PremiereEventRecord | None:
        row = await self.database.fetch_one("SELECT * FROM premiere_events WHERE guild_id = ?", (guild_id,))
        return _record(row) if row else None

    async def wanted(self) -> list[PremiereEventRecord]:
        """Every server that wants the event and still has a countdown set up."""
        rows = await self.database.fetch_all(
            "SELECT * FROM premiere_events WHERE wanted = 1 AND guild_id IN "
            "(SELECT guild_id FROM announcement_subscriptions) ORDER BY guild_id"
        )
        return [_record(row) for row in rows]

    async def set_wanted(self, guild_id: int, wanted: bool | None, now: datetime) -> PremiereEventRecord:
        """The admin's choice at setup (None: keep it; on for a server new to it). Asking for it explicitly
        after a moderator deleted the event is a request for a new one: the row starts over with the next
        generation (a new marker)."""
        stamp = ts(now)
        async with self.database.transaction() as connection:
            await connection.execute(
                "INSERT INTO premiere_events (guild_id, wanted, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET wanted = coalesce(?, wanted), updated_at = excluded.updated_at",
                (guild_id, int(wanted is not False), stamp, None if wanted is None else int(wanted)),
            )
            if wanted:
                await connection.execute(
                    "UPDATE premiere_events SET state = 'waiting', generation = generation + 1, event_id = NULL, "
                    "release_key = NULL, reason = NULL WHERE guild_id = ? AND state = 'deleted'",
                    (guild_id,),
                )
        record = await self.get(guild_id)
        assert record is not None
        return record

    async def claim_create(self, guild_id: int, generation: int, now: datetime) -> bool:
        """'waiting' -> 'creating' for this generation, before Discord is asked; False when another run has it."""
        async with self.database.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE premiere_events SET state = 'creating', claimed_at = ?, updated_at = ? "
                "WHERE guild_id = ? AND generation = ? AND state = 'waiting'",
                (ts(now), ts(now), guild_id, generation),
            )
            return cursor.rowcount == 1

    async def start_over(self, guild_id: int, now: datetime) -> None:
        """After a cancelled event: the next exact time gets a new event, under a new key."""
        async with self.database.transaction() as connection:
            await connection.execute(
                "UPDATE premiere_events SET state = 'waiting', generation = generation + 1, event_id = NULL, "
                "release_key = NULL, updated_at = ? WHERE guild_id = ? AND state = 'canceled'",
                (ts(now), guild_id),
            )

    async def record_event(
        self,
        guild_id: int,
        *,
        state: str,
        event_id: int | None,
        release_key: str | None,
        reason: str | None,
        now: datetime,
    ) -> None:
        async with self.database.transaction() as connection:
            await connection.execute(
                "UPDATE premiere_events SET state = ?, event_id = ?, release_key = ?, reason = ?, updated_at = ? "
                "WHERE guild_id = ?",
                (state, event_id, release_key, stored(reason), ts(now), guild_id),
            )

    async def record_reason(
        self, guild_id: int, reason: str | None, now: datetime, *, state: str | None = None
    ) -> None:
        async with self.database.transaction() as connection:
            await connection.execute(
                "UPDATE premiere_events SET reason = ?, state = coalesce(?, state), updated_at = ? WHERE guild_id = ?",
                (stored(reason), state, ts(now), guild_id),
            )

    async def mark_deleted(self, guild_id: int, event_id: int, now: datetime) -> bool:
        """A moderator deleted the server's event: remembered, never re-created (see the service)."""
        async with self.database.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE premiere_events SET state = 'deleted', reason = NULL, updated_at = ? "
                "WHERE guild_id = ? AND event_id = ? AND state IN ('scheduled', 'creating')",
                (ts(now), guild_id, event_id),
            )
            return cursor.rowcount == 1

    async def guild_ids(self) -> set[int]:
        rows = await self.database.fetch_all("SELECT guild_id FROM premiere_events")
        return {int(row[0]) for row in rows}

    async def forget_guild(self, guild_id: int) -> None:
        async with self.database.transaction() as connection:
            await connection.execute("DELETE FROM premiere_events WHERE guild_id = ?", (guild_id,))
