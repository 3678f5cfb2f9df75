"""Schedule arithmetic for the release countdown: pure functions, no database, no Discord.

A *schedule* (milestones before release, daily during the final N days, weekly on a weekday, or live: every day,
each update editing one message) plus a local time of day and an IANA time zone turns a
:class:`~bot.domain.release.ReleaseDate` into a sorted tuple of :class:`Occasion` s: the instants (UTC) at which
a countdown post is due, each with a stable key.

Rules, all tested:

* Nothing is counted down to a date that is not known: a release with year or month precision yields no
  occasions at all.
* Days are counted in the subscriber's own time zone. For a release known to the day, the release day is that
  calendar day everywhere; for a release known to the instant, it is the local calendar day of that instant.
* Every schedule ends with a release-day post (``days_left == 0``) and nothing comes after it.
* The configured wall time is kept across DST changes. When that wall time does not exist on a day (spring
  forward), the post goes out at the first valid instant after the gap, i.e. at the transition itself; when it
  exists twice (fall back), the first occurrence (``fold=0``) is used. Either way each occasion is due once.
* An occasion key is ``countdown:<days_left>:<local release day>``: it does not mention the schedule kind, so
  switching schedules never posts "7 days left" twice for the same date, and a change of release *day* makes new
  keys (a new countdown) while pinning the same day to an hour keeps them.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.domain.release import Precision, ReleaseDate
from bot.errors import UserFacingError
from bot.i18n import Phrase, translatable

__all__ = [
    "DEFAULT_MILESTONES",
    "AnnouncementInputError",
    "AnnouncementKind",
    "Occasion",
    "Schedule",
    "ScheduleKind",
    "countdown_occasions",
    "format_local_time",
    "local_release_day",
    "next_occasions",
    "occasions_between",
    "parse_local_time",
    "parse_timezone",
    "parse_weekday",
    "reminder_lead_hours",
    "reminder_occasions",
    "resolve_local_instant",
    "stored_countdown_occasions",
    "timezone_suggestions",
]

DEFAULT_MILESTONES: tuple[int, ...] = (100, 30, 14, 7, 3, 2, 1)
MAX_MILESTONE_DAYS = 1000
MAX_FINAL_DAYS = 366
# Weekly posts are generated at most this far back from the release day (the list is cached, then windowed).
WEEKLY_HORIZON_DAYS = 3 * 366
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Reminders for a release known only to the day go out at this local time.
DEFAULT_REMINDER_TIME = time(9, 0)


class AnnouncementInputError(UserFacingError):
    """Input from an admin or a fan that cannot be used. ``str(error)`` is a friendly sentence to show as is."""

    title = translatable("Not saved")


class AnnouncementKind(StrEnum):
    MILESTONE = "milestone"
    DAILY = "daily"
    WEEKLY = "weekly"
    RELEASE_DAY = "release_day"
    OUT_NOW = "out_now"  # at the exact release instant, when the data pins the release to one
    NEWS = "news"
    REMINDER = "reminder"


class ScheduleKind(StrEnum):
    MILESTONES = "milestones"
    DAILY = "daily"
    WEEKLY = "weekly"
    LIVE = "live"  # one message per channel, edited every day instead of a new post


_KIND_FOR_SCHEDULE = {
    ScheduleKind.MILESTONES: AnnouncementKind.MILESTONE,
    ScheduleKind.DAILY: AnnouncementKind.DAILY,
    ScheduleKind.WEEKLY: AnnouncementKind.WEEKLY,
    ScheduleKind.LIVE: AnnouncementKind.DAILY,
}
# A live countdown is updated every day from this far before the release (the list is cached, then windowed).
LIVE_HORIZON_DAYS = MAX_MILESTONE_DAYS


@dataclass(frozen=True, slots=True)
class Schedule:
    """Which days get a countdown post. Build with :meth:`milestones`, :meth:`daily`, :meth:`weekly`,
    :meth:`live` or :meth:`parse`; every schedule also posts on release day.

    ``live`` has an occasion every day (up to :data:`LIVE_HORIZON_DAYS` before release): each edits the
    channel's one live message instead of posting (see the dispatcher)."""

    kind: ScheduleKind
    milestone_days: tuple[int, ...] = ()  # MILESTONES: days before release, descending, without 0
    final_days: int | None = None  # DAILY: post every day during the final N days
    weekday: int | None = None  # WEEKLY: 0 = Monday ... 6 = Sunday

    @classmethod
    def milestones(cls, days: Sequence[int] = DEFAULT_MILESTONES) -> Schedule:
        cleaned: set[int] = set()
        for value in days:
            if isinstance(value, bool) or not isinstance(value, int):
                raise AnnouncementInputError(f"{value!r} is not a whole number of days")
            if not 0 <= value <= MAX_MILESTONE_DAYS:
                raise AnnouncementInputError(
                    translatable("milestones must be between 1 and {most} days before release; got {value}"),
                    most=MAX_MILESTONE_DAYS,
                    value=value,
                )
            if value:
                cleaned.add(value)
        return cls(ScheduleKind.MILESTONES, milestone_days=tuple(sorted(cleaned, reverse=True)))

    @classmethod
    def daily(cls, final_days: int) -> Schedule:
        if (
            isinstance(final_days, bool)
            or not isinstance(final_days, int)
            or not 1 <= final_days <= MAX_FINAL_DAYS
        ):
            raise AnnouncementInputError(
                translatable("a daily countdown covers the final 1 to {most} days; got {value}"),
                most=MAX_FINAL_DAYS,
                value=repr(final_days),
            )
        return cls(ScheduleKind.DAILY, final_days=final_days)

    @classmethod
    def weekly(cls, weekday: int | str) -> Schedule:
        return cls(ScheduleKind.WEEKLY, weekday=parse_weekday(weekday))

    @classmethod
    def live(cls) -> Schedule:
        return cls(ScheduleKind.LIVE)

    @property
    def is_live(self) -> bool:
        return self.kind is ScheduleKind.LIVE

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """Read the stored form: ``milestones``, ``milestones:100,30,7``, ``daily:14``, ``weekly:friday``,
        ``live``."""
        name, _, argument = text.strip().lower().partition(":")
        argument = argument.strip()
        if name == ScheduleKind.MILESTONES:
            if not argument:
                return cls.milestones()
            try:
                days = [int(part) for part in argument.replace(" ", "").split(",") if part]
            except ValueError:
                raise AnnouncementInputError(
                    f"{argument!r} is not a list of days; write it like 100,30,7,1"
                ) from None
            return cls.milestones(days)
        if name == ScheduleKind.DAILY:
            if not argument.isdigit():
                raise AnnouncementInputError("a daily countdown needs a number of days, like daily:14")
            return cls.daily(int(argument))
        if name == ScheduleKind.WEEKLY:
            return cls.weekly(argument)
        if name == ScheduleKind.LIVE and not argument:
            return cls.live()
        raise AnnouncementInputError(
            f"{text!r} is not a schedule; choose milestones, daily (final N days), weekly (on a weekday) "
            "or live (one message, edited every day)"
        )

    def key(self) -> str:
        """The canonical text form stored in the database; ``Schedule.parse(s.key()) == s``."""
        if self.kind is ScheduleKind.MILESTONES:
            return "milestones:" + ",".join(str(day) for day in self.milestone_days)
        if self.kind is ScheduleKind.DAILY:
            return f"daily:{self.final_days}"
        if self.kind is ScheduleKind.LIVE:
            return "live"
        assert self.weekday is not None
        return f"weekly:{WEEKDAYS[self.weekday]}"

    def describe(self) -> Phrase:
        """The schedule in words: English as a ``str``, worded in a reader's language by ``Language.phrase``."""
        if self.kind is ScheduleKind.MILESTONES:
            days = ", ".join(str(day) for day in self.milestone_days)
            if not days:
                return Phrase(translatable("release day only"))
            return Phrase(translatable("milestones ({days} days before) and release day"), {"days": days})
        if self.kind is ScheduleKind.DAILY:
            return Phrase(
                translatable("every day during the final {days} days, and release day"),
                {"days": self.final_days},
            )
        if self.kind is ScheduleKind.LIVE:
            return Phrase(
                translatable(
                    "live: one message, edited every day until release day (news of the date and the release "
                    "moment are still posted)"
                )
            )
        assert self.weekday is not None
        return Phrase(_WEEKLY[self.weekday])


# One sentence per weekday: in some languages "every" agrees with the day ("toda segunda-feira", "todo sábado").
_WEEKLY = (
    translatable("every Monday, and release day"),
    translatable("every Tuesday, and release day"),
    translatable("every Wednesday, and release day"),
    translatable("every Thursday, and release day"),
    translatable("every Friday, and release day"),
    translatable("every Saturday, and release day"),
    translatable("every Sunday, and release day"),
)


@dataclass(frozen=True, slots=True)
class Occasion:
    """One due countdown (or reminder) post."""

    kind: AnnouncementKind
    days_left: int
    release_day: date  # the local release day this occasion counts down to
    due_at: datetime  # aware, UTC
    key: str  # stable per target: 'countdown:7:2026-05-01' or 'reminder:0:2026-05-01'


# --------------------------------------------------------------------------------------------- parsing

_TIME_24H = re.compile(r"^(?P<hour>\d{1,2})[:h.](?P<minute>\d{2})$")
_TIME_12H = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>[ap])\.?\s*m\.?$")
_BAD_MINUTES = translatable(
    "{time} is not a time of day: minutes go from 00 to 59. Write it like 09:00, 21:30, 9am or 9:30 pm."
)


def parse_local_time(text: str) -> time:
    """Read a local time of day: ``HH:MM`` (24 h), ``9am``, ``9:30 pm``, ``noon``, ``midnight``.

    Raises :class:`AnnouncementInputError` with a friendly message for anything else (``25:00``, ``9am-ish``).
    """
    raw = text if isinstance(text, str) else str(text)
    cleaned = raw.strip().lower()
    if cleaned == "noon":
        return time(12, 0)
    if cleaned == "midnight":
        return time(0, 0)
    match = _TIME_24H.match(cleaned)
    if match:
        hour, minute = int(match["hour"]), int(match["minute"])
        if hour > 23:
            raise AnnouncementInputError(
                translatable(
                    "{time} is not a time of day: hours go from 00 to 23. Write it like 09:00, 21:30, 9am or "
                    "9:30 pm."
                ),
                time=repr(raw),
            )
        if minute > 59:
            raise AnnouncementInputError(_BAD_MINUTES, time=repr(raw))
        return time(hour, minute)
    match = _TIME_12H.match(cleaned)
    if match:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if not 1 <= hour <= 12:
            raise AnnouncementInputError(
                translatable(
                    "{time} is not a time of day: with am/pm the hour goes from 1 to 12. Write it like 09:00, "
                    "21:30, 9am or 9:30 pm."
                ),
                time=repr(raw),
            )
        if minute > 59:
            raise AnnouncementInputError(_BAD_MINUTES, time=repr(raw))
        hour = hour % 12 + (12 if match["half"] == "p" else 0)
        return time(hour, minute)
    raise AnnouncementInputError(
        translatable("I can't read {time} as a time of day. Write it like 09:00, 21:30, 9am or 9:30 pm."),
        time=repr(raw),
    )


def format_local_time(value: time) -> str:
    """``HH:MM``, the form stored in the database."""
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_weekday(value: int | str) -> int:
    """0 = Monday ... 6 = Sunday; accepts ``4``, ``"friday"``, ``"Fri"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value <= 6:
            return value
        raise AnnouncementInputError(f"{value} is not a weekday number (0 = Monday ... 6 = Sunday)")
    text = str(value).strip().lower()
    if text.isdigit() and int(text) <= 6:
        return int(text)
    if len(text) >= 3:
        for index, name in enumerate(WEEKDAYS):
            if name.startswith(text):
                return index
    raise AnnouncementInputError(
        translatable("{value} is not a day of the week; write monday, tuesday, ... sunday"), value=repr(value)
    )


@lru_cache(maxsize=1)
def _zones() -> tuple[tuple[str, ...], dict[str, str]]:
    names = tuple(sorted(available_timezones()))
    return names, {name.lower(): name for name in names}


def parse_timezone(text: str) -> str:
    """Validate an IANA time zone name and return its canonical spelling (``europe/london`` -> ``Europe/London``)."""
    raw = text if isinstance(text, str) else str(text)
    cleaned = raw.strip().replace(" ", "_")
    _, by_lower = _zones()
    canonical = by_lower.get(cleaned.lower())
    if canonical is not None:
        try:
            ZoneInfo(canonical)
        except (ZoneInfoNotFoundError, ValueError):
            canonical = None
    if canonical is not None:
        return canonical
    if re.match(r"^(utc|gmt)?\s*[+-]\d", raw.strip().lower()):
        raise AnnouncementInputError(
            translatable(
                "{zone} is a fixed offset, which would be wrong half the year where clocks change. Use an IANA "
                "time zone name such as Europe/London, America/New_York or Asia/Tokyo."
            ),
            zone=repr(raw),
        )
    close = difflib.get_close_matches(cleaned.lower(), list(by_lower), n=1, cutoff=0.75)
    if close:
        raise AnnouncementInputError(
            translatable(
                "{zone} is not a time zone I know. Did you mean {suggestion}? Use an IANA time zone name such "
                "as Europe/London, America/New_York or Asia/Tokyo."
            ),
            zone=repr(raw),
            suggestion=by_lower[close[0]],
        )
    raise AnnouncementInputError(
        translatable(
            "{zone} is not a time zone I know. Use an IANA time zone name such as Europe/London, "
            "America/New_York or Asia/Tokyo."
        ),
        zone=repr(raw),
    )


_COMMON_ZONES = (
    "Etc/UTC",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Asia/Kolkata",
    "Asia/Manila",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Australia/Sydney",
    "Pacific/Auckland",
)


def timezone_suggestions(prefix: str, limit: int = 25) -> list[str]:
    """Autocomplete for a time zone option: names starting with ``prefix`` first, then names whose city part
    starts with it (``lond`` -> Europe/London), then names containing it. An empty prefix lists common zones."""
    limit = max(0, min(limit, 25))
    wanted = prefix.strip().lower().replace(" ", "_")
    names, _ = _zones()
    if not wanted:
        return [zone for zone in _COMMON_ZONES if zone in names][:limit]
    starts: list[str] = []
    segments: list[str] = []
    contains: list[str] = []
    for name in names:
        lowered = name.lower()
        if lowered.startswith(wanted):
            starts.append(name)
        elif any(part.startswith(wanted) for part in lowered.split("/")[1:]):
            segments.append(name)
        elif wanted in lowered:
            contains.append(name)
    return (starts + segments + contains)[:limit]


# --------------------------------------------------------------------------------------------- arithmetic


def resolve_local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant at which the wall clock in ``zone`` shows ``at`` on ``day``.

    A wall time that occurs twice (fall back) resolves to its first occurrence; one that does not exist
    (spring forward) resolves to the first valid instant after it, which is the transition itself.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        return first
    # In a gap: fold=0 uses the offset from before the transition, fold=1 the one after; the transition lies
    # between the two readings. Find it to the second (transitions fall on whole seconds).
    second = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    low, high = min(first, second), max(first, second)
    before = low.astimezone(zone).utcoffset()
    lo, hi = 0, int((high - low).total_seconds())
    while lo < hi:  # smallest offset (seconds after low) at which the zone's UTC offset has changed
        middle = (lo + hi) // 2
        if (low + timedelta(seconds=middle)).astimezone(zone).utcoffset() != before:
            hi = middle
        else:
            lo = middle + 1
    return low + timedelta(seconds=lo)


def local_release_day(release: ReleaseDate, zone: ZoneInfo) -> date | None:
    """The release day as seen in ``zone``, or None when the day is not known."""
    if not release.is_dated:
        return None
    if release.precision is Precision.INSTANT and release.instant is not None:
        return release.instant.astimezone(zone).date()
    return release.release_day


def _countdown_days(schedule: Schedule, release_day: date) -> list[int]:
    if schedule.kind is ScheduleKind.MILESTONES:
        return [*schedule.milestone_days, 0]
    if schedule.kind is ScheduleKind.DAILY:
        assert schedule.final_days is not None
        return list(range(schedule.final_days, -1, -1))
    if schedule.kind is ScheduleKind.LIVE:
        return list(range(LIVE_HORIZON_DAYS, -1, -1))
    assert schedule.weekday is not None
    # Days before release that fall on the weekday, within the horizon, then release day.
    offset = (release_day.weekday() - schedule.weekday) % 7 or 7
    return [*range(offset + 7 * ((WEEKLY_HORIZON_DAYS - offset) // 7), 0, -7), 0]


@lru_cache(maxsize=8192)
def countdown_occasions(
    schedule: Schedule, release: ReleaseDate, local_time: time, timezone: str
) -> tuple[Occasion, ...]:
    """Every countdown occasion of ``schedule`` for ``release``, sorted by ``due_at`` (strictly increasing).

    Empty when the release day is not known. Cached: subscriptions sharing a configuration share the work.

    A release known only to the day gets its release-day post at the schedule's time. One pinned to an instant
    gets an "Out now" post at that instant; its release-day post goes at the schedule's time only if that comes
    before the instant (a post after it saying the film "arrives today" would be wrong, and "Out now" says it).
    """
    zone = ZoneInfo(timezone)
    release_day = local_release_day(release, zone)
    if release_day is None:
        return ()
    kind = _KIND_FOR_SCHEDULE[schedule.kind]
    instant = release.instant if release.precision is Precision.INSTANT else None
    occasions = []
    for days_left in _countdown_days(schedule, release_day):
        day = release_day - timedelta(days=days_left)
        due_at = resolve_local_instant(day, local_time, zone)
        if instant is not None and due_at >= instant:
            continue
        occasion_kind = kind
        if schedule.is_live and days_left in DEFAULT_MILESTONES:
            occasion_kind = AnnouncementKind.MILESTONE  # the same edit; status calls it a milestone
        occasions.append(
            Occasion(
                kind=occasion_kind if days_left else AnnouncementKind.RELEASE_DAY,
                days_left=days_left,
                release_day=release_day,
                due_at=due_at,
                key=f"countdown:{days_left}:{release_day.isoformat()}",
            )
        )
    # A local day the zone skipped whole (Samoa jumped over 30 December 2011) resolves to the next day's
    # first instant, on or after the next occasion: that count never existed, so it is not posted.
    kept: list[Occasion] = []
    for occasion in reversed(occasions):
        if not kept or occasion.due_at < kept[-1].due_at:
            kept.append(occasion)
    kept.reverse()
    if instant is not None:
        kept.append(
            Occasion(
                kind=AnnouncementKind.OUT_NOW,
                days_left=0,
                release_day=release_day,
                due_at=instant.astimezone(UTC),
                # The instant itself in the key: if the data moves the hour, the new instant gets its post.
                key=f"out-now:{instant.astimezone(UTC):%Y-%m-%dT%H:%MZ}",
            )
        )
    return tuple(kept)


@lru_cache(maxsize=8192)
def stored_countdown_occasions(
    schedule: str, local_time: str, timezone: str, release: ReleaseDate
) -> tuple[Occasion, ...]:
    """:func:`countdown_occasions` of a subscription's stored settings (``Schedule.key()``, ``HH:MM``, zone).

    Cached on the text forms, so that planning thousands of subscriptions parses each configuration once.
    """
    return countdown_occasions(Schedule.parse(schedule), release, parse_local_time(local_time), timezone)


_REMINDER_KEY_PREFIX = "reminder:"


def reminder_lead_hours(occasion_key: str) -> int | None:
    """The hours before the release a reminder occasion is ("reminder:1h:2026-05-01T19:00Z" -> 1); None
    otherwise."""
    if not occasion_key.startswith(_REMINDER_KEY_PREFIX):
        return None
    lead = occasion_key[len(_REMINDER_KEY_PREFIX) :].split(":", 1)[0]
    return int(lead[:-1]) if lead.endswith("h") and lead[:-1].isdigit() else None


@lru_cache(maxsize=4096)
def reminder_occasions(
    release: ReleaseDate,
    milestone_days: int | None,
    timezone: str = "Etc/UTC",
    lead_hours: int | None = None,
) -> tuple[Occasion, ...]:
    """A fan's personal reminder: release day (and ``milestone_days`` before it, if given), sorted.

    For a release known to the instant, the release-day reminder is due at that instant (and the milestone
    reminder exactly ``milestone_days`` days earlier); for one known to the day, at 09:00 in ``timezone``.
    ``lead_hours`` adds one ``lead_hours`` before the instant; a release known only to the day has no hour to
    count back from, so it adds nothing then (the service refuses to set it).
    """
    zone = ZoneInfo(timezone)
    release_day = local_release_day(release, zone)
    if release_day is None:
        return ()
    days = [0] if not milestone_days else [milestone_days, 0]
    occasions = []
    for days_left in days:
        if release.precision is Precision.INSTANT and release.instant is not None:
            due = release.instant.astimezone(UTC) - timedelta(days=days_left)
        else:
            due = resolve_local_instant(release_day - timedelta(days=days_left), DEFAULT_REMINDER_TIME, zone)
        occasions.append(
            Occasion(
                kind=AnnouncementKind.REMINDER,
                days_left=days_left,
                release_day=release_day,
                due_at=due,
                key=f"reminder:{days_left}:{release_day.isoformat()}",
            )
        )
    if lead_hours and release.precision is Precision.INSTANT and release.instant is not None:
        occasions.append(
            Occasion(
                kind=AnnouncementKind.REMINDER,
                days_left=0,
                release_day=release_day,
                due_at=release.instant.astimezone(UTC) - timedelta(hours=lead_hours),
                # The instant in the key, as for "Out now": an hour moved after the DM gets a DM of its own.
                key=f"{_REMINDER_KEY_PREFIX}{lead_hours}h:{release.instant.astimezone(UTC):%Y-%m-%dT%H:%MZ}",
            )
        )
    occasions.sort(key=lambda occasion: occasion.due_at)
    return tuple(occasions)


def occasions_between(
    occasions: Sequence[Occasion], after: datetime | None, until: datetime
) -> Sequence[Occasion]:
    """The occasions with ``after < due_at <= until`` (``after`` None: no lower bound). ``occasions`` sorted."""
    start = 0 if after is None else bisect_right(occasions, after, key=_due)
    end = bisect_right(occasions, until, key=_due)
    return occasions[start:end]


def next_occasions(occasions: Sequence[Occasion], after: datetime, count: int) -> Sequence[Occasion]:
    """The first ``count`` occasions due strictly after ``after``."""
    start = bisect_right(occasions, after, key=_due)
    return occasions[start : start + count]


def _due(occasion: Occasion) -> datetime:
    return occasion.due_at
