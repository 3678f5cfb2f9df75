"""IdentifyPacer: shards IDENTIFY as fast as Discord's max_concurrency allows (5 s per bucket), no faster."""

from __future__ import annotations

from bot.app import IDENTIFY_WINDOW_SECONDS, IdentifyPacer


class FakeTime:
    """A monotonic clock that moves only when the pacer sleeps (or the test says so)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def pacer_with(max_concurrency: int, time: FakeTime, asked: list[int]) -> IdentifyPacer:
    async def fetch() -> int:
        asked.append(max_concurrency)
        return max_concurrency

    return IdentifyPacer(fetch, monotonic=time.monotonic, sleep=time.sleep)


async def test_shards_of_different_buckets_identify_at_once_and_a_bucket_waits_its_five_seconds() -> None:
    time, asked = FakeTime(), []
    pacer = pacer_with(2, time, asked)
    for shard in range(4):
        await pacer.wait(shard, 4)
    # Shards 0 and 1 are buckets 0 and 1: no wait. Shard 2 shares bucket 0 with shard 0, shard 3 bucket 1.
    assert time.slept == [IDENTIFY_WINDOW_SECONDS]
    assert asked == [2]  # asked once


async def test_with_max_concurrency_one_every_shard_waits_for_the_one_before() -> None:
    time, asked = FakeTime(), []
    pacer = pacer_with(1, time, asked)
    for shard in range(3):
        await pacer.wait(shard, 3)
    assert time.slept == [IDENTIFY_WINDOW_SECONDS, IDENTIFY_WINDOW_SECONDS]


async def test_one_shard_never_asks_and_waits_only_when_it_identifies_again_too_soon() -> None:
    time, asked = FakeTime(), []
    pacer = pacer_with(16, time, asked)
    await pacer.wait(0, 1)
    assert time.slept == [] and asked == []
    time.now += 2.0  # the session was invalidated 2 s later: a new IDENTIFY must wait the other 3 s
    await pacer.wait(0, 1)
    assert time.slept == [3.0]
    time.now += 60.0
    await pacer.wait(0, 1)
    assert time.slept == [3.0]
