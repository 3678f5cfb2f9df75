"""/ask, round 23: fans who describe people instead of naming them, ask at the topic's edges, type in fragments,
or write long and politely. Advice for the fan's own life and how-tos for their accounts are refused; another
work's story stays another work's, even named as "that show" or described as "the one the director made"; a
count dated by a "before ..." clause counts what it names; "talkin'" has its g back; "how big was the drop" is
the size of the fall, and "the number of viewers" inside a question is not a new question."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, NoAnswer, Refusal
from bot.services.language import Vocabulary
from bot.services.multilingual import clauses_in_english
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
    # the release named by its year
    ("is the 2026 date official yet", "2026"),
    # "the final movie" is ours; "the boyfriend of charlie" is Nick
    ("who's in the last film as nick", "Kit Connor"),
    ("who plays the boyfriend of charlie", "Kit Connor"),
    # a person described by their other work; "again" names no work
    ("who's the director again, the colette guy?", "Wash Westmoreland"),
    # a typed "@name" and emoji shortcodes are not words of the question; "*...*" is italics, not a correction
    ("@HsfBot who plays charlie :sparkles:", "Joe Locke"),
    ("when did *Colette* come out, the one by the director", "Colette (2018)"),
    # a denial asked to be confirmed, and another platform named
    ("it isn't on disney plus is it", "Netflix"),
    # "the main two": the leads
    ("are the main pair both confirmed?", "Kit Connor"),
    # a name corrected in brackets
    ("what did nick (kit i mean) post when they wrapped", "Bye Charlie"),
    # one of what the part before asked about
    ("who are the execs, is emile sherman one of them", "Emile Sherman"),
    # both words of a full name misheard
    ("what does emil shermen do on it", "Emile Sherman"),
    # "how many weeks did they shoot for": the filming, in the phrase that asked how long
    ("how many weeks did they shoot for roughly", "seven weeks"),
    # the last of the show, not its story's ending
    ("is this the end of the whole series?", "finale"),
    # the one who made another work, described so; "the finale film" is ours; "thered"
    (
        "the woman who wrote it, is she the same one who did solitaire? no wait, is the director the guy who made colette",
        "Colette (2018)",
    ),
    ("who's nick in the finale film", "Kit Connor"),
    ("when did we hear thered be a film", "22 April 2025"),
    # a name of ours with an "s" and no apostrophe, before a thing of theirs
    ("joes goodbye post said what", "Thank you for everything"),
    # "orders" is the commission
    ("when did netflix first say it orders a film", "22 April 2025"),
    # gossip and "the craic" ask for news; "contract drama" is the contracts, not the genre
    ("is the contract drama thing real or just gossip", "contract"),
    ("when did we first learn there'd be a movie", "22 April 2025"),
    # "how many hats": her roles
    ("alice is wearing many hats on this one, what are they", "executive producers"),
    # a role named beside the person it is an alias of is asked of them; the two leads after a cast verb
    ("is oseman the creator as well as the writer", "created Heartstopper"),
    ("were nick and charlie recast for the movie", "Kit Connor"),
]

# Messages that switch between English and another language, clause by clause
CODE_SWITCHED = [
    ("who wrote the film? y cuándo empezó el rodaje", ["Alice Oseman", "9 June 2025"]),
    ("quem dirige o filme, and is kit in it?", ["Wash Westmoreland", "Kit Connor"]),
    ("wann kommt er raus, is it on netflix", ["2026"]),
    ("how many exec producers? e chi sono", ["seven executive producers"]),
    ("il novio de charlie, who plays him", ["Kit Connor"]),
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
    # the same in two languages
    "qual é o teu ship preferido, what's yours",
    "dame una receta for the premiere party",
    # the calendar's own dates, a title before a character's name, a tool for the fan's own making
    "when is easter this year",
    "who was mr darcy in the bbc version",
    "what's a good app for making fan edits",
    "can u make me a **@mod** pls",
    # taste put as a comparison, the fan's own making, our story rewritten
    "is joe prettier than kit",
    "how do i make a fan edit of hsf",
    "write the novella's ending as a screenplay",
    # something written for the fan however it is spelt, and taste in looks
    "write me a sonet about tao",
    "is joe locke hot or what",
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round23_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


async def test_a_question_joined_by_a_plus_to_a_request_is_answered(answerer: Answerer) -> None:
    result = await partly_answered(answerer, "who directs it + whats ur fave season", "fave season")
    assert "Wash Westmoreland" in " ".join(statement.text for statement in result.all_statements)


async def test_what_that_was_about_is_more_of_the_remark_before(answerer: Answerer) -> None:
    assert "contract" in await answered(
        answerer, "read that contracts were an issue for season 4, what was that about"
    )


async def test_a_follow_up_about_a_post_asks_its_wording(answerer: Answerer) -> None:
    # the note says she posted, not what: the wording is not known (never the script she wrote)
    result = await partly_answered(
        answerer, "alice said something when they wrapped right? what did she write exactly", "exact wording"
    )
    assert "written by" not in " ".join(statement.text for statement in result.all_statements)


async def test_a_story_asked_of_the_series_is_not_when_filming_ended(answerer: Answerer) -> None:
    result = await not_answered(answerer, "how will the show end")
    assert isinstance(result, NoAnswer) and any("story ends" in part for part in result.missing)


async def test_the_year_of_another_work_is_not_ours(answerer: Answerer) -> None:
    reply = await answered(answerer, "when did colette come out")
    assert "Colette (2018)" in reply and "2026" not in reply


async def test_the_producers_besides_the_two_stars_are_not_the_stars(answerer: Answerer) -> None:
    reply = await answered(answerer, "the execs apart from the two stars, who are they")
    assert "executive producers" in reply
    assert "Kit Connor plays" not in reply and "Joe Locke plays" not in reply


@pytest.mark.parametrize(("question", "expected"), CODE_SWITCHED)
async def test_round23_code_switched(answerer: Answerer, question: str, expected: list[str]) -> None:
    reply = await answered(answerer, question)
    assert all(fact in reply for fact in expected), reply


def test_only_a_message_in_two_languages_is_read_clause_by_clause() -> None:
    assert clauses_in_english("who directs it and when is it out") is None  # English throughout
    assert clauses_in_english("quién dirige la película y cuándo sale") is None  # Spanish throughout
    mixed = clauses_in_english("who directs it? y cuándo sale")
    assert mixed is not None and mixed.startswith("who directs it?") and "when" in mixed


async def test_it_after_another_work_stays_that_work_in_a_code_switched_message(answerer: Answerer) -> None:
    # "quién la dirigió" reads as our film on its own; after "young royals" it is Young Royals
    await not_answered(answerer, "who created young royals, quién la dirigió?")


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
