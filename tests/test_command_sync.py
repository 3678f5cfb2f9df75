"""The command tree's hash: stable for the same tree, different for another tree, target or application."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.cli import build_parser
from bot.command_sync import command_payload, payload_hash


def tree_with(*names: str) -> app_commands.CommandTree:
    tree = app_commands.CommandTree(discord.Client(intents=discord.Intents.none()))
    for name in names:

        async def callback(interaction: discord.Interaction, question: str) -> None:
            pass

        tree.add_command(
            app_commands.Command(name=name, description=f"the {name} command", callback=callback)
        )
    return tree


async def digest(tree: app_commands.CommandTree, *, application: int = 1, guild: int | None = None) -> str:
    target = discord.Object(guild) if guild is not None else None
    if target is not None:
        tree.copy_global_to(guild=target)
    return payload_hash(await command_payload(tree, target), application_id=application, guild_id=guild)


async def test_the_same_tree_built_twice_hashes_the_same() -> None:
    assert await digest(tree_with("ask", "cast")) == await digest(tree_with("ask", "cast"))


async def test_another_tree_target_or_application_hashes_differently() -> None:
    base = await digest(tree_with("ask", "cast"))
    assert await digest(tree_with("ask")) != base
    assert await digest(tree_with("ask", "cast"), guild=42) != base
    assert await digest(tree_with("ask", "cast"), application=2) != base


def test_run_takes_sync_commands() -> None:
    assert build_parser().parse_args(["run", "--sync-commands"]).sync_commands is True
    assert build_parser().parse_args(["run"]).sync_commands is False
