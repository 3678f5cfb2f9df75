"""The discord.py client and the bot's composition root.

``FanBot`` assembles every dependency once (database, services, the announcement dispatcher and its Discord
sender), after discord.py's ``examples/advanced_startup.py``; cogs only receive them. It starts the dispatcher
once the extensions are loaded and stops it before the database closes, so delivery does not depend on any cog.

It is an ``AutoShardedBot``: Discord refuses a gateway connection without sharding once a bot is in 2,500
servers, so the bot asks ``GET /gateway/bot`` for the recommended shard count at every start (one shard per 1,000
servers) and runs that many connections in this one process. Shards identify as fast as Discord's
``max_concurrency`` allows (:class:`IdentifyPacer`), not discord.py's fixed 5 seconds apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import functools
import gc
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import rendering
from bot.art import BACKGROUND_FILENAME, CardArt
from bot.clock import Clock, SystemClock
from bot.cogs.replies import reader_language, reply_quietly
from bot.command_sync import sync_if_changed
from bot.command_translator import CatalogTranslator
from bot.config import Settings
from bot.db import Database
from bot.db.announcements import AnnouncementRepository
from bot.db.bot_state import BotStateRepository
from bot.db.gaps import GapRepository
from bot.db.knowledge import DataImport, KnowledgeRepository
from bot.db.premiere_events import PremiereEventRepository
from bot.delivery_sender import DiscordSender
from bot.domain.release import ReleaseDate
from bot.errors import UserFacingError
from bot.event_sender import DiscordEventPort
from bot.health import HealthReporter
from bot.metrics import COMMAND_STARTED_KEY, BotMetrics, MetricsServer
from bot.observability import BotLog
from bot.services.announcements import AnnouncementService
from bot.services.answering import Answerer
from bot.services.calendar import ReleaseCalendar
from bot.services.countdown import OverdueReleaseWatch, Phase, countdown_status
from bot.services.delivery import Dispatcher
from bot.services.gaps import AskSuggestions, GapService
from bot.services.knowledge import (
    KnowledgeService,
    OutsideImport,
    ReloadReport,
    describe_import,
    is_data_file_error,
)
from bot.services.premiere_events import PremiereEventService

if TYPE_CHECKING:
    from bot.services.editing import KnowledgeEditor

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.cogs.fan",
    "bot.cogs.announcements",
    "bot.cogs.reminders",
    "bot.cogs.fan_buttons",
    "bot.cogs.owner",
    "bot.cogs.knowledge_admin",
)


def release_freed_memory() -> None:
    """Hand the memory that start-up used and freed (the data import, migrations) back to the system.

    CPython and glibc keep freed memory for reuse; a long-running bot never needs that start-up peak again.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class FanTree(app_commands.CommandTree):
    """Turns every failure into one friendly ephemeral reply; a bug's trace goes to the log only."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        # Runs before every command's checks: the start of its latency (bot/observability.py ends it).
        interaction.extras[COMMAND_STARTED_KEY] = time.perf_counter()
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        t = reader_language(interaction)
        title = t.gettext(UserFacingError.title)
        if isinstance(cause, UserFacingError):
            # A service's own message, worded in the reader's language (its params too), under its translated title.
            text, title = cause.message_in(t), cause.title_in(t)
        elif isinstance(cause, app_commands.MissingPermissions):
            text = t.gettext("Only server admins (Manage Server permission) can use this command.")
        elif isinstance(cause, app_commands.NoPrivateMessage):
            text = t.gettext("This command works in a server, not in direct messages.")
        elif isinstance(cause, app_commands.CommandOnCooldown):
            text = t.gettext(
                "Slow down a little: try again in {seconds} seconds.",
                seconds=t.number(round(cause.retry_after)),
            )
        elif isinstance(cause, app_commands.TransformerError):
            # discord.py could not resolve a channel, role or member option: usually one the bot cannot see.
            text = t.gettext(
                "I can't see the channel, role or member you picked. Check my permissions there, or pick another."
            )
        elif isinstance(cause, app_commands.CheckFailure):
            text = t.gettext("You can't use this command here.")
        else:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.exception("command /%s failed", command, exc_info=error)
            text = t.gettext(
                "Something went wrong on my side while answering. It has been logged; please try again later."
            )
        await reply_quietly(interaction, embed=rendering.error_embed(text, title=title), ephemeral=True)


# Discord lets ``max_concurrency`` shards IDENTIFY per this many seconds (one per rate-limit bucket,
# ``shard_id % max_concurrency``).
IDENTIFY_WINDOW_SECONDS = 5.0


class IdentifyPacer:
    """Waits before a shard's IDENTIFY only as long as Discord's session start limit needs.

    discord.py sleeps 5 s before every IDENTIFY but the first, whatever ``max_concurrency`` allows: 16 shards
    would take 75 s to start where Discord allows them all at once. Here a shard waits only while another shard
    of its bucket identified less than 5 s ago. ``max_concurrency`` is asked for once, and only when a second
    shard identifies (a one-shard bot has one bucket).
    """

    def __init__(
        self,
        max_concurrency: Callable[[], Awaitable[int]],
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._fetch_max_concurrency = max_concurrency
        self._monotonic = monotonic
        self._sleep = sleep
        self._max_concurrency: int | None = None
        self._last_identify: dict[int, float] = {}  # bucket -> when its last IDENTIFY went out
        self._lock = asyncio.Lock()

    async def wait(self, shard_id: int, shard_count: int) -> None:
        async with self._lock:
            bucket = 0
            if shard_count > 1:
                if self._max_concurrency is None:
                    self._max_concurrency = max(1, await self._fetch_max_concurrency())
                bucket = shard_id % self._max_concurrency
            last = self._last_identify.get(bucket)
            if last is not None:
                delay = last + IDENTIFY_WINDOW_SECONDS - self._monotonic()
                if delay > 0:
                    await self._sleep(delay)
            self._last_identify[bucket] = self._monotonic()


class FanBot(commands.AutoShardedBot):
    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        force_command_sync: bool = False,
        database: Database | None = None,
        **options: Any,
    ) -> None:
        # A text-only bot: silence discord.py's start-up warnings about optional voice libraries.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True  # channels and roles for announcements; no privileged intents needed
        intents.guild_scheduled_events = True  # a moderator deleting the premiere event (not privileged)
        options.setdefault("allowed_mentions", rendering.NO_MENTIONS)
        # A 429 longer than this raises discord.RateLimited instead of sleeping inside discord.py (for a global
        # one, holding its lock): the dispatcher then holds every post itself until Retry-After (30 s is the
        # smallest discord.py allows).
        options.setdefault("max_ratelimit_timeout", 30.0)
        # Recorded always (a few counters, in the bot's own registry); served only with METRICS_PORT, which also
        # lets discord.py's HTTP client report every 429 to them.
        metrics = BotMetrics()
        if settings.metrics_port is not None:
            options.setdefault("http_trace", metrics.http_trace())
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=FanTree,
            help_command=None,
            owner_ids=set(settings.owner_ids) or None,
            **options,
        )
        self.settings = settings
        self.metrics = metrics
        self.metrics_server: MetricsServer | None = None
        self.clock: Clock = clock or SystemClock(settings.clock_offset)
        self.force_command_sync = force_command_sync
        self._login_started = False
        self.identify_pacer = IdentifyPacer(self._max_concurrency)
        # The command line opens the database before loading this module (a damaged file stops it at once).
        self.database = database or Database(settings.database_path)
        knowledge_repository = KnowledgeRepository(self.database)
        self.knowledge = KnowledgeService(knowledge_repository)
        self.answerer = Answerer(knowledge_repository)
        # What /ask could not answer (for /kb gaps), and the questions it offers instead.
        self.gaps = GapService(
            GapRepository(self.database), self.clock, retention=settings.ask_gaps_retention
        )
        self.ask_suggestions = AskSuggestions(self.knowledge, self.answerer)
        # The countdown card's picture, over the operator's background beside the data file if there is one.
        self.card_art = CardArt(settings.data_file.parent / BACKGROUND_FILENAME)
        self.card_sender = DiscordSender(self, self.knowledge.release, self.card_art)
        self.dispatcher = Dispatcher(
            self.database,
            self.clock,
            self.card_sender,
            self.knowledge.release_date,
            grace=settings.announcement_grace,
            observer=metrics,
        )
        # The premiere as a scheduled event per server; its requests share the posts' token bucket, as they share
        # Discord's global limit, and take only the tokens no post is waiting for (events are made hours or days
        # ahead; a post is due now).
        self.premiere_events = PremiereEventService(
            PremiereEventRepository(self.database),
            self.clock,
            self.knowledge.release,
            DiscordEventPort(self),
            pace=self.dispatcher.limiter.acquire_spare,
            language_of=self._event_language,
        )
        self.announcements = AnnouncementService(
            self.database, self.clock, self.knowledge.release_date, on_change=self._announcements_changed
        )
        # /countdown's .ics file, its SEQUENCE kept in the database so calendar apps update their entry.
        self.release_calendar = ReleaseCalendar(BotStateRepository(self.database))
        # Tells the owners (a log WARNING per data version) when the release period passed without a date.
        self.release_watch = OverdueReleaseWatch()
        # The heartbeat file that `python -m bot health` reads (a container HEALTHCHECK); started in setup_hook.
        self.health_reporter = HealthReporter.for_settings(self, settings)
        # Notices an import made by another process (`python -m bot db import`); started in setup_hook.
        self._data_version_watch: asyncio.Task[None] | None = None
        BotLog(self).install()  # "logged in as ..." when ready, each command at DEBUG and in the metrics

    async def setup_hook(self) -> None:
        # Before the extensions load and the tree syncs: every command goes out with its localizations.
        await self.tree.set_translator(CatalogTranslator())
        self.health_reporter.start()
        await self.database.connect()
        await self.start_metrics_server()
        await self._load_knowledge_at_start()
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self.dispatcher.start()
        self.premiere_events.start(self.wait_until_ready)
        self._data_version_watch = asyncio.create_task(self._watch_data_version(), name="data-version-watch")
        await self.sync_commands()
        release_freed_memory()

    async def start_metrics_server(self) -> None:
        """Serve /metrics when METRICS_PORT is set (once; `python -m bot` starts it before connecting, so a port
        that cannot be opened is one line naming the setting). Raises OSError when the port cannot be opened."""
        if self.settings.metrics_port is None or self.metrics_server is not None:
            return
        paused = AnnouncementRepository(self.database)

        async def refresh() -> None:
            self.metrics.paused_channels.set(await paused.count_paused_subscriptions())

        server = MetricsServer(
            self.metrics, self.settings.metrics_host, self.settings.metrics_port, before_scrape=refresh
        )
        await server.start()
        self.metrics_server = server

    async def _load_knowledge_at_start(self) -> None:
        """Import the data file if it changed. A malformed file stops a first start (nothing to answer from);
        with an earlier import in the database the bot starts on that, and says so loudly."""
        try:
            await self.reload_knowledge()
        except Exception as error:
            kept = self.knowledge.loaded_import
            if not is_data_file_error(error) or kept is None:
                raise
            path = self.settings.data_file
            log.warning(
                "the data file %s is malformed; starting with the data imported before.\n"
                "  problem: %s\n"
                "  keeping the data imported on %s, version %s\n"
                "  fix the file, then run /reload-data (or restart the bot, or python -m bot db import)",
                path,
                str(error).removeprefix(f"{path}: "),
                describe_import(kept),
                kept.version,
            )
            release = await self.knowledge.release_date()
            self.release_watch.notice(countdown_status(release, self.clock.now()), self.knowledge.version)

    def kept_data(self) -> DataImport | None:
        """Which import the bot answers from, for an owner whose reload was refused (None: none yet)."""
        return self.knowledge.loaded_import

    async def reload_knowledge(self, *, force: bool = False) -> ReloadReport:
        """Follow a newer import by another process, then import the data file if it changed."""
        picked_up = await self.check_data_version()
        imported = await self.knowledge.import_file(self.settings.data_file, force=force)
        log.info(imported.describe())
        if imported.changed:
            await self._follow_knowledge()
        else:
            release = await self.knowledge.release_date()
            self.release_watch.notice(countdown_status(release, self.clock.now()), self.knowledge.version)
        return ReloadReport(imported, picked_up)

    async def check_data_version(self) -> OutsideImport | None:
        """If another process imported newer data, make every cache follow it; what changed, or None."""
        picked_up = await self.knowledge.catch_up()
        if picked_up is not None:
            await self._follow_knowledge()
        return picked_up

    async def _follow_knowledge(self) -> None:
        """The one path after the knowledge changed (an import here or by another process).

        The knowledge service has dropped its memo and bumped its version, which empties the caches keyed on
        it (rendered replies, /ask's suggestions); the answerer's index is dropped here, and the dispatcher
        re-plans: a new or moved release date gets its news post (once: it is keyed on the release state stored
        in the database) and the countdown follows.
        """
        await self.answerer.refresh()
        self._announcements_changed()
        release = await self.knowledge.release_date()
        self.release_watch.notice(countdown_status(release, self.clock.now()), self.knowledge.version)

    async def _event_language(self, guild_id: int) -> str | None:
        """The premiere event's language: the one its countdown channels chose, when they all chose the same,
        else the server's own (as its posts follow)."""
        chosen = await self.announcements.post_languages(guild_id)
        if len(chosen) == 1 and (only := chosen.pop()) is not None:
            return only
        guild = self.get_guild(guild_id)
        return guild.preferred_locale.value if guild is not None else None

    def _announcements_changed(self) -> None:
        """A setting or the release changed: the posts and the premiere events re-plan at once."""
        self.dispatcher.wake()
        self.premiere_events.wake()

    async def _watch_data_version(self) -> None:
        interval = self.settings.data_version_check.total_seconds()
        while True:
            await asyncio.sleep(interval)
            try:
                await self.check_data_version()
            except Exception:
                log.exception("checking for a newer data import failed; trying again in %.0f s", interval)

    @functools.cached_property
    def editor(self) -> KnowledgeEditor:
        """/kb's changes to the data file: written, then imported through reload_knowledge so answers, caches
        and the dispatcher (news of a new or moved release date) follow at once. Made on first use: a bot
        whose data is never changed from Discord does not load the editing code."""
        from bot.db.edits import EditRepository
        from bot.services.editing import KnowledgeEditor

        return KnowledgeEditor(
            self.settings.data_file, EditRepository(self.database), self.reload_knowledge, self.clock
        )

    async def is_editor(self, user: discord.abc.User) -> bool:
        """May ``user`` change the knowledge base (/kb)? The owners, and the users in EDITOR_IDS."""
        return user.id in self.settings.editor_ids or await self.is_owner(user)

    async def overdue_release(self) -> ReleaseDate | None:
        """The release, when its announced year or month passed without a date: the owners should fix the data
        file (shown with /reload-data's report; `python -m bot check` says it too)."""
        release = await self.knowledge.release_date()
        return release if countdown_status(release, self.clock.now()).phase is Phase.OVERDUE else None

    async def sync_commands(self) -> None:
        """Sync the slash commands if the tree changed since the last sync (see bot/command_sync.py)."""
        guild = discord.Object(self.settings.dev_guild_id) if self.settings.dev_guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        try:
            outcome = await sync_if_changed(
                self.tree,
                BotStateRepository(self.database),
                application_id=self.application_id,
                guild=guild,
                force=self.force_command_sync,
            )
        except (discord.HTTPException, discord.RateLimited) as error:
            # Syncing has a daily limit: stopping here would meet the same 429 at every restart. Discord keeps
            # the commands last synced, and the stored hash is gone, so the next start syncs again.
            log.warning(
                "could not sync the slash commands (%s); answering on those Discord has, syncing at the next start",
                error,
            )
            return
        if outcome.synced:
            log.info("synced %d slash commands (%s)", outcome.commands, outcome.reason)
        else:
            log.info("%d slash commands %s: not synced", outcome.commands, outcome.reason)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        await self.identify_pacer.wait(shard_id or 0, self.shard_count or 1)

    async def _max_concurrency(self) -> int:
        try:
            return (await self.fetch_session_start_limits()).max_concurrency
        except (discord.HTTPException, discord.GatewayNotFound, OSError) as error:
            # Without the limit, assume the smallest Discord gives (one IDENTIFY per 5 s), as discord.py does.
            log.warning(
                "could not read Discord's session start limit (%s); identifying shards 5 s apart", error
            )
            return 1

    async def login(self, token: str) -> None:
        self._login_started = True
        await super().login(token)

    async def close(self) -> None:
        try:
            # First, while the HTTP session is open: a send cut short stays 'sending' (re-sent with its nonce
            # on the next start) instead of failing on a closed session and being recorded as failed.
            await self.dispatcher.stop()
            await self.premiere_events.stop()
        finally:
            if self._data_version_watch is not None:
                self._data_version_watch.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._data_version_watch
            try:
                # discord.py's AutoShardedClient.close fails (AttributeError) on a client that never began to log
                # in, such as one stopped by an unusable database: there is nothing to close then.
                if self._login_started:
                    await super().close()
            finally:
                if self.metrics_server is not None:
                    await self.metrics_server.stop()
                await self.health_reporter.stop()
                await self.database.close()
