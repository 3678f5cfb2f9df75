"""1. Interaction latency: the fan bot against a bare discord.py bot, through the sandbox.

Latency is the sandbox's ``InteractionRecord.latency``: from the INTERACTION_CREATE frame written to the bot's
socket to the interaction callback received. Interactions are sent one at a time (one in flight) for p50/p99.
Every bot is connected at once, each to a sandbox of its own in this process (``bot.harness.aimed_per_task``),
and the interactions are interleaved: each round sends one interaction of every kind in a shuffled order, so
the machine's drift falls on every bot alike (blocks of one bot after another measured the drift as well:
the same bare bot differed by up to 1.5x between blocks). A burst of 200 interactions spread over one second
then checks the 3-second deadline.

The floor answers a constant string; the fan bot answers embeds, which discord.py must serialise and the
sandbox must validate against Discord's OpenAPI schema. A second reference, the same bare bot answering a
constant copy of the /timeline embed, shows how much of the gap is that (column "x embed ref."), and a third,
the bare bot answering a constant copy of the /countdown card with its picture, its button (and calendar file,
when there is one), shows what the card's upload costs (column "x card ref."); the goal is
judged against the constant-string floor, as the issue asks. The JSON also has "arrival" ratios: the time to
the callback request reaching the sandbox's handler, before its schema validation.

``--portuguese`` sends every interaction (the floor's too) with a pt-BR fan's locale and asks /ask in
Portuguese: the translated replies and the Portuguese reading of questions against the same floor.

Run: ``python bench/latency.py [--quick] [--portuguese]``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord

if __package__ in (None, ""):  # run as a script: python bench/latency.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench.common as common
from bench.common import DEADLINE, BareBot, Table, ms, percentile, ratio, verdict
from bot import rendering
from bot.app import FanBot
from bot.art import CardArt
from bot.cogs.fan_buttons import fan_buttons, offers_reminder
from bot.config import DEFAULT_DATA_FILE
from bot.db import Database
from bot.db.knowledge import KnowledgeRepository
from bot.harness import (
    GUILD_READY_TIMEOUT,
    aim_this_task,
    aimed_per_task,
    running_client,
    sandbox_settings,
)
from bot.i18n import language
from bot.sandbox import DemoWorld, Sandbox, VirtualClock, build_demo_world
from bot.services.calendar import release_calendar
from bot.services.countdown import countdown_status
from bot.services.knowledge import KnowledgeService

P50_GOAL = 1.10
P99_GOAL = 1.25

QUESTIONS = [
    "who directs Heartstopper Forever?",
    "who plays Nick?",
    "who plays Charlie Spring?",
    "when did they finish filming?",
    "when does it come out?",
    "where can I watch it?",
    "what is it based on?",
    "who direced heartstoper forever",  # typos
    "is Kit Connor in it?",
    "what's the weather in Kent?",  # no answer
]
#: The same questions as a Brazilian fan types them (``--portuguese``): read through the multilingual reading.
PORTUGUESE_QUESTIONS = [
    "quem dirige Heartstopper Forever?",
    "quem faz o Nick?",
    "quem interpreta o Charlie Spring?",
    "quando terminaram de filmar?",
    "quando estreia?",
    "onde posso assistir?",
    "é baseado em quê?",
    "quem dirigiu heartstoper forever",  # typo
    "o Kit Connor está no filme?",
    "como está o tempo em Kent?",  # no answer
]
PORTUGUESE = "pt-BR"
CAST_OPTIONS: list[dict[str, Any]] = [{}, {"person": "Nick"}, {"person": "Joe Locke"}, {"person": "Tao"}]

Call = tuple[str, str, dict[str, Any]]  # (label, command, options)


def fan_calls(label: str, questions: list[str] = QUESTIONS) -> Iterator[Call]:
    if label == "/ask":
        return ((label, "ask", {"question": q}) for q in itertools.cycle(questions))
    if label == "/cast":
        return ((label, "cast", options) for options in itertools.cycle(CAST_OPTIONS))
    if label in ("/timeline", "/countdown"):
        return itertools.repeat((label, label[1:], {}))
    raise ValueError(label)


FAN_LABELS = ("/ask", "/cast", "/timeline", "/countdown")
FLOOR = "floor"
EMBED_FLOOR = "embed floor"
CARD_FLOOR = "card floor"


def floor_calls(label: str = FLOOR, questions: list[str] = QUESTIONS) -> Iterator[Call]:
    return ((label, "ask", {"question": q}) for q in itertools.cycle(questions))


@contextlib.asynccontextmanager
async def shipped_knowledge() -> AsyncIterator[KnowledgeService]:
    """The shipped data file imported into a throwaway database: what the reference floors' constants are
    rendered from."""
    with tempfile.TemporaryDirectory(prefix="bench-reference-") as tmp:
        database = Database(Path(tmp) / "reference.sqlite3")
        await database.connect()
        try:
            knowledge = KnowledgeService(KnowledgeRepository(database))
            await knowledge.import_file(DEFAULT_DATA_FILE)
            yield knowledge
        finally:
            await database.close()


async def timeline_embed() -> discord.Embed:
    """The fan bot's /timeline answer, rendered once: the constant of the embed reference floor."""
    async with shipped_knowledge() as knowledge:
        return rendering.timeline_embed(await knowledge.timeline())


async def countdown_card_reference(
    now: datetime, locale: str
) -> tuple[discord.ui.LayoutView, list[tuple[str, bytes, str | None]]]:
    """The fan bot's /countdown card at ``now`` in ``locale``, rendered once (its picture drawn as the bot draws
    it): the constant of the card reference floor."""
    async with shipped_knowledge() as knowledge:
        release = await knowledge.release()
    reader = language(locale)
    status = countdown_status(release.date, now)
    png = await CardArt().card_async(rendering.countdown_face(status, release, reader))
    calendar = release_calendar(release, sequence=0, now=now)
    # with the buttons /countdown carries ("DM me on release day"; no "Ping me here": no countdown role here),
    # so the reference is the same message, not a lighter one
    actions = fan_buttons(None, None, reminders=offers_reminder(release.date, now), language=reader)
    card = rendering.countdown_card(status, release, png, calendar=calendar, actions=actions, t=reader)
    return card.view, [(file.filename, file.data, file.description) for file in card.attachments]


def mixed_fan_calls(questions: list[str] = QUESTIONS) -> Iterator[Call]:
    """Round robin over the four fan commands (each with its own mix of options)."""
    streams = [fan_calls(label, questions) for label in FAN_LABELS]
    while True:
        for stream in streams:
            yield next(stream)


@dataclass
class LatencyConfig:
    samples: int = 1000  # per command, and for each floor
    warmup: int = 100  # rounds before the measured ones
    burst: int = 200
    burst_window: float = 1.0
    #: The Discord locale of every interaction (the fan's, and the floor's): "pt-BR" measures the translated
    #: replies and the Portuguese reading of /ask.
    locale: str = "en-US"

    @property
    def questions(self) -> list[str]:
        return PORTUGUESE_QUESTIONS if self.locale == PORTUGUESE else QUESTIONS


QUICK = LatencyConfig(samples=100, warmup=20)


@dataclass
class Samples:
    latency: list[float] = field(default_factory=list)
    arrival: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _arrival(sandbox: Sandbox, start_index: int, interaction_id: int) -> float | None:
    prefix = f"/interactions/{interaction_id}/"
    for request in sandbox.requests[start_index:]:
        if request.path.startswith(prefix):
            return request.started
    return None


async def one_interaction(
    sandbox: Sandbox, place: DemoWorld, call: Call, samples: Samples, locale: str = "en-US"
) -> None:
    _, command, options = call
    start_index = len(sandbox.requests)
    record = await sandbox.dispatch_command(
        command, options, guild=place.guild, member=place.fan, channel=place.general, locale=locale
    )
    await record.settled(30)
    if record.error or record.latency is None:
        samples.errors.append(record.error or "no callback")
        return
    samples.latency.append(record.latency)
    arrived = _arrival(sandbox, start_index, record.id)
    if arrived is not None:
        samples.arrival.append(arrived - record.deadline_start)
    # Let the client finish reading the callback's answer before the next interaction goes out.
    for turn in range(10_000):
        if not sandbox.inflight and turn >= 3:
            break
        await asyncio.sleep(0)


@dataclass
class BurstResult:
    sent: int
    answered_in_deadline: int
    latencies: list[float]
    errors: list[str]
    dispatch_seconds: float

    @property
    def fraction(self) -> float:
        return self.answered_in_deadline / self.sent if self.sent else 0.0


async def burst(
    sandbox: Sandbox,
    place: DemoWorld,
    calls: Iterator[Call],
    count: int,
    window: float,
    locale: str = "en-US",
) -> BurstResult:
    """``count`` interactions sent at even intervals within ``window`` seconds, all in flight together."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    records = []
    for index, (_, command, options) in enumerate(itertools.islice(calls, count)):
        delay = start + index * window / count - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        records.append(
            await sandbox.dispatch_command(
                command, options, guild=place.guild, member=place.fan, channel=place.general, locale=locale
            )
        )
    dispatch_seconds = loop.time() - start
    await asyncio.gather(*(record.settled(30) for record in records), return_exceptions=True)
    latencies = [r.latency for r in records if r.latency is not None]
    good = sum(1 for r in records if r.error is None and r.latency is not None and r.latency < DEADLINE)
    errors = [r.error for r in records if r.error]
    await sandbox.settle(timeout=30)
    return BurstResult(len(records), good, latencies, errors, dispatch_seconds)


@dataclass
class LatencyReport:
    config: LatencyConfig
    samples: dict[str, Samples]
    fan_burst: BurstResult
    floor_burst: BurstResult
    problems: list[str]

    def _floor(self, label: str) -> tuple[float, float, float, float]:
        s = self.samples[label]
        return (
            percentile(s.latency, 50),
            percentile(s.latency, 99),
            percentile(s.arrival, 50),
            percentile(s.arrival, 99),
        )

    def figures(self) -> dict[str, Any]:
        f50, f99, a50, a99 = self._floor(FLOOR)
        e50, e99, _, _ = self._floor(EMBED_FLOOR)
        c50, c99, _, _ = self._floor(CARD_FLOOR)
        out: dict[str, Any] = {
            "interaction_samples_per_command": self.config.samples,
            "interaction_floor_p50_ms": f50 * 1000,
            "interaction_floor_p99_ms": f99 * 1000,
            "interaction_embed_floor_p50_ms": e50 * 1000,
            "interaction_embed_floor_p99_ms": e99 * 1000,
            "interaction_card_floor_p50_ms": c50 * 1000,
            "interaction_card_floor_p99_ms": c99 * 1000,
            "interaction_locale": self.config.locale,
        }
        worst50 = worst99 = 0.0
        for label in FAN_LABELS:
            s = self.samples[label]
            key = label.strip("/")
            p50, p99 = percentile(s.latency, 50), percentile(s.latency, 99)
            out[f"interaction_{key}_p50_ms"] = p50 * 1000
            out[f"interaction_{key}_p99_ms"] = p99 * 1000
            out[f"interaction_{key}_p50_ratio"] = ratio(p50, f50)
            out[f"interaction_{key}_p99_ratio"] = ratio(p99, f99)
            out[f"interaction_{key}_p50_ratio_vs_embed_floor"] = ratio(p50, e50)
            out[f"interaction_{key}_p99_ratio_vs_embed_floor"] = ratio(p99, e99)
            out[f"interaction_{key}_p50_ratio_vs_card_floor"] = ratio(p50, c50)
            out[f"interaction_{key}_p99_ratio_vs_card_floor"] = ratio(p99, c99)
            out[f"interaction_{key}_arrival_p50_ratio"] = ratio(percentile(s.arrival, 50), a50)
            out[f"interaction_{key}_arrival_p99_ratio"] = ratio(percentile(s.arrival, 99), a99)
            out[f"interaction_{key}_errors"] = len(s.errors)
            worst50 = max(worst50, ratio(p50, f50))
            worst99 = max(worst99, ratio(p99, f99))
        out["interaction_p50_ratio"] = worst50  # the worst command, against the constant-string floor
        out["interaction_p99_ratio"] = worst99
        out["burst_size"] = self.fan_burst.sent
        out["burst_answered_in_deadline"] = self.fan_burst.fraction
        out["burst_max_latency_ms"] = max(self.fan_burst.latencies, default=float("nan")) * 1000
        out["burst_p50_latency_ms"] = percentile(self.fan_burst.latencies, 50) * 1000
        out["burst_floor_answered_in_deadline"] = self.floor_burst.fraction
        out["burst_floor_max_latency_ms"] = max(self.floor_burst.latencies, default=float("nan")) * 1000
        out["interaction_sandbox_problems"] = len(self.problems)
        return out

    def tables(self) -> list[Table]:
        f50, f99, _, _ = self._floor(FLOOR)
        e50, e99, _, _ = self._floor(EMBED_FLOOR)
        c50, c99, _, _ = self._floor(CARD_FLOOR)
        rows: list[list[str]] = []
        for label, name in (
            (FLOOR, "bare discord.py (floor)"),
            (EMBED_FLOOR, "bare, constant embed (ref.)"),
            (CARD_FLOOR, "bare, constant card (ref.)"),
        ):
            s = self.samples[label]
            p50, p99 = percentile(s.latency, 50), percentile(s.latency, 99)
            rows.append(
                [
                    name,
                    str(len(s.latency)),
                    ms(p50),
                    ms(p99),
                    f"{ratio(p50, f50):.2f}",
                    f"{ratio(p99, f99):.2f}",
                    "",
                    f"{ratio(p50, e50):.2f} / {ratio(p99, e99):.2f}",
                    f"{ratio(p50, c50):.2f} / {ratio(p99, c99):.2f}",
                    str(len(s.errors)),
                ]
            )
        for label in FAN_LABELS:
            s = self.samples[label]
            p50, p99 = percentile(s.latency, 50), percentile(s.latency, 99)
            r50, r99 = ratio(p50, f50), ratio(p99, f99)
            rows.append(
                [
                    label,
                    str(len(s.latency)),
                    ms(p50),
                    ms(p99),
                    f"{r50:.2f}",
                    f"{r99:.2f}",
                    verdict(r50 <= P50_GOAL and r99 <= P99_GOAL),
                    f"{ratio(p50, e50):.2f} / {ratio(p99, e99):.2f}",
                    f"{ratio(p50, c50):.2f} / {ratio(p99, c99):.2f}",
                    str(len(s.errors)),
                ]
            )
        latency = Table(
            f"1. Interaction latency ({self.config.locale}; sequential; goal p50 <= {P50_GOAL:.2f}x, "
            f"p99 <= {P99_GOAL:.2f}x floor)",
            [
                "command",
                "n",
                "p50",
                "p99",
                "p50 x",
                "p99 x",
                "goal",
                "x embed ref. p50/p99",
                "x card ref. p50/p99",
                "errors",
            ],
            rows,
        )
        burst_rows = []
        for name, result in (
            ("bare discord.py (floor)", self.floor_burst),
            ("fan bot (mixed)", self.fan_burst),
        ):
            burst_rows.append(
                [
                    name,
                    str(result.sent),
                    f"{result.dispatch_seconds:.2f} s",
                    f"{result.fraction:.1%}",
                    ms(percentile(result.latencies, 50)),
                    ms(max(result.latencies, default=float("nan"))),
                    verdict(result.fraction == 1.0),
                ]
            )
        bursts = Table(
            f"1b. Burst: {self.config.burst} interactions within {self.config.burst_window:.0f} s "
            f"(goal: all answered within {DEADLINE:.0f} s)",
            ["bot", "sent", "sent over", "in deadline", "p50", "max", "goal"],
            burst_rows,
        )
        return [latency, bursts]


@dataclass
class Lane:
    """One stream of measured interactions: a label's calls, sent to the bot connected to ``sandbox``."""

    label: str
    sandbox: Sandbox
    place: DemoWorld
    calls: Iterator[Call]


@contextlib.asynccontextmanager
async def connected(
    make: Callable[[], discord.Client], sandbox: Sandbox, *, wait_for_commands: bool
) -> AsyncIterator[None]:
    """The client ``make`` builds, connected to ``sandbox`` from a task of its own (aimed at that sandbox, as
    every task discord.py starts for it will be) until the block ends."""
    ready = asyncio.Event()
    stop = asyncio.Event()

    async def hold() -> None:
        aim_this_task(sandbox.api_base)
        async with running_client(
            make(), sandbox.token, sandbox=sandbox, wait_for_commands=wait_for_commands, ready_within=120
        ):
            ready.set()
            await stop.wait()

    task = asyncio.create_task(hold(), name="bench-latency-client")
    ready_wait = asyncio.create_task(ready.wait())
    await asyncio.wait({task, ready_wait}, return_when=asyncio.FIRST_COMPLETED)
    if not ready.is_set():
        ready_wait.cancel()
        await task  # raises the client's error
        raise RuntimeError("the client stopped before it was ready")
    try:
        yield
    finally:
        stop.set()
        await task


async def run_latency(config: LatencyConfig) -> LatencyReport:
    """Every bot connected at once, each to a sandbox of its own in this process, and the interactions
    interleaved: each round sends one of every lane, in a shuffled order, so drift in the machine's speed (other
    processes, the CPU's clock, the garbage collector) falls on every bot alike instead of on whichever block ran
    at that moment."""
    clock = VirtualClock(start=datetime(2026, 1, 1, 12, 0, tzinfo=UTC))
    samples: dict[str, Samples] = {}
    bursts: dict[str, BurstResult] = {}
    questions = config.questions
    locale = config.locale
    embed = await timeline_embed()
    card = await countdown_card_reference(clock.now(), locale)
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as tmp, aimed_per_task():
        async with contextlib.AsyncExitStack() as stack:
            sandboxes: dict[str, tuple[Sandbox, DemoWorld]] = {}
            for kind in ("bare", "embed", "card", "fan"):
                place = build_demo_world(read_only_channels=())
                sandbox = await stack.enter_async_context(
                    Sandbox(place.world, clock=clock, token=common.TOKEN)
                )
                sandboxes[kind] = (sandbox, place)
            fan_sandbox = sandboxes["fan"][0]
            settings = sandbox_settings(fan_sandbox, Path(tmp) / "bot.sqlite3")
            makers: dict[str, Callable[[], discord.Client]] = {
                "bare": lambda: BareBot(guild_ready_timeout=GUILD_READY_TIMEOUT),
                "embed": lambda: BareBot(embed=embed, guild_ready_timeout=GUILD_READY_TIMEOUT),
                "card": lambda: BareBot(card=card, guild_ready_timeout=GUILD_READY_TIMEOUT),
                "fan": lambda: FanBot(settings, clock=clock, guild_ready_timeout=GUILD_READY_TIMEOUT),
            }
            for kind, maker in makers.items():
                # The fan bot syncs in setup_hook (within login) and only when its tree changed since its last
                # start: nothing to wait for. The bare bots sync at every start.
                await stack.enter_async_context(
                    connected(maker, sandboxes[kind][0], wait_for_commands=kind != "fan")
                )
            lanes = [
                Lane(FLOOR, *sandboxes["bare"], floor_calls(FLOOR, questions)),
                Lane(EMBED_FLOOR, *sandboxes["embed"], floor_calls(EMBED_FLOOR, questions)),
                Lane(CARD_FLOOR, *sandboxes["card"], floor_calls(CARD_FLOOR, questions)),
                *(Lane(label, *sandboxes["fan"], fan_calls(label, questions)) for label in FAN_LABELS),
            ]
            order = random.Random(5)
            scratch = Samples()
            for turn in range(config.warmup + config.samples):
                if turn == config.warmup:
                    for sandbox, _ in sandboxes.values():
                        await sandbox.settle()
                order.shuffle(lanes)
                for lane in lanes:
                    target = scratch if turn < config.warmup else samples.setdefault(lane.label, Samples())
                    await one_interaction(lane.sandbox, lane.place, next(lane.calls), target, locale)
            for kind, calls in (("bare", floor_calls(FLOOR, questions)), ("fan", mixed_fan_calls(questions))):
                sandbox, place = sandboxes[kind]
                await sandbox.settle()
                bursts[kind] = await burst(sandbox, place, calls, config.burst, config.burst_window, locale)
            problems = [problem for sandbox, _ in sandboxes.values() for problem in sandbox.problems]
    return LatencyReport(config, samples, bursts["fan"], bursts["bare"], problems)


def main() -> None:
    def run(quick: bool, portuguese: bool) -> LatencyReport:
        config = replace(QUICK if quick else LatencyConfig(), locale=PORTUGUESE if portuguese else "en-US")
        return asyncio.run(run_latency(config))

    common.part_main(
        __doc__,
        "100 interactions per command instead of 1,000",
        run,
        switches={
            "portuguese": "every interaction from a pt-BR fan: Portuguese replies, /ask asked in Portuguese",
        },
    )


if __name__ == "__main__":
    main()
