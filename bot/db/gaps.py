"""Every SQL statement of the ask gaps (table from migration 0003): what /ask could not answer, counted.

:class:`GapRepository` stores normalised questions with a count and when they were first and last asked; it
never sees who asked. The service (bot/services/gaps.py) decides what to record and when to purge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from bot.db.database import Database
from bot.db.timestamps import parse_ts, ts

#: How many gaps are kept at most; a new one beyond this evicts the least recently asked.
DEFAULT_GAP_CAPACITY = 5_000


class GapKind(StrEnum):
    UNANSWERED = "unanswered"  # /ask had no answer
    NOT_WHAT_I_ASKED = "not_what_i_asked"  # a fan pressed "Not what I asked" under an answer


@dataclass(frozen=True, slots=True)
class AskGap:
    question: str
    kind: GapKind
    count: int
    first_asked: datetime
    last_asked: datetime


class GapRepository:
    def __init__(self, database: Database, *, capacity: int = DEFAULT_GAP_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.database = database
        self.capacity = capacity

    async def record(self, question: str, kind: GapKind, at: datetime) -> int:
        """Count one more ask of ``question`` (inserted on its first); returns its count now.

        A new row beyond :attr:`capacity` evicts the least recently asked rows in the same transaction.
        """
        moment = ts(at)
        async with self.database.transaction() as connection:
            async with connection.execute(
                """INSERT INTO ask_gaps (question, kind, count, first_asked, last_asked)
                   VALUES (?, ?, 1, ?, ?)
                   ON CONFLICT (question, kind) DO UPDATE
                   SET count = count + 1, last_asked = max(last_asked, excluded.last_asked)
                   RETURNING count""",
                (question, kind.value, moment, moment),
            ) as cursor:
                row = await cursor.fetchone()
            count = int(row[0]) if row else 1
            if count == 1:  # only a new row can take the table over its cap
                await connection.execute(
                    """DELETE FROM ask_gaps WHERE id IN (
                           SELECT id FROM ask_gaps ORDER BY last_asked DESC, id DESC LIMIT -1 OFFSET ?)""",
                    (self.capacity,),
                )
        return count

    async def purge(self, before: datetime) -> int:
        """Delete the gaps last asked before ``before``; returns how many."""
        async with self.database.transaction() as connection:
            cursor = await connection.execute("DELETE FROM ask_gaps WHERE last_asked < ?", (ts(before),))
            deleted = cursor.rowcount
            await cursor.close()
        return max(deleted, 0)

    async def most_asked(self, limit: int, *, since: datetime) -> list[AskGap]:
        """The ``limit`` gaps asked most often (then most recently), leaving out those last asked before ``since``."""
        rows = await self.database.fetch_all(
            """SELECT question, kind, count, first_asked, last_asked FROM ask_gaps
               WHERE last_asked >= ? ORDER BY count DESC, last_asked DESC, id LIMIT ?""",
            (ts(since), limit),
        )
        return [_gap(row) for row in rows]

    async def count(self) -> int:
        row = await self.database.fetch_one("SELECT count(*) FROM ask_gaps")
        return int(row[0]) if row else 0


def _gap(row: aiosqlite.Row) -> AskGap:
    return AskGap(
        row["question"],
        GapKind(row["kind"]),
        int(row["count"]),
        parse_ts(row["first_asked"]),
        parse_ts(row["last_asked"]),
    )
