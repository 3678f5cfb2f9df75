"""Delivery planning: properties of the pure functions that decide what is due, what a round claims and what
comes next, over arbitrary targets, occasions, news, watermarks and past deliveries."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.db.announcements import DeliveryRecord, NewsRecord
from bot.domain.release import Precision, ReleaseDate
from bot.services.announcements import delivery_nonce
from bot.services.delivery.planning import (
    LATE_AFTER,
    DeliveryTarget,
    TargetKind,
    decide,
    due_candidates,
    prepare,
    upcoming,
)
from bot.services.schedules import AnnouncementKind, Occasion
from tests.helpers_announcements import utc

NOW = utc(2026, 4, 20, 12, 0)
RELEASE = ReleaseDate(Precision.DAY, 2026, 5, 1)
MINUTE = timedelta(minutes=1)
# Instants within five days either side of now, to the minute (so that ties and exact boundaries happen).
offsets = st.integers(-5 * 24 * 60, 5 * 24 * 60)


def occasions_from(offsets_in_minutes: list[int], kind: TargetKind) -> tuple[Occasion, ...]:
    prefix = "countdown" if kind is TargetKind.CHANNEL else "reminder"
    announcement_kind = (
        AnnouncementKind.MILESTONE if kind is TargetKind.CHANNEL else AnnouncementKind.REMINDER
    )
    return tuple(
        Occasion(
            announcement_kind, days_left, date(2026, 5, 1), NOW + offset * MINUTE, f"{prefix}:{days_left}:x"
        )
        for days_left, offset in enumerate(sorted(set(offsets_in_minutes), reverse=True))
    )[::-1]


@st.composite
def targets(draw: st.DrawFn) -> list[DeliveryTarget]:
    """Up to six targets with distinct (kind, id): channels (which follow the news) and fans' reminders."""
    keys = draw(st.lists(st.tuples(st.sampled_from(TargetKind), st.integers(1, 4)), max_size=6, unique=True))
    result = []
    for index, (kind, target_id) in enumerate(keys):
        occasions = occasions_from(draw(st.lists(offsets, max_size=8)), kind)
        is_channel = kind is TargetKind.CHANNEL
        result.append(
            DeliveryTarget(
                kind=kind,
                id=target_id,
                timezone="Etc/UTC",
                handled_until=NOW + draw(offsets) * MINUTE,
                occasions_of=lambda release, occasions=occasions: occasions,
                guild_id=10 if is_channel else None,
                subscription_id=index + 1 if is_channel else None,
                news_seen=draw(st.integers(0, 3)) if is_channel else None,
            )
        )
    return result


@st.composite
def news_items(draw: st.DrawFn) -> list[NewsRecord]:
    count = draw(st.integers(0, 3))
    stamps = sorted(draw(st.lists(st.integers(-5 * 24 * 60, 0), min_size=count, max_size=count)))
    return [NewsRecord(i + 1, RELEASE, RELEASE, NOW + stamp * MINUTE) for i, stamp in enumerate(stamps)]


changed_ats = st.one_of(st.none(), offsets.map(lambda offset: NOW + min(offset, 0) * MINUTE))
graces = st.integers(0, 72 * 60).map(lambda minutes: minutes * MINUTE)
common = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@common
@given(targets=targets(), news=news_items(), changed_at=changed_ats)
def test_due_candidates_are_every_occasion_since_the_watermark_once(
    targets: list[DeliveryTarget], news: list[NewsRecord], changed_at: datetime | None
) -> None:
    plan = due_candidates(NOW, RELEASE, changed_at, targets, news)
    keys = [candidate.delivery_key for candidate in plan.candidates]
    assert len(keys) == len(set(keys)), "at most one candidate per (target, occasion)"
    for target in targets:
        watermark = target.handled_until if changed_at is None else max(target.handled_until, changed_at)
        scheduled = {c.occasion for c in plan.candidates if c.target == target and c.group == "schedule"}
        assert scheduled == {o.key for o in target.occasions_of(RELEASE) if watermark < o.due_at <= NOW}
        fresh = {c.news_id for c in plan.candidates if c.target == target and c.group == "news"}
        expected_news = set() if target.news_seen is None else {n.id for n in news if n.id > target.news_seen}
        assert fresh == expected_news, "news goes to channels only, and only news they have not seen"
        assert (target in plan.handled) == bool(scheduled or fresh)
    following = [o.due_at for t in targets for o in t.occasions_of(RELEASE) if o.due_at > NOW]
    assert plan.next_due == (min(following) if following else None)


@common
@given(targets=targets(), news=news_items(), changed_at=changed_ats)
def test_nothing_is_due_again_once_the_watermarks_moved_to_now(
    targets: list[DeliveryTarget], news: list[NewsRecord], changed_at: datetime | None
) -> None:
    plan = due_candidates(NOW, RELEASE, changed_at, targets, news)
    latest_news = news[-1].id if news else 0
    moved = [
        DeliveryTarget(
            kind=t.kind,
            id=t.id,
            timezone=t.timezone,
            handled_until=NOW if t in plan.handled else t.handled_until,
            occasions_of=t.occasions_of,
            guild_id=t.guild_id,
            subscription_id=t.subscription_id,
            news_seen=None if t.news_seen is None else (latest_news if t in plan.handled else t.news_seen),
        )
        for t in targets
    ]
    assert due_candidates(NOW, RELEASE, changed_at, moved, news).candidates == []


@common
@given(targets=targets(), news=news_items(), grace=graces, data=st.data())
def test_decide_claims_each_undelivered_candidate_once_within_grace_and_folds_missed_posts(
    targets: list[DeliveryTarget], news: list[NewsRecord], grace: timedelta, data: st.DataObject
) -> None:
    candidates = due_candidates(NOW, RELEASE, None, targets, news).candidates
    all_keys = sorted(candidate.delivery_key for candidate in candidates)
    delivered = set(data.draw(st.lists(st.sampled_from(all_keys), unique=True) if all_keys else st.just([])))
    rows = decide(NOW, candidates, delivered, grace)

    # Nothing already delivered is planned again; nothing undelivered is lost; one row per (target, occasion).
    assert Counter(row.delivery_key for row in rows) == Counter(set(all_keys) - delivered)
    for row in rows:
        assert row.nonce == delivery_nonce(row.delivery_key)
        overdue = NOW - row.due_at
        if row.state == "skipped":
            assert overdue > grace and (row.error or "").startswith("missed")
        else:  # sent now, or folded into the one sent now: within the grace window
            assert row.state in ("sending", "folded") and overdue <= grace
        if row.state == "sending":
            assert row.late == (overdue > LATE_AFTER)

    groups: dict[tuple[str, int, str], list] = {}
    for row in rows:
        group = "news" if row.kind == AnnouncementKind.NEWS else "schedule"
        groups.setdefault((row.target_kind, row.target_id, group), []).append(row)
    for group_rows in groups.values():
        sending = [row for row in group_rows if row.state == "sending"]
        folded = [row for row in group_rows if row.state == "folded"]
        assert len(sending) <= 1, "at most one post per target and group in a round"
        if folded:
            (latest,) = sending
            assert latest.folded_count == len(folded)
            assert all(row.due_at <= latest.due_at for row in folded)
            assert all(row.error == f"folded into {latest.occasion}" for row in folded)
        elif sending:
            assert sending[0].folded_count == 0


@common
@given(targets=targets(), per_target=st.integers(1, 4))
def test_upcoming_lists_the_next_posts_of_every_target_in_order(
    targets: list[DeliveryTarget], per_target: int
) -> None:
    planned = upcoming(NOW, RELEASE, targets, per_target)
    assert [p.due_at for p in planned] == sorted(p.due_at for p in planned)
    for target in targets:
        mine = [p.occasion_key for p in planned if (p.target_kind, p.target_id) == target.key]
        following = [o.key for o in target.occasions_of(RELEASE) if o.due_at > NOW]
        assert mine == following[:per_target]


def delivery_row(
    target: DeliveryTarget, occasion: str, kind: AnnouncementKind, **fields: object
) -> DeliveryRecord:
    values: dict = {
        "id": 1,
        "delivery_key": target.delivery_key(occasion),
        "target_kind": target.kind.value,
        "target_id": target.id,
        "guild_id": target.guild_id,
        "occasion": occasion,
        "kind": kind.value,
        "days_left": 0,
        "news_id": None,
        "due_at": NOW,
        "state": "sending",
        "nonce": delivery_nonce(target.delivery_key(occasion)),
        "late": True,
        "folded_count": 2,
        "attempts": 0,
        "message_id": None,
        "error": None,
        "owner": None,
        "created_at": NOW,
        "updated_at": NOW,
    } | fields
    return DeliveryRecord(**values)


def test_prepare_words_each_claimed_row_or_says_why_it_is_dropped() -> None:
    occasion = Occasion(AnnouncementKind.RELEASE_DAY, 0, date(2026, 5, 1), NOW, "countdown:0:2026-05-01")
    channel = DeliveryTarget(
        TargetKind.CHANNEL,
        5,
        "Europe/London",
        NOW,
        lambda release: (occasion,),
        subscription_id=1,
        news_seen=0,
    )
    fan = DeliveryTarget(TargetKind.USER, 6, "Asia/Tokyo", NOW, lambda release: ())
    gone = DeliveryTarget(TargetKind.USER, 7, "Etc/UTC", NOW, lambda release: ())
    news = NewsRecord(3, ReleaseDate(Precision.MONTH, 2026, 5), RELEASE, NOW)
    records = [
        delivery_row(channel, occasion.key, AnnouncementKind.RELEASE_DAY),
        delivery_row(channel, "news:3", AnnouncementKind.NEWS, news_id=3, days_left=None),
        delivery_row(channel, "news:4", AnnouncementKind.NEWS, news_id=4, days_left=None),
        delivery_row(fan, "reminder:0:2026-04-24", AnnouncementKind.REMINDER),
        delivery_row(gone, "reminder:0:2026-05-01", AnnouncementKind.REMINDER),
    ]
    ready, dropped = prepare(records, {channel.key: channel, fan.key: fan}, RELEASE, [news])
    countdown, news_post = (item.announcement for item in ready)
    assert [item.target for item in ready] == [channel, channel]
    assert (countdown.kind, countdown.show_watch_link, countdown.timezone) == (
        AnnouncementKind.RELEASE_DAY,
        True,
        "Europe/London",
    )
    assert (countdown.late, countdown.folded_count) == (True, 2)
    assert (news_post.kind, news_post.previous_release, news_post.release) == (
        AnnouncementKind.NEWS,
        news.previous,
        RELEASE,
    )
    assert [reason for _, reason in dropped] == [
        "the news it announced is gone",
        "the release date changed before this post could be confirmed",
        "the reminder was cancelled before it could be confirmed",
    ]
