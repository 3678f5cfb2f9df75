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
   (with the message id) only after the :class:`Sender` returns, written at once (concurrent results share one
   write). A ``sending`` row left by a crashed or stopped dispatcher is re-sent with the same nonce (Discord's
   ``enforce_nonce`` returns the message already created instead of posting again) if still within the grace
   window, and recorded ``skipped`` otherwise.
4. Discord forgets a nonce after about five minutes. A row claimed longer ago than ``nonce_trust`` (4 minutes)
   is first looked for in the channel (``Sender.find_delivered``: the bot's own message since the claim carrying
   the delivery's marker) and recorded if found, so a restart or outage of any length within grace never posts
   twice.

5. A live channel (schedule ``live``) has one message. Its first countdown delivery posts it as above (nonce,
   marker), and the row is marked sent together with the subscription's ``live_message_id``; later ones edit
   that message. An edit is idempotent by content: a crash before it is recorded leaves the row 'sending' and
   the retry edits again to the same content, never a second message. An edit answered 404 Unknown Message (a
   moderator deleted it) posts a new one with the delivery's nonce. Deliveries of one live channel run one at a
   time, each reading the live message just before it goes, so two never both post. News of a moved date is
   posted in a live channel too, then the live message is edited to the new count (best effort, no row: the
   next daily update repairs a failure).

Sends run concurrently (bounded by ``max_concurrency``) and are paced by one shared :class:`RateLimiter`
(default 47/s, under Discord's global 50/s). A send is never cancelled mid-request (cancelling discord.py while
it waits out a global rate limit leaks its global lock): ``send_timeout`` only stops waiting, and a late answer
is still recorded. :meth:`Dispatcher.stop` starts no new send and lets those in flight finish for
``stop_grace`` seconds.

The :class:`~bot.services.delivery.port.Sender` reports failures with typed errors, and one table
(:data:`FAILURE_OUTCOMES`) says what the final ones do: ``DeliveryForbidden`` pauses the subscription (reason
shown in status), ``DeliveryTargetGone`` disables it, ``DeliveryRejected`` fails that one post,
``DeliveryClosedDM`` stops a personal reminder quietly (state ``closed_dm``, never retried). Passing failures are
not final: ``DeliveryTransient`` is retried quickly (``max_attempts`` in all, fresh posts only), then kept
``sending`` with ``next_attempt_at`` (2 s doubling to 5 minutes, with jitter) until the grace window closes, when
it is recorded lost with its reason. Once a post that had failed goes through, Discord is back: every post
waiting for its backoff is retried in the next round. A ``retry_after`` (a 429 longer than discord.py waits) and
``DeliveryUnauthorized`` (401: the bot's token; 1 s doubling to 10 minutes) hold every send until then; a send
waiting for its turn checks the hold again just before it goes, so a hold costs one refused request, not one
per post.

What is due and what each claimed row posts is decided by the pure functions of
:mod:`bot.services.delivery.planning`; this module loads their inputs, claims, sends and records.

Assumption: one bot process owns the database file (SQLite); several dispatchers in one process are safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
import uuid
import weakref
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.clock import MAX_SLEEP_SECONDS, Clock
from bot.db.announcements import AnnouncementRepository, ClaimTransaction, DeliveryOutcome, NewsRecord
from bot.db.database import Database
from bot.phrases import phrase
from bot.services.announcements import Announcement, AnnouncementKind, ReleaseProvider
from bot.services.delivery.pacing import DEFAULT_BURST, DEFAULT_RATE_PER_SECOND, RateLimiter
from bot.services.delivery.planning import (
    DeliveryTarget,
    PlannedDelivery,
    ReadyDelivery,
    TargetKind,
    decide,
    due_candidates,
    live_refresh,
    plan_order,
    prepare,
    upcoming,
)
from bot.services.delivery.port import (
    DeliveryClosedDM,
    DeliveryError,
    DeliveryForbidden,
    DeliveryMessageGone,
    DeliveryObserver,
    DeliveryRejected,
    DeliveryTargetGone,
    DeliveryTransient,
    DeliveryUnauthorized,
    IgnoreDeliveries,
    Sender,
    delivery_marker,
)

log = logging.getLogger(__name__)

__all__ = ["FAILURE_OUTCOMES", "Dispatcher", "FailureOutcome", "RoundStats"]

# Real seconds over which a rapid series of wake() calls is gathered into one round.
WAKE_COALESCE_SECONDS = 0.1
# How many wake() calls within a second count as a burst.
WAKE_BURST = 5
# After an unexpected error in a round (database, release provider), try again this much later.
ERROR_RETRY = timedelta(seconds=30)
# plan() lets the event loop turn after every this many targets.
PLAN_CHUNK = 1000
# Retries after the quick in-round ones: 2 s doubling to 5 minutes, +-20 % jitter, on the clock, until the
# grace window closes.
RETRY_BASE_SECONDS = 2.0
RETRY_CAP_SECONDS = 300.0
RETRY_JITTER = 0.2
# A refused token (401): hold every send 1 s, doubling to 10 minutes, until Discord accepts it again. Each hold
# ends with one probe (the other sends see the next hold before they go): a short blip costs seconds, and a
# revoked token about a dozen refused requests in its first ten minutes, then one every ten minutes.
AUTH_HOLD_BASE_SECONDS = 1.0
AUTH_HOLD_CAP_SECONDS = 600.0
# Discord remembers a nonce for about 5 minutes; a row claimed longer ago than this (a safety margin) may have
# been posted without Discord recalling it, so the channel is read for the post before it is sent again.
NONCE_TRUST = timedelta(minutes=4)
# How long stop() lets sends in flight finish (and be recorded) before abandoning them.
STOP_GRACE_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class _Confirmed:
    """What Discord confirmed for one delivery: the message, and for a live update the digest it shows."""

    message_id: int
    live_digest: str | None = None


# Owner ids of the dispatchers alive in this process: their 'sending' rows are in flight, not orphans.
_LIVE_OWNERS: set[str] = set()


class _HeldMeanwhile(Exception):
    """A send found every send held (a refused token, a long rate limit) just before it went: nothing sent."""


# --------------------------------------------------------------------------------------------- outcomes


def _earliest(first: datetime | None, second: datetime | None) -> datetime | None:
    return second if first is None else first if second is None else min(first, second)


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
    retries: int = 0  # quick retries, and posts left waiting for a later attempt
    paused: int = 0
    disabled: int = 0
    closed_dm: int = 0
    next_due: datetime | None = None


@dataclass(frozen=True, slots=True)
class FailureOutcome:
    """What a delivery error does: the row's final state, the reason recorded (``"{explanation}: {reason}"``,
    also shown in status) and what the target becomes (None: it stays active)."""

    state: str  # 'failed' | 'closed_dm'
    explanation: str
    target_state: str | None  # subscriptions: 'paused' | 'disabled'; reminders: 'closed_dm' | 'gone'

    def count(self, stats: RoundStats) -> None:
        stats.failed += self.state == "failed"
        stats.closed_dm += self.state == "closed_dm"
        stats.paused += self.target_state == "paused"
        stats.disabled += self.target_state in ("disabled", "gone")


_CLOSED_DM = FailureOutcome("closed_dm", phrase("outcome.dm_closed"), "closed_dm")

# What each final delivery error does, per kind of target. DeliveryTransient is retried first (see
# Dispatcher._deliver_one); an error not in the table is unexpected: logged and recorded as a failure.
FAILURE_OUTCOMES: dict[tuple[type[DeliveryError], TargetKind], FailureOutcome] = {
    (DeliveryForbidden, TargetKind.CHANNEL): FailureOutcome(
        "failed", phrase("outcome.channel_forbidden"), "paused"
    ),
    (DeliveryForbidden, TargetKind.USER): _CLOSED_DM,  # a DM refused: the same as closed DMs
    (DeliveryClosedDM, TargetKind.CHANNEL): FailureOutcome("closed_dm", phrase("outcome.dm_closed"), None),
    (DeliveryClosedDM, TargetKind.USER): _CLOSED_DM,
    (DeliveryTargetGone, TargetKind.CHANNEL): FailureOutcome(
        "failed", phrase("outcome.channel_gone"), "disabled"
    ),
    (DeliveryTargetGone, TargetKind.USER): FailureOutcome("failed", phrase("outcome.user_gone"), "gone"),
    (DeliveryRejected, TargetKind.CHANNEL): FailureOutcome("failed", phrase("outcome.post_failed"), None),
    (DeliveryRejected, TargetKind.USER): FailureOutcome("failed", phrase("outcome.reminder_failed"), None),
}


def failure_outcome(error: DeliveryError, kind: TargetKind) -> FailureOutcome | None:
    """The table's entry for ``error`` (an instance of one of its error types) on a target of ``kind``."""
    for (error_type, target_kind), outcome in FAILURE_OUTCOMES.items():
        if target_kind is kind and isinstance(error, error_type):
            return outcome
    return None


@dataclass(slots=True)
class _OutcomeWriter:
    """Writes send results and target state changes as soon as they arrive. Results that arrive while a write
    is under way go together in the next one (group commit): no result waits on a timer or a batch size, so a
    crash loses at most the confirmations being written at that instant."""

    repository: AnnouncementRepository
    outcomes: list[DeliveryOutcome] = field(default_factory=list)
    subscription_states: list[tuple[int, str, str, datetime]] = field(default_factory=list)
    reminder_states: list[tuple[int, str, str, datetime]] = field(default_factory=list)
    live_messages: list[tuple[int, int, str | None]] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def add(
        self,
        outcome: DeliveryOutcome,
        *,
        target: DeliveryTarget | None = None,
        target_state: str | None = None,
        live: tuple[int, int, str | None] | None = None,
    ) -> None:
        """Record ``outcome`` now; with ``target_state``, ``target`` also changes to that state, for the same
        reason (``outcome.error``); with ``live`` (subscription id, message id, digest), the channel's live
        message is recorded in the same transaction."""
        self.outcomes.append(outcome)
        if live is not None:
            self.live_messages.append(live)
        if target is not None and target_state is not None:
            change = (target_state, outcome.error or target_state, outcome.at)
            if target.subscription_id is not None:
                self.subscription_states.append((target.subscription_id, *change))
            elif target.kind is TargetKind.USER:
                self.reminder_states.append((target.id, *change))
        await self.flush()

    async def flush(self) -> None:
        async with self.lock:
            outcomes, self.outcomes = self.outcomes, []
            subscription_states, self.subscription_states = self.subscription_states, []
            reminder_states, self.reminder_states = self.reminder_states, []
            live_messages, self.live_messages = self.live_messages, []
            await self.repository.record_outcomes(
                outcomes,
                subscription_states=subscription_states,
                reminder_states=reminder_states,
                live_messages=live_messages,
            )


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
        rate_limiter: RateLimiter | None = None,
        stop_grace: float = STOP_GRACE_SECONDS,
        nonce_trust: timedelta = NONCE_TRUST,
        observer: DeliveryObserver | None = None,
    ) -> None:
        if max_concurrency < 1 or max_attempts < 1:
            raise ValueError("max_concurrency and max_attempts must be at least 1")
        self.database = database
        self.clock = clock
        self.sender = sender
        self.release_provider = release_provider
        self.grace = grace
        self.max_attempts = max_attempts
        self.retry_delays = tuple(retry_delays) or (0.0,)
        self.send_timeout = send_timeout
        self.stop_grace = stop_grace
        self.nonce_trust = nonce_trust
        # Told of every post sent, found already posted, lost or refused (the bot's metrics).
        self.observer: DeliveryObserver = observer or IgnoreDeliveries()
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
        self._stopping = asyncio.Event()
        self._in_round = False
        # Sends whose attempt timed out but were never cancelled (cancelling discord.py mid-request can leak its
        # global rate-limit lock): their late answer is still recorded.
        # Each watcher with the delivery it waits for.
        self._late_sends: dict[asyncio.Task[None], int] = {}
        # Deliveries already counted as sent while a round or a late answer still holds them: the late answer
        # and a retry with the same nonce both confirm the one post, which the observer must hear of once. An
        # id is forgotten when neither holds it, so the set never outgrows the sends under way.
        self._counted_sent: set[int] = set()
        # Every send waits until this instant on the clock: a long (maybe global) 429's Retry-After, or a
        # refused token's backoff. ``hold_reason`` says why (status, logs).
        self.hold_until: datetime | None = None
        self.hold_reason: str | None = None
        self._auth_failures = 0
        self._recovered_this_round = False
        # One live update at a time per channel (by channel id), from reading its live message to recording.
        self._live_locks: dict[int, asyncio.Lock] = {}
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
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name="announcement-dispatcher")

    async def stop(self) -> None:
        """Stop the background task (SIGTERM). No new send starts; sends in flight get ``stop_grace`` seconds to
        finish and be recorded, then are abandoned: their rows stay 'sending' and the next dispatcher sends them
        again with the same nonce, or finds them in the channel if Discord may have forgotten the nonce."""
        self._stopping.set()
        task, self._task = self._task, None
        if task is not None:
            if self._in_round:
                await asyncio.wait({task}, timeout=self.stop_grace)
            task.cancel()
            # bounded: a stop must never hang the shutdown, whatever the task is stuck in
            done, _ = await asyncio.wait({task}, timeout=self.stop_grace)
            if not done:
                log.warning("the dispatcher did not stop within %s s; leaving it", self.stop_grace)
            elif not task.cancelled() and task.exception() is not None:
                # as awaiting it used to, the failure is seen (retrieved, so never "exception never retrieved")
                log.error("the dispatcher ended with an error", exc_info=task.exception())
        late, self._late_sends = set(self._late_sends), {}
        if late:
            await asyncio.wait(late, timeout=self.stop_grace)
            for send in late:
                send.cancel()
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
                self._in_round = True
                try:
                    stats = await self.run_due_now()
                finally:
                    self._in_round = False
                target = stats.next_due
            except Exception:
                log.exception("announcement round failed; trying again in %s", ERROR_RETRY)
                target = self.clock.now() + ERROR_RETRY
            if self._stopping.is_set():
                return  # stop() waits for the round's sends, not for the rest of its grace
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

    async def _targets(self) -> list[DeliveryTarget]:
        """Every active subscription and reminder, as delivery targets."""
        subscriptions = await self.repository.active_subscriptions()
        reminders = await self.repository.active_reminders()
        return [
            *map(DeliveryTarget.for_subscription, subscriptions),
            *map(DeliveryTarget.for_reminder, reminders),
        ]

    async def plan(self, now: datetime | None = None, *, per_target: int = 3) -> list[PlannedDelivery]:
        """The next ``per_target`` countdown posts of every active subscription and reminder due after ``now``,
        sorted by instant. Linear in the number of targets (occasion lists are cached per configuration)."""
        now = now or self.clock.now()
        release = await self.release_provider()
        targets = await self._targets()
        planned: list[PlannedDelivery] = []
        for start in range(0, len(targets), PLAN_CHUNK):
            planned.extend(upcoming(now, release, targets[start : start + PLAN_CHUNK], per_target))
            await asyncio.sleep(0)  # thousands of targets: let commands be answered meanwhile
        planned.sort(key=plan_order)
        return planned

    # ---- a round

    async def run_due_now(self) -> RoundStats:
        """One round: sync the release date (recording news), claim what is due, deliver it, record results."""
        started = time.perf_counter()
        now = self.clock.now()
        stats = RoundStats(started_at=now)
        self._recovered_this_round = False
        async with self._plan_lock:
            release = await self.release_provider()
            state, created_news = await self.repository.observe_release(release, now)
            stats.news_created = int(created_news is not None)
            targets = await self._targets()
            news = await self.repository.all_news()
            await asyncio.sleep(0)
            stats.subscriptions = sum(target.kind is TargetKind.CHANNEL for target in targets)
            stats.reminders = len(targets) - stats.subscriptions
            due = due_candidates(now, release, state.changed_at, targets, news)
            stats.next_due = due.next_due
            async with self.repository.claim() as claim:
                resend, stale = await claim.adopt_orphans(
                    live_owners=_LIVE_OWNERS - {self._owner},
                    exclude_ids=self._in_flight,
                    owner=self._owner,
                    resend_after=now - self.grace,
                    now=now,
                )
                delivered = await claim.existing_keys(candidate.delivery_key for candidate in due.candidates)
                rows = decide(now, due.candidates, delivered, self.grace)
                claimed = await claim.insert(rows, owner=self._owner, now=now)
                await self._mark_handled(claim, due.handled, now, news)
            # A stale row with a reason had failed attempts: it was closed as lost ('failed'), not skipped.
            lost = [record for record in stale if record.error is not None]
            stats.failed += len(lost)
            for record in lost:
                self.observer.post_lost(record.target_kind)
            stats.skipped += len(stale) - len(lost) + sum(row.state == "skipped" for row in rows)
            stats.folded += sum(row.state == "folded" for row in rows)
            stats.claimed, stats.recovered = len(claimed), len(resend)
            self._in_flight.update(record.id for record in (*resend, *claimed))
        stats.planning_seconds = time.perf_counter() - started
        writer = _OutcomeWriter(self.repository)
        work_ids = [record.id for record in (*resend, *claimed)]
        try:
            ready, dropped = prepare([*resend, *claimed], {t.key: t for t in targets}, release, news)
            for record, problem in dropped:
                stats.skipped += 1
                await writer.add(DeliveryOutcome(record.id, "skipped", 0, now, error=problem))
            await self._deliver(ready, writer, stats)
            stats.next_due = _earliest(stats.next_due, await self.repository.earliest_retry())
        finally:
            self._in_flight.difference_update(work_ids)
            self._counted_sent.difference_update(set(work_ids) - set(self._late_sends.values()))
            stats.duration_seconds = time.perf_counter() - started
            self.last_round = stats
            self.rounds += 1
        return stats

    @staticmethod
    async def _mark_handled(
        claim: ClaimTransaction, handled: Sequence[DeliveryTarget], now: datetime, news: Sequence[NewsRecord]
    ) -> None:
        """Move the watermark of every target planned in this round to ``now`` (and channels past the news)."""
        latest_news = news[-1].id if news else 0
        await claim.mark_subscriptions_handled(
            [(t.subscription_id, now, latest_news) for t in handled if t.subscription_id is not None]
        )
        await claim.mark_reminders_handled([(t.id, now) for t in handled if t.kind is TargetKind.USER])

    async def _deliver(
        self, work: Sequence[ReadyDelivery], writer: _OutcomeWriter, stats: RoundStats
    ) -> None:
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

    # ---- one delivery

    def _held(self) -> datetime | None:
        """The instant every send waits for (a long rate limit, a refused token), or None."""
        if self.hold_until is not None and self.hold_until <= self.clock.now():
            self.hold_until = self.hold_reason = None
        return self.hold_until

    def _hold(self, until: datetime, reason: str) -> None:
        if self.hold_until is None or until > self.hold_until:
            self.hold_until, self.hold_reason = until, reason
            log.warning("holding every post until %s: %s", until.isoformat(timespec="seconds"), reason)

    def _hold_for_token(self, reason: str) -> None:
        """401: the bot's own token. Hold everything with a growing backoff; one ERROR per outage."""
        if self._held() is not None and self._auth_failures:
            return  # another send of the same burst already held for it
        if self._auth_failures == 0:
            log.error(
                "Discord refused the bot's token (401): every post and reminder is held (none is lost or "
                "paused) and retried with backoff; check DISCORD_TOKEN"
            )
        delay = min(AUTH_HOLD_CAP_SECONDS, AUTH_HOLD_BASE_SECONDS * 2**self._auth_failures)
        self._auth_failures += 1
        self._hold(self.clock.now() + timedelta(seconds=delay), reason)

    async def _call_sender(self, item: ReadyDelivery) -> _Confirmed:
        """Send the post, or, when Discord may have forgotten its nonce, first look for it in the channel."""
        target, record = item.target, item.record
        if self.clock.now() - record.created_at >= self.nonce_trust:
            found = await self.sender.find_delivered(
                target.kind.value, target.id, delivery_marker(record.nonce), record.created_at
            )
            if found is not None:
                # For a live update, a message carrying this delivery's marker posted since the claim can only
                # be the live message it posted (an edit makes no new message): it becomes the live message.
                log.info("delivery %s was already posted (message %s): recorded", record.delivery_key, found)
                self.observer.post_already_delivered(target.kind.value)
                return _Confirmed(found)
        if item.live and target.subscription_id is not None:
            # Read now, not at planning: an earlier update of this channel may have posted it meanwhile.
            message_id, digest = await self.repository.live_message(target.subscription_id)
            if message_id is not None:
                try:
                    shown = await self.sender.edit_announcement(
                        target.id,
                        message_id,
                        item.announcement,
                        role_id=target.role_id,
                        nonce=record.nonce,
                        shown_digest=digest,
                    )
                except DeliveryMessageGone:
                    log.info(
                        "live message %s in channel %s was deleted: posting a new one", message_id, target.id
                    )
                else:
                    return _Confirmed(message_id, shown)
        if target.kind is TargetKind.CHANNEL:
            return _Confirmed(
                await self.sender.send_announcement(
                    target.id, item.announcement, role_id=target.role_id, nonce=record.nonce
                )
            )
        return _Confirmed(await self.sender.send_reminder(target.id, item.announcement, nonce=record.nonce))

    async def _attempt(self, item: ReadyDelivery, writer: _OutcomeWriter) -> _Confirmed | None:
        """One paced attempt; None when stopping (nothing sent). The send is never cancelled mid-request (that
        can leave discord.py's global rate-limit lock held for good): after ``send_timeout`` we only stop
        waiting, and a late answer is still recorded."""
        async with self._semaphore:
            if self._stopping.is_set():
                return None
            await self.limiter.acquire()
            if self._held() is not None:
                raise _HeldMeanwhile  # another send met a refused token or a long rate limit while we waited
            send = asyncio.ensure_future(self._call_sender(item))
            try:
                done, _ = await asyncio.wait({send}, timeout=self.send_timeout)
            except asyncio.CancelledError:
                self._watch_late(send, item, writer)
                raise
            if send in done:
                return send.result()
            self._watch_late(send, item, writer)
            raise DeliveryTransient(f"no answer in {self.send_timeout:g}s")

    def _watch_late(
        self, send: asyncio.Future[_Confirmed], item: ReadyDelivery, writer: _OutcomeWriter
    ) -> None:
        record_id = item.record.id

        async def record_late() -> None:
            try:
                await asyncio.wait({send})
            except asyncio.CancelledError:
                send.cancel()  # stop() abandons it: the row stays 'sending' for the next start
                raise
            if send.cancelled() or send.exception() is not None:
                return
            now = self.clock.now()
            confirmed = send.result()
            outcome = DeliveryOutcome(record_id, "sent", 1, now, message_id=confirmed.message_id)
            await writer.add(outcome, live=self._live_record(item, confirmed))  # only a 'sending' row changes
            self._observe_sent(item, now)

        def forget(watcher: asyncio.Task[None]) -> None:
            self._late_sends.pop(watcher, None)  # stop() may have taken them all
            if record_id not in self._in_flight and record_id not in self._late_sends.values():
                self._counted_sent.discard(record_id)

        watcher = asyncio.create_task(record_late())
        self._late_sends[watcher] = record_id
        watcher.add_done_callback(forget)

    async def _pause(self, seconds: float) -> None:
        """Sleep between quick retries, cut short by stop()."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    def _live_record(self, item: ReadyDelivery, confirmed: _Confirmed) -> tuple[int, int, str | None] | None:
        """The live message to record with a live update's outcome (subscription id, message id, digest)."""
        if not item.live or item.target.subscription_id is None:
            return None
        return (item.target.subscription_id, confirmed.message_id, confirmed.live_digest)

    async def _deliver_one(self, item: ReadyDelivery, writer: _OutcomeWriter, stats: RoundStats) -> None:
        if not item.live:
            await self._deliver_one_unlocked(item, writer, stats)
            return
        # Two updates of one live channel in a round (one left by a crash, one due now) go one after the other,
        # the second reading the live message the first recorded: both posting would make two live messages.
        lock = self._live_locks.setdefault(item.target.id, asyncio.Lock())
        try:
            async with lock:
                await self._deliver_one_unlocked(item, writer, stats)
        finally:
            if not lock.locked():
                self._live_locks.pop(item.target.id, None)

    async def _deliver_one_unlocked(
        self, item: ReadyDelivery, writer: _OutcomeWriter, stats: RoundStats
    ) -> None:
        record = item.record
        attempt = 0
        while True:
            held = self._held()
            if held is not None:
                stats.retries += 1
                await self._retry_at(item, attempt, self.hold_reason or phrase("delivery.held"), held)
                return
            attempt += 1
            try:
                confirmed = await self._attempt(item, writer)
            except _HeldMeanwhile:
                attempt -= 1  # nothing was sent
                continue  # postponed to the hold by the check above
            except DeliveryUnauthorized as error:
                self._hold_for_token(error.reason)
                continue  # postponed to the hold by the check above
            except DeliveryTransient as error:
                if error.retry_after is not None:
                    # Discord said how long (a 429 longer than discord.py waits): maybe global, so hold all.
                    until = self.clock.now() + timedelta(seconds=error.retry_after)
                    self._hold(
                        until,
                        phrase("delivery.retry_after", reason=error.reason, seconds=f"{error.retry_after:g}"),
                    )
                    stats.retries += 1
                    await self._retry_at(item, attempt, error.reason, until)
                    return
                # Quick retries (real seconds) only for a fresh post; a post already waiting gets one attempt per
                # turn, on the clock's backoff.
                quick = record.attempts == 0 and attempt < self.max_attempts
                if quick and not self._stopping.is_set():
                    stats.retries += 1
                    delay = self.retry_delays[min(attempt - 1, len(self.retry_delays) - 1)]
                    log.info(
                        "delivery %s failed (%s); retry %d in %ss",
                        record.delivery_key,
                        error.reason,
                        attempt,
                        delay,
                    )
                    await self._pause(delay)
                    continue
                await self._retry_later(item, attempt, error.reason, writer, stats)
            except Exception as error:
                await self._record_failure(item, error, attempt, writer, stats)
            else:
                if confirmed is None:
                    return  # stopping: abandoned before sending, the row stays 'sending'
                self._auth_failures = 0
                stats.sent += 1
                stats.late += int(record.late)
                now = self.clock.now()
                await writer.add(
                    DeliveryOutcome(record.id, "sent", attempt, now, message_id=confirmed.message_id),
                    live=self._live_record(item, confirmed),
                )
                self._observe_sent(item, now)
                if record.kind == AnnouncementKind.NEWS and item.target.live:
                    await self._refresh_live_message(item)
                if record.attempts > 0:  # it had waited for a retry (not a quick one): Discord is back
                    await self._discord_is_back()
            return

    async def _refresh_live_message(self, item: ReadyDelivery) -> None:
        """After news of a moved date in a live channel, edit its live message to the new count at once.

        Best effort, with no delivery row of its own: the edit is idempotent, and if it fails (or the bot stops
        first) the next daily update shows the new count anyway; a deleted message is left to that update."""
        target = item.target
        announcement = live_refresh(target, item.announcement.release, self.clock.now())
        if announcement is None or target.subscription_id is None:
            return
        lock = self._live_locks.setdefault(target.id, asyncio.Lock())
        try:
            async with lock:
                await self._refresh_live_message_locked(
                    target, target.subscription_id, item.record.nonce, announcement
                )
        finally:
            if not lock.locked():
                self._live_locks.pop(target.id, None)

    async def _refresh_live_message_locked(
        self, target: DeliveryTarget, subscription_id: int, nonce: str, announcement: Announcement
    ) -> None:
        message_id, digest = await self.repository.live_message(subscription_id)
        if message_id is None:
            return
        await self.limiter.acquire()
        try:
            shown = await self.sender.edit_announcement(
                target.id, message_id, announcement, role_id=target.role_id, nonce=nonce, shown_digest=digest
            )
        except DeliveryError as error:
            log.info("live message %s not refreshed after news: %s", message_id, error.reason)
            return
        await self.repository.record_outcomes([], live_messages=[(subscription_id, message_id, shown)])

    def _observe_sent(self, item: ReadyDelivery, confirmed_at: datetime) -> None:
        record_id = item.record.id
        if record_id in self._counted_sent:
            return  # its late answer or its retry already counted it
        self._counted_sent.add(record_id)
        delay = (confirmed_at - item.record.due_at).total_seconds()
        self.observer.post_sent(item.target.kind.value, max(0.0, delay))

    async def _discord_is_back(self) -> None:
        """A post that had failed went through: every post waiting for its backoff becomes due now, so the end
        of an outage is noticed by the first retry after it rather than by each post's own (up to 5 minutes)."""
        if self._recovered_this_round or self._held() is not None:
            return
        self._recovered_this_round = True  # one write per round: the round ends by planning the next from it
        if waiting := await self.repository.retry_waiting_now(self.clock.now()):
            log.info("Discord accepts posts again: retrying the %d waiting now", waiting)

    async def _retry_later(
        self, item: ReadyDelivery, attempt: int, reason: str, writer: _OutcomeWriter, stats: RoundStats
    ) -> None:
        """After the quick retries: try again with backoff (on the clock) until the grace window closes; only
        then is the post lost, with the reason."""
        record, now = item.record, self.clock.now()
        deadline = record.due_at + self.grace
        if now >= deadline:
            stats.failed += 1
            self.observer.post_lost(item.target.kind.value)
            lost = phrase("delivery.lost", reason=reason)
            await writer.add(DeliveryOutcome(record.id, "failed", attempt, now, error=lost))
            return
        tries = record.attempts + attempt
        delay = min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2 ** min(tries - 1, 20))
        delay *= random.uniform(1 - RETRY_JITTER, 1 + RETRY_JITTER)  # spread a whole round's retries
        stats.retries += 1
        await self._retry_at(item, attempt, reason, min(now + timedelta(seconds=delay), deadline))

    async def _retry_at(self, item: ReadyDelivery, attempts: int, reason: str, when: datetime) -> None:
        """Keep the row 'sending' with its reason, to be sent again (same nonce) from ``when``."""
        log.info("delivery %s: %s; next attempt at %s", item.record.delivery_key, reason, when.isoformat())
        await self.repository.record_retry(
            item.record.id, attempts=attempts, error=reason, next_attempt_at=when, at=self.clock.now()
        )

    async def _record_failure(
        self, item: ReadyDelivery, error: Exception, attempt: int, writer: _OutcomeWriter, stats: RoundStats
    ) -> None:
        """Record a final failure as :data:`FAILURE_OUTCOMES` says; anything else is a bug, logged."""
        record, now = item.record, self.clock.now()
        if isinstance(error, DeliveryError) and (outcome := failure_outcome(error, item.target.kind)):
            outcome.count(stats)
            if outcome.state == "failed":
                self.observer.post_failed(item.target.kind.value)
            await writer.add(
                DeliveryOutcome(
                    record.id,
                    outcome.state,
                    attempt,
                    now,
                    error=phrase("outcome", explanation=outcome.explanation, reason=error.reason),
                ),
                target=item.target,
                target_state=outcome.target_state,
            )
            return
        log.error("unexpected error delivering %s", record.delivery_key, exc_info=error)
        stats.failed += 1
        self.observer.post_failed(item.target.kind.value)
        reason = phrase("delivery.unexpected", error=repr(error)[:480])
        await writer.add(DeliveryOutcome(record.id, "failed", attempt, now, error=reason))
