"""The live countdown (`/announcements setup schedule: live`) through the real discord.py client and the sandbox:
one message per channel, edited every day instead of a new post, across restarts, crashes, a moderator's delete
and Discord's rate limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.services.announcements import Announcement
from bot.services.delivery.port import delivery_marker
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release, move_release, posts, setup_countdown
from tests.e2e.test_fan_commands import embed_text
from tests.e2e.test_outages import status_text, until

RELEASE_DAY = "2026-01-15"
MESSAGE = "/channels/{channel_id}/messages/{message_id}"
MESSAGES = "/channels/{channel_id}/messages"
FIRST_UPDATE = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)  # the first 09:00 UTC after setup: 13 days to go


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, RELEASE_DAY)


def at(days_to_go: int) -> datetime:
    """The live update due ``days_to_go`` days before the release, at the default 09:00 UTC."""
    return datetime(2026, 1, 15, 9, 0, tzinfo=UTC) - timedelta(days=days_to_go)


def the_live_message(harness: Harness) -> dict:
    """The one message in the countdown channel (fails if there are none or several)."""
    (message,) = posts(harness)
    return message


def shows(message: dict) -> str:
    return embed_text(message["embeds"][0])


def requests(harness: Harness, method: str, route: str) -> list:
    return [r for r in harness.sandbox.requests if r.method == method and r.route == route]


async def test_one_message_edited_every_day_and_at_a_milestone_across_a_restart(harness: Harness) -> None:
    demo = harness.demo
    setup = await setup_countdown(harness, schedule="live", role=demo.role)
    text = embed_text(setup.embeds[0])
    assert "live: one message, edited every day" in text and "Live message: posted at the next update" in text

    await harness.sandbox.advance_to(FIRST_UPDATE)
    message = the_live_message(harness)
    assert "13 days to go" in shows(message) and message["content"] == f"<@&{demo.role.id}>"
    assert message["edited_timestamp"] is None

    await harness.sandbox.advance_to(at(12))
    edited = the_live_message(harness)
    assert edited["id"] == message["id"] and "12 days to go" in shows(edited)
    assert edited["edited_timestamp"] is not None
    # Discord's edit does not ping again; the role mention stays as it was posted.
    assert edited["content"] == f"<@&{demo.role.id}>"

    await harness.restart()
    await harness.sandbox.advance_to(at(7))  # a milestone, after four daily edits and a restart
    milestone = the_live_message(harness)
    assert milestone["id"] == message["id"] and "7 days to go" in shows(milestone)
    assert len(requests(harness, "POST", MESSAGES)) == 1
    assert len(requests(harness, "PATCH", MESSAGE)) == 6  # 12, 11, 10, 9, 8 and 7 days to go

    status = await status_text(harness)
    guild, channel = demo.guild.id, demo.announcements.id
    assert f"Live message: https://discord.com/channels/{guild}/{channel}/{message['id']}" in status
    assert "Next:" in status and "6 days to go" in status


async def test_a_message_deleted_by_a_moderator_is_posted_again_at_the_next_update_once(
    harness: Harness,
) -> None:
    await setup_countdown(harness, schedule="live")
    await harness.sandbox.advance_to(FIRST_UPDATE)
    deleted = the_live_message(harness)
    await harness.sandbox.delete_message_as_moderator(deleted)
    await harness.sandbox.settle()
    assert posts(harness) == []

    await harness.sandbox.advance_to(at(12))
    fresh = the_live_message(harness)
    assert fresh["id"] != deleted["id"] and "12 days to go" in shows(fresh)
    [refused] = [r for r in requests(harness, "PATCH", MESSAGE) if r.status == 404]
    assert refused.path.endswith(f"/{deleted['id']}")

    await harness.sandbox.advance_to(at(11))
    again = the_live_message(harness)
    assert again["id"] == fresh["id"] and "11 days to go" in shows(again)
    assert f"/{fresh['id']}" in await status_text(harness)


async def test_a_lost_answer_to_the_first_post_then_a_stop_finds_it_instead_of_posting_again(
    harness: Harness,
) -> None:
    """Discord created the live message but its answer was lost, and the bot stopped before it could retry or
    record it (the database as a kill would leave it). Back ten minutes later, when Discord no longer remembers
    the nonce, the bot finds its post by its marker, and the next day edits that one."""
    await setup_countdown(harness, schedule="live")
    harness.sandbox.fail_next("POST", MESSAGES, status=503, after_processing=True)
    await harness.sandbox.advance_to(FIRST_UPDATE)
    await until(lambda: len(requests(harness, "POST", MESSAGES)) == 1)
    await harness.stop_bot()
    posted = the_live_message(harness)
    await harness.sandbox.advance(timedelta(minutes=10))
    await harness.start_bot()
    await harness.sandbox.settle()
    assert the_live_message(harness)["id"] == posted["id"]
    assert len(requests(harness, "POST", MESSAGES)) == 1  # found by reading the channel, not posted again

    await harness.sandbox.advance_to(at(12))
    edited = the_live_message(harness)
    assert edited["id"] == posted["id"] and "12 days to go" in shows(edited)


async def test_a_lost_answer_to_an_edit_then_a_stop_edits_again_and_posts_nothing(
    harness: Harness,
) -> None:
    await setup_countdown(harness, schedule="live")
    await harness.sandbox.advance_to(FIRST_UPDATE)
    message = the_live_message(harness)
    harness.sandbox.fail_next("PATCH", MESSAGE, status=503, after_processing=True)
    await harness.sandbox.advance_to(at(12))
    await until(lambda: len(requests(harness, "PATCH", MESSAGE)) == 1)
    await harness.stop_bot()
    assert "12 days to go" in shows(the_live_message(harness))  # Discord has the edit; the database does not
    await harness.sandbox.advance(timedelta(minutes=10))
    await harness.start_bot()
    await harness.sandbox.settle()
    # The update is carried out again: the same edit, no new message.
    assert len(requests(harness, "PATCH", MESSAGE)) == 2
    assert the_live_message(harness)["id"] == message["id"]
    assert "12 days to go" in shows(the_live_message(harness))
    await harness.sandbox.advance_to(at(11))
    assert "11 days to go" in shows(the_live_message(harness))
    assert len(requests(harness, "POST", MESSAGES)) == 1


@pytest.mark.parametrize("retry_after", [0.5, 40.0], ids=["discord.py-waits", "longer-than-discord.py-waits"])
async def test_a_rate_limited_edit_is_retried_and_lands_once(harness: Harness, retry_after: float) -> None:
    """Discord's per-channel edit limit answers 429 (with Retry-After and the bucket headers). A short one is
    waited out by discord.py; one longer than its 30 s is held on the bot's own clock, then retried."""
    await setup_countdown(harness, schedule="live")
    await harness.sandbox.advance_to(FIRST_UPDATE)
    harness.sandbox.fail_next("PATCH", MESSAGE, status=429, retry_after=retry_after)
    await harness.sandbox.advance_to(at(12))
    await harness.sandbox.settle()
    assert ("user", f"PATCH {MESSAGE}") in harness.sandbox.rate_limit_hits
    if retry_after > 30:
        assert "13 days to go" in shows(the_live_message(harness))  # held, not failed
        await harness.sandbox.advance(timedelta(seconds=retry_after + 1))
        await harness.sandbox.settle()
    await until(lambda: "12 days to go" in shows(the_live_message(harness)))
    patches = requests(harness, "PATCH", MESSAGE)
    assert [r.status for r in patches] == [429, 200]
    assert len(requests(harness, "POST", MESSAGES)) == 1
    assert "Last: posted" in await status_text(harness)


async def test_an_update_that_would_show_the_same_is_not_sent(harness: Harness) -> None:
    """The Sender skips an edit whose content is what the message shows already (it spares the channel's edit
    limit); a different count is sent."""
    await setup_countdown(harness, schedule="live")
    await harness.sandbox.advance_to(FIRST_UPDATE)
    message = the_live_message(harness)
    assert harness.bot is not None
    sender = harness.bot.dispatcher.sender
    release = await harness.bot.knowledge.release_date()
    (row,) = await harness.bot.announcements.repository.deliveries_for_target(
        "channel", harness.demo.announcements.id
    )
    announcement = Announcement.for_delivery(row, release, "Etc/UTC")
    edit = {"role_id": None, "nonce": row.nonce}
    channel, message_id = harness.demo.announcements.id, int(message["id"])
    digest = await sender.edit_announcement(channel, message_id, announcement, shown_digest=None, **edit)
    again = await sender.edit_announcement(channel, message_id, announcement, shown_digest=digest, **edit)
    assert again == digest
    assert len(requests(harness, "PATCH", MESSAGE)) == 1
    assert delivery_marker(row.nonce) in shows(the_live_message(harness))
    tomorrow = replace(announcement, days_left=12)
    changed = await sender.edit_announcement(channel, message_id, tomorrow, shown_digest=digest, **edit)
    assert changed != digest and len(requests(harness, "PATCH", MESSAGE)) == 2
    assert "12 days to go" in shows(the_live_message(harness))


async def test_a_moved_date_gets_its_news_post_and_the_live_message_shows_the_new_count(
    harness: Harness, data_file: Path
) -> None:
    await setup_countdown(harness, schedule="live")
    await harness.sandbox.advance_to(FIRST_UPDATE)
    live = the_live_message(harness)
    move_release(data_file, RELEASE_DAY, "2026-02-20")
    await harness.restart()
    await harness.sandbox.settle()
    live_again, news = posts(harness)
    assert live_again["id"] == live["id"] and "49 days to go" in shows(live_again)
    assert "20 February 2026" in shows(live_again)
    assert "Release news" in shows(news) and "20 February 2026" in shows(news)
    await harness.sandbox.advance_to(datetime(2026, 1, 3, 9, 0, tzinfo=UTC))
    live_next, _ = posts(harness)
    assert live_next["id"] == live["id"] and "48 days to go" in shows(live_next)
