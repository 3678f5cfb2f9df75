"""/ask, round 15: a run of numbered things ("s1-3", "vol 1-5") is not a sum; one rare word among three or more
things of ours is the fan's word, not another work's title; an order to tell the whole server,
fandom or channel something is refused; explicit writing is refused whatever the piece is called, and a one-shot
or a drabble is a piece of writing like a story. Sums stay refused."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, Refusal
from bot.services.language import unstretch
from tests.helpers_answering import answered, not_answered


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


# Part 2: fans' own spellings and words, read from batches AN-AQ
READINGS = [
    # "forever" alone names our film after a preposition or an auxiliary
    ("the guy behind the camera on forever whats his name i keep forgetting", "Wash Westmoreland"),
    # a headcount is a count
    ("exec producer headcount?", "seven"),
    # an exclamation opening the clause does not hide the question
    ("omg omg is hsf out soon", "2026"),
    ("lmao ok is it out soon or what", "2026"),
    # "soon" only hedges when: the release answers it
    ("hsf out soon?", "2026"),
    # letters held down
    ("heyyy whennn is it outtt", "2026"),
    ("sooo who plays charlieee", "Joe Locke"),
    # British spellings the word list lacks
    ("may i enquire who wrote the film", "Alice Oseman"),
    # chat spellings of someone, anyone
    ("did sum1 post a halfway update during filming", "Alice Oseman"),
    # the film's tone, in a fan's words
    ("is the film meant to be funny", "romantic comedy"),
    ("is it a feel-good one", "romantic comedy"),
    # closing the whole story
    ("so this one closes the whole saga right", "finale"),
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round15_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        # names we lack, right after another work, are of that work; so is what follows them
        "colette cast? keira knightley and who else",
        # advice on the fan's own relationship or family
        "my boyfriend is moving away for uni, should we break up",
        "my girlfriend and i are going long distance, any tips on making it work",
        "my parents are so strict, any advice",
    ],
)
async def test_round15_refused_too(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    ("word", "read"),
    [("heyy", "hey"), ("sooo", "so"), ("whennn", "when"), ("pleaseee", "please"), ("lmaooo", "lmao")],
)
def test_a_letter_held_down_is_the_everyday_word(word: str, read: str) -> None:
    assert unstretch(word) == read


@pytest.mark.parametrize("word", ["all", "too", "booth", "connorr", "soon"])
def test_a_word_already_common_or_no_word_at_all_stays(word: str) -> None:
    assert unstretch(word) == word


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("saw the name emile sherman in a thread, is he involved somehow", "Emile Sherman"),
        ("spotted alice oseman in a tiktok, is she writing the film", "Alice Oseman"),
    ],
)
async def test_one_of_ours_in_a_thread_or_a_video_is_where_it_was_said_not_another_work(
    answerer: Answerer, question: str, expected: str
) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question", ["is kit in a netflix film called rocketman", "kit connor in a marvel film?"]
)
async def test_an_indefinite_film_after_their_name_is_still_their_other_work(
    answerer: Answerer, question: str
) -> None:
    await not_answered(answerer, question)
