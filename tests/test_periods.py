"""Questions asked by time ("what happened over summer 2025", "anything in 2026", "the very first thing on the
timeline", "the latest update") are answered from the timeline's own dates; "eps" counted are episodes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.services.answering import Answer, Answerer, NoAnswer
from bot.services.language import expand_shorthand, words
from bot.services.periods import Span, extreme_asked, period_asked, span_of

YEARS = [2025]


def test_a_timeline_date_covers_its_precision() -> None:
    assert span_of("2026") == Span(date(2026, 1, 1), date(2026, 12, 31))
    assert span_of("2025-02") == Span(date(2025, 2, 1), date(2025, 2, 28))
    assert span_of("2025-07-27") == Span(date(2025, 7, 27), date(2025, 7, 27))
    assert span_of("2025-13") is None


@pytest.mark.parametrize(
    ("question", "start", "end", "label"),
    [
        ("what was the movie up to over summer 2025", date(2025, 6, 1), date(2025, 8, 31), "summer 2025"),
        ("anything happen in the spring of 2025", date(2025, 3, 1), date(2025, 5, 31), "spring 2025"),
        ("any news during autumn", date(2025, 9, 1), date(2025, 11, 30), "autumn 2025"),
        ("what went on in winter 2025", date(2025, 12, 1), date(2026, 2, 28), "winter 2025"),
        (
            "what's the significance of early july 2025",
            date(2025, 7, 1),
            date(2025, 7, 10),
            "early July 2025",
        ),
        ("anything big in late june", date(2025, 6, 21), date(2025, 6, 30), "late June 2025"),
        ("what happened in july", date(2025, 7, 1), date(2025, 7, 31), "July 2025"),
        ("anything happening in 2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("what happened in may", date(2025, 5, 1), date(2025, 5, 31), "May 2025"),
    ],
)
def test_the_span_a_question_asks_the_events_of(question: str, start: date, end: date, label: str) -> None:
    period = period_asked(question, YEARS)
    assert period is not None
    assert (period.span, period.label) == (Span(start, end), label)


@pytest.mark.parametrize(
    "question",
    [
        "who plays charlie spring",  # a surname, not a season
        "when does spring start",  # asks a date, not what happened
        "what happened between june and july",  # two spans: not one period
        "is it out in 2026",
        "may i ask who directs it",  # "may" is a verb here
        "what happened",
    ],
)
def test_no_span_is_read_where_none_is_asked(question: str) -> None:
    assert period_asked(question, YEARS) is None


@pytest.mark.parametrize(
    ("question", "extreme"),
    [
        ("whats the very first thing on the hsf timeline", "first"),
        ("what was the earliest news about the film", "first"),
        ("the first hs thing that happened?", "first"),
        ("how did it all start", "first"),
        ("whats the most recent hsf update u know of", "latest"),
        ("what's the latest on hsf", "latest"),
        ("newest news pls", "latest"),
        ("what was the last thing that happened", "latest"),
        ("first day of filming", None),
        ("what was the last day of filming", None),
        ("who's the latest cast member", None),
    ],
)
def test_a_question_for_the_first_or_latest_event(question: str, extreme: str | None) -> None:
    assert extreme_asked(question) == extreme


def _slugs(result: object) -> list[str]:
    assert isinstance(result, Answer), result
    return [statement.fact_slug for statement in result.all_statements]


@pytest.mark.parametrize(
    ("question", "slugs"),
    [
        (
            "what was the hs movie up to over summer 2025",
            {
                "event-filming-started",
                "event-filming-halfway",
                "event-title-revealed",
                "event-filming-wrapped",
            },
        ),
        ("anything hs-related go down in the spring of 2025", {"event-commission-reported"}),
        ("whats the hs significance of early july 2025", {"event-filming-halfway", "event-title-revealed"}),
        ("june 2025 hs news recap pls", {"event-filming-started"}),
        ("anything heartstopper happening in 2026?", {"release"}),
        ("whats the very first thing on the hsf timeline", {"event-commission-reported"}),
        ("whats the most recent hsf update u know of", {"event-filming-wrapped", "event-farewell-posts"}),
        ("what's the latest on the film", {"event-filming-wrapped", "event-farewell-posts"}),
    ],
)
async def test_the_events_of_the_span_asked_are_the_answer(
    answerer: Answerer, question: str, slugs: set[str]
) -> None:
    assert set(_slugs(await answerer.answer(question))) == slugs


async def test_the_release_still_to_come_is_not_the_latest_news(answerer: Answerer) -> None:
    # the release is dated 2026 but was a plan when the notes were written: what last happened is the wrap
    assert "release" not in _slugs(await answerer.answer("what is the newest update on hsf"))


async def test_a_span_with_nothing_dated_in_it_is_said_to_be_unknown(answerer: Answerer) -> None:
    result = await answerer.answer("what happened with the film in winter 2024")
    assert isinstance(result, NoAnswer)
    assert "anything dated winter 2024" in result.missing


async def test_a_day_named_is_still_that_days(answerer: Answerer) -> None:
    # a day is read as the day (elsewhere), never widened to its month
    assert _slugs(await answerer.answer("what happened on june 9 2025")) == ["event-filming-started"]
    assert set(_slugs(await answerer.answer("anything happen on the 27th of july?"))) == {
        "event-filming-wrapped",
        "event-farewell-posts",
    }


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("how many eps before the film", "how many episodes before the film"),
        ("8 eps per season", "8 episodes per season"),
        ("how many heartstopper eps exist", "how many heartstopper episodes exist"),
        ("list the eps", "list the executive producers"),
        ("which actors are eps on it", "which actors are executive producers on it"),
    ],
)
def test_eps_are_episodes_where_episodes_are_counted_and_producers_elsewhere(
    question: str, read: str
) -> None:
    assert " ".join(expand_shorthand(words(question))) == read
