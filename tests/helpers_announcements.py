"""Test doubles for the announcements feature: a manual clock, a fake Sender, a switchable release source."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.domain.release import ReleaseDate
from bot.services.announcements import Announcement
from bot.services.delivery.port import DeliveryMessageGone, delivery_marker


class ManualClock:
    """A clock that only moves when the test says so.

    ``now()`` returns the set time; ``sleep_until`` waits until :meth:`advance`/:meth:`set` moves time past
    the deadline. ``sleepers`` lists current deadlines, so tests can see what the dispatcher waits for.
    """

    def __init__(self, start: datetime) -> None:
        self._now = start.astimezone(UTC)
        self._waiters: list[tuple[datetime, asyncio.Event]] = []
        self._new_sleeper = asyncio.Event()

    def now(self) -> datetime:
        return self._now

    @property
    def sleepers(self) -> list[datetime]:
        return sorted(when for when, event in self._waiters if not event.is_set())

    async def sleep_until(self, when: datetime) -> None:
        if when <= self._now:
            await asyncio.sleep(0)
            return
        entry = (when, asyncio.Event())
        self._waiters.append(entry)
        self._new_sleeper.set()
        try:
            await entry[1].wait()
        finally:
            self._waiters.remove(entry)

    async def set(self, when: datetime) -> None:
        self._now = when.astimezone(UTC)
        for deadline, event in list(self._waiters):
            if deadline <= self._now:
                event.set()
        await settle()

    async def advance(self, delta: timedelta) -> None:
        await self.set(self._now + delta)

    async def wait_for_sleeper(self) -> datetime:
        """Wait (at most 5 s) until something sleeps on this clock; return the earliest deadline."""
        async with asyncio.timeout(5):
            while not self.sleepers:
                self._new_sleeper.clear()
                await self._new_sleeper.wait()
        return self.sleepers[0]

    async def run_until(self, when: datetime) -> None:
        """Move time forward to ``when`` through every intermediate deadline (such as the dispatcher's capped
        sleeps), letting each sleeper wake and go back to sleep before moving on."""
        while True:
            deadline = await self.wait_for_sleeper()
            if deadline >= when:
                await self.set(when)
                return
            await self.set(deadline)
            await eventually(lambda deadline=deadline: self.sleepers and self.sleepers[0] > deadline)


async def settle(turns: int = 50) -> None:
    """Let the event loop run pending work (including aiosqlite's thread round-trips)."""
    for _ in range(turns):
        await asyncio.sleep(0)
    await asyncio.sleep(0.01)


@dataclass
class Sent:
    target_kind: str  # 'channel' | 'user'
    target_id: int
    announcement: Announcement
    role_id: int | None
    nonce: str
    message_id: int
    at: float  # loop time


@dataclass
class FakeSender:
    """An in-memory Discord. Like ``enforce_nonce``, a repeated nonce returns the first message's id and does
    not create a second message. ``failures`` maps a target id to a list of exceptions raised on successive
    attempts (then success); ``blocked`` targets accept the message, then never answer (a crash window)."""

    attempts: list[tuple[str, int, str]] = field(default_factory=list)  # every call: (kind, target, nonce)
    messages: list[Sent] = field(default_factory=list)  # messages actually created
    failures: dict[int, list[BaseException]] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)
    by_nonce: dict[str, int] = field(default_factory=dict)
    lookups: list[tuple[str, int, str]] = field(default_factory=list)  # find_delivered calls
    timer: Callable[[], float] | None = None  # what to stamp messages with (default: loop time)
    edits: list[tuple[int, int, Announcement]] = field(default_factory=list)  # (channel, message, shown)
    deleted: set[int] = field(default_factory=set)  # message ids a moderator deleted
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1000))

    async def send_announcement(
        self, channel_id: int, announcement: Announcement, *, role_id: int | None, nonce: str
    ) -> int:
        return await self._send("channel", channel_id, announcement, role_id, nonce)

    async def send_reminder(self, user_id: int, announcement: Announcement, *, nonce: str) -> int:
        return await self._send("user", user_id, announcement, None, nonce)

    async def _send(
        self, kind: str, target: int, announcement: Announcement, role_id: int | None, nonce: str
    ) -> int:
        assert len(nonce) <= 25
        self.attempts.append((kind, target, nonce))
        await asyncio.sleep(0)
        queue = self.failures.get(target)
        if queue:
            raise queue.pop(0)
        if nonce in self.by_nonce:
            return self.by_nonce[nonce]
        message_id = next(self._ids)
        self.by_nonce[nonce] = message_id
        self.messages.append(Sent(kind, target, announcement, role_id, nonce, message_id, self._time()))
        if target in self.blocked:
            await asyncio.Event().wait()  # accepted by "Discord", but the answer never arrives
        return message_id

    async def edit_announcement(
        self,
        channel_id: int,
        message_id: int,
        announcement: Announcement,
        *,
        role_id: int | None,
        nonce: str,
        shown_digest: str | None,
    ) -> str:
        """Edits a live message; the digest is what the real one renders from (the day's count and the ping)."""
        digest = f"{announcement.kind}:{announcement.days_left}:{role_id}"
        if digest == shown_digest:
            return digest
        await asyncio.sleep(0)
        queue = self.failures.get(channel_id)
        if queue:
            raise queue.pop(0)
        if message_id in self.deleted or message_id not in {m.message_id for m in self.to(channel_id)}:
            raise DeliveryMessageGone("Discord 404 (code 10008)")
        self.edits.append((channel_id, message_id, announcement))
        return digest

    def shown(self, message_id: int) -> Announcement:
        """What a message shows now: its latest edit, or what it was posted with."""
        edited = [shown for _, edited_id, shown in self.edits if edited_id == message_id]
        if edited:
            return edited[-1]
        return next(m.announcement for m in self.messages if m.message_id == message_id)

    def to_live(self, target: int) -> list[Sent]:
        """The messages of a channel a moderator has not deleted."""
        return [message for message in self.to(target) if message.message_id not in self.deleted]

    async def find_delivered(
        self, target_kind: str, target_id: int, marker: str, after: datetime
    ) -> int | None:
        """Reads the target's messages for the marker (as the real Sender reads the channel)."""
        self.lookups.append((target_kind, target_id, marker))
        await asyncio.sleep(0)
        queue = self.failures.get(target_id)
        if queue:
            raise queue.pop(0)
        for message in self.messages:
            if message.message_id in self.deleted:
                continue
            same_target = (message.target_kind, message.target_id) == (target_kind, target_id)
            if same_target and delivery_marker(message.nonce) == marker:
                return message.message_id
        return None

    def forget_nonces(self) -> None:
        """What Discord does after about five minutes: a repeated nonce creates a new message again."""
        self.by_nonce.clear()

    def _time(self) -> float:
        return self.timer() if self.timer is not None else asyncio.get_running_loop().time()

    def to(self, target: int) -> list[Sent]:
        return [message for message in self.messages if message.target_id == target]


class ReleaseSource:
    """A release provider whose answer the test can change (as an import of new data would)."""

    def __init__(self, release: ReleaseDate) -> None:
        self.release = release

    async def __call__(self) -> ReleaseDate:
        return self.release


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


async def eventually(predicate: Callable[[], object], *, within: float = 5.0) -> None:
    """Poll ``predicate`` (every few ms of real time) until it is true; fail after ``within`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.002)


class FakeTime:
    """Simulated monotonic time for the rate limiter: ``sleep`` advances it instead of waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)
