"""The premiere as a Guild Scheduled Event in every server that set up the countdown (and kept `event` on).

Plain Python: Discord is behind :class:`EventPort`, the database behind
:class:`~bot.db.premiere_events.PremiereEventRepository`. One event per server, whatever the number of countdown
channels. The rules:

* It is created only once the release has an exact time (an instant); at day precision or vaguer it waits and
  says so in status. A premiere already past is not created.
* Exactly once, with the posts' discipline: the row is claimed ('creating') before Discord is asked and the
  event id confirmed after. Discord has no nonce for events, so a claim left by a crash is settled by looking
  for the bot's own event (created by the bot, the marker of the delivery key in its description) before a
  create is tried again.
* A moved date edits the same event; a release that loses its exact time cancels it (status CANCELED); a later
  exact time then gets a new event (a cancelled event cannot be edited back), under a new delivery key.
* An event a moderator deleted is remembered and never re-created, not even for a later date: deleting it was
  the server's decision about the premiere event, not about one date, and only the admin can undo it (setup with
  `event: True` again).
* Missing Create Events: nothing is created and status says why; the next run (every few minutes, at every
  release change and setup) tries again, so granting the permission is enough.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.art import cover_image
from bot.clock import Clock
from bot.db.premiere_events import PremiereEventRecord, PremiereEventRepository
from bot.domain.knowledge import ReleaseInfo
from bot.domain.release import Precision
from bot.i18n import ENGLISH, Language, language
from bot.phrases import phrase
from bot.services.announcements import delivery_nonce
from bot.services.delivery.port import delivery_marker

__all__ = [
    "EVENT_LENGTH",
    "CreatedEvent",
    "EventForbidden",
    "EventMissing",
    "EventPort",
    "EventPortError",
    "EventSpec",
    "EventStatus",
    "EventUnavailable",
    "PremiereEventService",
    "cover_image",
    "event_link",
    "event_marker",
]

log = logging.getLogger(__name__)

# External events need an end: the premiere "lasts" as long as a feature film.
EVENT_LENGTH = timedelta(hours=2)
# Runs without a trigger (a permission granted, an event deleted while the bot was offline) this often.
RECHECK_SECONDS = 300.0


class EventPortError(Exception):
    """Discord refused or failed; ``reason`` is a short text of our own for status."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EventForbidden(EventPortError):
    """The bot lacks Create Events / Manage Events in the server (403)."""


class EventMissing(EventPortError):
    """The event is gone (404): deleted by someone."""


class EventUnavailable(EventPortError):
    """Discord is down or holding the bot back (5xx, no answer, a long rate limit): not this server's problem."""


@dataclass(frozen=True, slots=True)
class EventSpec:
    name: str
    description: str
    location: str
    start: datetime
    end: datetime
    image: bytes | None  # a PNG; only sent when creating


@dataclass(frozen=True, slots=True)
class CreatedEvent:
    event_id: int
    # The client may have sent the create more than once (it repeats some failed answers by itself), so Discord
    # may hold a twin: only then is it worth a look (``_drop_duplicates``).
    maybe_repeated: bool


class EventPort(Protocol):
    """What the service needs from Discord (bot/event_sender.py for the real client)."""

    async def find_own(self, guild_id: int, marker: str) -> list[int]:
        """The ids (oldest first) of the server's scheduled events created by the bot whose description carries
        ``marker``."""
        ...

    async def delete(self, guild_id: int, event_id: int) -> None:
        """Only for a duplicate the bot made itself (see ``_drop_duplicates``)."""
        ...

    async def create(self, guild_id: int, spec: EventSpec) -> CreatedEvent: ...

    async def edit(self, guild_id: int, event_id: int, spec: EventSpec) -> None: ...

    async def cancel(self, guild_id: int, event_id: int) -> None: ...

    async def interested(self, guild_id: int, event_id: int) -> int | None:
        """How many members are interested (fetched with counts); None when Discord cannot say."""
        ...


@dataclass(frozen=True, slots=True)
class EventStatus:
    """The premiere event of one server, for /announcements status."""

    wanted: bool
    state: str  # the repository's state
    link: str | None
    interested: int | None
    reason: str | None  # why nothing is created (yet), or what happened


def event_marker(delivery_key: str) -> str:
    """The short reference the event's description carries: how the bot finds its own event after a crash. The
    posts' recipe (their embed footer's reference, from the same kind of delivery key)."""
    return delivery_marker(delivery_nonce(delivery_key))


def event_link(guild_id: int, event_id: int) -> str:
    return f"https://discord.com/events/{guild_id}/{event_id}"


# Stored as codes (bot.phrases), worded in the reader's language by status.
WAITING_FOR_TIME = phrase("event.waiting_for_time")
WAITING_FOR_DATE = phrase("event.waiting_for_date")
PASSED = phrase("event.passed")
NO_PERMISSION = phrase("event.no_permission")
WITHDRAWN = phrase("event.withdrawn")
MOVED_PAST = phrase("event.moved_past")
DELETED = phrase("event.deleted")


class PremiereEventService:
    def __init__(
        self,
        repository: PremiereEventRepository,
        clock: Clock,
        release_info: Callable[[], Awaitable[ReleaseInfo]],
        port: EventPort,
        *,
        pace: Callable[[], Awaitable[None]] | None = None,
        language_of: Callable[[int], Awaitable[str | None]] | None = None,
    ) -> None:
        self.repository = repository
        # The Discord locale a server's event is written in (its posts' language); None or unset: English.
        self.language_of = language_of
        self.clock = clock
        self.release_info = release_info
        self.port = port
        # Every request counts against Discord's global limit: creates wait for the dispatcher's token bucket.
        self.pace = pace
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._cover: bytes | None = None

    # ---- settings and status (the cog)

    async def set_wanted(self, guild_id: int, wanted: bool | None) -> None:
        await self.repository.set_wanted(guild_id, wanted, self.clock.now())
        self.wake()

    async def note_missing_permission(self, guild_id: int) -> None:
        await self.repository.record_reason(guild_id, NO_PERMISSION, self.clock.now())

    async def status(self, guild_id: int) -> EventStatus | None:
        record = await self.repository.get(guild_id)
        if record is None:
            return None
        link = interested = None
        reason = record.reason
        if record.state == "scheduled" and record.event_id is not None:
            link = event_link(guild_id, record.event_id)
            try:
                interested = await self.port.interested(guild_id, record.event_id)
            except EventMissing:
                await self.event_deleted(guild_id, record.event_id)
                link, reason = None, DELETED
            except EventPortError as error:
                log.info("could not count the premiere event's interested members in %s: %s", guild_id, error)
        state = record.state if link is not None or record.state != "scheduled" else "deleted"
        if state == "deleted":
            reason = DELETED
        return EventStatus(record.wanted, state, link, interested, reason)

    async def event_deleted(self, guild_id: int, event_id: int) -> None:
        """GUILD_SCHEDULED_EVENT_DELETE: the bot never deletes its event (it cancels), so someone else did."""
        if await self.repository.mark_deleted(guild_id, event_id, self.clock.now()):
            log.info(
                "the premiere event %s of guild %s was deleted; it will not be re-created", event_id, guild_id
            )

    async def configured_guilds(self) -> set[int]:
        """Guilds with a premiere event on record."""
        return await self.repository.guild_ids()

    async def forget_guild(self, guild_id: int) -> None:
        await self.repository.forget_guild(guild_id)

    # ---- running

    def wake(self) -> None:
        self._wake.set()

    def start(self, ready: Callable[[], Awaitable[object]] | None = None) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(ready), name="premiere-events")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self, ready: Callable[[], Awaitable[object]] | None) -> None:
        if ready is not None:
            await ready()
        while True:
            self._wake.clear()
            try:
                await self.reconcile()
            except Exception:  # one bad run must not end the task: the next trigger tries again
                log.exception("the premiere events run failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), RECHECK_SECONDS)

    async def reconcile(self, guild_ids: Iterable[int] | None = None) -> None:
        """Bring every wanting server's event in line with the release (one server at a time, serialised)."""
        async with self._lock:
            info = await self.release_info()
            # Drawing the cover takes ~0.3 s of CPU the first time (cached after): off the event loop, which at
            # this moment is busy fanning out the news of the release time.
            self._cover = await asyncio.to_thread(cover_image)
            only = set(guild_ids) if guild_ids is not None else None
            for record in await self.repository.wanted():
                if only is not None and record.guild_id not in only:
                    continue
                try:
                    await self._reconcile_one(record, info)
                except EventForbidden:
                    await self.repository.record_reason(record.guild_id, NO_PERMISSION, self.clock.now())
                except EventUnavailable as error:
                    # Every other server would meet the same outage: one request and one line per run, not one
                    # per server (and no minutes of timeouts in a row). The next run does the rest.
                    log.warning(
                        "premiere events: Discord is unavailable (%s); trying again in %.0f s",
                        error.reason,
                        RECHECK_SECONDS,
                    )
                    return
                except EventPortError as error:  # this server's request refused: the next run tries again
                    log.warning("premiere event in guild %s: %s", record.guild_id, error.reason)

    def spec(self, info: ReleaseInfo, marker: str, t: Language = ENGLISH) -> EventSpec:
        """The event as the server's members see it, in ``t`` (the server's posts' language)."""
        release = info.date
        assert release.instant is not None
        names = {"film": info.film_title, "platform": info.platform}
        name = t.gettext("{film} premieres on {platform}", **names)[:100]
        about = t.gettext(
            "{film}, the feature-length finale of Heartstopper, premieres on {platform}.", **names
        )
        description = f"{about}\n\n{marker}"
        return EventSpec(
            name=name,
            description=description[:1000],
            location=info.platform[:100],
            start=release.instant,
            end=release.instant + EVENT_LENGTH,
            image=self._cover,
        )

    async def _reconcile_one(self, record: PremiereEventRecord, info: ReleaseInfo) -> None:
        now = self.clock.now()
        release = info.date
        guild_id = record.guild_id
        if record.state == "deleted":
            return
        exact = release.precision is Precision.INSTANT and release.instant is not None
        if not exact:
            await self._withdraw(record, release.precision)
            return
        assert release.instant is not None
        if record.state == "canceled":
            await self.repository.start_over(guild_id, now)
            refreshed = await self.repository.get(guild_id)
            assert refreshed is not None
            record = refreshed
        marker = event_marker(record.delivery_key)
        spec = self.spec(info, marker, await self._language(guild_id))
        key = release.key()
        if record.state == "creating":
            # A claim left by a crash (or a run cut short): the event may exist although no id was recorded.
            await self._paced()
            found = next(iter(await self.port.find_own(guild_id, marker)), None)
            if found is not None:
                log.info("found the premiere event %s of guild %s created before a restart", found, guild_id)
                await self.repository.record_event(
                    guild_id, state="scheduled", event_id=found, release_key=None, reason=None, now=now
                )
                record = await self._get(guild_id)
            else:
                await self.repository.record_reason(guild_id, None, now, state="waiting")
                record = await self._get(guild_id)
        if record.state == "scheduled" and record.event_id is not None:
            if record.release_key != key and release.instant <= now:
                # Moved earlier, to a time already past (the data was updated late): the event would announce
                # the premiere after it happened, and Discord refuses a start in the past.
                try:
                    await self._cancel(guild_id, record.event_id, MOVED_PAST)
                except EventUnavailable:
                    raise
                except EventPortError as error:  # already started or over at its old time: leave it be
                    log.info(
                        "kept the premiere event %s of guild %s: %s", record.event_id, guild_id, error.reason
                    )
                    await self.repository.record_event(
                        guild_id,
                        state="scheduled",
                        event_id=record.event_id,
                        release_key=key,
                        reason=None,
                        now=now,
                    )
                return
            if record.release_key != key:
                try:
                    await self._paced()
                    await self.port.edit(guild_id, record.event_id, spec)
                except EventMissing:
                    await self.event_deleted(guild_id, record.event_id)
                    return
                await self.repository.record_event(
                    guild_id,
                    state="scheduled",
                    event_id=record.event_id,
                    release_key=key,
                    reason=None,
                    now=now,
                )
            return
        if release.instant <= now:
            if record.reason != PASSED:  # every run after the release passes by here: write it once
                await self.repository.record_reason(guild_id, PASSED, now)
            return
        if not await self.repository.claim_create(guild_id, record.generation, now):
            return
        try:
            await self._paced()
            created = await self.port.create(guild_id, spec)
        except EventForbidden:
            await self.repository.record_reason(guild_id, NO_PERMISSION, now, state="waiting")
            return
        except EventPortError:
            # Unknown whether Discord made it: the claim stays, and the next run looks before creating again.
            raise
        await self.repository.record_event(
            guild_id,
            state="scheduled",
            event_id=created.event_id,
            release_key=key,
            reason=None,
            now=self.clock.now(),
        )
        log.info("created the premiere event %s in guild %s", created.event_id, guild_id)
        if created.maybe_repeated:
            await self._drop_duplicates(guild_id, marker, created.event_id)

    async def _drop_duplicates(self, guild_id: int, marker: str, kept: int) -> None:
        """discord.py repeats a create answered 500/502/504 by itself, and Discord may have made the event
        before it failed: one look after such a create removes twins (the bot's own, same marker)."""
        try:
            await self._paced()
            twins = [event_id for event_id in await self.port.find_own(guild_id, marker) if event_id != kept]
            for event_id in twins:
                await self._paced()
                await self.port.delete(guild_id, event_id)
                log.warning("deleted a duplicate premiere event %s in guild %s", event_id, guild_id)
        except EventPortError as error:  # the next create of this server would not happen: say it, go on
            log.warning("could not check guild %s for a duplicate premiere event: %s", guild_id, error.reason)

    async def _language(self, guild_id: int) -> Language:
        return language(await self.language_of(guild_id) if self.language_of is not None else None)

    async def _withdraw(self, record: PremiereEventRecord, precision: Precision) -> None:
        now = self.clock.now()
        waiting = WAITING_FOR_TIME if precision is Precision.DAY else WAITING_FOR_DATE
        event_id = record.event_id
        if record.state == "creating":
            await self._paced()
            event_id = next(
                iter(await self.port.find_own(record.guild_id, event_marker(record.delivery_key))), None
            )
            if event_id is None:
                await self.repository.record_reason(record.guild_id, waiting, now, state="waiting")
                return
        if record.state in ("scheduled", "creating") and event_id is not None:
            await self._cancel(record.guild_id, event_id, WITHDRAWN)
            return
        if record.state == "waiting" and record.reason != waiting:
            await self.repository.record_reason(record.guild_id, waiting, now)

    async def _cancel(self, guild_id: int, event_id: int, reason: str) -> None:
        now = self.clock.now()
        try:
            await self._paced()
            await self.port.cancel(guild_id, event_id)
        except EventMissing:
            await self.repository.mark_deleted(guild_id, event_id, now)
            return
        await self.repository.record_event(
            guild_id, state="canceled", event_id=event_id, release_key=None, reason=reason, now=now
        )
        log.info("cancelled the premiere event %s of guild %s: %s", event_id, guild_id, reason)

    async def _get(self, guild_id: int) -> PremiereEventRecord:
        record = await self.repository.get(guild_id)
        assert record is not None
        return record

    async def _paced(self) -> None:
        if self.pace is not None:
            await self.pace()
