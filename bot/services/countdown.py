"""Where the release stands right now: not dated yet, overdue, counting down, today, or out."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.release import Precision, ReleaseDate
from bot.i18n import Language, LocalText

log = logging.getLogger(__name__)


class Phase(StrEnum):
    UNDATED = "undated"  # only a year or month is known, and it has not passed yet
    # Only a year or month is known and it has passed without a date being announced. The film is not
    # called "out": the calendar alone cannot say it was released, only that the data needs updating.
    OVERDUE = "overdue"
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


def announced_period_end(release: ReleaseDate) -> datetime | None:
    """The first instant (UTC) after the year or month the release is known only to; None once it is dated."""
    if release.precision is Precision.YEAR:
        end = date(release.year + 1, 1, 1)
    elif release.precision is Precision.MONTH:
        assert release.month is not None
        end = date(release.year + release.month // 12, release.month % 12 + 1, 1)
    else:
        return None
    return datetime.combine(end, time(), tzinfo=UTC)


def countdown_status(release: ReleaseDate, now: datetime) -> CountdownStatus:
    if not release.is_dated:
        period_end = announced_period_end(release)
        overdue = period_end is not None and now >= period_end
        return CountdownStatus(Phase.OVERDUE if overdue else Phase.UNDATED, release, None, None)
    if release.is_out(now) and release.precision is not Precision.DAY:
        return CountdownStatus(Phase.OUT, release, None, release.instant)
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


def status_changes_at(release: ReleaseDate, now: datetime) -> datetime | None:
    """The first instant after ``now`` at which :func:`countdown_status` may say something else than it says at
    ``now`` (a new day in the release's zone, the release instant, the end of the announced period); None when
    it never will (out for good, or overdue until the data changes)."""
    if not release.is_dated:
        period_end = announced_period_end(release)
        return period_end if period_end is not None and now < period_end else None
    if release.is_out(now) and release.precision is not Precision.DAY:
        return None
    zone = ZoneInfo(release.timezone) if release.timezone else UTC
    today = now.astimezone(zone).date()
    # Midnight by the zone's clock; where a clock change skips it, zoneinfo gives the instant the day starts.
    next_day = datetime.combine(today + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    if release.instant is not None and now < release.instant:
        return min(next_day, release.instant)
    return next_day


class CurrentStatus:
    """:func:`countdown_status` for the clock's now, worked out again only once it can have changed: every fan
    command needs it, and it changes a few times a day at most."""

    def __init__(self) -> None:
        self._kept: tuple[ReleaseDate, datetime, datetime | None, CountdownStatus] | None = None

    def at(self, release: ReleaseDate, now: datetime) -> CountdownStatus:
        kept = self._kept
        if kept is not None:
            kept_release, since, until, status = kept
            # A clock set back (a test's, or the system's) is asked again rather than trusted.
            if (
                (kept_release is release or kept_release == release)
                and since <= now
                and (until is None or now < until)
            ):
                return status
        status = countdown_status(release, now)
        self._kept = (release, now, status_changes_at(release, now), status)
        return status


def release_statement(
    title: str, platform: str, status: CountdownStatus, language: Language | None = None
) -> str:
    """The release fact /ask answers with, in the tense of ``status``: future until the release, past after it,
    and for a year or month that passed without a date only what is known (it is not called released).

    ``language``: the reader's, when not English (the English wording stays the data's own)."""
    release = status.release
    if language is not None and not language.is_source:
        return _release_statement_in(language, title, platform, status)
    wording = release.describe()
    if status.phase is Phase.UNDATED:
        return f"{title} is due to be released on {platform} {wording}; the day itself has not been announced yet."
    if status.phase is Phase.OVERDUE:
        return f"{title} is coming to {platform}, expected {wording}; no date has been announced."
    if status.phase is Phase.RELEASE_DAY:
        return f"{title} comes out on {platform} today, {wording.removeprefix('on ')}."
    if status.phase is Phase.OUT:
        return f"{title} came out on {platform} {wording}."
    return f"{title} is due to be released on {platform} {wording}."


def describe_release(release: ReleaseDate, t: Language) -> str:
    """What is known of the release date, in the reader's words: 'in 2026', 'in May 2026', 'on 1 May 2026'."""
    if release.precision is Precision.YEAR:
        return t.gettext("in {year}", year=str(release.year))
    if release.precision is Precision.MONTH:
        assert release.month is not None
        return t.gettext("in {month}", month=t.month(date(release.year, release.month, 1)))
    assert release.release_day is not None
    return t.gettext("on {date}", date=t.date(release.release_day))


def release_words(release: ReleaseDate) -> LocalText:
    """What is known of the release date for a message built before its reader is known: English as a
    ``str``, in the reader's words once shown (``Language.phrase``)."""
    return LocalText(release.describe(), lambda t: describe_release(release, t))


def _release_statement_in(language: Language, title: str, platform: str, status: CountdownStatus) -> str:
    t = language
    release = status.release
    names = {"film": title, "platform": platform, "when": describe_release(release, t)}
    if status.phase is Phase.UNDATED:
        return t.gettext(
            "{film} is due to be released on {platform} {when}; the day itself has not been announced yet.",
            **names,
        )
    if status.phase is Phase.OVERDUE:
        return t.gettext(
            "{film} is coming to {platform}, expected {when}; no date has been announced.", **names
        )
    if status.phase is Phase.RELEASE_DAY:
        assert release.release_day is not None
        return t.gettext(
            "{film} comes out on {platform} today, {date}.", date=t.date(release.release_day), **names
        )
    if status.phase is Phase.OUT:
        return t.gettext("{film} came out on {platform} {when}.", **names)
    return t.gettext("{film} is due to be released on {platform} {when}.", **names)


def upcoming_status(release: ReleaseDate) -> CountdownStatus:
    """The status before any release: what the data file says, without today's date (the stored fact)."""
    phase = Phase.UPCOMING if release.is_dated else Phase.UNDATED
    return CountdownStatus(phase, release, None, release.instant)


def overdue_release_warning(release: ReleaseDate) -> str:
    """What the bot's owners are told when the announced year or month passed without a date."""
    return (
        f"the data file says the release is expected {release.describe()}, which has passed without a date: "
        "update the [release] date in the data file (a day, or the next expected period), then run "
        "/reload-data or restart the bot"
    )


def data_warnings(release: ReleaseDate, now: datetime) -> list[str]:
    """Problems with the release data that the owners should fix (for /reload-data and `python -m bot check`)."""
    if countdown_status(release, now).phase is Phase.OVERDUE:
        return [overdue_release_warning(release)]
    return []


class OverdueReleaseWatch:
    """Logs one WARNING per data version when the bot notices the release is overdue, not one per command."""

    def __init__(self) -> None:
        self._warned_version: int | None = None

    def notice(self, status: CountdownStatus, data_version: int) -> None:
        if status.phase is not Phase.OVERDUE or self._warned_version == data_version:
            return
        self._warned_version = data_version
        log.warning(overdue_release_warning(status.release))
