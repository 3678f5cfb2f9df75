"""/ask, round 16: people described instead of named ("the guy who plays nick"), the title spelt "4ever" or with
dots ("h.s. forever"), counts asked as a tally, the fan's own check on what they asked, words reported ("his
post said something like ...") and the film's story asked for with "give me"; other works stay refused when
only a description ("that elton john biopic") or "in it" ties ours to them, and a verdict on another film is
refused."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, Refusal
from bot.services.language import expand_shorthand, words
from tests.helpers_answering import answered, not_answered

READINGS = [
    # fans' spellings of the title
    ("when is hs4ever out", "2026"),
    ("when is heartstopper 4ever out", "2026"),
    ("who directs hs 4eva", "Wash Westmoreland"),
    ("give me the story setup of h.s. forever without spoilers, just the premise", "university"),
    # someone described by the part they play
    (
        "did the guy who plays nick want to do another season before they went with the film",
        "wanted to return",
    ),
    ("who is the guy who plays nick", "Kit Connor"),
    ("did the one who plays charlie post anything when they wrapped", "Thank you for everything"),
    # a description of ours never runs on into a longer name
    ("when everyone was posting goodbyes, did the author chime in", "Alice Oseman"),
    # a count asked as a tally
    (
        "if you tallied up nick and charlie's mates who are rumoured to be returning, what would you get",
        "four",
    ),
    ("if you added up the exec producers what would you get", "seven"),
    ("tally of exec producers?", "seven"),
    # words reported are not a request for "something like" them
    ("joe's wrap post said something like 'thanks for everything', what was it word for word", "Wrapped"),
    # the fan checking what they asked is not a question of its own
    ("alice's original plan was 4 seasons right? just checking i've got it right", "four seasons"),
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round16_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "is keira knightley good in colette, worth a watch?",
        "what's agatha all along about? joe locke's in it right",
    ],
)
async def test_round16_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    "question",
    [
        # their other work, described rather than named: never what they do on this film
        "what role did the nick actor have in that elton john biopic",
        "was kit in that new netflix documentary",
    ],
)
async def test_round16_their_other_work_is_not_answered(answerer: Answerer, question: str) -> None:
    reply = await not_answered(answerer, question)
    assert "Nick Nelson" not in str(reply)


@pytest.mark.parametrize(
    ("typed", "read"),
    [("hs4ever", "heartstopper forever"), ("4eva", "forever")],
)
def test_forever_spelt_short_is_forever(typed: str, read: str) -> None:
    assert " ".join(expand_shorthand([typed])) == read


def test_letters_with_dots_are_one_word() -> None:
    assert words("h.s. forever, the u.k. release") == ["hs", "forever", "the", "uk", "release"]
    assert words("it's out. then what") == ["it's", "out", "then", "what"]
