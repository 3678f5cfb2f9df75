"""The release's calendar file, read back with the icalendar library as a calendar app would."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from bot.db import Database
from bot.db.bot_state import BotStateRepository
from bot.domain.knowledge import ReleaseInfo, SourceRef
from bot.domain.release import ReleaseDate
from bot.services.calendar import ReleaseCalendar, release_calendar

SOURCE = SourceRef(
    title="Netflix Tudum", as_of="2026-02-01", url="https://www.netflix.com/tudum/heartstopper"
)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def release(text: str, timezone: str | None = None) -> ReleaseInfo:
    return ReleaseInfo(
        film_title="Heartstopper Forever",
        platform="Netflix",
        platform_url="https://www.netflix.com/title/1",
        date=ReleaseDate.parse(text, timezone),
        status="confirmed",
        source=SOURCE,
    )


def only_event(data: bytes) -> Event:
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_a_day_is_an_all_day_event() -> None:
    file = release_calendar(release("2026-05-01"), sequence=0, now=NOW)
    assert file is not None and file.filename.endswith(".ics")
    event = only_event(file.data)
    assert event.decoded("dtstart") == date(2026, 5, 1)
    assert event["dtstart"].params.get("VALUE") == "DATE"
    assert event.decoded("dtend") == date(2026, 5, 2)
    assert str(event["summary"]) == "Heartstopper Forever on Netflix"
    assert str(event["location"]) == "Netflix"
    assert str(event["url"]) == "https://www.netflix.com/title/1"
    assert "https://www.netflix.com/tudum/heartstopper" in str(event["description"])
    assert event.decoded("dtstamp") == NOW
    assert int(event["sequence"]) == 0


def test_an_exact_time_is_the_instant_in_utc() -> None:
    file = release_calendar(release("2026-05-01T00:00", "America/Los_Angeles"), sequence=2, now=NOW)
    assert file is not None
    event = only_event(file.data)
    start = event.decoded("dtstart")
    assert isinstance(start, datetime) and start == datetime(2026, 5, 1, 7, 0, tzinfo=UTC)
    assert "VALUE" not in event["dtstart"].params
    assert int(event["sequence"]) == 2


def test_a_year_or_month_gives_no_file() -> None:
    assert release_calendar(release("2026"), sequence=0, now=NOW) is None
    assert release_calendar(release("2026-05"), sequence=0, now=NOW) is None


def test_the_uid_is_the_same_whatever_the_date() -> None:
    uids = {
        str(only_event(file.data)["uid"])
        for text, zone in (("2026-05-01", None), ("2026-06-12T08:00", "Europe/London"))
        if (file := release_calendar(release(text, zone), sequence=0, now=NOW)) is not None
    }
    assert len(uids) == 1


async def test_the_sequence_grows_when_the_date_moves_and_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"

    async def sequence_for(text: str, timezone: str | None = None) -> int:
        database = await Database.open(path)  # a fresh process each time: nothing kept in memory
        try:
            file = await ReleaseCalendar(BotStateRepository(database)).file(release(text, timezone), NOW)
        finally:
            await database.close()
        assert file is not None
        return int(only_event(file.data)["sequence"])

    assert await sequence_for("2026-05-01") == 0
    assert await sequence_for("2026-05-01") == 0  # asked again, same date: the same entry, unchanged
    assert await sequence_for("2026-06-12") == 1
    assert await sequence_for("2026-06-12T08:00", "Europe/London") == 2  # pinned to an hour: it moved too
    # Back to an earlier date: still a change for a calendar that has the last file, so it still grows.
    assert await sequence_for("2026-05-01") == 3
    assert await sequence_for("2026-05-01") == 3


async def test_one_process_hands_out_one_file_until_the_date_moves(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        calendar = ReleaseCalendar(BotStateRepository(database))
        files = [
            await calendar.file(release(text), NOW + timedelta(hours=hours))
            for text, hours in (("2026-05-01", 0), ("2026-05-01", 1), ("2026-06-12", 2), ("2026-05-01", 3))
        ]
    finally:
        await database.close()
    assert all(file is not None for file in files)
    assert files[1] == files[0]  # asked again: the very same file
    assert [int(only_event(file.data)["sequence"]) for file in files if file is not None] == [0, 0, 1, 2]
