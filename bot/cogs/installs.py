"""Where each command can be used: fan commands go with a fan (user install), admin commands stay with a server.

A fan can install the app on their own account (the second install link, see README) and use the fan commands
in any server, even one that never added the bot, in group DMs and in DMs. Admin commands configure a server,
so they exist only where a server installed the bot, and only in that server.
"""

from __future__ import annotations

from typing import TypeVar

from discord import app_commands

T = TypeVar("T")


def fan_command(command: T) -> T:
    """Installable by servers and by users; usable in servers, the bot's DM and group DMs."""
    command = app_commands.allowed_installs(guilds=True, users=True)(command)
    return app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)(command)


def server_command(command: T) -> T:
    """Installable by servers only, and usable only in a server (admin and editor commands)."""
    command = app_commands.allowed_installs(guilds=True, users=False)(command)
    return app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)(command)
