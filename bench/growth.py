"""3. Growth: how /ask and the announcement scheduler cost more as the data grows.

* ``/ask``: ``Answerer.answer(question)`` (the service the slash command calls) with the knowledge base at 1x,
  10x, 100x (and 1000x in the full run) its size; synthetic facts are added to the benchmark's own database
  (the bot's triggers keep the FTS5 index in step). Time is split into the FTS5 query (``rank_facts`` and ``facts_by_id``,
  aiosqlite round trips) and the rest (typo repair, term extraction, re-scoring). Expected: no faster than
  logarithmic -- each tenfold step should add about as much as the previous one.
* Scheduler: ``Dispatcher.plan(now)`` (listing upcoming posts), an idle round (nothing due) and a round with
  every subscription due (planning = claiming the deliveries; sends go to a null sender), with 100, 1,000 and
  10,000 subscriptions. Expected: at most linear -- the cost per subscription stays flat.
* Data file: reading and checking it (``load_dataset``) and deriving /ask's facts from it (``derive_facts``, what an
  import or /reload-data runs in a thread) with 500 and 5,000 more people, characters, credits and facts (quick:
  100 and 1,000). Expected: linear -- the cost per entry stays flat (deriving was once quadratic).

Run: ``python bench/growth.py [--quick]``.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: python bench/growth.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench.common as common
from bench.common import Table, median, percentile, verdict
from bench.release_data import dated_data_file, grow_data_file
from bot.db import Database
from bot.db.knowledge import KnowledgeRepository
from bot.services.answering import Answerer
from bot.services.delivery import Dispatcher, RateLimiter
from bot.services.knowledge import KnowledgeService

ASK_QUESTIONS = [
    "who directs Heartstopper Forever?",
    "who plays Nick?",
    "when did they finish filming?",
    "when does it come out?",
    "where can I watch it?",
    "what is it based on?",
    "who direced heartstoper forever",
    "is Kit Connor in it?",
    "what's the weather in Kent?",
    "which school do Nick and Charlie go to?",
]

# Words a fan-trivia knowledge base keeps using, so common terms' posting lists grow with it.
_COMMON = [
    "nick",
    "charlie",
    "tao",
    "elle",
    "tara",
    "darcy",
    "isaac",
    "imogen",
    "kent",
    "school",
    "university",
    "film",
    "filming",
    "scene",
    "episode",
    "season",
    "netflix",
    "release",
    "cast",
    "crew",
    "director",
    "writer",
    "music",
    "rugby",
    "paris",
    "london",
    "beach",
    "party",
    "friends",
    "family",
    "book",
    "volume",
    "comic",
    "graphic",
    "novel",
    "interview",
    "premiere",
    "trailer",
    "poster",
    "fans",
    "wrapped",
    "shot",
    "location",
    "studio",
]
_FILLER = [
    "the",
    "a",
    "of",
    "and",
    "in",
    "to",
    "was",
    "for",
    "on",
    "with",
    "at",
    "by",
    "from",
    "their",
    "his",
    "her",
    "during",
    "after",
    "before",
    "about",
]
_SYLLABLES = "ka lo mi ra ven tor sil bel dun mar fen ish oak ly wen gar pel"


def _word(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(_FILLER)
    if roll < 0.55:
        return rng.choice(_COMMON)
    return _novel_word(rng)


def _novel_word(rng: random.Random) -> str:
    syllables = _SYLLABLES.split()
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def synthetic_facts(count: int, *, seed: int = 7) -> list[tuple[str, str, str, str]]:
    """(slug, topic, statement, keywords): sentences mixing the film's vocabulary with new names and places,
    so the index and the typo-repair vocabulary both grow."""
    rng = random.Random(seed)
    rows = []
    for index in range(count):
        words = [_word(rng) for _ in range(rng.randint(12, 24))]
        statement = f"Trivia {index}: " + " ".join(words).capitalize() + "."
        keywords = " ".join(rng.choice(_COMMON) if rng.random() < 0.4 else _novel_word(rng) for _ in range(5))
        rows.append(
            (f"synthetic-{index}", rng.choice(["cast", "production", "story", "trivia"]), statement, keywords)
        )
    return rows


@dataclass
class AskPoint:
    scale: int
    facts: int
    vocabulary: int
    refresh_seconds: float
    total: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)


@dataclass
class SchedulePoint:
    subscriptions: int
    plan_seconds: float
    idle_round_seconds: float
    due_planning_seconds: float
    due_round_seconds: float
    claimed: int


@dataclass
class DataFilePoint:
    extra_entries: int
    people: int
    facts: int
    read_seconds: float
    derive_seconds: float

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.derive_seconds


@dataclass
class GrowthConfig:
    scales: Sequence[int] = (1, 10, 100, 1000)
    repeats: int = 30  # passes over the question mix per scale
    subscriptions: Sequence[int] = (100, 1000, 10000)
    data_entries: Sequence[int] = (500, 5000)


QUICK = GrowthConfig(scales=(1, 10, 100), repeats=10, subscriptions=(100, 1000), data_entries=(100, 1000))


def measure_data_file(extra_entries: int, tmp: Path) -> DataFilePoint:
    from bot.services.dataset import load_dataset
    from bot.services.knowledge import derive_facts

    folder = tmp / f"data-{extra_entries}"
    folder.mkdir()
    path = dated_data_file(folder, RELEASE)
    grow_data_file(path, extra_entries)
    started = time.perf_counter()
    dataset = load_dataset(path)
    read = time.perf_counter()
    facts = derive_facts(dataset)
    derived = time.perf_counter()
    return DataFilePoint(extra_entries, len(dataset.people), len(facts), read - started, derived - read)


async def measure_ask(scale: int, repeats: int, tmp: Path) -> AskPoint:
    database = Database(tmp / f"ask-{scale}.sqlite3")
    await database.connect()
    try:
        repository = KnowledgeRepository(database)
        knowledge = KnowledgeService(repository)
        await knowledge.import_file(common.ROOT / "data" / "heartstopper_forever.toml")
        base = await repository.fact_count()
        extra = synthetic_facts(base * (scale - 1))
        if extra:
            source = await database.fetch_one("SELECT id FROM sources ORDER BY id LIMIT 1")
            assert source is not None
            async with database.transaction() as connection:
                await connection.executemany(
                    "INSERT INTO facts (slug, topic, statement, keywords, source_id, as_of) VALUES (?, ?, ?, ?, ?, ?)",
                    [(*row, source[0], "2025-07-28") for row in extra],
                )
        answerer = Answerer(repository, cache_size=0)  # measure the search itself, not the answer cache
        started = time.perf_counter()
        await answerer.refresh()
        refresh_seconds = time.perf_counter() - started
        vocabulary = answerer._vocabulary
        point = AskPoint(
            scale, base + len(extra), len(vocabulary.known) if vocabulary else 0, refresh_seconds
        )
        sql_time = [0.0]

        def timed(method: Any) -> Any:
            async def run(*args: Any) -> Any:
                t0 = time.perf_counter()
                try:
                    return await method(*args)
                finally:
                    sql_time[0] += time.perf_counter() - t0

            return run

        # The search: ranking in the FTS table, and reading the facts the answerer does not hold yet
        repository.rank_facts = timed(repository.rank_facts)  # type: ignore[method-assign]
        repository.facts_by_id = timed(repository.facts_by_id)  # type: ignore[method-assign]
        for question in ASK_QUESTIONS:  # warm-up: caches, page cache, statement cache
            await answerer.answer(question)
        for _ in range(repeats):
            for question in ASK_QUESTIONS:
                sql_time[0] = 0.0
                t0 = time.perf_counter()
                await answerer.answer(question)
                point.total.append(time.perf_counter() - t0)
                point.sql.append(sql_time[0])
        return point
    finally:
        await database.close()


class _FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    async def sleep_until(self, when: datetime) -> None:  # never used by a single round
        await asyncio.sleep(0)


class _NullSender:
    def __init__(self) -> None:
        self.sent = 0

    async def send_announcement(
        self, channel_id: int, announcement: Any, *, role_id: int | None, nonce: str
    ) -> int:
        self.sent += 1
        return channel_id

    async def send_reminder(self, user_id: int, announcement: Any, *, nonce: str) -> int:
        self.sent += 1
        return user_id


# All subscriptions post 7 days before a 2026-03-01 release at 09:00 UTC, written in several time zones.
RELEASE = "2026-03-01"
DUE = datetime(2026, 2, 22, 9, 0, tzinfo=UTC)
_ZONES = [("Etc/UTC", "09:00"), ("Europe/London", "09:00"), ("Europe/Paris", "10:00"), ("America/New_York", "04:00"),
          ("Asia/Tokyo", "18:00"), ("Australia/Brisbane", "19:00")]  # fmt: skip


async def measure_schedule(count: int, tmp: Path) -> SchedulePoint:
    data_file = dated_data_file(tmp, RELEASE)
    database = Database(tmp / f"schedule-{count}.sqlite3")
    await database.connect()
    try:
        knowledge = KnowledgeService(KnowledgeRepository(database))
        await knowledge.import_file(data_file)
        clock = _FixedClock(DUE - timedelta(hours=1))
        sender = _NullSender()
        dispatcher = Dispatcher(
            database,
            clock,
            sender,
            knowledge.release_date,
            rate_limiter=RateLimiter(1e9, burst=1_000_000),
        )
        await dispatcher.run_due_now()  # first observation of the release date
        for start in range(0, count, 1000):
            for index in range(start, min(count, start + 1000)):
                zone, local = _ZONES[index % len(_ZONES)]
                await dispatcher.repository.upsert_subscription(
                    guild_id=10_000 + index,
                    channel_id=1_000_000 + index,
                    role_id=None,
                    schedule="milestones",
                    local_time=local,
                    timezone=zone,
                    now=clock.now(),
                )
        await dispatcher.plan(clock.now())  # warm the occasion caches
        plan_times = []
        for _ in range(3):
            t0 = time.perf_counter()
            await dispatcher.plan(clock.now())
            plan_times.append(time.perf_counter() - t0)
        idle_times = []
        for _ in range(3):
            t0 = time.perf_counter()
            await dispatcher.run_due_now()
            idle_times.append(time.perf_counter() - t0)
        clock.current = DUE
        stats = await dispatcher.run_due_now()
        return SchedulePoint(
            count,
            min(plan_times),
            min(idle_times),
            stats.planning_seconds,
            stats.duration_seconds,
            stats.claimed,
        )
    finally:
        await database.close()


@dataclass
class GrowthReport:
    ask: list[AskPoint]
    schedule: list[SchedulePoint]
    data_file: list[DataFilePoint]

    def ask_log_like(self) -> bool | None:
        """Logarithmic growth adds about the same per tenfold step; allow 2x the first step plus 0.1 ms noise."""
        medians = [median(p.total) for p in self.ask]
        if len(medians) < 3:
            return None
        steps = [b - a for a, b in itertools.pairwise(medians)]
        first = max(steps[0], 0.0)
        return all(step <= 2 * first + 0.0001 for step in steps[1:])

    def schedule_linear(self) -> bool | None:
        if len(self.schedule) < 2:
            return None
        per = [p.due_planning_seconds / p.subscriptions for p in self.schedule]
        plan = [p.plan_seconds / p.subscriptions for p in self.schedule]
        return per[-1] <= 2 * min(per) and plan[-1] <= 2 * min(plan)

    def data_file_linear(self) -> bool | None:
        if len(self.data_file) < 2:
            return None
        per = [p.seconds / p.extra_entries for p in self.data_file]
        return per[-1] <= 2 * min(per)

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for point in self.ask:
            out[f"ask_{point.scale}x_facts"] = point.facts
            out[f"ask_{point.scale}x_p50_ms"] = median(point.total) * 1000
            out[f"ask_{point.scale}x_p99_ms"] = percentile(point.total, 99) * 1000
            out[f"ask_{point.scale}x_sql_p50_ms"] = median(point.sql) * 1000
            out[f"ask_{point.scale}x_refresh_ms"] = point.refresh_seconds * 1000
        for sp in self.schedule:
            out[f"schedule_{sp.subscriptions}_plan_ms"] = sp.plan_seconds * 1000
            out[f"schedule_{sp.subscriptions}_idle_round_ms"] = sp.idle_round_seconds * 1000
            out[f"schedule_{sp.subscriptions}_due_planning_ms"] = sp.due_planning_seconds * 1000
            out[f"schedule_{sp.subscriptions}_due_round_ms"] = sp.due_round_seconds * 1000
        for dp in self.data_file:
            out[f"data_file_{dp.extra_entries}_read_ms"] = dp.read_seconds * 1000
            out[f"data_file_{dp.extra_entries}_derive_ms"] = dp.derive_seconds * 1000
        out["ask_growth_log_like"] = self.ask_log_like()
        out["schedule_growth_linear"] = self.schedule_linear()
        out["data_file_growth_linear"] = self.data_file_linear()
        return out

    def tables(self) -> list[Table]:
        base = median(self.ask[0].total)
        ask_rows = [
            [
                f"{p.scale}x",
                str(p.facts),
                str(p.vocabulary),
                common.ms(median(p.total)),
                common.ms(percentile(p.total, 99)),
                f"{median(p.total) / base:.2f}",
                common.ms(median(p.sql)),
                common.ms(median([t - s for t, s in zip(p.total, p.sql, strict=True)])),
                common.ms(p.refresh_seconds),
            ]
            for p in self.ask
        ]
        ask = Table(
            f"3a. /ask answer time vs knowledge base size (goal: logarithmic at most) "
            f"[{verdict(self.ask_log_like())}]",
            ["size", "facts", "vocabulary", "p50", "p99", "x 1x", "FTS query p50", "Python p50", "refresh"],
            ask_rows,
        )
        schedule_rows = [
            [
                str(p.subscriptions),
                common.ms(p.plan_seconds),
                common.ms(p.idle_round_seconds),
                common.ms(p.due_planning_seconds),
                f"{p.due_planning_seconds / p.subscriptions * 1e6:.1f} us",
                common.ms(p.due_round_seconds),
                str(p.claimed),
            ]
            for p in self.schedule
        ]
        schedule = Table(
            f"3b. Scheduler vs subscriptions (goal: linear at most in those due) [{verdict(self.schedule_linear())}]",
            [
                "subscriptions",
                "plan()",
                "idle round",
                "due: planning",
                "per sub",
                "due: whole round",
                "claimed",
            ],
            schedule_rows,
        )
        data_file = Table(
            f"3c. Reading a data file and deriving its facts vs its size (goal: linear) "
            f"[{verdict(self.data_file_linear())}]",
            ["extra entries", "people", "facts", "read + check", "derive facts", "per entry"],
            [
                [
                    f"{p.extra_entries:,}",
                    str(p.people),
                    str(p.facts),
                    common.ms(p.read_seconds),
                    common.ms(p.derive_seconds),
                    f"{p.seconds / p.extra_entries * 1e6:.0f} us",
                ]
                for p in self.data_file
            ],
        )
        return [ask, schedule, data_file]


async def run_growth(config: GrowthConfig) -> GrowthReport:
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
        ask = [await measure_ask(scale, config.repeats, Path(tmp)) for scale in config.scales]
        schedule = [await measure_schedule(count, Path(tmp)) for count in config.subscriptions]
        data_file = [measure_data_file(entries, Path(tmp)) for entries in config.data_entries]
    return GrowthReport(ask, schedule, data_file)


def main() -> None:
    common.part_main(
        __doc__,
        "knowledge base up to 100x, up to 1,000 subscriptions, data file up to 1,000 more entries",
        lambda quick: asyncio.run(run_growth(QUICK if quick else GrowthConfig())),
    )


if __name__ == "__main__":
    main()
