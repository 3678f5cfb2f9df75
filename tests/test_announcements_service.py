"""The admin/fan side of countdown announcements: setup, status, preview, stop, forget, personal reminders."""

from __future__ import annotations

import pytest

from bot.db import Database
from bot.db.announcements import AnnouncementRepository
from bot.db.timestamps import ts
from bot.domain.release import Precision, ReleaseDate
from bot.errors import UserFacingError
from bot.services.announcements import (
    AnnouncementInputError,
    AnnouncementKind,
    AnnouncementNotConfigured,
    AnnouncementService,
    ButtonContext,
    ReminderNotSet,
    Schedule,
    delivery_nonce,
)
from tests.helpers_announcements import ManualClock, ReleaseSource, utc

RELEASE = ReleaseDate(Precision.DAY, 2026, 5, 1)
GUILD, CHANNEL, OTHER_CHANNEL, ROLE = 111, 222, 333, 444


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(utc(2026, 4, 20, 12, 0))


@pytest.fixture
def source() -> ReleaseSource:
    return ReleaseSource(RELEASE)


@pytest.fixture
def changes() -> list[str]:
    return []


@pytest.fixture
def service(
    database: Database, clock: ManualClock, source: ReleaseSource, changes: list[str]
) -> AnnouncementService:
    return AnnouncementService(database, clock, source, on_change=lambda: changes.append("changed"))


async def test_setup_then_status_shows_the_next_three_posts_in_local_time(
    service: AnnouncementService, changes: list[str]
) -> None:
    result = await service.setup(GUILD, CHANNEL, ROLE, "milestones", "9am", "europe/london")
    assert result.replaced is False
    assert changes == ["changed"]
    status = (await service.status(GUILD)).subscriptions
    assert len(status) == 1
    sub = status[0]
    assert (sub.channel_id, sub.role_id, sub.local_time, sub.timezone, sub.state) == (
        CHANNEL,
        ROLE,
        "09:00",
        "Europe/London",
        "active",
    )
    assert sub.schedule == Schedule.milestones()
    assert "100, 30, 14, 7, 3, 2, 1 days before" in sub.schedule_description
    # 09:00 BST is 08:00 UTC; 14 days before (17 April) has passed.
    assert [(p.days_left, p.due_at) for p in sub.next_posts] == [
        (7, utc(2026, 4, 24, 8, 0)),
        (3, utc(2026, 4, 28, 8, 0)),
        (2, utc(2026, 4, 29, 8, 0)),
    ]
    assert sub.last_delivery is None and sub.last_failure is None and not sub.waiting_for_date
    assert result.status == sub


async def test_several_channels_and_reconfiguring_one_replaces_it(service: AnnouncementService) -> None:
    await service.setup(GUILD, CHANNEL, None, Schedule.daily(14), "21:30", "America/New_York")
    await service.setup(GUILD, OTHER_CHANNEL, ROLE, "weekly:friday", "18:00", "Asia/Tokyo")
    again = await service.setup(GUILD, CHANNEL, ROLE, "daily:5", "9:30 pm", "America/New_York")
    assert again.replaced is True
    subs = (await service.status(GUILD)).subscriptions
    assert [(s.channel_id, s.schedule.key(), s.role_id) for s in subs] == [
        (CHANNEL, "daily:5", ROLE),
        (OTHER_CHANNEL, "weekly:friday", ROLE),
    ]
    # Next Friday 18:00 JST after 20 April 2026 is 24 April, 09:00 UTC.
    assert subs[1].next_posts[0].due_at == utc(2026, 4, 24, 9, 0)
    assert subs[1].next_posts[0].kind is AnnouncementKind.WEEKLY


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"local_time": "25:00"}, "hours go from 00 to 23"),
        ({"local_time": "9am-ish"}, "can't read"),
        ({"timezone": "Mars/Base"}, "not a time zone"),
        ({"timezone": "+02:00"}, "fixed offset"),
        ({"schedule": "hourly"}, "not a schedule"),
        ({"schedule": "daily:0"}, "final 1 to"),
    ],
)
async def test_bad_input_is_refused_and_changes_nothing(
    service: AnnouncementService, changes: list[str], kwargs: dict, needle: str
) -> None:
    arguments = {"schedule": "milestones", "local_time": "09:00", "timezone": "Etc/UTC"} | kwargs
    with pytest.raises(AnnouncementInputError) as caught:
        await service.setup(GUILD, CHANNEL, None, **arguments)
    assert needle in str(caught.value)
    assert (await service.status(GUILD)).subscriptions == ()
    assert changes == []


async def test_a_schedule_with_no_post_left_is_refused(
    service: AnnouncementService, clock: ManualClock, source: ReleaseSource
) -> None:
    source.release = ReleaseDate.parse("2026-05-01")  # the day only: no release instant to post at
    await clock.set(utc(2026, 4, 30, 22, 0))  # 1 May, 12:00 in Kiritimati (UTC+14); not yet 1 May in UTC
    with pytest.raises(AnnouncementInputError, match="no posts left before the release"):
        await service.setup(GUILD, CHANNEL, None, "milestones", "09:00", "Pacific/Kiritimati")
    assert (await service.status(GUILD)).subscriptions == ()


async def test_on_release_day_out_now_is_still_ahead(
    service: AnnouncementService, clock: ManualClock, source: ReleaseSource
) -> None:
    source.release = ReleaseDate.parse("2026-05-01T20:00", "Etc/UTC")
    await clock.set(utc(2026, 5, 1, 10, 0))  # release day, after 09:00, before the 20:00 release
    # The 09:00 post has passed, but "Out now" at the release instant is still ahead.
    morning = await service.setup(GUILD, CHANNEL, None, "milestones", "09:00", "Etc/UTC")
    assert [p.kind for p in morning.status.next_posts] == [AnnouncementKind.OUT_NOW]
    # Later that day: the release-day post is ahead too.
    result = await service.setup(GUILD, OTHER_CHANNEL, None, "milestones", "18:00", "Etc/UTC")
    assert [p.kind for p in result.status.next_posts] == [
        AnnouncementKind.RELEASE_DAY,
        AnnouncementKind.OUT_NOW,
    ]
    await clock.set(utc(2026, 5, 3))
    with pytest.raises(AnnouncementInputError, match="already out"):
        await service.setup(GUILD, OTHER_CHANNEL, None, "milestones", "18:00", "Etc/UTC")


async def test_undated_release_is_accepted_and_waits_for_a_date(
    service: AnnouncementService, source: ReleaseSource
) -> None:
    source.release = ReleaseDate(Precision.MONTH, 2026, 9)
    result = await service.setup(GUILD, CHANNEL, None, "milestones", "09:00", "Etc/UTC")
    assert result.status.waiting_for_date is True
    assert result.status.next_posts == ()
    assert await service.preview(GUILD) is None


async def test_preview_is_the_next_announcement(service: AnnouncementService, clock: ManualClock) -> None:
    with pytest.raises(AnnouncementNotConfigured):
        await service.preview(GUILD)
    await service.setup(GUILD, CHANNEL, None, "milestones", "09:00", "Europe/Paris")
    preview = await service.preview(GUILD)
    assert preview is not None
    assert (preview.kind, preview.days_left, preview.due_at) == (
        AnnouncementKind.MILESTONE,
        7,
        utc(2026, 4, 24, 7, 0),
    )
    assert preview.release == RELEASE and preview.timezone == "Europe/Paris"
    assert not preview.show_watch_link and not preview.late
    await clock.set(utc(2026, 4, 30, 12, 0))
    preview = await service.preview(GUILD, CHANNEL)
    assert preview is not None
    assert preview.kind is AnnouncementKind.RELEASE_DAY and preview.days_left == 0
    assert preview.show_watch_link  # the renderer adds the platform link button


async def test_stop_one_channel_or_all(service: AnnouncementService, changes: list[str]) -> None:
    await service.setup(GUILD, CHANNEL, None, "milestones", "09:00", "Etc/UTC")
    await service.setup(GUILD, OTHER_CHANNEL, None, "milestones", "09:00", "Etc/UTC")
    await service.setup(999, 555, None, "milestones", "09:00", "Etc/UTC")
    changes.clear()
    assert await service.stop(GUILD, OTHER_CHANNEL) == 1
    assert [s.channel_id for s in (await service.status(GUILD)).subscriptions] == [CHANNEL]
    assert await service.stop(GUILD) == 1
    assert await service.stop(GUILD) == 0
    assert (await service.status(GUILD)).configured is False
    assert (await service.status(999)).configured is True
    assert changes == ["changed", "changed"]


async def test_forget_guild_removes_settings_and_history(
    service: AnnouncementService, database: Database
) -> None:
    await service.setup(GUILD, CHANNEL, None, "milestones", "09:00", "Etc/UTC")
    await service.setup(999, 555, None, "milestones", "09:00", "Etc/UTC")
    now = utc(2026, 4, 20, 12, 0)
    for guild, channel in ((GUILD, CHANNEL), (999, 555)):
        key = f"channel:{channel}:countdown:14:2026-05-01"
        await database.execute(
            "INSERT INTO announcement_deliveries (delivery_key, target_kind, target_id, guild_id, occasion, kind, "
            "due_at, state, nonce, created_at, updated_at) VALUES (?, 'channel', ?, ?, "
            "'countdown:14:2026-05-01', 'milestone', '2026-04-17T09:00:00.000000Z', 'sent', ?, ?, ?)",
            (key, channel, guild, delivery_nonce(key), ts(now), ts(now)),
        )
    await service.forget_guild(GUILD)
    assert (await service.status(GUILD)).configured is False
    repository = AnnouncementRepository(database)
    assert await repository.deliveries_for_target("channel", CHANNEL) == []
    assert len(await repository.deliveries_for_target("channel", 555)) == 1


async def test_remindme(service: AnnouncementService, clock: ManualClock, changes: list[str]) -> None:
    status = await service.remindme(42, 7)
    assert status.state == "active" and changes == ["changed"]
    assert [(r.days_left, r.due_at) for r in status.next_reminders] == [
        (7, utc(2026, 4, 24, 9, 0)),
        (0, utc(2026, 5, 1, 9, 0)),
    ]
    status = await service.remindme(42, None, timezone="America/Chicago")
    assert [(r.days_left, r.due_at) for r in status.next_reminders] == [(0, utc(2026, 5, 1, 14, 0))]
    assert await service.reminder_status(42) == status
    for bad in (0, 400, -1):
        with pytest.raises(AnnouncementInputError, match="1 to 365 days"):
            await service.remindme(42, bad)
    assert await service.remindme_off(42) is True
    assert await service.remindme_off(42) is False
    assert await service.reminder_status(42) is None
    await clock.set(utc(2026, 5, 2))
    with pytest.raises(AnnouncementInputError, match="already out"):
        await service.remindme(42)


async def test_refusals_are_user_facing_with_the_heading_of_their_command(
    service: AnnouncementService,
) -> None:
    with pytest.raises(AnnouncementInputError) as setup_refusal:
        await service.setup(GUILD, CHANNEL, None, "milestones", "25:00")
    assert isinstance(setup_refusal.value, UserFacingError) and setup_refusal.value.title == "Not saved"
    with pytest.raises(AnnouncementNotConfigured) as preview_refusal:
        await service.preview(GUILD)
    assert preview_refusal.value.title == "Not saved"
    # A bad time zone reads the same for a reminder, under the reminder's heading.
    with pytest.raises(ReminderNotSet, match="not a time zone I know") as reminder_refusal:
        await service.remindme(42, None, timezone="Mars/Olympus_Mons")
    assert reminder_refusal.value.title == "No reminder set"
    assert await service.reminder_status(42) is None


async def test_timezone_suggestions_for_autocomplete(service: AnnouncementService) -> None:
    assert "Europe/London" in service.timezone_suggestions("Europe/Lo")
    assert len(service.timezone_suggestions("")) <= 25


def test_nonce_is_short_and_deterministic() -> None:
    nonce = delivery_nonce("channel:1:countdown:7:2026-05-01")
    assert nonce == delivery_nonce("channel:1:countdown:7:2026-05-01")
    assert nonce != delivery_nonce("channel:2:countdown:7:2026-05-01")
    assert len(nonce) <= 25


async def test_re_running_setup_changes_only_the_options_given(service: AnnouncementService) -> None:
    await service.setup(GUILD, CHANNEL, ROLE, "daily:10", "18:30", "Europe/Madrid")
    result = await service.setup(GUILD, CHANNEL, local_time="20:00")
    assert result.replaced is True
    assert result.changes == ("time: 18:30 → 20:00",)
    [sub] = (await service.status(GUILD)).subscriptions
    assert (sub.role_id, sub.schedule.key(), sub.local_time, sub.timezone) == (
        ROLE,
        "daily:10",
        "20:00",
        "Europe/Madrid",
    )
    again = await service.setup(GUILD, CHANNEL)
    assert again.replaced is True and again.changes == ()


async def test_a_new_channel_gets_the_defaults(service: AnnouncementService) -> None:
    result = await service.setup(GUILD, CHANNEL)
    assert result.replaced is False and result.changes == ()
    [sub] = (await service.status(GUILD)).subscriptions
    assert (sub.role_id, sub.schedule.key(), sub.local_time, sub.timezone) == (
        None,
        Schedule.milestones().key(),
        "09:00",
        "Etc/UTC",
    )


async def test_button_context_is_the_channels_countdown_else_the_servers_if_they_agree(
    service: AnnouncementService,
) -> None:
    assert await service.button_context(GUILD, CHANNEL) == ButtonContext(None, "Etc/UTC")  # nothing set up
    assert await service.button_context(None, CHANNEL) == ButtonContext(None, "Etc/UTC")  # a DM
    await service.setup(GUILD, CHANNEL, ROLE, timezone="Europe/London")
    assert await service.button_context(GUILD, CHANNEL) == ButtonContext(ROLE, "Europe/London")
    # /countdown typed in a channel without a countdown: the server's one role and zone.
    assert await service.button_context(GUILD, 999) == ButtonContext(ROLE, "Europe/London")
    await service.setup(GUILD, OTHER_CHANNEL, 555, timezone="Asia/Tokyo")
    assert await service.button_context(GUILD, OTHER_CHANNEL) == ButtonContext(555, "Asia/Tokyo")
    assert await service.button_context(GUILD, CHANNEL) == ButtonContext(ROLE, "Europe/London")
    # Two countdowns that disagree: no guess.
    assert await service.button_context(GUILD, 999) == ButtonContext(None, "Etc/UTC")
    # A channel whose countdown pings nobody offers no role, even if another channel's does.
    await service.setup(GUILD + 1, CHANNEL + 1, None)
    assert await service.button_context(GUILD + 1, CHANNEL + 1) == ButtonContext(None, "Etc/UTC")
