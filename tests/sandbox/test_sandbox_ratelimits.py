"""Enforcing mode: a burst past the global limit is answered 429 and discord.py survives it by retrying."""

from __future__ import annotations

import asyncio
from typing import Any

import discord

from bot.sandbox import Sandbox, build_demo_world

TOKEN = "sandbox-token"


async def test_429_storm_is_survived_and_counted(point_discord_at: Any) -> None:
    demo = build_demo_world(channels=[f"c{i}" for i in range(60)], read_only_channels=())
    channels = list(demo.channels.values())
    async with Sandbox(demo.world, enforce_rate_limits=True, token=TOKEN) as sandbox:
        point_discord_at(sandbox)
        client = discord.Client(intents=discord.Intents.none())
        await client.login(TOKEN)  # REST only: no gateway needed to post
        try:
            sends = [client.get_partial_messageable(c.id).send(f"hello {c.name}") for c in channels]
            messages = await asyncio.wait_for(asyncio.gather(*sends), 15)
        finally:
            await client.close()
        assert len(messages) == 60
        assert all(len(sandbox.channel_messages(c)) == 1 for c in channels)
        assert sandbox.rate_limit_hits and {scope for scope, _ in sandbox.rate_limit_hits} == {"global"}
        assert sum(r.status == 429 for r in sandbox.requests) == len(sandbox.rate_limit_hits)
        assert sandbox.problems == []


async def test_headers_on_every_answer(sandbox: Sandbox) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": f"Bot {sandbox.token}"}
        async with session.get(f"{sandbox.api_base}/api/v10/users/@me", headers=headers) as resp:
            assert resp.status == 200
            assert resp.headers["Content-Type"] == "application/json"
            for name in ("Limit", "Remaining", "Reset", "Reset-After", "Bucket"):
                assert f"X-RateLimit-{name}" in resp.headers
        async with session.get(
            f"{sandbox.api_base}/api/v10/users/@me", headers={"Authorization": "Bot nope"}
        ) as r:
            assert r.status == 401


async def test_an_outage_refuses_every_request_for_its_seconds_then_ends(
    sandbox: Sandbox, fan_world: Any
) -> None:
    """fail_for: a time-based outage (not a count); a 429 says how long it has left, as Discord does."""
    import aiohttp

    channel = fan_world.announcements
    url = f"{sandbox.api_base}/api/v10/channels/{channel.id}/messages"
    headers = {"Authorization": f"Bot {sandbox.token}"}
    sandbox.fail_for("POST", "/channels/{channel_id}/messages", seconds=0.5, status=429, scope="global")
    async with aiohttp.ClientSession() as session:
        answers = []
        for _ in range(3):
            async with session.post(url, json={"content": "hi"}, headers=headers) as resp:
                answers.append((resp.status, await resp.json()))
        assert [status for status, _ in answers] == [429, 429, 429]
        assert all(body["global"] and 0 < body["retry_after"] <= 0.5 for _, body in answers)
        await asyncio.sleep(0.6)
        async with session.post(url, json={"content": "hi"}, headers=headers) as resp:
            assert resp.status == 200
    assert len(sandbox.channel_messages(channel)) == 1
