"""VirtualClock: frozen time, ordered wake-ups, cancellation safety, and Sandbox.advance settling between steps."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.sandbox import VirtualClock

START = datetime(2026, 1, 1, tzinfo=UTC)


async def test_time_is_frozen_until_advanced() -> None:
    clock = VirtualClock(start=START)
    await asyncio.sleep(0.01)
    assert clock.now() == START
    await clock.sleep_until(START - timedelta(days=1))  # due already: returns at once
    await clock.advance(timedelta(hours=1))
    assert clock.now() == START + timedelta(hours=1)


async def test_sleepers_wake_in_deadline_order_and_see_their_own_time() -> None:
    clock = VirtualClock(start=START)
    woke: list[tuple[str, datetime]] = []

    async def sleeper(name: str, days: int) -> None:
        await clock.sleep_until(START + timedelta(days=days))
        woke.append((name, clock.now()))

    tasks = [asyncio.create_task(sleeper(n, d)) for n, d in [("c", 3), ("a", 1), ("b", 2), ("far", 90)]]
    await asyncio.sleep(0)
    assert clock.pending() == [START + timedelta(days=d) for d in (1, 2, 3, 90)]
    await clock.advance(timedelta(days=30))
    assert woke == [(n, START + timedelta(days=d)) for n, d in [("a", 1), ("b", 2), ("c", 3)]]
    assert clock.now() == START + timedelta(days=30)
    assert not tasks[3].done()
    tasks[3].cancel()
    with pytest.raises(asyncio.CancelledError):
        await tasks[3]
    assert clock.pending() == []


async def test_rescheduling_inside_the_window_is_honoured() -> None:
    clock = VirtualClock(start=START)
    ticks: list[datetime] = []

    async def daily() -> None:
        while True:
            await clock.sleep_until(clock.now() + timedelta(days=1))
            ticks.append(clock.now())

    task = asyncio.create_task(daily())
    await asyncio.sleep(0)
    await clock.advance(timedelta(days=5))
    assert ticks == [START + timedelta(days=d) for d in range(1, 6)]
    task.cancel()


async def test_sandbox_advance_settles_posts_between_steps(sandbox, fan_world) -> None:  # type: ignore[no-untyped-def]
    """A woken task that posts (via REST) finishes before time moves to the next deadline."""
    import aiohttp

    clock = sandbox.clock
    seen: list[tuple[str, datetime]] = []

    async def poster(session: aiohttp.ClientSession, day: int) -> None:
        await clock.sleep_until(START + timedelta(days=day))
        url = f"{sandbox.api_base}/api/v10/channels/{fan_world.announcements.id}/messages"
        headers = {"Authorization": f"Bot {sandbox.token}"}
        async with session.post(url, json={"content": f"day {day}"}, headers=headers) as resp:
            assert resp.status == 200
        seen.append((f"day {day}", clock.now()))

    async with aiohttp.ClientSession() as session:
        tasks = [asyncio.create_task(poster(session, d)) for d in (2, 1)]
        await asyncio.sleep(0)
        await sandbox.advance(timedelta(days=3))
        await asyncio.gather(*tasks)
    assert seen == [("day 1", START + timedelta(days=1)), ("day 2", START + timedelta(days=2))]
    posted = sandbox.channel_messages(fan_world.announcements)
    assert [m["content"] for m in posted] == ["day 1", "day 2"]
    assert posted[0]["timestamp"].startswith("2026-01-02")  # message timestamps follow the virtual clock
    assert sandbox.problems == []


async def test_a_shifted_wall_clock_runs_at_real_speed_and_agrees_with_the_bots_offset_clock() -> None:
    """The sandbox side and a bot in another process (SystemClock with CLOCK_OFFSET_SECONDS) read one time."""
    from bot.clock import SystemClock
    from bot.sandbox import ShiftedWallClock

    clock = ShiftedWallClock(start=START)
    bot_clock = SystemClock(timedelta(seconds=clock.offset_seconds))
    first = clock.now()
    assert abs(first - START) < timedelta(seconds=1)
    await asyncio.sleep(0.05)
    assert clock.now() - first >= timedelta(seconds=0.05)  # it runs
    assert abs(bot_clock.now() - clock.now()) < timedelta(milliseconds=50)
    await clock.advance(timedelta(minutes=10))
    assert clock.now() - first >= timedelta(minutes=10)
    with pytest.raises(ValueError):
        await clock.advance(timedelta(seconds=-1))
