"""The countdown card: posts and /countdown as Discord layout components with a picture, or the classic embed where
a server's admins chose it. Through the real discord.py client and the sandbox, which refuses what Discord would."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from bot.sandbox import Permissions, visible_text
from bot.sandbox.rules import walk_components
from tests.e2e.conftest import Harness, assert_no_unwanted_pings
from tests.e2e.test_announcements import data_with_release, posts, setup_countdown
from tests.e2e.test_fan_commands import embed_text, heading

IS_COMPONENTS_V2 = 1 << 15
INSTANT = datetime(2026, 1, 15, 20, 0, tzinfo=UTC)  # 20:00 in London in January
SEVEN_DAYS_BEFORE = datetime(2026, 1, 8, 9, 0, tzinfo=UTC)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, "2026-01-15T20:00", 'timezone = "Europe/London"\n')


def picture(harness: Harness, message: dict) -> Image.Image:
    """The card's picture, as a fan's client downloads it from the gallery's URL."""
    [gallery] = [c for c in walk_components(message["components"]) if c.get("type") == 12]
    media = gallery["items"][0]["media"]
    [attachment] = [a for a in message["attachments"] if a["id"] == media["attachment_id"]]
    assert attachment["filename"] == "countdown.png" and media["url"] == attachment["url"]
    image = Image.open(io.BytesIO(harness.sandbox.attachment_bytes(attachment)))
    image.load()
    return image


def assert_is_a_card(harness: Harness, message: dict) -> str:
    """A Components V2 card with its picture attached; returns what a fan reads on it."""
    assert message["flags"] & IS_COMPONENTS_V2
    assert message["content"] == "" and message["embeds"] == []  # Discord allows neither with a layout
    assert picture(harness, message).size == (800, 320)
    return visible_text(message)


async def test_a_scheduled_post_is_a_card_with_the_days_the_readers_own_time_and_the_source(
    harness: Harness,
) -> None:
    demo = harness.demo
    await setup_countdown(harness, role=demo.role)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    [post] = posts(harness)
    text = assert_is_a_card(harness, post)
    assert heading(post) == "7 days to go"
    assert "Countdown to Heartstopper Forever" in text
    # The release in each reader's own time zone and as "in 7 days", by Discord's timestamp markup.
    stamp = int(INSTANT.timestamp())
    assert f"<t:{stamp}:F>" in text and f"<t:{stamp}:R>" in text
    assert "Source: Heartstopper Forever" in text and "ref " in text
    # The ping: the role's mention leads the card, and only that role is pinged.
    assert text.startswith(f"<@&{demo.role.id}>") and post["mention_roles"] == [str(demo.role.id)]
    assert_no_unwanted_pings(harness.sandbox, allowed_roles={demo.role.id})


async def test_release_day_and_out_now_cards_and_the_watch_button_once_it_is_out(harness: Harness) -> None:
    await setup_countdown(harness, schedule="daily", days=1, time="09:00", timezone="Europe/London")
    await harness.sandbox.advance_to(INSTANT + timedelta(hours=1))
    cards = posts(harness)
    assert [heading(post) for post in cards] == ["1 day to go", "Release day", "Out now on Netflix"]
    pictures = [picture(harness, card).tobytes() for card in cards]
    assert len(set(pictures)) == 3  # "1", "TODAY" and "OUT NOW" over the same background
    buttons = [[c for c in walk_components(card["components"]) if c.get("type") == 2] for card in cards]
    links = [[b for b in row if "url" in b] for row in buttons]
    # Not out yet (the day before, the morning of release day): no watch button, only the fans' own buttons.
    assert links[:2] == [[], []]
    assert [[b["label"] for b in row] for row in buttons[:2]] == [["DM me on release day"]] * 2
    assert [b["label"] for b in links[2]] == ["Watch on Netflix"] and "netflix.com" in links[2][0]["url"]


async def test_countdown_is_a_card_with_its_calendar_file(harness: Harness) -> None:
    for private in (False, True):
        result = await harness.invoke("countdown", {"private": private})
        assert result.ephemeral is private
        text = assert_is_a_card(harness, result.original)
        assert heading(result.original).endswith("days to go")
        assert "Countdown to Heartstopper Forever" in text and "Source: " in text
        assert f"<t:{int(INSTANT.timestamp())}:F>" in text
        # The calendar file is shown in the card (a file component), not left as a loose attachment.
        [file] = [c for c in walk_components(result.components) if c.get("type") == 13]
        [ics] = [a for a in result.original["attachments"] if a["filename"].endswith(".ics")]
        assert file["file"]["attachment_id"] == ics["id"]


async def test_an_admin_who_chooses_classic_gets_the_embed_in_posts_and_countdown(harness: Harness) -> None:
    demo = harness.demo
    setup = await setup_countdown(harness, role=demo.role, style="classic")
    assert "Style: classic" in embed_text(setup.embeds[0])
    second = await harness.sandbox.create_text_channel(demo.guild, "countdown-two")
    await harness.invoke("announcements setup", {"channel": second}, member=demo.admin)  # the server's style
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert status.count("Style: classic") == 2
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    for channel in (demo.announcements, second):
        [post] = harness.sandbox.channel_messages(channel)
        assert not post["flags"] & IS_COMPONENTS_V2 and post["attachments"] == []
        assert "7 days to go" in embed_text(post["embeds"][0])
    assert harness.sandbox.channel_messages(demo.announcements)[0]["content"] == f"<@&{demo.role.id}>"
    countdown = await harness.invoke("countdown")
    assert countdown.embeds and not countdown.original["flags"] & IS_COMPONENTS_V2

    # And back to the card, for the whole server.
    back = await setup_countdown(harness, style="card")
    assert "style: classic → card" in embed_text(back.embeds[0])
    assert (await harness.invoke("countdown")).original["flags"] & IS_COMPONENTS_V2


async def test_without_attach_files_setup_asks_for_it_and_a_card_post_falls_back_to_the_embed(
    harness: Harness,
) -> None:
    demo = harness.demo
    await setup_countdown(harness)
    # A moderator takes Attach Files away from the bot in the channel.
    bot = demo.guild.bot_member
    _, allow, deny = demo.announcements.overwrites.get(bot.id, (1, 0, 0))
    demo.announcements.set_overwrite(bot, allow=allow, deny=deny | Permissions.ATTACH_FILES)
    await harness.sandbox.update_channel(demo.announcements)
    refused = await setup_countdown(harness, time="10:00")
    assert refused.ephemeral and "Attach Files" in embed_text(refused.embeds[0])
    # Set up before the permission was taken away: the post still goes out, as the classic embed.
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    [post] = posts(harness)
    assert "7 days to go" in embed_text(post["embeds"][0]) and post["attachments"] == []
