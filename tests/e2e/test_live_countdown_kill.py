"""The live countdown when the bot is killed (SIGKILL) while its post or its edit is at Discord: the real bot
process (``python -m bot``) against the sandbox in this process, both on one shifted wall clock (the bot's
``CLOCK_OFFSET_SECONDS``), as ``bench/chaos.py`` runs it. Nothing is recorded by the killed bot; the restarted
one must neither post a second live message nor lose the update."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.sandbox import Sandbox, ShiftedWallClock, build_demo_world
from tests.e2e.processes import PROJECT_ROOT
from tests.e2e.test_announcements import data_with_release
from tests.e2e.test_fan_commands import embed_text

TOKEN = "sandbox-token"
MESSAGES = "/channels/{channel_id}/messages"
MESSAGE = "/channels/{channel_id}/messages/{message_id}"
FIRST_UPDATE = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)  # 13 days before the release (15 January), 09:00 UTC
SECOND_UPDATE = FIRST_UPDATE + timedelta(days=1)
# How long the sandbox takes to carry out the post or the edit: the bot is killed meanwhile.
AT_DISCORD_SECONDS = 1.5


class BotProcess:
    """``python -m bot`` against the sandbox, on the sandbox's clock; started again after every stop."""

    def __init__(self, sandbox: Sandbox, clock: ShiftedWallClock, tmp_path: Path, data_file: Path) -> None:
        self.sandbox, self.clock, self.tmp_path, self.data_file = sandbox, clock, tmp_path, data_file
        self.database = tmp_path / "bot.sqlite3"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DISCORD_", "DATABASE_", "DATA_FILE", "CLOCK_", "HEALTH_"))
        }
        environment.update(
            DISCORD_TOKEN=self.sandbox.token,
            DISCORD_API_BASE=self.sandbox.api_base,
            DATABASE_PATH=str(self.database),
            DATA_FILE=str(self.data_file),
            HEALTH_FILE=str(self.tmp_path / "health.json"),
            CLOCK_OFFSET_SECONDS=f"{self.clock.offset_seconds:.6f}",
            LOG_LEVEL="INFO",
            OWNER_IDS="",
            DEV_GUILD_ID="",
        )
        identified = len(self.sandbox.identifies)
        with (self.tmp_path / "bot.log").open("a", encoding="utf-8") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=PROJECT_ROOT,
                env=environment,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        await until(lambda: len(self.sandbox.identifies) > identified, within=60)
        await self.sandbox.wait_for_ready(timeout=60)

    async def end(self, signal_number: int) -> None:
        assert self.process is not None
        self.process.send_signal(signal_number)
        await asyncio.wait_for(self.process.wait(), 30)


async def until(predicate, *, within: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + within
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def deliveries(database: Path) -> list[tuple[int, str, int | None]]:
    """(days left, state, message id) of every delivery, as the bot's database has them."""
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT days_left, state, message_id FROM announcement_deliveries ORDER BY due_at"
        ).fetchall()


def live_message_id(database: Path) -> int | None:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT live_message_id FROM announcement_subscriptions").fetchone()[0]


async def test_a_kill_while_the_post_or_the_edit_is_at_discord_makes_no_second_message(
    tmp_path: Path,
) -> None:
    demo = build_demo_world()
    data_file = data_with_release(tmp_path, "2026-01-15")
    clock = ShiftedWallClock(start=FIRST_UPDATE - timedelta(hours=1))
    async with Sandbox(demo.world, clock=clock, token=TOKEN) as sandbox:

        def requests(method: str, route: str) -> list:
            return [r for r in sandbox.requests if r.method == method and r.route == route]

        def channel() -> list[dict]:
            return sandbox.channel_messages(demo.announcements)

        bot = BotProcess(sandbox, clock, tmp_path, data_file)
        await bot.start()
        await sandbox.wait_for_commands(timeout=60)
        setup = await sandbox.invoke(
            "announcements setup",
            {"channel": demo.announcements, "schedule": "live"},
            guild=demo.guild,
            member=demo.admin,
            channel=demo.general,
        )
        assert "live" in embed_text(setup.embeds[0])
        await bot.end(signal.SIGTERM)

        # The first update: the bot is killed while Discord creates the live message.
        await sandbox.advance_to(FIRST_UPDATE)
        sandbox.slow_next("POST", MESSAGES, seconds=AT_DISCORD_SECONDS)
        await bot.start()
        await until(lambda: len(requests("POST", MESSAGES)) == 1)
        await bot.end(signal.SIGKILL)
        await until(lambda: len(channel()) == 1)  # Discord finished it
        (posted,) = channel()
        assert deliveries(bot.database) == [(13, "sending", None)] and live_message_id(bot.database) is None
        # Back after Discord forgot the nonce: the post is found by its reference, not made again.
        await sandbox.advance(timedelta(minutes=10))
        await bot.start()
        await until(lambda: deliveries(bot.database) == [(13, "sent", int(posted["id"]))])
        assert live_message_id(bot.database) == int(posted["id"])
        assert channel() == [posted] and len(requests("POST", MESSAGES)) == 1
        assert requests("GET", MESSAGES), "the channel was read for the post's reference"
        await bot.end(signal.SIGTERM)

        # The next day's update: the bot is killed while Discord edits the live message.
        await sandbox.advance_to(SECOND_UPDATE)
        sandbox.slow_next("PATCH", MESSAGE, seconds=AT_DISCORD_SECONDS)
        await bot.start()
        await until(lambda: len(requests("PATCH", MESSAGE)) == 1)
        await bot.end(signal.SIGKILL)
        await until(lambda: "12 days to go" in embed_text(channel()[0]["embeds"][0]))
        assert deliveries(bot.database)[-1] == (12, "sending", None)
        await sandbox.advance(timedelta(minutes=10))
        await bot.start()
        await until(lambda: deliveries(bot.database)[-1] == (12, "sent", int(posted["id"])))
        (edited,) = channel()
        assert edited["id"] == posted["id"] and "12 days to go" in embed_text(edited["embeds"][0])
        assert len(requests("POST", MESSAGES)) == 1  # never a second live message
        assert len(requests("PATCH", MESSAGE)) == 2  # the edit, carried out again (the same content)
        await bot.end(signal.SIGTERM)
        assert sandbox.problems == []
