"""Giving and taking a member's role (PUT/DELETE /guilds/{id}/members/{id}/roles/{id}) as Discord checks it, and
GUILD_MEMBER_UPDATE: sent about others only with the members intent, about the bot itself always."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from bot.sandbox import DemoWorld, Permissions, Sandbox


@pytest.fixture
async def client(
    sandbox: Sandbox, fan_world: DemoWorld, point_discord_at: Any, run_client: Any, new_client: Any
) -> AsyncIterator[discord.Client]:
    point_discord_at(sandbox)
    bot, tree = new_client()  # Intents.default(): no members intent

    async def setup_hook() -> None:
        await tree.sync()  # the harness waits for a command sync

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    bot.member_updates = []  # type: ignore[attr-defined]

    async def on_member_update(before: discord.Member, after: discord.Member) -> None:
        bot.member_updates.append((after.id, [r.id for r in after.roles if not r.is_default()]))  # type: ignore[attr-defined]

    bot.event(on_member_update)
    async with run_client(bot, sandbox):
        yield bot


async def grant_manage_roles(sandbox: Sandbox, fan_world: DemoWorld) -> None:
    bot_role = fan_world.guild.bot_role
    bot_role.permissions |= Permissions.MANAGE_ROLES
    await sandbox.update_role(bot_role)


async def fetch_fan(client: discord.Client, fan_world: DemoWorld) -> discord.Member:
    guild = client.get_guild(fan_world.guild.id)
    assert guild is not None
    return await guild.fetch_member(fan_world.fan.id)


async def test_without_manage_roles_the_role_is_refused_and_nothing_changes(
    sandbox: Sandbox, fan_world: DemoWorld, client: discord.Client
) -> None:
    fan = await fetch_fan(client, fan_world)
    with pytest.raises(discord.Forbidden) as refused:
        await fan.add_roles(discord.Object(fan_world.role.id))
    assert refused.value.code == 50013
    assert fan_world.role not in fan_world.fan.roles
    assert sandbox.problems == []  # a refusal Discord gives, not a malformed request


async def test_a_role_given_and_taken_back(
    sandbox: Sandbox, fan_world: DemoWorld, client: discord.Client
) -> None:
    await grant_manage_roles(sandbox, fan_world)
    fan = await fetch_fan(client, fan_world)
    await fan.add_roles(discord.Object(fan_world.role.id))
    assert fan_world.role in fan_world.fan.roles
    await fan.add_roles(discord.Object(fan_world.role.id))  # again: no error, still once
    assert fan_world.fan.roles.count(fan_world.role) == 1
    await fan.remove_roles(discord.Object(fan_world.role.id))
    assert fan_world.role not in fan_world.fan.roles
    await sandbox.settle()
    # Without the members intent the bot hears nothing about another member's roles.
    assert client.member_updates == []  # type: ignore[attr-defined]
    assert sandbox.problems == []


async def test_a_role_at_or_above_the_bots_highest_is_refused(
    sandbox: Sandbox, fan_world: DemoWorld, client: discord.Client
) -> None:
    await grant_manage_roles(sandbox, fan_world)
    role, bot_role = fan_world.role, fan_world.guild.bot_role
    role.position = bot_role.position
    await sandbox.update_role(role)
    fan = await fetch_fan(client, fan_world)
    with pytest.raises(discord.Forbidden) as refused:
        await fan.add_roles(discord.Object(role.id))
    assert refused.value.code == 50013
    assert role not in fan_world.fan.roles


async def test_a_deleted_role_is_unknown(
    sandbox: Sandbox, fan_world: DemoWorld, client: discord.Client
) -> None:
    await grant_manage_roles(sandbox, fan_world)
    role = fan_world.role
    await sandbox.delete_role(role)
    fan = await fetch_fan(client, fan_world)
    with pytest.raises(discord.NotFound) as unknown:
        await fan.add_roles(discord.Object(role.id))
    assert unknown.value.code == 10011


async def test_the_bot_hears_changes_of_its_own_roles_without_the_members_intent(
    sandbox: Sandbox, fan_world: DemoWorld, client: discord.Client
) -> None:
    guild = fan_world.guild
    helper = await sandbox.create_role(guild, "Role managers", permissions=Permissions.MANAGE_ROLES)
    await sandbox.set_member_roles(guild.bot_member, [guild.bot_role, helper])
    await sandbox.settle()
    me = client.get_guild(guild.id).me  # type: ignore[union-attr]
    assert me.guild_permissions.manage_roles
    assert (me.id, sorted(r.id for r in me.roles if not r.is_default())) in [
        (user, sorted(roles))
        for user, roles in client.member_updates  # type: ignore[attr-defined]
    ]
