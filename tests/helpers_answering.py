"""What a fan reads from /ask's answerer, shared by the answering tests: the facts given, or none."""

from __future__ import annotations

from bot.services.answering import Answer, Answerer, NoAnswer, PartialAnswer, Refusal


async def answered(answerer: Answerer, question: str) -> str:
    """The facts given in reply (an answer or a partial one): what the fan reads as the answer."""
    result = await answerer.answer(question)
    assert isinstance(result, Answer | PartialAnswer), result
    return " ".join(statement.text for statement in result.all_statements)


async def not_answered(answerer: Answerer, question: str) -> NoAnswer | Refusal:
    """A refusal or an "I don't know", with no fact of ours."""
    result = await answerer.answer(question)
    assert isinstance(result, NoAnswer | Refusal), result
    return result


async def fully_answered(answerer: Answerer, question: str) -> Answer:
    """An answer with nothing said to be unknown."""
    result = await answerer.answer(question)
    assert isinstance(result, Answer) and not isinstance(result, PartialAnswer), result
    return result


async def partly_answered(answerer: Answerer, question: str, unknown: str) -> PartialAnswer:
    """A partial answer naming, among what it does not know, something containing ``unknown``."""
    result = await answerer.answer(question)
    assert isinstance(result, PartialAnswer), result
    assert any(unknown in part for part in result.missing), result.missing
    return result
