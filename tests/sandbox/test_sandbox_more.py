"""More paths through the emulation: guild commands, DMs, selects, edits and deletes, REST reads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from bot.sandbox import Sandbox


def build_bot(new_client: Any, guild_id: int) -> discord.Client:
    client, tree = new_client()
    guild_obj = discord.Object(guild_id)

    @tree.command(description="Guild-only command", guild=guild_obj)
    async def local(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("first")
        await interaction.edit_original_response(content="edited")
        extra = await interaction.followup.send("extra", wait=True)
        await extra.edit(content="extra edited")

    @tree.command(description="Works in DMs too")
    async def hello(interaction: discord.Interaction) -> None:
        where = "dm" if interaction.guild is None else "guild"
        await interaction.response.send_message(f"hello from {where}")

    class Pick(discord.ui.View):
        @discord.ui.select(
            custom_id="pick", options=[discord.SelectOption(label=x) for x in ("Nick", "Charlie")]
        )
        async def pick(self, interaction: discord.Interaction, select: discord.ui.Select[Any]) -> None:
            await interaction.response.defer()
            await interaction.edit_original_response(content=f"picked {select.values[0]}")

    @tree.command(description="Select menu")
    async def choose(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Pick one", view=Pick())

    @tree.command(description="Deferred then edited, then deleted")
    async def vanish(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="now you see me")
        await interaction.delete_original_response()

    async def setup_hook() -> None:
        await tree.sync()
        await tree.sync(guild=guild_obj)

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    return client


@pytest.fixture
async def bot(
    sandbox: Sandbox, fan_world: Any, point_discord_at: Any, run_client: Any, new_client: Any
) -> AsyncIterator[discord.Client]:
    point_discord_at(sandbox)
    async with run_client(build_bot(new_client, fan_world.guild.id), sandbox) as running:
        yield running


async def test_guild_command_edits_and_followup_edits(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any
) -> None:
    w = fan_world
    assert [c["name"] for c in sandbox.commands(w.guild)] == ["local"]
    result = await sandbox.invoke("local", guild=w.guild, member=w.fan, channel=w.announcements)
    assert result.content == "edited" and result.original["edited_timestamp"] is not None  # type: ignore[index]
    assert [m["content"] for m in result.followups] == ["extra edited"]
    assert [m["content"] for m in sandbox.channel_messages(w.announcements)] == ["edited", "extra edited"]
    assert sandbox.problems == []


async def test_dm_interaction(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    result = await sandbox.invoke("hello", user=fan_world.fan.user)
    assert result.content == "hello from dm"
    assert sandbox.dm_messages(fan_world.fan)[-1]["content"] == "hello from dm"
    assert sandbox.problems == []


async def test_select_with_deferred_update(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    shown = await sandbox.invoke("choose", guild=w.guild, member=w.fan, channel=w.announcements)
    message_id = shown.original["id"]  # type: ignore[index]
    picked = await sandbox.click(message_id, "pick", values=["Charlie"], member=w.fan)
    assert picked.response_type == 6 and picked.content == "picked Charlie"
    assert sandbox.message(message_id)["content"] == "picked Charlie"
    assert sandbox.problems == []


async def test_deferred_edit_then_delete(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    result = await sandbox.invoke("vanish", guild=w.guild, member=w.fan, channel=w.announcements)
    assert result.response_type == 5 and result.error is None
    assert result.original is None and sandbox.channel_messages(w.announcements) == []
    assert sandbox.problems == []


async def test_rest_reads(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    channel = await bot.fetch_channel(w.announcements.id)
    assert isinstance(channel, discord.TextChannel) and channel.name == "announcements"
    sent = await channel.send("hello")
    fetched = await channel.fetch_message(sent.id)
    assert fetched.content == "hello" and fetched.author.id == sandbox.bot_user_id
    guild = await bot.fetch_guild(w.guild.id)
    assert guild.name == "Heartstopper Fans"
    assert {c.name for c in await guild.fetch_channels()} == {"announcements", "staff"}
    member = await guild.fetch_member(w.fan.id)
    assert member.display_name == "Fan"
    assert [m.content async for m in channel.history(limit=10)] == ["hello"]
    await sent.edit(content="hello again")
    await sent.delete()
    with pytest.raises(discord.NotFound):
        await channel.fetch_message(sent.id)
    assert sandbox.problems == []


def test_the_sandbox_refuses_localizations_discord_refuses() -> None:
    from bot.sandbox.errors import ApiError
    from bot.sandbox.localizations import check_localizations

    def command(**extra: object) -> dict:
        return {"name": "ask", "description": "Ask", "type": 1, **extra}

    check_localizations([command(name_localizations={"pt-BR": "perguntar"})], "PUT")
    for bad in (
        command(name_localizations={"pt": "perguntar"}),  # not a Discord locale
        command(name_localizations={"pt-BR": "Perguntar"}),  # upper case
        command(name_localizations={"pt-BR": "faça uma pergunta"}),  # a space
        command(description_localizations={"fr": "x" * 101}),
        command(
            options=[
                {"type": 3, "name": "a", "description": "a", "name_localizations": {"de": "frage"}},
                {"type": 3, "name": "b", "description": "b", "name_localizations": {"de": "frage"}},
            ]
        ),
    ):
        with pytest.raises(ApiError):
            check_localizations([bad], "PUT")
