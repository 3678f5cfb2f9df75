"""Where the release stands right now: not dated yet, counting down, today, or out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.release import Precision, ReleaseDate


class Phase(StrEnum):
    UNDATED = "undated"  # only a year or month is known
    UPCOMING = "upcoming"
    RELEASE_DAY = "release_day"
    OUT = "out"


@dataclass(frozen=True, slots=True)
class CountdownStatus:
    phase: Phase
    release: ReleaseDate
    # Whole days from today (in the release's zone, UTC if none) to the release day; None while undated.
    days_left: int | None
    # The exact moment, only when the data pins the release to an hour.
    instant: datetime | None


def countdown_status(release: ReleaseDate, now: datetime) -> CountdownStatus:
    if release.is_out(now) and release.precision is not Precision.DAY:
        return CountdownStatus(Phase.OUT, release, None, release.instant)
    if not release.is_dated:
        return CountdownStatus(Phase.UNDATED, release, None, None)
    release_day = release.release_day
    assert release_day is not None
    zone = ZoneInfo(release.timezone) if release.timezone else UTC
    today: date = now.astimezone(zone).date()
    days_left = (release_day - today).days
    if days_left < 0 or (release.instant is not None and now >= release.instant):
        return CountdownStatus(Phase.OUT, release, days_left, release.instant)
    if days_left == 0:
        return CountdownStatus(Phase.RELEASE_DAY, release, 0, release.instant)
    return CountdownStatus(Phase.UPCOMING, release, days_left, release.instant)
