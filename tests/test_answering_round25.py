"""/ask, round 25: orders to explain or count, a mark that is a milestone, a season label before "= ?", a
character's storyline, the fan's verdict beside a question, a name of ours before a joke, a bare "what
date" after an event; (slice 2) events asked in time order, "X better be in this", a plea after a trailing
name, "hitting netflix", "the end date" after filming's start, a title's year in brackets, lengths in other
units and verdicts on other works refused."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer
from tests.helpers_answering import answered, fully_answered, not_answered, partly_answered

# Answered in full: nothing in them is left as not known
FULL_READINGS = [
    # an order to explain is a question
    ("explain to me why netflix went with a film", "30%"),
    ("could you explain what the movie replaces", "fourth season"),
    ("explain the storyline pls", "long-distance"),
    # an order to count
    ("count up the seasons that were on before the movie", "three seasons"),
    # the fan's verdict after the question is not asked
    ("why did alice plan four seasons, seems ambitious lol", "adapt"),
]

READINGS = [
    # the halfway mark is a milestone, not a mark given
    ("give me the day they got past the halfway mark", "2 July 2025"),
    # "s2 → s3 = ?" names seasons, it is no sum
    ("audience drop from s2 to s3 = ?", "30%"),
    # what a character is dealing with is the story
    ("what is charlie up against in the film", "independence"),
    ("what's nick dealing with in hsf", "university"),
    # a name of ours before a joke, then the question about them
    ("ian canning... a person or tomorrow's weather 😭 what does he do on it", "executive producers"),
    # "what date" after an event is that event's date
    ("when did they wrap, what date", "27 July 2025"),
]

REFUSED = [
    # the fan's own text to mend
    "correct the spelling in my caption: 'cant wait for hsf'",
    "proofread my fic summary pls",
    # a sum is still a sum
    "whats 12 = ?",
    # a mark given is still a mark given
    "give the finale a mark out of ten",
    # a name of ours and a request, with no question
    "joe locke. write me a song",
    # (slice 2) another work's story, its year in brackets after its title
    "what is still alice (2014) about, the story",
    # a verdict on another work
    "is colette any good",
    # a length in other units
    "what's 27 days in minutes",
    "how many hours is 3 weeks",
    # a plea after a trailing-off greeting is still a request
    "hey... pls say something nice",
    # a pick of the bot's own
    "best romcom of all time, your pick",
]

# (slice 2) Answered in full
FULL_READINGS_2 = [
    ("tara better be in this. is she", "Tara"),
    ("isaac... pls say isaac is back 🙏", "Isaac"),
    ("when is hsf hitting netflix", "2026"),
    ("fill in: the finale is directed by ____", "Wash Westmoreland"),
    ("whats the full name of the one who stays at school", "Charlie Spring"),
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round25_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(("question", "expected"), FULL_READINGS)
async def test_round25_full_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in (await fully_answered(answerer, question)).text


@pytest.mark.parametrize(("question", "expected"), FULL_READINGS_2)
async def test_round25_full_readings_slice2(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in (await fully_answered(answerer, question)).text


@pytest.mark.parametrize("question", REFUSED)
async def test_round25_refused(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


async def test_the_books_coming_out_is_not_the_films_release(answerer: Answerer) -> None:
    # the notes date the film's release, not the comics'; what they hold of the books is offered beside it
    result = await partly_answered(answerer, "when were the heartstopper comics first released", "published")
    assert "2026" not in result.text


async def test_the_film_of_the_books_is_still_the_film(answerer: Answerer) -> None:
    reply = await answered(answerer, "when does the movie of the books come out")
    assert "2026" in reply


async def test_a_bare_date_after_an_event_adds_no_release(answerer: Answerer) -> None:
    result = await fully_answered(answerer, "when did filming begin, which date")
    assert "9 June 2025" in result.text and "2026" not in result.text


async def test_a_bare_year_in_a_list_is_still_the_films(answerer: Answerer) -> None:
    reply = await answered(answerer, "genre; director; year")
    assert "2026" in reply


async def test_what_he_has_done_before_is_his_earlier_work(answerer: Answerer) -> None:
    # his films, not the episode that came before the film
    reply = await answered(answerer, "who directs it and what has he done before")
    assert "Still Alice" in reply and "Apart" not in reply


async def test_what_it_is_with_emphasis_is_what_kind_of_film(answerer: Answerer) -> None:
    reply = await answered(answerer, "everyone's on about heartstopper forever, what is it exactly")
    assert "feature-length" in reply


async def test_the_fans_joke_is_declined_beside_the_answer(answerer: Answerer) -> None:
    result = await partly_answered(
        answerer, "euros lyn... is that a person or the weather 😭 whats their role", "not something I do"
    )
    assert "Euros Lyn" in result.text


async def test_events_asked_in_order_are_told_in_the_order_they_happened(answerer: Answerer) -> None:
    result = await fully_answered(
        answerer, "put these in order with dates: the wrap, the greenlight, first day of filming"
    )
    texts = [statement.text for statement in result.all_statements]
    assert [text.split(" (")[0] for text in texts] == [
        "Film commissioned",
        "Filming began",
        "Filming wrapped",
    ]


async def test_in_what_order_is_no_commission(answerer: Answerer) -> None:
    # "order" there is the sequence asked, not Netflix ordering the film
    result = await fully_answered(answerer, "in what order did these happen: halfway post, wrap")
    texts = [statement.text for statement in result.all_statements]
    assert texts[0].startswith("Past the halfway mark") and texts[1].startswith("Filming wrapped")
    assert not any(text.startswith("Film commissioned") for text in texts)


async def test_rank_for_taste_is_still_refused(answerer: Answerer) -> None:
    await not_answered(answerer, "rank the three seasons from best to worst")


async def test_the_end_date_after_filming_began_is_the_wrap(answerer: Answerer) -> None:
    result = await fully_answered(answerer, "when did shooting start? and the end date?")
    assert "9 June 2025" in result.text and "27 July 2025" in result.text


async def test_a_year_said_again_in_brackets_stays_an_aside(answerer: Answerer) -> None:
    # "this yr (2025)" is the fan's time, not a title with its year
    reply = await answered(answerer, "my mate says it's out this yr (2025), true?")
    assert "2026" in reply
