"""Ask gaps: the repository (counts, cap, purge) and the service (normalisation, dedupe, retention, suggestions)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.db import Database, DatabaseBusyError
from bot.db.gaps import AskGap, GapKind, GapRepository
from bot.sandbox import VirtualClock
from bot.services.answering import Answer, Answerer, NoAnswer
from bot.services.gaps import (
    MAX_GAP_LENGTH,
    MAX_SUGGESTIONS,
    AskSuggestions,
    GapService,
    gaps_as_json,
    gaps_as_text,
    normalise_question,
    recordable_question,
)
from bot.services.knowledge import KnowledgeService

START = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(start=START)


@pytest.fixture
def repository(database: Database) -> GapRepository:
    return GapRepository(database)


@pytest.fixture
def gaps(repository: GapRepository, clock: VirtualClock) -> GapService:
    return GapService(repository, clock, retention=timedelta(days=90))


# --- normalisation --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who plays Nick's MUM??", "who plays nicks mum"),
        ("  who   plays\tnick’s mum ", "who plays nicks mum"),
        ("**bold** _under_score_ `code` ||spoiler|| > quote", "bold under score code spoiler quote"),
        ("@everyone <@&123> what's on?", "everyone 123 whats on"),
        ("Ｗｈｏ ｐｌａｙｓ Tao?", "who plays tao"),  # full-width letters (NFKC)
        ("Élle est où ?", "élle est où"),
        ("🎬🍿", ""),
    ],
)
def test_normalise_question(question: str, expected: str) -> None:
    assert normalise_question(question) == expected


def test_normalised_questions_are_short_cut_at_a_word_and_idempotent() -> None:
    long = "why " * 40 + "x" * 200
    text = normalise_question(long)
    assert len(text) <= MAX_GAP_LENGTH and text.endswith("why")
    assert normalise_question(text) == text
    astral = normalise_question("𝒜" * 200)  # letters outside the BMP count twice in Discord's limit
    assert len(astral.encode("utf-16-le")) // 2 <= MAX_GAP_LENGTH


@pytest.mark.parametrize("question", ["", "??", "hi", "42 17", "🎬"])
def test_too_short_questions_are_not_recordable(question: str) -> None:
    assert recordable_question(question) is None


# --- repository -------------------------------------------------------------------------------------------------


async def test_record_counts_and_keeps_first_and_last_asked(repository: GapRepository) -> None:
    assert await repository.record("who plays tao s mum", GapKind.UNANSWERED, START) == 1
    later = START + timedelta(days=2)
    assert await repository.record("who plays tao s mum", GapKind.UNANSWERED, later) == 2
    assert await repository.record("who plays tao s mum", GapKind.NOT_WHAT_I_ASKED, later) == 1
    listed = await repository.most_asked(10, since=START)
    assert [(gap.question, gap.kind, gap.count) for gap in listed] == [
        ("who plays tao s mum", GapKind.UNANSWERED, 2),
        ("who plays tao s mum", GapKind.NOT_WHAT_I_ASKED, 1),
    ]
    assert listed[0].first_asked == START and listed[0].last_asked == later


async def test_most_asked_orders_by_count_then_recency_and_honours_since(repository: GapRepository) -> None:
    for question, count, day in (("alpha", 1, 5), ("beta", 3, 1), ("gamma", 1, 9), ("old", 9, -100)):
        for _ in range(count):
            await repository.record(question, GapKind.UNANSWERED, START + timedelta(days=day))
    listed = await repository.most_asked(10, since=START - timedelta(days=90))
    assert [gap.question for gap in listed] == ["beta", "gamma", "alpha"]
    assert [gap.question for gap in await repository.most_asked(2, since=START)] == ["beta", "gamma"]


async def test_cap_evicts_the_least_recently_asked(database: Database) -> None:
    repository = GapRepository(database, capacity=3)
    for day, question in enumerate(["first", "second", "third"]):
        await repository.record(question, GapKind.UNANSWERED, START + timedelta(days=day))
    await repository.record("first", GapKind.UNANSWERED, START + timedelta(days=5))  # asked again: recent now
    await repository.record("fourth", GapKind.UNANSWERED, START + timedelta(days=6))
    assert await repository.count() == 3
    kept = {gap.question for gap in await repository.most_asked(10, since=START)}
    assert kept == {"first", "third", "fourth"}


async def test_purge_deletes_only_gaps_last_asked_before_the_cutoff(repository: GapRepository) -> None:
    await repository.record("stale", GapKind.UNANSWERED, START)
    await repository.record("fresh", GapKind.UNANSWERED, START + timedelta(days=30))
    assert await repository.purge(START + timedelta(days=1)) == 1
    assert await repository.purge(START + timedelta(days=1)) == 0
    assert [gap.question for gap in await repository.most_asked(10, since=START)] == ["fresh"]


async def test_the_table_stores_no_user_ids(database: Database) -> None:
    columns = {row["name"] for row in await database.fetch_all("PRAGMA table_info(ask_gaps)")}
    assert columns == {"id", "question", "kind", "count", "first_asked", "last_asked"}


# --- service ------------------------------------------------------------------------------------------------------


async def test_unanswered_questions_are_recorded_normalised(gaps: GapService) -> None:
    assert await gaps.record_unanswered("Who plays Tao's mum?")
    assert await gaps.record_unanswered("who plays taos mum")
    assert not await gaps.record_unanswered("??")
    [gap] = await gaps.most_asked()
    assert (gap.question, gap.kind, gap.count) == ("who plays taos mum", GapKind.UNANSWERED, 2)


async def test_not_what_i_asked_counts_once_per_message_and_person(gaps: GapService) -> None:
    question = "where was it filmed"
    assert await gaps.record_not_what_i_asked(question, message_id=1, user_id=10)
    assert not await gaps.record_not_what_i_asked(question, message_id=1, user_id=10)
    assert await gaps.record_not_what_i_asked(question, message_id=1, user_id=11)
    assert await gaps.record_not_what_i_asked(question, message_id=2, user_id=10)
    [gap] = await gaps.most_asked()
    assert gap.kind is GapKind.NOT_WHAT_I_ASKED and gap.count == 3


async def test_flag_memory_is_bounded(repository: GapRepository, clock: VirtualClock) -> None:
    gaps = GapService(repository, clock, flag_memory=2)
    for message_id in (1, 2, 3):
        assert await gaps.record_not_what_i_asked("where was it filmed", message_id=message_id, user_id=1)
    # The oldest pair was forgotten: a press on message 1 counts again (bounded memory beats exactness).
    assert await gaps.record_not_what_i_asked("where was it filmed", message_id=1, user_id=1)


async def test_a_busy_database_loses_the_gap_quietly(
    gaps: GapService, repository: GapRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def busy(*args: object) -> int:
        raise DatabaseBusyError("bot.sqlite3")

    monkeypatch.setattr(repository, "record", busy)
    assert not await gaps.record_unanswered("where was it filmed")
    # A press that was not stored may be tried again.
    assert not await gaps.record_not_what_i_asked("where was it filmed", message_id=1, user_id=1)
    monkeypatch.undo()
    assert await gaps.record_not_what_i_asked("where was it filmed", message_id=1, user_id=1)


async def test_reading_purges_past_the_retention(
    gaps: GapService, repository: GapRepository, clock: VirtualClock
) -> None:
    await gaps.record_unanswered("asked long ago")
    await clock.advance(timedelta(days=60))
    await gaps.record_unanswered("asked lately")
    await clock.advance(timedelta(days=31))
    assert [gap.question for gap in await gaps.most_asked()] == ["asked lately"]
    assert await repository.count() == 1


async def test_periodic_purge_runs_at_start_and_daily(
    gaps: GapService, repository: GapRepository, clock: VirtualClock
) -> None:
    await repository.record("asked long ago", GapKind.UNANSWERED, START - timedelta(days=91))
    await repository.record("asked at the start", GapKind.UNANSWERED, START)
    gaps.start()
    try:
        await wait_until(lambda: repository.count(), 1)  # the purge on start
        for _ in range(91):  # day by day, letting the purge's database round finish each time
            await clock.advance(timedelta(days=1))
            await wait_for_sleeper(clock)
        assert await repository.count() == 0
    finally:
        await gaps.stop()


async def wait_until(read: Callable[[], Awaitable[int]], expected: int, attempts: int = 200) -> None:
    for _ in range(attempts):
        if await read() == expected:
            return
        await asyncio.sleep(0.01)
    assert await read() == expected


async def wait_for_sleeper(clock: VirtualClock, attempts: int = 200) -> None:
    for _ in range(attempts):
        if clock.pending():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the purge task did not go back to sleep")


def test_retention_must_be_positive(repository: GapRepository, clock: VirtualClock) -> None:
    with pytest.raises(ValueError):
        GapService(repository, clock, retention=timedelta(0))


def test_report_as_text_and_json() -> None:
    gap = AskGap("who plays taos mum", GapKind.UNANSWERED, 4, START, START + timedelta(hours=1))
    text = gaps_as_text([gap], retention=timedelta(days=90))
    assert "who plays taos mum" in text and "no answer" in text and "2026-01-01 13:00" in text
    assert "last 90 days" in gaps_as_text([], retention=timedelta(days=90))
    [entry] = json.loads(gaps_as_json([gap]))
    assert entry == {
        "question": "who plays taos mum",
        "kind": "unanswered",
        "count": 4,
        "first_asked": "2026-01-01T12:00:00+00:00",
        "last_asked": "2026-01-01T13:00:00+00:00",
    }


# --- suggestions --------------------------------------------------------------------------------------------------


async def test_fallback_suggestions_come_from_the_knowledge_base_and_are_answerable(
    knowledge: KnowledgeService, answerer: Answerer
) -> None:
    suggestions = AskSuggestions(knowledge, answerer)
    offered = await suggestions.for_question(NoAnswer("what's the weather in Kent?"))
    assert 1 <= len(offered) <= MAX_SUGGESTIONS
    assert any("Heartstopper Forever" in question for question in offered)
    for question in offered:
        assert isinstance(await answerer.answer(question), Answer), question


async def test_the_answerers_suggestions_come_first(knowledge: KnowledgeService, answerer: Answerer) -> None:
    suggestions = AskSuggestions(knowledge, answerer)
    too_long = "who " * 30 + "?"
    result = NoAnswer(
        "who plays nick's mum?",
        ("Who plays Nick?", "who plays nick?", too_long, "Who plays Nick's mum?", "Who plays Charlie?", "x?"),
    )
    # Each once, none longer than a button's label, not the question just asked, at most three.
    assert await suggestions.for_question(result) == ("Who plays Nick?", "Who plays Charlie?", "x?")


# --- python -m bot gaps -------------------------------------------------------------------------------------------


def run_gaps_cli(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "DISCORD_TOKEN"}
    environment["DATABASE_PATH"] = str(tmp_path / "bot.sqlite3")
    return subprocess.run(
        [sys.executable, "-m", "bot", "gaps", *arguments],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
        check=False,
    )


def test_cli_lists_the_most_asked_gaps_as_a_table_and_as_json(tmp_path: Path) -> None:
    async def record() -> None:
        database = await Database.open(tmp_path / "bot.sqlite3")
        try:
            repository = GapRepository(database)
            now = datetime.now(UTC)
            for question, count in (("who plays taos mum", 3), ("where was it filmed", 1)):
                for _ in range(count):
                    await repository.record(question, GapKind.UNANSWERED, now)
            await repository.record("ancient question", GapKind.UNANSWERED, now - timedelta(days=91))
        finally:
            await database.close()

    asyncio.run(record())
    table = run_gaps_cli(tmp_path)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert "question" in lines[0] and "who plays taos mum" in lines[1] and "3" in lines[1]
    assert len(lines) == 3 and "ancient" not in table.stdout  # past the 90-day retention: purged on read

    as_json = run_gaps_cli(tmp_path, "--json", "--limit", "1")
    assert as_json.returncode == 0, as_json.stderr
    [entry] = json.loads(as_json.stdout)
    assert entry["question"] == "who plays taos mum" and entry["count"] == 3 and entry["kind"] == "unanswered"

    refused = run_gaps_cli(tmp_path, "--limit", "0")
    assert refused.returncode == 2 and "--limit" in refused.stderr


def test_cli_on_a_new_database_says_there_are_none(tmp_path: Path) -> None:
    result = run_gaps_cli(tmp_path)
    assert result.returncode == 0 and "No unanswered questions recorded in the last 90 days" in result.stdout
