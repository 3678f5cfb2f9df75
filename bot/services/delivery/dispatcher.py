"""The persistent dispatcher that posts countdown announcements, news and personal reminders.

Model (after the timer dispatcher of Rapptz/RoboDanny's reminder cog, reworked for schedules): one task plans
from the database, delivers what is due, then sleeps through the :class:`~bot.clock.Clock` until the next due
instant (capped at ``MAX_SLEEP_SECONDS``), racing that sleep against an ``asyncio.Event`` so :meth:`wake` (after
any change of settings or of the release data) re-plans at once. Nothing is polled.

Exactly-once, step by step:

1. Every scheduled post is derivable from the database: subscriptions and reminders (with a ``handled_until``
   watermark), the release date last seen, and news rows. A restart loses nothing.
2. A round computes the occasions due since each target's watermark and, in one BEGIN IMMEDIATE transaction,
   inserts one ``announcement_deliveries`` row per (target, occasion) that has none yet -- the UNIQUE
   ``delivery_key`` makes a second claim impossible, whether from a restart, a crash or a racing round.
   Rows to send are inserted in state ``sending``; missed ones beyond the grace window as ``skipped``; several
   missed posts of one channel within the grace window fold into the latest (the others ``folded``).
3. Each send carries a nonce derived from the delivery key (:func:`delivery_nonce`); the row becomes ``sent``
   (with the message id) only after the :class:`Sender` returns. A ``sending`` row left by a crashed or stopped
   dispatcher is re-sent with the same nonce (Discord's ``enforce_nonce`` returns the message already created
   instead of posting again) if still within the grace window, and recorded ``skipped`` otherwise.

Sends run concurrently (bounded by ``max_concurrency``) and are paced by one shared :class:`RateLimiter`
(default 47/s, under Discord's global 50/s); results are written back in batches.

The :class:`Sender` reports failures with the typed errors below: ``DeliveryForbidden`` pauses the
subscription (reason shown in status), ``DeliveryTargetGone`` disables it, ``DeliveryTransient`` is retried
(``max_attempts`` in all, with backoff) and then recorded as a failure, ``DeliveryClosedDM`` stops a personal
reminder quietly (state ``closed_dm``, never retried).

Assumption: one bot process owns the database file (SQLite); several dispatchers in one process are safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
import weakref
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from bot.clock import MAX_SLEEP_SECONDS, Clock
from bot.db.announcements import (
    AnnouncementRepository,
    DeliveryOutcome,
    DeliveryRecord,
    NewDelivery,
    NewsRecord,
    ReminderRecord,
    SubscriptionRecord,
)
from bot.db.database import Database
from bot.domain.release import ReleaseDate
from bot.services.announcements import Announcement, ReleaseProvider, delivery_nonce
from bot.services.delivery.pacing import DEFAULT_BURST, DEFAULT_RATE_PER_SECOND, RateLimiter
from bot.services.delivery.port import (
    DeliveryClosedDM,
    DeliveryError,
    DeliveryForbidden,
    DeliveryTargetGone,
    DeliveryTransient,
    Sender,
)
from bot.services.schedules import (
    AnnouncementKind,
    Occasion,
    Schedule,
    countdown_occasions,
    next_occasions,
    occasions_between,
    parse_local_time,
    reminder_occasions,
)

log = logging.getLogger(__name__)

__all__ = ["Dispatcher", "PlannedDelivery", "RoundStats"]

# Real seconds over which a rapid series of wake() calls is gathered into one round.
WAKE_COALESCE_SECONDS = 0.1
# How many wake() calls within a second count as a burst.
WAKE_BURST = 5
# A post this long after its instant is marked late (the renderer may say so).
LATE_AFTER = timedelta(seconds=60)
# After an unexpected error in a round (database, release provider), try again this much later.
ERROR_RETRY = timedelta(seconds=30)

# Owner ids of the dispatchers alive in this process: their 'sending' rows are in flight, not orphans.
_LIVE_OWNERS: set[str] = set()


# --------------------------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class PlannedDelivery:
    """One upcoming delivery, as listed by :meth:`Dispatcher.plan`."""

    due_at: datetime
    target_kind: str  # 'channel' | 'user'
    target_id: int  # channel id or user id
    guild_id: int | None
    kind: AnnouncementKind
    days_left: int | None
    occasion_key: str


@dataclass(slots=True)
class RoundStats:
    """What one planning + delivery round did (``Dispatcher.last_round``); durations are wall-clock seconds."""

    started_at: datetime
    planning_seconds: float = 0.0
    duration_seconds: float = 0.0
    subscriptions: int = 0  # active subscriptions planned
    reminders: int = 0  # active reminders planned
    news_created: int = 0
    claimed: int = 0  # new rows to send
    recovered: int = 0  # 'sending' rows of a previous dispatcher re-sent with their nonce
    sent: int = 0
    late: int = 0
    failed: int = 0
    skipped: int = 0
    folded: int = 0
    retries: int = 0
    paused: int = 0
    disabled: int = 0
    closed_dm: int = 0
    next_due: datetime | None = None


@dataclass(slots=True)
class _Candidate:
    target_kind: str
    target_id: int
    guild_id: int | None
    occasion: str
    kind: AnnouncementKind
    days_left: int | None
    news_id: int | None
    due_at: datetime
    group: str  # occasions of one group fold together: 'countdown', 'news', 'reminder'

    @property
    def delivery_key(self) -> str:
        return f"{self.target_kind}:{self.target_id}:{self.occasion}"


@dataclass(slots=True)
class _Work:
    record: DeliveryRecord
    announcement: Announcement
    role_id: int | None = None
    subscription_id: int | None = None


@dataclass(slots=True)
class _OutcomeWriter:
    repository: AnnouncementRepository
    batch_size: int
    flush_interval: float = 1.0
    outcomes: list[DeliveryOutcome] = field(default_factory=list)
    subscription_states: list[tuple[int, str, str, datetime]] = field(default_factory=list)
    reminder_states: list[tuple[int, str, str, datetime]] = field(default_factory=list)
    last_flush: float = field(default_factory=time.monotonic)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def add(
        self,
        outcome: DeliveryOutcome,
        *,
        subscription_state: tuple[int, str, str, datetime] | None = None,
        reminder_state: tuple[int, str, str, datetime] | None = None,
    ) -> None:
        self.outcomes.append(outcome)
        if subscription_state is not None:
            self.subscription_states.append(subscription_state)
        if reminder_state is not None:
            self.reminder_states.append(reminder_state)
        if len(self.outcomes) >= self.batch_size or time.monotonic() - self.last_flush >= self.flush_interval:
            await self.flush()

    async def flush(self) -> None:
        async with self.lock:
            outcomes, self.outcomes = self.outcomes, []
            subscription_states, self.subscription_states = self.subscription_states, []
            reminder_states, self.reminder_states = self.reminder_states, []
            self.last_flush = time.monotonic()
            await self.repository.record_outcomes(
                outcomes, subscription_states=subscription_states, reminder_states=reminder_states
            )


@lru_cache(maxsize=8192)
def _subscription_occasions(
    schedule: str, local_time: str, timezone: str, release: ReleaseDate
) -> tuple[Occasion, ...]:
    return countdown_occasions(Schedule.parse(schedule), release, parse_local_time(local_time), timezone)


def _occasions_of(subscription: SubscriptionRecord, release: ReleaseDate) -> tuple[Occasion, ...]:
    return _subscription_occasions(
        subscription.schedule, subscription.local_time, subscription.timezone, release
    )


def _reminder_occasions_of(reminder: ReminderRecord, release: ReleaseDate) -> tuple[Occasion, ...]:
    return reminder_occasions(release, reminder.milestone_days, reminder.timezone)


# --------------------------------------------------------------------------------------------- dispatcher


class Dispatcher:
    """Posts every due countdown, news and reminder exactly once; see the module docstring.

    ``start()`` launches the background task (call it from the running loop), ``await stop()`` ends it,
    ``wake()`` makes it re-plan now -- call it after any settings or data change.
    ``await run_due_now()`` runs one round in the caller's task and returns its :class:`RoundStats`.
    ``await plan(now)`` lists upcoming deliveries. ``last_round``, ``rounds`` and ``next_wakeup`` are
    observable for status pages, tests and benchmarks.
    """

    def __init__(
        self,
        database: Database,
        clock: Clock,
        sender: Sender,
        release_provider: ReleaseProvider,
        *,
        grace: timedelta = timedelta(hours=3),
        rate_per_second: float = DEFAULT_RATE_PER_SECOND,
        max_concurrency: int = 50,
        max_attempts: int = 3,
        retry_delays: Sequence[float] = (1.0, 4.0),
        send_timeout: float = 30.0,
        batch_size: int = 200,
        rate_limiter: RateLimiter | None = None,
    ) -> None:
        if max_concurrency < 1 or max_attempts < 1 or batch_size < 1:
            raise ValueError("max_concurrency, max_attempts and batch_size must be at least 1")
        self.database = database
        self.clock = clock
        self.sender = sender
        self.release_provider = release_provider
        self.grace = grace
        self.max_attempts = max_attempts
        self.retry_delays = tuple(retry_delays) or (0.0,)
        self.send_timeout = send_timeout
        self.batch_size = batch_size
        self.limiter = rate_limiter or RateLimiter(rate_per_second, burst=DEFAULT_BURST)
        self.repository = AnnouncementRepository(database)
        self._semaphore = asyncio.Semaphore(max_concurrency)
        self._owner = uuid.uuid4().hex
        _LIVE_OWNERS.add(self._owner)
        weakref.finalize(self, _LIVE_OWNERS.discard, self._owner)
        self._in_flight: set[int] = set()
        self._plan_lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.last_round: RoundStats | None = None
        self.rounds = 0
        self.next_wakeup: datetime | None = None

    # ---- lifecycle

    def start(self) -> None:
        """Start the background task (idempotent)."""
        if self._task is not None and not self._task.done():
            return
        _LIVE_OWNERS.add(self._owner)
        self._wake.clear()
        self._task = asyncio.create_task(self._run(), name="announcement-dispatcher")

    async def stop(self) -> None:
        """Stop the background task. Sends in flight are abandoned; their rows stay 'sending' and are re-sent
        with the same nonce by the next dispatcher (within the grace window)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        _LIVE_OWNERS.discard(self._owner)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def wake(self) -> None:
        """Re-plan now: call after a setting or the release data changed."""
        self._wake.set()

    async def _run(self) -> None:
        recent_wakes: deque[float] = deque(maxlen=WAKE_BURST)
        while True:
            self._wake.clear()
            try:
                stats = await self.run_due_now()
                target = stats.next_due
            except Exception:
                log.exception("announcement round failed; trying again in %s", ERROR_RETRY)
                target = self.clock.now() + ERROR_RETRY
            cap = self.clock.now() + timedelta(seconds=MAX_SLEEP_SECONDS)
            target = cap if target is None else min(target, cap)
            self.next_wakeup = target
            if not self._wake.is_set() and not await self._sleep_until_or_woken(target):
                continue
            # Woken by a change. A burst of changes (an admin script, a mass import) would otherwise cost a full
            # round each, so during a burst let the changes gather first. Only during a burst: this real-time
            # pause is invisible to the clock, and a single change should be acted on at once.
            recent_wakes.append(time.monotonic())
            if len(recent_wakes) == WAKE_BURST and recent_wakes[-1] - recent_wakes[0] < 1.0:
                await asyncio.sleep(WAKE_COALESCE_SECONDS)

    async def _sleep_until_or_woken(self, when: datetime) -> bool:
        """Sleep until ``when`` (on the clock) or until :meth:`wake`; True when woken."""
        sleeper = asyncio.ensure_future(self.clock.sleep_until(when))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in (sleeper, waker):
                waiter.cancel()
            await asyncio.gather(sleeper, waker, return_exceptions=True)
        return self._wake.is_set()

    # ---- planning

    async def plan(self, now: datetime | None = None, *, per_target: int = 3) -> list[PlannedDelivery]:
        """The next ``per_target`` countdown posts of every active subscription and reminder due after ``now``,
        sorted by instant. Linear in the number of targets (occasion lists are cached per configuration)."""
        now = now or self.clock.now()
        release = await self.release_provider()
        planned: list[PlannedDelivery] = []
        for index, sub in enumerate(await self.repository.active_subscriptions()):
            for occasion in next_occasions(_occasions_of(sub, release), now, per_target):
                planned.append(
                    PlannedDelivery(
                        occasion.due_at,
                        "channel",
                        sub.channel_id,
                        sub.guild_id,
                        occasion.kind,
                        occasion.days_left,
                        occasion.key,
                    )
                )
            if index % 1000 == 999:
                await asyncio.sleep(0)
        for reminder in await self.repository.active_reminders():
            for occasion in next_occasions(_reminder_occasions_of(reminder, release), now, per_target):
                planned.append(
                    PlannedDelivery(
                        occasion.due_at,
                        "user",
                        reminder.user_id,
                        None,
                        occasion.kind,
                        occasion.days_left,
                        occasion.key,
                    )
                )
        planned.sort(key=lambda item: (item.due_at, item.target_kind, item.target_id))
        return planned

    def _candidates(
        self,
        now: datetime,
        release: ReleaseDate,
        changed_at: datetime | None,
        subscriptions: Sequence[SubscriptionRecord],
        reminders: Sequence[ReminderRecord],
        news: Sequence[NewsRecord],
    ) -> tuple[
        list[_Candidate], list[tuple[int, datetime, int]], list[tuple[int, datetime]], datetime | None
    ]:
        """Occasions due since each target's watermark, the watermark updates, and the next due instant."""
        candidates: list[_Candidate] = []
        sub_marks: list[tuple[int, datetime, int]] = []
        reminder_marks: list[tuple[int, datetime]] = []
        next_due: datetime | None = None
        latest_news = news[-1].id if news else 0
        for sub in subscriptions:
            occasions = _occasions_of(sub, release)
            after = sub.handled_until if changed_at is None else max(sub.handled_until, changed_at)
            due = occasions_between(occasions, after, now)
            fresh_news = [item for item in news if item.id > sub.news_seen]
            for occasion in due:
                candidates.append(
                    _Candidate(
                        "channel",
                        sub.channel_id,
                        sub.guild_id,
                        occasion.key,
                        occasion.kind,
                        occasion.days_left,
                        None,
                        occasion.due_at,
                        "countdown",
                    )
                )
            for item in fresh_news:
                candidates.append(
                    _Candidate(
                        "channel",
                        sub.channel_id,
                        sub.guild_id,
                        f"news:{item.id}",
                        AnnouncementKind.NEWS,
                        None,
                        item.id,
                        item.created_at,
                        "news",
                    )
                )
            if due or fresh_news:
                sub_marks.append((sub.id, now, latest_news))
            upcoming = next_occasions(occasions, now, 1)
            if upcoming and (next_due is None or upcoming[0].due_at < next_due):
                next_due = upcoming[0].due_at
        for reminder in reminders:
            occasions = _reminder_occasions_of(reminder, release)
            after = reminder.handled_until if changed_at is None else max(reminder.handled_until, changed_at)
            due = occasions_between(occasions, after, now)
            for occasion in due:
                candidates.append(
                    _Candidate(
                        "user",
                        reminder.user_id,
                        None,
                        occasion.key,
                        occasion.kind,
                        occasion.days_left,
                        None,
                        occasion.due_at,
                        "reminder",
                    )
                )
            if due:
                reminder_marks.append((reminder.user_id, now))
            upcoming = next_occasions(occasions, now, 1)
            if upcoming and (next_due is None or upcoming[0].due_at < next_due):
                next_due = upcoming[0].due_at
        return candidates, sub_marks, reminder_marks, next_due

    def _decide(
        self, now: datetime, candidates: Sequence[_Candidate], existing: set[str], stats: RoundStats
    ) -> list[NewDelivery]:
        """Rows to insert: beyond grace -> skipped; within grace, the latest of a group is sent (late if
        overdue) and the older ones of the same group are folded into it."""
        groups: dict[tuple[str, int, str], list[_Candidate]] = {}
        for candidate in candidates:
            if candidate.delivery_key not in existing:
                groups.setdefault((candidate.target_kind, candidate.target_id, candidate.group), []).append(
                    candidate
                )
        rows: list[NewDelivery] = []
        for group in groups.values():
            group.sort(key=lambda c: c.due_at)
            within = []
            for candidate in group:
                if now - candidate.due_at > self.grace:
                    stats.skipped += 1
                    rows.append(
                        self._row(
                            candidate,
                            "skipped",
                            error=(
                                f"missed: due {candidate.due_at:%Y-%m-%d %H:%M} UTC, more than {self.grace} "
                                "before the bot could post it"
                            ),
                        )
                    )
                else:
                    within.append(candidate)
            if not within:
                continue
            latest = within[-1]
            for candidate in within[:-1]:
                stats.folded += 1
                rows.append(self._row(candidate, "folded", error=f"folded into {latest.occasion}"))
            rows.append(
                self._row(
                    latest, "sending", late=now - latest.due_at > LATE_AFTER, folded_count=len(within) - 1
                )
            )
        return rows

    @staticmethod
    def _row(
        candidate: _Candidate,
        state: str,
        *,
        late: bool = False,
        folded_count: int = 0,
        error: str | None = None,
    ) -> NewDelivery:
        key = candidate.delivery_key
        return NewDelivery(
            delivery_key=key,
            target_kind=candidate.target_kind,
            target_id=candidate.target_id,
            guild_id=candidate.guild_id,
            occasion=candidate.occasion,
            kind=candidate.kind.value,
            days_left=candidate.days_left,
            news_id=candidate.news_id,
            due_at=candidate.due_at,
            state=state,
            nonce=delivery_nonce(key),
            late=late,
            folded_count=folded_count,
            error=error,
        )

    # ---- a round

    async def run_due_now(self) -> RoundStats:
        """One round: sync the release date (recording news), claim what is due, deliver it, record results."""
        started = time.perf_counter()
        now = self.clock.now()
        stats = RoundStats(started_at=now)
        async with self._plan_lock:
            release = await self.release_provider()
            state, created_news = await self.repository.observe_release(release, now)
            stats.news_created = int(created_news is not None)
            subscriptions = await self.repository.active_subscriptions()
            reminders = await self.repository.active_reminders()
            news = await self.repository.all_news()
            await asyncio.sleep(0)
            stats.subscriptions, stats.reminders = len(subscriptions), len(reminders)
            candidates, sub_marks, reminder_marks, next_due = self._candidates(
                now, release, state.changed_at, subscriptions, reminders, news
            )
            stats.next_due = next_due
            async with self.repository.claim() as claim:
                resend, stale = await claim.adopt_orphans(
                    live_owners=_LIVE_OWNERS - {self._owner},
                    exclude_ids=self._in_flight,
                    owner=self._owner,
                    resend_after=now - self.grace,
                    now=now,
                )
                existing = await claim.existing_keys(candidate.delivery_key for candidate in candidates)
                rows = self._decide(now, candidates, existing, stats)
                claimed = await claim.insert(rows, owner=self._owner, now=now)
                await claim.mark_subscriptions_handled(sub_marks)
                await claim.mark_reminders_handled(reminder_marks)
            stats.skipped += len(stale)
            stats.claimed, stats.recovered = len(claimed), len(resend)
            self._in_flight.update(record.id for record in (*resend, *claimed))
        stats.planning_seconds = time.perf_counter() - started
        writer = _OutcomeWriter(self.repository, self.batch_size)
        work_ids = [record.id for record in (*resend, *claimed)]
        try:
            work = await self._prepare(
                now, release, news, subscriptions, reminders, resend, claimed, writer, stats
            )
            await self._deliver(work, writer, stats)
        finally:
            self._in_flight.difference_update(work_ids)
            stats.duration_seconds = time.perf_counter() - started
            self.last_round = stats
            self.rounds += 1
        return stats

    async def _prepare(
        self,
        now: datetime,
        release: ReleaseDate,
        news: Sequence[NewsRecord],
        subscriptions: Sequence[SubscriptionRecord],
        reminders: Sequence[ReminderRecord],
        resend: Sequence[DeliveryRecord],
        claimed: Sequence[DeliveryRecord],
        writer: _OutcomeWriter,
        stats: RoundStats,
    ) -> list[_Work]:
        """Build the announcement of every row to send; orphans whose target or occasion is gone are skipped."""
        subs = {sub.channel_id: sub for sub in subscriptions}
        users = {reminder.user_id: reminder for reminder in reminders}
        news_by_id = {item.id: item for item in news}
        work: list[_Work] = []
        for record in (*resend, *claimed):
            problem: str | None = None
            announcement: Announcement | None = None
            sub = subs.get(record.target_id) if record.target_kind == "channel" else None
            reminder = users.get(record.target_id) if record.target_kind == "user" else None
            if record.target_kind == "channel" and sub is None:
                problem = "the channel's countdown was stopped or paused before this post could be confirmed"
            elif record.target_kind == "user" and reminder is None:
                problem = "the reminder was cancelled before it could be confirmed"
            elif record.kind == AnnouncementKind.NEWS:
                item = news_by_id.get(record.news_id or 0)
                if item is None:
                    problem = "the news it announced is gone"
                else:
                    announcement = Announcement(
                        kind=AnnouncementKind.NEWS,
                        days_left=None,
                        release=item.current,
                        previous_release=item.previous,
                        occasion_key=record.occasion,
                        due_at=record.due_at,
                        late=record.late,
                        folded_count=record.folded_count,
                        timezone=sub.timezone if sub else "Etc/UTC",
                    )
            else:
                occasions = _occasions_of(sub, release) if sub else _reminder_occasions_of(reminder, release)  # type: ignore[arg-type]
                if record.occasion not in {occasion.key for occasion in occasions}:
                    problem = "the release date changed before this post could be confirmed"
                else:
                    announcement = Announcement(
                        kind=AnnouncementKind(record.kind),
                        days_left=record.days_left,
                        release=release,
                        previous_release=None,
                        occasion_key=record.occasion,
                        due_at=record.due_at,
                        late=record.late,
                        folded_count=record.folded_count,
                        timezone=sub.timezone if sub else reminder.timezone,  # type: ignore[union-attr]
                        show_watch_link=record.days_left == 0,
                    )
            if announcement is None:
                stats.skipped += 1
                await writer.add(DeliveryOutcome(record.id, "skipped", 0, now, error=problem))
                continue
            work.append(
                _Work(
                    record,
                    announcement,
                    role_id=sub.role_id if sub else None,
                    subscription_id=sub.id if sub else None,
                )
            )
        return work

    async def _deliver(self, work: Sequence[_Work], writer: _OutcomeWriter, stats: RoundStats) -> None:
        tasks = [asyncio.create_task(self._deliver_one(item, writer, stats)) for item in work]
        try:
            if tasks:
                await asyncio.gather(*tasks)
        finally:
            for task in tasks:
                task.cancel()
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
            await writer.flush()

    async def _send(self, item: _Work) -> int:
        record = item.record
        async with self._semaphore:
            await self.limiter.acquire()
            async with asyncio.timeout(self.send_timeout):
                if record.target_kind == "channel":
                    return await self.sender.send_announcement(
                        record.target_id, item.announcement, role_id=item.role_id, nonce=record.nonce
                    )
                return await self.sender.send_reminder(
                    record.target_id, item.announcement, nonce=record.nonce
                )

    async def _deliver_one(self, item: _Work, writer: _OutcomeWriter, stats: RoundStats) -> None:
        record = item.record
        is_channel = record.target_kind == "channel"
        attempt = 0
        while True:
            attempt += 1
            try:
                message_id = await self._send(item)
            except (DeliveryTransient, TimeoutError) as error:
                reason = (
                    error.reason if isinstance(error, DeliveryError) else f"no answer in {self.send_timeout}s"
                )
                if attempt < self.max_attempts:
                    stats.retries += 1
                    delay = self.retry_delays[min(attempt - 1, len(self.retry_delays) - 1)]
                    log.info(
                        "delivery %s failed (%s); retry %d in %ss",
                        record.delivery_key,
                        reason,
                        attempt,
                        delay,
                    )
                    await asyncio.sleep(delay)
                    continue
                stats.failed += 1
                await writer.add(
                    DeliveryOutcome(
                        record.id,
                        "failed",
                        attempt,
                        self.clock.now(),
                        error=f"gave up after {attempt} attempts: {reason}",
                    )
                )
                return
            except (DeliveryForbidden, DeliveryClosedDM) as error:
                now = self.clock.now()
                if is_channel and isinstance(error, DeliveryForbidden):
                    stats.failed += 1
                    stats.paused += 1
                    reason = f"the bot may not post in this channel: {error.reason}"
                    await writer.add(
                        DeliveryOutcome(record.id, "failed", attempt, now, error=reason),
                        subscription_state=(item.subscription_id, "paused", reason, now)
                        if item.subscription_id is not None
                        else None,
                    )
                else:
                    stats.closed_dm += 1
                    reason = f"direct messages are closed: {error.reason}"
                    await writer.add(
                        DeliveryOutcome(record.id, "closed_dm", attempt, now, error=reason),
                        reminder_state=None if is_channel else (record.target_id, "closed_dm", reason, now),
                    )
                return
            except DeliveryTargetGone as error:
                now = self.clock.now()
                stats.failed += 1
                stats.disabled += 1
                reason = f"{'channel' if is_channel else 'user'} no longer exists: {error.reason}"
                await writer.add(
                    DeliveryOutcome(record.id, "failed", attempt, now, error=reason),
                    subscription_state=(item.subscription_id, "disabled", reason, now)
                    if is_channel and item.subscription_id is not None
                    else None,
                    reminder_state=None if is_channel else (record.target_id, "gone", reason, now),
                )
                return
            except Exception as error:
                log.exception("unexpected error delivering %s", record.delivery_key)
                stats.failed += 1
                await writer.add(
                    DeliveryOutcome(
                        record.id,
                        "failed",
                        attempt,
                        self.clock.now(),
                        error=f"unexpected error: {error!r}"[:500],
                    )
                )
                return
            stats.sent += 1
            stats.late += int(record.late)
            await writer.add(
                DeliveryOutcome(record.id, "sent", attempt, self.clock.now(), message_id=message_id)
            )
            return
