"""/remindme's lead times (1 hour, 1 day) and `/remindme when: list`, with DMs on the sandbox clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.sandbox import visible_text
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release, move_release
from tests.e2e.test_fan_commands import embed_text

# 08:00 in London in January is 08:00 UTC; the clock starts on 1 January 2026 at 12:00 UTC.
RELEASE = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
HOUR_BEFORE = datetime(2026, 1, 15, 7, 0, tzinfo=UTC)


def stamps(moment: datetime) -> tuple[str, str]:
    return f"<t:{int(moment.timestamp())}:F>", f"<t:{int(moment.timestamp())}:R>"


def dm_titles(harness: Harness) -> list[str]:
    return [visible_text(dm).split("\n")[0] for dm in harness.sandbox.dm_messages(harness.demo.fan)]


def watch_buttons(dm: dict) -> list[str]:
    return [c.get("url", "") for row in dm.get("components") or [] for c in row.get("components") or []]


class TestExactReleaseTime:
    @pytest.fixture
    def data_file(self, tmp_path: Path) -> Path:
        return data_with_release(tmp_path, "2026-01-15T08:00", 'timezone = "Europe/London"\n')

    async def test_an_hour_before_and_at_the_instant(self, harness: Harness) -> None:
        result = await harness.invoke("remindme", {"when": "1h"})
        text = embed_text(result.embeds[0])
        assert result.ephemeral and "Reminder set" in text and "1 hour before the exact release time" in text

        listed = await harness.invoke("remindme", {"when": "list"})
        listing = embed_text(listed.embeds[0])
        assert listed.ephemeral and "Your reminders" in listing
        assert "**1 hour before**: {} ({})".format(*stamps(HOUR_BEFORE)) in listing
        assert "**Release day**: {} ({})".format(*stamps(RELEASE)) in listing
        assert "/remindme when: off" in listing

        await harness.sandbox.advance_to(datetime(2026, 1, 15, 6, 59, tzinfo=UTC))
        assert dm_titles(harness) == []
        await harness.sandbox.advance_to(HOUR_BEFORE)
        assert dm_titles(harness) == ["Your reminder: 1 hour to go!"]
        hour_dm = harness.sandbox.dm_messages(harness.demo.fan)[0]
        assert stamps(RELEASE)[0] in visible_text(hour_dm)
        assert watch_buttons(hour_dm) == []  # not on Netflix yet
        await harness.sandbox.advance_to(RELEASE)
        assert dm_titles(harness) == [
            "Your reminder: 1 hour to go!",
            "Your reminder: it's Heartstopper Forever day!",
        ]
        assert watch_buttons(harness.sandbox.dm_messages(harness.demo.fan)[1])

        # After a restart nothing is sent again, and the list says nothing is left.
        await harness.restart()
        await harness.sandbox.settle()
        assert len(dm_titles(harness)) == 2
        after = embed_text((await harness.invoke("remindme", {"when": "list"})).embeds[0])
        assert "Nothing left to send" in after


class TestDayOnly:
    @pytest.fixture
    def data_file(self, tmp_path: Path) -> Path:
        return data_with_release(tmp_path, "2026-01-15")

    async def test_an_hour_before_is_refused_and_nothing_is_stored(self, harness: Harness) -> None:
        refused = await harness.invoke("remindme", {"when": "1h"})
        text = embed_text(refused.embeds[0])
        assert refused.ephemeral and "No reminder set" in text
        assert "not announced the release time yet" in text and "on 15 January 2026" in text
        listing = embed_text((await harness.invoke("remindme", {"when": "list"})).embeds[0])
        assert "You have no reminder set" in listing

    async def test_a_day_before_is_listed_with_its_times(self, harness: Harness) -> None:
        await harness.invoke("remindme", {"when": "1", "timezone": "America/New_York"})
        listing = embed_text((await harness.invoke("remindme", {"when": "list"})).embeds[0])
        # 09:00 in New York (14:00 UTC) on 14 and 15 January.
        day_before = datetime(2026, 1, 14, 14, 0, tzinfo=UTC)
        release_day = datetime(2026, 1, 15, 14, 0, tzinfo=UTC)
        assert "release day, 1 day before" in listing and "America/New_York" in listing
        assert "**1 day before**: {} ({})".format(*stamps(day_before)) in listing
        assert "**Release day**: {} ({})".format(*stamps(release_day)) in listing
        await harness.sandbox.advance_to(datetime(2026, 1, 14, 13, 59, tzinfo=UTC))
        assert dm_titles(harness) == []
        await harness.sandbox.advance_to(day_before)
        assert dm_titles(harness) == ["Your reminder: 1 day to go!"]
        await harness.invoke("remindme", {"when": "off"})
        gone = embed_text((await harness.invoke("remindme", {"when": "list"})).embeds[0])
        assert "You have no reminder set" in gone
        await harness.sandbox.advance_to(release_day)
        assert dm_titles(harness) == ["Your reminder: 1 day to go!"]


class TestReleaseHourMoved:
    @pytest.fixture
    def data_file(self, tmp_path: Path) -> Path:
        return data_with_release(tmp_path, "2026-01-15T08:00", 'timezone = "Europe/London"\n')

    async def test_a_later_hour_the_same_day_gets_its_own_hour_before(
        self, harness: Harness, data_file: Path
    ) -> None:
        await harness.invoke("remindme", {"when": "1h"})
        await harness.sandbox.advance_to(HOUR_BEFORE)
        assert dm_titles(harness) == ["Your reminder: 1 hour to go!"]
        # Netflix moves the premiere to 17:00 the same day after the first DM: the fan asked for an hour's
        # notice before the release, and the one they had named 08:00.
        move_release(data_file, "2026-01-15T08:00", "2026-01-15T17:00")
        await harness.restart()
        await harness.sandbox.advance_to(datetime(2026, 1, 15, 16, 0, tzinfo=UTC))
        assert dm_titles(harness) == ["Your reminder: 1 hour to go!", "Your reminder: 1 hour to go!"]
        later = harness.sandbox.dm_messages(harness.demo.fan)[1]
        assert stamps(datetime(2026, 1, 15, 17, 0, tzinfo=UTC))[0] in visible_text(later)

    async def test_an_earlier_hour_already_within_the_lead_sends_no_late_hour_before(
        self, harness: Harness, data_file: Path
    ) -> None:
        await harness.invoke("remindme", {"when": "1h"})
        await harness.sandbox.advance_to(datetime(2026, 1, 15, 6, 45, tzinfo=UTC))
        # Moved to 07:30 at 06:45: its hour before (06:30) has passed; no "1 hour to go" 45 minutes before.
        move_release(data_file, "2026-01-15T08:00", "2026-01-15T07:30")
        await harness.restart()
        await harness.sandbox.settle()
        assert dm_titles(harness) == []
        await harness.sandbox.advance_to(datetime(2026, 1, 15, 7, 30, tzinfo=UTC))
        assert dm_titles(harness) == ["Your reminder: it's Heartstopper Forever day!"]
