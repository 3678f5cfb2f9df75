"""The release-countdown announcements service: what the admin and fan commands call. No Discord, no SQL.

``AnnouncementService(database, clock, release_provider)`` validates input, stores settings through
:class:`~bot.db.announcements.AnnouncementRepository`, and answers status/preview questions with plain
dataclasses. Posting is the :class:`~bot.services.delivery.Dispatcher`'s job; after every change of a setting
the service calls ``on_change`` (wire it to ``dispatcher.wake``) so the dispatcher re-plans at once.

Every method that takes user input raises :class:`AnnouncementInputError`, a :class:`~bot.errors.UserFacingError`
(``str(error)`` is a friendly sentence), and changes nothing when the input is bad. Discord-side checks (can the
bot post in the channel, is the role below the bot's, is it @everyone) belong to the cog.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time

from bot.clock import Clock
from bot.db.announcements import (
    AnnouncementRepository,
    DeliveryRecord,
    NewsRecord,
    ReminderRecord,
    SubscriptionRecord,
)
from bot.db.database import Database
from bot.domain.release import Precision, ReleaseDate
from bot.i18n import POST_LANGUAGES, Phrase, translatable
from bot.phrases import phrase
from bot.services import schedules
from bot.services.countdown import release_words
from bot.services.schedules import (
    AnnouncementInputError,
    AnnouncementKind,
    Occasion,
    Schedule,
    countdown_occasions,
    format_local_time,
    next_occasions,
    parse_local_time,
    parse_timezone,
    reminder_occasions,
    stored_countdown_occasions,
)

__all__ = [
    "Announcement",
    "AnnouncementInputError",
    "AnnouncementKind",
    "AnnouncementNotConfigured",
    "AnnouncementService",
    "ButtonContext",
    "DeliverySummary",
    "GuildStatus",
    "PlannedPost",
    "ReleaseProvider",
    "ReminderNotSet",
    "ReminderStatus",
    "Schedule",
    "SetupResult",
    "SubscriptionStatus",
    "delivery_nonce",
]

#: How a server's posts look (an admin's choice in setup): Discord's layout components with a picture, or the
#: classic embed.
CARD_STYLE = "card"
CLASSIC_STYLE = "classic"
POST_STYLES = (CARD_STYLE, CLASSIC_STYLE)
#: A style's name in setup's list of changes (the English is the stored name, as before).
STYLE_NAMES = {CARD_STYLE: translatable("card"), CLASSIC_STYLE: translatable("classic")}

ReleaseProvider = Callable[[], Awaitable[ReleaseDate]]

MAX_REMINDER_MILESTONE_DAYS = 365


class AnnouncementNotConfigured(AnnouncementInputError):
    """The guild (or channel) has no countdown configured."""


class ReminderNotSet(AnnouncementInputError):
    """A fan's reminder request that cannot be used; nothing was stored."""

    title = translatable("No reminder set")


def _watchable(days_left: int | None, due_at: datetime, release: ReleaseDate) -> bool:
    """Whether a post links the watch button: on release day, and not before an exact release instant (a
    release-day post in the morning of a 17:00 release, or an hour-before reminder: it is not out yet)."""
    return days_left == 0 and (release.instant is None or due_at >= release.instant)


@dataclass(frozen=True, slots=True)
class Announcement:
    """Everything a renderer needs to word one post (the renderer lives elsewhere).

    * ``kind``: milestone / daily / weekly / release_day / news / reminder.
    * ``days_left``: whole days from the post's local day to the local release day (0 on release day);
      None for news.
    * ``release``: the release as currently known; ``previous_release``: what it was before, for news.
    * ``occasion_key``: the stable key of the occasion ('countdown:7:2026-05-01', 'news:3', ...).
    * ``due_at``: when it was scheduled (UTC); ``late``: it goes out noticeably after that (the bot was down);
      ``folded_count``: how many other missed posts of the same channel it stands for.
    * ``show_watch_link``: the release-day post (and release-day reminder): add the link button to the platform.
    * ``timezone``: the subscriber's time zone, for wording local times.
    * ``style``: how the server's posts look, ``card`` or ``classic`` (the admin's choice).
    """

    kind: AnnouncementKind
    days_left: int | None
    release: ReleaseDate
    previous_release: ReleaseDate | None
    occasion_key: str
    due_at: datetime
    late: bool = False
    folded_count: int = 0
    timezone: str = "Etc/UTC"
    show_watch_link: bool = False
    style: str = CARD_STYLE
    #: The language to word it in (a Discord locale); None: the server's preferred locale, or English.
    language: str | None = None

    @classmethod
    def for_occasion(
        cls,
        occasion: Occasion,
        release: ReleaseDate,
        timezone: str,
        *,
        late: bool = False,
        folded_count: int = 0,
        style: str = CARD_STYLE,
    ) -> Announcement:
        return cls(
            kind=occasion.kind,
            days_left=occasion.days_left,
            release=release,
            previous_release=None,
            occasion_key=occasion.key,
            due_at=occasion.due_at,
            late=late,
            folded_count=folded_count,
            timezone=timezone,
            show_watch_link=_watchable(occasion.days_left, occasion.due_at, release),
            style=style,
        )

    @classmethod
    def for_delivery(
        cls, delivery: DeliveryRecord, release: ReleaseDate, timezone: str, *, style: str = CARD_STYLE
    ) -> Announcement:
        """The countdown post or reminder a claimed delivery stands for, worded as it was claimed."""
        return cls(
            kind=AnnouncementKind(delivery.kind),
            days_left=delivery.days_left,
            release=release,
            previous_release=None,
            occasion_key=delivery.occasion,
            due_at=delivery.due_at,
            late=delivery.late,
            folded_count=delivery.folded_count,
            timezone=timezone,
            show_watch_link=_watchable(delivery.days_left, delivery.due_at, release),
            style=style,
        )

    @classmethod
    def for_news(
        cls, delivery: DeliveryRecord, news: NewsRecord, timezone: str, *, style: str = CARD_STYLE
    ) -> Announcement:
        """The news post a claimed delivery stands for: the release as it became, and as it was before."""
        return cls(
            kind=AnnouncementKind.NEWS,
            days_left=None,
            release=news.current,
            previous_release=news.previous,
            occasion_key=delivery.occasion,
            due_at=delivery.due_at,
            late=delivery.late,
            folded_count=delivery.folded_count,
            timezone=timezone,
            style=style,
        )


def delivery_nonce(delivery_key: str) -> str:
    """The Discord nonce of a delivery: deterministic, 24 hex characters (Discord allows up to 25)."""
    return hashlib.blake2b(delivery_key.encode("utf-8"), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class PlannedPost:
    due_at: datetime  # UTC
    kind: AnnouncementKind
    days_left: int
    occasion_key: str


@dataclass(frozen=True, slots=True)
class DeliverySummary:
    """One past delivery as shown in status."""

    state: str  # sent | failed | skipped | folded | closed_dm
    kind: str
    days_left: int | None
    due_at: datetime
    at: datetime
    message_id: int | None
    error: str | None
    late: bool
    next_attempt_at: datetime | None = None  # a post waiting to be retried

    @classmethod
    def of(cls, record: DeliveryRecord | None) -> DeliverySummary | None:
        if record is None:
            return None
        return cls(
            state=record.state,
            kind=record.kind,
            days_left=record.days_left,
            due_at=record.due_at,
            at=record.updated_at,
            message_id=record.message_id,
            error=record.error,
            late=record.late,
            next_attempt_at=record.next_attempt_at,
        )


@dataclass(frozen=True, slots=True)
class SubscriptionStatus:
    guild_id: int
    channel_id: int
    role_id: int | None
    schedule: Schedule
    schedule_description: str
    local_time: str  # 'HH:MM'
    timezone: str
    state: str  # active | paused | disabled
    state_reason: str | None  # why paused/disabled (e.g. the 403 reason)
    next_posts: tuple[PlannedPost, ...]  # up to three, empty unless active
    last_delivery: DeliverySummary | None  # latest sent/failed/skipped post
    last_failure: DeliverySummary | None
    waiting_for_date: bool  # the release day is not known yet: only news will be posted
    retrying: DeliverySummary | None = None  # a post whose last attempt failed, waiting for the next one
    notice: str | None = None  # something admins should know while it posts (a deleted ping role)
    language: str | None = None  # the posts' Discord locale; None: the server's preferred locale
    live_message_id: int | None = None  # schedule 'live': the message its updates edit (None: not posted yet)
    post_style: str = CARD_STYLE


@dataclass(frozen=True, slots=True)
class GuildStatus:
    guild_id: int
    release: ReleaseDate
    subscriptions: tuple[SubscriptionStatus, ...] = field(default_factory=tuple)

    @property
    def configured(self) -> bool:
        return bool(self.subscriptions)


@dataclass(frozen=True, slots=True)
class SetupResult:
    status: SubscriptionStatus
    replaced: bool  # True when the channel was already configured and its settings were updated
    #: What a re-run changed, in words ("time: 09:00 → 18:00"); empty for a new channel or when nothing changed.
    changes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReminderStatus:
    user_id: int
    milestone_days: int | None
    timezone: str
    state: str  # active | closed_dm | gone
    next_reminders: tuple[PlannedPost, ...]
    waiting_for_date: bool
    lead_hours: int | None = None


@dataclass(frozen=True, slots=True)
class ButtonContext:
    """What the fan buttons under a post (or /countdown) act on in one channel.

    ``role_id``: the countdown role "Ping me here" gives (None: the server has none for this channel);
    ``timezone``: the zone a release-day reminder set from a button uses (the channel's countdown zone: the only
    hint of a fan's zone a button has).
    """

    role_id: int | None
    timezone: str


DEFAULT_LOCAL_TIME = "09:00"
DEFAULT_TIMEZONE = "Etc/UTC"


#: ``setup(language=SERVER_LANGUAGE)``: post in the server's preferred locale (the default).
SERVER_LANGUAGE = "server"


def post_language_name(language: str | None) -> str:
    """A channel's post language as admins read it: "Español", or the server's own (a phrase, worded for each
    reader)."""
    return POST_LANGUAGES.get(language or "") or Phrase(translatable("the server's language"))


#: How setup's reply names each setting it changed, with its old and new value.
_CHANGE_TEMPLATES = {
    "schedule": translatable("schedule: {old} → {new}"),
    "time": translatable("time: {old} → {new}"),
    "time zone": translatable("time zone: {old} → {new}"),
    "ping": translatable("ping: {old} → {new}"),
    "style": translatable("style: {old} → {new}"),
    "language": translatable("language: {old} → {new}"),
}


def _setup_changes(before: SubscriptionRecord, after: SubscriptionRecord) -> tuple[str, ...]:
    """What a re-run of setup changed, in the admin's words (phrases: worded in the admin's language)."""

    def role(role_id: int | None) -> str:
        return f"<@&{role_id}>" if role_id else Phrase(translatable("nobody"))

    def style(name: str) -> str:
        return Phrase(STYLE_NAMES[name]) if name in STYLE_NAMES else name

    pairs = (
        ("schedule", Schedule.parse(before.schedule).describe(), Schedule.parse(after.schedule).describe()),
        ("time", before.local_time, after.local_time),
        ("time zone", before.timezone, after.timezone),
        ("ping", role(before.role_id), role(after.role_id)),
        ("style", style(before.post_style), style(after.post_style)),
        ("language", post_language_name(before.language), post_language_name(after.language)),
    )
    return tuple(
        Phrase(_CHANGE_TEMPLATES[name], {"old": old, "new": new}) for name, old, new in pairs if old != new
    )


def _coerce_schedule(schedule: Schedule | str | None) -> Schedule:
    if schedule is None:
        return Schedule.milestones()
    if isinstance(schedule, Schedule):
        return schedule
    if isinstance(schedule, str):
        return Schedule.parse(schedule)
    raise AnnouncementInputError(f"{schedule!r} is not a schedule")


class AnnouncementService:
    """Admin and fan operations on countdown announcements.

    ``release_provider`` is an async callable returning the current :class:`ReleaseDate` from the knowledge base.
    ``on_change`` (also settable later as an attribute) is called after any change of settings; wire it to
    ``Dispatcher.wake``.
    """

    def __init__(
        self,
        database: Database,
        clock: Clock,
        release_provider: ReleaseProvider,
        *,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.release_provider = release_provider
        self.on_change = on_change
        self.repository = AnnouncementRepository(database)

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    # ---- admin

    async def setup(
        self,
        guild_id: int,
        channel_id: int,
        role_id: int | None = None,
        schedule: Schedule | str | None = None,
        local_time: str | time | None = None,
        timezone: str | None = None,
        style: str | None = None,
        language: str | None = None,
    ) -> SetupResult:
        """Configure (or reconfigure) the countdown in one channel.

        Re-running it for a configured channel changes only the options given (``None`` keeps the stored
        value: role, schedule, time, time zone); a new channel gets the defaults (no ping, milestones, 09:00,
        Etc/UTC).

        ``schedule``: a :class:`Schedule` or its text form ('milestones', 'milestones:30,7,1', 'daily:14',
        'weekly:friday', 'live'); default milestones 100, 30, 14, 7, 3, 2, 1 days before and release day.
        ``local_time``: 'HH:MM' (24 h), '9am', '9:30 pm'. ``timezone``: an IANA name. ``style``: how the
        server's posts look, 'card' or 'classic'; server-wide (every channel of the server follows it), None keeps
        the server's (a first channel: 'card'). ``language``: the posts' Discord locale ("es-ES"),
        ``SERVER_LANGUAGE`` for the server's preferred locale, None to keep it.
        Refused (:class:`AnnouncementInputError`, nothing stored) when an input is bad, when the film is
        already out, or when the schedule has no post left before release. A release not yet known to the day
        is accepted: the channel gets news when the date is announced, and the countdown from then on.
        """
        for name, value in (("guild", guild_id), ("channel", channel_id)):
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise AnnouncementInputError(f"{value!r} is not a {name} id")
        existing = next(
            (
                record
                for record in await self.repository.subscriptions_for_guild(guild_id)
                if record.channel_id == channel_id
            ),
            None,
        )
        if existing is not None:
            role_id = existing.role_id if role_id is None else role_id
            schedule = existing.schedule if schedule is None else schedule
            local_time = existing.local_time if local_time is None else local_time
            timezone = existing.timezone if timezone is None else timezone
        if style is not None and style not in POST_STYLES:
            raise AnnouncementInputError(f"{style!r} is not a post style: choose card or classic.")
        style = style or await self.repository.post_style(guild_id) or CARD_STYLE
        parsed_schedule = _coerce_schedule(schedule)
        at = (
            local_time if isinstance(local_time, time) else parse_local_time(local_time or DEFAULT_LOCAL_TIME)
        )
        zone = parse_timezone(timezone or DEFAULT_TIMEZONE)
        if role_id is not None and (
            isinstance(role_id, bool) or not isinstance(role_id, int) or role_id <= 0
        ):
            raise AnnouncementInputError(f"{role_id!r} is not a role id")
        now = self.clock.now()
        release = await self.release_provider()
        if release.is_dated:
            upcoming = next_occasions(countdown_occasions(parsed_schedule, release, at, zone), now, 1)
            if not upcoming and release.is_out(now):
                raise AnnouncementInputError(
                    translatable(
                        "Heartstopper Forever is already out (released {release}), so there is nothing left to "
                        "count down to."
                    ),
                    release=release_words(release),
                )
            if not upcoming:
                raise AnnouncementInputError(
                    translatable(
                        "That schedule has no posts left before the release {release}: the last one was due "
                        "before now. Pick an earlier time of day or another schedule."
                    ),
                    release=release_words(release),
                )
        if language is not None and language != SERVER_LANGUAGE and language not in POST_LANGUAGES:
            raise AnnouncementInputError(
                f"{language!r} is not a language I post in: pick one of {', '.join(POST_LANGUAGES)}."
            )
        record, replaced = await self.repository.upsert_subscription(
            guild_id=guild_id,
            channel_id=channel_id,
            role_id=role_id,
            schedule=parsed_schedule.key(),
            local_time=format_local_time(at),
            timezone=zone,
            now=now,
            post_style=style,
        )
        if language is not None:
            chosen = None if language == SERVER_LANGUAGE else language
            await self.repository.set_language(guild_id, channel_id, chosen)
            record = replace(record, language=chosen)
        self._changed()
        changes = _setup_changes(existing, record) if existing is not None else ()
        return SetupResult(
            status=await self._status_of(record, release, now), replaced=replaced, changes=changes
        )

    async def status(self, guild_id: int) -> GuildStatus:
        """The guild's configuration(s), each with its next three posts, last delivery and last failure."""
        now = self.clock.now()
        release = await self.release_provider()
        records = await self.repository.subscriptions_for_guild(guild_id)
        statuses = [await self._status_of(record, release, now) for record in records]
        return GuildStatus(guild_id=guild_id, release=release, subscriptions=tuple(statuses))

    async def preview(self, guild_id: int, channel_id: int | None = None) -> Announcement | None:
        """The next countdown post of the guild (or of one channel), as an :class:`Announcement`; None when
        nothing is scheduled (release day not known yet, or the film is out). Raises
        :class:`AnnouncementNotConfigured` when there is no configuration."""
        now = self.clock.now()
        release = await self.release_provider()
        records = await self.repository.subscriptions_for_guild(guild_id)
        if channel_id is not None:
            records = [record for record in records if record.channel_id == channel_id]
        if not records:
            raise AnnouncementNotConfigured(
                translatable(
                    "The countdown is not set up here yet; an admin can set it up with the setup command."
                )
            )
        best: tuple[Occasion, SubscriptionRecord] | None = None
        for record in records:
            occasions = self._occasions(record, release)
            upcoming = next_occasions(occasions, now, 1)
            if upcoming and (best is None or upcoming[0].due_at < best[0].due_at):
                best = (upcoming[0], record)
        if best is None:
            return None
        occasion, record = best
        return replace(
            Announcement.for_occasion(occasion, release, record.timezone, style=record.post_style),
            language=record.language,
        )

    async def post_style(self, guild_id: int | None) -> str:
        """How the server's posts look ('card' unless its admins chose 'classic'); /countdown follows it."""
        if guild_id is None:
            return CARD_STYLE
        return await self.repository.post_style(guild_id) or CARD_STYLE

    async def post_languages(self, guild_id: int) -> set[str | None]:
        """The languages the guild's channels chose for their posts (None: the server's own)."""
        return {record.language for record in await self.repository.subscriptions_for_guild(guild_id)}

    async def stop(self, guild_id: int, channel_id: int | None = None) -> int:
        """Stop the countdown in one channel, or in every channel of the guild. Returns how many configurations
        were removed (0: there was nothing to stop)."""
        removed = await self.repository.delete_subscriptions(guild_id, channel_id)
        if removed:
            self._changed()
        return removed

    async def paused_channels(self, guild_id: int) -> list[int]:
        """Channels of the guild whose countdown is paused for a missing permission."""
        records = await self.repository.subscriptions_for_guild(guild_id)
        return [record.channel_id for record in records if record.state == "paused"]

    async def resume(self, guild_id: int, channel_ids: Sequence[int]) -> int:
        """The bot may post in these paused channels again: they resume by themselves (posts missed meanwhile
        follow the usual grace and folding). Returns how many resumed."""
        resumed = await self.repository.resume_subscriptions(guild_id, channel_ids, self.clock.now())
        if resumed:
            self._changed()
        return resumed

    async def guilds_to_recheck(self) -> set[int]:
        """Guilds whose countdowns may need a look when they arrive: a paused channel or a ping role."""
        return await self.repository.guilds_with_paused_or_ping()

    async def ping_roles(self, guild_id: int) -> set[int]:
        """The roles the guild's countdowns ping."""
        records = await self.repository.subscriptions_for_guild(guild_id)
        return {record.role_id for record in records if record.role_id is not None}

    async def role_deleted(self, guild_id: int, role_id: int) -> int:
        """A ping role was deleted: stop pinging it (it would show as a dead mention), and say so in status."""
        notice = phrase("notice.ping_role_deleted")
        dropped = await self.repository.drop_role(guild_id, role_id, notice, self.clock.now())
        if dropped:
            self._changed()
        return dropped

    async def button_context(self, guild_id: int | None, channel_id: int) -> ButtonContext:
        """The role and time zone the fan buttons in ``channel_id`` use: that channel's countdown settings, else
        the server's when all its countdowns agree (a /countdown typed in another channel), else none and UTC."""
        if guild_id is None:
            return ButtonContext(None, DEFAULT_TIMEZONE)
        records = await self.repository.subscriptions_for_guild(guild_id)
        own = [record for record in records if record.channel_id == channel_id]
        chosen = own or records
        roles = {record.role_id for record in chosen}
        zones = {record.timezone for record in chosen}
        return ButtonContext(
            role_id=roles.pop() if len(roles) == 1 else None,
            timezone=zones.pop() if len(zones) == 1 else DEFAULT_TIMEZONE,
        )

    async def configured_guilds(self) -> set[int]:
        """Guilds with a countdown set up (whatever its state)."""
        return await self.repository.guilds_with_subscriptions()

    async def forget_guild(self, guild_id: int) -> None:
        """The bot left the guild: remove its settings and its delivery history."""
        await self.repository.forget_guild(guild_id)
        self._changed()

    # ---- fans

    async def remindme(
        self,
        user_id: int,
        milestone_days: int | None = None,
        *,
        timezone: str = "Etc/UTC",
        lead_hours: int | None = None,
        language: str | None = None,
    ) -> ReminderStatus:
        """DM ``user_id`` on release day, and ``milestone_days`` days before it if given (1..365), or
        ``lead_hours`` before the exact release time (only once the data pins the release to an hour).

        For a release known to the instant the release-day DM goes out at that instant; for one known to the
        day, at 09:00 in ``timezone``. Calling it again replaces the reminder (and re-opens a reminder that
        was stopped by closed DMs). Refused with :class:`ReminderNotSet`, nothing stored, when an input is bad
        or the reminder could no longer go out."""
        if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id <= 0:
            raise ReminderNotSet(f"{user_id!r} is not a user id")
        if milestone_days is not None and (
            isinstance(milestone_days, bool)
            or not isinstance(milestone_days, int)
            or not 1 <= milestone_days <= MAX_REMINDER_MILESTONE_DAYS
        ):
            raise ReminderNotSet(
                translatable("The extra reminder can be 1 to {most} days before release; got {value}."),
                most=MAX_REMINDER_MILESTONE_DAYS,
                value=repr(milestone_days),
            )
        try:
            zone = parse_timezone(timezone)
        except AnnouncementInputError as error:
            # The same sentence, under the reminder's heading.
            raise ReminderNotSet(error.template, **error.params) from error
        if lead_hours is not None and (
            isinstance(lead_hours, bool) or not isinstance(lead_hours, int) or not 1 <= lead_hours <= 24
        ):
            raise ReminderNotSet(
                translatable("The hour reminder can be 1 to 24 hours before release; got {value}."),
                value=repr(lead_hours),
            )
        now = self.clock.now()
        release = await self.release_provider()
        if lead_hours is not None and release.precision is not Precision.INSTANT:
            if release.is_dated:
                template = translatable(
                    "Netflix has not announced the release time yet (only the day is known: {release}), so I "
                    "can't count hours back from it. Choose `when: 1 day before` or release day for now, and "
                    "ask again once the time is announced."
                )
            else:
                template = translatable(
                    "Netflix has not announced the release time yet (not even the day is known: {release}), so "
                    "I can't count hours back from it. Choose `when: 1 day before` or release day for now, and "
                    "ask again once the time is announced."
                )
            raise ReminderNotSet(template, release=release_words(release))
        occasions = reminder_occasions(release, milestone_days, zone, lead_hours)
        if release.is_dated and not next_occasions(occasions, now, 1):
            if release.is_out(now):
                raise ReminderNotSet(
                    translatable(
                        "Heartstopper Forever is already out (released {release}): go and watch it!"
                    ),
                    release=release_words(release),
                )
            raise ReminderNotSet(
                translatable(
                    "That reminder would have been due already; ask for release day only, or fewer days before."
                )
            )
        record = await self.repository.upsert_reminder(
            user_id=user_id,
            milestone_days=milestone_days,
            timezone=zone,
            now=now,
            lead_hours=lead_hours,
            language=language,
        )
        self._changed()
        return self._reminder_status(record, release, now)

    async def remindme_off(self, user_id: int) -> bool:
        """Cancel a personal reminder; False when there was none."""
        removed = await self.repository.delete_reminder(user_id)
        if removed:
            self._changed()
        return removed

    async def reminder_status(self, user_id: int) -> ReminderStatus | None:
        record = await self.repository.reminder(user_id)
        if record is None:
            return None
        return self._reminder_status(record, await self.release_provider(), self.clock.now())

    @staticmethod
    def timezone_suggestions(prefix: str, limit: int = 25) -> list[str]:
        """Autocomplete choices for a time zone option (at most 25, Discord's limit)."""
        return schedules.timezone_suggestions(prefix, limit)

    # ---- helpers

    @staticmethod
    def _occasions(record: SubscriptionRecord, release: ReleaseDate) -> tuple[Occasion, ...]:
        return stored_countdown_occasions(record.schedule, record.local_time, record.timezone, release)

    async def _status_of(
        self, record: SubscriptionRecord, release: ReleaseDate, now: datetime
    ) -> SubscriptionStatus:
        schedule = Schedule.parse(record.schedule)
        upcoming: tuple[PlannedPost, ...] = ()
        if record.state == "active":
            upcoming = tuple(
                PlannedPost(o.due_at, o.kind, o.days_left, o.key)
                for o in next_occasions(self._occasions(record, release), now, 3)
            )
        last = await self.repository.latest_delivery(
            "channel", record.channel_id, ("sent", "failed", "skipped")
        )
        failure = await self.repository.latest_delivery("channel", record.channel_id, ("failed",))
        pending = await self.repository.latest_delivery("channel", record.channel_id, ("sending",))
        retrying = pending if pending is not None and pending.next_attempt_at is not None else None
        return SubscriptionStatus(
            guild_id=record.guild_id,
            channel_id=record.channel_id,
            role_id=record.role_id,
            schedule=schedule,
            schedule_description=schedule.describe(),
            local_time=record.local_time,
            timezone=record.timezone,
            state=record.state,
            state_reason=record.state_reason,
            next_posts=upcoming,
            last_delivery=DeliverySummary.of(last),
            last_failure=DeliverySummary.of(failure),
            waiting_for_date=not release.is_dated,
            language=record.language,
            retrying=DeliverySummary.of(retrying),
            notice=record.notice,
            live_message_id=record.live_message_id if schedule.is_live else None,
            post_style=record.post_style,
        )

    @staticmethod
    def _reminder_status(record: ReminderRecord, release: ReleaseDate, now: datetime) -> ReminderStatus:
        upcoming: tuple[PlannedPost, ...] = ()
        if record.state == "active":
            upcoming = tuple(
                PlannedPost(o.due_at, o.kind, o.days_left, o.key)
                for o in next_occasions(
                    reminder_occasions(release, record.milestone_days, record.timezone, record.lead_hours),
                    now,
                    3,
                )
            )
        return ReminderStatus(
            user_id=record.user_id,
            milestone_days=record.milestone_days,
            lead_hours=record.lead_hours,
            timezone=record.timezone,
            state=record.state,
            next_reminders=upcoming,
            waiting_for_date=not release.is_dated,
        )
