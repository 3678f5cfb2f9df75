"""Pacing of sends under Discord's global rate limit: one token bucket shared by every send."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

__all__ = ["DEFAULT_BURST", "DEFAULT_RATE_PER_SECOND", "RateLimiter"]

DEFAULT_RATE_PER_SECOND = 47.0
# Two tokens of slack absorb timer overshoot (with one, every late wake-up is lost rate); 2 + 47 = 49 < 50.
DEFAULT_BURST = 2


class RateLimiter:
    """A token bucket shared by every send: at most ``burst + rate_per_second`` acquisitions in any one-second
    window (defaults: 1 + 47 = 48, under Discord's global 50 requests/s). Waiters are served in FIFO order.

    ``monotonic`` and ``sleep`` are injectable so tests and benchmarks can run on simulated time.
    """

    def __init__(
        self,
        rate_per_second: float = DEFAULT_RATE_PER_SECOND,
        *,
        burst: int = 1,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if rate_per_second <= 0 or burst < 1:
            raise ValueError("rate_per_second must be positive and burst at least 1")
        self.rate = float(rate_per_second)
        self.capacity = float(burst)
        self._monotonic = monotonic
        self._sleep = sleep
        self._tokens = float(burst)
        self._updated = monotonic()
        self._lock = asyncio.Lock()
        self._waiting = 0  # acquire() calls not yet served

    async def acquire(self) -> None:
        self._waiting += 1
        try:
            async with self._lock:
                while True:
                    now = self._monotonic()
                    self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
                    self._updated = now
                    if self._tokens >= 1.0 - 1e-9:  # tolerate float rounding (else tiny sleeps could spin)
                        self._tokens = max(0.0, self._tokens - 1.0)
                        return
                    await self._sleep((1.0 - self._tokens) / self.rate)
        finally:
            self._waiting -= 1

    async def acquire_spare(self) -> None:
        """A token for work that can wait (the premiere events): taken only while no send waits for one, so it
        never holds a post back. It gets the gaps of a fan-out, and the full rate when nothing else runs."""
        while self._waiting:
            await self._sleep(1.0 / self.rate)
        await self.acquire()
