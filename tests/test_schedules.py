"""Countdown schedules: occasions across time zones and DST, and parsing of admin input."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.domain.release import Precision, ReleaseDate
from bot.services.schedules import (
    DEFAULT_MILESTONES,
    AnnouncementInputError,
    AnnouncementKind,
    Schedule,
    ScheduleKind,
    countdown_occasions,
    next_occasions,
    occasions_between,
    parse_local_time,
    parse_timezone,
    parse_weekday,
    reminder_occasions,
    resolve_local_instant,
    timezone_suggestions,
)

ALL_ZONES = sorted(available_timezones())
# Zones with unusual rules: 30-minute DST, skipped calendar days, southern-hemisphere DST, odd offsets.
TRICKY_ZONES = [
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "America/Santiago",
    "America/St_Johns",
    "Pacific/Apia",
    "Pacific/Chatham",
    "Asia/Kathmandu",
    "Asia/Tehran",
    "Africa/Casablanca",
    "Etc/UTC",
]

zones = st.one_of(st.sampled_from(TRICKY_ZONES), st.sampled_from(ALL_ZONES))
# Times near typical DST transitions (00:00-03:59) are over-represented.
local_times = st.one_of(
    st.builds(time, st.integers(0, 3), st.sampled_from([0, 15, 30, 45, 59])),
    st.builds(time, st.integers(0, 23), st.integers(0, 59)),
)
schedules = st.one_of(
    st.just(Schedule.milestones()),
    st.lists(st.integers(1, 400), max_size=8).map(Schedule.milestones),
    st.integers(1, 60).map(Schedule.daily),
    st.integers(0, 6).map(Schedule.weekly),
)


@st.composite
def dated_releases(draw: st.DrawFn) -> ReleaseDate:
    day = draw(st.dates(min_value=date(2005, 1, 1), max_value=date(2040, 12, 31)))
    if draw(st.booleans()):
        return ReleaseDate(Precision.DAY, day.year, day.month, day.day)
    zone = draw(st.sampled_from(TRICKY_ZONES))
    at = draw(local_times)
    text = f"{day.isoformat()}T{at.hour:02d}:{at.minute:02d}"
    return ReleaseDate.parse(text, zone)


def wall(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None, fold=0)


def day_exists(day: date, zone: ZoneInfo) -> bool:
    """Whether some instant has ``day`` as its local date in ``zone`` (Samoa skipped 30 December 2011)."""
    start = datetime.combine(day, time(0, 0), tzinfo=UTC) - timedelta(hours=15)
    return any(
        (start + timedelta(minutes=30 * step)).astimezone(zone).date() == day for step in range(0, 4 * 24 + 1)
    )


def expected_local_day(release: ReleaseDate, zone: ZoneInfo) -> date:
    if release.instant is not None:
        return release.instant.astimezone(zone).date()
    assert release.release_day is not None
    return release.release_day


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedule=schedules, release=dated_releases(), at=local_times, zone_name=zones)
@example(
    schedule=Schedule.daily(2),
    release=ReleaseDate(Precision.DAY, 2012, 1, 1),
    at=time(0, 0),
    zone_name="Pacific/Apia",
)
def test_countdown_occasions_properties(
    schedule: Schedule, release: ReleaseDate, at: time, zone_name: str
) -> None:
    zone = ZoneInfo(zone_name)
    occasions = countdown_occasions(schedule, release, at, zone_name)
    release_day = expected_local_day(release, zone)

    # Each occasion exactly once, instants strictly increasing, ending with the release-day post or, for a
    # release pinned to an instant, with "Out now" at that instant.
    assert occasions, "a dated release always has at least the release-day post"
    keys = [occasion.key for occasion in occasions]
    assert len(keys) == len(set(keys))
    assert all(a.due_at < b.due_at for a, b in itertools.pairwise(occasions))
    if release.instant is not None:
        out_now = occasions[-1]
        assert out_now.kind is AnnouncementKind.OUT_NOW and out_now.days_left == 0
        assert out_now.due_at == release.instant and out_now.release_day == release_day
        assert out_now.key == f"out-now:{release.instant:%Y-%m-%dT%H:%MZ}"
        countdown = occasions[:-1]
        # The release-day post only when its time comes before the instant; every other day is before it.
        release_day_due = resolve_local_instant(release_day, at, zone)
        has_release_day_post = release_day_due < release.instant
    else:
        countdown = occasions
        has_release_day_post = True
    assert all(o.kind is not AnnouncementKind.OUT_NOW for o in countdown)
    if has_release_day_post:
        assert countdown[-1].days_left == 0 and countdown[-1].kind is AnnouncementKind.RELEASE_DAY
    else:
        assert all(o.days_left > 0 for o in countdown)
    tail = [0] if has_release_day_post else []
    assert [o.days_left for o in countdown] == sorted((o.days_left for o in countdown), reverse=True)

    for occasion in countdown:
        # Nothing after release: no negative days, all counted to the local release day.
        assert occasion.days_left >= 0
        assert occasion.release_day == release_day
        assert occasion.key == f"countdown:{occasion.days_left}:{release_day.isoformat()}"
        assert occasion.due_at.tzinfo is not None and occasion.due_at.utcoffset() == timedelta(0)
        target = datetime.combine(release_day - timedelta(days=occasion.days_left), at)
        actual = wall(occasion.due_at, zone)
        if occasion.due_at.astimezone(zone).replace(tzinfo=None) == target:
            # The wall time exists: it is kept exactly, at its first occurrence (fold=0).
            first = target.replace(tzinfo=zone, fold=0).astimezone(UTC)
            second = target.replace(tzinfo=zone, fold=1).astimezone(UTC)
            assert occasion.due_at == min(first, second)
        else:
            # DST gap: the first valid instant after the missing wall time.
            assert wall(occasion.due_at - timedelta(seconds=1), zone) < target < actual

    def existing(days: list[int]) -> list[int]:
        """Counts whose local day the zone did not skip whole (they are left out, not posted twice)."""
        return [d for d in days if day_exists(release_day - timedelta(days=d), zone) or d == 0]

    before_the_day = [o for o in countdown if o.days_left > 0]
    if schedule.kind is ScheduleKind.MILESTONES:
        assert [o.days_left for o in countdown] == existing([*schedule.milestone_days, *tail])
        assert all(o.kind is AnnouncementKind.MILESTONE for o in before_the_day)
    elif schedule.kind is ScheduleKind.DAILY:
        assert [o.days_left for o in countdown] == existing([*range(schedule.final_days or 0, 0, -1), *tail])
    else:
        for occasion in before_the_day:
            local_day = release_day - timedelta(days=occasion.days_left)
            assert local_day.weekday() == schedule.weekday
            assert occasion.kind is AnnouncementKind.WEEKLY
        gaps = {a.days_left - b.days_left for a, b in itertools.pairwise(before_the_day)}
        assert gaps <= {7}


@settings(max_examples=100, deadline=None)
@given(
    schedule=schedules,
    at=local_times,
    zone_name=zones,
    year=st.integers(2020, 2035),
    month=st.integers(1, 12),
)
def test_nothing_is_counted_down_to_an_unknown_day(
    schedule: Schedule, at: time, zone_name: str, year: int, month: int
) -> None:
    assert countdown_occasions(schedule, ReleaseDate(Precision.YEAR, year), at, zone_name) == ()
    assert countdown_occasions(schedule, ReleaseDate(Precision.MONTH, year, month), at, zone_name) == ()
    assert reminder_occasions(ReleaseDate(Precision.MONTH, year, month), 7) == ()


@settings(max_examples=100, deadline=None)
@given(release=dated_releases(), at=local_times, zone_name=zones, data=st.data())
def test_windows_partition_the_occasions(
    release: ReleaseDate, at: time, zone_name: str, data: st.DataObject
) -> None:
    """Consecutive windows (a, b], (b, c] select every occasion exactly once: rounds never double up."""
    occasions = countdown_occasions(Schedule.daily(20), release, at, zone_name)
    start = occasions[0].due_at - timedelta(days=2)
    cuts = sorted(data.draw(st.lists(st.integers(0, 30 * 24 * 60), min_size=1, max_size=12)))
    bounds = [start] + [start + timedelta(minutes=minutes) for minutes in cuts] + [occasions[-1].due_at]
    bounds.sort()
    seen = []
    for low, high in itertools.pairwise(bounds):
        seen.extend(occasion.key for occasion in occasions_between(occasions, low, high))
    assert seen == [occasion.key for occasion in occasions]


def test_spring_forward_gap_posts_once_at_the_first_valid_instant() -> None:
    # New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist.
    release = ReleaseDate(Precision.DAY, 2026, 3, 10)
    occasions = countdown_occasions(Schedule.daily(3), release, time(2, 30), "America/New_York")
    on_gap_day = [o for o in occasions if o.days_left == 2]
    assert len(on_gap_day) == 1
    assert on_gap_day[0].due_at == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT
    local = on_gap_day[0].due_at.astimezone(ZoneInfo("America/New_York"))
    assert (local.hour, local.minute) == (3, 0)
    # The other days keep 02:30 local.
    for occasion in occasions:
        if occasion.days_left != 2:
            local = occasion.due_at.astimezone(ZoneInfo("America/New_York"))
            assert (local.hour, local.minute) == (2, 30)


def test_fall_back_repeated_hour_posts_once_at_the_first_occurrence() -> None:
    # New York, 1 November 2026: 01:30 happens twice (EDT, then EST); the first is 05:30 UTC.
    release = ReleaseDate(Precision.DAY, 2026, 11, 2)
    occasions = countdown_occasions(Schedule.daily(2), release, time(1, 30), "America/New_York")
    on_fold_day = [o for o in occasions if o.days_left == 1]
    assert [o.due_at for o in on_fold_day] == [datetime(2026, 11, 1, 5, 30, tzinfo=UTC)]


def test_half_hour_dst_and_skipped_day() -> None:
    # Lord Howe Island moves its clocks by 30 minutes: 02:00 -> 02:30 on 4 October 2026.
    assert resolve_local_instant(date(2026, 10, 4), time(2, 15), ZoneInfo("Australia/Lord_Howe")) == datetime(
        2026, 10, 3, 15, 30, tzinfo=UTC
    )
    # Samoa skipped 30 December 2011 entirely: a post "at 09:00" that day goes out at the first instant after.
    moment = resolve_local_instant(date(2011, 12, 30), time(9, 0), ZoneInfo("Pacific/Apia"))
    assert moment.astimezone(ZoneInfo("Pacific/Apia")).replace(tzinfo=None) == datetime(2011, 12, 31, 0, 0)


def test_days_are_counted_in_the_subscribers_zone_for_an_exact_release_instant() -> None:
    # 1 May 2026 20:00 in Los Angeles is already 2 May in Tokyo.
    release = ReleaseDate.parse("2026-05-01T20:00", "America/Los_Angeles")
    la = countdown_occasions(Schedule.milestones(), release, time(9), "America/Los_Angeles")
    tokyo = countdown_occasions(Schedule.milestones(), release, time(9), "Asia/Tokyo")
    assert la[-1].release_day == date(2026, 5, 1)
    assert tokyo[-1].release_day == date(2026, 5, 2)
    assert tokyo[-2].due_at == datetime(2026, 5, 2, 0, 0, tzinfo=UTC)  # 09:00 JST, before the release
    assert tokyo[-1].kind is AnnouncementKind.OUT_NOW and tokyo[-1].due_at == release.instant
    assert [o.days_left for o in la] == [*DEFAULT_MILESTONES, 0, 0]  # release day at 09:00, then out now
    assert [o.kind for o in la[-2:]] == [AnnouncementKind.RELEASE_DAY, AnnouncementKind.OUT_NOW]


def test_pinning_a_known_day_to_an_hour_keeps_the_occasion_keys() -> None:
    day = ReleaseDate(Precision.DAY, 2026, 5, 1)
    pinned = ReleaseDate.parse("2026-05-01T20:00", "Europe/London")
    a = countdown_occasions(Schedule.milestones(), day, time(18), "Europe/London")
    b = countdown_occasions(Schedule.milestones(), pinned, time(18), "Europe/London")
    # The posts already counted down keep their keys (none is posted twice); "Out now" comes on top.
    assert [o.key for o in a] == [o.key for o in b[:-1]]
    assert [o.due_at for o in a] == [o.due_at for o in b[:-1]]
    assert b[-1].key == "out-now:2026-05-01T19:00Z"


def test_a_release_day_post_due_after_the_instant_gives_way_to_out_now() -> None:
    # Out at 08:00 London; the countdown posts at 18:00: the release-day post would say "arrives today"
    # ten hours after the film came out, so only "Out now" goes on the day.
    pinned = ReleaseDate.parse("2026-05-01T08:00", "Europe/London")
    occasions = countdown_occasions(Schedule.milestones(), pinned, time(18), "Europe/London")
    assert [o.days_left for o in occasions] == [*DEFAULT_MILESTONES, 0]
    assert occasions[-1].kind is AnnouncementKind.OUT_NOW
    assert occasions[-1].due_at == datetime(2026, 5, 1, 7, 0, tzinfo=UTC)


def test_reminders_follow_the_exact_instant_or_nine_local() -> None:
    pinned = ReleaseDate.parse("2026-05-01T08:00", "Europe/London")
    occasions = reminder_occasions(pinned, 7)
    assert [(o.days_left, o.due_at) for o in occasions] == [
        (7, datetime(2026, 4, 24, 7, 0, tzinfo=UTC)),
        (0, datetime(2026, 5, 1, 7, 0, tzinfo=UTC)),
    ]
    day = ReleaseDate(Precision.DAY, 2026, 5, 1)
    (only,) = reminder_occasions(day, None, "America/Chicago")
    assert only.due_at == datetime(2026, 5, 1, 14, 0, tzinfo=UTC)  # 09:00 CDT
    assert only.kind is AnnouncementKind.REMINDER


def test_next_occasions() -> None:
    release = ReleaseDate(Precision.DAY, 2026, 5, 1)
    occasions = countdown_occasions(Schedule.milestones(), release, time(9), "Etc/UTC")
    upcoming = next_occasions(occasions, datetime(2026, 4, 20, tzinfo=UTC), 3)
    assert [o.days_left for o in upcoming] == [7, 3, 2]
    # An occasion due exactly at "now" is not upcoming any more.
    assert next_occasions(occasions, occasions[-1].due_at, 3) == ()


# ------------------------------------------------------------------------------------------ parsing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9, 0)),
        ("9:05", time(9, 5)),
        ("21:30", time(21, 30)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("9am", time(9, 0)),
        ("9 AM", time(9, 0)),
        ("9:30 pm", time(21, 30)),
        ("9:30pm", time(21, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("12:15 a.m.", time(0, 15)),
        (" noon ", time(12, 0)),
        ("midnight", time(0, 0)),
    ],
)
def test_parse_local_time_accepts(text: str, expected: time) -> None:
    assert parse_local_time(text) == expected


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("25:00", "hours go from 00 to 23"),
        ("12:60", "minutes go from 00 to 59"),
        ("9am-ish", "can't read"),
        ("13pm", "1 to 12"),
        ("0am", "1 to 12"),
        ("9", "can't read"),
        ("", "can't read"),
        ("nine", "can't read"),
        ("09:00:00", "can't read"),
    ],
)
def test_parse_local_time_refuses_with_a_clear_message(text: str, needle: str) -> None:
    with pytest.raises(AnnouncementInputError) as caught:
        parse_local_time(text)
    assert needle in str(caught.value)
    assert "09:00" in str(caught.value)  # every refusal shows how to write it


def test_parse_timezone() -> None:
    assert parse_timezone("Europe/London") == "Europe/London"
    assert parse_timezone(" europe/london ") == "Europe/London"
    assert parse_timezone("America/New York") == "America/New_York"
    assert parse_timezone("UTC") == "UTC"
    with pytest.raises(AnnouncementInputError, match="Did you mean Europe/London"):
        parse_timezone("Europe/Londn")
    with pytest.raises(AnnouncementInputError, match="fixed offset"):
        parse_timezone("+02:00")
    with pytest.raises(AnnouncementInputError, match="fixed offset"):
        parse_timezone("GMT+2")
    with pytest.raises(AnnouncementInputError, match="not a time zone I know"):
        parse_timezone("Mars/Olympus_Mons")
    with pytest.raises(AnnouncementInputError):
        parse_timezone("")


def test_timezone_suggestions() -> None:
    assert timezone_suggestions("America/New")[0] == "America/New_York"
    assert "Europe/London" in timezone_suggestions("lond")
    assert "Asia/Tokyo" in timezone_suggestions("tok")
    assert len(timezone_suggestions("a")) == 25
    assert len(timezone_suggestions("america", limit=5)) == 5
    assert timezone_suggestions("")[0] == "Etc/UTC"
    assert timezone_suggestions("zzzz-nothing") == []
    for name in timezone_suggestions("eu"):
        ZoneInfo(name)


def test_schedule_parsing_and_round_trip() -> None:
    for schedule in (
        Schedule.milestones(),
        Schedule.milestones([30, 7, 7, 0, 1]),
        Schedule.daily(14),
        Schedule.weekly("Fri"),
        Schedule.weekly(0),
    ):
        assert Schedule.parse(schedule.key()) == schedule
    assert Schedule.parse("milestones") == Schedule.milestones(DEFAULT_MILESTONES)
    assert Schedule.milestones([30, 7, 7, 0, 1]).milestone_days == (30, 7, 1)
    assert Schedule.parse("weekly:friday").weekday == 4
    assert Schedule.parse("daily:14").describe() == "every day during the final 14 days, and release day"
    assert parse_weekday("sun") == 6
    for bad in (
        "hourly",
        "daily",
        "daily:0",
        "daily:999",
        "weekly:someday",
        "milestones:a,b",
        "milestones:-3",
    ):
        with pytest.raises(AnnouncementInputError):
            Schedule.parse(bad)


def test_occasions_are_cached_per_configuration() -> None:
    release = ReleaseDate(Precision.DAY, 2027, 2, 14)
    first = countdown_occasions(Schedule.weekly("monday"), release, time(18), "Europe/Paris")
    second = countdown_occasions(Schedule.weekly("monday"), release, time(18), "Europe/Paris")
    assert first is second
