"""User-installable apps: integration_types and contexts are stored and enforced, interactions say where they come
from and who installed the app, and a server that denies Use External Apps gets ephemeral answers only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from discord import app_commands

from bot.sandbox import Permissions, Sandbox, SandboxError


class Again(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)

    @discord.ui.button(label="Again", custom_id="again")
    async def again(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        await interaction.response.send_message(f"again, user install: {interaction.is_user_integration()}")


def build_bot(new_client: Any) -> discord.Client:
    client, tree = new_client()

    @tree.command(description="Answers wherever a fan can use it")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    async def everywhere(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("here", view=Again())
        await interaction.followup.send("and a follow-up")

    @tree.command(description="Deferred, then answered")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.followup.send("done")

    @tree.command(description="Posts to the channel itself, outside the interaction")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    async def post(interaction: discord.Interaction) -> None:
        channel = interaction.channel
        assert isinstance(channel, discord.abc.Messageable)
        try:
            await channel.send("posted")
            outcome = "posted"
        except discord.Forbidden as error:
            outcome = f"refused {error.status} {error.code}"
        await interaction.response.send_message(outcome)

    @tree.command(description="Server admins only")
    @app_commands.allowed_installs(guilds=True, users=False)
    @app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
    async def serveronly(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("admin")

    async def setup_hook() -> None:
        client.add_view(Again())
        await tree.sync()

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    return client


@pytest.fixture
async def bot(
    sandbox: Sandbox, point_discord_at: Any, run_client: Any, new_client: Any
) -> AsyncIterator[discord.Client]:
    point_discord_at(sandbox)
    async with run_client(build_bot(new_client), sandbox) as running:
        yield running


@pytest.fixture
def elsewhere(fan_world: Any) -> Any:
    """A server that never added the bot, where the demo fan is a member."""
    guild = fan_world.world.add_guild("Elsewhere", bot_present=False)
    guild.add_text_channel("chat")
    return guild.add_member("Fan", user=fan_world.fan.user)


def test_a_guild_without_the_bot_is_not_sent_to_it(fan_world: Any) -> None:
    guild = fan_world.world.add_guild("Elsewhere", bot_present=False)
    assert not guild.bot_present and guild.id in fan_world.world.guilds


async def test_integration_types_and_contexts_are_stored(sandbox: Sandbox, bot: discord.Client) -> None:
    synced = {c["name"]: c for c in sandbox.commands()}
    assert synced["everywhere"]["integration_types"] == [0, 1]
    assert synced["everywhere"]["contexts"] == [0, 1, 2]
    assert synced["serveronly"]["integration_types"] == [0]
    assert synced["serveronly"]["contexts"] == [0]


async def test_user_install_in_a_server_without_the_bot(
    sandbox: Sandbox, bot: discord.Client, elsewhere: Any
) -> None:
    record = await sandbox.dispatch_command(
        "everywhere", guild=elsewhere.guild, member=elsewhere, install="user"
    )
    assert record.payload["context"] == 0
    assert record.payload["authorizing_integration_owners"] == {"1": str(elsewhere.id)}
    assert "app_permissions" in record.payload
    result = sandbox.result(await record.settled())
    await sandbox.settle()
    assert result.content == "here" and not result.ephemeral
    assert [m["content"] for m in result.followups] == ["and a follow-up"]
    # The messages are in that server's channel, and the button under them works through the same install.
    chat = elsewhere.guild.channels[0]
    assert [m["content"] for m in sandbox.channel_messages(chat)] == ["here", "and a follow-up"]
    pressed = await sandbox.click(result.original["id"], "again", member=elsewhere)
    assert pressed.content == "again, user install: True"
    # Without install='user' the fan could not reach the bot there.
    with pytest.raises(SandboxError, match="not in guild"):
        await sandbox.dispatch_command("everywhere", guild=elsewhere.guild, member=elsewhere)


async def test_group_dm_and_bot_dm(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    fan = fan_world.fan.user
    friend = fan_world.world.add_user("Friend")
    group = fan_world.world.add_group_dm("movie night", [fan, friend])
    record = await sandbox.dispatch_command("everywhere", user=fan, channel=group, install="user")
    assert record.payload["context"] == 2
    assert record.payload["authorizing_integration_owners"] == {"1": str(fan.id)}
    assert record.payload["channel"]["type"] == 3
    result = sandbox.result(await record.settled())
    await sandbox.settle()
    assert result.content == "here"
    assert [m["content"] for m in sandbox.channel_messages(group)] == ["here", "and a follow-up"]
    pressed = await sandbox.click(result.original["id"], "again", user=friend)
    assert pressed.content == "again, user install: False"  # the friend did not install the app
    with pytest.raises(SandboxError, match="group DMs"):
        await sandbox.dispatch_command("everywhere", user=fan, channel=group)  # no guild install reaches it
    with pytest.raises(SandboxError, match="not in the group DM"):
        await sandbox.dispatch_command("everywhere", user=fan_world.admin.user, channel=group, install="user")

    as_user = await sandbox.dispatch_command("everywhere", user=fan, install="user")
    assert as_user.payload["context"] == 1
    assert as_user.payload["authorizing_integration_owners"] == {"1": str(fan.id)}
    as_guild = await sandbox.dispatch_command("everywhere", user=fan)
    assert as_guild.payload["context"] == 1
    assert as_guild.payload["authorizing_integration_owners"] == {"0": "0"}
    for record in (as_user, as_guild):
        assert sandbox.result(await record.settled()).content == "here"


async def test_commands_are_refused_where_their_installs_and_contexts_do_not_reach(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any, elsewhere: Any
) -> None:
    fan = fan_world.fan.user
    group = fan_world.world.add_group_dm("movie night", [fan, fan_world.world.add_user("Friend")])
    for kwargs in (
        {"guild": elsewhere.guild, "member": elsewhere, "install": "user"},
        {"user": fan, "channel": group, "install": "user"},
        {"user": fan, "install": "user"},
        {"guild": fan_world.guild, "member": fan_world.admin, "install": "user"},
    ):
        with pytest.raises(SandboxError, match="not available to a user-installed app"):
            await sandbox.dispatch_command("serveronly", **kwargs)
    with pytest.raises(SandboxError, match="not available in DMs"):
        await sandbox.dispatch_command("serveronly", user=fan)
    # In the server that installed it, it works as before.
    result = await sandbox.invoke("serveronly", guild=fan_world.guild, member=fan_world.admin)
    assert result.content == "admin"
    assert sandbox.interactions[result.record.id].payload["authorizing_integration_owners"] == {
        "0": str(fan_world.guild.id)
    }


async def test_the_bot_cannot_post_where_only_a_fan_installed_it(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any, elsewhere: Any
) -> None:
    fan = fan_world.fan.user
    group = fan_world.world.add_group_dm("movie night", [fan, fan_world.world.add_user("Friend")])
    in_server = await sandbox.invoke("post", guild=elsewhere.guild, member=elsewhere, install="user")
    in_group = await sandbox.invoke("post", user=fan, channel=group, install="user")
    assert in_server.content == "refused 403 50001"
    assert in_group.content == "refused 403 50001"
    assert sandbox.channel_messages(group) == [in_group.original]


async def test_a_server_that_denies_external_apps_gets_ephemeral_answers(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any, elsewhere: Any
) -> None:
    everyone = elsewhere.guild.everyone_role
    everyone.permissions &= ~int(Permissions.USE_EXTERNAL_APPS)
    result = await sandbox.invoke("everywhere", guild=elsewhere.guild, member=elsewhere, install="user")
    assert result.content == "here" and result.ephemeral  # the bot asked for a public answer
    assert [m["content"] for m in result.followups] == ["and a follow-up"]
    assert all(m["flags"] & 64 for m in result.followups)
    chat = elsewhere.guild.channels[0]
    assert sandbox.channel_messages(chat) == []  # nobody else sees anything
    pressed = await sandbox.click(result.original["id"], "again", member=elsewhere)
    assert pressed.content == "again, user install: True" and pressed.ephemeral
    deferred = await sandbox.invoke("slow", guild=elsewhere.guild, member=elsewhere, install="user")
    assert deferred.content == "done" and deferred.ephemeral
    # Where the server allows external apps, or has the bot itself, answers are public as asked.
    everyone.permissions |= int(Permissions.USE_EXTERNAL_APPS)
    public = await sandbox.invoke("everywhere", guild=elsewhere.guild, member=elsewhere, install="user")
    assert not public.ephemeral
