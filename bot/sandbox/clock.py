"""A frozen virtual clock that only moves when a test (or the playground) advances it, and a shifted wall clock
for a bot that runs in another process.

It satisfies the bot's clock protocol (``now()``, ``async sleep_until(when)``), so weeks of scheduled work can be
driven in milliseconds. Sleepers are woken strictly in deadline order, and the event loop gets to run the woken
tasks before time moves on to the next deadline.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

# How many bare event-loop turns a step yields so woken tasks can run (and schedule their next sleep) before
# time moves on. Work that leaves the loop (threads, sockets) needs an ``on_step`` hook such as Sandbox.settle.
_YIELDS_PER_STEP = 20


class VirtualClock:
    def __init__(self, start: datetime | None = None) -> None:
        if start is None:
            start = datetime.now(UTC).replace(microsecond=0)
        if start.tzinfo is None:
            raise ValueError("VirtualClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)
        self._sleepers: list[tuple[datetime, int, asyncio.Future[None]]] = []
        self._counter = itertools.count()  # tie-breaker: equal deadlines wake in the order they were asked
        self._lock = asyncio.Lock()

    def now(self) -> datetime:
        return self._now

    def pending(self) -> list[datetime]:
        """Deadlines of the tasks currently sleeping, earliest first."""
        return sorted(when for when, _, fut in self._sleepers if not fut.done())

    async def sleep_until(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("sleep_until needs a timezone-aware datetime")
        if when <= self._now:
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (when, next(self._counter), fut))
        try:
            await fut
        finally:
            # On cancellation the entry stays in the heap as a done future; it is skipped lazily.
            if not fut.done():
                fut.cancel()

    async def sleep(self, seconds: float) -> None:
        """Convenience: sleep a virtual duration."""
        await self.sleep_until(self._now + timedelta(seconds=seconds))

    def _next_deadline(self) -> datetime | None:
        while self._sleepers and self._sleepers[0][2].done():
            heapq.heappop(self._sleepers)
        return self._sleepers[0][0] if self._sleepers else None

    async def advance(
        self, delta: timedelta, *, on_step: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        if delta < timedelta(0):
            raise ValueError("time only moves forward")
        await self.advance_to(self._now + delta, on_step=on_step)

    async def advance_to(
        self, when: datetime, *, on_step: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        """Move time to ``when``, stopping at every pending deadline on the way.

        At each stop the due sleepers are woken (earliest first), the loop is yielded to, and ``on_step`` is
        awaited, so a woken task's follow-up work (and any new, earlier sleep it schedules) happens before the
        clock moves past it.
        """
        if when.tzinfo is None:
            raise ValueError("advance_to needs a timezone-aware datetime")
        async with self._lock:  # two concurrent advances would interleave their steps
            while True:
                deadline = self._next_deadline()
                if deadline is None or deadline > when:
                    break
                self._now = max(self._now, deadline)
                while self._sleepers and self._sleepers[0][0] <= self._now:
                    _, _, fut = heapq.heappop(self._sleepers)
                    if not fut.done():
                        fut.set_result(None)
                        await asyncio.sleep(0)  # let it start before the next one (same deadline order)
                await self._yield()
                if on_step is not None:
                    await on_step()
            self._now = max(self._now, when)
            await self._yield()
            if on_step is not None:
                await on_step()

    @staticmethod
    async def _yield() -> None:
        for _ in range(_YIELDS_PER_STEP):
            await asyncio.sleep(0)


class ShiftedWallClock:
    """The system clock plus an offset that only grows: time runs at real speed from wherever it was put.

    For a bot in another process, whose own clock is the system clock shifted by the same offset (the bot's
    ``CLOCK_OFFSET_SECONDS``), so both read the same instant. ``advance`` jumps ahead (a bot down for ten
    minutes in no time); the bot must be started again with the new :attr:`offset_seconds` to follow.
    Offers the VirtualClock methods the sandbox uses (``now``, ``advance``, ``advance_to``, ``sleep_until``).
    """

    def __init__(self, start: datetime | None = None) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("ShiftedWallClock needs a timezone-aware start")
        self._offset = timedelta(0) if start is None else start - datetime.now(UTC)

    @property
    def offset_seconds(self) -> float:
        return self._offset.total_seconds()

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def pending(self) -> list[datetime]:
        return []  # sleepers wait in real time, not on a list

    async def sleep_until(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("sleep_until needs a timezone-aware datetime")
        while (remaining := (when - self.now()).total_seconds()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(min(remaining, 1.0))  # re-checked: advance() may have jumped past it

    async def advance(
        self, delta: timedelta, *, on_step: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        if delta < timedelta(0):
            raise ValueError("time only moves forward")
        self._offset += delta
        await asyncio.sleep(0)
        if on_step is not None:
            await on_step()

    async def advance_to(
        self, when: datetime, *, on_step: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        if when.tzinfo is None:
            raise ValueError("advance_to needs a timezone-aware datetime")
        await self.advance(max(when - self.now(), timedelta(0)), on_step=on_step)
