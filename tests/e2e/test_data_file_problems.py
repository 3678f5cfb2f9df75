"""A very large data file, through the real bot and the sandbox."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATA_FILE
from bot.services.dataset import load_dataset
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import RELEASE_DAY, data_with_release, setup_countdown
from tests.e2e.test_fan_commands import embed_text

# Thousands of entries: parsing and deriving the facts of this many takes well over a second on this machine.
EXTRA_ENTRIES = 3000
# Longer than this without the event loop running, and Discord would see a bot that stopped answering. A bound on
# correctness (the loop is never held by a reload), not a speed goal: a stall is far below it or far above it.
LONGEST_STALL_SECONDS = 0.5


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, RELEASE_DAY)


def grow(data_file: Path, entries: int) -> None:
    """The data file with ``entries`` more people, characters, credits and facts, as a far later edition might."""
    parts = [data_file.read_text(encoding="utf-8")]
    for index in range(entries):
        parts.append(
            f'[people.extra-{index}]\nname = "Extra Person {index}"\n'
            f'[characters.role-{index}]\nname = "Background Character {index}"\n'
        )
        parts.append(
            f'[[credits]]\nrole = "cast"\nperson = "extra-{index}"\ncharacter = "role-{index}"\n'
            'status = "reported"\nsource = "wikipedia"\nas_of = 2025-07-28\n'
        )
        parts.append(
            f'[[facts]]\nid = "trivia-{index}"\ntopic = "trivia"\n'
            f'statement = "Extra Person {index} once visited bakery number {index} in Kent on a rainy morning."\n'
            'keywords = ["bakery", "kent"]\nsource = "wikipedia"\nas_of = 2025-07-28\n'
        )
    data_file.write_text("\n".join(parts), encoding="utf-8")


@dataclass
class LoopStalls:
    """The longest the event loop went without running a ticker that wants to run every 10 ms."""

    longest: float = 0.0


@contextlib.asynccontextmanager
async def watching_the_event_loop() -> AsyncIterator[LoopStalls]:
    stalls = LoopStalls()

    async def tick() -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            stalls.longest = max(stalls.longest, now - last)
            last = now

    ticker = asyncio.create_task(tick())
    try:
        yield stalls
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker


async def test_reloading_a_very_large_data_file_never_holds_up_the_bot(
    harness: Harness, data_file: Path
) -> None:
    demo = harness.demo
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {demo.admin.id}
    await setup_countdown(harness)
    grow(data_file, EXTRA_ENTRIES)

    async with watching_the_event_loop() as stalls:
        reload = asyncio.create_task(
            harness.sandbox.invoke(
                "reload-data", guild=demo.guild, member=demo.admin, channel=demo.general, timeout=120
            )
        )
        answered_meanwhile = 0
        while not reload.done():  # fans keep asking while the file is read and imported
            countdown = await harness.invoke("countdown")
            assert "14 days" in embed_text(countdown.embeds[0])
            answered_meanwhile += 1
        reloaded = await reload
    text = embed_text(reloaded.embeds[0])
    assert reloaded.error is None and reloaded.ephemeral
    people = len(load_dataset(DEFAULT_DATA_FILE).people) + EXTRA_ENTRIES
    assert f"Imported {data_file}: {people} people" in text
    assert answered_meanwhile >= 1
    assert stalls.longest < LONGEST_STALL_SECONDS, f"the event loop stalled for {stalls.longest:.2f} s"
    cast = await harness.invoke("cast", {"person": "Background Character 2345"})
    assert "Extra Person 2345" in embed_text(cast.embeds[0])
