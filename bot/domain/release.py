"""The release date of the film, known only to some precision.

A streaming release is often announced first as a year, then a month, then a day, and finally an exact hour in
a given time zone. Countdowns and schedules must never pretend to more precision than the data holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_RELEASE_TEXT = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2}))?)?)?$"
)

# When only a day is known, the film counts as out from the start of that day where it is first released;
# UTC-12 is the earliest any time zone reaches a calendar day, so nothing is called "out" too early.
_LATEST_ZONE_OFFSET = timedelta(hours=12)
# A film's release: the bounds also keep the first and last instants of the period within datetime's range.
_YEARS = (1900, 2999)


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    INSTANT = "instant"


class ReleaseDateError(ValueError):
    """A release date that cannot be read."""


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ReleaseDateError(f"{name!r} is not an IANA time zone such as America/Los_Angeles") from None


@dataclass(frozen=True, slots=True)
class ReleaseDate:
    precision: Precision
    year: int
    month: int | None = None
    day: int | None = None
    # Set only for Precision.INSTANT: the exact moment, aware, and the zone it was announced in.
    instant: datetime | None = None
    timezone: str | None = None

    @classmethod
    def parse(cls, text: str, timezone: str | None = None) -> ReleaseDate:
        """Read ``2026``, ``2026-05``, ``2026-05-01`` or ``2026-05-01T08:00`` (the last needs ``timezone``)."""
        match = _RELEASE_TEXT.match(text.strip())
        if not match:
            raise ReleaseDateError(
                f"{text!r} is not a release date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM"
            )
        year = int(match["year"])
        if not _YEARS[0] <= year <= _YEARS[1]:
            raise ReleaseDateError(
                f"{text!r} is not a release date; write a year from {_YEARS[0]} to {_YEARS[1]}"
            )
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        try:
            if day is not None and month is not None:
                date(year, month, day)
            elif month is not None and not 1 <= month <= 12:
                raise ValueError("month must be in 1..12")
        except ValueError as error:
            raise ReleaseDateError(f"{text!r} is not a real date: {error}") from None
        # Checked whatever the precision: the countdown counts a known day in this zone.
        zone = _zone(timezone) if timezone else None
        if match["hour"] is None:
            precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
            return cls(precision, year, month, day, timezone=timezone)
        if zone is None:
            raise ReleaseDateError(
                f"{text!r} gives a time of day, so it needs a time zone (for example Etc/UTC)"
            )
        hour, minute = int(match["hour"]), int(match["minute"])
        if hour > 23 or minute > 59:
            raise ReleaseDateError(f"{text!r} has an impossible time of day")
        assert month is not None and day is not None
        local = datetime(year, month, day, hour, minute, tzinfo=zone)
        return cls(Precision.INSTANT, year, month, day, instant=local.astimezone(UTC), timezone=timezone)

    @property
    def release_day(self) -> date | None:
        """The calendar day of release, when it is known."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @property
    def is_dated(self) -> bool:
        """True when the day is known, so there is something to count down to."""
        return self.precision in (Precision.DAY, Precision.INSTANT)

    def earliest_out(self) -> datetime:
        """The first instant at which the film could be out anywhere, given what is known."""
        if self.instant is not None:
            return self.instant
        start = date(self.year, self.month or 1, self.day or 1)
        return datetime.combine(start, time(), tzinfo=UTC) - _LATEST_ZONE_OFFSET

    def latest_out(self) -> datetime:
        """The instant by which the film is out everywhere, given what is known."""
        if self.instant is not None:
            return self.instant
        if self.day is not None and self.month is not None:
            end = date(self.year, self.month, self.day) + timedelta(days=1)
        elif self.month is not None:
            end = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        else:
            end = date(self.year + 1, 1, 1)
        return datetime.combine(end, time(), tzinfo=UTC) + _LATEST_ZONE_OFFSET

    def is_out(self, now: datetime) -> bool:
        """True only when an announced day or instant has passed. A release known only to a year or month is
        never "out" by the calendar alone: once that period passes without a date, the data is out of date
        (``bot.services.countdown`` calls it overdue), not the film released."""
        if self.precision is Precision.INSTANT:
            return now >= self.earliest_out()
        if self.precision is Precision.DAY:
            return now >= self.earliest_out() + timedelta(hours=12)  # start of the day in UTC
        return False

    def describe(self) -> str:
        """Human wording of what is known: 'in 2026', 'in May 2026', 'on 1 May 2026'."""
        if self.precision is Precision.YEAR:
            return f"in {self.year}"
        if self.precision is Precision.MONTH:
            assert self.month is not None
            return f"in {date(self.year, self.month, 1):%B %Y}"
        day = self.release_day
        assert day is not None
        return f"on {day.day} {day:%B %Y}"

    def key(self) -> str:
        """A stable text form, used to notice when the data changes the date."""
        if self.instant is not None:
            return f"{self.instant:%Y-%m-%dT%H:%M}Z"
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)
