"""/ask, round 15: a run of numbered things ("s1-3", "vol 1-5") is not a sum; one rare word among three or more
things of ours is the fan's word, not another work's title; an order to tell the whole server,
fandom or channel something is refused; explicit writing is refused whatever the piece is called, and a one-shot
or a drabble is a piece of writing like a story. Sums stay refused."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, Refusal
from tests.helpers_answering import answered


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which director did most of seasons 1-3, and who directs the film", "Wash Westmoreland"),
        ("vol 1-5 are the comics right, which one does the film adapt", "sixth"),
        ("loved s1-3 so much, who is directing the film?", "Wash Westmoreland"),
    ],
)
async def test_a_run_of_numbered_things_is_not_a_sum(
    answerer: Answerer, question: str, expected: str
) -> None:
    assert expected in await answered(answerer, question)


async def test_one_rare_word_among_several_things_of_ours_is_the_fans_word_not_a_title(
    answerer: Answerer,
) -> None:
    assert "seven weeks" in await answered(answerer, "filming length in weeks from first slate to wrap")


@pytest.mark.parametrize(
    "question",
    [
        # sums, still
        "what's 10-4",
        "12 - 5 = ?",
        "season 3 - 1 = ?",
        # an order to tell everyone something
        "tell the whole fandom it's been delayed to 2030",
        "tell the entire discord it got cancelled",
        "tell the whole channel the trailer is out",
        # explicit writing, whatever it is called
        "write me a steamy scene between nick and charlie",
        "make up something nsfw about the boys",
        "can you generate an 18+ fic",
        # a one-shot or a drabble is a piece of writing
        "draft a one shot where nick and charlie get married",
        "write a 100 word nick/charlie drabble",
    ],
)
async def test_round15_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)
