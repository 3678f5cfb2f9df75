"""/ask, round 19: fans whose first language is not English, and questions typed mid-conversation. A learner's
"when is coming the movie" and "how many time until it comes" ask for the release; a question in a statement's
order ("the film is already filmed?") is a question; a word of Spanish, Portuguese, French, German or Italian
in an English question ("estreno", "drehbuch") is read in English, and an address such as "kak" is no name;
"recording" is filming; "alice oseman also posted" keeps its subject; "in general" is a channel, not a show;
"who is cuter" is a matter of taste; "nick and norah's ..." and "from another show" are other works; "when is
nick coming back" is whether he returns and when the film is out."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, NoAnswer, PartialAnswer, Refusal
from bot.services.multilingual import with_loanwords_in_english
from tests.helpers_answering import answered

READINGS = [
    # "coming", "comes", "arrives" in a learner's order: the release
    ("when is coming the film of heartstopper", "2026"),
    ("when comes the finale to netflix", "2026"),
    ("when it arrives on netflix the movie?", "2026"),
    ("how many time until it comes out", "2026"),
    ("how much time left until it comes", "2026"),
    ("eventually the movie comes to netflix?", "Netflix"),
    # "when it comes to" is "as for", not a time asked
    ("when it comes to the writer, who is it", "Alice Oseman"),
    # a question in a statement's order
    ("the movie is already shot?", "27 July 2025"),
    ("joe locke is in the film?", "Charlie Spring"),
    ("it will be on netflix?", "Netflix"),
    # words of the fan's first language
    ("hsf has a fecha de estreno already?", "2026"),
    ("who wrote the drehbuch", "Alice Oseman"),
    ("the regie of the film is by who", "Wash Westmoreland"),
    ("netflix confirmed the movie already kak?", "22 April 2025"),
    ("who plays charlie po", "Joe Locke"),
    # "recording" is filming, and a film "is confirmed" is its commission
    ("are they still recording the movie", "27 July 2025"),
    ("the film is officially confirmed?", "22 April 2025"),
    # a name, then "also": the subject of what follows
    ("alice oseman also posted something when filming ended?", "Alice Oseman also shared her feelings"),
    ("kit also produces the film?", "executive producers"),
    # where the fan heard it
    ("someone in gc says june 9 was important, what happened", "9 June 2025"),
    ("people in vc said joe isn't back, true?", "Charlie Spring"),
    # the plan for four seasons, asked why
    ("why did alice want four seasons originally", "adapt the whole"),
    # found in the sealed batch BI: "who else" after a question about a role is the others in that role
    ("is alice an executive producer? who else is", "Patrick Walters"),
    # the film people talk of is the film (not what it is about), and the fan's "no idea" asks nothing more
    ("what's this movie all my friends keep talking about, i've no idea what it is", "series finale"),
]

REFUSED = [
    # taste, not a fact
    "who is more gorgeous, kit or joe",
    "who is cuter, kit or joe",
    "which one is hotter nick or charlie",
    "who's the better actor",
    # other works that share a name or are named as others
    "what happens in nick and norah's infinite playlist",
    "who directed charlie and lola's big adventure",
    "who plays the lead in the summer i turned pretty, she's the girl from another show",
    # a character known by one name, then an English word as a surname, in a clause about something else
    "is tara reid the one from the sharknado films",
    # a sum, and what the fan wants it for
    "what's 2027 minus 2008, trying to figure out how old kit will be when it drops",
    # the cast of the director's earlier film, named as "the film ..."
    "who was the main character in the movie still alice",
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round19_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize("question", REFUSED)
async def test_round19_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


async def test_nick_coming_back_says_he_returns_and_when_it_is_out(answerer: Answerer) -> None:
    reply = await answered(answerer, "when is nick coming back")
    assert "Kit Connor" in reply and "2026" in reply
    assert (
        "Bye Charlie" not in reply
    )  # not the farewell posts, the only other fact with a date and Nick in it


async def test_a_foreign_word_for_what_the_notes_lack_is_named_as_not_known(answerer: Answerer) -> None:
    # "doblaje" is dubbing: understood, and said to be unknown (not "nothing on 'doblaje'", not a fact instead)
    result = await answerer.answer("will the film have doblaje")
    assert isinstance(result, (NoAnswer, PartialAnswer))
    assert "dubs" in " ".join(result.missing)


async def test_a_statement_with_a_question_word_keeps_its_order(answerer: Answerer) -> None:
    # "alice oseman does what on the film?": not turned into "does alice oseman what ..."
    reply = await answered(answerer, "alice oseman does what on the film exactly?")
    assert "writ" in reply and "executive producers" in reply


@pytest.mark.parametrize("question", ["tao xu", "is darcy olsson back", "who is darcy olsson"])
async def test_a_surname_the_notes_lack_after_a_one_name_character_stays_ours(
    answerer: Answerer, question: str
) -> None:
    assert not isinstance(await answerer.answer(question), Refusal)


async def test_a_sum_beside_a_question_of_ours_still_answers_that(answerer: Answerer) -> None:
    result = await answerer.answer("what's 12 times 3, and when is it out")
    assert isinstance(result, PartialAnswer)
    assert "2026" in result.text and any("12 times 3" in part for part in result.missing)


def test_loanwords_leave_english_and_names_alone() -> None:
    names = frozenset(["nick", "elle"])
    assert with_loanwords_in_english("who wrote the drehbuch", names) == "who wrote the script"
    assert with_loanwords_in_english("when is the estreno?", names) == "when is the release?"
    # English words, names of ours and function words of the five languages stay as they are
    assert with_loanwords_in_english("is the film on netflix", names) == "is the film on netflix"
    assert with_loanwords_in_english("is elle in it", names) == "is elle in it"
    assert with_loanwords_in_english("cade the trailer", names) == "cade the trailer"
