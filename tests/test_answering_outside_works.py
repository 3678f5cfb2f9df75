"""/ask and the data file's [outside] works: titles outside the notes that fans ask about (the cast's and crew's
other films, shows and books). A part naming one is about that work, which the bot does not cover: refused whole,
or, when it names one of our people, said to be their other work, not known, with no fact of ours in its place. A part that also names our film or one of our characters
stays ours. The list is the data file's, so an editor extends it without touching the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import rendering
from bot.config import DEFAULT_DATA_FILE
from bot.db import Database
from bot.db.knowledge import KnowledgeRepository
from bot.services.answering import Answerer, NoAnswer, PartialAnswer, Refusal
from bot.services.dataset import load_dataset
from bot.services.knowledge import KnowledgeService
from tests.helpers_answering import answered, not_answered


def test_the_shipped_data_file_lists_the_works_fans_mix_in() -> None:
    works = load_dataset(DEFAULT_DATA_FILE).outside_works
    assert {"Agatha All Along", "Rocketman", "Doctor Who", "Solitaire"} <= set(works)


@pytest.mark.parametrize(
    "question",
    [
        "wandavision or agatha all along, which came first",
        "what is the wild robot about",
        "how many seasons of slow horses are there",
        "did the king's speech win best picture",
        "is sex education getting another season",
        "who is in the cast of young royals",
    ],
)
async def test_a_question_about_an_outside_work_is_refused_whole(answerer: Answerer, question: str) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, Refusal), result
    assert result.reason == "another film or show"


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("what was kit connor's role in his dark materials", "Kit Connor"),
        ("is joe locke still in sweeney todd", "Joe Locke"),
        ("did euros lyn direct any torchwood episodes", "Euros Lyn"),
        ("emile sherman won an oscar for the king's speech right?", "Emile Sherman"),
        ("is there a film of alice oseman's solitaire", "Alice Oseman"),
        ("was kit connor in ready player one", "Kit Connor"),
        ("joe locke's marvel character, what powers does he have", "Joe Locke"),
    ],
)
async def test_one_of_ours_in_an_outside_work_is_their_other_work_not_known(
    answerer: Answerer, question: str, person: str
) -> None:
    """No fact of what they do on this film instead: refused as another work, or said by name to be their other
    work ("I don't have Joe Locke's other work")."""
    result = await not_answered(answerer, question)
    reply = rendering.answer_embed(question, result).description or ""
    assert isinstance(result, Refusal) or f"{person}'s other work" in reply, reply


async def test_beside_a_question_of_ours_the_outside_work_is_named_as_not_known(answerer: Answerer) -> None:
    result = await answerer.answer("who directs heartstopper forever? also was kit in rocketman")
    assert isinstance(result, PartialAnswer), result
    assert "Wash Westmoreland" in result.text
    assert "Kit Connor plays" not in result.text  # his role here is no answer about another work


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # our character named: about our film
        ("does joe play charlie again after agatha", "Charlie Spring"),
        # our title named
        ("after marvel, is joe locke back for heartstopper forever", "Joe Locke"),
        # the title put where our film's source goes: the premise corrected
        ("it's based on solitaire isn't it", "sixth"),
        # a part of its own about ours, beside a remark about another work
        ("i loved kit in rocketman, when is hsf out", "2026"),
    ],
)
async def test_a_part_that_names_ours_stays_ours(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


async def test_an_editor_adds_a_title_in_the_data_file(tmp_path: Path) -> None:
    """The list is read from the data file: a title added there is recognised after the next import."""
    question = "is joe locke coming back for more bramble lane"
    text = DEFAULT_DATA_FILE.read_text(encoding="utf-8")
    edited = tmp_path / "data.toml"
    edited.write_text(
        text.replace('"Heartbreak High",', '"Heartbreak High", "Bramble Lane",'), encoding="utf-8"
    )
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        repository = KnowledgeRepository(database)
        knowledge = KnowledgeService(repository)
        await knowledge.import_file(DEFAULT_DATA_FILE)
        answerer = Answerer(repository)
        await answerer.refresh()
        before = await answerer.answer(question)
        assert isinstance(before, PartialAnswer), before  # his role here, offered before the title was listed
        await knowledge.import_file(edited)
        await answerer.refresh()
        after = await answerer.answer(question)
        assert isinstance(after, NoAnswer), after
        assert "Joe Locke's other work" in rendering.answer_embed(question, after).description
    finally:
        await database.close()
