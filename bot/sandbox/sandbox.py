"""The Sandbox: a loopback Discord (REST under /api/v10 plus the gateway websocket) around a World."""

# The public API takes timeout= arguments (wait_for_ready(timeout=10), invoke(..., timeout=)) by design.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Literal

from aiohttp import web

from .clock import ShiftedWallClock, VirtualClock
from .gateway import INTENT_GUILD_SCHEDULED_EVENTS, INTENT_GUILDS, Gateway
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL,
    MODAL_SUBMIT,
    InteractionRecord,
    InteractionResult,
    OptionBuilder,
    SandboxError,
)
from .messages import MessageLog, integration_owners
from .openapi import OpenAPISpec, load_spec
from .permissions import Permissions, permission_names
from .ratelimits import RateLimiter
from .rest import RestApi
from .scheduled_events import ScheduledEvent
from .state import MAX_GUILDS_PER_SHARD, InjectedDelay, InjectedFailure, RequestRecord, SandboxState
from .world import GROUP_DM, SNOWFLAKES, Channel, Guild, Member, Role, User, World

_APPLICATION_FLAGS = (1 << 15) | (1 << 19) | (1 << 23)  # members/content intents "limited", command badge
QUIET_PERIOD = 0.05
STEP_QUIET_PERIOD = 0.03

#: How the app reaches the person invoking: installed in the server (or used in its DM), or installed on their
#: own account (then usable in servers that never added the bot, in group DMs and in DMs).
Install = Literal["guild", "user"]
# An application command's integration_types, and an interaction's context (Discord's numbers).
INSTALL_GUILD = 0
INSTALL_USER = 1
CONTEXT_GUILD = 0
CONTEXT_BOT_DM = 1
CONTEXT_PRIVATE_CHANNEL = 2


class Sandbox:
    """A local Discord API v10 that an unmodified discord.py client can connect to.

    Use as ``async with Sandbox(world) as sandbox:``; point ``discord.http.Route.BASE`` at
    ``sandbox.api_base + "/api/v10"`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` at ``sandbox.gateway_url``.

    The REST half (``rest``), the gateway (``gateway``) and the message log share one SandboxState
    (``state``); this class composes them and is the testing API.
    """

    def __init__(
        self,
        world: World,
        *,
        clock: VirtualClock | ShiftedWallClock | None = None,
        enforce_rate_limits: bool = False,
        token: str = "sandbox-token",
        host: str = "127.0.0.1",
        port: int = 0,
        spec: OpenAPISpec | None = None,
        shards: int | None = None,
        max_concurrency: int = 1,
        max_guilds_per_shard: int = MAX_GUILDS_PER_SHARD,
        enforce_identify_rate: bool = False,
    ) -> None:
        """``shards`` is the shard count GET /gateway/bot recommends (default: Discord's rule, one per 1,000
        servers); ``max_concurrency`` its session_start_limit.max_concurrency; a gateway connection that would
        hold more than ``max_guilds_per_shard`` servers is closed with 4011 (sharding required): lower it to make
        a small world need sharding. ``enforce_identify_rate``: an IDENTIFY of a bucket (``shard_id %
        max_concurrency``) that identified less than 5 s of real time before gets op 9 Invalid Session, as on
        Discord (off by default: tests restart bots faster than that)."""
        self.enforce_rate_limits = enforce_rate_limits
        self.host = host
        self.port = port
        self.state = SandboxState(
            world,
            clock or VirtualClock(),
            token=token,
            spec=spec or load_spec(),
            limiter=RateLimiter(enforce=enforce_rate_limits),
            application_flags=_APPLICATION_FLAGS,
            shards=shards,
            max_concurrency=max_concurrency,
            max_guilds_per_shard=max_guilds_per_shard,
            enforce_identify_rate=enforce_identify_rate,
        )
        self.gateway = Gateway(self.state)
        self.message_log = MessageLog(self.state, self.gateway)
        self.rest = RestApi(self.state, self.gateway, self.message_log)
        self._runner: web.AppRunner | None = None
        #: Work the client does between two requests that settle() must wait for, as callables saying "busy"
        #: (a bot drawing a picture in a worker thread before it sends it: no request shows it).
        self.busy_checks: list[Callable[[], bool]] = []

    # -- what the state records, as the testing API names it ----------------------------------------------------

    @property
    def world(self) -> World:
        return self.state.world

    @property
    def clock(self) -> VirtualClock | ShiftedWallClock:
        return self.state.clock

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def spec(self) -> OpenAPISpec:
        return self.state.spec

    @property
    def limiter(self) -> RateLimiter:
        return self.state.limiter

    @property
    def requests(self) -> list[RequestRecord]:
        return self.state.requests

    @property
    def problems(self) -> list[str]:
        return self.state.problems

    @property
    def rate_limit_hits(self) -> list[tuple[str, str]]:
        return self.state.rate_limit_hits

    @property
    def resumes(self) -> list[int]:
        """The number of dispatches replayed by each RESUME."""
        return self.state.resumes

    @property
    def command_syncs(self) -> list[int | None]:
        """Each bulk overwrite of the application's commands (PUT), oldest first: its guild id, or None (global)."""
        return self.state.command_puts

    @property
    def identifies(self) -> list[tuple[int, int]]:
        """(shard id, shard count) of every IDENTIFY the gateway accepted, oldest first."""
        return self.gateway.identifies

    @property
    def refused_for_sharding(self) -> int:
        """IDENTIFYs closed with 4011 (sharding required): the connection would have held too many servers."""
        return self.gateway.refused_for_sharding

    @property
    def refused_too_fast(self) -> int:
        """IDENTIFYs answered Invalid Session because their bucket had identified within 5 s (enforce_identify_rate)."""
        return self.gateway.refused_too_fast

    def shard_of(self, guild: Guild | int, shard_count: int) -> int:
        """The shard that owns ``guild`` among ``shard_count`` (Discord's rule)."""
        guild_id = guild if isinstance(guild, int) else guild.id
        return (guild_id >> 22) % shard_count

    @property
    def messages(self) -> dict[int, dict[str, Any]]:
        return self.state.messages

    @property
    def interactions(self) -> dict[int, InteractionRecord]:
        return self.state.interactions

    @property
    def inflight(self) -> int:
        """REST requests being handled right now."""
        return self.state.inflight

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
        self.state.base_url = f"http://{self.host}:{port}"

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
        return self.state.api_base

    @property
    def gateway_url(self) -> str:
        return self.state.gateway_url

    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def bot_user_id(self) -> int:
        return self.world.bot_user.id

    # -- readiness -----------------------------------------------------------------------------------------------

    async def wait_for_ready(self, timeout: float = 10) -> None:
        """Until every shard of the bot has identified and had each of its GUILD_CREATEs written to its socket."""
        await asyncio.wait_for(self.gateway.ready.wait(), timeout)

    async def wait_for_commands(self, timeout: float = 10) -> None:
        """Until the bot has synced application commands (global or guild) at least once."""
        await asyncio.wait_for(self.state.commands_synced.wait(), timeout)

    def expect_new_command_sync(self) -> None:
        """Forget that commands were synced, so the next wait_for_commands waits for a (re)started client's sync."""
        self.state.commands_synced.clear()

    def commands(self, guild: Guild | int | None = None) -> list[dict[str, Any]]:
        """The synced application commands: global ones, or those of ``guild``."""
        return self.state.commands(guild)

    # -- permissions ---------------------------------------------------------------------------------------------

    def bot_permissions(self, channel: Channel) -> int:
        return self.state.bot_permissions(channel)

    # -- messages ------------------------------------------------------------------------------------------------

    def channel_messages(
        self, channel: Channel | int, *, include_ephemeral: bool = False
    ) -> list[dict[str, Any]]:
        """Messages currently in a channel, oldest first (ephemeral interaction replies only if asked)."""
        return self.message_log.channel_messages(channel, include_ephemeral=include_ephemeral)

    def attachment_bytes(self, attachment: Mapping[str, Any]) -> bytes:
        """The bytes of a message's attachment (one of ``message["attachments"]``), as a client downloads them."""
        return self.state.attachment_data[int(attachment["id"])]

    def dm_messages(self, user: User | Member | int) -> list[dict[str, Any]]:
        uid = user if isinstance(user, int) else user.id
        channel = self.world.dm_channels.get(uid)
        return self.channel_messages(channel) if channel is not None else []

    def message(self, message_id: int | str) -> dict[str, Any]:
        return self.messages[int(message_id)]

    # -- interactions --------------------------------------------------------------------------------------------

    def _context(
        self,
        guild: Guild | None,
        member: Member | None,
        user: User | None,
        channel: Channel | None,
        install: Install = "guild",
    ) -> tuple[Guild | None, Member | None, User, Channel]:
        if install not in ("guild", "user"):
            raise SandboxError(f"install must be 'guild' or 'user', not {install!r}")
        if member is not None and guild is None:
            guild = member.guild
        if isinstance(user, Member):
            member, user = user, None
        if guild is not None:
            if not guild.bot_present and install != "user":
                raise SandboxError(
                    f"the bot is not in guild {guild.name!r} (a fan can use it there as a user-installed app: "
                    "install='user')"
                )
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
        channel = channel or self.world.dm_channel(user)
        if channel.guild is not None:
            raise SandboxError(f"#{channel.name} is a server channel: pass guild= and member=")
        if channel.type == GROUP_DM:
            if user not in channel.recipients:
                raise SandboxError(f"{user.name!r} is not in the group DM {channel.name!r}")
            if install != "user":
                # The bot cannot join a group DM: only a fan's user-installed app is there.
                raise SandboxError(
                    "the bot is not in group DMs (a fan's user-installed app is: install='user')"
                )
        elif channel.recipient is not user:
            raise SandboxError(f"{channel.name!r} is not {user.name!r}'s DM with the bot")
        return None, None, user, channel

    @staticmethod
    def _interaction_context(guild: Guild | None, channel: Channel) -> int:
        """Discord's interaction context type: 0 a server, 1 the bot's DM, 2 a group DM (or another DM)."""
        if guild is not None:
            return CONTEXT_GUILD
        return CONTEXT_PRIVATE_CHANNEL if channel.type == GROUP_DM else CONTEXT_BOT_DM

    @staticmethod
    def _forces_ephemeral(
        guild: Guild | None, member: Member | None, channel: Channel, install: Install
    ) -> bool:
        """A user-installed app in a server that has not added it, where the fan lacks Use External Apps:
        Discord makes every answer ephemeral, whatever the app asked for."""
        if guild is None or member is None or install != "user" or guild.bot_present:
            return False
        return not channel.permissions_for(member) & Permissions.USE_EXTERNAL_APPS

    def _interaction_payload(
        self,
        kind: int,
        data: dict[str, Any],
        guild: Guild | None,
        member: Member | None,
        user: User,
        channel: Channel,
        locale: str,
        install: Install = "guild",
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
            "authorizing_integration_owners": integration_owners(
                guild.id if guild else None,
                user.id,
                # A fan's app used in a server that has the bot too is authorised by both installs.
                guild_install=install == "guild" or (guild is not None and guild.bot_present),
                user_install=install == "user",
            ),
            "context": self._interaction_context(guild, channel),
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if guild is not None and member is not None:
            member_perms = channel.permissions_for(member)
            channel_data = channel.payload()
            channel_data["permissions"] = str(member_perms)
            payload.update(
                guild_id=str(guild.id),
                guild=guild.partial_payload(),
                guild_locale=guild.locale,
                channel=channel_data,
                member=member.payload(permissions=member_perms),
                app_permissions=str(
                    self.bot_permissions(channel)
                    if guild.bot_present
                    # No bot member there: a user-installed app acts with what @everyone may do in the channel.
                    else channel.permissions_for(Member(user, guild, []))
                ),
            )
        else:
            payload.update(
                user=user.payload(),
                channel=channel.payload(),
                app_permissions=str(int(Permissions.DEFAULT_MEMBER)),
            )
        return iid, token, payload

    def _lookup_command(self, name: str, guild: Guild | None) -> dict[str, Any]:
        candidates = (
            self.state.guild_commands.get(guild.id, []) if guild else []
        ) + self.state.global_commands
        for cmd in candidates:
            if cmd["name"] == name and cmd["type"] == 1:  # chat-input commands
                return cmd
        names = sorted({c["name"] for c in candidates})
        raise SandboxError(f"no synced command {name!r} (have {names}); did the bot sync its command tree?")

    def _check_available(
        self,
        cmd: dict[str, Any],
        guild: Guild | None,
        member: Member | None,
        channel: Channel,
        install: Install = "guild",
    ) -> None:
        """Discord's client would not offer the command: fail loudly instead of sending an impossible interaction."""
        name = cmd["name"]
        installs = cmd.get("integration_types") or [INSTALL_GUILD]
        if (INSTALL_USER if install == "user" else INSTALL_GUILD) not in installs:
            raise SandboxError(
                f"/{name} is not available to a user-installed app"
                if install == "user"
                else f"/{name} is not available: it is only installed on users' accounts"
            )
        context = self._interaction_context(guild, channel)
        contexts = cmd.get("contexts")
        if context != CONTEXT_GUILD:
            where = "in DMs" if context == CONTEXT_BOT_DM else "in group DMs"
            if contexts is not None and context not in contexts:
                raise SandboxError(f"/{name} is not available {where}")
            if contexts is None and cmd.get("dm_permission") is False:
                raise SandboxError(f"/{name} is not available {where}")
            return
        if contexts is not None and CONTEXT_GUILD not in contexts:
            raise SandboxError(f"/{name} is not available in guilds")
        assert guild is not None and member is not None
        perms = channel.permissions_for(member)
        if not perms & Permissions.USE_APPLICATION_COMMANDS:
            raise SandboxError(f"{member.name!r} may not use application commands in #{channel.name}")
        required = cmd.get("default_member_permissions")
        if (
            install == "guild"  # a server's admins set who may use the commands of apps it installed
            and required is not None
            and (guild.id, name) not in self.state.permission_overrides
            and not perms & Permissions.ADMINISTRATOR
            and (int(required) & perms) != int(required)
        ):
            raise SandboxError(
                f"/{name} needs the {permission_names(int(required))} permission, which "
                f"{member.name!r} does not have"
            )

    def open_command_to_everyone(self, guild: Guild, name: str) -> None:
        """Act as a server admin who overrides a command's default permissions in Integrations settings.

        Discord then shows the command to every member, so the bot's own permission check is all that stands.
        """
        self.state.permission_overrides.add((guild.id, name))

    def _ensure_connected(self) -> None:
        if not self.gateway.sessions:
            raise SandboxError("the bot has not identified on the gateway yet")

    def _register(self, record: InteractionRecord) -> InteractionRecord:
        self.state.register_interaction(record)
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
        install: Install = "guild",
        _focused: str | None = None,
    ) -> InteractionRecord:
        """Send a slash-command (or, with ``_focused``, autocomplete) interaction and return its record at once.

        ``install='user'``: as a fan who installed the app on their own account, which reaches servers that never
        added the bot, group DMs (``channel=`` a group DM) and DMs; Discord offers only commands whose
        integration_types and contexts allow that (SandboxError otherwise)."""
        self._ensure_connected()
        guild, member, user_obj, channel_obj = self._context(guild, member, user, channel, install)
        path = name.split()
        cmd = self._lookup_command(path[0], guild if guild is not None and guild.bot_present else None)
        self._check_available(cmd, guild, member, channel_obj, install)
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
            kind, data, guild, member, user_obj, channel_obj, locale, install
        )
        record = InteractionRecord(
            iid, token, kind, name, guild.id if guild else None, channel_obj.id, user_obj.id, payload
        )
        record.forced_ephemeral = self._forces_ephemeral(guild, member, channel_obj, install)
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
        install: Install = "guild",
        timeout: float = 10.0,
        settle: bool = True,
    ) -> InteractionResult:
        """Run a slash command as ``member`` and wait until the bot has answered it (see InteractionRecord).

        ``install='user'``: through the app the user installed on their account (see dispatch_command)."""
        record = await self.dispatch_command(
            name,
            options,
            guild=guild,
            member=member,
            user=user,
            channel=channel,
            locale=locale,
            install=install,
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
        install: Install = "guild",
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
            install=install,
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
        # A button under a user-installed app's answer is pressed through that same install.
        owners = (msg.get("interaction_metadata") or {}).get("authorizing_integration_owners") or {}
        install: Install = "user" if "1" in owners and "0" not in owners else "guild"
        guild, member, user_obj, channel_obj = self._context(
            guild or msg_channel.guild, member, user, channel or msg_channel, install
        )
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] in (3, 5, 6, 7, 8):
            data["values"] = list(values or [])
        elif values:
            raise SandboxError("values= is only for select menus")
        iid, token, payload = self._interaction_payload(
            MESSAGE_COMPONENT, data, guild, member, user_obj, channel_obj, locale, install
        )
        payload["message"] = msg
        if owners:  # Discord: the installs that authorised the message's own interaction, whoever presses
            payload["authorizing_integration_owners"] = dict(owners)
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
        record.forced_ephemeral = self._forces_ephemeral(guild, member, channel_obj, install)
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
        locale: str = "en-US",
        timeout: float = 10.0,
        settle: bool = True,
    ) -> InteractionResult:
        """Press a button / choose in a select menu on a message, and wait for the bot's answer.

        ``locale``: the presser's Discord client language, as Discord sends it with the interaction."""
        record = await self.dispatch_click(
            message_id,
            custom_id,
            guild=guild,
            member=member,
            user=user,
            channel=channel,
            values=values,
            locale=locale,
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
        install: Install = "user" if "0" not in parent.payload["authorizing_integration_owners"] else "guild"
        iid, token, payload = self._interaction_payload(
            MODAL_SUBMIT, data, guild, member, user, channel, parent.payload.get("locale", "en-US"), install
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
        record.forced_ephemeral = parent.forced_ephemeral
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

    async def create_role(self, guild: Guild, name: str, **kwargs: Any) -> Role:
        """A moderator creates a role (below the bot's, as ``Guild.add_role``): GUILD_ROLE_CREATE, and the bot's
        role moved up a place (GUILD_ROLE_UPDATE)."""
        role = guild.add_role(name, **kwargs)
        if guild.bot_present:
            self.gateway.dispatch(
                "GUILD_ROLE_CREATE",
                {"guild_id": str(guild.id), "role": role.payload()},
                guild_id=guild.id,
                intent=INTENT_GUILDS,
            )
            await self.update_role(guild.bot_role)
        await asyncio.sleep(0)
        return role

    async def set_member_roles(self, member: Member, roles: list[Role]) -> None:
        """A moderator sets a member's roles (besides @everyone): GUILD_MEMBER_UPDATE, which the bot hears about
        its own member always, and about others only with the members intent, as on Discord."""
        member.roles = list(roles)
        if member.guild.bot_present:
            self.rest.announce_member(member)
        await asyncio.sleep(0)

    async def delete_role(self, role: Role) -> None:
        """A server admin deletes a role: members lose it and the bot is told (GUILD_ROLE_DELETE)."""
        guild = role.guild
        if role.id == guild.id:
            raise SandboxError("@everyone cannot be deleted")
        guild.roles.remove(role)
        for member in guild.members.values():
            if role in member.roles:
                member.roles.remove(role)
        if guild.bot_present:
            self.gateway.dispatch(
                "GUILD_ROLE_DELETE",
                {"guild_id": str(guild.id), "role_id": str(role.id)},
                guild_id=guild.id,
                intent=INTENT_GUILDS,
            )
        await asyncio.sleep(0)

    async def delete_message_as_moderator(self, message: Mapping[str, Any]) -> None:
        """A moderator deletes a message in Discord's client: it is gone (a later edit gets 404 Unknown Message,
        code 10008) and the bot hears MESSAGE_DELETE."""
        stored = self.state.messages.get(int(message["id"]))
        if stored is None:
            raise SandboxError(f"message {message['id']} does not exist")
        self.message_log.delete(stored)
        self.state.touch()
        await asyncio.sleep(0)

    # -- scheduled events ----------------------------------------------------------------------------------------

    def scheduled_events(self, guild: Guild, *, include_finished: bool = False) -> list[ScheduledEvent]:
        """A server's events as its members see them (with cancelled/completed ones when asked)."""
        return [e for e in guild.scheduled_events if not e.deleted and (include_finished or e.listed)]

    def scheduled_event(self, event_id: int | str) -> ScheduledEvent:
        return self.state.scheduled_events.by_id[int(event_id)]

    def mark_interested(self, event: ScheduledEvent, *users: User | Member) -> None:
        """Members press "Interested" (bots cannot); Discord's gateway would say USER_ADD, the bot needs no more."""
        for user in users:
            event.interested.add(user.id)

    async def delete_event_as_moderator(self, event: ScheduledEvent) -> None:
        """A moderator deletes the event in Discord's client: it is gone, and the bot hears of it."""
        event.deleted = True
        if event.guild.bot_present:
            self.gateway.dispatch(
                "GUILD_SCHEDULED_EVENT_DELETE",
                event.payload(),
                guild_id=event.guild.id,
                intent=INTENT_GUILD_SCHEDULED_EVENTS,
            )
        await asyncio.sleep(0)

    async def remove_bot_from_guild(self, guild: Guild) -> None:
        self.gateway.remove_bot_from_guild(guild)
        await asyncio.sleep(0)

    async def drop_gateway(
        self,
        *,
        code: int = 4000,
        wait_resumed: bool = True,
        timeout: float = 10.0,
        shard_id: int | None = None,
    ) -> None:
        """Close the bot's websockets (or only shard ``shard_id``'s) with a resumable code; by default wait until
        one has RESUMEd."""
        before = len(self.resumes)
        await self.gateway.drop(code, shard_id=shard_id)
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
        retry_after: float | None = None,
        scope: str = "user",
    ) -> None:
        """Answer the next ``times`` requests to ``method route`` (an OpenAPI template) with an error.

        With ``after_processing`` the request takes effect first (a message is created) and only the answer is
        an error, as when Discord's reply is lost to a timeout or a crash.

        For ``status=429``: ``retry_after`` seconds (default 0.2) and ``scope`` ('user', 'shared' or 'global';
        a global one sets ``"global": true`` and ``X-RateLimit-Global``), as Discord words its rate limits.
        """
        if scope not in ("user", "shared", "global"):
            raise SandboxError(f"unknown rate-limit scope {scope!r}")
        route = route.removeprefix("/api/v10")
        if self.spec.match(route) is None and route not in self.spec.paths:
            raise SandboxError(f"{route!r} is not a route template of Discord's API")
        self.state.failures.append(
            InjectedFailure(
                method.upper(),
                route,
                status,
                times,
                code,
                message or f"{status}: injected failure",
                json,
                after_processing,
                retry_after,
                scope,
            )
        )

    def fail_for(
        self,
        method: str,
        route: str,
        *,
        seconds: float,
        status: int = 503,
        code: int = 0,
        message: str | None = None,
        retry_after: float | None = None,
        scope: str = "user",
    ) -> None:
        """An outage: answer every request to ``method route`` with an error for the next ``seconds`` of real
        time (then Discord is back). For ``status=429`` the Retry-After is ``retry_after``, or by default the
        time the outage has left (a global one: ``scope='global'``), as :meth:`fail_next` words it."""
        self.fail_next(
            method, route, status=status, code=code, message=message, retry_after=retry_after, scope=scope
        )
        self.state.failures[-1].until = time.monotonic() + seconds

    def slow_next(self, method: str, route: str, *, seconds: float, times: int = 1) -> None:
        """Carry out the next ``times`` requests to ``method route`` only after ``seconds`` of real time (a slow
        Discord; the request is in flight meanwhile). Combines with :meth:`fail_next` (delay first)."""
        route = route.removeprefix("/api/v10")
        if self.spec.match(route) is None and route not in self.spec.paths:
            raise SandboxError(f"{route!r} is not a route template of Discord's API")
        self.state.delays.append(InjectedDelay(method.upper(), route, seconds, times))

    # -- time and quiescence -------------------------------------------------------------------------------------

    async def settle(self, *, quiet: float = QUIET_PERIOD, timeout: float = 10.0) -> None:
        """Until no REST request is in flight, every gateway frame is written, and nothing happened for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        # Always yield once: a caller polling ``while not x: await settle()`` must let the bot's tasks run even
        # when the sandbox is already quiet (otherwise that loop never gives the event loop a turn).
        await asyncio.sleep(0)
        while True:
            now = time.monotonic()
            busy = (
                self.state.inflight > 0
                or any(not c.queue.empty() for c in self.gateway.connections)
                or any(check() for check in self.busy_checks)
            )
            if not busy and now - self.state.last_activity >= quiet:
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
        self.state.touch()
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
