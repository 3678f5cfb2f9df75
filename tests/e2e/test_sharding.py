"""Sharding end to end: the real FanBot (an AutoShardedBot) on a sandbox that requires two shards.

The sandbox is told a connection may hold one server (Discord: 2,500), so its two servers need two shards: it
recommends 2 in GET /gateway/bot, and refuses a connection that would hold both with close code 4011, as Discord
refuses an unsharded bot in 2,500 servers. The demo world puts one server on each shard.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord
import pytest

from bot.app import FanBot
from bot.config import Settings
from bot.harness import aimed_at, running_client
from bot.health import HealthLimits, check_file
from bot.sandbox import DemoServer, DemoWorld, Sandbox, VirtualClock, build_demo_world
from tests.e2e.conftest import TOKEN, Harness, assert_no_unwanted_pings
from tests.e2e.processes import bot_environment, run_bot, running_bot, standalone_sandbox
from tests.e2e.test_announcements import RELEASE_DAY, SEVEN_DAYS_BEFORE, data_with_release
from tests.e2e.test_fan_commands import embed_text
from tests.helpers_announcements import eventually


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, RELEASE_DAY)


@pytest.fixture
def demo() -> DemoWorld:
    return build_demo_world(servers=2, shards=2)


@pytest.fixture
async def sharded(
    tmp_path: Path, clock: VirtualClock, data_file: Path, demo: DemoWorld
) -> AsyncIterator[Harness]:
    """The bot on a sandbox that requires two shards (one server per connection) and lets both identify at once
    (and no faster: an IDENTIFY beyond max_concurrency gets Invalid Session, as on Discord)."""
    async with Sandbox(
        demo.world,
        clock=clock,
        token=TOKEN,
        max_guilds_per_shard=1,
        max_concurrency=2,
        enforce_identify_rate=True,
    ) as sandbox:
        harness = Harness(sandbox, demo, clock, tmp_path / "bot.sqlite3", data_file)
        try:
            await harness.start_bot()
            yield harness
            assert sandbox.problems == [], "the sandbox saw requests Discord would refuse"
            assert sandbox.refused_too_fast == 0, "a shard identified faster than max_concurrency allows"
            assert_no_unwanted_pings(sandbox, allowed_roles={server.role.id for server in demo.servers})
        finally:
            await harness.stop_bot()


def bot_of(harness: Harness) -> FanBot:
    assert harness.bot is not None
    return harness.bot


async def ask_in(harness: Harness, server: DemoServer) -> str:
    result = await harness.sandbox.invoke(
        "ask",
        {"question": "who directs Heartstopper Forever?"},
        guild=server.guild,
        member=server.fan,
        channel=server.channels["general"],
    )
    return embed_text(result.embeds[0])


async def test_two_shards_answer_commands_and_post_each_announcement_once(
    sharded: Harness, demo: DemoWorld
) -> None:
    sandbox, bot = sharded.sandbox, bot_of(sharded)
    # Discord's recommendation was followed: two shards, each with its own server, none refused.
    assert bot.shard_count == 2 and sorted(sandbox.identifies) == [(0, 2), (1, 2)]
    assert sandbox.refused_for_sharding == 0
    assert {server.guild.id: sandbox.shard_of(server.guild, 2) for server in demo.servers} == {
        demo.servers[0].guild.id: 0,
        demo.servers[1].guild.id: 1,
    }
    assert {guild.id: guild.shard_id for guild in bot.guilds} == {
        server.guild.id: sandbox.shard_of(server.guild, 2) for server in demo.servers
    }

    for server in demo.servers:
        assert "Wash Westmoreland" in await ask_in(sharded, server)
        setup = await sandbox.invoke(
            "announcements setup",
            {"channel": server.channels["announcements"], "role": server.role, "timezone": "Etc/UTC"},
            guild=server.guild,
            member=server.admin,
            channel=server.channels["general"],
        )
        assert "Countdown set up in #announcements" in embed_text(setup.embeds[0])

    await sandbox.advance_to(SEVEN_DAYS_BEFORE + timedelta(minutes=5))
    for server in demo.servers:
        [post] = sandbox.channel_messages(server.channels["announcements"])
        assert "7 days to go" in embed_text(post["embeds"][0])
        assert post["content"] == f"<@&{server.role.id}>"


async def test_one_shard_drops_and_resumes_while_the_other_stays(sharded: Harness, demo: DemoWorld) -> None:
    sandbox = sharded.sandbox
    identifies = list(sandbox.identifies)
    server = demo.servers[1]
    await sandbox.drop_gateway(shard_id=1, wait_resumed=False)
    # Made while shard 1 is away (or just back): replayed on RESUME or sent live, the bot must see it.
    await sandbox.set_bot_can_send(server.channels["announcements"], False)
    async with asyncio.timeout(10):
        while not sandbox.resumes:  # noqa: ASYNC110 - the sandbox records RESUMEs; nothing to wait on
            await asyncio.sleep(0.01)
    assert len(sandbox.resumes) == 1 and sandbox.identifies == identifies  # resumed, not identified again
    for every in demo.servers:
        assert "Wash Westmoreland" in await ask_in(sharded, every)
    setup = await sandbox.invoke(
        "announcements setup",
        {"channel": server.channels["announcements"]},
        guild=server.guild,
        member=server.admin,
        channel=server.channels["general"],
    )
    assert "Send Messages" in embed_text(setup.embeds[0])  # the bot's cache saw the overwrite on shard 1


async def test_with_max_concurrency_one_the_shards_identify_one_window_apart_and_none_is_refused(
    tmp_path: Path, clock: VirtualClock, data_file: Path, demo: DemoWorld
) -> None:
    """Discord answers an IDENTIFY beyond max_concurrency with Invalid Session: the bot's IdentifyPacer must hold
    shard 1 back until shard 0's window has passed (this test takes about 5 s of real time)."""
    async with Sandbox(
        demo.world,
        clock=clock,
        token=TOKEN,
        max_guilds_per_shard=1,
        max_concurrency=1,
        enforce_identify_rate=True,
    ) as sandbox:
        harness = Harness(sandbox, demo, clock, tmp_path / "bot.sqlite3", data_file)
        try:
            await harness.start_bot()
            assert sorted(sandbox.identifies) == [(0, 2), (1, 2)]
            assert sandbox.refused_too_fast == 0
            for server in demo.servers:
                assert "Wash Westmoreland" in await ask_in(harness, server)
        finally:
            await harness.stop_bot()


async def test_a_connection_without_sharding_is_refused_as_discord_refuses_it(
    tmp_path: Path, demo: DemoWorld
) -> None:
    """Why the bot shards: a plain, unsharded discord.py client gets close code 4011 from the same sandbox."""
    clock = VirtualClock(start=datetime(2026, 1, 1, tzinfo=UTC))
    async with Sandbox(demo.world, clock=clock, token=TOKEN, max_guilds_per_shard=1) as sandbox:
        client = discord.Client(intents=discord.Intents.none(), guild_ready_timeout=0.05)
        with aimed_at(sandbox.api_base), pytest.raises(discord.ConnectionClosed) as refused:
            async with running_client(client, sandbox.token, sandbox=sandbox, wait_for_commands=False):
                pass
        assert refused.value.code == 4011
        assert sandbox.refused_for_sharding == 1 and sandbox.identifies == []


def test_the_bot_as_deployed_follows_discords_shard_count_and_reports_each_shard(tmp_path: Path) -> None:
    """`python -m bot` against `python -m bot.sandbox --shards 2`: the log and `python -m bot health` say so."""
    with (
        standalone_sandbox("--shards", "2") as sandbox,
        running_bot(environment := bot_environment(tmp_path, sandbox.port)) as (_, stderr),
    ):
        stderr.wait_for("logged in as", within=30)
        log = "".join(stderr.seen)
        assert " in 2 servers on 2 shards, " in stderr.seen[-1], log
        assert "shard 0 of 2 ready with 1 server" in log and "shard 1 of 2 ready with 1 server" in log, log
        assert " slash commands (first sync)" in log, log

        deadline = time.monotonic() + 20
        while (health := run_bot(environment, "health")).returncode != 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert health.returncode == 0, health.stdout
        assert (
            health.stdout.startswith("healthy: gateway connected for") and " on 2 shards, " in health.stdout
        )


async def test_a_shard_whose_session_discord_forgot_identifies_again_and_health_follows(
    sharded: Harness, demo: DemoWorld, tmp_path: Path
) -> None:
    """Shard 1 away for longer than Discord keeps its session: its RESUME gets INVALID_SESSION, it identifies
    afresh, gets its servers again (with what changed meanwhile), and the heartbeat is healthy on both shards."""
    sharded.base_settings = replace(Settings(), health_file=tmp_path / "health.json")
    await sharded.restart()
    sandbox, bot = sharded.sandbox, bot_of(sharded)
    # A new process cannot know the IDENTIFYs its predecessor sent under a second ago: Discord refuses those
    # with Invalid Session and discord.py identifies again (it connected, so it recovered). From here on the
    # pacer knows every IDENTIFY, and the fixture's check that none was too fast applies again.
    assert bot.health_reporter.gateway_connected
    sandbox.gateway.refused_too_fast = 0
    identifies, server = list(sandbox.identifies), demo.servers[1]
    # Discord forgets the session (as it does after a long absence); the shard's connection then drops.
    for session_id, session in list(sandbox.gateway.sessions.items()):
        if session.shard_id == 1:
            del sandbox.gateway.sessions[session_id]
    await sandbox.drop_gateway(shard_id=1, wait_resumed=False)
    await sandbox.set_bot_can_send(server.channels["announcements"], False)
    await eventually(lambda: sandbox.identifies[len(identifies) :] == [(1, 2)], within=20.0)
    await eventually(lambda: bot.health_reporter.gateway_connected, within=20.0)

    for every in demo.servers:
        assert "Wash Westmoreland" in await ask_in(sharded, every)
    setup = await sandbox.invoke(
        "announcements setup",
        {"channel": server.channels["announcements"]},
        guild=server.guild,
        member=server.admin,
        channel=server.channels["general"],
    )
    assert "Send Messages" in embed_text(setup.embeds[0])  # the fresh GUILD_CREATE carried the overwrite
    bot.health_reporter.write()
    verdict = check_file(tmp_path / "health.json", HealthLimits(), datetime.now(UTC))
    assert verdict.healthy and " on 2 shards, servers: 2" in verdict.reason, verdict.reason
