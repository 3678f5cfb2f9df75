"""/ask, round 10: one of our people asked about their other work (refused, or "I don't have their other work"
with nothing of this film offered in its place); names set aside before the question of another role; "'s"
meaning "is" before what it asks about; who did the casting (not who is cast); a topic named, then asked of
("the farewell posts, what did they say"). Near-misses that are ours are still answered."""

from __future__ import annotations

import pytest

from bot.services.answering import Answer, Answerer, NoAnswer, PartialAnswer
from tests.helpers_answering import answered, not_answered


@pytest.mark.parametrize(
    "question",
    [
        # our person, a word or two, then "in" another work's title
        "who did joe locke play in agatha all along",
        "was kit connor really good in rocketman",
        "kit connor was amazing in rocketman, who directed it",
        "who does alice oseman play in doctor who",
        # a title before the work's noun, in words the notes never use
        "what doctor who episodes has euros lyn done",
        "which marvel movies was kit connor in",
        "how many bridgerton episodes did euros lyn direct",
    ],
)
async def test_our_people_in_another_work_are_refused(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "is joe locke in euphoria",
        "was kit in the new marvel film",
        "what else has kit connor been in",
        "has joe locke been in other netflix shows",
        "is joe locke in the new marvel show",
        "is kit connor in the new bbc show",
        "is kit in another film",
    ],
)
async def test_someone_s_other_work_is_not_known_and_nothing_else_is_offered(
    answerer: Answerer, question: str
) -> None:
    # Their part in this film answers nothing about another: it is not offered as "what I know" either
    result = await not_answered(answerer, question)
    if isinstance(result, NoAnswer):
        assert any("other work" in missing for missing in result.missing), result.missing


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the film, its people and its episodes are still ours
        ("who does joe locke play in heartstopper forever", "Charlie Spring"),
        ("was joe locke in it", "Charlie Spring"),
        ("what else has wash westmoreland directed", "Still Alice"),
        ("what episodes did euros lyn direct on heartstopper and is he producing the film", "Euros Lyn"),
    ],
)
async def test_near_misses_about_our_work_are_answered(
    answerer: Answerer, question: str, expected: str
) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "besides kit and joe, who else is exec producing",
        "apart from kit, joe and alice, who are the other exec producers",
        "except alice, kit and joe who else executive produces it",
    ],
)
async def test_names_set_aside_before_a_question_of_another_role(answerer: Answerer, question: str) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, Answer), result
    text = " ".join(statement.text for statement in result.all_statements)
    assert "Patrick Walters" in text and "Emile Sherman" in text
    # "who else" asks for the rest of the producers, not for the friends expected back
    assert "Tara" not in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what year's it out", "2026"),
        ("what month's the film coming out, and what year's it", "2026"),
        ("which day's the wrap", "27 July"),
    ],
)
async def test_s_meaning_is_before_what_it_asks(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


async def test_a_title_with_s_keeps_its_s(answerer: Answerer) -> None:
    # "the king's speech": the title is not read as "the king speech", so it is not ours
    await not_answered(answerer, "who starred in the king's speech")


@pytest.mark.parametrize(
    "question",
    [
        "who handled the casting",
        "who was in charge of the casting on the film",
        "who does the casting for hsf",
    ],
)
async def test_who_did_the_casting_is_not_who_is_cast(answerer: Answerer, question: str) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, NoAnswer), result


async def test_casting_news_is_still_the_cast(answerer: Answerer) -> None:
    assert "Kit Connor" in await answered(answerer, "any casting news for the film?")


@pytest.mark.parametrize(
    "question",
    [
        "kit and joe's goodbye posts, what did they write",
        "the farewell captions, what did they say exactly",
    ],
)
async def test_a_topic_then_asked_of(answerer: Answerer, question: str) -> None:
    assert "Bye Charlie" in await answered(answerer, question)


async def test_exactly_with_a_date_is_still_the_exact_date(answerer: Answerer) -> None:
    result = await answerer.answer("what did they say exactly about the release date")
    assert isinstance(result, PartialAnswer), result
    assert "2026" in result.text
    assert any("exact" in missing for missing in result.missing)


# --- round 10, second half (blind batch L) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "b4" is before; a role of one person names them ("the creator", "the author")
        ("how many seasons were there b4 the film", "three"),
        ("did the author share anything online after the last day of filming", "Alice Oseman"),
        # a question placed in time by "when" after a yes/no opening is a yes/no question
        ("did kit post something when they wrapped", "Bye Charlie"),
        ("do you know when it comes out", "2026"),
        # "is this a ..." in a message otherwise of words the notes never use: the film the server is for
        ("sofa night or cinema date? is this a tv movie", "television"),
        # what sort of film it is: its genre, not its filming
        ("what kind of movie is it", "romantic comedy"),
        # where a fact comes from
        ("which outlet reported the wrap", "News report"),
        # "(not nick/charlie)": names set aside by "not" after a noun
        ("how many of the friendship group not nick or charlie are coming back", "four"),
    ],
)
async def test_round_10_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        # where it was shot is in no source, even "back at" a place the story has
        ("was it shot back at the same school as the series", "where it was filmed"),
        # who is cast as a friend is not announced: never answered with "expected back"
        ("who's been cast as tao in the film", "who plays Tao"),
    ],
)
async def test_round_10_unknowns_are_named(answerer: Answerer, question: str, unknown: str) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, NoAnswer | PartialAnswer), result
    assert any(unknown in missing for missing in result.missing), result.missing


@pytest.mark.parametrize(
    "question",
    [
        "what is the still alice movie about",
        "who did joe locke voice in that animated film",
        "what character does kit connor voice in the wild robot",
    ],
)
async def test_another_work_asked_about_gets_no_fact(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


async def test_not_after_a_verb_is_no_exclusion(answerer: Answerer) -> None:
    assert "Kit Connor" in await answered(answerer, "is nick not in it")


# --- round 10, third part (blind batch M) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a midpoint is the halfway mark; a brainchild is a creation
        ("when was the midpoint of filming", "2 July"),
        ("heartstopper was whose brainchild originally", "Alice Oseman"),
        # "give me the lineup", "all of em": a request framed around a list
        ("gimme the exec producer line-up pls, all of em", "Ian Canning"),
        # "wrote something" is a post, not another work someone wrote
        ("joe wrote something when filming wrapped, what was it", "Wrapped"),
        # "dates for both" asks when each thing named before happened
        ("the commission and the wrap, dates for both pls", "22 April"),
        ("the commission and the wrap, dates for both pls", "27 July"),
        # "at the end" of filming is when, not how the story ends; "too" asks the same of someone else
        ("what did joe post at the end of filming, and did kit post too", "Bye Charlie"),
    ],
)
async def test_round_10_batch_m_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


async def test_the_end_of_the_story_is_still_the_ending(answerer: Answerer) -> None:
    result = await answerer.answer("what happens to charlie at the end")
    assert isinstance(result, NoAnswer | PartialAnswer), result
    assert any("ends" in missing for missing in result.missing), result.missing
