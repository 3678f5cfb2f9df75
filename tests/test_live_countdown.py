"""The live countdown (schedule ``live``): its occasions, its planning, and the dispatcher editing one message per
channel with an in-memory Discord, across restarts, crashes and a moderator's delete."""

from __future__ import annotations

import asyncio
from datetime import time, timedelta

import pytest

from bot.db.announcements import DeliveryRecord
from bot.domain.release import Precision, ReleaseDate
from bot.services.announcements import AnnouncementKind, delivery_nonce
from bot.services.delivery import DeliveryForbidden, DeliveryTargetGone, Dispatcher
from bot.services.delivery.planning import DeliveryTarget, TargetKind, edits_live_message, prepare
from bot.services.schedules import (
    DEFAULT_MILESTONES,
    LIVE_HORIZON_DAYS,
    AnnouncementInputError,
    Schedule,
    ScheduleKind,
    countdown_occasions,
)
from tests.helpers_announcements import utc
from tests.helpers_dispatcher import GUILD, RELEASE, A, B, Env, round_cut_before_recording, setup

INSTANT = ReleaseDate(Precision.INSTANT, 2026, 5, 1, instant=utc(2026, 5, 1, 17, 0), timezone="Etc/UTC")


# ------------------------------------------------------------------------------------------ the schedule


def test_live_parses_and_round_trips() -> None:
    live = Schedule.parse(" Live ")
    assert live == Schedule.live() and live.kind is ScheduleKind.LIVE and live.is_live
    assert Schedule.parse(live.key()) == live
    assert "edited every day" in live.describe()
    assert not Schedule.milestones().is_live
    with pytest.raises(AnnouncementInputError, match="live"):
        Schedule.parse("live:3")


def test_live_updates_every_day_up_to_release_day_then_out_now_is_posted() -> None:
    occasions = countdown_occasions(Schedule.live(), INSTANT, time(9, 0), "Etc/UTC")
    *countdown, out_now = occasions
    assert [o.days_left for o in countdown] == list(range(LIVE_HORIZON_DAYS, -1, -1))
    assert all(o.due_at.time() == time(9, 0) for o in countdown)
    # The milestones are among the daily updates, named as such (status says "7 days to go" either way).
    kinds = {o.days_left: o.kind for o in countdown}
    assert all(kinds[days] is AnnouncementKind.MILESTONE for days in DEFAULT_MILESTONES)
    assert kinds[5] is AnnouncementKind.DAILY and kinds[0] is AnnouncementKind.RELEASE_DAY
    assert out_now.kind is AnnouncementKind.OUT_NOW and out_now.due_at == utc(2026, 5, 1, 17, 0)
    # The same keys as the other schedules: switching to or from live never repeats a day's count.
    daily = countdown_occasions(Schedule.daily(14), INSTANT, time(9, 0), "Etc/UTC")
    assert {o.key for o in daily} <= {o.key for o in occasions}


# ------------------------------------------------------------------------------------------ planning


def _target(live: bool) -> DeliveryTarget:
    return DeliveryTarget(
        kind=TargetKind.CHANNEL,
        id=A,
        timezone="Etc/UTC",
        handled_until=utc(2026, 4, 20),
        occasions_of=lambda release: countdown_occasions(Schedule.live(), release, time(9, 0), "Etc/UTC"),
        guild_id=GUILD,
        subscription_id=1,
        news_seen=0,
        live=live,
    )


@pytest.mark.parametrize(
    ("kind", "edits"),
    [
        (AnnouncementKind.DAILY, True),
        (AnnouncementKind.MILESTONE, True),
        (AnnouncementKind.RELEASE_DAY, True),
        (AnnouncementKind.NEWS, False),  # a moved date is news: posted, with a notification
        (AnnouncementKind.OUT_NOW, False),  # the release moment: posted, with a notification
    ],
)
def test_which_deliveries_edit_the_live_message(kind: AnnouncementKind, edits: bool) -> None:
    assert edits_live_message(_target(live=True), kind.value) is edits
    assert edits_live_message(_target(live=False), kind.value) is False


def test_a_live_update_claimed_late_or_folded_shows_no_late_note() -> None:
    key = f"channel:{A}:countdown:9:2026-05-01"
    record = DeliveryRecord(
        id=1,
        delivery_key=key,
        target_kind="channel",
        target_id=A,
        guild_id=GUILD,
        occasion="countdown:9:2026-05-01",
        kind="daily",
        days_left=9,
        news_id=None,
        due_at=utc(2026, 4, 22, 9, 0),
        state="sending",
        nonce=delivery_nonce(key),
        late=True,
        folded_count=2,
        attempts=0,
        message_id=None,
        error=None,
        owner=None,
        created_at=utc(2026, 4, 22, 10, 0),
        updated_at=utc(2026, 4, 22, 10, 0),
    )
    target = _target(live=True)
    [ready], dropped = prepare([record], {target.key: target}, RELEASE, [])
    assert dropped == [] and ready.live
    assert (ready.announcement.days_left, ready.announcement.late, ready.announcement.folded_count) == (
        9,
        False,
        0,
    )
    plain = _target(live=False)
    [post], _ = prepare([record], {plain.key: plain}, RELEASE, [])
    assert not post.live and post.announcement.late and post.announcement.folded_count == 2


# ------------------------------------------------------------------------------------------ the dispatcher


def day(n: int) -> timedelta:
    return timedelta(days=n)


async def first_update_due(env: Env, *channels: int, **options: object) -> Dispatcher:
    """``channels`` (A when none) on the live schedule and a dispatcher for them, at the time the first update is
    due (ten days before the release, 09:00 UTC)."""
    for channel in channels or (A,):
        await setup(env, channel, "live")
    dispatcher = env.dispatcher(**options)
    await env.clock.set(utc(2026, 4, 21, 9, 0))
    return dispatcher


async def live_message(env: Env, channel: int) -> int | None:
    (subscription,) = [
        s for s in await env.repository.subscriptions_for_guild(GUILD) if s.channel_id == channel
    ]
    return subscription.live_message_id


async def test_first_update_posts_later_ones_edit_the_same_message_across_a_restart(env: Env) -> None:
    dispatcher = await first_update_due(env)
    await dispatcher.run_due_now()
    (message,) = env.sender.to(A)
    assert message.announcement.days_left == 10 and message.nonce == delivery_nonce(
        f"channel:{A}:countdown:10:2026-05-01"
    )
    assert await live_message(env, A) == message.message_id
    await env.clock.set(utc(2026, 4, 22, 9, 0))
    await dispatcher.run_due_now()
    dispatcher = await env.restart()
    await env.clock.set(utc(2026, 4, 24, 9, 0))  # 7 days before: a milestone, after a missed day
    await dispatcher.run_due_now()
    assert env.sender.to(A) == [message], "every update after the first edits; none posts"
    assert [(channel, edited) for channel, edited, _ in env.sender.edits] == [(A, message.message_id)] * 2
    shown = env.sender.shown(message.message_id)
    assert (shown.kind, shown.days_left, shown.late, shown.folded_count) == (
        AnnouncementKind.MILESTONE,
        7,
        False,
        0,
    )
    rows = await env.rows(A)
    assert [(row.days_left, row.state) for row in rows] == [
        (10, "sent"),
        (9, "sent"),
        (8, "skipped"),  # missed while down, beyond the grace window
        (7, "sent"),
    ]
    assert {row.message_id for row in rows if row.state == "sent"} == {message.message_id}
    status = (await env.service.status(GUILD)).subscriptions[0]
    assert status.live_message_id == message.message_id and [p.days_left for p in status.next_posts] == [
        6,
        5,
        4,
    ]


async def test_a_deleted_live_message_is_posted_again_once(env: Env) -> None:
    dispatcher = await first_update_due(env)
    await dispatcher.run_due_now()
    (first,) = env.sender.to(A)
    env.sender.deleted.add(first.message_id)  # a moderator deletes it
    await env.clock.set(utc(2026, 4, 22, 9, 0))
    await dispatcher.run_due_now()
    (second,) = env.sender.to_live(A)
    assert second.message_id != first.message_id and second.announcement.days_left == 9
    assert await live_message(env, A) == second.message_id
    await env.clock.set(utc(2026, 4, 23, 9, 0))
    await dispatcher.run_due_now()
    assert env.sender.to_live(A) == [second] and env.sender.shown(second.message_id).days_left == 8


async def test_crash_after_the_first_post_before_recording_finds_it_instead_of_posting_again(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await first_update_due(env)
    await round_cut_before_recording(first, monkeypatch)
    (message,) = env.sender.to(A)
    assert await live_message(env, A) is None
    # Back ten minutes later: Discord forgot the nonce, so the bot reads the channel for the post's marker.
    env.sender.forget_nonces()
    await env.clock.advance(timedelta(minutes=10))
    second = await env.restart()
    assert (await second.run_due_now()).recovered == 1
    assert env.sender.to(A) == [message] and len(env.sender.lookups) == 1
    assert await live_message(env, A) == message.message_id
    await env.clock.set(utc(2026, 4, 22, 9, 0))
    await second.run_due_now()
    assert env.sender.to(A) == [message] and env.sender.shown(message.message_id).days_left == 9


async def test_crash_after_an_edit_before_recording_edits_again_and_posts_nothing(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await first_update_due(env)
    await first.run_due_now()
    await env.clock.set(utc(2026, 4, 22, 9, 0))
    await round_cut_before_recording(first, monkeypatch)
    assert len(env.sender.edits) == 1
    second = await env.restart()
    assert (await second.run_due_now()).recovered == 1
    (message,) = env.sender.to(A)
    assert len(env.sender.edits) == 2 and env.sender.shown(message.message_id).days_left == 9
    assert [row.state for row in await env.rows(A)] == ["sent", "sent"]


async def test_two_updates_of_one_channel_in_a_round_make_one_message(env: Env) -> None:
    """A first post left 'sending' by a crash and the next day's update meet in one round: they go one after
    the other, and the second edits what the first posted."""
    await setup(env, A, "live")
    first = env.dispatcher(grace=day(2))
    await env.clock.set(utc(2026, 4, 21, 9, 0))
    env.sender.blocked = {A}  # Discord takes the post, the answer never comes: the bot dies meanwhile
    round_task = asyncio.create_task(first.run_due_now())
    await asyncio.sleep(0.05)
    assert len(env.sender.to(A)) == 1
    round_task.cancel()
    await asyncio.gather(round_task, return_exceptions=True)
    await env.restart(grace=day(2))
    env.sender.blocked = set()
    env.sender.forget_nonces()
    await env.clock.set(utc(2026, 4, 22, 9, 0))
    stats = await env.dispatchers[-1].run_due_now()
    assert (stats.recovered, stats.claimed) == (1, 1)
    (message,) = env.sender.to(A)
    assert env.sender.shown(message.message_id).days_left == 9
    assert await live_message(env, A) == message.message_id


async def test_a_live_channel_still_posts_the_release_moment(env: Env) -> None:
    env.source.release = INSTANT
    await setup(env, A, "live")
    dispatcher = env.dispatcher()
    await env.clock.set(utc(2026, 4, 30, 9, 0))
    await dispatcher.run_due_now()
    await env.clock.set(utc(2026, 5, 1, 9, 0))
    await dispatcher.run_due_now()
    await env.clock.set(utc(2026, 5, 1, 17, 0))
    await dispatcher.run_due_now()
    live, out_now = env.sender.to(A)
    assert env.sender.shown(live.message_id).kind is AnnouncementKind.RELEASE_DAY
    assert out_now.announcement.kind is AnnouncementKind.OUT_NOW and out_now.announcement.show_watch_link
    assert await live_message(env, A) == live.message_id


@pytest.mark.parametrize(
    ("error", "state"),
    [(DeliveryForbidden("missing permission"), "paused"), (DeliveryTargetGone("gone"), "disabled")],
)
async def test_an_edit_refused_for_the_channel_pauses_or_disables_it_as_a_post_does(
    env: Env, error: Exception, state: str
) -> None:
    dispatcher = await first_update_due(env)
    await dispatcher.run_due_now()
    env.sender.failures[A] = [error]
    await env.clock.set(utc(2026, 4, 22, 9, 0))
    await dispatcher.run_due_now()
    status = (await env.service.status(GUILD)).subscriptions[0]
    assert status.state == state and len(env.sender.to(A)) == 1


async def test_switching_away_from_live_and_back_posts_a_fresh_live_message(env: Env) -> None:
    dispatcher = await first_update_due(env, A, B)
    await dispatcher.run_due_now()
    (old,) = env.sender.to(A)
    await setup(env, A, "milestones")
    assert await live_message(env, A) is None
    await setup(env, A, "live", at="10:00")  # a new time keeps the schedule: B keeps its message too
    await setup(env, B, "live", at="10:00")
    assert await live_message(env, B) == env.sender.to(B)[0].message_id
    await env.clock.set(utc(2026, 4, 22, 10, 0))
    await dispatcher.run_due_now()
    old_again, fresh = env.sender.to(A)
    assert old_again == old and await live_message(env, A) == fresh.message_id
    assert len(env.sender.to(B)) == 1


async def test_news_of_a_moved_date_is_posted_and_the_live_message_follows_at_once(env: Env) -> None:
    dispatcher = await first_update_due(env)
    await dispatcher.run_due_now()
    (live,) = env.sender.to(A)
    env.source.release = ReleaseDate(Precision.DAY, 2026, 5, 20)  # moved 19 days later
    await env.clock.set(utc(2026, 4, 21, 15, 0))
    await dispatcher.run_due_now()
    live_again, news = env.sender.to(A)
    assert live_again == live and news.announcement.kind is AnnouncementKind.NEWS
    shown = env.sender.shown(live.message_id)
    assert (shown.days_left, shown.release.release_day) == (29, env.source.release.release_day)
    # The next daily update carries on from the new date, in the same message.
    await env.clock.set(utc(2026, 4, 22, 9, 0))
    await dispatcher.run_due_now()
    assert len(env.sender.to(A)) == 2 and env.sender.shown(live.message_id).days_left == 28


async def test_no_refresh_after_news_when_the_live_message_is_not_posted_yet(env: Env) -> None:
    await setup(env, A, "live")
    dispatcher = env.dispatcher()
    await dispatcher.run_due_now()  # the release as first seen
    await env.clock.set(utc(2026, 4, 21, 8, 0))  # the first update is not due yet
    env.source.release = ReleaseDate(Precision.DAY, 2026, 5, 20)
    await dispatcher.run_due_now()
    (news,) = env.sender.to(A)
    assert news.announcement.kind is AnnouncementKind.NEWS and env.sender.edits == []
    assert await live_message(env, A) is None
