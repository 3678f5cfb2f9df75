"""Where the bot reads the time from.

The scheduler never calls ``datetime.now()`` or ``asyncio.sleep()`` directly: it asks a clock, so tests and the
sandbox playground can drive weeks of countdown in seconds with a virtual clock that satisfies the same protocol.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Protocol

# asyncio's timers misbehave for very long delays (loop.call_at with huge values, suspended laptops);
# waits are capped and re-planned from the database instead.
MAX_SLEEP_SECONDS = 6 * 60 * 60


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware in UTC."""
        ...

    async def sleep_until(self, when: datetime) -> None:
        """Return at (or just after) ``when``; return at once if it has passed."""
        ...


class SystemClock:
    """The real wall clock; with ``offset``, that far ahead of it (a testing aid: CLOCK_OFFSET_SECONDS)."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    async def sleep_until(self, when: datetime) -> None:
        while True:
            remaining = (when - self.now()).total_seconds()
            if remaining <= 0:
                return
            await asyncio.sleep(min(remaining, MAX_SLEEP_SECONDS))
