"""Outages, crashes and downtime through the real discord.py client: nothing lost, nothing posted twice, nothing
stuck. Each test injects the fault with the sandbox's public API (``fail_next``) on its virtual clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.db import Database
from bot.db.announcements import AnnouncementRepository
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import SEVEN_DAYS_BEFORE, data_with_release, posts, setup_countdown
from tests.e2e.test_fan_commands import embed_text

RELEASE_DAY = "2026-01-15"
MESSAGES = "/channels/{channel_id}/messages"


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, RELEASE_DAY)


def message_posts(harness: Harness) -> list:
    return [r for r in harness.sandbox.requests if r.method == "POST" and r.route == MESSAGES]


async def until(predicate, *, within: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(within / 0.05)):
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def status_text(harness: Harness) -> str:
    result = await harness.invoke("announcements status", member=harness.demo.admin)
    return embed_text(result.embeds[0])


# ---------------------------------------------------------------------------------------------- item 4


async def test_posts_and_reminders_flow_again_after_a_35_second_global_429(harness: Harness) -> None:
    """A global 429 longer than discord.py waits out: nothing cancels discord.py while it holds its global lock;
    the dispatcher holds every send for the Retry-After, then posts and DMs flow again."""
    demo = harness.demo
    await setup_countdown(harness)
    await harness.invoke("remindme", {"when": "1", "timezone": "Etc/UTC"})
    harness.sandbox.fail_next("POST", MESSAGES, status=429, retry_after=35, scope="global")
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await harness.sandbox.settle()
    assert posts(harness) == [] and ("global", f"POST {MESSAGES}") in harness.sandbox.rate_limit_hits
    # Held on the bot's own clock until Retry-After, not cancelled and not failed.
    await harness.sandbox.advance(timedelta(seconds=30))
    assert posts(harness) == []
    await harness.sandbox.advance(timedelta(seconds=6))
    await until(lambda: len(posts(harness)) == 1)
    # Every later post and DM reminder goes out: discord.py's global lock was never leaked.
    await harness.sandbox.advance_to(datetime(2026, 1, 15, 12, tzinfo=UTC))
    await harness.sandbox.settle()
    assert len(posts(harness)) == 5  # 7, 3, 2, 1 days before and release day
    assert len(harness.sandbox.dm_messages(demo.fan)) == 2
    assert harness.sandbox.problems == []


# ---------------------------------------------------------------------------------------------- item 3


async def test_a_503_outage_longer_than_the_quick_retries_posts_once_when_discord_is_back(
    harness: Harness,
) -> None:
    await setup_countdown(harness)
    harness.sandbox.fail_next("POST", MESSAGES, status=503, times=5)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await until(lambda: len(message_posts(harness)) >= 3)  # the quick retries (real seconds)
    await harness.sandbox.settle()
    assert posts(harness) == []
    text = await status_text(harness)
    assert "Last attempt failed: Discord 503, retrying at" in text, text
    assert "Service Unavailable" not in text and "injected" not in text  # our own short reason
    # Retried with backoff on the clock (8 s, then 16 s, +-20 %) until Discord answers.
    for _ in range(6):
        await harness.sandbox.advance(timedelta(seconds=20))
        if posts(harness):
            break
    await harness.sandbox.settle()
    assert len(posts(harness)) == 1
    assert len(message_posts(harness)) == 6
    text = await status_text(harness)
    assert "retrying" not in text and "Last: posted" in text


# ---------------------------------------------------------------------------------------------- item 1


async def test_restart_after_the_nonce_window_finds_the_post_instead_of_posting_twice(
    harness: Harness,
) -> None:
    """Discord created the posts but the replies were lost; the bot stops before it retried, and comes back ten
    minutes later (Discord no longer remembers the nonces): it finds its posts and records them."""
    demo = harness.demo
    second = await harness.sandbox.create_text_channel(demo.guild, "countdown-two")
    await setup_countdown(harness)
    await harness.invoke("announcements setup", {"channel": second}, member=demo.admin)
    harness.sandbox.fail_next("POST", MESSAGES, status=503, times=2, after_processing=True)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await until(lambda: len(message_posts(harness)) >= 2)
    await harness.stop_bot()
    assert len(posts(harness)) == 1 and len(harness.sandbox.channel_messages(second)) == 1
    await harness.sandbox.advance(timedelta(minutes=10))
    await harness.start_bot()
    await harness.sandbox.settle()
    assert len(posts(harness)) == 1
    assert len(harness.sandbox.channel_messages(second)) == 1
    assert harness.bot is not None
    for channel in (demo.announcements, second):
        (message,) = harness.sandbox.channel_messages(channel)
        assert message["flags"] & 1 << 15, "a card: its marker is read from the layout's source line"
        rows = await harness.bot.announcements.repository.deliveries_for_target("channel", channel.id)
        assert [(row.state, row.message_id) for row in rows] == [("sent", int(message["id"]))]


# ---------------------------------------------------------------------------------------------- item 2


async def test_a_401_pauses_nothing_and_posts_once_the_token_works_again(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await setup_countdown(harness)
    harness.sandbox.fail_next("POST", MESSAGES, status=401, times=3, message="401: Unauthorized")
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await harness.sandbox.settle()
    assert posts(harness) == []
    text = await status_text(harness)
    assert "Paused" not in text and "retrying at" in text and "token" in text
    errors = [r for r in caplog.records if r.levelname == "ERROR" and "token" in r.getMessage()]
    assert len(errors) == 1
    # Held 1 s, then 2 s, then 4 s (the sandbox refuses three times), then it goes out; still one ERROR.
    for _ in range(8):
        await harness.sandbox.advance(timedelta(seconds=30))
        if posts(harness):
            break
    await harness.sandbox.settle()
    assert len(posts(harness)) == 1
    assert len([r for r in caplog.records if r.levelname == "ERROR" and "token" in r.getMessage()]) == 1
    assert "Paused" not in await status_text(harness)


async def test_missing_permission_pauses_and_resumes_by_itself_when_granted(harness: Harness) -> None:
    demo = harness.demo
    await setup_countdown(harness)
    await harness.sandbox.set_bot_can_send(demo.announcements, False)
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await harness.sandbox.settle()
    text = await status_text(harness)
    assert "Paused" in text and "may not post" in text and "Missing Permissions" not in text
    # An admin fixes the channel: the bot sees the change on the gateway and resumes without a command.
    await harness.sandbox.set_bot_can_send(demo.announcements, True)
    await harness.sandbox.settle()
    assert "Paused" not in await status_text(harness)
    await harness.sandbox.advance_to(datetime(2026, 1, 12, 9, tzinfo=UTC))  # 3 days before
    assert len(posts(harness)) == 1


async def test_another_4xx_fails_that_post_only(harness: Harness) -> None:
    await setup_countdown(harness)
    harness.sandbox.fail_next("POST", MESSAGES, status=400, code=50035, message="Invalid Form Body")
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    await harness.sandbox.settle()
    text = await status_text(harness)
    assert "Paused" not in text and "Discord 400" in text and "Invalid Form Body" not in text
    await harness.sandbox.advance_to(datetime(2026, 1, 12, 9, tzinfo=UTC))
    assert len(posts(harness)) == 1


# ---------------------------------------------------------------------------------------------- item 9


async def test_a_deleted_ping_role_is_dropped_and_status_says_so(harness: Harness) -> None:
    demo = harness.demo
    await setup_countdown(harness, role=demo.role)
    await harness.sandbox.delete_role(demo.role)
    await harness.sandbox.settle()
    text = await status_text(harness)
    assert "ping role was deleted" in text and "Ping: nobody" in text
    await harness.sandbox.advance_to(SEVEN_DAYS_BEFORE)
    (post,) = posts(harness)
    assert post["content"] in ("", None) and post["mention_roles"] == []
    assert f"<@&{demo.role.id}>" not in str(post)


# ---------------------------------------------------------------------------------------------- item 1: SIGTERM


async def test_stopping_lets_a_send_in_flight_finish_and_records_it(harness: Harness) -> None:
    """SIGTERM (the bot's close) while Discord is slow to answer a post: the send is not cut off; it finishes
    and is recorded before the bot exits, so nothing is left for a later duplicate check."""
    await setup_countdown(harness)
    harness.sandbox.slow_next("POST", MESSAGES, seconds=1.0)
    await harness.clock.advance_to(SEVEN_DAYS_BEFORE)  # no settling: the post is still in flight below
    await until(lambda: harness.sandbox.inflight > 0 and len(message_posts(harness)) == 1)
    await harness.stop_bot()
    assert len(posts(harness)) == 1
    database = await Database.open(harness.database_path)
    try:
        (row,) = await AnnouncementRepository(database).deliveries_for_target(
            "channel", harness.demo.announcements.id
        )
    finally:
        await database.close()
    assert (row.state, row.message_id) == ("sent", int(posts(harness)[0]["id"]))
