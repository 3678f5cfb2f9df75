"""/ask, round 23: fans who describe people instead of naming them, ask at the topic's edges, type in fragments,
or write long and politely. Advice for the fan's own life and how-tos for their accounts are refused; another
work's story stays another work's, even named as "that show" or described as "the one the director made"; a
count dated by a "before ..." clause counts what it names; "talkin'" has its g back; "how big was the drop" is
the size of the fall, and "the number of viewers" inside a question is not a new question."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, NoAnswer, Refusal
from bot.services.language import Vocabulary
from tests.helpers_answering import answered, fully_answered, not_answered, partly_answered

READINGS = [
    # a count dated by what came after it: the seasons there were, not why a film came instead
    ("how many seasons had the series had before netflix switched to a film", "three seasons"),
    # "how big", "how steep": the size of the fall in viewing
    ("how steep was the fall in viewership after s2", "30%"),
    ("by how much did the number of viewers fall", "30%"),
    # the final g dropped, and what "people keep talking about" adds nothing asked
    ("who's playin nick", "Kit Connor"),
    ("that viewing drop everyone keeps talkin about, how big was it", "30%"),
    # "the previous episode" after the number: each its own fact
    ("episode number and the previous episode pls", '"Apart"'),
    # "year's 2026": "is", before a value
    ("so the release year's 2026?", "2026"),
    # the first news of the film is its commission
    ("when did fans first hear about the movie", "22 April 2025"),
    # an apology for asking asks nothing
    ("sorry to bother you but who directs it", "Wash Westmoreland"),
    # a film described by its subject ("the movie about colette") is named, not asked its story
    ("the wash westmoreland movie about colette, which year was it", "Colette (2018)"),
]

REFUSED = [
    # advice for the fan's own life and accounts
    "how can i get my crush to notice me",
    "how do we convince our parents to let us stay up for the premiere",
    "how do i change my username",
    "is a long distance relationship ever really worth it",
    "my girlfriend is off to uni next month like nick... will we make it?",
    # another work's story, named as "that show" after someone's other work
    "kit connor was in rocketman, what's that film even about",
    # another work's story with a description of which one it is
    "what happens in still alice, the one wash directed",
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round23_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize("question", REFUSED)
async def test_round23_refused(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


async def test_a_wait_counted_in_days_is_the_release_not_another_count(answerer: Answerer) -> None:
    # the day is not known: said so, with the year beside it (never how many seasons there were)
    result = await partly_answered(answerer, "how many days until hsf comes out?", "how many days")
    assert "2026" in " ".join(statement.text for statement in result.all_statements)
    assert "seasons" not in " ".join(statement.text for statement in result.all_statements)
    # a wait for something else is no question of ours
    assert isinstance(await answerer.answer("how many days till my birthday"), Refusal | NoAnswer)


async def test_a_person_asked_what_they_do_next_is_not_known(answerer: Answerer) -> None:
    result = await not_answered(answerer, "what's alice oseman writing next after this")
    assert isinstance(result, NoAnswer)
    assert any("next project" in part for part in result.missing)
    # what she writes here is still hers
    assert "Alice Oseman" in (await fully_answered(answerer, "who is writing the finale")).text


async def test_the_plan_is_read_from_the_original_plan() -> None:
    # ("og" is spelt out as "original" elsewhere; here the phrase itself)
    from bot.services.language import concepts_in

    assert "original-plan" in {concept for concept, _ in concepts_in(["the", "original", "plan"])}


def test_a_dropped_g_is_given_back_but_words_of_their_own_stay() -> None:
    vocabulary = Vocabulary(["nick"])
    assert vocabulary.repair("talkin") == "talking"
    assert vocabulary.repair("comin") == "coming"
    # words in their own right, however close to an "-ing"
    assert vocabulary.repair("thin") == "thin"
    assert vocabulary.repair("aspirin") == "aspirin"
    assert vocabulary.repair("robin") == "robin"
