"""The emulated Discord world: users, guilds, roles, channels and members, plus their API payloads.

Objects are plain mutable dataclasses; the running Sandbox turns mutations made through its own methods into
gateway events. Mutating a World directly after the bot connected changes what REST answers, but the bot's cache
will not hear about it.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .permissions import (
    OVERWRITE_MEMBER,
    OVERWRITE_ROLE,
    Permissions,
    apply_overwrites,
    base_permissions,
)

DISCORD_EPOCH_MS = 1_420_070_400_000

# Channel types used here (Discord's numbering).
GUILD_TEXT = 0
DM = 1
GROUP_DM = 3
GUILD_VOICE = 2
GUILD_STAGE_VOICE = 13
GUILD_CATEGORY = 4
GUILD_ANNOUNCEMENT = 5


class SnowflakeGenerator:
    """Real-time snowflakes (Discord's epoch), unique and increasing within the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_ms = 0
        self._increment = itertools.count()

    def next(self) -> int:
        with self._lock:
            ms = max(int(time.time() * 1000), self._last_ms)
            self._last_ms = ms
            return ((ms - DISCORD_EPOCH_MS) << 22) | (1 << 17) | (next(self._increment) & 0xFFF)

    def next_on_shard(self, shard_id: int, shard_count: int) -> int:
        """A new id that falls on ``shard_id`` of ``shard_count`` (``(id >> 22) % count``): its time is moved
        up to ``count - 1`` ms ahead, the low bits keep it unique."""
        snowflake = self.next()
        stamp = snowflake >> 22
        stamp += (shard_id - stamp) % shard_count
        return (stamp << 22) | (snowflake & ((1 << 22) - 1))


SNOWFLAKES = SnowflakeGenerator()


class ClockSnowflakes:
    """Message ids on the sandbox's (possibly virtual) clock, as Discord's encode when the message was created, so
    a client can page a channel's history from an instant (``?after=<snowflake of a time>``). Strictly
    increasing even on a frozen clock (the sequence carries into the next millisecond); worker id 2 keeps them
    apart from :data:`SNOWFLAKES`."""

    def __init__(self, now_ms: Callable[[], int]) -> None:
        self._now_ms = now_ms
        self._last_ms = 0
        self._sequence = 0

    def next(self) -> int:
        ms = max(self._now_ms(), DISCORD_EPOCH_MS)
        if ms > self._last_ms:
            self._last_ms, self._sequence = ms, 0
        else:
            self._sequence += 1
            if self._sequence > 0xFFF:
                self._last_ms, self._sequence = self._last_ms + 1, 0
        return ((self._last_ms - DISCORD_EPOCH_MS) << 22) | (2 << 17) | self._sequence


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat()


@dataclass(eq=False)
class User:
    id: int
    name: str
    bot: bool = False
    dms_open: bool = True
    global_name: str | None = None

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name.lower().replace(" ", "_"),
            "global_name": self.global_name or self.name,
            "discriminator": "0",
            "avatar": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass(eq=False)
class Role:
    id: int
    guild: Guild
    name: str
    permissions: int = 0
    position: int = 1
    mentionable: bool = False
    hoist: bool = False
    color: int = 0
    managed: bool = False
    bot_id: int | None = None  # set on the bot's managed role

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "color": self.color,
            "colors": {"primary_color": self.color, "secondary_color": None, "tertiary_color": None},
            "hoist": self.hoist,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(int(self.permissions)),
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>" if self.id != self.guild.id else "@everyone"


@dataclass(eq=False)
class Member:
    user: User
    guild: Guild
    roles: list[Role] = field(default_factory=list)
    nick: str | None = None
    joined_at: datetime = field(default_factory=lambda: datetime(2024, 1, 1, tzinfo=UTC))

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def mention(self) -> str:
        return f"<@{self.user.id}>"

    def guild_permissions(self) -> int:
        return base_permissions(
            int(self.guild.everyone_role.permissions),
            (int(r.permissions) for r in self.roles),
            is_owner=self.guild.owner_id == self.user.id,
        )

    def payload(self, *, with_user: bool = True, permissions: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(r.id) for r in self.roles],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": iso(self.joined_at),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass(eq=False)
class Channel:
    id: int
    name: str
    type: int = GUILD_TEXT
    guild: Guild | None = None
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    # target id -> (target type, allow, deny)
    overwrites: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    recipient: User | None = None  # DM channels
    recipients: list[User] = field(default_factory=list)  # group DMs (the bot is never one of them)
    deleted: bool = False
    last_message_id: int | None = None

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    def permissions_for(self, member: Member) -> int:
        if self.guild is None:
            return int(Permissions.DEFAULT_MEMBER & ~Permissions.MENTION_EVERYONE)
        base = member.guild_permissions()
        everyone = self.overwrites.get(self.guild.id)
        role_ids = {r.id for r in member.roles}
        member_ow = self.overwrites.get(member.id)
        return apply_overwrites(
            base,
            everyone_overwrite=(everyone[1], everyone[2]) if everyone else None,
            role_overwrites=[
                (a, d)
                for tid, (t, a, d) in self.overwrites.items()
                if t == OVERWRITE_ROLE and tid in role_ids
            ],
            member_overwrite=(member_ow[1], member_ow[2])
            if member_ow and member_ow[0] == OVERWRITE_MEMBER
            else None,
        )

    def set_overwrite(self, target: Role | Member | User, *, allow: int = 0, deny: int = 0) -> None:
        kind = OVERWRITE_ROLE if isinstance(target, Role) else OVERWRITE_MEMBER
        if allow == 0 and deny == 0:
            self.overwrites.pop(target.id, None)
        else:
            self.overwrites[target.id] = (kind, int(allow), int(deny))

    def payload(self, *, with_guild_id: bool = True) -> dict[str, Any]:
        if self.type == DM:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": DM,
                "last_message_id": str(self.last_message_id) if self.last_message_id else None,
                "recipients": [self.recipient.payload()],
                "flags": 0,
            }
        if self.type == GROUP_DM:
            return {
                "id": str(self.id),
                "type": GROUP_DM,
                "name": self.name,
                "icon": None,
                "owner_id": str(self.recipients[0].id),
                "last_message_id": str(self.last_message_id) if self.last_message_id else None,
                "recipients": [u.payload() for u in self.recipients],
                "flags": 0,
            }
        data: dict[str, Any] = {
            "id": str(self.id),
            "type": self.type,
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [
                {"id": str(tid), "type": t, "allow": str(a), "deny": str(d)}
                for tid, (t, a, d) in self.overwrites.items()
            ],
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "nsfw": False,
            "flags": 0,
        }
        if self.type in (GUILD_TEXT, GUILD_ANNOUNCEMENT):
            data.update(
                topic=self.topic,
                rate_limit_per_user=0,
                last_message_id=str(self.last_message_id) if self.last_message_id else None,
                default_auto_archive_duration=1440,
            )
        if self.type in (GUILD_VOICE, GUILD_STAGE_VOICE):
            # Discord always sends these for voice channels; discord.py reads them without a default.
            data.update(bitrate=64000, user_limit=0, rtc_region=None)
        if with_guild_id and self.guild is not None:
            data["guild_id"] = str(self.guild.id)
        return data


@dataclass(eq=False)
class Guild:
    world: World
    id: int
    name: str
    owner_id: int
    locale: str = "en-US"
    roles: list[Role] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)
    bot_present: bool = True
    # ScheduledEvent records (scheduled_events.py), in GUILD_CREATE while scheduled or active.
    scheduled_events: list[Any] = field(default_factory=list)

    @property
    def everyone_role(self) -> Role:
        return self.roles[0]  # @everyone shares the guild's id and is always first

    @property
    def bot_role(self) -> Role:
        return next(r for r in self.roles if r.bot_id is not None)

    @property
    def bot_member(self) -> Member:
        return self.members[self.world.bot_user.id]

    def add_role(
        self,
        name: str,
        *,
        permissions: int = 0,
        mentionable: bool = False,
        position: int | None = None,
        color: int = 0,
        hoist: bool = False,
    ) -> Role:
        bot_role = self.bot_role
        if position is None:
            # Below the bot's own role, like a role made by a moderator after inviting the bot.
            position = bot_role.position
            bot_role.position += 1
        role = Role(SNOWFLAKES.next(), self, name, int(permissions), position, mentionable, hoist, color)
        self.roles.append(role)
        return role

    def add_member(
        self,
        name: str,
        *,
        permissions: int | None = None,
        roles: list[Role] | None = None,
        nick: str | None = None,
        user: User | None = None,
    ) -> Member:
        """A user joined to this guild. ``permissions`` (beyond @everyone's) is granted through a role of its own."""
        if user is None:
            user = self.world.add_user(name)
        member_roles = list(roles or [])
        if permissions is not None and permissions != Permissions.NONE:
            member_roles.append(self.add_role(f"{name} permissions", permissions=int(permissions)))
        member = Member(user, self, member_roles, nick)
        self.members[user.id] = member
        return member

    def add_text_channel(
        self,
        name: str,
        *,
        bot_can_send: bool = True,
        bot_can_view: bool = True,
        topic: str | None = None,
        type: int = GUILD_TEXT,
        parent: Channel | None = None,
    ) -> Channel:
        channel = Channel(
            SNOWFLAKES.next(),
            name,
            type,
            self,
            position=len(self.channels),
            topic=topic,
            parent_id=parent.id if parent else None,
        )
        deny = 0
        if not bot_can_send:
            deny |= Permissions.SEND_MESSAGES
        if not bot_can_view:
            deny |= Permissions.VIEW_CHANNEL
        if deny:
            channel.set_overwrite(self.bot_member, deny=deny)
        self.channels.append(channel)
        self.world.channels[channel.id] = channel
        return channel

    def payload(self) -> dict[str, Any]:
        """The full GUILD_CREATE payload."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "region": "europe",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 2,
            "roles": [r.payload() for r in self.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": self.locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "joined_at": iso(self.bot_member.joined_at),
            "large": len(self.members) > 250,
            "unavailable": False,
            "member_count": len(self.members),
            "voice_states": [],
            # Like Discord without the members intent: the bot's own member (plus a small guild's members).
            "members": [m.payload() for m in self.members.values()],
            "channels": [c.payload(with_guild_id=False) for c in self.channels if not c.deleted],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [e.payload() for e in self.scheduled_events if e.listed],
            "soundboard_sounds": [],
            "incidents_data": None,
        }

    def partial_payload(self) -> dict[str, Any]:
        """The ``guild`` object inside an interaction."""
        return {"id": str(self.id), "locale": self.locale, "features": []}


class World:
    """Everything the emulated Discord knows about: the bot's application and user, users, guilds and channels."""

    def __init__(self, *, bot_name: str = "Sandbox Bot", application_name: str | None = None) -> None:
        self.application_id = SNOWFLAKES.next()
        self.application_name = application_name or bot_name
        self.bot_user = User(SNOWFLAKES.next(), bot_name, bot=True)
        self.users: dict[int, User] = {self.bot_user.id: self.bot_user}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.dm_channels: dict[int, Channel] = {}  # recipient user id -> DM channel
        self.default_owner = self.add_user("Guild Owner")  # owns guilds added without owner=

    def add_user(self, name: str, *, dms_open: bool = True, bot: bool = False) -> User:
        user = User(SNOWFLAKES.next(), name, bot=bot, dms_open=dms_open)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str,
        *,
        locale: str = "en-US",
        bot_permissions: int = Permissions.DEFAULT_BOT,
        everyone_permissions: int = Permissions.DEFAULT_MEMBER,
        owner: User | None = None,
        shard: tuple[int, int] | None = None,
        bot_present: bool = True,
    ) -> Guild:
        """A new guild with the bot in it; ``shard=(id, count)`` picks an id that falls on that shard.

        ``bot_present=False``: a server that never added the bot, where a fan can still use it as a user-installed
        app (its commands, not its posts)."""
        owner = owner or self.default_owner
        guild_id = SNOWFLAKES.next() if shard is None else SNOWFLAKES.next_on_shard(*shard)
        guild = Guild(self, guild_id, name, owner.id, locale, bot_present=bot_present)
        guild.roles.append(Role(guild.id, guild, "@everyone", int(everyone_permissions), position=0))
        bot_role = Role(
            SNOWFLAKES.next(),
            guild,
            self.bot_user.name,
            int(bot_permissions),
            1,
            managed=True,
            bot_id=self.bot_user.id,
        )
        guild.roles.append(bot_role)
        guild.members[self.bot_user.id] = Member(self.bot_user, guild, [bot_role])
        guild.members[owner.id] = Member(owner, guild, [])
        self.guilds[guild.id] = guild
        return guild

    def dm_channel(self, user: User) -> Channel:
        channel = self.dm_channels.get(user.id)
        if channel is None:
            channel = Channel(SNOWFLAKES.next(), user.name, DM, None, recipient=user)
            self.dm_channels[user.id] = channel
            self.channels[channel.id] = channel
        return channel

    def add_group_dm(self, name: str, recipients: list[User]) -> Channel:
        """A group DM between users (the bot cannot be in one; a fan's user-installed app can answer there)."""
        if len(recipients) < 2:
            raise ValueError("a group DM has at least two people")
        channel = Channel(SNOWFLAKES.next(), name, GROUP_DM, None, recipients=list(recipients))
        self.channels[channel.id] = channel
        return channel

    def find_member(self, guild: Guild | None, user_id: int) -> Member | None:
        return guild.members.get(user_id) if guild else None
