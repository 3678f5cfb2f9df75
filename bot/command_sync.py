"""Sync the slash commands to Discord only when the command tree changed, not at every start.

Syncing replaces every command (a PUT of the whole list) and counts against a daily limit; a bot restarted often
(deploys, crashes, a service manager) would otherwise send the same list again and again. So the bot hashes
exactly what a sync would send (the payload, the application and the target: global or the development server)
and keeps the hash in the database (``bot_state``); a start with the same hash does not sync.

A matching hash proves only what *this database* last sent. Discord may still have no commands: a new
application with the same database, commands deleted by hand, a fresh sandbox. So when the hash matches, one
cheap GET of the commands checks that Discord has the same names; if not, the bot syncs anyway.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands

from bot.db.bot_state import BotStateRepository

log = logging.getLogger(__name__)

COMMAND_TREE_HASH_KEY = "command_tree_sha256"


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    synced: bool
    reason: str  # why it synced or did not, for the log line
    commands: int  # how many commands the tree has


async def command_payload(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> list[Any]:
    """What ``tree.sync(guild=guild)`` sends (discord.py's own steps, translated when a translator is set)."""
    commands = tree.get_commands(guild=guild)
    translator = tree.translator
    if translator is not None:
        return [await command.get_translated_payload(tree, translator) for command in commands]
    return [command.to_dict(tree) for command in commands]


def payload_hash(payload: list[Any], *, application_id: int | None, guild_id: int | None) -> str:
    """A stable hash of a sync: the same payload to the same place hashes the same on every start and machine."""
    document = {"application": application_id, "guild": guild_id, "commands": payload}
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _names(entries: list[Any]) -> set[tuple[str, int]]:
    return {(str(entry["name"]), int(entry.get("type") or 1)) for entry in entries}


async def sync_if_changed(
    tree: app_commands.CommandTree,
    state: BotStateRepository,
    *,
    application_id: int | None,
    guild: discord.abc.Snowflake | None = None,
    force: bool = False,
) -> SyncOutcome:
    """Sync ``tree`` (globally, or to ``guild``) unless the stored hash says Discord already has this tree."""
    payload = await command_payload(tree, guild)
    digest = payload_hash(payload, application_id=application_id, guild_id=guild.id if guild else None)
    stored = await state.get(COMMAND_TREE_HASH_KEY)
    if force:
        reason = "forced"
    elif stored != digest:
        reason = "first sync" if stored is None else "the command tree changed"
    else:
        present = await tree.fetch_commands(guild=guild)
        if {(command.name, command.type.value) for command in present} == _names(payload):
            return SyncOutcome(False, "unchanged since the last sync", len(payload))
        reason = "Discord's commands differ from the last sync"
    # Forget the old hash first: a sync that fails halfway must be retried at the next start.
    await state.delete(COMMAND_TREE_HASH_KEY)
    synced = await tree.sync(guild=guild)
    await state.set(COMMAND_TREE_HASH_KEY, digest)
    return SyncOutcome(True, reason, len(synced))
