"""The Sandbox: a loopback Discord (REST under /api/v10 plus the gateway websocket) around a World."""

# The public API takes timeout= arguments (wait_for_ready(timeout=10), invoke(..., timeout=)) by design.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from .clock import VirtualClock
from .gateway import (
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGES,
    INTENT_GUILDS,
    Gateway,
)
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    EPHEMERAL,
    LOADING,
    MESSAGE_COMPONENT,
    MODAL,
    MODAL_SUBMIT,
    InteractionRecord,
    InteractionResult,
    OptionBuilder,
    SandboxError,
    as_id,
)
from .openapi import OpenAPISpec, load_spec
from .permissions import Permissions
from .ratelimits import RateLimiter
from .rest import ApiError, RequestRecord, RestApi, form_errors
from .rules import compute_pings
from .world import SNOWFLAKES, Channel, Guild, Member, Role, User, World, iso

# Message flags the author may set when sending.
_SETTABLE_FLAGS = (
    (1 << 2) | (1 << 12) | (1 << 15)
)  # SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2
_APPLICATION_FLAGS = (1 << 15) | (1 << 19) | (1 << 23)  # members/content intents "limited", command badge
QUIET_PERIOD = 0.05
STEP_QUIET_PERIOD = 0.03


@dataclass(slots=True)
class _Failure:
    method: str
    route: str
    status: int
    remaining: int
    code: int
    message: str
    body_override: Any
    # True: carry the request out, then answer with the error anyway (a reply lost after Discord acted on it).
    after_processing: bool = False

    def body(self) -> Any:
        if self.body_override is not None:
            return self.body_override
        return {"message": self.message, "code": self.code}


class Sandbox:
    """A local Discord API v10 that an unmodified discord.py client can connect to.

    Use as ``async with Sandbox(world) as sandbox:``; point ``discord.http.Route.BASE`` at
    ``sandbox.api_base + "/api/v10"`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` at ``sandbox.gateway_url``.
    """

    def __init__(
        self,
        world: World,
        *,
        clock: VirtualClock | None = None,
        enforce_rate_limits: bool = False,
        token: str = "sandbox-token",
        host: str = "127.0.0.1",
        port: int = 0,
        spec: OpenAPISpec | None = None,
    ) -> None:
        self.world = world
        self.clock = clock or VirtualClock()
        self.token = token
        self.enforce_rate_limits = enforce_rate_limits
        self.host = host
        self.port = port
        self.spec = spec or load_spec()
        self.limiter = RateLimiter(enforce=enforce_rate_limits)
        self.application_flags = _APPLICATION_FLAGS

        self.requests: list[RequestRecord] = []
        self.problems: list[str] = []
        self.rate_limit_hits: list[tuple[str, str]] = []
        self.resumes: list[int] = []  # number of dispatches replayed by each RESUME
        self.messages: dict[int, dict[str, Any]] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        self._interactions_by_token: dict[str, InteractionRecord] = {}
        self._channel_log: dict[int, list[int]] = {}
        self._nonces: dict[tuple[int, str], tuple[int, float]] = {}
        self._allowed_mentions: dict[int, dict[str, Any] | None] = {}
        self._global_commands: list[dict[str, Any]] = []
        self._guild_commands: dict[int, list[dict[str, Any]]] = {}
        self._failures: list[_Failure] = []
        self._inflight = 0
        self._last_activity = time.monotonic()
        self._commands_synced = asyncio.Event()
        # (guild id, command name) pairs a server admin opened to everyone (Server Settings > Integrations).
        self._permission_overrides: set[tuple[int, str]] = set()

        self.gateway = Gateway(self)
        self.rest = RestApi(self)
        self._runner: web.AppRunner | None = None
        self._base = ""

    # -- lifecycle -----------------------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest.handle)
        app.router.add_get("/gateway/", self.gateway.handle)
        app.router.add_get("/gateway", self.gateway.handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        port = self._runner.addresses[0][1]
        self._base = f"http://{self.host}:{port}"

    async def close(self) -> None:
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Sandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- addresses and identities --------------------------------------------------------------------------------

    @property
    def api_base(self) -> str:
        return self._base

    @property
    def gateway_url(self) -> str:
        return self._base.replace("http://", "ws://", 1) + "/gateway/"

    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def bot_user_id(self) -> int:
        return self.world.bot_user.id

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
            "approximate_guild_count": sum(1 for g in self.world.guilds.values() if g.bot_present),
            "integration_types_config": {"0": {}},
        }

    # -- readiness -----------------------------------------------------------------------------------------------

    async def wait_for_ready(self, timeout: float = 10) -> None:
        """Until the bot has identified and every GUILD_CREATE has been written to its socket."""
        await asyncio.wait_for(self.gateway.ready.wait(), timeout)

    async def wait_for_commands(self, timeout: float = 10) -> None:
        """Until the bot has synced application commands (global or guild) at least once."""
        await asyncio.wait_for(self._commands_synced.wait(), timeout)

    def expect_new_command_sync(self) -> None:
        """Forget that commands were synced, so the next wait_for_commands waits for a (re)started client's sync."""
        self._commands_synced.clear()

    def commands(self, guild: Guild | int | None = None) -> list[dict[str, Any]]:
        if guild is None:
            return list(self._global_commands)
        return list(self._guild_commands.get(as_id(guild), []))

    def _store_commands(self, guild_id: int | None, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        where = "PUT commands" if guild_id is None else f"PUT guild {guild_id} commands"
        current = self._global_commands if guild_id is None else self._guild_commands.get(guild_id, [])
        previous = {(c["name"], c["type"]): c for c in current}
        seen: set[tuple[str, int]] = set()
        stored: list[dict[str, Any]] = []
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
            self._global_commands = stored
        else:
            self._guild_commands[guild_id] = stored
        self._commands_synced.set()
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

    # -- permissions ---------------------------------------------------------------------------------------------

    def bot_permissions(self, channel: Channel) -> int:
        if channel.guild is None:
            return int(Permissions.DEFAULT_MEMBER)
        return channel.permissions_for(channel.guild.bot_member)

    # -- messages ------------------------------------------------------------------------------------------------

    def _attachments(self, body: Mapping[str, Any], files: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        described = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
        out: list[dict[str, Any]] = []
        for i, f in enumerate(files):
            aid = SNOWFLAKES.next()
            meta = described.get(str(i), {})
            name = meta.get("filename") or f["filename"]
            url = f"{self._base}/attachments/{aid}/{name}"
            out.append(
                {
                    "id": str(aid),
                    "filename": name,
                    "size": f["size"],
                    "url": url,
                    "proxy_url": url,
                    "content_type": f["content_type"],
                    "description": meta.get("description"),
                    "ephemeral": False,
                }
            )
        return out

    def _apply_mentions(
        self,
        msg: dict[str, Any],
        allowed: dict[str, Any] | None,
        channel: Channel,
        referenced: dict[str, Any] | None,
    ) -> None:
        """Fill mention_everyone / mention_roles / mentions with who the message actually pings."""
        if msg["flags"] & EPHEMERAL:
            # Only the invoking user sees an ephemeral message: it notifies nobody.
            msg.update(mention_everyone=False, mention_roles=[], mentions=[])
            return
        guild = channel.guild
        if guild is not None:
            can_everyone = bool(self.bot_permissions(channel) & Permissions.MENTION_EVERYONE)
            mentionable = {r.id for r in guild.roles if r.mentionable}
        else:
            can_everyone, mentionable = False, set()
        replied = int(referenced["author"]["id"]) if referenced else None
        pings = compute_pings(
            msg.get("content") or "",
            allowed,
            can_mention_everyone=can_everyone,
            mentionable_role_ids=mentionable,
            known_user_ids=set(self.world.users),
            replied_user_id=replied,
        )
        msg["mention_everyone"] = pings.everyone
        msg["mention_roles"] = [str(r) for r in pings.roles]
        msg["mentions"] = [self.world.users[u].payload() for u in pings.users]

    def _create_message(
        self,
        channel: Channel,
        body: Mapping[str, Any],
        *,
        files: Iterable[dict[str, Any]] = (),
        interaction: InteractionRecord | None = None,
        flags: int = 0,
        author: User | None = None,
    ) -> dict[str, Any]:
        mid = SNOWFLAKES.next()
        user = author or self.world.bot_user
        msg: dict[str, Any] = {
            "id": str(mid),
            "channel_id": str(channel.id),
            "author": user.payload(),
            "content": body.get("content") or "",
            "timestamp": iso(self.clock.now()),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "mention_channels": [],
            "attachments": self._attachments(body, files),
            "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
            "components": list(body.get("components") or []),
            "reactions": [],
            "pinned": False,
            "type": 0,
            "flags": flags | (int(body.get("flags") or 0) & _SETTABLE_FLAGS),
        }
        if body.get("nonce") is not None:
            msg["nonce"] = body["nonce"]
        if body.get("poll") is not None:
            msg["poll"] = body["poll"]
        referenced: dict[str, Any] | None = None
        ref = body.get("message_reference")
        if isinstance(ref, dict) and ref.get("message_id"):
            referenced = self.messages.get(int(ref["message_id"]))
            if referenced is None and ref.get("fail_if_not_exists", True):
                raise ApiError(
                    400,
                    50035,
                    "Invalid Form Body",
                    errors=form_errors([("message_reference", "REPLIES_UNKNOWN_MESSAGE", "Unknown message")]),
                )
            msg["type"] = 19
            msg["message_reference"] = {
                "type": 0,
                "message_id": str(ref["message_id"]),
                "channel_id": str(channel.id),
                **({"guild_id": str(channel.guild.id)} if channel.guild else {}),
            }
            msg["referenced_message"] = referenced
        if interaction is not None:
            invoker = self.world.users[interaction.user_id]
            msg["webhook_id"] = str(self.world.application_id)
            msg["application_id"] = str(self.world.application_id)
            if interaction.type == APPLICATION_COMMAND and interaction.original_message_id is None:
                msg["type"] = 20
            msg["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": invoker.payload(),
                "authorizing_integration_owners": self._integration_owners(interaction.guild_id, invoker.id),
                **({"name": interaction.label} if interaction.type == APPLICATION_COMMAND else {}),
            }
            msg["interaction"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "name": interaction.label,
                "user": invoker.payload(),
            }
        self._allowed_mentions[mid] = body.get("allowed_mentions")
        self._apply_mentions(msg, body.get("allowed_mentions"), channel, referenced)
        self.messages[mid] = msg
        self._channel_log.setdefault(channel.id, []).append(mid)
        channel.last_message_id = mid
        self._announce("MESSAGE_CREATE", msg, channel)
        return msg

    def _edit_message(
        self,
        msg: dict[str, Any],
        body: Mapping[str, Any],
        *,
        files: Iterable[dict[str, Any]] = (),
        finishing_deferral: bool = False,
    ) -> dict[str, Any]:
        channel = self.world.channels[int(msg["channel_id"])]
        if "content" in body:
            msg["content"] = body["content"] or ""
        if "embeds" in body:
            msg["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            msg["components"] = list(body["components"] or [])
        if "flags" in body and body["flags"] is not None:
            keep = msg["flags"] & ~_SETTABLE_FLAGS
            msg["flags"] = keep | (int(body["flags"]) & _SETTABLE_FLAGS)
        files = list(files)
        if "attachments" in body or files:
            kept = {str(a.get("id")) for a in body.get("attachments") or []}
            msg["attachments"] = [a for a in msg["attachments"] if a["id"] in kept] + self._attachments(
                body, files
            )
        if finishing_deferral:
            msg["flags"] &= ~LOADING
        else:
            msg["edited_timestamp"] = iso(self.clock.now())
        mid = int(msg["id"])
        if "allowed_mentions" in body:
            self._allowed_mentions[mid] = body["allowed_mentions"]
        if "content" in body or "allowed_mentions" in body:
            self._apply_mentions(msg, self._allowed_mentions.get(mid), channel, msg.get("referenced_message"))
        self._announce("MESSAGE_UPDATE", msg, channel)
        return msg

    def _delete_message(self, msg: dict[str, Any]) -> None:
        mid = int(msg["id"])
        self.messages.pop(mid, None)
        channel = self.world.channels.get(int(msg["channel_id"]))
        log = self._channel_log.get(int(msg["channel_id"]), [])
        if mid in log:
            log.remove(mid)
        if channel is not None and not msg["flags"] & EPHEMERAL:
            data: dict[str, Any] = {"id": msg["id"], "channel_id": msg["channel_id"]}
            if channel.guild is not None:
                data["guild_id"] = str(channel.guild.id)
            self._dispatch_channel_event("MESSAGE_DELETE", data, channel)

    def _announce(self, event: str, msg: dict[str, Any], channel: Channel) -> None:
        if msg["flags"] & EPHEMERAL:
            return  # ephemeral messages never reach the gateway
        data = msg
        if channel.guild is not None:
            data = dict(msg)
            data["guild_id"] = str(channel.guild.id)
            member = channel.guild.members.get(int(msg["author"]["id"]))
            if member is not None:
                data["member"] = member.payload(with_user=False)
        self._dispatch_channel_event(event, data, channel)

    def _dispatch_channel_event(self, event: str, data: dict[str, Any], channel: Channel) -> None:
        if channel.guild is not None:
            if channel.guild.bot_present:
                self.gateway.dispatch(event, data, guild_id=channel.guild.id, intent=INTENT_GUILD_MESSAGES)
        else:
            self.gateway.dispatch(event, data, intent=INTENT_DIRECT_MESSAGES)

    def channel_messages(
        self, channel: Channel | int, *, include_ephemeral: bool = False
    ) -> list[dict[str, Any]]:
        """Messages currently in a channel, oldest first (ephemeral interaction replies only if asked)."""
        cid = as_id(channel)
        out = [self.messages[i] for i in self._channel_log.get(cid, []) if i in self.messages]
        if not include_ephemeral:
            out = [m for m in out if not m["flags"] & EPHEMERAL]
        return out

    def dm_messages(self, user: User | Member | int) -> list[dict[str, Any]]:
        uid = as_id(user)
        channel = self.world.dm_channels.get(uid)
        return self.channel_messages(channel) if channel is not None else []

    def message(self, message_id: int | str) -> dict[str, Any]:
        return self.messages[int(message_id)]

    # -- interactions --------------------------------------------------------------------------------------------

    @staticmethod
    def _integration_owners(guild_id: int | None, user_id: int) -> dict[str, str]:
        return {"0": str(guild_id)} if guild_id is not None else {"1": str(user_id)}

    def _context(
        self,
        guild: Guild | None,
        member: Member | None,
        user: User | None,
        channel: Channel | None,
    ) -> tuple[Guild | None, Member | None, User, Channel]:
        if member is not None and guild is None:
            guild = member.guild
        if isinstance(user, Member):
            member, user = user, None
        if guild is not None:
            if not guild.bot_present:
                raise SandboxError(f"the bot is not in guild {guild.name!r}")
            if member is None:
                if user is None or user.id not in guild.members:
                    raise SandboxError("a guild interaction needs member= (a member of that guild)")
                member = guild.members[user.id]
            if member.guild is not guild:
                raise SandboxError(f"{member.name!r} is not a member of {guild.name!r}")
            if channel is None:
                channel = next((c for c in guild.channels if not c.deleted and c.type in (0, 5)), None)
                if channel is None:
                    raise SandboxError(f"guild {guild.name!r} has no text channel; pass channel=")
            if channel.guild is not guild or channel.deleted:
                raise SandboxError(f"channel {channel.name!r} is not a live channel of {guild.name!r}")
            perms = channel.permissions_for(member)
            if not perms & Permissions.VIEW_CHANNEL:
                raise SandboxError(f"{member.name!r} cannot see #{channel.name}")
            return guild, member, member.user, channel
        if user is None:
            raise SandboxError("a DM interaction needs user=")
        return None, None, user, channel or self.world.dm_channel(user)

    def _interaction_payload(
        self,
        kind: int,
        data: dict[str, Any],
        guild: Guild | None,
        member: Member | None,
        user: User,
        channel: Channel,
        locale: str,
    ) -> tuple[int, str, dict[str, Any]]:
        iid = SNOWFLAKES.next()
        token = f"aW50ZXJhY3Rpb24{secrets.token_urlsafe(48)}"
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.world.application_id),
            "type": kind,
            "data": data,
            "channel_id": str(channel.id),
            "token": token,
            "version": 1,
            "locale": locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": self._integration_owners(guild.id if guild else None, user.id),
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if guild is not None and member is not None:
            member_perms = channel.permissions_for(member)
            channel_data = channel.payload()
            channel_data["permissions"] = str(member_perms)
            payload.update(
                guild_id=str(guild.id),
                guild={"id": str(guild.id), "locale": guild.locale, "features": []},
                guild_locale=guild.locale,
                channel=channel_data,
                member=member.payload(permissions=member_perms),
                app_permissions=str(self.bot_permissions(channel)),
                context=0,
            )
        else:
            payload.update(
                user=user.payload(),
                channel=channel.payload(),
                app_permissions=str(int(Permissions.DEFAULT_MEMBER)),
                context=1,
            )
        return iid, token, payload

    def _lookup_command(self, name: str, guild: Guild | None) -> dict[str, Any]:
        candidates = (self._guild_commands.get(guild.id, []) if guild else []) + self._global_commands
        for cmd in candidates:
            if cmd["name"] == name and cmd["type"] == 1:  # chat-input commands
                return cmd
        names = sorted({c["name"] for c in candidates})
        raise SandboxError(f"no synced command {name!r} (have {names}); did the bot sync its command tree?")

    def _check_available(
        self, cmd: dict[str, Any], guild: Guild | None, member: Member | None, channel: Channel
    ) -> None:
        """Discord's client would not offer the command: fail loudly instead of sending an impossible interaction."""
        contexts = cmd.get("contexts")
        if guild is None:
            if contexts is not None and 1 not in contexts and 2 not in contexts:
                raise SandboxError(f"/{cmd['name']} is not available in DMs")
            if contexts is None and cmd.get("dm_permission") is False:
                raise SandboxError(f"/{cmd['name']} is not available in DMs")
            return
        if contexts is not None and 0 not in contexts:
            raise SandboxError(f"/{cmd['name']} is not available in guilds")
        assert member is not None
        perms = channel.permissions_for(member)
        if not perms & Permissions.USE_APPLICATION_COMMANDS:
            raise SandboxError(f"{member.name!r} may not use application commands in #{channel.name}")
        required = cmd.get("default_member_permissions")
        if (
            required is not None
            and (guild.id, cmd["name"]) not in self._permission_overrides
            and not perms & Permissions.ADMINISTRATOR
            and (int(required) & perms) != int(required)
        ):
            raise SandboxError(f"/{cmd['name']} needs permissions {required}; {member.name!r} lacks them")

    def open_command_to_everyone(self, guild: Guild, name: str) -> None:
        """Act as a server admin who overrides a command's default permissions in Integrations settings.

        Discord then shows the command to every member, so the bot's own permission check is all that stands.
        """
        self._permission_overrides.add((guild.id, name))

    def _ensure_connected(self) -> None:
        if not self.gateway.sessions:
            raise SandboxError("the bot has not identified on the gateway yet")

    def _register(self, record: InteractionRecord) -> InteractionRecord:
        self.interactions[record.id] = record
        self._interactions_by_token[record.token] = record
        self.gateway.dispatch(
            "INTERACTION_CREATE", record.payload, guild_id=record.guild_id, on_sent=record.mark_sent
        )
        return record

    async def dispatch_command(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        guild: Guild | None = None,
        member: Member | None = None,
        user: User | None = None,
        channel: Channel | None = None,
        locale: str = "en-US",
        _focused: str | None = None,
    ) -> InteractionRecord:
        """Send a slash-command (or, with ``_focused``, autocomplete) interaction and return its record at once."""
        self._ensure_connected()
        guild, member, user_obj, channel_obj = self._context(guild, member, user, channel)
        path = name.split()
        cmd = self._lookup_command(path[0], guild)
        self._check_available(cmd, guild, member, channel_obj)
        builder = OptionBuilder(
            guild=guild,
            lookup_user=self.world.users.get,
            lookup_channel=self.world.channels.get,
            channel_permissions=lambda ch, m: ch.permissions_for(m),
            invoker=member,
        )
        values = dict(options or {})
        if _focused is not None:
            values.setdefault(_focused, "")
        opts = builder.build(cmd, path[1:], values, focused=_focused)
        data: dict[str, Any] = {"id": cmd["id"], "name": cmd["name"], "type": cmd["type"], "options": opts}
        resolved = builder.resolved.payload()
        if resolved:
            data["resolved"] = resolved
        if "guild_id" in cmd:
            data["guild_id"] = cmd["guild_id"]
        kind = AUTOCOMPLETE if _focused is not None else APPLICATION_COMMAND
        iid, token, payload = self._interaction_payload(
            kind, data, guild, member, user_obj, channel_obj, locale
        )
        record = InteractionRecord(
            iid, token, kind, name, guild.id if guild else None, channel_obj.id, user_obj.id, payload
        )
        return self._register(record)

    async def _answered(self, record: InteractionRecord, timeout: float, settle: bool) -> InteractionResult:
        """Wait for the bot's answer to ``record`` (and, with ``settle``, for what it set off) and view it."""
        await record.settled(timeout)
        if settle:
            await self.settle()
        return InteractionResult(record, self.messages)

    def result(self, record: InteractionRecord) -> InteractionResult:
        """The live result view of a record returned by dispatch_command / dispatch_click."""
        return InteractionResult(record, self.messages)

    async def invoke(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        guild: Guild | None = None,
        member: Member | None = None,
        user: User | None = None,
        channel: Channel | None = None,
        locale: str = "en-US",
        timeout: float = 10.0,
        settle: bool = True,
    ) -> InteractionResult:
        """Run a slash command as ``member`` and wait until the bot has answered it (see InteractionRecord)."""
        record = await self.dispatch_command(
            name, options, guild=guild, member=member, user=user, channel=channel, locale=locale
        )
        return await self._answered(record, timeout, settle)

    async def autocomplete(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        focused: str,
        guild: Guild | None = None,
        member: Member | None = None,
        user: User | None = None,
        channel: Channel | None = None,
        locale: str = "en-US",
        timeout: float = 10.0,
    ) -> list[dict[str, Any]]:
        record = await self.dispatch_command(
            name,
            options,
            guild=guild,
            member=member,
            user=user,
            channel=channel,
            locale=locale,
            _focused=focused,
        )
        await record.settled(timeout)
        if record.error:
            raise SandboxError(f"autocomplete for {name!r} failed: {record.error}")
        return InteractionResult(record, self.messages).choices

    async def dispatch_click(
        self,
        message_id: int | str,
        custom_id: str,
        *,
        guild: Guild | None = None,
        member: Member | None = None,
        user: User | None = None,
        channel: Channel | None = None,
        values: list[str] | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        self._ensure_connected()
        msg = self.messages.get(int(message_id))
        if msg is None:
            raise SandboxError(f"no message {message_id}")
        component = _find_component(msg.get("components") or [], custom_id)
        if component is None:
            raise SandboxError(f"message {message_id} has no component with custom_id {custom_id!r}")
        if component.get("disabled"):
            raise SandboxError(f"component {custom_id!r} is disabled")
        msg_channel = self.world.channels[int(msg["channel_id"])]
        guild, member, user_obj, channel_obj = self._context(
            guild or msg_channel.guild, member, user, channel or msg_channel
        )
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] in (3, 5, 6, 7, 8):
            data["values"] = list(values or [])
        elif values:
            raise SandboxError("values= is only for select menus")
        iid, token, payload = self._interaction_payload(
            MESSAGE_COMPONENT, data, guild, member, user_obj, channel_obj, locale
        )
        payload["message"] = msg
        record = InteractionRecord(
            iid,
            token,
            MESSAGE_COMPONENT,
            custom_id,
            guild.id if guild else None,
            channel_obj.id,
            user_obj.id,
            payload,
        )
        record.original_message_id = int(msg["id"])
        return self._register(record)

    async def click(
        self,
        message_id: int | str,
        custom_id: str,
        *,
        guild: Guild | None = None,
        member: Member | None = None,
        user: User | None = None,
        channel: Channel | None = None,
        values: list[str] | None = None,
        timeout: float = 10.0,
        settle: bool = True,
    ) -> InteractionResult:
        """Press a button / choose in a select menu on a message, and wait for the bot's answer."""
        record = await self.dispatch_click(
            message_id, custom_id, guild=guild, member=member, user=user, channel=channel, values=values
        )
        return await self._answered(record, timeout, settle)

    async def submit_modal(
        self,
        opened_by: InteractionResult | InteractionRecord,
        values: Mapping[str, str | list[str]],
        *,
        timeout: float = 10.0,
        settle: bool = True,
    ) -> InteractionResult:
        """Fill in and submit the modal the bot opened in answer to ``opened_by`` (callback type 9)."""
        parent = opened_by.record if isinstance(opened_by, InteractionResult) else opened_by
        if parent.response_type != MODAL or parent.callback_data is None:
            raise SandboxError("that interaction did not open a modal")
        modal = parent.callback_data
        components = [_fill_modal_component(c, values) for c in modal.get("components") or []]
        guild = self.world.guilds.get(parent.guild_id) if parent.guild_id else None
        channel = self.world.channels[parent.channel_id]
        member = guild.members.get(parent.user_id) if guild else None
        user = self.world.users[parent.user_id]
        data = {"custom_id": modal["custom_id"], "components": components}
        iid, token, payload = self._interaction_payload(
            MODAL_SUBMIT, data, guild, member, user, channel, parent.payload.get("locale", "en-US")
        )
        if "message" in parent.payload:
            payload["message"] = parent.payload["message"]
        record = InteractionRecord(
            iid,
            token,
            MODAL_SUBMIT,
            modal["custom_id"],
            parent.guild_id,
            parent.channel_id,
            parent.user_id,
            payload,
        )
        if parent.type == MESSAGE_COMPONENT:
            record.original_message_id = parent.original_message_id
        self._register(record)
        return await self._answered(record, timeout, settle)

    # -- world changes while running -----------------------------------------------------------------------------

    async def delete_channel(self, channel: Channel) -> None:
        channel.deleted = True
        if channel.guild is not None and channel.guild.bot_present:
            self.gateway.dispatch(
                "CHANNEL_DELETE", channel.payload(), guild_id=channel.guild.id, intent=INTENT_GUILDS
            )
        await asyncio.sleep(0)

    async def create_text_channel(self, guild: Guild, name: str, **kwargs: Any) -> Channel:
        channel = guild.add_text_channel(name, **kwargs)
        if guild.bot_present:
            self.gateway.dispatch(
                "CHANNEL_CREATE", channel.payload(), guild_id=guild.id, intent=INTENT_GUILDS
            )
        await asyncio.sleep(0)
        return channel

    async def update_channel(self, channel: Channel) -> None:
        """Tell the bot about a change made directly on a Channel object (overwrites, name, topic...)."""
        if channel.guild is not None and channel.guild.bot_present:
            self.gateway.dispatch(
                "CHANNEL_UPDATE", channel.payload(), guild_id=channel.guild.id, intent=INTENT_GUILDS
            )
        await asyncio.sleep(0)

    async def set_bot_can_send(self, channel: Channel, can_send: bool) -> None:
        if channel.guild is None:
            raise SandboxError("only guild channels have overwrites")
        bot = channel.guild.bot_member
        _, allow, deny = channel.overwrites.get(bot.id, (1, 0, 0))
        if can_send:
            deny &= ~Permissions.SEND_MESSAGES
        else:
            deny |= Permissions.SEND_MESSAGES
            allow &= ~Permissions.SEND_MESSAGES
        channel.set_overwrite(bot, allow=allow, deny=deny)
        await self.update_channel(channel)

    async def update_role(self, role: Role) -> None:
        self.gateway.dispatch(
            "GUILD_ROLE_UPDATE",
            {"guild_id": str(role.guild.id), "role": role.payload()},
            guild_id=role.guild.id,
            intent=INTENT_GUILDS,
        )
        await asyncio.sleep(0)

    async def remove_bot_from_guild(self, guild: Guild) -> None:
        if not guild.bot_present:
            return
        self.gateway.dispatch("GUILD_DELETE", {"id": str(guild.id)}, guild_id=guild.id, intent=INTENT_GUILDS)
        guild.bot_present = False
        await asyncio.sleep(0)

    async def add_bot_to_guild(self, guild: Guild) -> None:
        """(Re-)join the bot to a guild of the world: GUILD_CREATE."""
        guild.bot_present = True
        self.gateway.dispatch("GUILD_CREATE", guild.payload(), guild_id=guild.id, intent=INTENT_GUILDS)
        await asyncio.sleep(0)

    async def post_message(self, channel: Channel, author: Member | User, content: str) -> dict[str, Any]:
        """A human posts in a channel (MESSAGE_CREATE to the bot, if its intents ask for messages)."""
        user = author.user if isinstance(author, Member) else author
        return self._create_message(channel, {"content": content}, author=user)

    async def drop_gateway(
        self, *, code: int = 4000, wait_resumed: bool = True, timeout: float = 10.0
    ) -> None:
        """Close the bot's websocket with a resumable code; by default wait until it has RESUMEd."""
        before = len(self.resumes)
        await self.gateway.drop(code)
        if wait_resumed:
            deadline = time.monotonic() + timeout
            while len(self.resumes) == before:
                if time.monotonic() > deadline:
                    raise TimeoutError("the bot did not RESUME after drop_gateway()")
                await asyncio.sleep(0.01)

    def fail_next(
        self,
        method: str,
        route: str,
        *,
        status: int = 503,
        times: int = 1,
        code: int = 0,
        message: str | None = None,
        json: Any = None,
        after_processing: bool = False,
    ) -> None:
        """Answer the next ``times`` requests to ``method route`` (an OpenAPI template) with an error.

        With ``after_processing`` the request takes effect first (a message is created) and only the answer is
        an error, as when Discord's reply is lost to a timeout or a crash.
        """
        route = route.removeprefix("/api/v10")
        if self.spec.match(route) is None and route not in self.spec.paths:
            raise SandboxError(f"{route!r} is not a route template of Discord's API")
        self._failures.append(
            _Failure(
                method.upper(),
                route,
                status,
                times,
                code,
                message or f"{status}: injected failure",
                json,
                after_processing,
            )
        )

    def _take_failure(self, method: str, route: str) -> _Failure | None:
        for f in self._failures:
            if f.method == method and f.route == route and f.remaining > 0:
                f.remaining -= 1
                if f.remaining == 0:
                    self._failures.remove(f)
                return f
        return None

    # -- time and quiescence -------------------------------------------------------------------------------------

    def _touch(self) -> None:
        self._last_activity = time.monotonic()

    async def settle(self, *, quiet: float = QUIET_PERIOD, timeout: float = 10.0) -> None:
        """Until no REST request is in flight, every gateway frame is written, and nothing happened for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            busy = self._inflight > 0 or any(not c.queue.empty() for c in self.gateway.connections)
            if not busy and now - self._last_activity >= quiet:
                return
            if now > deadline:
                raise TimeoutError("sandbox did not settle")
            await asyncio.sleep(quiet / 4 if not busy else 0.005)

    async def advance(self, delta: timedelta) -> None:
        """Advance the virtual clock, settling after each woken deadline so its posts finish first."""
        await self.clock.advance(delta, on_step=self._settle_step)

    async def advance_to(self, when: datetime) -> None:
        await self.clock.advance_to(when, on_step=self._settle_step)

    async def _settle_step(self) -> None:
        # A woken task may spend a few milliseconds on its own work (a database round) before it calls us;
        # count quiet time from the wake, not from the last request, so the clock does not run ahead of it.
        self._touch()
        await self.settle(quiet=STEP_QUIET_PERIOD)


def _find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any] | None:
    for c in components:
        if c.get("custom_id") == custom_id:
            return c
        for key in ("components",):
            found = _find_component(c.get(key) or [], custom_id)
            if found is not None:
                return found
        for key in ("accessory", "component"):
            child = c.get(key)
            if isinstance(child, dict):
                found = _find_component([child], custom_id)
                if found is not None:
                    return found
    return None


def _fill_modal_component(component: dict[str, Any], values: Mapping[str, str | list[str]]) -> dict[str, Any]:
    kind = component.get("type")
    if kind == 1:  # action row
        return {
            "type": 1,
            "components": [_fill_modal_component(c, values) for c in component.get("components", [])],
        }
    if kind == 18:  # label wrapping one component
        return {"type": 18, "component": _fill_modal_component(component["component"], values)}
    custom_id = component.get("custom_id")
    out: dict[str, Any] = {"type": kind, "custom_id": custom_id}
    if kind == 4:
        value = values.get(custom_id or "", component.get("value") or "")
        out["value"] = value if isinstance(value, str) else ",".join(value)
    elif custom_id is not None:
        value = values.get(custom_id, [])
        out["values"] = [value] if isinstance(value, str) else list(value)
    return out
