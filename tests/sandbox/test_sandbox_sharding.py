"""Sharding at frame level: GET /gateway/bot, IDENTIFY with shard: [id, count], each shard's own servers and
events, the close codes Discord refuses with (4010 invalid shard, 4011 sharding required), RESUME per shard."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest

from bot.sandbox import DemoWorld, Sandbox, World, build_demo_world

TOKEN = "sandbox-token"
INTENTS = 1  # guilds


class Shard:
    """A raw gateway connection (plain-text frames) that has IDENTIFYed as one shard."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    async def next(self) -> dict[str, Any]:
        msg = await self.ws.receive(timeout=5)
        assert msg.type == aiohttp.WSMsgType.TEXT, msg
        return json.loads(msg.data)

    async def nothing_more(self) -> None:
        """No frame arrives within a short while (the sandbox writes its frames at once)."""
        with pytest.raises(asyncio.TimeoutError):
            await self.ws.receive(timeout=0.3)


async def identify(
    session: aiohttp.ClientSession, sandbox: Sandbox, shard: Any = None, *, send_shard: bool = True
) -> aiohttp.ClientWebSocketResponse:
    ws = await session.ws_connect(sandbox.gateway_url + "?v=10&encoding=json")
    hello = json.loads((await ws.receive(timeout=5)).data)
    assert hello["op"] == 10
    data: dict[str, Any] = {"token": sandbox.token, "intents": INTENTS, "properties": {}}
    if send_shard:
        data["shard"] = shard
    await ws.send_json({"op": 2, "d": data})
    return ws


async def read_ready_and_guilds(shard: Shard) -> tuple[dict[str, Any], set[int]]:
    ready = await shard.next()
    assert ready["t"] == "READY"
    expected = {int(g["id"]) for g in ready["d"]["guilds"]}
    created: set[int] = set()
    while created != expected:
        frame = await shard.next()
        assert frame["t"] == "GUILD_CREATE", frame
        created.add(int(frame["d"]["id"]))
    return ready, created


@pytest.fixture
def four_servers() -> DemoWorld:
    """Four servers taking turns on two shards: 1 and 3 on shard 0, 2 and 4 on shard 1."""
    return build_demo_world(servers=4, shards=2)


async def test_gateway_bot_recommends_one_shard_per_thousand_servers_or_the_configured_count() -> None:
    world = World()
    for number in range(1001):
        world.add_guild(f"server {number}")
    async with Sandbox(world, token=TOKEN) as sandbox, aiohttp.ClientSession() as session:
        url = f"{sandbox.api_base}/api/v10/gateway/bot"
        headers = {"Authorization": f"Bot {TOKEN}"}
        async with session.get(url, headers=headers) as answer:
            body = await answer.json()
        assert body["shards"] == 2
        assert body["session_start_limit"]["max_concurrency"] == 1
        assert body["url"].startswith("ws://127.0.0.1:")
    async with (
        Sandbox(build_demo_world().world, token=TOKEN, shards=3, max_concurrency=16) as sandbox,
        aiohttp.ClientSession() as session,
    ):
        async with session.get(f"{sandbox.api_base}/api/v10/gateway/bot", headers=headers) as answer:
            body = await answer.json()
        assert body["shards"] == 3 and body["session_start_limit"]["max_concurrency"] == 16
        assert sandbox.problems == []


async def test_each_shard_gets_only_its_own_servers_and_their_events(four_servers: DemoWorld) -> None:
    servers = four_servers.servers
    on_shard = {0: {servers[0].guild.id, servers[2].guild.id}, 1: {servers[1].guild.id, servers[3].guild.id}}
    async with (
        Sandbox(four_servers.world, token=TOKEN, shards=2) as sandbox,
        aiohttp.ClientSession() as session,
    ):
        assert {sandbox.shard_of(s.guild, 2) for s in servers} == {0, 1}
        zero = Shard(await identify(session, sandbox, [0, 2]))
        ready, created = await read_ready_and_guilds(zero)
        assert ready["d"]["shard"] == [0, 2] and created == on_shard[0]
        # Not ready while shard 1 has not identified: a sharded bot is ready only with every shard.
        await asyncio.sleep(0.1)
        assert not sandbox.gateway.ready.is_set()
        one = Shard(await identify(session, sandbox, [1, 2]))
        ready, created = await read_ready_and_guilds(one)
        assert ready["d"]["shard"] == [1, 2] and created == on_shard[1]
        await sandbox.wait_for_ready(timeout=5)
        assert sandbox.identifies == [(0, 2), (1, 2)]

        # A change in a server of shard 1 reaches shard 1 only, and one of shard 0 shard 0 only.
        await sandbox.delete_channel(servers[1].channels["staff"])
        deleted = await one.next()
        assert deleted["t"] == "CHANNEL_DELETE" and int(deleted["d"]["guild_id"]) == servers[1].guild.id
        await zero.nothing_more()
        await sandbox.remove_bot_from_guild(servers[2].guild)
        gone = await zero.next()
        assert gone["t"] == "GUILD_DELETE" and int(gone["d"]["id"]) == servers[2].guild.id
        await one.nothing_more()

        # An interaction in a server goes to the shard that owns it; one in a direct message to shard 0.
        sandbox.state.store_commands(None, [{"name": "ping", "description": "Ping", "type": 1}])
        await sandbox.dispatch_command("ping", guild=servers[3].guild, member=servers[3].fan)
        interaction = await one.next()
        assert interaction["t"] == "INTERACTION_CREATE"
        assert int(interaction["d"]["guild_id"]) == servers[3].guild.id
        await zero.nothing_more()
        await sandbox.dispatch_command("ping", user=servers[3].fan.user)
        direct = await zero.next()
        assert direct["t"] == "INTERACTION_CREATE" and "guild_id" not in direct["d"]
        await one.nothing_more()
        await zero.ws.close()
        await one.ws.close()
        assert sandbox.problems == []


@pytest.mark.parametrize("shard", [[2, 2], [-1, 2], [0, 0], [0], "0,2", [0, True], [True, 2]])
async def test_an_invalid_shard_is_refused_with_4010(four_servers: DemoWorld, shard: Any) -> None:
    async with Sandbox(four_servers.world, token=TOKEN) as sandbox, aiohttp.ClientSession() as session:
        ws = await identify(session, sandbox, shard)
        closing = await ws.receive(timeout=5)
        assert closing.type == aiohttp.WSMsgType.CLOSE and closing.data == 4010
        assert sandbox.identifies == []


async def test_a_connection_holding_too_many_servers_is_refused_with_4011(four_servers: DemoWorld) -> None:
    # Discord's limit is 2,500 servers per connection; three here, so four servers need two shards.
    async with (
        Sandbox(four_servers.world, token=TOKEN, max_guilds_per_shard=3) as sandbox,
        aiohttp.ClientSession() as session,
    ):
        ws = await identify(session, sandbox, send_shard=False)
        closing = await ws.receive(timeout=5)
        assert closing.type == aiohttp.WSMsgType.CLOSE and closing.data == 4011
        assert sandbox.refused_for_sharding == 1 and sandbox.identifies == []

        for shard_id in (0, 1):  # two servers each: accepted
            shard = Shard(await identify(session, sandbox, [shard_id, 2]))
            _, created = await read_ready_and_guilds(shard)
            assert len(created) == 2
            await shard.ws.close()
        assert sandbox.refused_for_sharding == 1
        assert sandbox.problems == []


async def test_one_shard_drops_and_resumes_with_only_its_own_missed_events(four_servers: DemoWorld) -> None:
    servers = four_servers.servers
    async with (
        Sandbox(four_servers.world, token=TOKEN, shards=2) as sandbox,
        aiohttp.ClientSession() as session,
    ):
        zero = Shard(await identify(session, sandbox, [0, 2]))
        await read_ready_and_guilds(zero)
        one = Shard(await identify(session, sandbox, [1, 2]))
        ready, _ = await read_ready_and_guilds(one)
        session_id, last_seq = ready["d"]["session_id"], 1 + len(ready["d"]["guilds"])

        await sandbox.drop_gateway(shard_id=1, wait_resumed=False)
        closing = await one.ws.receive(timeout=5)
        assert closing.type == aiohttp.WSMsgType.CLOSE and closing.data == 4000
        await sandbox.delete_channel(servers[3].channels["staff"])  # shard 1's, missed while it is away
        await sandbox.delete_channel(servers[0].channels["staff"])  # shard 0's, which stayed connected
        assert (await zero.next())["t"] == "CHANNEL_DELETE"

        ws = await session.ws_connect(sandbox.gateway_url + "?v=10&encoding=json")
        resumed = Shard(ws)
        assert (await resumed.next())["op"] == 10
        await ws.send_json({"op": 6, "d": {"token": TOKEN, "session_id": session_id, "seq": last_seq}})
        replayed = await resumed.next()
        assert replayed["t"] == "CHANNEL_DELETE" and int(replayed["d"]["guild_id"]) == servers[3].guild.id
        assert (await resumed.next())["t"] == "RESUMED"
        assert sandbox.resumes == [1]
        await resumed.nothing_more()
        await zero.nothing_more()
        await ws.close()
        await zero.ws.close()
        assert sandbox.problems == []


@pytest.mark.parametrize("max_concurrency", [1, 2])
async def test_an_identify_beyond_max_concurrency_gets_invalid_session(
    four_servers: DemoWorld, max_concurrency: int
) -> None:
    # Discord's session start limit: one IDENTIFY per bucket (shard_id % max_concurrency) per 5 s.
    async with (
        Sandbox(
            four_servers.world,
            token=TOKEN,
            shards=2,
            max_concurrency=max_concurrency,
            enforce_identify_rate=True,
        ) as sandbox,
        aiohttp.ClientSession() as session,
    ):
        zero = Shard(await identify(session, sandbox, [0, 2]))
        await read_ready_and_guilds(zero)
        one = Shard(await identify(session, sandbox, [1, 2]))
        if max_concurrency == 1:  # the same bucket as shard 0, which identified just now
            assert await one.next() == {"op": 9, "d": False, "s": None, "t": None}
            assert sandbox.refused_too_fast == 1 and sandbox.identifies == [(0, 2)]
        else:
            await read_ready_and_guilds(one)
            assert sandbox.refused_too_fast == 0 and sandbox.identifies == [(0, 2), (1, 2)]
        await zero.ws.close()
        await one.ws.close()
        assert sandbox.problems == []
