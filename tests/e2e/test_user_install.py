"""User-installable: a fan installs the app on their own account and uses the fan commands in a server that never
added the bot, in a group DM and in a DM; admin commands stay with the servers that installed the bot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox import Channel, Guild, Member, Permissions, SandboxError, visible_text
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import RELEASE_DAY, data_with_release
from tests.e2e.test_fan_commands import embed_text

FAN_COMMANDS = {"ask", "cast", "director", "crew", "timeline", "about", "countdown", "remindme", "help"}
ADMIN_COMMANDS = {"announcements", "kb", "reload-data"}
PLACES = ("a server without the bot", "a group DM", "a DM with the bot")


@dataclass
class Place:
    """Where the fan types a command through the app on their account: sandbox.invoke's keyword arguments."""

    name: str
    where: dict[str, Any]
    channel: Channel


def elsewhere(harness: Harness) -> tuple[Guild, Member]:
    """A server that never added the bot; the demo fan is a member of it."""
    guild = harness.sandbox.world.add_guild("Elsewhere", bot_present=False)
    guild.add_text_channel("chat")
    return guild, guild.add_member("Fan", user=harness.demo.fan.user)


def place(harness: Harness, name: str) -> Place:
    fan = harness.demo.fan.user
    if name == "a server without the bot":
        guild, member = elsewhere(harness)
        return Place(name, {"guild": guild, "member": member}, guild.channels[0])
    if name == "a group DM":
        group = harness.sandbox.world.add_group_dm(
            "movie night", [fan, harness.sandbox.world.add_user("Friend")]
        )
        return Place(name, {"user": fan, "channel": group}, group)
    return Place(name, {"user": fan}, harness.sandbox.world.dm_channel(fan))


def invoker(harness: Harness, where: dict[str, Any]) -> Callable[..., Any]:
    async def invoke(command: str, options: dict[str, Any] | None = None) -> Any:
        return await harness.sandbox.invoke(command, options or {}, install="user", **where)

    return invoke


async def test_fan_commands_install_on_accounts_and_admin_commands_stay_in_servers(harness: Harness) -> None:
    synced = {command["name"]: command for command in harness.sandbox.commands()}
    assert set(synced) == FAN_COMMANDS | ADMIN_COMMANDS  # a new command must choose where it goes
    for name in FAN_COMMANDS:
        assert (synced[name]["integration_types"], synced[name]["contexts"]) == ([0, 1], [0, 1, 2]), name
    for name in ADMIN_COMMANDS:
        assert (synced[name]["integration_types"], synced[name]["contexts"]) == ([0], [0]), name


@pytest.mark.parametrize("where", PLACES)
async def test_fan_commands_answer_where_only_the_fan_installed_the_app(harness: Harness, where: str) -> None:
    """/ask, /countdown and /cast answer as they do in the fan server, publicly, in the place they were typed."""
    at = place(harness, where)
    invoke = invoker(harness, at.where)
    for command, options in (
        ("ask", {"question": "who directs Heartstopper Forever?"}),
        ("countdown", {}),
        ("cast", {"person": "Kit Connor"}),
        ("cast", {}),
        ("director", {}),
        ("crew", {"role": "writer"}),
        ("timeline", {}),
        ("about", {}),
    ):
        at_home = await harness.invoke(command, options)
        there = await invoke(command, options)
        assert there.error is None, there
        assert not there.ephemeral, (command, options)
        assert there.text == at_home.text and there.text, (command, options)
        assert there.original in harness.sandbox.channel_messages(at.channel)
    offered = await harness.sandbox.autocomplete("cast", {}, focused="person", install="user", **at.where)
    assert [c["value"] for c in offered] == await harness.autocomplete("cast", {}, focused="person")
    # /ask's "Not what I asked" button works there too, and records the question for the editors.
    asked = await invoke("ask", {"question": "who directs Heartstopper Forever?"})
    [button] = [b for row in asked.components for b in row["components"]]
    pressed = await harness.sandbox.click(asked.original["id"], button["custom_id"], **at.where)
    assert pressed.error is None and pressed.ephemeral and "Thanks" in embed_text(pressed.embeds[0])


@pytest.mark.parametrize("where", PLACES)
async def test_admin_commands_are_not_available_where_only_the_fan_installed_the_app(
    harness: Harness, where: str
) -> None:
    invoke = invoker(harness, place(harness, where).where)
    for command, options in (
        ("announcements setup", {}),
        ("announcements status", {}),
        ("kb gaps", {}),
        ("reload-data", {}),
    ):
        with pytest.raises(SandboxError, match="not available"):
            await invoke(command, options)


@pytest.mark.parametrize("where", PLACES)
async def test_help_lists_only_what_the_fan_can_use_there(harness: Harness, where: str) -> None:
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {harness.demo.fan.id}  # even the bot's owner
    text = embed_text((await invoker(harness, place(harness, where).where)("help")).embeds[0])
    for usage in ("/ask question`", "/cast [person]`", "/countdown [private]`", "/remindme"):
        assert usage in text, usage
    assert "/announcements" not in text and "/kb" not in text and "/reload-data" not in text


@pytest.mark.parametrize("where", PLACES)
async def test_remindme_from_anywhere(harness: Harness, where: str) -> None:
    at_home = await harness.invoke("remindme", {"when": "off"})
    there = await invoker(harness, place(harness, where).where)("remindme", {"when": "7"})
    assert there.error is None and there.ephemeral
    assert there.embeds and there.embeds[0]["title"] != at_home.embeds[0]["title"]  # set, not cancelled
    again = await harness.invoke("remindme", {"when": "off"})
    assert again.embeds != at_home.embeds  # the reminder set elsewhere was there to cancel


class TestWithAReleaseDate:
    @pytest.fixture
    def data_file(self, tmp_path: Path) -> Path:
        return data_with_release(tmp_path, RELEASE_DAY)

    @pytest.mark.parametrize("where", PLACES)
    async def test_a_reminder_set_anywhere_arrives_by_dm(self, harness: Harness, where: str) -> None:
        """Set where the bot cannot post (a server without it, a group DM) or in its DM: it comes by DM."""
        invoke = invoker(harness, place(harness, where).where)
        there = await invoke("remindme", {"when": "1", "timezone": "Europe/London"})
        assert there.error is None and there.ephemeral
        await harness.sandbox.advance_to(datetime(2026, 1, 15, 12, tzinfo=UTC))
        dms = harness.sandbox.dm_messages(harness.demo.fan)
        assert [visible_text(dm).split("\n")[0] for dm in dms] == [
            "Your reminder: 1 day to go!",
            "Your reminder: it's Heartstopper Forever day!",
        ]


async def test_a_server_that_denies_external_apps_gets_private_answers(harness: Harness) -> None:
    """Discord turns every answer ephemeral there; the bot's answers, buttons and follow-ups still arrive."""
    guild, member = elsewhere(harness)
    guild.everyone_role.permissions &= ~int(Permissions.USE_EXTERNAL_APPS)
    invoke = invoker(harness, {"guild": guild, "member": member})
    for command, options in (("ask", {"question": "who directs Heartstopper Forever?"}), ("countdown", {})):
        public = await harness.invoke(command, options)
        private = await invoke(command, options)
        assert private.error is None and private.ephemeral
        assert private.text == public.text
    unanswered = await invoke("ask", {"question": "who is composing the music?"})
    assert unanswered.ephemeral and "I don't know" in embed_text(unanswered.embeds[0])
    suggestion = next(b for row in unanswered.components for b in row["components"])
    pressed = await harness.sandbox.click(unanswered.original["id"], suggestion["custom_id"], member=member)
    assert pressed.error is None and pressed.ephemeral
    assert "I don't know" not in visible_text(pressed.messages[0])
    assert (
        harness.sandbox.channel_messages(guild.channels[0]) == []
    )  # nobody else in that server sees anything
