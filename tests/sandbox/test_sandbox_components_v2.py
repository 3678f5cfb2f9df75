"""Components V2 (layout) messages in the sandbox: accepted as Discord accepts them, refused as Discord refuses them."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from discord.http import Route

from bot.harness import running_client
from bot.sandbox import Permissions, Sandbox, visible_text

V2 = 1 << 15


@pytest.fixture
async def bot(sandbox: Sandbox, point_discord_at: Any, new_client: Any) -> AsyncIterator[discord.Client]:
    point_discord_at(sandbox)
    client, _ = new_client()
    async with running_client(client, sandbox.token, sandbox=sandbox, wait_for_commands=False) as running:
        yield running


@pytest.fixture
def announcements(bot: discord.Client, fan_world: Any) -> discord.TextChannel:
    """#announcements as the bot's client sees it."""
    channel = bot.get_channel(fan_world.announcements.id)
    assert isinstance(channel, discord.TextChannel)
    return channel


def picture(data: bytes = b"png") -> discord.File:
    """The card's picture, as an upload (a File is spent once sent: a new one each time)."""
    return discord.File(io.BytesIO(data), "card.png")


def card(text: str = "7 days to go", *, image: str = "card.png") -> discord.ui.LayoutView:
    view = discord.ui.LayoutView()
    view.add_item(
        discord.ui.Container(
            discord.ui.TextDisplay(f"# {text}"),
            discord.ui.MediaGallery(discord.MediaGalleryItem(f"attachment://{image}")),
        )
    )
    return view


async def test_a_layout_with_its_picture_arrives_as_discord_shows_it(
    sandbox: Sandbox, fan_world: Any, announcements: discord.TextChannel
) -> None:
    sent = await announcements.send(view=card(), file=picture(b"\x89PNG picture"))
    [message] = sandbox.channel_messages(fan_world.announcements)
    assert message["flags"] & V2 and message["content"] == "" and message["embeds"] == []
    assert visible_text(message) == "# 7 days to go"
    [attachment] = message["attachments"]
    media = message["components"][0]["components"][1]["items"][0]["media"]
    assert media["url"] == attachment["url"] and media["attachment_id"] == attachment["id"]  # resolved
    assert sandbox.attachment_bytes(attachment) == b"\x89PNG picture"
    # discord.py reads the layout back from the answer.
    assert isinstance(sent.components[0], discord.Container)
    assert sandbox.problems == []


def components(count: int) -> list[dict[str, Any]]:
    return [{"type": 17, "components": [{"type": 10, "content": "x"} for _ in range(count - 1)]}]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"flags": V2, "components": components(41)}, "maximum number of components (40)"),
        (
            {
                "flags": V2,
                "components": [{"type": 10, "content": "a" * 2001}, {"type": 10, "content": "b" * 2000}],
            },
            "exceeds 4000 characters",
        ),
        (
            {"flags": V2, "content": "hello", "components": components(2)},
            "cannot be used when using MessageFlags.IS_COMPONENTS_V2",
        ),
        (
            {"flags": V2, "embeds": [{"title": "t"}], "components": components(2)},
            "cannot be used when using MessageFlags.IS_COMPONENTS_V2",
        ),
        ({"components": components(2)}, "need the IS_COMPONENTS_V2 flag"),  # a layout without the flag
        (
            {
                "flags": V2,
                "components": [{"type": 12, "items": [{"media": {"url": "attachment://missing.png"}}]}],
            },
            "attachment://missing.png refers to no attachment",
        ),
    ],
)
async def test_what_discord_refuses_is_refused_with_its_error_shape(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any, body: dict[str, Any], expected: str
) -> None:
    route = Route("POST", "/channels/{channel_id}/messages", channel_id=fan_world.announcements.id)
    with pytest.raises(discord.HTTPException) as refused:
        await bot.http.request(route, json=body)
    assert refused.value.status == 400 and refused.value.code == 50035
    assert expected in refused.value.text  # Discord's message, under the field it is about
    assert sandbox.channel_messages(fan_world.announcements) == []
    sandbox.problems.clear()


async def test_forty_components_and_four_thousand_characters_are_fine(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any
) -> None:
    route = Route("POST", "/channels/{channel_id}/messages", channel_id=fan_world.announcements.id)
    body = {"flags": V2, "components": components(40)}
    body["components"][0]["components"][0]["content"] = "a" * (4000 - 38)
    await bot.http.request(route, json=body)
    assert len(sandbox.channel_messages(fan_world.announcements)) == 1
    assert sandbox.problems == []


async def test_the_flag_cannot_be_removed_by_an_edit(
    sandbox: Sandbox, bot: discord.Client, fan_world: Any, announcements: discord.TextChannel
) -> None:
    sent = await announcements.send(view=card(), file=picture())
    route = Route(
        "PATCH",
        "/channels/{channel_id}/messages/{message_id}",
        channel_id=announcements.id,
        message_id=sent.id,
    )
    with pytest.raises(discord.HTTPException) as refused:
        await bot.http.request(route, json={"flags": 0, "content": "plain again"})
    assert refused.value.status == 400
    assert any(
        "MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG" in p or "cannot be removed" in p for p in sandbox.problems
    )
    sandbox.problems.clear()
    # Editing the layout itself is fine, and its picture stays.
    await sent.edit(view=card("6 days to go"))
    [message] = sandbox.channel_messages(fan_world.announcements)
    assert visible_text(message) == "# 6 days to go" and len(message["attachments"]) == 1
    assert sandbox.problems == []


async def test_a_plain_message_becomes_a_layout_only_with_its_content_and_embeds_cleared(
    sandbox: Sandbox, fan_world: Any, announcements: discord.TextChannel
) -> None:
    sent = await announcements.send("<@&1> 7 days to go", embed=discord.Embed(title="7 days to go"))
    with pytest.raises(discord.HTTPException) as refused:
        await sent.edit(
            view=card("6 days to go"), attachments=[picture()]
        )  # the content and embed would stay
    assert refused.value.status == 400
    assert any("MessageFlags.IS_COMPONENTS_V2" in p for p in sandbox.problems)
    sandbox.problems.clear()
    await sent.edit(content=None, embed=None, view=card("6 days to go"), attachments=[picture()])
    [message] = sandbox.channel_messages(fan_world.announcements)
    assert visible_text(message) == "# 6 days to go" and message["embeds"] == []
    assert sandbox.problems == []


async def test_an_edit_that_uploads_needs_attach_files_as_a_post_does(
    sandbox: Sandbox, fan_world: Any, announcements: discord.TextChannel
) -> None:
    sent = await announcements.send(view=card(), file=picture())
    member = fan_world.guild.bot_member
    _, allow, deny = fan_world.announcements.overwrites.get(member.id, (1, 0, 0))
    fan_world.announcements.set_overwrite(member, allow=allow, deny=deny | Permissions.ATTACH_FILES)
    await sandbox.update_channel(fan_world.announcements)
    with pytest.raises(discord.Forbidden):
        await sent.edit(view=card("6 days to go"), attachments=[picture(b"new")])
    # Without an upload the edit is fine: the text changes, the picture it had stays.
    await sent.edit(view=card("6 days to go"))
    [message] = sandbox.channel_messages(fan_world.announcements)
    assert visible_text(message) == "# 6 days to go" and len(message["attachments"]) == 1


async def test_a_picture_over_discords_attachment_limit_is_refused(
    sandbox: Sandbox, fan_world: Any, announcements: discord.TextChannel
) -> None:
    huge = discord.File(io.BytesIO(b"\0" * (10 * 1024 * 1024 + 1)), "card.png")
    with pytest.raises(discord.HTTPException) as refused:
        await announcements.send(view=card(), file=huge)
    assert refused.value.status == 413 and refused.value.code == 40005
    assert sandbox.channel_messages(fan_world.announcements) == []
    sandbox.problems.clear()


async def test_a_role_mention_in_a_text_display_pings_only_through_allowed_mentions(
    sandbox: Sandbox, fan_world: Any, announcements: discord.TextChannel
) -> None:
    role = fan_world.role
    for allowed in (discord.AllowedMentions.none(), discord.AllowedMentions(roles=[discord.Object(role.id)])):
        view = discord.ui.LayoutView()
        view.add_item(discord.ui.TextDisplay(f"<@&{role.id}>"))
        await announcements.send(view=view, allowed_mentions=allowed)
    quiet, pinged = sandbox.channel_messages(fan_world.announcements)
    assert quiet["mention_roles"] == [] and pinged["mention_roles"] == [str(role.id)]
