"""End-to-end: a bare discord.py client with a CommandTree, unmodified, against the sandbox."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.http import Route

from bot.sandbox import Sandbox, SandboxError
from bot.sandbox.state import NONCE_WINDOW

CAST = ["Kit Connor", "Joe Locke", "Kizzy Edgell", "Yasmin Finney", "William Gao"]


def build_bot(new_client: Any) -> discord.Client:
    client, tree = new_client()

    @tree.command(description="Ask the bot a question")
    @app_commands.describe(question="What do you want to know?")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        await interaction.response.send_message(f"You asked: {question}", ephemeral=True)

    announcements = app_commands.Group(name="announcements", description="Release announcements")

    @announcements.command(description="Where and whom to announce to")
    async def setup(
        interaction: discord.Interaction, channel: discord.TextChannel, role: discord.Role, timezone: str
    ) -> None:
        await interaction.response.send_message(
            f"Announcing in {channel.mention} to {role.name} ({timezone})", ephemeral=True
        )

    config = app_commands.Group(name="config", description="Settings")
    alerts = app_commands.Group(name="alerts", description="Alert settings", parent=config)

    @alerts.command(description="Switch alerts")
    async def toggle(interaction: discord.Interaction, enabled: bool, days: int = 7) -> None:
        await interaction.response.send_message(f"alerts={enabled} days={days}")

    tree.add_command(announcements)
    tree.add_command(config)

    @tree.command(description="Look up a cast member")
    async def cast(interaction: discord.Interaction, person: str) -> None:
        await interaction.response.send_message(person)

    @cast.autocomplete("person")
    async def cast_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=n, value=n) for n in CAST if n.lower().startswith(current.lower())]

    @tree.command(description="Thinks, then answers")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        await asyncio.sleep(0.05)
        await interaction.followup.send("done thinking")
        await interaction.followup.send("and one more")

    @tree.command(description="Answers too late")
    async def late(interaction: discord.Interaction) -> None:
        await asyncio.sleep(3.2)
        try:
            await interaction.response.send_message("sorry, late")
        except discord.NotFound as exc:
            client.late_error = exc.code  # type: ignore[attr-defined]

    class Confirm(discord.ui.View):
        @discord.ui.button(label="Confirm", custom_id="confirm", style=discord.ButtonStyle.green)
        async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
            await interaction.response.edit_message(content="confirmed", view=None)

    @tree.command(description="Shows a button")
    async def buttons(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Sure?", view=Confirm())

    class Feedback(discord.ui.Modal, title="Feedback"):
        text: discord.ui.TextInput[Any] = discord.ui.TextInput(label="Your thoughts", custom_id="text")

        async def on_submit(self, interaction: discord.Interaction) -> None:
            await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)

    @tree.command(description="Opens a form")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Feedback())

    @tree.command(description="Too loud")
    async def shout(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("A" * 2500)

    @tree.command(description="Staff only")
    @app_commands.default_permissions(manage_guild=True)
    async def staffonly(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok", file=discord.File(io.BytesIO(b"report"), "report.txt"))

    async def setup_hook() -> None:
        await tree.sync()

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    return client


@pytest.fixture
async def bot(
    sandbox: Sandbox, point_discord_at: Any, run_client: Any, new_client: Any
) -> AsyncIterator[discord.Client]:
    point_discord_at(sandbox)
    client = build_bot(new_client)
    async with run_client(client, sandbox) as running:
        yield running


async def test_connect_ready_and_guild_cache(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    assert bot.user is not None and bot.user.id == sandbox.bot_user_id
    assert bot.application_id == sandbox.application_id
    guild = bot.get_guild(fan_world.guild.id)
    assert guild is not None and guild.name == "Heartstopper Fans"
    assert {c.name for c in guild.text_channels} == {"announcements", "staff"}
    assert "Countdown" in {r.name for r in guild.roles}
    assert guild.me is not None and guild.me.top_role.is_bot_managed()
    staff = guild.get_channel(fan_world.staff.id)
    assert isinstance(staff, discord.TextChannel)
    assert not staff.permissions_for(guild.me).send_messages
    assert staff.permissions_for(guild.me).view_channel
    routes = {(r.method, r.route) for r in sandbox.requests}
    assert ("GET", "/users/@me") in routes and ("PUT", "/applications/{application_id}/commands") in routes
    assert {c["name"] for c in sandbox.commands()} >= {"ask", "announcements", "config", "cast"}
    assert sandbox.problems == []


async def test_slash_commands_with_options_subcommands_and_groups(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any
) -> None:
    w = fan_world
    result = await sandbox.invoke(
        "ask", {"question": "who plays Nick?"}, guild=w.guild, member=w.fan, channel=w.announcements
    )
    assert result.ephemeral and result.content == "You asked: who plays Nick?"
    assert result.response_type == 4 and result.error is None
    assert result.latency is not None and 0 < result.latency < 1

    result = await sandbox.invoke(
        "announcements setup",
        {"channel": w.announcements, "role": w.role, "timezone": "Europe/London"},
        guild=w.guild,
        member=w.admin,
        channel=w.announcements,
    )
    assert result.content == f"Announcing in <#{w.announcements.id}> to Countdown (Europe/London)"

    result = await sandbox.invoke(
        "config alerts toggle", {"enabled": True}, guild=w.guild, member=w.admin, channel=w.announcements
    )
    assert result.content == "alerts=True days=7" and not result.ephemeral
    # A public interaction reply is a message of the channel, with its command metadata.
    posted = sandbox.channel_messages(w.announcements)
    assert posted[-1]["content"] == "alerts=True days=7" and posted[-1]["interaction_metadata"]["type"] == 2
    assert sandbox.problems == []


async def test_autocomplete(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    choices = await sandbox.autocomplete(
        "cast", {"person": "Ki"}, focused="person", guild=w.guild, member=w.fan, channel=w.announcements
    )
    assert choices == [
        {"name": "Kit Connor", "value": "Kit Connor"},
        {"name": "Kizzy Edgell", "value": "Kizzy Edgell"},
    ]
    assert sandbox.problems == []


async def test_deferred_then_followups(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    result = await sandbox.invoke("slow", guild=w.guild, member=w.fan, channel=w.announcements)
    assert result.response_type == 5
    # The first follow-up after a "thinking" deferral becomes the original response (as on Discord).
    assert result.content == "done thinking" and result.ephemeral
    assert [m["content"] for m in result.followups] == ["done thinking", "and one more"]
    assert [m["content"] for m in result.messages] == ["done thinking", "and one more"]
    assert sandbox.problems == []


async def test_button_click_updates_message(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    result = await sandbox.invoke("buttons", guild=w.guild, member=w.fan, channel=w.announcements)
    assert result.components[0]["components"][0]["custom_id"] == "confirm"
    message_id = result.original["id"]  # type: ignore[index]
    clicked = await sandbox.click(message_id, "confirm", guild=w.guild, member=w.fan, channel=w.announcements)
    assert clicked.response_type == 7
    assert clicked.content == "confirmed" and clicked.components == []
    assert sandbox.problems == []


async def test_channel_send_locked_and_deleted(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    announcements = bot.get_channel(w.announcements.id)
    staff = bot.get_channel(w.staff.id)
    assert isinstance(announcements, discord.TextChannel) and isinstance(staff, discord.TextChannel)
    message = await announcements.send("The countdown begins!")
    assert sandbox.channel_messages(w.announcements)[-1]["id"] == str(message.id)

    with pytest.raises(discord.Forbidden) as forbidden:
        await staff.send("nope")
    assert forbidden.value.code == 50013

    await sandbox.set_bot_can_send(w.announcements, False)
    with pytest.raises(discord.Forbidden):
        await announcements.send("muted")
    await sandbox.settle()
    assert not announcements.permissions_for(
        announcements.guild.me
    ).send_messages  # CHANNEL_UPDATE reached it
    await sandbox.set_bot_can_send(w.announcements, True)

    await sandbox.delete_channel(w.announcements)
    with pytest.raises(discord.NotFound) as not_found:
        await announcements.send("gone")
    assert not_found.value.code == 10003
    await sandbox.settle()
    assert bot.get_channel(w.announcements.id) is None  # CHANNEL_DELETE reached the cache
    assert sandbox.problems == []


async def test_dms(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    fan = await bot.fetch_user(w.fan.id)
    await fan.send("hello fan")
    assert [m["content"] for m in sandbox.dm_messages(w.fan)] == ["hello fan"]
    solo = await bot.fetch_user(w.solo.id)
    with pytest.raises(discord.Forbidden) as exc:
        await solo.send("hi")
    assert exc.value.code == 50007
    assert sandbox.problems == []


async def test_wrong_requests_are_caught(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    route = Route("POST", "/channels/{channel_id}/messages", channel_id=fan_world.announcements.id)
    with pytest.raises(discord.HTTPException) as wrong_type:
        await bot.http.request(route, json={"content": "x", "tts": "yes"})
    assert wrong_type.value.status == 400 and wrong_type.value.code == 50035
    assert any("OpenAPI" in p and "tts" in p for p in sandbox.problems)

    with pytest.raises(discord.HTTPException) as too_long:
        await bot.http.request(route, json={"content": "a" * 2001})
    assert too_long.value.code == 50035
    assert any("2000" in p for p in sandbox.problems)

    embed = discord.Embed(title="t", description="d" * 4000)
    for i in range(3):
        embed.add_field(name=f"f{i}", value="v" * 1000)
    with pytest.raises(discord.HTTPException):
        await bot.http.request(route, json={"embeds": [embed.to_dict()]})
    assert any("6000" in p for p in sandbox.problems)

    with pytest.raises(discord.NotFound):
        await bot.http.request(Route("GET", "/no/such/endpoint"))
    assert any("unknown endpoint" in p for p in sandbox.problems)
    assert len(sandbox.problems) == 4
    sandbox.problems.clear()


async def test_nonce_deduplicates(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    channel = bot.get_channel(fan_world.announcements.id)
    assert isinstance(channel, discord.TextChannel)
    first = await channel.send("Only once", nonce="countdown-2026-01-01")
    second = await channel.send("Only once", nonce="countdown-2026-01-01")
    assert first.id == second.id
    assert len(sandbox.channel_messages(fan_world.announcements)) == 1
    third = await channel.send("Only once", nonce="another")
    assert third.id != first.id


async def test_nonce_is_remembered_only_within_the_nonce_window(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any
) -> None:
    """As on Discord, enforce_nonce deduplicates for five minutes (of the sandbox's clock); after that the same
    nonce creates a new message."""
    assert timedelta(minutes=5) == NONCE_WINDOW
    channel = bot.get_channel(fan_world.announcements.id)
    assert isinstance(channel, discord.TextChannel)
    first = await channel.send("Tick", nonce="window")
    await sandbox.advance(NONCE_WINDOW - timedelta(seconds=1))
    within = await channel.send("Tick", nonce="window")
    assert within.id == first.id
    await sandbox.advance(timedelta(seconds=1))
    after = await channel.send("Tick", nonce="window")
    assert after.id != first.id
    assert [m["id"] for m in sandbox.channel_messages(fan_world.announcements)] == [
        str(first.id),
        str(after.id),
    ]
    assert sandbox.problems == []


async def test_mentions_record_who_is_pinged(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    channel = bot.get_channel(w.announcements.id)
    assert isinstance(channel, discord.TextChannel)
    text = f"@everyone {w.role.mention} {w.fan.mention}"
    await channel.send(text)
    await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
    await channel.send(
        text,
        allowed_mentions=discord.AllowedMentions(
            everyone=False, roles=[discord.Object(w.role.id)], users=False
        ),
    )
    default, silenced, role_only = sandbox.channel_messages(w.announcements)
    # The bot lacks MENTION_EVERYONE, so @everyone never pings; the role is mentionable.
    assert not default["mention_everyone"] and default["mention_roles"] == [str(w.role.id)]
    assert [u["id"] for u in default["mentions"]] == [str(w.fan.id)]
    assert not silenced["mention_everyone"] and silenced["mention_roles"] == [] and silenced["mentions"] == []
    assert role_only["mention_roles"] == [str(w.role.id)] and role_only["mentions"] == []
    assert sandbox.problems == []


async def test_drop_gateway_then_resume(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    await sandbox.drop_gateway(wait_resumed=False)
    # Happens while the bot is disconnected: must be replayed after RESUME.
    extra = await sandbox.create_text_channel(w.guild, "episode-talk")
    await asyncio.wait_for(_until(lambda: bool(sandbox.resumes)), 10)
    assert sandbox.resumes[0] >= 1
    result = await sandbox.invoke(
        "ask", {"question": "still there?"}, guild=w.guild, member=w.fan, channel=w.announcements
    )
    assert result.content == "You asked: still there?"
    assert bot.get_channel(extra.id) is not None
    assert sandbox.problems == []


async def test_late_answer_is_rejected(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    result = await sandbox.invoke("late", guild=w.guild, member=w.fan, channel=w.announcements)
    assert result.error is not None and "10062" in result.error
    await asyncio.wait_for(_until(lambda: getattr(bot, "late_error", None) is not None), 5)
    assert bot.late_error == 10062  # type: ignore[attr-defined]
    assert len(sandbox.problems) == 1 and "late" in sandbox.problems[0]
    sandbox.problems.clear()


async def test_injected_failures(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    channel = bot.get_channel(fan_world.announcements.id)
    assert isinstance(channel, discord.TextChannel)
    sandbox.fail_next("POST", "/channels/{channel_id}/messages", status=503, times=1)
    with pytest.raises(discord.DiscordServerError):
        await channel.send("first try")
    await channel.send("second try")
    assert [m["content"] for m in sandbox.channel_messages(fan_world.announcements)] == ["second try"]
    assert sandbox.problems == []


async def test_modal_roundtrip(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    opened = await sandbox.invoke("feedback", guild=w.guild, member=w.fan, channel=w.announcements)
    assert opened.response_type == 9 and opened.modal is not None and opened.modal["title"] == "Feedback"
    submitted = await sandbox.submit_modal(opened, {"text": "loved it"})
    assert submitted.content == "thanks: loved it" and submitted.ephemeral
    assert sandbox.problems == []


async def test_invalid_interaction_answer_is_reported(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any
) -> None:
    w = fan_world
    result = await sandbox.invoke("shout", guild=w.guild, member=w.fan, channel=w.announcements)
    assert result.error is not None and "2000" in result.error and result.content is None
    assert len(sandbox.problems) == 1
    sandbox.problems.clear()


async def test_permission_gated_command_and_attachments(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any
) -> None:
    w = fan_world
    with pytest.raises(SandboxError, match="needs the Manage Server permission"):
        await sandbox.invoke("staffonly", guild=w.guild, member=w.fan, channel=w.announcements)
    with pytest.raises(SandboxError, match="missing"):
        await sandbox.invoke("ask", {}, guild=w.guild, member=w.fan, channel=w.announcements)
    result = await sandbox.invoke("staffonly", guild=w.guild, member=w.admin, channel=w.announcements)
    assert result.content == "ok"
    attachment = result.original["attachments"][0]  # type: ignore[index]
    assert attachment["filename"] == "report.txt" and attachment["size"] == 6
    assert sandbox.problems == []


async def _until(predicate: Any) -> None:
    while True:
        if predicate():
            return
        await asyncio.sleep(0.01)


async def test_bot_removed_from_guild(sandbox: Sandbox, bot: discord.Client, fan_world: Any) -> None:
    w = fan_world
    channel = bot.get_channel(w.announcements.id)
    assert isinstance(channel, discord.TextChannel)
    await sandbox.remove_bot_from_guild(w.guild)
    await sandbox.settle()
    assert bot.get_guild(w.guild.id) is None
    with pytest.raises(discord.Forbidden) as refused:  # Discord: Missing Access, not Unknown Channel
        await channel.send("anyone?")
    assert refused.value.code == 50001
    with pytest.raises(SandboxError):
        await sandbox.invoke("ask", {"question": "?"}, guild=w.guild, member=w.fan)
    assert sandbox.problems == []


async def test_a_command_tree_put_again_is_checked_again(sandbox: Sandbox, bot: discord.Client) -> None:
    """The sandbox remembers command trees it found valid (every bot start puts the same one); a wrong tree put
    after a valid one is still refused, and the valid one is still taken."""
    route = Route("PUT", "/applications/{application_id}/commands", application_id=bot.application_id)
    good = [{"name": "hello", "description": "Say hello", "type": 1}]
    for _ in range(2):
        assert [command["name"] for command in await bot.http.request(route, json=good)] == ["hello"]
    with pytest.raises(discord.HTTPException) as wrong:
        await bot.http.request(route, json=[{**good[0], "type": "slash"}])
    assert wrong.value.code == 50035
    assert any("OpenAPI" in problem for problem in sandbox.problems)
    sandbox.problems.clear()
    assert [command["name"] for command in await bot.http.request(route, json=good)] == ["hello"]
