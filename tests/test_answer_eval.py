"""/ask on the evaluation set written by someone who never saw the code (tests/data/ask_eval_tuning.jsonl), and on
the everyday questions in five other languages (tests/data/ask_eval_i18n.jsonl).

The same scoring as bench/answers.py (which also reports the held-out part, aggregates only): the reply as the
fan reads it must carry every expected fact, say what is not known, and never invent an answer.
"""

from __future__ import annotations

import pytest

from bench.answers import I18N_FILE, TUNING_FILE, FileScore, score_file
from bot.services.answering import Answerer

GOAL_FACTS_RIGHT = 0.97


@pytest.fixture
async def tuning(answerer: Answerer) -> FileScore:
    return await score_file(answerer, TUNING_FILE.read_text(encoding="utf-8").splitlines(), "tuning")


def _misses(score: FileScore, expects: tuple[str, ...]) -> str:
    return "\n".join(
        f"{row.row_id} [{row.expect} -> {row.kind}] {' '.join(row.reply.split())[:160]}"
        for row in score.rows
        if row.expect in expects and not row.right
    )


async def test_unknown_and_off_topic_questions_are_refused_and_nothing_is_invented(tuning: FileScore) -> None:
    assert tuning.share(("unknown",)) == 1.0, _misses(tuning, ("unknown",))
    assert tuning.share(("offtopic",)) == 1.0, _misses(tuning, ("offtopic",))
    invented = [row.row_id for row in tuning.rows if row.invented]
    assert not invented, _misses(tuning, ("unknown", "offtopic"))


async def test_facts_right_reach_the_goal(tuning: FileScore) -> None:
    right = tuning.share(("answer", "partial"))
    assert right >= GOAL_FACTS_RIGHT, f"{right:.1%} right; misses:\n" + _misses(tuning, ("answer", "partial"))


@pytest.fixture
async def other_languages(answerer: Answerer) -> FileScore:
    return await score_file(answerer, I18N_FILE.read_text(encoding="utf-8").splitlines(), "i18n")


async def test_everyday_questions_in_five_other_languages_are_all_answered(
    other_languages: FileScore,
) -> None:
    """tests/data/ask_eval_i18n.jsonl: who plays whom, who directs and writes, when it is out, what it is about,
    in Spanish, Brazilian Portuguese, French, German and Italian; the reply carries the English facts."""
    assert other_languages.share(("answer", "partial")) == 1.0, _misses(
        other_languages, ("answer", "partial")
    )
    assert other_languages.share(("unknown",)) == 1.0, _misses(other_languages, ("unknown",))
    assert other_languages.share(("offtopic",)) == 1.0, _misses(other_languages, ("offtopic",))
    assert not [row.row_id for row in other_languages.rows if row.invented]
    languages = {row.row_id[:2] for row in other_languages.rows}
    assert languages == {"es", "pt", "fr", "de", "it"}
