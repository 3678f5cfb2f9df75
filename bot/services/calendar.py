"""The release as an iCalendar (.ics) file, for fans to add to their own calendar.

One VEVENT whose UID is made from the film's title, so every file the bot ever hands out describes the same event;
its SEQUENCE goes up each time the release date moves, so a calendar app that already has the entry updates it
instead of adding a second one (RFC 5545, 3.8.7.4). Nothing here knows Discord.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from bot.db.bot_state import BotStateRepository
from bot.domain.knowledge import ReleaseInfo
from bot.domain.release import Precision

# bot_state keys: the release date last put in a calendar file, and how many times it moved since the first.
SEQUENCE_KEY = "calendar.release.sequence"
DATE_KEY = "calendar.release.date"
UID_DOMAIN = "heartstopper-forever-fan-bot"
PRODUCT_ID = "-//Heartstopper Forever fan bot//Release calendar//EN"


@dataclass(frozen=True, slots=True)
class CalendarFile:
    filename: str
    data: bytes


def release_uid(film_title: str) -> str:
    """The event's UID: the same for this film in every file, across restarts, imports and date moves."""
    slug = re.sub(r"[^a-z0-9]+", "-", film_title.lower()).strip("-")
    return f"release-{slug}@{UID_DOMAIN}"


def release_calendar(release: ReleaseInfo, *, sequence: int, now: datetime) -> CalendarFile | None:
    """The calendar file for ``release``, or None when only a year or month is known (no day to put in it)."""
    when = release.date
    if when.precision not in (Precision.DAY, Precision.INSTANT):
        return None
    event = Event()
    event.add("uid", release_uid(release.film_title))
    event.add("sequence", sequence)
    event.add("dtstamp", now)
    if when.instant is not None:
        # In UTC: every calendar app shows it at the right local time, with no VTIMEZONE block to get wrong.
        # No DTEND: the release is a moment (RFC 5545 reads a DATE-TIME start without an end as taking no time).
        event.add("dtstart", when.instant)
    else:
        day = when.release_day
        assert day is not None
        event.add("dtstart", day)  # a DATE value: an all-day event
        event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"{release.film_title} on {release.platform}")
    source = release.source
    cited = f"{source.title}, {source.url}" if source.url else source.title
    event.add(
        "description",
        f"{release.film_title} comes out on {release.platform} {when.describe()}. "
        f"Source: {cited} (as of {source.as_of}).",
    )
    if release.platform_url:
        event.add("url", release.platform_url)
    event.add("location", release.platform)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    slug = release_uid(release.film_title).split("@")[0]
    return CalendarFile(f"{slug}.ics", calendar.to_ical())


class ReleaseCalendar:
    """Builds the calendar file, with a SEQUENCE kept in the database so it only grows across restarts."""

    def __init__(self, state: BotStateRepository) -> None:
        self._state = state
        # The last file made and the release it describes: every /countdown hands out the same file until the
        # release changes, without a write transaction and ~1 ms of iCalendar building each time. Only this
        # process advances the SEQUENCE, so the memo cannot fall behind the database. (Its DTSTAMP stays the
        # moment the file was first made, which is what DTSTAMP means.)
        self._last: tuple[ReleaseInfo, CalendarFile | None] | None = None

    async def file(self, release: ReleaseInfo, now: datetime) -> CalendarFile | None:
        if not release.date.is_dated:
            return None
        if self._last is not None and self._last[0] == release:
            return self._last[1]
        sequence = await self._state.advance_on_change(SEQUENCE_KEY, DATE_KEY, release.date.key())
        made = release_calendar(release, sequence=sequence, now=now)
        self._last = (release, made)
        return made
