"""8. Reload: how long the event loop goes without running while /reload-data imports a large data file.

Reading, checking and deriving a data file runs in a thread; while it does, the bot must keep answering (a loop
held for long looks to Discord like a bot that stopped). The real fan bot runs against a sandbox in this process;
a ticker that wants to run every 10 ms records the longest gap between its runs (the stall) while the owner's
/reload-data imports the file. Floors, measured in the same run: the loop's own idle tick (the same ticker with
nothing to do), and the stall while reloading the data file as it ships (what any reload costs).
Then the file is grown by EXTRA_ENTRIES people, characters, credits and facts (quick: fewer) and reloaded. Goal:
its stall under 0.5 s, the longest the loop may be held before a fan's command would wait visibly. The ratio
to the small file's stall shows how much of the large file's work still runs on the loop (1x: none).

Run: ``python bench/reload.py [--quick]`` (under a minute; quick: 1,000 more entries, one reload of each).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python bench/reload.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.common import Table, ms, ratio, verdict
from bench.release_data import dated_data_file, grow_data_file
from bot.harness import running_fan_bot
from bot.sandbox import Sandbox, build_demo_world

EXTRA_ENTRIES = 3000
QUICK_EXTRA_ENTRIES = 1000
REPEATS = 3
TICK_SECONDS = 0.01
IDLE_SECONDS = 1.0
STALL_GOAL_SECONDS = 0.5  # longer than this, and a fan's command would wait visibly


@dataclass
class LoopStalls:
    """The longest the event loop went without running a ticker that wants to run every TICK_SECONDS."""

    longest: float = 0.0


@contextlib.asynccontextmanager
async def watching_the_event_loop() -> AsyncIterator[LoopStalls]:
    stalls = LoopStalls()

    async def tick() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(TICK_SECONDS)
            now = time.perf_counter()
            stalls.longest = max(stalls.longest, now - last)
            last = now

    ticker = asyncio.create_task(tick())
    try:
        yield stalls
    finally:
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker


async def longest_stall(during: Awaitable[Any]) -> tuple[float, Any]:
    """The longest stall of the loop while ``during`` runs, and what it returned."""
    async with watching_the_event_loop() as stalls:
        result = await during
    return stalls.longest, result


@dataclass
class ReloadReport:
    extra_entries: int
    idle_tick: float  # the longest gap of the ticker with nothing else to do
    small: list[float]  # the longest stall of each reload of the file as it ships
    large: list[float]  # the same with EXTRA_ENTRIES more entries
    large_seconds: float  # how long the large reload took, command to answer
    problems: list[str]

    @property
    def ratio(self) -> float:
        return ratio(max(self.large), max(self.small))

    def figures(self) -> dict[str, Any]:
        return {
            "reload_extra_entries": self.extra_entries,
            "reload_idle_tick_ms": self.idle_tick * 1000,
            "reload_small_stall_ms": max(self.small) * 1000,
            "reload_large_stall_ms": max(self.large) * 1000,
            "reload_large_seconds": self.large_seconds,
            "reload_stall_ratio": self.ratio,
            "reload_problems": len(self.problems),
        }

    def tables(self) -> list[Table]:
        worst = max(self.large)
        rows = [
            ["the loop idle (floor: its own tick)", ms(self.idle_tick), "", ""],
            ["reload of the data file as it ships (floor)", ms(max(self.small)), "", ""],
            [
                f"reload with {self.extra_entries:,} more entries ({self.large_seconds:.1f} s to answer)",
                ms(worst),
                f"<= {STALL_GOAL_SECONDS * 1000:.0f} ms",
                verdict(worst <= STALL_GOAL_SECONDS),
            ],
            ["  / the small file's stall", f"{self.ratio:.2f}x", "", ""],
            ["  / the idle tick", f"{ratio(worst, self.idle_tick):.2f}x", "", ""],
            ["problems (a reload not imported)", str(len(self.problems)), "0", verdict(not self.problems)],
        ]
        title = f"8. Longest event-loop stall during /reload-data (goal: under {STALL_GOAL_SECONDS:.1f} s)"
        return [Table(title, ["reload", "longest stall", "goal", ""], rows)]


async def run_reload(quick: bool) -> ReloadReport:
    extra = QUICK_EXTRA_ENTRIES if quick else EXTRA_ENTRIES
    repeats = 1 if quick else REPEATS
    demo = build_demo_world()
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        data_file = dated_data_file(Path(tmp), "2026-06-01")
        async with (
            Sandbox(demo.world, token=common.TOKEN) as sandbox,
            running_fan_bot(sandbox, Path(tmp) / "bot.sqlite3", data_file=data_file) as bot,
        ):
            bot.owner_id, bot.owner_ids = None, {demo.admin.id}  # /reload-data is the owners'

            async def reload() -> float:
                # A changed file each time (one more blank line): an unchanged one is not imported again.
                data_file.write_text(data_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
                started = time.perf_counter()
                answer = await sandbox.invoke(
                    "reload-data", guild=demo.guild, member=demo.admin, channel=demo.general, timeout=300
                )
                text = " ".join(str(embed.get("description", "")) for embed in answer.embeds)
                if answer.error is not None or "Imported" not in text:
                    problems.append(f"reload not imported: {answer.error or text[:200]}")
                return time.perf_counter() - started

            await (
                reload()
            )  # unmeasured: the first reload pays what only the first one does (lazy imports, caches)
            idle, _ = await longest_stall(asyncio.sleep(IDLE_SECONDS))
            small = [(await longest_stall(reload()))[0] for _ in range(repeats)]
            grow_data_file(data_file, extra)
            large: list[float] = []
            for _ in range(repeats):
                stall, seconds = await longest_stall(reload())
                large.append(stall)
            problems += sandbox.problems
    return ReloadReport(extra, idle, small, large, seconds, problems)


def main() -> None:
    common.part_main(
        __doc__,
        f"{QUICK_EXTRA_ENTRIES:,} more entries and one reload of each file (seconds)",
        lambda quick: asyncio.run(run_reload(quick)),
    )


if __name__ == "__main__":
    main()
