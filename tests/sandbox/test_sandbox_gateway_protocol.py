"""The gateway protocol at frame level: plain and zlib-stream encodings, heartbeats, sequence numbers, RESUME."""

from __future__ import annotations

import json
import zlib
from typing import Any

import aiohttp

from bot.sandbox import Sandbox


class _Reader:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse, compressed: bool) -> None:
        self.ws = ws
        self.inflator = zlib.decompressobj() if compressed else None

    async def next(self) -> dict[str, Any]:
        msg = await self.ws.receive(timeout=5)
        if self.inflator is not None:
            assert msg.type == aiohttp.WSMsgType.BINARY and msg.data.endswith(b"\x00\x00\xff\xff")
            return json.loads(self.inflator.decompress(msg.data))
        assert msg.type == aiohttp.WSMsgType.TEXT
        return json.loads(msg.data)

    async def until(self, event: str) -> dict[str, Any]:
        while True:
            frame = await self.next()
            if frame.get("t") == event:
                return frame


async def test_identify_heartbeat_and_resume(sandbox: Sandbox, fan_world: Any) -> None:
    async with aiohttp.ClientSession() as session:
        url = sandbox.gateway_url + "?v=10&encoding=json&compress=zlib-stream"
        async with session.ws_connect(url) as ws:
            reader = _Reader(ws, compressed=True)
            hello = await reader.next()
            assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] > 0
            await ws.send_json({"op": 1, "d": None})
            assert (await reader.next())["op"] == 11
            await ws.send_json(
                {"op": 2, "d": {"token": sandbox.token, "intents": 1 | 1 << 9, "properties": {}}}
            )
            ready = await reader.next()
            assert ready["t"] == "READY" and ready["s"] == 1
            assert ready["d"]["guilds"] == [{"id": str(fan_world.guild.id), "unavailable": True}]
            assert ready["d"]["application"]["id"] == str(sandbox.application_id)
            guild = await reader.next()
            assert guild["t"] == "GUILD_CREATE" and guild["s"] == 2
            assert any(m["user"]["id"] == str(sandbox.bot_user_id) for m in guild["d"]["members"])
            staff = next(c for c in guild["d"]["channels"] if c["name"] == "staff")
            assert staff["permission_overwrites"][0]["deny"] == str(1 << 11)
            session_id = ready["d"]["session_id"]
        await sandbox.wait_for_ready(timeout=5)

        # Missed while disconnected: replayed on RESUME, then RESUMED.
        await sandbox.delete_channel(fan_world.staff)
        async with session.ws_connect(sandbox.gateway_url + "?v=10&encoding=json") as ws:
            reader = _Reader(ws, compressed=False)
            assert (await reader.next())["op"] == 10
            await ws.send_json({"op": 6, "d": {"token": sandbox.token, "session_id": session_id, "seq": 2}})
            replayed = await reader.next()
            assert replayed["t"] == "CHANNEL_DELETE" and replayed["s"] == 3
            assert (await reader.next())["t"] == "RESUMED"

        async with session.ws_connect(sandbox.gateway_url + "?v=10&encoding=json") as ws:
            reader = _Reader(ws, compressed=False)
            await reader.next()
            await ws.send_json({"op": 6, "d": {"token": sandbox.token, "session_id": "nope", "seq": 1}})
            invalid = await reader.next()
            assert invalid["op"] == 9 and invalid["d"] is False

        async with session.ws_connect(sandbox.gateway_url + "?v=10&encoding=json") as ws:
            await ws.receive(timeout=5)
            await ws.send_json({"op": 2, "d": {"token": "wrong", "intents": 1, "properties": {}}})
            closing = await ws.receive(timeout=5)
            assert closing.type == aiohttp.WSMsgType.CLOSE and closing.data == 4004
    assert sandbox.problems == []
