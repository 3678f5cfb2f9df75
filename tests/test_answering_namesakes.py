"""/ask refuses what only shares a name or a word with our notes (another person with one of our surnames, a
title given with its year), tasks done with our facts ("multiply the ep number by ..."), orders to the bot and
judgements between seasons; the near-misses that are ours are still answered."""

from __future__ import annotations

import pytest

from bot.services.answering import Answer, Answerer, PartialAnswer, Refusal


async def _answered_with(answerer: Answerer, question: str, expected: str) -> None:
    """The reply gives facts, and ``expected`` is among them."""
    result = await answerer.answer(question)
    assert isinstance(result, Answer | PartialAnswer), result
    assert expected in " ".join(statement.text for statement in result.all_statements)


@pytest.mark.parametrize(
    "question",
    [
        # another person who shares one of our surnames
        "what did john locke say about natural rights, need it for philosophy",
        "is sarah connor in the terminator",
        "when was james nelson born",
        "who was emma spring",
        # and one of our names followed by a surname that is not its own
        "charlie puth's new album name?",
        "what team does connor mcdavid play for",
        "kit harington's new show",
        # a title that is not ours, given with its year
        "who stars in the film pride from 2014",
        "who made that horror movie spring from 2014",
        "who's in the cast of charlie's angels 2019",
        "who directed the movie forever young 1992",
        "is the show skins from 2007 any good",
        # nothing of ours named, and a name we never use is
        "how many books in the percy jackson series",
        "is young royals getting a movie too",
        "when does spotify drop the new playlist",
        "who plays the lead in wednesday addams",
        # tasks done with our facts, and orders to the bot
        "multiply the ep number by the number of seasons, whats that",
        "how many days from the wrap (27 july 2025) to new years day 2026? do the maths",
        "ok now divide the number of execs by two",
        "write a fake netflix announcement saying hsf got cancelled so i can prank the gc",
        "make me a fake cast list for the film",
        "change ur status to 'watching heartstopper' rn",
        "bot set your nickname to nick nelson",
        "rate hsf out of 10",
        "guess the release date for me",
        # judgements between seasons or works, and of what might have been
        "honestly was s3 worse than s2",
        "is the show better or worse than the books",
        "should netflix have just made season 4 instead, be honest",
        "should they have cast someone else as nick",
        # orders aimed at the server and texts written for the fan
        "dm every member of the server the hsf release year",
        "ping everyone when the trailer drops",
        "write me a breakup text for my long distance bf, make it gentle",
        "write an apology email to my teacher",
        # another work named with a person of its own, or by a title of several names
        "who directed forever young, the mel gibson one",
        "is ginny and georgia getting a season 4",
    ],
)
async def test_what_only_shares_a_name_or_is_a_task_is_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what did joe locke post when filming wrapped", "Wrapped. Thank you for everything."),
        ("did mr locke post anything at the wrap", "Locke wrote"),
        ("is still alice from 2014", "Still Alice (2014)"),
        ("who directed colette 2018", "Wash Westmoreland"),
        ("is the film out in 2026", "2026"),
        ("is hsf still 2026 or has it been pushed back", "2026"),
        ("people keep saying 2027, which year is it really", "2026"),
        ("when did filming start in 2025", "9 June 2025"),
        ("who plays charlie spring in the 2026 film", "Joe Locke"),
        ("what did kit connor write on wrap day", "Bye Charlie"),
        # slang a fan tags on is not a name
        ("when is the release date or smth", "2026"),
        ("whos the director lowkey forgot", "Wash Westmoreland"),
        ("deadass when does it come out", "2026"),
    ],
)
async def test_our_names_and_years_are_still_ours(answerer: Answerer, question: str, expected: str) -> None:
    await _answered_with(answerer, question, expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # words quoted from our notes make a claim about them ours, and the fact holding them is the answer
        ("pretty sure 'wrapped. thank you for everything' was kit's caption", "Locke wrote"),
        ("“bye charlie, thankyou” was joe's post wasn't it", "Connor wrote"),
        ("whats 'apart'", 'is "Apart"'),
        # a claim heard elsewhere, with the place it was heard
        ("someone in gen chat said the viewer drop was only like 10%, that cant be it", "30%"),
        ("ppl on tiktok say filming started in may??", "9 June 2025"),
        # a statement with a tag asks to be confirmed
        ("its on netflix yeah? will it be on the cheap plan with ads too", "Netflix"),
        ("the film's out in 2026 right", "2026"),
        ("kit plays nick innit", "Kit Connor plays Nick Nelson"),
        # "i swear" and what fans do are not orders to the bot
        ("the halfway update back in july, was that kit posting it? i swear it was", "Alice Oseman"),
        ("is 'hs forever' the official title or just what fans shorten it to", "Heartstopper Forever"),
    ],
)
async def test_claims_and_quotations_are_answered_with_the_fact(
    answerer: Answerer, question: str, expected: str
) -> None:
    await _answered_with(answerer, question, expected)


@pytest.mark.parametrize(
    "question",
    [
        "what album is the cure's song 'apart' on",  # another work's title, though the notes quote the word
        "what's 'thank you' in french",  # everyday words in quotes are no quotation of ours
        "swear at me",
        "shorten it to one line pls",
    ],
)
async def test_quotes_of_everyday_words_and_orders_stay_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    "question",
    [
        "how do i wash a wool jumper without it shrinking",
        "whats a sherman tank",
        "is westmoreland a county in england or scotland",
        "what does a canning factory do",
        "how much is a lyn bracelet",
    ],
)
async def test_a_thing_we_never_mention_linked_only_by_one_word_of_a_name_gets_no_facts(
    answerer: Answerer, question: str
) -> None:
    # nothing asked is answered, and a fact sharing one word of a name would answer something else
    assert not isinstance(await answerer.answer(question), Answer | PartialAnswer)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who even is wash, ppl keep saying his name", "Wash Westmoreland"),
        ("what year was colette", "2018"),
        ("is wash westmoreland british", "Wash Westmoreland"),  # named in full: ours, if not known
        ("is joe behind the scenes as well", "executive producers"),
        # the end of a full name, slang and a misspelt word after a name are no surname
        ("is joe locke credited as a producer", "executive producers"),
        ("joe is charlie obv but who got cast as tao", "Tao"),
        ("did kit actualy want to keep doing heartstopper", "wanted to return"),
        # a character known by one name may have a surname the notes lack
        ("is darcy olsson back", "Darcy"),
        ("is the hsf directer the same person who created heartstopper", "Alice Oseman"),
    ],
)
async def test_a_name_asked_about_still_gets_what_is_known(
    answerer: Answerer, question: str, expected: str
) -> None:
    await _answered_with(answerer, question, expected)
