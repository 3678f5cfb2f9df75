"""Prometheus metrics: what an operator watches, served at ``/metrics`` only when ``METRICS_PORT`` is set.

:class:`BotMetrics` owns its own ``CollectorRegistry`` (not prometheus_client's global one), so tests and several
bots in one process never clash. The layers report to it without knowing Prometheus: the dispatcher through its
``DeliveryObserver`` port (``bot.services.delivery.port``), the command tree and the /ask cog through the
``record_*`` methods, discord.py's HTTP client through an aiohttp ``TraceConfig`` (every 429 Discord answers,
including the short ones discord.py waits out itself). Labels are bounded: target kind, command name, outcome,
rate-limit scope; never a server, a user or a question.

:class:`MetricsServer` serves the registry with aiohttp (already a dependency through discord.py) on the bot's own
event loop, so a scrape can read the database first (paused channels) without a thread.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Final, Literal, get_args

import aiohttp
from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

__all__ = ["COMMAND_STARTED_KEY", "AskOutcome", "BotMetrics", "MetricsServer"]

log = logging.getLogger(__name__)

# The outcomes of /ask: an answer (whole or partial), an honest "I don't know", a refusal (not about the film).
AskOutcome = Literal["answered", "dont_know", "refused"]
ASK_OUTCOMES: Final = get_args(AskOutcome)
# Discord's X-RateLimit-Scope values; anything else (or none) is counted as "unknown".
RATE_LIMIT_SCOPES: Final = frozenset({"user", "global", "shared"})
TARGET_KINDS: Final = ("channel", "user")
# Where the command tree notes (in interaction.extras) when a command reached the bot: its latency's start.
COMMAND_STARTED_KEY: Final = "fanbot_command_started"

# From a post's due instant to Discord's confirmation: on time is under a second; a missed post sent late after
# a restart can be hours late (up to ANNOUNCEMENT_GRACE_HOURS).
DELAY_BUCKETS: Final = (0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 3 * 3600, 24 * 3600)
# Command latency inside the bot, from the interaction reaching the tree to the command's end: a cached answer
# takes about a millisecond, a slow database write seconds.
LATENCY_BUCKETS: Final = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)


class BotMetrics:
    """Every metric of one bot, in its own registry. Implements the dispatcher's ``DeliveryObserver``."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.posts_sent = Counter(
            "fanbot_posts_sent",
            "Countdown posts, news and reminders delivered: confirmed by Discord, or found already posted.",
            ["target"],
            registry=registry,
        )
        self.posts_duplicates_prevented = Counter(
            "fanbot_posts_duplicates_prevented",
            "Posts about to be sent again that were found already posted (by their reference) and recorded "
            "instead of posting twice.",
            ["target"],
            registry=registry,
        )
        self.posts_lost = Counter(
            "fanbot_posts_lost",
            "Posts given up because Discord did not take them before their grace window closed.",
            ["target"],
            registry=registry,
        )
        self.posts_failed = Counter(
            "fanbot_posts_failed",
            "Posts Discord refused for good (missing permission, channel gone, another 4xx).",
            ["target"],
            registry=registry,
        )
        self.post_delay = Histogram(
            "fanbot_post_delay_seconds",
            "Seconds from a post's due instant to its delivery being confirmed (or found).",
            ["target"],
            buckets=DELAY_BUCKETS,
            registry=registry,
        )
        self.rate_limits = Counter(
            "fanbot_discord_rate_limits",
            "429 answers from Discord, by X-RateLimit-Scope (user, global, shared or unknown).",
            ["scope"],
            registry=registry,
        )
        self.paused_channels = Gauge(
            "fanbot_paused_channels",
            "Countdown channels paused because the bot lacks a permission there (read at each scrape).",
            registry=registry,
        )
        self.ask_answers = Counter(
            "fanbot_ask_answers",
            "/ask replies: answered, dont_know (no answer in the knowledge base) or refused (not about the film).",
            ["outcome"],
            registry=registry,
        )
        self.command_latency = Histogram(
            "fanbot_command_latency_seconds",
            "Seconds from a slash command reaching the bot to its handler finishing (reply sent).",
            ["command"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        # Every label value known in advance is shown from the start (0), so rates and alerts need no guessing.
        # The children each post, /ask and every command touch are looked up once: labels() costs microseconds.
        self._sent = {target: self.posts_sent.labels(target=target) for target in TARGET_KINDS}
        self._delay = {target: self.post_delay.labels(target=target) for target in TARGET_KINDS}
        self._duplicates = {
            target: self.posts_duplicates_prevented.labels(target=target) for target in TARGET_KINDS
        }
        self._lost = {target: self.posts_lost.labels(target=target) for target in TARGET_KINDS}
        self._failed = {target: self.posts_failed.labels(target=target) for target in TARGET_KINDS}
        self._ask_outcomes = {outcome: self.ask_answers.labels(outcome=outcome) for outcome in ASK_OUTCOMES}
        self._command_latency: dict[str, Histogram] = {}
        for scope in (*sorted(RATE_LIMIT_SCOPES), "unknown"):
            self.rate_limits.labels(scope=scope)

    # ---- the dispatcher's DeliveryObserver

    def post_sent(self, target_kind: str, delay_seconds: float) -> None:
        self._sent[target_kind].inc()
        self._delay[target_kind].observe(delay_seconds)

    def post_already_delivered(self, target_kind: str) -> None:
        self._duplicates[target_kind].inc()

    def post_lost(self, target_kind: str) -> None:
        self._lost[target_kind].inc()

    def post_failed(self, target_kind: str) -> None:
        self._failed[target_kind].inc()

    # ---- commands

    def record_ask(self, outcome: AskOutcome) -> None:
        self._ask_outcomes[outcome].inc()

    def record_command(self, command: str, seconds: float) -> None:
        """``command`` is a registered command's qualified name (a bounded set), never user input."""
        histogram = self._command_latency.get(command)
        if histogram is None:
            histogram = self._command_latency[command] = self.command_latency.labels(command=command)
        histogram.observe(seconds)

    def record_rate_limit(self, scope: str | None) -> None:
        self.rate_limits.labels(scope=scope if scope in RATE_LIMIT_SCOPES else "unknown").inc()

    # ---- Discord's HTTP answers

    def http_trace(self) -> aiohttp.TraceConfig:
        """For discord.py's ``http_trace`` client option: counts every 429 its HTTP client receives."""

        async def on_request_end(
            session: aiohttp.ClientSession, context: SimpleNamespace, params: aiohttp.TraceRequestEndParams
        ) -> None:
            if params.response.status == 429:
                self.record_rate_limit(params.response.headers.get("X-RateLimit-Scope"))

        trace = aiohttp.TraceConfig()
        trace.on_request_end.append(on_request_end)
        return trace

    def exposition(self) -> bytes:
        """The registry in Prometheus' text format."""
        return generate_latest(self.registry)


class MetricsServer:
    """Serves ``GET /metrics`` on ``host:port``; ``before_scrape`` refreshes the gauges read from the database."""

    def __init__(
        self,
        metrics: BotMetrics,
        host: str,
        port: int,
        *,
        before_scrape: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.metrics = metrics
        self.host, self.port = host, port
        self.before_scrape = before_scrape
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/metrics", self._scrape)
        runner = web.AppRunner(app, access_log=None)  # a scrape every 15 s would flood the log
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        log.info("metrics at http://%s:%d/metrics", self.host, self.port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _scrape(self, request: web.Request) -> web.Response:
        if self.before_scrape is not None:
            try:
                await self.before_scrape()
            except Exception:
                # A busy or closing database must not fail the scrape: the other metrics are still true.
                log.warning("metrics: could not refresh the gauges read from the database", exc_info=True)
        body = self.metrics.exposition()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})
