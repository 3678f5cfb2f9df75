"""Every SQL statement of the announcements feature (tables from migration 0002).

:class:`AnnouncementRepository` wraps the shared :class:`~bot.db.database.Database`; it returns plain frozen
records and knows nothing about schedules, Discord or time zones. The services decide, this module stores.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.db.database import Database
from bot.db.timestamps import from_ts, parse_ts, ts
from bot.domain.release import Precision, ReleaseDate
from bot.phrases import from_stored, phrase, stored


def release_to_json(release: ReleaseDate) -> str:
    return json.dumps(
        {
            "precision": release.precision.value,
            "year": release.year,
            "month": release.month,
            "day": release.day,
            "instant": ts(release.instant) if release.instant is not None else None,
            "timezone": release.timezone,
        },
        sort_keys=True,
    )


def release_from_json(text: str) -> ReleaseDate:
    data = json.loads(text)
    return ReleaseDate(
        precision=Precision(data["precision"]),
        year=data["year"],
        month=data.get("month"),
        day=data.get("day"),
        instant=from_ts(data.get("instant")),
        timezone=data.get("timezone"),
    )


# --------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    id: int
    guild_id: int
    channel_id: int
    role_id: int | None
    schedule: str
    local_time: str
    timezone: str
    state: str
    state_reason: str | None
    created_at: datetime
    updated_at: datetime
    handled_until: datetime
    news_seen: int
    notice: str | None = None  # something to tell admins about a channel still posting (a deleted ping role)
    language: str | None = None  # the posts' Discord locale; None: the server's preferred locale (0011)
    live_message_id: int | None = None  # schedule 'live': the message updates edit (migration 0010)
    live_digest: str | None = None  # ... and a digest of what it shows
    post_style: str = "card"  # 'card' or 'classic': the server's choice, the same on each of its channels


@dataclass(frozen=True, slots=True)
class ReminderRecord:
    user_id: int
    milestone_days: int | None
    timezone: str
    state: str
    state_reason: str | None
    created_at: datetime
    updated_at: datetime
    handled_until: datetime
    lead_hours: int | None = None  # hours before an exact release time (migration 0008)
    language: str | None = None  # the DMs' Discord locale, the fan's when they set it (0011); None: English


@dataclass(frozen=True, slots=True)
class ReleaseStateRecord:
    release: ReleaseDate
    changed_at: datetime | None
    observed_at: datetime


@dataclass(frozen=True, slots=True)
class NewsRecord:
    id: int
    previous: ReleaseDate
    current: ReleaseDate
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NewDelivery:
    """A delivery row about to be inserted (state 'sending', 'skipped' or 'folded')."""

    delivery_key: str
    target_kind: str
    target_id: int
    guild_id: int | None
    occasion: str
    kind: str
    days_left: int | None
    news_id: int | None
    due_at: datetime
    state: str
    nonce: str
    late: bool = False
    folded_count: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    id: int
    delivery_key: str
    target_kind: str
    target_id: int
    guild_id: int | None
    occasion: str
    kind: str
    days_left: int | None
    news_id: int | None
    due_at: datetime
    state: str
    nonce: str
    late: bool
    folded_count: int
    attempts: int
    message_id: int | None
    error: str | None
    owner: str | None
    created_at: datetime  # when it was claimed
    updated_at: datetime
    next_attempt_at: datetime | None = None  # a 'sending' row waiting to be retried


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """The result of sending one delivery, written back in batches."""

    delivery_id: int
    state: str  # 'sent' | 'failed' | 'closed_dm' | 'skipped'
    attempts: int
    at: datetime
    message_id: int | None = None
    error: str | None = None


def _subscription(row: aiosqlite.Row) -> SubscriptionRecord:
    return SubscriptionRecord(
        id=row["id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        role_id=row["role_id"],
        schedule=row["schedule"],
        local_time=row["local_time"],
        timezone=row["timezone"],
        state=row["state"],
        state_reason=from_stored(row["state_reason"]),
        created_at=parse_ts(row["created_at"]),
        updated_at=parse_ts(row["updated_at"]),
        handled_until=parse_ts(row["handled_until"]),
        news_seen=row["news_seen"],
        notice=from_stored(row["notice"]),
        language=row["language"],
        live_message_id=row["live_message_id"],
        live_digest=row["live_digest"],
        post_style=row["post_style"],
    )


def _reminder(row: aiosqlite.Row) -> ReminderRecord:
    return ReminderRecord(
        user_id=row["user_id"],
        milestone_days=row["milestone_days"],
        lead_hours=row["lead_hours"],
        language=row["language"],
        timezone=row["timezone"],
        state=row["state"],
        state_reason=from_stored(row["state_reason"]),
        created_at=parse_ts(row["created_at"]),
        updated_at=parse_ts(row["updated_at"]),
        handled_until=parse_ts(row["handled_until"]),
    )


def _news(row: aiosqlite.Row) -> NewsRecord:
    return NewsRecord(
        id=row["id"],
        previous=release_from_json(row["previous_json"]),
        current=release_from_json(row["current_json"]),
        created_at=parse_ts(row["created_at"]),
    )


def _delivery(row: aiosqlite.Row) -> DeliveryRecord:
    return DeliveryRecord(
        id=row["id"],
        delivery_key=row["delivery_key"],
        target_kind=row["target_kind"],
        target_id=row["target_id"],
        guild_id=row["guild_id"],
        occasion=row["occasion"],
        kind=row["kind"],
        days_left=row["days_left"],
        news_id=row["news_id"],
        due_at=parse_ts(row["due_at"]),
        state=row["state"],
        nonce=row["nonce"],
        late=bool(row["late"]),
        folded_count=row["folded_count"],
        attempts=row["attempts"],
        message_id=row["message_id"],
        error=from_stored(row["error"]),
        owner=row["owner"],
        created_at=parse_ts(row["created_at"]),
        updated_at=parse_ts(row["updated_at"]),
        next_attempt_at=from_ts(row["next_attempt_at"]),
    )


async def _all(
    connection: aiosqlite.Connection, sql: str, parameters: Sequence[Any] = ()
) -> list[aiosqlite.Row]:
    async with connection.execute(sql, parameters) as cursor:
        return list(await cursor.fetchall())


# --------------------------------------------------------------------------------------------- claiming


class ClaimTransaction:
    """Operations available inside :meth:`AnnouncementRepository.claim` (one BEGIN IMMEDIATE transaction).

    Because the transaction holds SQLite's write lock, "which keys exist" and "insert the missing ones" cannot
    interleave with another round, in this process or another one.
    """

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def existing_keys(self, keys: Iterable[str]) -> set[str]:
        wanted = list(keys)
        if not wanted:
            return set()
        rows = await _all(
            self._connection,
            "SELECT delivery_key FROM announcement_deliveries "
            "WHERE delivery_key IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
        return {row[0] for row in rows}

    async def insert(self, rows: Sequence[NewDelivery], *, owner: str, now: datetime) -> list[DeliveryRecord]:
        """Insert new delivery rows; returns the inserted rows in state 'sending' (the ones to send)."""
        if not rows:
            return []
        stamp = ts(now)
        await self._connection.executemany(
            """INSERT INTO announcement_deliveries
                   (delivery_key, target_kind, target_id, guild_id, occasion, kind, days_left, news_id, due_at,
                    state, nonce, late, folded_count, attempts, error, owner, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""",
            [
                (
                    row.delivery_key,
                    row.target_kind,
                    row.target_id,
                    row.guild_id,
                    row.occasion,
                    row.kind,
                    row.days_left,
                    row.news_id,
                    ts(row.due_at),
                    row.state,
                    row.nonce,
                    int(row.late),
                    row.folded_count,
                    stored(row.error),
                    owner if row.state == "sending" else None,
                    stamp,
                    stamp,
                )
                for row in rows
            ],
        )
        sending = [row.delivery_key for row in rows if row.state == "sending"]
        if not sending:
            return []
        found = await _all(
            self._connection,
            "SELECT * FROM announcement_deliveries WHERE delivery_key IN (SELECT value FROM json_each(?)) "
            "ORDER BY due_at, id",
            (json.dumps(sending),),
        )
        return [_delivery(row) for row in found]

    async def adopt_orphans(
        self,
        *,
        live_owners: Iterable[str],
        exclude_ids: Iterable[int],
        owner: str,
        resend_after: datetime,
        now: datetime,
    ) -> tuple[list[DeliveryRecord], list[DeliveryRecord]]:
        """Take over 'sending' rows to send again: left by a dispatcher that is not running (a crash or restart),
        or waiting for a retry that is now due.

        Rows owned by one of ``live_owners``, listed in ``exclude_ids`` (in flight right now) or whose retry is
        not due yet are left alone. Rows due at or after ``resend_after`` are re-owned and returned first (to be
        re-sent with the same nonce); older ones are closed and returned second: 'failed' (lost, with the last
        attempt's reason) when an attempt had failed, else 'skipped'.
        """
        stamp = ts(now)
        rows = await _all(
            self._connection,
            "SELECT * FROM announcement_deliveries WHERE state = 'sending' "
            "AND (owner IS NULL OR owner NOT IN (SELECT value FROM json_each(?))) "
            "AND id NOT IN (SELECT value FROM json_each(?)) "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY due_at, id",
            (json.dumps(sorted(live_owners)), json.dumps(sorted(exclude_ids)), stamp),
        )
        orphans = [_delivery(row) for row in rows]
        cutoff = ts(resend_after)
        resend = [row for row in orphans if ts(row.due_at) >= cutoff]
        stale = [row for row in orphans if ts(row.due_at) < cutoff]
        if resend:
            await self._connection.executemany(
                "UPDATE announcement_deliveries SET owner = ?, updated_at = ? WHERE id = ?",
                [(owner, stamp, row.id) for row in resend],
            )
        if stale:
            await self._connection.executemany(
                "UPDATE announcement_deliveries SET state = ?, error = ?, "
                "owner = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?",
                [
                    (
                        "failed" if row.error is not None else "skipped",
                        stored(
                            phrase("delivery.lost_after_restart", reason=row.error)
                            if row.error is not None
                            else phrase("delivery.interrupted")
                        ),
                        stamp,
                        row.id,
                    )
                    for row in stale
                ],
            )
        return resend, stale

    async def mark_subscriptions_handled(self, items: Sequence[tuple[int, datetime, int]]) -> None:
        """(subscription id, handled_until, news_seen) for every subscription planned in this round."""
        if items:
            await self._connection.executemany(
                "UPDATE announcement_subscriptions SET handled_until = max(handled_until, ?), "
                "news_seen = max(news_seen, ?) WHERE id = ?",
                [(ts(until), news_seen, sub_id) for sub_id, until, news_seen in items],
            )

    async def mark_reminders_handled(self, items: Sequence[tuple[int, datetime]]) -> None:
        if items:
            await self._connection.executemany(
                "UPDATE announcement_reminders SET handled_until = max(handled_until, ?) WHERE user_id = ?",
                [(ts(until), user_id) for user_id, until in items],
            )


# --------------------------------------------------------------------------------------------- repository


#: How many guilds' countdown settings are kept in memory (the servers where /countdown was used lately), and
#: for how long at most: what another process sharing the file wrote (a restart's overlap) is seen by then.
GUILD_CACHE_ENTRIES = 4096
GUILD_CACHE_SECONDS = 5.0


class AnnouncementRepository:
    """SQL for subscriptions, reminders, the release state, news and deliveries."""

    def __init__(self, database: Database, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.database = database
        # A guild's countdown settings, read on every /countdown (post style, ping role, time zone): kept until
        # this process writes anything to the database, which is how they change (the command line tools touch
        # the knowledge, not the announcements), or for a few seconds at most.
        self._guilds: OrderedDict[int, tuple[float, tuple[SubscriptionRecord, ...]]] = OrderedDict()
        self._guilds_generation = -1
        self._monotonic = monotonic

    # ---- subscriptions

    async def upsert_subscription(
        self,
        *,
        guild_id: int,
        channel_id: int,
        role_id: int | None,
        schedule: str,
        local_time: str,
        timezone: str,
        now: datetime,
        post_style: str = "card",
    ) -> tuple[SubscriptionRecord, bool]:
        """Create or replace the configuration of one channel; returns (record, replaced_an_existing_one).

        A (re)configured channel starts active and counts from ``now``: nothing due before it is posted, and
        news that happened before it is not announced again.
        """
        stamp = ts(now)
        async with self.database.transaction() as connection:
            existing = await _all(
                connection,
                "SELECT id FROM announcement_subscriptions WHERE guild_id = ? AND channel_id = ?",
                (guild_id, channel_id),
            )
            await connection.execute(
                """INSERT INTO announcement_subscriptions
                       (guild_id, channel_id, role_id, schedule, local_time, timezone, state, state_reason,
                        created_at, updated_at, handled_until, news_seen, post_style)
                   VALUES (?, ?, ?, ?, ?, ?, 'active', NULL, ?, ?, ?,
                           (SELECT coalesce(max(id), 0) FROM announcement_news), ?)
                   ON CONFLICT (guild_id, channel_id) DO UPDATE SET
                       role_id = excluded.role_id, schedule = excluded.schedule,
                       local_time = excluded.local_time, timezone = excluded.timezone,
                       state = 'active', state_reason = NULL, notice = NULL, updated_at = excluded.updated_at,
                       handled_until = excluded.handled_until, news_seen = excluded.news_seen,
                       -- a schedule that changes forgets the live message: back to 'live' posts a fresh one;
                       -- so does a card turned classic (Discord keeps a card a card: no edit makes it the embed)
                       live_message_id = CASE WHEN excluded.schedule = announcement_subscriptions.schedule
                                               AND NOT (excluded.post_style = 'classic'
                                                        AND announcement_subscriptions.post_style = 'card')
                                         THEN announcement_subscriptions.live_message_id END,
                       live_digest = CASE WHEN excluded.schedule = announcement_subscriptions.schedule
                                           AND NOT (excluded.post_style = 'classic'
                                                    AND announcement_subscriptions.post_style = 'card')
                                     THEN announcement_subscriptions.live_digest END,
                       post_style = excluded.post_style""",
                (
                    guild_id,
                    channel_id,
                    role_id,
                    schedule,
                    local_time,
                    timezone,
                    stamp,
                    stamp,
                    stamp,
                    post_style,
                ),
            )
            # A server-wide choice: the server's other channels follow it.
            await connection.execute(
                "UPDATE announcement_subscriptions SET post_style = ?, "
                "live_message_id = CASE WHEN ? = 'classic' THEN NULL ELSE live_message_id END, "
                "live_digest = CASE WHEN ? = 'classic' THEN NULL ELSE live_digest END "
                "WHERE guild_id = ? AND post_style != ?",
                (post_style, post_style, post_style, guild_id, post_style),
            )
            rows = await _all(
                connection,
                "SELECT * FROM announcement_subscriptions WHERE guild_id = ? AND channel_id = ?",
                (guild_id, channel_id),
            )
        return _subscription(rows[0]), bool(existing)

    async def post_style(self, guild_id: int) -> str | None:
        """The server's post style, or None when it has no countdown set up."""
        records = await self.subscriptions_for_guild(guild_id)
        return min(records, key=lambda record: record.id).post_style if records else None

    async def set_language(self, guild_id: int, channel_id: int, language: str | None) -> None:
        """The language of one channel's posts (a Discord locale), or None for the server's own."""
        await self.database.execute(
            "UPDATE announcement_subscriptions SET language = ? WHERE guild_id = ? AND channel_id = ?",
            (language, guild_id, channel_id),
        )

    async def subscriptions_for_guild(self, guild_id: int) -> list[SubscriptionRecord]:
        """The guild's countdown channels, by channel id (from memory while nothing was written since)."""
        generation = self.database.write_generation
        if generation != self._guilds_generation:
            self._guilds.clear()
            self._guilds_generation = generation
        now = self._monotonic()
        cached = self._guilds.get(guild_id)
        if cached is not None and now - cached[0] < GUILD_CACHE_SECONDS:
            self._guilds.move_to_end(guild_id)
            return list(cached[1])
        rows = await self.database.fetch_all(
            "SELECT * FROM announcement_subscriptions WHERE guild_id = ? ORDER BY channel_id", (guild_id,)
        )
        records = tuple(_subscription(row) for row in rows)
        # Kept only when no write ended meanwhile: the read may predate what it committed.
        if self.database.write_generation == generation:
            self._guilds[guild_id] = (now, records)
            self._guilds.move_to_end(guild_id)
            if len(self._guilds) > GUILD_CACHE_ENTRIES:
                self._guilds.popitem(last=False)
        return list(records)

    async def guilds_with_paused_or_ping(self) -> set[int]:
        """Guilds with a paused countdown or a ping role: the ones whose arrival needs a look (one query)."""
        rows = await self.database.fetch_all(
            "SELECT DISTINCT guild_id FROM announcement_subscriptions "
            "WHERE state = 'paused' OR role_id IS NOT NULL"
        )
        return {int(row[0]) for row in rows}

    async def guilds_with_subscriptions(self) -> set[int]:
        rows = await self.database.fetch_all("SELECT DISTINCT guild_id FROM announcement_subscriptions")
        return {int(row[0]) for row in rows}

    async def count_paused_subscriptions(self) -> int:
        """How many countdown channels are paused (the bot lacks a permission there): a metrics gauge."""
        row = await self.database.fetch_one(
            "SELECT COUNT(*) FROM announcement_subscriptions WHERE state = 'paused'"
        )
        return int(row[0]) if row is not None else 0

    async def active_subscriptions(self) -> list[SubscriptionRecord]:
        rows = await self.database.fetch_all(
            "SELECT * FROM announcement_subscriptions WHERE state = 'active' ORDER BY id"
        )
        return [_subscription(row) for row in rows]

    async def delete_subscriptions(self, guild_id: int, channel_id: int | None = None) -> int:
        """Stop posting in one channel (or every channel of the guild). Delivery history is kept, so a later
        setup of the same channel never repeats an occasion already posted there."""
        async with self.database.transaction() as connection:
            if channel_id is None:
                cursor = await connection.execute(
                    "DELETE FROM announcement_subscriptions WHERE guild_id = ?", (guild_id,)
                )
            else:
                cursor = await connection.execute(
                    "DELETE FROM announcement_subscriptions WHERE guild_id = ? AND channel_id = ?",
                    (guild_id, channel_id),
                )
            return cursor.rowcount

    async def resume_subscriptions(self, guild_id: int, channel_ids: Sequence[int], now: datetime) -> int:
        """Paused channels of a guild become active again (their permissions are back); returns how many."""
        if not channel_ids:
            return 0
        async with self.database.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE announcement_subscriptions SET state = 'active', state_reason = NULL, updated_at = ? "
                "WHERE guild_id = ? AND state = 'paused' AND channel_id IN (SELECT value FROM json_each(?))",
                (ts(now), guild_id, json.dumps(list(channel_ids))),
            )
            return cursor.rowcount

    async def drop_role(self, guild_id: int, role_id: int, notice: str, now: datetime) -> int:
        """The ping role was deleted: its channels stop pinging it, with ``notice`` for status."""
        async with self.database.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE announcement_subscriptions SET role_id = NULL, notice = ?, updated_at = ? "
                "WHERE guild_id = ? AND role_id = ?",
                (stored(notice), ts(now), guild_id, role_id),
            )
            return cursor.rowcount

    async def forget_guild(self, guild_id: int) -> int:
        """Remove every setting and every delivery record of a guild (the bot left it)."""
        async with self.database.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM announcement_subscriptions WHERE guild_id = ?", (guild_id,)
            )
            removed = cursor.rowcount
            await connection.execute("DELETE FROM announcement_deliveries WHERE guild_id = ?", (guild_id,))
            return removed

    # ---- reminders

    async def upsert_reminder(
        self,
        *,
        user_id: int,
        milestone_days: int | None,
        timezone: str,
        now: datetime,
        lead_hours: int | None = None,
        language: str | None = None,
    ) -> ReminderRecord:
        stamp = ts(now)
        async with self.database.transaction() as connection:
            await connection.execute(
                """INSERT INTO announcement_reminders
                       (user_id, milestone_days, lead_hours, timezone, language, state, state_reason, created_at,
                        updated_at, handled_until)
                   VALUES (?, ?, ?, ?, ?, 'active', NULL, ?, ?, ?)
                   ON CONFLICT (user_id) DO UPDATE SET
                       milestone_days = excluded.milestone_days, lead_hours = excluded.lead_hours,
                       timezone = excluded.timezone, language = excluded.language,
                       state = 'active', state_reason = NULL, updated_at = excluded.updated_at,
                       handled_until = excluded.handled_until""",
                (user_id, milestone_days, lead_hours, timezone, language, stamp, stamp, stamp),
            )
            rows = await _all(
                connection, "SELECT * FROM announcement_reminders WHERE user_id = ?", (user_id,)
            )
        return _reminder(rows[0])

    async def reminder(self, user_id: int) -> ReminderRecord | None:
        row = await self.database.fetch_one(
            "SELECT * FROM announcement_reminders WHERE user_id = ?", (user_id,)
        )
        return _reminder(row) if row else None

    async def delete_reminder(self, user_id: int) -> bool:
        async with self.database.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM announcement_reminders WHERE user_id = ?", (user_id,)
            )
            return cursor.rowcount > 0

    async def active_reminders(self) -> list[ReminderRecord]:
        rows = await self.database.fetch_all(
            "SELECT * FROM announcement_reminders WHERE state = 'active' ORDER BY user_id"
        )
        return [_reminder(row) for row in rows]

    # ---- release state and news

    async def observe_release(
        self, release: ReleaseDate, now: datetime
    ) -> tuple[ReleaseStateRecord, NewsRecord | None]:
        """Record the release as seen now. The first observation is a baseline; a later one with a different
        ``key()`` updates the state and adds one news row, atomically. Returns (state, new news or None)."""
        key = release.key()
        stamp = ts(now)
        async with self.database.transaction() as connection:
            rows = await _all(connection, "SELECT * FROM announcement_release_state WHERE id = 1")
            news: NewsRecord | None = None
            if not rows:
                await connection.execute(
                    "INSERT INTO announcement_release_state (id, release_key, release_json, changed_at, "
                    "observed_at) VALUES (1, ?, ?, NULL, ?)",
                    (key, release_to_json(release), stamp),
                )
                changed_at = None
            elif rows[0]["release_key"] != key:
                previous_json = rows[0]["release_json"]
                cursor = await connection.execute(
                    "INSERT INTO announcement_news (previous_key, previous_json, current_key, current_json, "
                    "created_at) VALUES (?, ?, ?, ?, ?)",
                    (rows[0]["release_key"], previous_json, key, release_to_json(release), stamp),
                )
                await connection.execute(
                    "UPDATE announcement_release_state SET release_key = ?, release_json = ?, changed_at = ?, "
                    "observed_at = ? WHERE id = 1",
                    (key, release_to_json(release), stamp, stamp),
                )
                news = NewsRecord(
                    id=cursor.lastrowid or 0,
                    previous=release_from_json(previous_json),
                    current=release,
                    created_at=now,
                )
                changed_at = now
            else:
                await connection.execute(
                    "UPDATE announcement_release_state SET observed_at = ? WHERE id = 1", (stamp,)
                )
                changed_at = from_ts(rows[0]["changed_at"])
        return ReleaseStateRecord(release=release, changed_at=changed_at, observed_at=now), news

    async def all_news(self) -> list[NewsRecord]:
        rows = await self.database.fetch_all("SELECT * FROM announcement_news ORDER BY id")
        return [_news(row) for row in rows]

    # ---- deliveries

    @asynccontextmanager
    async def claim(self) -> AsyncIterator[ClaimTransaction]:
        """One write transaction for a planning round; see :class:`ClaimTransaction`."""
        async with self.database.transaction() as connection:
            yield ClaimTransaction(connection)

    async def record_outcomes(
        self,
        outcomes: Sequence[DeliveryOutcome],
        *,
        subscription_states: Sequence[tuple[int, str, str, datetime]] = (),
        reminder_states: Sequence[tuple[int, str, str, datetime]] = (),
        live_messages: Sequence[tuple[int, int, str | None]] = (),
    ) -> None:
        """Write a batch of send results, plus subscription/reminder state changes ((id, state, reason, at)),
        and live messages posted or edited ((subscription id, message id, digest)), in one transaction. Only
        'sending' rows are updated, so a late duplicate result changes nothing."""
        if not outcomes and not subscription_states and not reminder_states and not live_messages:
            return
        async with self.database.transaction() as connection:
            if outcomes:
                await connection.executemany(
                    "UPDATE announcement_deliveries SET state = ?, message_id = coalesce(?, message_id), "
                    "attempts = attempts + ?, error = ?, owner = NULL, next_attempt_at = NULL, updated_at = ? "
                    "WHERE id = ? AND state = 'sending'",
                    [
                        (o.state, o.message_id, o.attempts, stored(o.error), ts(o.at), o.delivery_id)
                        for o in outcomes
                    ],
                )
            if subscription_states:
                await connection.executemany(
                    "UPDATE announcement_subscriptions SET state = ?, state_reason = ?, updated_at = ? "
                    "WHERE id = ? AND state = 'active'",
                    [
                        (state, stored(reason), ts(at), sub_id)
                        for sub_id, state, reason, at in subscription_states
                    ],
                )
            if reminder_states:
                await connection.executemany(
                    "UPDATE announcement_reminders SET state = ?, state_reason = ?, updated_at = ? "
                    "WHERE user_id = ? AND state = 'active'",
                    [
                        (state, stored(reason), ts(at), user_id)
                        for user_id, state, reason, at in reminder_states
                    ],
                )
            if live_messages:
                await connection.executemany(
                    "UPDATE announcement_subscriptions SET live_message_id = ?, live_digest = ? "
                    "WHERE id = ? AND schedule = 'live'",
                    [(message_id, digest, sub_id) for sub_id, message_id, digest in live_messages],
                )

    async def live_message(self, subscription_id: int) -> tuple[int | None, str | None]:
        """The live message of a subscription and the digest of what it shows, as last recorded."""
        row = await self.database.fetch_one(
            "SELECT live_message_id, live_digest FROM announcement_subscriptions WHERE id = ?",
            (subscription_id,),
        )
        return (row[0], row[1]) if row else (None, None)

    async def record_retry(
        self, delivery_id: int, *, attempts: int, error: str, next_attempt_at: datetime, at: datetime
    ) -> None:
        """A passing failure: the row stays 'sending', to be sent again from ``next_attempt_at`` (same nonce)."""
        async with self.database.transaction() as connection:
            await connection.execute(
                "UPDATE announcement_deliveries SET attempts = attempts + ?, error = ?, next_attempt_at = ?, "
                "updated_at = ? WHERE id = ? AND state = 'sending'",
                (attempts, stored(error), ts(next_attempt_at), ts(at), delivery_id),
            )

    async def retry_waiting_now(self, now: datetime) -> int:
        """Discord is back: every 'sending' row waiting for a later retry is due at ``now`` (same nonce)."""
        stamp = ts(now)
        async with self.database.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE announcement_deliveries SET next_attempt_at = ?, updated_at = ? "
                "WHERE state = 'sending' AND next_attempt_at > ?",
                (stamp, stamp, stamp),
            )
            return cursor.rowcount

    async def earliest_retry(self) -> datetime | None:
        """When the first 'sending' row waiting for a retry is due (None: none waits)."""
        row = await self.database.fetch_one(
            "SELECT min(next_attempt_at) FROM announcement_deliveries "
            "WHERE state = 'sending' AND next_attempt_at IS NOT NULL"
        )
        return from_ts(row[0]) if row else None

    async def deliveries_for_target(self, target_kind: str, target_id: int) -> list[DeliveryRecord]:
        rows = await self.database.fetch_all(
            "SELECT * FROM announcement_deliveries WHERE target_kind = ? AND target_id = ? ORDER BY due_at, id",
            (target_kind, target_id),
        )
        return [_delivery(row) for row in rows]

    async def all_deliveries(self) -> list[DeliveryRecord]:
        rows = await self.database.fetch_all("SELECT * FROM announcement_deliveries ORDER BY due_at, id")
        return [_delivery(row) for row in rows]

    async def latest_delivery(
        self, target_kind: str, target_id: int, states: Sequence[str]
    ) -> DeliveryRecord | None:
        """The most recently updated delivery of a target in one of ``states``."""
        row = await self.database.fetch_one(
            "SELECT * FROM announcement_deliveries WHERE target_kind = ? AND target_id = ? "
            "AND state IN (SELECT value FROM json_each(?)) ORDER BY updated_at DESC, id DESC LIMIT 1",
            (target_kind, target_id, json.dumps(list(states))),
        )
        return _delivery(row) if row else None
