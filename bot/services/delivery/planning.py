"""Pure delivery planning: what is due, which rows a round claims, what each claimed row posts, what comes next.

Everything here is a function of now, the release, the delivery targets, the news and what was already
delivered: no database, no clock, no Discord. The dispatcher loads those from the database, calls these
functions, and stores or sends what they return.

A *target* is where deliveries go, in one shape whether it is a channel subscribed to the countdown or a fan's
direct messages (a personal reminder): its occasions, its watermark and, for channels only, the news it saw.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial
from zoneinfo import ZoneInfo

from bot.db.announcements import DeliveryRecord, NewDelivery, NewsRecord, ReminderRecord, SubscriptionRecord
from bot.domain.release import ReleaseDate
from bot.phrases import phrase
from bot.services.announcements import Announcement, delivery_nonce
from bot.services.schedules import (
    DEFAULT_MILESTONES,
    AnnouncementKind,
    Occasion,
    ScheduleKind,
    local_release_day,
    next_occasions,
    occasions_between,
    reminder_occasions,
    stored_countdown_occasions,
)

__all__ = [
    "LATE_AFTER",
    "Candidate",
    "DeliveryTarget",
    "DuePlan",
    "PlannedDelivery",
    "ReadyDelivery",
    "TargetKind",
    "decide",
    "due_candidates",
    "edits_live_message",
    "live_refresh",
    "prepare",
    "upcoming",
]

# A post this long after its instant is marked late (the renderer may say so).
LATE_AFTER = timedelta(seconds=60)

OccasionsOf = Callable[[ReleaseDate], Sequence[Occasion]]


class TargetKind(StrEnum):
    CHANNEL = "channel"
    USER = "user"


@dataclass(frozen=True, slots=True)
class DeliveryTarget:
    """Where deliveries go: a channel's countdown subscription or a fan's personal reminder.

    ``occasions_of(release)`` lists the target's scheduled occasions, sorted (cached per configuration).
    ``handled_until`` is the watermark: occasions due up to it were already planned. ``news_seen`` is the
    last news id already planned, or None for a target that gets no news (personal reminders).
    """

    kind: TargetKind
    id: int  # channel id or user id
    timezone: str
    handled_until: datetime
    occasions_of: OccasionsOf = field(compare=False, repr=False)
    guild_id: int | None = None
    role_id: int | None = None  # the role a channel's posts ping
    subscription_id: int | None = None  # a channel's subscription row
    news_seen: int | None = None
    # The posts' language (a Discord locale): a channel's choice (None: the server's), or the fan's for reminders.
    language: str | None = None
    live: bool = False  # schedule 'live': countdown occasions edit one message (see edits_live_message)
    post_style: str = "card"  # how a channel's posts look: 'card' or 'classic'

    @classmethod
    def for_subscription(cls, subscription: SubscriptionRecord) -> DeliveryTarget:
        return cls(
            kind=TargetKind.CHANNEL,
            id=subscription.channel_id,
            timezone=subscription.timezone,
            handled_until=subscription.handled_until,
            occasions_of=partial(
                stored_countdown_occasions,
                subscription.schedule,
                subscription.local_time,
                subscription.timezone,
            ),
            guild_id=subscription.guild_id,
            role_id=subscription.role_id,
            subscription_id=subscription.id,
            news_seen=subscription.news_seen,
            language=subscription.language,
            live=subscription.schedule == ScheduleKind.LIVE.value,
            post_style=subscription.post_style,
        )

    @classmethod
    def for_reminder(cls, reminder: ReminderRecord) -> DeliveryTarget:
        return cls(
            kind=TargetKind.USER,
            id=reminder.user_id,
            timezone=reminder.timezone,
            handled_until=reminder.handled_until,
            occasions_of=partial(
                reminder_occasions,
                milestone_days=reminder.milestone_days,
                timezone=reminder.timezone,
                lead_hours=reminder.lead_hours,
            ),
            language=reminder.language,
        )

    @property
    def key(self) -> tuple[str, int]:
        """(kind, id): how a delivery row names its target."""
        return (self.kind.value, self.id)

    def delivery_key(self, occasion_key: str) -> str:
        """The unique key of one delivery to this target (see ``announcement_deliveries.delivery_key``)."""
        return f"{self.kind.value}:{self.id}:{occasion_key}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One (target, occasion) due in this round, before the database says whether it was delivered already."""

    target: DeliveryTarget
    occasion: str  # the occasion key: 'countdown:7:2026-05-01', 'reminder:0:2026-05-01', 'news:3'
    kind: AnnouncementKind
    days_left: int | None
    news_id: int | None
    due_at: datetime
    group: str  # missed occasions of one target and group fold together: 'schedule' or 'news'

    @property
    def delivery_key(self) -> str:
        return self.target.delivery_key(self.occasion)

    @classmethod
    def of_occasion(cls, target: DeliveryTarget, occasion: Occasion) -> Candidate:
        return cls(target, occasion.key, occasion.kind, occasion.days_left, None, occasion.due_at, "schedule")

    @classmethod
    def of_news(cls, target: DeliveryTarget, news: NewsRecord) -> Candidate:
        return cls(target, f"news:{news.id}", AnnouncementKind.NEWS, None, news.id, news.created_at, "news")


@dataclass(frozen=True, slots=True)
class DuePlan:
    """What :func:`due_candidates` found: the candidates, the targets whose watermark moves to now, and the
    instant of the next occasion after now (None: nothing scheduled)."""

    candidates: list[Candidate]
    handled: list[DeliveryTarget]
    next_due: datetime | None


@dataclass(frozen=True, slots=True)
class PlannedDelivery:
    """One upcoming delivery, as listed by :func:`upcoming` (and ``Dispatcher.plan``)."""

    due_at: datetime
    target_kind: str  # 'channel' | 'user'
    target_id: int  # channel id or user id
    guild_id: int | None
    kind: AnnouncementKind
    days_left: int | None
    occasion_key: str


@dataclass(frozen=True, slots=True)
class ReadyDelivery:
    """A claimed delivery row with its target and the announcement it posts (or, with ``live``, the content the
    channel's live message shows from now on)."""

    record: DeliveryRecord
    target: DeliveryTarget
    announcement: Announcement
    live: bool = False


# What a live channel still posts as a new message: news of a moved date and the release moment are one-off
# events a fan wants a notification for; every other occasion edits the live message.
_POSTED_IN_LIVE_CHANNELS = frozenset({AnnouncementKind.NEWS, AnnouncementKind.OUT_NOW})


def edits_live_message(target: DeliveryTarget, kind: str) -> bool:
    """Whether a delivery of ``kind`` to ``target`` updates the channel's live message instead of posting."""
    return target.live and AnnouncementKind(kind) not in _POSTED_IN_LIVE_CHANNELS


def live_refresh(target: DeliveryTarget, release: ReleaseDate, now: datetime) -> Announcement | None:
    """What a live channel's message should show right after news of a moved date: today's count to the new
    date (None: not a live channel, no day known, or the day has passed). Without it the message would show the
    old date's count until the next daily update."""
    if not target.live:
        return None
    zone = ZoneInfo(target.timezone)
    release_day = local_release_day(release, zone)
    if release_day is None:
        return None
    days_left = (release_day - now.astimezone(zone).date()).days
    if days_left < 0:
        return None
    kind = (
        AnnouncementKind.RELEASE_DAY
        if days_left == 0
        else AnnouncementKind.MILESTONE
        if days_left in DEFAULT_MILESTONES
        else AnnouncementKind.DAILY
    )
    occasion = Occasion(kind, days_left, release_day, now, f"countdown:{days_left}:{release_day.isoformat()}")
    return Announcement.for_occasion(occasion, release, target.timezone)


def due_candidates(
    now: datetime,
    release: ReleaseDate,
    changed_at: datetime | None,
    targets: Sequence[DeliveryTarget],
    news: Sequence[NewsRecord],
) -> DuePlan:
    """The occasions due since each target's watermark (and since the release last changed, ``changed_at``:
    occasions of an old date are never posted late), the news each news-following target has not seen yet,
    the targets that had any, and the next due instant."""
    candidates: list[Candidate] = []
    handled: list[DeliveryTarget] = []
    next_due: datetime | None = None
    for target in targets:
        occasions = target.occasions_of(release)
        after = target.handled_until if changed_at is None else max(target.handled_until, changed_at)
        due = occasions_between(occasions, after, now)
        seen = target.news_seen
        fresh_news = [] if seen is None else [item for item in news if item.id > seen]
        candidates.extend(Candidate.of_occasion(target, occasion) for occasion in due)
        candidates.extend(Candidate.of_news(target, item) for item in fresh_news)
        if due or fresh_news:
            handled.append(target)
        following = next_occasions(occasions, now, 1)
        if following and (next_due is None or following[0].due_at < next_due):
            next_due = following[0].due_at
    return DuePlan(candidates, handled, next_due)


def decide(
    now: datetime, candidates: Sequence[Candidate], delivered: set[str], grace: timedelta
) -> list[NewDelivery]:
    """The rows to insert for the candidates whose delivery key is not in ``delivered``: beyond ``grace`` ->
    'skipped'; within it, the latest of each (target, group) is sent ('sending', late if overdue) and the older
    ones are 'folded' into it."""
    groups: dict[tuple[str, int, str], list[Candidate]] = {}
    for candidate in candidates:
        if candidate.delivery_key not in delivered:
            groups.setdefault((*candidate.target.key, candidate.group), []).append(candidate)
    rows: list[NewDelivery] = []
    for group in groups.values():
        group.sort(key=lambda candidate: candidate.due_at)
        within: list[Candidate] = []
        for candidate in group:
            if now - candidate.due_at > grace:
                missed = phrase("delivery.missed", due=f"{candidate.due_at:%Y-%m-%d %H:%M}", grace=str(grace))
                rows.append(_row(candidate, "skipped", error=missed))
            else:
                within.append(candidate)
        if not within:
            continue
        *older, latest = within
        rows.extend(
            _row(candidate, "folded", error=phrase("delivery.folded", occasion=latest.occasion))
            for candidate in older
        )
        rows.append(_row(latest, "sending", late=now - latest.due_at > LATE_AFTER, folded_count=len(older)))
    return rows


def _row(
    candidate: Candidate, state: str, *, late: bool = False, folded_count: int = 0, error: str | None = None
) -> NewDelivery:
    key = candidate.delivery_key
    return NewDelivery(
        delivery_key=key,
        target_kind=candidate.target.kind.value,
        target_id=candidate.target.id,
        guild_id=candidate.target.guild_id,
        occasion=candidate.occasion,
        kind=candidate.kind.value,
        days_left=candidate.days_left,
        news_id=candidate.news_id,
        due_at=candidate.due_at,
        state=state,
        nonce=delivery_nonce(key),
        late=late,
        folded_count=folded_count,
        error=error,
    )


# Why a claimed row whose target is no longer active is not sent.
_TARGET_GONE = {
    TargetKind.CHANNEL: phrase("delivery.channel_stopped"),
    TargetKind.USER: phrase("delivery.reminder_cancelled"),
}


def prepare(
    records: Sequence[DeliveryRecord],
    targets: Mapping[tuple[str, int], DeliveryTarget],
    release: ReleaseDate,
    news: Sequence[NewsRecord],
) -> tuple[list[ReadyDelivery], list[tuple[DeliveryRecord, str]]]:
    """The announcement of every claimed row to send, and the rows not to send with the reason why (their
    target is no longer active, the news is gone, or the release moved so the occasion no longer exists).
    ``targets`` are the active targets by :attr:`DeliveryTarget.key`."""
    news_by_id = {item.id: item for item in news}
    ready: list[ReadyDelivery] = []
    dropped: list[tuple[DeliveryRecord, str]] = []
    for record in records:
        target = targets.get((record.target_kind, record.target_id))
        if target is None:
            dropped.append((record, _TARGET_GONE[TargetKind(record.target_kind)]))
        elif record.kind == AnnouncementKind.NEWS:
            item = news_by_id.get(record.news_id or 0)
            if item is None:
                dropped.append((record, phrase("delivery.news_gone")))
            else:
                announcement = Announcement.for_news(record, item, target.timezone, style=target.post_style)
                ready.append(ReadyDelivery(record, target, replace(announcement, language=target.language)))
        elif record.occasion not in {occasion.key for occasion in target.occasions_of(release)}:
            dropped.append((record, phrase("delivery.release_moved")))
        else:
            announcement = Announcement.for_delivery(
                record, release, target.timezone, style=target.post_style
            )
            announcement = replace(announcement, language=target.language)
            live = edits_live_message(target, record.kind)
            if live:
                # The live message shows the countdown as it is now; "posted late" or "N posts missed" would
                # be wrong there (nothing was missed: the message simply shows today's count).
                announcement = replace(announcement, late=False, folded_count=0)
            ready.append(ReadyDelivery(record, target, announcement, live=live))
    return ready, dropped


def upcoming(
    now: datetime, release: ReleaseDate, targets: Sequence[DeliveryTarget], per_target: int
) -> list[PlannedDelivery]:
    """The next ``per_target`` occasions of every target due after ``now``, sorted by instant."""
    planned = [
        PlannedDelivery(
            occasion.due_at,
            target.kind.value,
            target.id,
            target.guild_id,
            occasion.kind,
            occasion.days_left,
            occasion.key,
        )
        for target in targets
        for occasion in next_occasions(target.occasions_of(release), now, per_target)
    ]
    planned.sort(key=plan_order)
    return planned


def plan_order(item: PlannedDelivery) -> tuple[datetime, str, int]:
    return (item.due_at, item.target_kind, item.target_id)
