"""/ask, round 25: orders to explain or count, a mark that is a milestone, a season label before "= ?", a
character's storyline, the fan's verdict beside a question, a name of ours before a joke, a bare "what
date" after an event; (slice 2) events asked in time order, "X better be in this", a plea after a trailing
name, "hitting netflix", "the end date" after filming's start, a title's year in brackets, lengths in other
units and verdicts on other works refused; (slice 3) everyday typing slips put right before anything is
read, a day claimed for an event dated only to its month, a namesake the fan sets aside, "what else has X
made besides this one", and a pasted block of code."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, NoAnswer, PartialAnswer
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


# (slice 3) Everyday slips: two letters swapped, one left out or typed twice, in words of any length
SLIPS = [
    ("hwo long did filmming last", "seven weeks"),
    ("wehn did they anounce teh title", "July 2025"),
    ("who wrote it in teh first place", "Alice Oseman"),
    ("waht year is it comming out", "2026"),
    ("is kit in it or nto", "Kit Connor"),
]


@pytest.mark.parametrize(("question", "expected"), SLIPS)
async def test_everyday_slips_are_put_right(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in (await fully_answered(answerer, question)).text


async def test_a_name_possessive_without_apostrophe_is_no_slip(answerer: Answerer) -> None:
    # "kits" is Kit's, never "kites" or "kits" of anything
    reply = await answered(answerer, "kits wrap post what did it say")
    assert "Bye Charlie" in reply


async def test_a_slip_does_not_hide_a_request(answerer: Answerer) -> None:
    await not_answered(answerer, "whats the captial of france")


async def test_words_of_the_other_languages_are_no_slips(answerer: Answerer) -> None:
    # "quando" is Italian and Portuguese for "when", not a misspelt English word
    reply = await answered(answerer, "quando sai o filme na netflix")
    assert "2026" in reply


async def test_a_day_claimed_for_an_event_known_to_the_month_is_not_confirmed(answerer: Answerer) -> None:
    result = await partly_answered(answerer, "the title came out on 20 july didn't it", "exact date")
    assert "July 2025" in result.text


async def test_a_day_claimed_for_an_event_known_to_the_day_is_put_right(answerer: Answerer) -> None:
    result = await fully_answered(answerer, "they wrapped on july 20th right")
    assert "27 July 2025" in result.text


async def test_a_namesake_set_aside_leaves_the_question_ours(answerer: Answerer) -> None:
    result = await fully_answered(answerer, "who plays charlie in hsf? not charlie puth obviously")
    assert "Joe Locke" in result.text


async def test_a_namesake_set_aside_beside_a_request_word(answerer: Answerer) -> None:
    reply = await answered(answerer, "which book did they adapt? not nick and norah's infinite playlist lol")
    assert "Volume 6" in reply


async def test_someones_other_work_besides_ours_is_not_known(answerer: Answerer) -> None:
    # his other work is in no source; the producers' list is no answer to it
    result = await answerer.answer("what else has ian canning produced apart from hsf")
    assert isinstance(result, NoAnswer | PartialAnswer), result
    assert any("other work" in part for part in result.missing)


async def test_a_pasted_block_of_code_is_refused(answerer: Answerer) -> None:
    await not_answered(answerer, "```js\nconsole.log(1\n``` why is this broken")
