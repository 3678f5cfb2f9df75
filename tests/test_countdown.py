"""The release phase at fixed clocks: a year or month that passed without a date is overdue, never "out"."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import rendering
from bot.domain.knowledge import ReleaseInfo, SourceRef
from bot.domain.release import ReleaseDate
from bot.services.countdown import (
    CurrentStatus,
    OverdueReleaseWatch,
    Phase,
    countdown_status,
    data_warnings,
    release_statement,
    status_changes_at,
)

SOURCE = SourceRef(title="Heartstopper Forever (Wikipedia article)", as_of="2025-07-28", url=None)
LAST_MINUTE_OF_2026 = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)
NEW_YEAR_2027 = datetime(2027, 1, 1, 0, 0, tzinfo=UTC)


def release_info(text: str, zone: str | None = None) -> ReleaseInfo:
    return ReleaseInfo(
        "Heartstopper Forever",
        "Netflix",
        "https://www.netflix.com/",
        ReleaseDate.parse(text, zone),
        "expected",
        SOURCE,
    )


def replies(release: ReleaseInfo, now: datetime) -> list[str]:
    """The text of /countdown's embed and /about's release field at ``now``."""
    status = countdown_status(release.date, now)
    countdown = rendering.countdown_embed(status, release)
    return [f"{countdown.title}\n{countdown.description}", rendering.release_wording(status, release)]


def ask_release(release: ReleaseInfo, now: datetime) -> str:
    """The release fact as /ask words it at ``now``."""
    return release_statement(release.film_title, release.platform, countdown_status(release.date, now))


def test_year_is_undated_until_its_last_minute_then_overdue_not_out() -> None:
    release = release_info("2026")
    assert countdown_status(release.date, LAST_MINUTE_OF_2026).phase is Phase.UNDATED
    status = countdown_status(release.date, NEW_YEAR_2027)
    assert status.phase is Phase.OVERDUE and status.days_left is None and status.instant is None
    for text in replies(release, NEW_YEAR_2027):
        assert "expected in 2026; no date has been announced" in text.lower(), text
        assert "Out now" not in text and "Released" not in text
    asked = ask_release(release, NEW_YEAR_2027)
    assert asked == (
        "Heartstopper Forever is coming to Netflix, expected in 2026; no date has been announced."
    )
    # Long after, still honest: the calendar alone never makes it "out".
    long_after = datetime(2030, 6, 1, tzinfo=UTC)
    assert countdown_status(release.date, long_after).phase is Phase.OVERDUE
    assert not release.date.is_out(long_after)
    assert ask_release(release, long_after) == asked


def test_month_is_undated_until_its_last_minute_then_overdue() -> None:
    release = release_info("2026-05")
    assert countdown_status(release.date, datetime(2026, 5, 31, 23, 59, tzinfo=UTC)).phase is Phase.UNDATED
    assert countdown_status(release.date, datetime(2026, 6, 1, tzinfo=UTC)).phase is Phase.OVERDUE
    december = release_info("2026-12")
    assert countdown_status(december.date, LAST_MINUTE_OF_2026).phase is Phase.UNDATED
    assert countdown_status(december.date, NEW_YEAR_2027).phase is Phase.OVERDUE
    for text in replies(december, NEW_YEAR_2027):
        assert "expected in december 2026; no date has been announced" in text.lower(), text


@pytest.mark.parametrize(
    "now", [datetime(2026, 5, 1, 16, 0, tzinfo=UTC), datetime(2026, 5, 1, 16, 1, tzinfo=UTC)]
)
def test_past_an_exact_instant_every_reply_is_past_tense(now: datetime) -> None:
    release = release_info("2026-05-01T09:00", "America/Los_Angeles")  # 16:00 UTC
    status = countdown_status(release.date, now)
    assert status.phase is Phase.OUT
    for text in replies(release, now):
        assert "Released" in text and "It's release day" not in text and ":R>" not in text, text
    assert ask_release(release, now) == "Heartstopper Forever came out on Netflix on 1 May 2026."


def test_ask_words_the_release_in_the_tense_of_the_day() -> None:
    release = release_info("2026-05-01")
    assert ask_release(release, datetime(2026, 4, 1, tzinfo=UTC)) == (
        "Heartstopper Forever is due to be released on Netflix on 1 May 2026."
    )
    assert ask_release(release, datetime(2026, 5, 1, 10, tzinfo=UTC)) == (
        "Heartstopper Forever comes out on Netflix today, 1 May 2026."
    )
    assert ask_release(release, datetime(2026, 5, 2, 12, tzinfo=UTC)) == (
        "Heartstopper Forever came out on Netflix on 1 May 2026."
    )
    undated = release_info("2026-05")
    assert ask_release(undated, datetime(2026, 4, 1, tzinfo=UTC)) == (
        "Heartstopper Forever is due to be released on Netflix in May 2026; the day itself has not been "
        "announced yet."
    )


def test_just_before_the_instant_it_is_release_day() -> None:
    release = release_info("2026-05-01T09:00", "America/Los_Angeles")
    status = countdown_status(release.date, datetime(2026, 5, 1, 15, 59, tzinfo=UTC))
    assert status.phase is Phase.RELEASE_DAY


def test_owners_are_warned_once_per_data_version(caplog: pytest.LogCaptureFixture) -> None:
    release = ReleaseDate.parse("2026")
    assert data_warnings(release, LAST_MINUTE_OF_2026) == []
    [warning] = data_warnings(release, NEW_YEAR_2027)
    assert "expected in 2026" in warning and "update the [release] date" in warning
    watch = OverdueReleaseWatch()
    with caplog.at_level(logging.WARNING, logger="bot.services.countdown"):
        watch.notice(countdown_status(release, LAST_MINUTE_OF_2026), data_version=1)
        for _ in range(3):
            watch.notice(countdown_status(release, NEW_YEAR_2027), data_version=1)
        watch.notice(countdown_status(release, NEW_YEAR_2027), data_version=2)
    assert [record.levelname for record in caplog.records] == ["WARNING", "WARNING"]
    assert caplog.records[0].getMessage() == warning


# --- when the status can change, and the memo that relies on it ------------------------------------------------
# Zones with a clock change at midnight (Santiago, Havana, Beirut...) as well as ordinary ones and UTC.
ZONES = ["Europe/London", "America/Santiago", "America/Havana", "Asia/Beirut", "Pacific/Apia", "Asia/Kolkata"]
RELEASES = st.one_of(
    st.integers(2025, 2027).map(str),
    st.tuples(st.integers(2025, 2027), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
    st.tuples(st.integers(2025, 2027), st.integers(1, 12), st.integers(1, 28)).map(
        lambda ymd: (f"{ymd[0]}-{ymd[1]:02d}-{ymd[2]:02d}", None)
    ),
    st.tuples(
        st.integers(2025, 2027),
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(0, 23),
        st.sampled_from(ZONES),
    ).map(lambda v: (f"{v[0]}-{v[1]:02d}-{v[2]:02d}T{v[3]:02d}:00", v[4])),
)
NOWS = st.datetimes(datetime(2025, 1, 1), datetime(2028, 1, 1), timezones=st.just(UTC))


def parsed(release: str | tuple[str, str | None]) -> ReleaseDate:
    return ReleaseDate.parse(release) if isinstance(release, str) else ReleaseDate.parse(*release)


@settings(max_examples=400, deadline=None)
@given(release=RELEASES, now=NOWS, fraction=st.floats(0, 1))
def test_the_status_holds_until_the_instant_it_may_change_and_not_past_it(
    release: str | tuple[str, str | None], now: datetime, fraction: float
) -> None:
    date = parsed(release)
    status = countdown_status(date, now)
    until = status_changes_at(date, now)
    if until is None:  # for good: out, or overdue until the data changes
        assert countdown_status(date, now + timedelta(days=900)) == status
        return
    assert until > now
    assert until - now <= timedelta(hours=26) or not date.is_dated  # a day at most (plus a clock change)
    assert countdown_status(date, now + (until - now - timedelta(microseconds=1)) * fraction) == status
    assert countdown_status(date, until - timedelta(microseconds=1)) == status
    assert countdown_status(date, until) != status  # the first instant it changes, not merely one after


def test_the_memo_answers_as_countdown_status_across_a_day_a_release_instant_and_a_clock_set_back() -> None:
    date = ReleaseDate.parse("2026-03-29T01:30", "Europe/London")  # the night the clocks go forward
    memo = CurrentStatus()
    start = datetime(2026, 3, 27, 22, 0, tzinfo=UTC)
    moments = [start + timedelta(minutes=17 * step) for step in range(400)]
    moments += [start, start + timedelta(hours=30)]  # set back, then forward again
    seen = {memo.at(date, now).phase for now in moments}
    for now in moments:
        assert memo.at(date, now) == countdown_status(date, now)
    assert seen == {Phase.UPCOMING, Phase.RELEASE_DAY, Phase.OUT}
    moved = ReleaseDate.parse("2026-04-02")  # new data: asked again at once
    assert memo.at(moved, start) == countdown_status(moved, start)
