"""5. On time, on the real clock: from a post's due instant to Discord's answer to that post.

The other parts drive time with the sandbox's virtual clock. Here the bot runs on the system clock, as in
production, so the figure includes asyncio's timer, the dispatcher's wake-up, the database round and the send.
A few servers have a daily countdown due at the next whole minute (schedules are set to the minute), at least
``LEAD`` seconds away; the script waits for it, so it takes up to about a minute. The quick mode skips the
wait and reports nothing.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.common import Table, ms
from bench.release_data import dated_data_file
from bot.clock import SystemClock
from bot.harness import running_fan_bot
from bot.sandbox import Sandbox, build_demo_world

SERVERS = 5
LEAD = 8.0  # seconds between the set-up and the due minute, at least
GOAL = 1.0  # the issue: a post goes out within a second of its instant


@dataclass
class DelayReport:
    delays: list[float]
    skipped: bool = False

    def figures(self) -> dict[str, Any]:
        if self.skipped:
            return {}
        return {
            "delay_posts": len(self.delays),
            "delay_first_seconds": min(self.delays, default=float("nan")),
            "delay_max_seconds": max(self.delays, default=float("nan")),
        }

    def tables(self) -> list[Table]:
        if self.skipped:
            return [Table("5. Delay on the real clock: skipped in quick mode", ["figure", "value"], [])]
        worst = max(self.delays, default=float("nan"))
        rows = [
            ["posts due at the same minute", str(SERVERS), ""],
            ["posted", str(len(self.delays)), common.verdict(len(self.delays) == SERVERS)],
            ["due instant to first post answered", ms(min(self.delays, default=float("nan"))), ""],
            ["due instant to last post answered", ms(worst), common.verdict(worst <= GOAL)],
        ]
        return [
            Table(
                f"5. Delay on the real clock (goal: within {GOAL:.0f} s)", ["figure", "value", "goal"], rows
            )
        ]


async def run_delay() -> DelayReport:
    demo = build_demo_world(servers=SERVERS, channels=("announcements",), read_only_channels=())
    now = datetime.now(UTC)
    due = (now + timedelta(seconds=LEAD + 60)).replace(second=0, microsecond=0)
    release_day = (due + timedelta(days=10)).date().isoformat()
    with tempfile.TemporaryDirectory(prefix="bench-delay-") as tmp:
        data_file = dated_data_file(Path(tmp), release_day)
        async with (
            Sandbox(demo.world, token=common.TOKEN) as sandbox,
            running_fan_bot(
                sandbox, Path(tmp) / "bot.sqlite3", clock=SystemClock(), data_file=data_file
            ) as client,
        ):
            for server in demo.servers:
                await client.announcements.setup(
                    server.guild.id,
                    server.channels["announcements"].id,
                    schedule="daily:30",
                    local_time=f"{due:%H:%M}",
                )
            # Real seconds until the due instant, then until every post is answered (or 30 s more).
            deadline = time.monotonic() + (due - datetime.now(UTC)).total_seconds() + 30
            posted: dict[int, float] = {}
            while len(posted) < SERVERS and time.monotonic() < deadline:
                for record in sandbox.requests:
                    if record.route == "/channels/{channel_id}/messages" and record.status == 200:
                        channel = int(record.path.split("/")[2])
                        posted.setdefault(channel, time.time() - (time.perf_counter() - record.finished))
                await asyncio.sleep(0.02)
    return DelayReport([moment - due.timestamp() for moment in posted.values()])


def main() -> None:
    common.part_main(
        __doc__,
        "skip (the real-clock wait takes up to a minute)",
        lambda quick: DelayReport([], skipped=True) if quick else asyncio.run(run_delay()),
    )


if __name__ == "__main__":
    main()
