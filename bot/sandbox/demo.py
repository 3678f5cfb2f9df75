"""The demo world: fan servers, each with an admin, a fan, text channels and a pingable role.

The one builder behind the end-to-end tests, the sandbox's own tests, the benchmarks, the playground and
``python -m bot.sandbox``; they differ only in the parameters (how many servers, which channels, names).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .permissions import Permissions
from .world import Channel, Guild, Member, Role, User, World

BOT_NAME = "Heartstopper Forever Bot"
SERVER_NAME = "Heartstopper Fans"
CHANNELS = ("general", "announcements")
READ_ONLY_CHANNELS = ("staff",)  # the bot can see these but not post in them
ROLE_NAME = "Countdown"


@dataclass
class DemoServer:
    guild: Guild
    admin: Member  # has Administrator
    fan: Member  # an ordinary member
    channels: dict[str, Channel]  # by name, in creation order (the bot's postable channels first)
    role: Role  # mentionable, the kind an admin has the countdown ping


@dataclass
class DemoWorld:
    """The world and its servers; ``guild``, ``admin``, ``fan``, ``role``, ``channels`` and the channel
    properties are the first server's, which is all most users need."""

    world: World
    servers: list[DemoServer]
    solo: User  # a user in no server who refuses direct messages

    @property
    def server(self) -> DemoServer:
        return self.servers[0]

    @property
    def guild(self) -> Guild:
        return self.server.guild

    @property
    def admin(self) -> Member:
        return self.server.admin

    @property
    def fan(self) -> Member:
        return self.server.fan

    @property
    def role(self) -> Role:
        return self.server.role

    @property
    def channels(self) -> dict[str, Channel]:
        return self.server.channels

    @property
    def general(self) -> Channel:
        return self.channels["general"]

    @property
    def announcements(self) -> Channel:
        return self.channels["announcements"]

    @property
    def staff(self) -> Channel:
        return self.channels["staff"]


def build_demo_world(
    *,
    servers: int = 1,
    channels: Sequence[str] = CHANNELS,
    read_only_channels: Sequence[str] = READ_ONLY_CHANNELS,
    bot_name: str = BOT_NAME,
    admin_name: str = "Ash",
    fan_name: str = "Fan",
    shards: int | None = None,
) -> DemoWorld:
    """``servers`` fan servers (named "Heartstopper Fans", then "Heartstopper Fans 2"...), each with an admin,
    a fan, the text ``channels`` the bot may post in, the ``read_only_channels`` it may not, and a mentionable
    "Countdown" role; plus one user outside every server who refuses DMs. With ``shards`` the servers take
    turns on the shards of that count (server 1 on shard 0, server 2 on shard 1...), so every shard has some."""
    world = World(bot_name=bot_name)
    built: list[DemoServer] = []
    for number in range(1, servers + 1):
        guild = world.add_guild(
            SERVER_NAME if number == 1 else f"{SERVER_NAME} {number}",
            shard=None if shards is None else ((number - 1) % shards, shards),
        )
        admin = guild.add_member(admin_name, permissions=Permissions.ADMIN)
        fan = guild.add_member(fan_name)
        by_name = {name: guild.add_text_channel(name) for name in channels}
        by_name |= {name: guild.add_text_channel(name, bot_can_send=False) for name in read_only_channels}
        role = guild.add_role(ROLE_NAME, mentionable=True)
        built.append(DemoServer(guild, admin, fan, by_name, role))
    solo = world.add_user("Solo", dms_open=False)
    return DemoWorld(world, built, solo)
