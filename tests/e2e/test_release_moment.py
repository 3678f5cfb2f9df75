"""The release moment: "Out now on Netflix" at the exact instant, in every subscribed channel, exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release
from tests.e2e.test_fan_commands import embed_text

# 20:00 in London in January is 20:00 UTC; the clock starts on 1 January 2026 at 12:00 UTC, and the
# countdown's default time is 09:00 UTC, so release day has its morning post well before the instant.
INSTANT = datetime(2026, 1, 15, 20, 0, tzinfo=UTC)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, "2026-01-15T20:00", 'timezone = "Europe/London"\n')


def titles(messages: list[dict]) -> list[str]:
    return [embed_text(message["embeds"][0]).split("\n")[0] for message in messages]


def link_buttons(message: dict) -> list[str]:
    # Link buttons only: posts also carry the fan buttons (custom ids, no url).
    return [
        c["url"] for row in message.get("components") or [] for c in row.get("components") or [] if "url" in c
    ]


def posted_at(message: dict) -> datetime:
    return datetime.fromisoformat(message["timestamp"])


async def subscribe_two_channels(harness: Harness) -> None:
    demo = harness.demo
    for channel in (demo.announcements, demo.general):
        result = await harness.invoke("announcements setup", {"channel": channel}, member=demo.admin)
        assert "Countdown" in embed_text(result.embeds[0])


async def test_out_now_at_the_instant_in_every_channel(harness: Harness) -> None:
    demo = harness.demo
    await subscribe_two_channels(harness)
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert "out now (the release moment)" not in status  # 7, 3, 2 days before come first

    await harness.sandbox.advance_to(INSTANT - timedelta(seconds=1))
    for channel in (demo.announcements, demo.general):
        messages = harness.sandbox.channel_messages(channel)
        assert titles(messages)[-1] == "It's Heartstopper Forever day!"
        # The morning post says when it arrives, and has no watch button: it is not out yet.
        assert f"<t:{int(INSTANT.timestamp())}:F>" in embed_text(messages[-1]["embeds"][0])
        assert link_buttons(messages[-1]) == []
        assert "Out now on Netflix!" not in titles(messages)

    await harness.sandbox.advance_to(INSTANT)
    for channel in (demo.announcements, demo.general):
        messages = harness.sandbox.channel_messages(channel)
        out_now = [m for m in messages if titles([m]) == ["Out now on Netflix!"]]
        assert len(out_now) == 1
        assert timedelta(0) <= posted_at(out_now[0]) - INSTANT < timedelta(seconds=1)
        assert any("netflix.com" in url for url in link_buttons(out_now[0]))
        assert "is out now on Netflix" in embed_text(out_now[0]["embeds"][0])
        assert out_now[0]["content"] == ""  # no role was configured: no ping

    await harness.restart()
    await harness.sandbox.advance_to(INSTANT + timedelta(hours=1))
    for channel in (demo.announcements, demo.general):
        assert titles(harness.sandbox.channel_messages(channel)).count("Out now on Netflix!") == 1


async def test_a_restart_right_at_the_instant_posts_once(harness: Harness) -> None:
    demo = harness.demo
    await subscribe_two_channels(harness)
    await harness.sandbox.advance_to(INSTANT - timedelta(seconds=1))
    await harness.stop_bot()
    await harness.sandbox.advance_to(INSTANT)  # the instant passes while the bot is down
    await harness.start_bot()
    await harness.sandbox.settle()
    await harness.restart()  # and once more, right after it posted
    await harness.sandbox.advance_to(INSTANT + timedelta(minutes=10))
    for channel in (demo.announcements, demo.general):
        messages = harness.sandbox.channel_messages(channel)
        out_now = [m for m in messages if titles([m]) == ["Out now on Netflix!"]]
        assert len(out_now) == 1
        assert any("netflix.com" in url for url in link_buttons(out_now[0]))


class TestReleaseDayPostAfterTheInstant:
    """A release at 08:00 with the countdown at 09:00: the morning post would come after the film is out."""

    @pytest.fixture
    def data_file(self, tmp_path: Path) -> Path:
        return data_with_release(tmp_path, "2026-01-15T08:00", 'timezone = "Europe/London"\n')

    async def test_only_out_now_goes_out_on_the_day(self, harness: Harness) -> None:
        demo = harness.demo
        await subscribe_two_channels(harness)
        await harness.sandbox.advance_to(datetime(2026, 1, 16, 12, tzinfo=UTC))
        messages = harness.sandbox.channel_messages(demo.announcements)
        assert titles(messages) == [
            "7 days to go!",
            "3 days to go!",
            "2 days to go!",
            "1 day to go!",
            "Out now on Netflix!",
        ]
        assert posted_at(messages[-1]) - datetime(2026, 1, 15, 8, tzinfo=UTC) < timedelta(seconds=1)


async def test_a_release_known_to_the_day_keeps_its_release_day_post(
    harness: Harness, tmp_path: Path
) -> None:
    """Only a day known: the release-day post goes at the schedule's time, with the watch button; no "Out now"."""
    data_with_release(tmp_path, "2026-01-15")  # overwrite the data file the harness uses
    await harness.restart()
    await subscribe_two_channels(harness)
    await harness.sandbox.advance_to(datetime(2026, 1, 16, 12, tzinfo=UTC))
    messages = harness.sandbox.channel_messages(harness.demo.announcements)
    assert titles(messages)[-1] == "It's Heartstopper Forever day!"
    assert posted_at(messages[-1]) == datetime(2026, 1, 15, 9, tzinfo=UTC)
    assert link_buttons(messages[-1])
    assert "Out now on Netflix!" not in titles(messages)


async def test_a_live_channel_keeps_one_countdown_message_and_gets_the_out_now_post(harness: Harness) -> None:
    """In a live channel the release moment is a post of its own (a notification on release day), below the
    live message, which was edited through to release day and is left as it is."""
    demo = harness.demo
    await harness.invoke(
        "announcements setup", {"channel": demo.announcements, "schedule": "live"}, member=demo.admin
    )
    await harness.sandbox.advance_to(INSTANT - timedelta(seconds=1))
    (live,) = harness.sandbox.channel_messages(demo.announcements)
    assert titles([live]) == ["It's Heartstopper Forever day!"] and link_buttons(live) == []
    await harness.sandbox.advance_to(INSTANT + timedelta(hours=1))
    live_again, out_now = harness.sandbox.channel_messages(demo.announcements)
    assert live_again["id"] == live["id"] and titles([live_again]) == ["It's Heartstopper Forever day!"]
    assert titles([out_now]) == ["Out now on Netflix!"]
    assert any("netflix.com" in url for url in link_buttons(out_now))
