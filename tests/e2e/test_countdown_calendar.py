"""/countdown's "add to calendar" file, downloaded from the sandbox and read as a calendar app would."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar, Event

from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release, move_release


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, "2026-05-01")


def pin_to_hour(data_file: Path, day: str, hour: str, timezone: str) -> None:
    """An editor pins the release day to an hour in a time zone."""
    text = data_file.read_text(encoding="utf-8")
    pinned = f'date = "{day}T{hour}"\ntimezone = "{timezone}"\n'
    data_file.write_text(text.replace(f'date = "{day}"\n', pinned, 1), encoding="utf-8")


def calendar_event(harness: Harness, result: Any) -> Event:
    """The one event of the .ics file attached to a /countdown reply."""
    attachments = [a for a in result.original["attachments"] if a["filename"].endswith(".ics")]
    assert [a["filename"] for a in attachments] == ["release-heartstopper-forever.ics"]
    events = Calendar.from_ical(harness.sandbox.attachment_bytes(attachments[0])).walk("VEVENT")
    assert len(events) == 1
    return events[0]


async def test_countdown_attaches_a_calendar_file_that_updates_when_the_date_moves(
    harness: Harness, data_file: Path
) -> None:
    first = await harness.invoke("countdown")
    assert "Add to calendar" in first.text
    event = calendar_event(harness, first)
    assert event.decoded("dtstart") == date(2026, 5, 1) and event["dtstart"].params["VALUE"] == "DATE"
    assert int(event["sequence"]) == 0 and str(event["location"]) == "Netflix"
    # A private /countdown carries the file too.
    private = await harness.invoke("countdown", {"private": True})
    assert private.ephemeral and int(calendar_event(harness, private)["sequence"]) == 0

    move_release(data_file, "2026-05-01", "2026-05-08")
    await harness.restart()
    moved = calendar_event(harness, await harness.invoke("countdown"))
    assert moved.decoded("dtstart") == date(2026, 5, 8)
    assert str(moved["uid"]) == str(event["uid"])  # the same entry in the fan's calendar, updated
    assert int(moved["sequence"]) == 1

    await harness.restart()  # nothing moved: a restart does not bump it
    assert int(calendar_event(harness, await harness.invoke("countdown"))["sequence"]) == 1


async def test_countdown_at_an_exact_time_gives_the_instant(harness: Harness, data_file: Path) -> None:
    pin_to_hour(data_file, "2026-05-01", "08:00", "Europe/London")
    await harness.restart()
    start = calendar_event(harness, await harness.invoke("countdown")).decoded("dtstart")
    assert start.isoformat() == "2026-05-01T07:00:00+00:00"


@pytest.mark.parametrize("release", ["2026", "2026-05"])
async def test_countdown_without_a_day_explains_there_is_no_calendar_file_yet(
    harness: Harness, data_file: Path, release: str
) -> None:
    move_release(data_file, "2026-05-01", release)
    await harness.restart()
    result = await harness.invoke("countdown")
    assert [a["filename"] for a in result.original["attachments"]] == ["countdown.png"]  # the card, no .ics
    assert "calendar file comes with /countdown once the day is announced" in result.text
