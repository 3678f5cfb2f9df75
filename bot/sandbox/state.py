"""What the REST and gateway halves of the sandbox share: the world, the clock, every record, the knobs.

sandbox.py, rest.py, gateway.py and messages.py all depend on this module and on none of each other's
private members; the Sandbox composes them and exposes the public testing API.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .clock import ShiftedWallClock, VirtualClock
from .errors import ApiError, form_errors
from .interactions import InteractionRecord, as_id
from .localizations import check_localizations
from .openapi import OpenAPISpec
from .permissions import Permissions
from .ratelimits import RateLimiter
from .scheduled_events import ScheduledEvents
from .world import SNOWFLAKES, Channel, ClockSnowflakes, Guild, World

# Discord refuses a gateway connection that would hold more servers than this (close code 4011, sharding
# required), and recommends one shard per GUILDS_PER_RECOMMENDED_SHARD servers in GET /gateway/bot.
MAX_GUILDS_PER_SHARD = 2_500
GUILDS_PER_RECOMMENDED_SHARD = 1_000

# Discord remembers an enforce_nonce nonce for a few minutes; after that the same nonce makes a new message.
NONCE_WINDOW = timedelta(minutes=5)


@dataclass(slots=True)
class RequestRecord:
    method: str
    path: str
    route: str | None  # the OpenAPI template, e.g. "/channels/{channel_id}/messages"
    json: Any
    status: int = 0
    started: float = 0.0
    finished: float = 0.0
    query: dict[str, str] | None = None

    @property
    def duration(self) -> float:
        return self.finished - self.started


@dataclass(slots=True)
class InjectedFailure:
    """An error Sandbox.fail_next asked for: the next ``remaining`` requests to ``method route`` get it."""

    method: str
    route: str
    status: int
    remaining: int
    code: int
    message: str
    body_override: Any
    # True: carry the request out, then answer with the error anyway (a reply lost after Discord acted on it).
    after_processing: bool = False
    # For a 429: the seconds asked for (None: a short default) and its scope ('user', 'global' or 'shared').
    retry_after: float | None = None
    scope: str = "user"
    # Sandbox.fail_for: every request until this time.monotonic() instant instead of a count.
    until: float | None = None

    def seconds_left(self) -> float:
        return 0.0 if self.until is None else max(self.until - time.monotonic(), 0.0)

    def body(self) -> Any:
        if self.body_override is not None:
            return self.body_override
        return {"message": self.message, "code": self.code}


@dataclass(slots=True)
class InjectedDelay:
    """A slow answer Sandbox.slow_next asked for: the next ``remaining`` requests to ``method route`` are
    carried out after ``seconds`` of real time (the client waits with the request in flight)."""

    method: str
    route: str
    seconds: float
    remaining: int


class NonceMemory:
    """Which message an enforce_nonce nonce created, for NONCE_WINDOW of the sandbox's (possibly virtual) clock."""

    def __init__(self, clock: VirtualClock | ShiftedWallClock) -> None:
        self._clock = clock
        self._created: dict[
            tuple[int, str], tuple[int, datetime]
        ] = {}  # (author, nonce) -> (message id, when)

    def recall(self, author_id: int, nonce: str) -> int | None:
        """The message created with this nonce within the window, if any."""
        hit = self._created.get((author_id, nonce))
        if hit is None:
            return None
        message_id, created_at = hit
        if self._clock.now() - created_at >= NONCE_WINDOW:
            del self._created[(author_id, nonce)]
            return None
        return message_id

    def remember(self, author_id: int, nonce: str, message_id: int) -> None:
        self._created[(author_id, nonce)] = (message_id, self._clock.now())


class SandboxState:
    """The shared state of one sandbox. Attributes are public to the sandbox's modules; tests use Sandbox."""

    def __init__(
        self,
        world: World,
        clock: VirtualClock | ShiftedWallClock,
        *,
        token: str,
        spec: OpenAPISpec,
        limiter: RateLimiter,
        application_flags: int,
        shards: int | None = None,
        max_concurrency: int = 1,
        max_guilds_per_shard: int = MAX_GUILDS_PER_SHARD,
        enforce_identify_rate: bool = False,
    ) -> None:
        self.world = world
        self.clock = clock
        self.token = token
        self.spec = spec
        self.limiter = limiter
        self.application_flags = application_flags
        self.base_url = ""  # http://host:port once the server listens
        # Sharding: the shard count GET /gateway/bot recommends (None: Discord's rule, one per 1,000 servers),
        # how many shards may IDENTIFY at once, and how many servers one connection may hold (4011 beyond).
        self.shards = shards
        self.max_concurrency = max_concurrency
        self.max_guilds_per_shard = max_guilds_per_shard
        self.enforce_identify_rate = (
            enforce_identify_rate  # Invalid Session for IDENTIFYs beyond max_concurrency
        )

        self.requests: list[RequestRecord] = []
        self.problems: list[str] = []
        self.rate_limit_hits: list[tuple[str, str]] = []
        self.resumes: list[int] = []  # number of dispatches replayed by each RESUME
        self.messages: dict[int, dict[str, Any]] = {}
        self.attachment_data: dict[
            int, bytes
        ] = {}  # attachment id -> the bytes uploaded, as a client downloads
        self.channel_log: dict[int, list[int]] = {}  # channel id -> message ids, oldest first
        self.allowed_mentions: dict[int, dict[str, Any] | None] = {}  # message id -> as last sent
        self.interactions: dict[int, InteractionRecord] = {}
        self.interactions_by_token: dict[str, InteractionRecord] = {}
        self.nonces = NonceMemory(clock)
        # Message ids encode the sandbox clock's time, as Discord's encode theirs.
        self.message_ids = ClockSnowflakes(lambda: int(clock.now().timestamp() * 1000))
        self.failures: list[InjectedFailure] = []
        self.delays: list[InjectedDelay] = []
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.commands_synced = asyncio.Event()
        self.command_puts: list[int | None] = []  # each bulk overwrite (PUT) of commands: its guild, or None
        # (guild id, command name) pairs a server admin opened to everyone (Server Settings > Integrations).
        self.permission_overrides: set[tuple[int, str]] = set()
        self.scheduled_events = ScheduledEvents()
        self.inflight = 0  # REST requests being handled
        self.last_activity = time.monotonic()

    # -- addresses ------------------------------------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return self.base_url

    @property
    def gateway_url(self) -> str:
        return self.base_url.replace("http://", "ws://", 1) + "/gateway/"

    # -- sharding -------------------------------------------------------------------------------------------------

    def bot_guild_count(self) -> int:
        return sum(1 for g in self.world.guilds.values() if g.bot_present)

    def recommended_shards(self) -> int:
        if self.shards is not None:
            return self.shards
        # Discord's recommendation always fits under its own limit; so does ours when a test lowers the limit.
        per_shard = min(GUILDS_PER_RECOMMENDED_SHARD, self.max_guilds_per_shard)
        return max(1, math.ceil(self.bot_guild_count() / per_shard))

    # -- activity and failures ------------------------------------------------------------------------------------

    def touch(self) -> None:
        """Something happened (a request, a frame): settle() counts its quiet period from now."""
        self.last_activity = time.monotonic()

    def take_failure(self, method: str, route: str) -> InjectedFailure | None:
        now = time.monotonic()
        self.failures = [f for f in self.failures if f.until is None or f.until > now]  # outages that ended
        for failure in self.failures:
            if failure.method == method and failure.route == route and failure.until is not None:
                return failure
            if failure.method == method and failure.route == route and failure.remaining > 0:
                failure.remaining -= 1
                if failure.remaining == 0:
                    self.failures.remove(failure)
                return failure
        return None

    def take_delay(self, method: str, route: str) -> float:
        for delay in self.delays:
            if delay.method == method and delay.route == route and delay.remaining > 0:
                delay.remaining -= 1
                if delay.remaining == 0:
                    self.delays.remove(delay)
                return delay.seconds
        return 0.0

    # -- identities -----------------------------------------------------------------------------------------------

    def bot_user_payload(self) -> dict[str, Any]:
        data = self.world.bot_user.payload()
        data.update(verified=True, mfa_enabled=False, email=None, locale="en-US", bio="")
        return data

    def application_payload(self) -> dict[str, Any]:
        owner = self.world.default_owner
        return {
            "id": str(self.world.application_id),
            "name": self.world.application_name,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "hook": True,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": self.application_flags,
            "owner": owner.payload(),
            "team": None,
            "bot": self.world.bot_user.payload(),
            "rpc_origins": [],
            "redirect_uris": [],
            "tags": [],
            "interactions_endpoint_url": None,
            "approximate_guild_count": self.bot_guild_count(),
            "integration_types_config": {"0": {}, "1": {}},  # installable in servers and on accounts
        }

    def bot_permissions(self, channel: Channel) -> int:
        if channel.guild is None:
            return int(Permissions.DEFAULT_MEMBER)
        return channel.permissions_for(channel.guild.bot_member)

    # -- commands -------------------------------------------------------------------------------------------------

    def commands(self, guild: Guild | int | None = None) -> list[dict[str, Any]]:
        if guild is None:
            return list(self.global_commands)
        return list(self.guild_commands.get(as_id(guild), []))

    def store_commands(self, guild_id: int | None, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        where = "PUT commands" if guild_id is None else f"PUT guild {guild_id} commands"
        current = self.global_commands if guild_id is None else self.guild_commands.get(guild_id, [])
        previous = {(c["name"], c["type"]): c for c in current}
        seen: set[tuple[str, int]] = set()
        stored: list[dict[str, Any]] = []
        check_localizations(payloads, where)
        for p in payloads:
            kind = int(p.get("type") or 1)
            key = (p["name"], kind)
            if key in seen:
                raise ApiError(
                    400,
                    50035,
                    "Invalid Form Body",
                    problem=f"{where}: duplicate command name {p['name']!r}",
                    errors=form_errors([("name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "duplicate")]),
                )
            seen.add(key)
            self._check_option_order(p, where)
            prev = previous.get(key)
            cmd: dict[str, Any] = {
                "id": prev["id"] if prev else str(SNOWFLAKES.next()),
                "application_id": str(self.world.application_id),
                "version": str(SNOWFLAKES.next()),
                "type": kind,
                "name": p["name"],
                "description": p.get("description") or "",
                "options": p.get("options") or [],
                "default_member_permissions": p.get("default_member_permissions"),
                "dm_permission": p.get("dm_permission", True),
                "nsfw": bool(p.get("nsfw", False)),
                "contexts": p.get("contexts"),
                "integration_types": p.get("integration_types") or [0],
                "name_localizations": p.get("name_localizations"),
                "description_localizations": p.get("description_localizations"),
            }
            if guild_id is not None:
                cmd["guild_id"] = str(guild_id)
            stored.append(cmd)
        if guild_id is None:
            self.global_commands = stored
        else:
            self.guild_commands[guild_id] = stored
        self.commands_synced.set()
        return stored

    def _check_option_order(self, cmd: dict[str, Any], where: str) -> None:
        """Discord refuses required options after optional ones (the spec cannot say so)."""
        options = cmd.get("options") or []
        optional_seen = False
        for opt in options:
            if opt.get("type") in (1, 2):
                self._check_option_order(opt, where)
                continue
            if opt.get("required"):
                if optional_seen:
                    raise ApiError(
                        400,
                        50035,
                        "Invalid Form Body",
                        errors=form_errors(
                            [("options", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "order")]
                        ),
                        problem=f"{where}: {cmd['name']!r}: required option {opt['name']!r} after an optional one",
                    )
            else:
                optional_seen = True

    def register_interaction(self, record: InteractionRecord) -> None:
        self.interactions[record.id] = record
        self.interactions_by_token[record.token] = record
