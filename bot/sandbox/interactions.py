"""Interactions: turning a command invocation into Discord's INTERACTION_CREATE payload, and tracking answers."""

# The public API takes timeout= arguments (wait_for_ready(timeout=10), invoke(..., timeout=)) by design.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .world import Channel, Guild, Member, Role, User

# Interaction types
PING = 1
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
AUTOCOMPLETE = 4
MODAL_SUBMIT = 5

# Callback types
PONG = 1
CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9
LAUNCH_ACTIVITY = 12

# Which callbacks are valid for which interaction type (Discord answers 400 otherwise).
ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    APPLICATION_COMMAND: frozenset({CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL, LAUNCH_ACTIVITY}),
    MESSAGE_COMPONENT: frozenset(
        {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, MODAL}
    ),
    AUTOCOMPLETE: frozenset({AUTOCOMPLETE_RESULT}),
    MODAL_SUBMIT: frozenset(
        {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE}
    ),
}

# Option types
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING = 3
INTEGER = 4
BOOLEAN = 5
USER = 6
CHANNEL = 7
ROLE = 8
MENTIONABLE = 9
NUMBER = 10
ATTACHMENT = 11

EPHEMERAL = 1 << 6
LOADING = 1 << 7
RESPONSE_DEADLINE = 3.0  # seconds, real time


class SandboxError(Exception):
    """The test asked the sandbox for something a Discord client could not do."""


class InteractionNotSettled(SandboxError, TimeoutError):
    """The bot did not (finish) answer(ing) an interaction within the timeout."""

    def __init__(self, record: InteractionRecord, timeout: float) -> None:
        self.record = record
        state = (
            "no callback"
            if record.response_type is None
            else f"callback type {record.response_type}, unfinished"
        )
        super().__init__(f"interaction {record.label!r} not settled after {timeout:.1f}s ({state})")


@dataclass(eq=False)
class InteractionRecord:
    """Everything that happened to one interaction; the sandbox fills it in as the bot answers."""

    id: int
    token: str
    type: int
    label: str  # command path or custom_id, for messages
    guild_id: int | None
    channel_id: int
    user_id: int
    payload: dict[str, Any]
    dispatched_at: float = field(default_factory=time.perf_counter)
    sent_at: float | None = None
    first_callback_at: float | None = None
    response_type: int | None = None
    callback_data: dict[str, Any] | None = None
    original_message_id: int | None = None  # the response message, or the component's message for 6/7
    followup_ids: list[int] = field(default_factory=list)
    error: str | None = None
    deferred_loading: bool = False
    # A user-installed app in a server that denies Use External Apps: Discord makes every answer ephemeral.
    forced_ephemeral: bool = False
    _settled: asyncio.Event = field(default_factory=asyncio.Event)

    def mark_sent(self, at: float) -> None:
        if self.sent_at is None:
            self.sent_at = at

    @property
    def deadline_start(self) -> float:
        return self.sent_at if self.sent_at is not None else self.dispatched_at

    def settle(self) -> None:
        self._settled.set()

    async def settled(self, timeout: float = 10.0) -> InteractionRecord:
        try:
            await asyncio.wait_for(self._settled.wait(), timeout)
        except TimeoutError:
            raise InteractionNotSettled(self, timeout) from None
        return self

    @property
    def latency(self) -> float | None:
        if self.first_callback_at is None:
            return None
        return self.first_callback_at - self.deadline_start


class InteractionResult:
    """A live view of an interaction's outcome (reads the sandbox's message store, so later edits show)."""

    def __init__(self, record: InteractionRecord, messages: Mapping[int, dict[str, Any]]) -> None:
        self.record = record
        self._messages = messages

    def __repr__(self) -> str:
        return (
            f"<InteractionResult {self.record.label!r} type={self.response_type} "
            f"ephemeral={self.ephemeral} content={self.content!r} error={self.error!r}>"
        )

    @property
    def response_type(self) -> int | None:
        return self.record.response_type

    @property
    def original(self) -> dict[str, Any] | None:
        mid = self.record.original_message_id
        return self._messages.get(mid) if mid is not None else None

    @property
    def ephemeral(self) -> bool:
        msg = self.original
        if msg is not None:
            return bool(msg.get("flags", 0) & EPHEMERAL)
        data = self.record.callback_data or {}
        return bool((data.get("flags") or 0) & EPHEMERAL)

    @property
    def content(self) -> str | None:
        msg = self.original
        return msg.get("content") if msg is not None else None

    @property
    def embeds(self) -> list[dict[str, Any]]:
        msg = self.original
        return list(msg.get("embeds") or []) if msg is not None else []

    @property
    def text(self) -> str:
        """What the reader sees of the answer, as text (content, embeds, a layout's text displays)."""
        from .messages import visible_text  # messages imports this module

        msg = self.original
        return visible_text(msg) if msg is not None else ""

    @property
    def components(self) -> list[dict[str, Any]]:
        msg = self.original
        return list(msg.get("components") or []) if msg is not None else []

    @property
    def followups(self) -> list[dict[str, Any]]:
        return [self._messages[i] for i in self.record.followup_ids if i in self._messages]

    @property
    def messages(self) -> list[dict[str, Any]]:
        seen: set[int] = set()
        out: list[dict[str, Any]] = []
        ids = ([self.record.original_message_id] if self.record.original_message_id else []) + list(
            self.record.followup_ids
        )
        for mid in ids:
            if mid not in seen and mid in self._messages:
                seen.add(mid)
                out.append(self._messages[mid])
        return out

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete answer (callback type 8)."""
        return list((self.record.callback_data or {}).get("choices") or [])

    @property
    def modal(self) -> dict[str, Any] | None:
        """The modal the bot opened (callback type 9)."""
        return self.record.callback_data if self.record.response_type == MODAL else None

    @property
    def latency(self) -> float | None:
        return self.record.latency

    @property
    def error(self) -> str | None:
        return self.record.error


@dataclass
class _Resolved:
    users: dict[str, Any] = field(default_factory=dict)
    members: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, Any] = field(default_factory=dict)
    channels: dict[str, Any] = field(default_factory=dict)
    attachments: dict[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v}


class OptionBuilder:
    """Builds the ``data.options`` tree and ``resolved`` map for a chat-input command invocation."""

    def __init__(
        self,
        *,
        guild: Guild | None,
        lookup_user: Callable[[int], User | None],
        lookup_channel: Callable[[int], Channel | None],
        channel_permissions: Callable[[Channel, Member], int],
        invoker: Member | None,
    ) -> None:
        self.guild = guild
        self.lookup_user = lookup_user
        self.lookup_channel = lookup_channel
        self.channel_permissions = channel_permissions
        self.invoker = invoker
        self.resolved = _Resolved()

    def build(
        self,
        command: dict[str, Any],
        path: list[str],
        values: Mapping[str, Any],
        *,
        focused: str | None = None,
    ) -> list[dict[str, Any]]:
        options = command.get("options") or []
        if path:
            sub_name, rest = path[0], path[1:]
            sub = next(
                (
                    o
                    for o in options
                    if o["name"] == sub_name and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
                ),
                None,
            )
            if sub is None:
                raise SandboxError(f"command {command['name']!r} has no subcommand (group) {sub_name!r}")
            if sub["type"] == SUB_COMMAND_GROUP and not rest:
                raise SandboxError(f"{sub_name!r} is a subcommand group: name one of its subcommands")
            if sub["type"] == SUB_COMMAND and rest:
                raise SandboxError(f"{sub_name!r} is a subcommand and has no children {rest!r}")
            return [
                {
                    "name": sub_name,
                    "type": sub["type"],
                    "options": self.build(sub, rest, values, focused=focused),
                }
            ]
        if any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in options):
            names = [o["name"] for o in options]
            raise SandboxError(f"command {command['name']!r} needs a subcommand, one of {names}")
        return self._leaf_options(command, options, values, focused)

    def _leaf_options(
        self,
        command: dict[str, Any],
        options: list[dict[str, Any]],
        values: Mapping[str, Any],
        focused: str | None,
    ) -> list[dict[str, Any]]:
        by_name = {o["name"]: o for o in options}
        unknown = set(values) - set(by_name)
        if unknown:
            raise SandboxError(
                f"{command['name']!r} has no option(s) {sorted(unknown)}; it has {sorted(by_name)}"
            )
        out: list[dict[str, Any]] = []
        for opt in options:  # the order Discord uses: the command's declaration order
            name = opt["name"]
            if name not in values:
                if opt.get("required") and focused is None:
                    raise SandboxError(f"required option {name!r} of {command['name']!r} is missing")
                continue
            if name == focused:
                # Autocomplete sends what the user typed so far, always as text for strings.
                out.append({"name": name, "type": opt["type"], "value": values[name], "focused": True})
                continue
            out.append({"name": name, "type": opt["type"], "value": self._convert(opt, values[name])})
        return out

    def _convert(self, opt: dict[str, Any], value: Any) -> Any:
        t = opt["type"]
        name = opt["name"]
        if t == STRING:
            if not isinstance(value, str):
                raise SandboxError(f"option {name!r} takes a string, got {value!r}")
            self._check_choices(opt, value)
            if opt.get("min_length") is not None and len(value) < opt["min_length"]:
                raise SandboxError(f"option {name!r}: shorter than min_length {opt['min_length']}")
            if opt.get("max_length") is not None and len(value) > opt["max_length"]:
                raise SandboxError(f"option {name!r}: longer than max_length {opt['max_length']}")
            return value
        if t in (INTEGER, NUMBER):
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or (t == INTEGER and not isinstance(value, int))
            ):
                raise SandboxError(
                    f"option {name!r} takes a {'integer' if t == INTEGER else 'number'}, got {value!r}"
                )
            self._check_choices(opt, value)
            if opt.get("min_value") is not None and value < opt["min_value"]:
                raise SandboxError(f"option {name!r}: below min_value {opt['min_value']}")
            if opt.get("max_value") is not None and value > opt["max_value"]:
                raise SandboxError(f"option {name!r}: above max_value {opt['max_value']}")
            return value
        if t == BOOLEAN:
            if not isinstance(value, bool):
                raise SandboxError(f"option {name!r} takes a bool, got {value!r}")
            return value
        if t == USER:
            return str(self._resolve_user(name, value))
        if t == CHANNEL:
            return str(self._resolve_channel(opt, value))
        if t == ROLE:
            return str(self._resolve_role(name, value))
        if t == MENTIONABLE:
            if isinstance(value, Role) or (
                self.guild and any(r.id == _as_id(value) for r in self.guild.roles)
            ):
                return str(self._resolve_role(name, value))
            return str(self._resolve_user(name, value))
        if t == ATTACHMENT:
            if not isinstance(value, dict) or "id" not in value:
                raise SandboxError(f"option {name!r} takes an attachment dict with an 'id'")
            self.resolved.attachments[str(value["id"])] = value
            return str(value["id"])
        return value

    @staticmethod
    def _check_choices(opt: dict[str, Any], value: Any) -> None:
        choices = opt.get("choices")
        if choices and value not in [c["value"] for c in choices]:
            raise SandboxError(f"option {opt['name']!r}: {value!r} is not one of its choices")

    def _resolve_user(self, name: str, value: Any) -> int:
        uid = _as_id(value)
        user = (
            value.user
            if isinstance(value, Member)
            else value
            if isinstance(value, User)
            else self.lookup_user(uid)
        )
        if user is None:
            raise SandboxError(f"option {name!r}: unknown user {value!r}")
        self.resolved.users[str(uid)] = user.payload()
        member = self.guild.members.get(uid) if self.guild else None
        if member is not None:
            self.resolved.members[str(uid)] = member.payload(
                with_user=False, permissions=member.guild_permissions()
            )
        return uid

    def _resolve_role(self, name: str, value: Any) -> int:
        rid = _as_id(value)
        role = next((r for r in self.guild.roles if r.id == rid), None) if self.guild else None
        if role is None:
            raise SandboxError(f"option {name!r}: no role {value!r} in this guild")
        self.resolved.roles[str(rid)] = role.payload()
        return rid

    def _resolve_channel(self, opt: dict[str, Any], value: Any) -> int:
        cid = _as_id(value)
        channel = self.lookup_channel(cid)
        if channel is None or channel.deleted or (self.guild is not None and channel.guild is not self.guild):
            raise SandboxError(f"option {opt['name']!r}: no channel {value!r} in this guild")
        allowed_types = opt.get("channel_types")
        if allowed_types and channel.type not in allowed_types:
            raise SandboxError(f"option {opt['name']!r}: channel type {channel.type} not in {allowed_types}")
        data = channel.payload()
        # The invoking member's permissions in that channel, as Discord resolves them.
        data["permissions"] = str(self._member_perms(channel))
        self.resolved.channels[str(cid)] = data
        return cid

    def _member_perms(self, channel: Channel) -> int:
        member = self.invoker
        return self.channel_permissions(channel, member) if member is not None else 0


def _as_id(value: Any) -> int:
    if isinstance(value, Member | User | Role | Channel | Guild):
        return value.id
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise SandboxError(f"expected a sandbox object or a snowflake, got {value!r}")


def as_id(value: Any) -> int:
    return _as_id(value)
