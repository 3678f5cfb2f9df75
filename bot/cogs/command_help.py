"""What /help lists, read from the command tree: a new command appears there without editing a list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import discord
from discord import app_commands

#: Put ``extras={AUDIENCE: Audience.OWNERS}`` on a command whose callback admits only the bot's owners: Discord
#: knows no such permission, so the tree cannot tell otherwise.
AUDIENCE = "audience"

# A parameter choice with this value turns the command's effect off (``/remindme when: off``).
_OFF = "off"


class Audience(StrEnum):
    EVERYONE = "everyone"
    ADMINS = "admins"  # the command has default member permissions (Manage Server and the like)
    EDITORS = "editors"  # the knowledge base's editors (EDITOR_IDS) and the bot's owners
    OWNERS = "owners"  # the bot's owners only


@dataclass(frozen=True, slots=True)
class CommandHelp:
    """One line of /help."""

    # As typed after the slash: "ask question", "cast [person]", "announcements setup channel [role]".
    usage: str
    description: str
    audience: Audience
    # How to turn the command's effect off, when a parameter offers that ("remindme when: off").
    off_usage: str | None = None


AnyCommand = app_commands.Command | app_commands.Group


def command_help(
    commands: Iterable[AnyCommand | app_commands.ContextMenu],
    *,
    permissions: discord.Permissions,
    in_guild: bool,
    is_owner: bool,
    is_editor: bool = False,
    server_install: bool = True,
) -> list[CommandHelp]:
    """The /help lines for a reader with ``permissions`` (in the channel they asked from), in tree order.

    A reader sees what they can use. Admin commands they cannot use are listed once per group, so fans know
    an admin can set them up; owner commands are listed to owners only, and server-only commands only in a
    server. Editor commands are listed to editors and owners. Without ``server_install`` (the reader reached the
    bot through the app they installed on their own account, or in a DM) only user-installable commands are
    listed: the others do not exist there.
    """
    lines: list[CommandHelp] = []
    for command in commands:
        if not isinstance(command, AnyCommand):
            continue  # context menus are not typed after a slash
        if not in_guild and not _usable_outside_servers(command):
            continue
        if not server_install and not _user_installable(command):
            continue
        audience = _audience(command)
        if audience is Audience.OWNERS and not is_owner:
            continue
        if audience is Audience.EDITORS and not (is_editor or is_owner):
            continue
        required = command.default_permissions
        if audience is Audience.ADMINS and required is not None and not permissions >= required:
            lines.append(CommandHelp(command.name, command.description, audience))
            continue
        lines.extend(_lines(command, audience))
    return lines


def _usable_outside_servers(command: AnyCommand) -> bool:
    contexts = command.allowed_contexts
    if contexts is not None:
        return contexts.dm_channel or contexts.private_channel
    return not command.guild_only


def _user_installable(command: AnyCommand) -> bool:
    installs = command.allowed_installs
    return installs is not None and installs.user


def _audience(command: AnyCommand) -> Audience:
    declared = command.extras.get(AUDIENCE)
    if declared is not None:
        return Audience(declared)
    return Audience.EVERYONE if command.default_permissions is None else Audience.ADMINS


def _lines(command: AnyCommand, audience: Audience) -> list[CommandHelp]:
    if isinstance(command, app_commands.Group):
        return [line for child in command.commands for line in _lines(child, audience)]
    words = [command.qualified_name]
    off_usage = None
    for parameter in command.parameters:
        words.append(parameter.display_name if parameter.required else f"[{parameter.display_name}]")
        if any(choice.value == _OFF for choice in parameter.choices):
            off_usage = f"{command.qualified_name} {parameter.display_name}: {_OFF}"
    return [CommandHelp(" ".join(words), command.description, audience, off_usage)]
