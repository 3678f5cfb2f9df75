"""The live countdown when the bot is killed (SIGKILL) while its post or its edit is at Discord: the real bot
process (``python -m bot``) against the sandbox in this process, both on one shifted wall clock (the bot's
``CLOCK_OFFSET_SECONDS``), as ``bench/chaos.py`` runs it. Nothing is recorded by the killed bot; the restarted
one must neither post a second live message nor lose the update."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.sandbox import Sandbox, ShiftedWallClock, build_demo_world, visible_text
from tests.e2e.processes import ShiftedBotProcess
from tests.e2e.test_announcements import data_with_release
from tests.e2e.test_fan_commands import embed_text

TOKEN = "sandbox-token"
MESSAGES = "/channels/{channel_id}/messages"
MESSAGE = "/channels/{channel_id}/messages/{message_id}"
FIRST_UPDATE = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)  # 13 days before the release (15 January), 09:00 UTC
SECOND_UPDATE = FIRST_UPDATE + timedelta(days=1)
# How long the sandbox takes to carry out the post or the edit: the bot is killed meanwhile.
AT_DISCORD_SECONDS = 1.5


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

        bot = ShiftedBotProcess(sandbox, clock, tmp_path / "bot.sqlite3", data_file, tmp_path / "bot.log")
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
        assert await bot.stop(signal.SIGTERM) is not None

        # The first update: the bot is killed while Discord creates the live message.
        await sandbox.advance_to(FIRST_UPDATE)
        sandbox.slow_next("POST", MESSAGES, seconds=AT_DISCORD_SECONDS)
        await bot.start()
        await until(lambda: len(requests("POST", MESSAGES)) == 1)
        assert await bot.stop(signal.SIGKILL) is not None
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
        assert await bot.stop(signal.SIGTERM) is not None

        # The next day's update: the bot is killed while Discord edits the live message.
        await sandbox.advance_to(SECOND_UPDATE)
        sandbox.slow_next("PATCH", MESSAGE, seconds=AT_DISCORD_SECONDS)
        await bot.start()
        await until(lambda: len(requests("PATCH", MESSAGE)) == 1)
        assert await bot.stop(signal.SIGKILL) is not None
        await until(lambda: "12 days to go" in visible_text(channel()[0]))
        assert deliveries(bot.database)[-1] == (12, "sending", None)
        await sandbox.advance(timedelta(minutes=10))
        await bot.start()
        await until(lambda: deliveries(bot.database)[-1] == (12, "sent", int(posted["id"])))
        (edited,) = channel()
        assert edited["id"] == posted["id"] and "12 days to go" in visible_text(edited)
        assert len(requests("POST", MESSAGES)) == 1  # never a second live message
        assert len(requests("PATCH", MESSAGE)) == 2  # the edit, carried out again (the same content)
        assert await bot.stop(signal.SIGTERM) is not None
        assert sandbox.problems == []
