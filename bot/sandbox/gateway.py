"""The gateway websocket: HELLO/IDENTIFY/READY, heartbeats, sequenced dispatches, RESUME with replay, compression.

Sharding as Discord does it: IDENTIFY carries ``shard: [id, count]``; each shard's session gets READY and
GUILD_CREATE for its own servers only (``(guild_id >> 22) % count == id``; direct messages go to shard 0), and every
later event of a server goes to the one session that owns it. A malformed shard is refused with close code 4010,
a connection that would hold more than ``max_guilds_per_shard`` servers with 4011 (sharding required). With
``enforce_identify_rate``, a second IDENTIFY of one bucket (``shard_id % max_concurrency``) within
IDENTIFY_WINDOW_SECONDS gets op 9 Invalid Session, as Discord answers an IDENTIFY beyond max_concurrency.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .state import SandboxState
from .world import Guild

try:  # discord.py asks for zstd-stream only when it can decode it; mirror that.
    import zstandard  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    zstandard = None

log = logging.getLogger(__name__)

# Opcodes
DISPATCH = 0
HEARTBEAT = 1
IDENTIFY = 2
PRESENCE_UPDATE = 3
VOICE_STATE_UPDATE = 4
RESUME = 6
RECONNECT = 7
REQUEST_GUILD_MEMBERS = 8
INVALID_SESSION = 9
HELLO = 10
HEARTBEAT_ACK = 11

# Close codes Discord uses for refused IDENTIFYs (discord.py reconnects after none of them).
CLOSE_INVALID_SHARD = 4010
CLOSE_SHARDING_REQUIRED = 4011

HEARTBEAT_INTERVAL_MS = 41_250
# Discord's session start limit: max_concurrency IDENTIFYs (one per bucket) per this many seconds of real time.
IDENTIFY_WINDOW_SECONDS = 5.0
REPLAY_BUFFER = 100_000  # dispatches kept per session for RESUME

# Intents that gate the events the sandbox sends.
INTENT_GUILDS = 1 << 0
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_SCHEDULED_EVENTS = 1 << 16
INTENT_DIRECT_MESSAGES = 1 << 12

OnSent = Callable[[float], None]


class _Compressor:
    """One compression context per connection, flushed per message (the stream formats discord.py reads)."""

    def __init__(self, kind: str | None) -> None:
        self.kind = kind
        self._zlib = zlib.compressobj() if kind == "zlib-stream" else None
        self._zstd = (
            zstandard.ZstdCompressor().compressobj()
            if kind == "zstd-stream" and zstandard is not None
            else None
        )

    def encode(self, text: str) -> bytes | str:
        if self._zlib is not None:
            data = text.encode()
            return self._zlib.compress(data) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
        if self._zstd is not None:
            assert zstandard is not None
            data = text.encode()
            return self._zstd.compress(data) + self._zstd.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
        return text


@dataclass(eq=False)
class GatewaySession:
    id: str
    shard_id: int
    shard_count: int
    intents: int
    seq: int = 0
    history: deque[tuple[int, str, OnSent | None]] = field(
        default_factory=lambda: deque(maxlen=REPLAY_BUFFER)
    )
    connection: GatewayConnection | None = None
    guilds_sent: bool = False  # READY and every GUILD_CREATE written to the socket

    def covers(self, guild_id: int | None) -> bool:
        if guild_id is None:
            return self.shard_id == 0
        return (guild_id >> 22) % self.shard_count == self.shard_id


class GatewayConnection:
    """One websocket. Frames go through a queue drained by a single writer, so compression stays in order."""

    def __init__(self, state: SandboxState, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.state = state
        self.ws = ws
        self.compressor = _Compressor(compress)
        self.queue: asyncio.Queue[tuple[str, OnSent | None] | None] = asyncio.Queue()
        self.session: GatewaySession | None = None
        self.closed = False
        self.writer = asyncio.create_task(self._write_loop(), name="sandbox-gateway-writer")

    def send(self, payload: dict[str, Any] | str, on_sent: OnSent | None = None) -> None:
        if self.closed:
            return
        text = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
        self.queue.put_nowait((text, on_sent))

    async def _write_loop(self) -> None:
        try:
            while True:
                item = await self.queue.get()
                if item is None:
                    return
                text, on_sent = item
                frame = self.compressor.encode(text)
                if on_sent is not None:
                    on_sent(time.perf_counter())
                if isinstance(frame, bytes):
                    await self.ws.send_bytes(frame)
                else:
                    await self.ws.send_str(frame)
                self.state.touch()
        except (ConnectionError, RuntimeError):  # the socket went away under us; the reader notices too
            self.closed = True

    async def close(self, code: int) -> None:
        self.closed = True
        self.queue.put_nowait(None)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.writer, 1.0)
        await self.ws.close(code=code, message=b"sandbox")


class Gateway:
    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: set[GatewayConnection] = set()
        self.identified = asyncio.Event()
        self.ready = asyncio.Event()
        self.identifies: list[tuple[int, int]] = []  # (shard id, shard count) of each accepted IDENTIFY
        self.refused_for_sharding = 0  # IDENTIFYs closed with 4011
        self.refused_too_fast = 0  # IDENTIFYs answered Invalid Session: their bucket identified < 5 s before
        self._last_identify: dict[int, float] = {}  # bucket -> time.monotonic() of its last accepted IDENTIFY

    # -- dispatching ---------------------------------------------------------------------------------------------

    def dispatch(
        self,
        event: str,
        data: dict[str, Any],
        *,
        guild_id: int | None = None,
        intent: int | None = None,
        on_sent: OnSent | None = None,
    ) -> None:
        """Send an event to every session responsible for ``guild_id`` (buffered for RESUME when disconnected)."""
        for session in self.sessions.values():
            if not session.covers(guild_id):
                continue
            if intent is not None and not session.intents & intent:
                continue
            self._send_dispatch(session, event, data, on_sent)

    def _send_dispatch(
        self, session: GatewaySession, event: str, data: dict[str, Any], on_sent: OnSent | None
    ) -> None:
        session.seq += 1
        text = json.dumps({"op": DISPATCH, "t": event, "s": session.seq, "d": data}, separators=(",", ":"))
        session.history.append((session.seq, text, on_sent))
        if session.connection is not None:
            session.connection.send(text, on_sent)

    # -- websocket handler ---------------------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.StreamResponse:
        compress = request.query.get("compress")
        if compress == "zstd-stream" and zstandard is None:
            compress = None
        if compress not in ("zlib-stream", "zstd-stream"):
            compress = None
        if request.query.get("encoding", "json") != "json":
            return web.Response(status=400, text="only encoding=json is emulated")
        # No permessage-deflate: the payload is already compressed by the stream codec.
        ws = web.WebSocketResponse(compress=False, max_msg_size=0, autoping=True)
        await ws.prepare(request)
        conn = GatewayConnection(self.state, ws, compress)
        self.connections.add(conn)
        conn.send({"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None})
        try:
            async for msg in ws:
                if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    break
                try:
                    frame = json.loads(msg.data)
                except ValueError:
                    self.state.problems.append("gateway: the client sent a frame that is not JSON")
                    await ws.close(code=4002, message=b"Error while decoding payload.")
                    break
                await self._on_frame(conn, frame)
        finally:
            conn.closed = True
            conn.queue.put_nowait(None)
            self.connections.discard(conn)
            if conn.session is not None and conn.session.connection is conn:
                conn.session.connection = None
        return ws

    async def _on_frame(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        data = frame.get("d")
        self.state.touch()
        if op == HEARTBEAT:
            conn.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            await self._identify(conn, data or {})
        elif op == RESUME:
            await self._resume(conn, data or {})
        elif op == REQUEST_GUILD_MEMBERS:
            self._request_members(conn, data or {})
        elif op in (PRESENCE_UPDATE, VOICE_STATE_UPDATE):
            pass  # accepted and ignored
        else:
            self.state.problems.append(f"gateway: unexpected opcode {op!r}")
            await conn.ws.close(code=4001, message=b"Unknown opcode")

    async def _identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        state = self.state
        if data.get("token") != state.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        if conn.session is not None:
            await conn.ws.close(code=4005, message=b"Already authenticated.")
            return
        shard = _parse_shard(data.get("shard"))
        if shard is None:
            await conn.ws.close(code=CLOSE_INVALID_SHARD, message=b"Invalid shard.")
            return
        shard_id, shard_count = shard
        if state.enforce_identify_rate and self._too_fast(shard_id):
            self.refused_too_fast += 1
            conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        world = state.world
        guilds = [
            g for g in world.guilds.values() if g.bot_present and (g.id >> 22) % shard_count == shard_id
        ]
        if len(guilds) > state.max_guilds_per_shard:
            self.refused_for_sharding += 1
            await conn.ws.close(code=CLOSE_SHARDING_REQUIRED, message=b"Sharding required.")
            return
        # A fresh IDENTIFY replaces any earlier session of the same shard (it can no longer be resumed), and every
        # session of another shard count (the bot restarted with a new count: those shards are gone).
        for old_id, old in list(self.sessions.items()):
            if old.shard_id == shard_id or old.shard_count != shard_count:
                del self.sessions[old_id]
        session = GatewaySession(secrets.token_hex(16), shard_id, shard_count, int(data.get("intents") or 0))
        self.sessions[session.id] = session
        self.identifies.append((shard_id, shard_count))
        self._last_identify[shard_id % max(state.max_concurrency, 1)] = time.monotonic()
        session.connection = conn
        conn.session = session
        self.ready.clear()  # ready again once every shard of this count has its servers
        ready = {
            "v": 10,
            "user": state.bot_user_payload(),
            "user_settings": {},
            "private_channels": [],
            "presences": [],
            "relationships": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["rotterdam"],
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": state.gateway_url,
            "shard": [session.shard_id, session.shard_count],
            "application": {"id": str(world.application_id), "flags": state.application_flags},
            "auth": {},
            "_trace": ["sandbox"],
        }
        self._send_dispatch(session, "READY", ready, None)
        self.identified.set()

        def sent_all(_at: float) -> None:
            session.guilds_sent = True
            self._check_ready()

        last = len(guilds) - 1
        for i, guild in enumerate(guilds):
            self._send_dispatch(session, "GUILD_CREATE", guild.payload(), sent_all if i == last else None)
        if not guilds:
            sent_all(time.perf_counter())

    def _too_fast(self, shard_id: int) -> bool:
        last = self._last_identify.get(shard_id % max(self.state.max_concurrency, 1))
        return last is not None and time.monotonic() - last < IDENTIFY_WINDOW_SECONDS

    def _check_ready(self) -> None:
        """Ready once a connected session of every shard (of the one count) has had all its servers written."""
        live = [s for s in self.sessions.values() if s.connection is not None]
        counts = {s.shard_count for s in live}
        if len(counts) != 1:
            return
        (count,) = counts
        done = {s.shard_id for s in live if s.guilds_sent}
        if done >= set(range(count)):
            self.ready.set()

    async def _resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        session = self.sessions.get(str(data.get("session_id")))
        if data.get("token") != self.state.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        if session is None:
            conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        if session.connection is not None and session.connection is not conn:
            # A resume takes the session over from a connection that has not noticed it is dead yet.
            old = session.connection
            old.closed = True
            old.queue.put_nowait(None)
        seq = int(data.get("seq") or 0)
        if session.history and seq < session.history[0][0] - 1:
            conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        session.connection = conn
        conn.session = session
        replayed = 0
        for s, text, on_sent in session.history:
            if s > seq:
                conn.send(text, on_sent)
                replayed += 1
        self.state.resumes.append(replayed)
        self._send_dispatch(session, "RESUMED", {"_trace": ["sandbox"]}, None)

    def _request_members(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        session = conn.session
        if session is None:
            return
        guild_ids = data.get("guild_id")
        ids = guild_ids if isinstance(guild_ids, list) else [guild_ids]
        for gid in ids:
            guild = self.state.world.guilds.get(int(gid))
            if guild is None:
                continue
            members = list(guild.members.values())
            wanted = data.get("user_ids")
            if wanted:
                wanted_ids = {int(u) for u in (wanted if isinstance(wanted, list) else [wanted])}
                members = [m for m in members if m.id in wanted_ids]
            elif data.get("query"):
                q = str(data["query"]).lower()
                members = [m for m in members if m.name.lower().startswith(q)]
            limit = int(data.get("limit") or 0)
            if limit:
                members = members[:limit]
            chunk: dict[str, Any] = {
                "guild_id": str(guild.id),
                "members": [m.payload() for m in members],
                "chunk_index": 0,
                "chunk_count": 1,
            }
            if data.get("nonce") is not None:
                chunk["nonce"] = data["nonce"]
            self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", chunk, None)

    def remove_bot_from_guild(self, guild: Guild) -> None:
        """The bot leaves (or is kicked from) a guild: GUILD_DELETE, then it is no longer there."""
        if not guild.bot_present:
            return
        self.dispatch("GUILD_DELETE", {"id": str(guild.id)}, guild_id=guild.id, intent=INTENT_GUILDS)
        guild.bot_present = False

    async def drop(self, code: int = 4000, *, shard_id: int | None = None) -> None:
        """Close every connection (or only shard ``shard_id``'s) with a resumable close code; sessions stay so the
        client can RESUME."""
        for conn in list(self.connections):
            if shard_id is not None and (conn.session is None or conn.session.shard_id != shard_id):
                continue
            if conn.session is not None and conn.session.connection is conn:
                conn.session.connection = None
            await conn.close(code)

    async def close_all(self) -> None:
        for conn in list(self.connections):
            await conn.close(1001)


def _parse_shard(value: Any) -> tuple[int, int] | None:
    """IDENTIFY's ``shard: [id, count]`` (absent: the one shard [0, 1]); None when Discord would refuse it."""
    if value is None:
        return 0, 1
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(part, int) and not isinstance(part, bool) for part in value)
    ):
        return None
    shard_id, shard_count = value
    if shard_count < 1 or not 0 <= shard_id < shard_count:
        return None
    return shard_id, shard_count
