"""Free-text questions (/ask and `python -m bot ask`): find the best fact, or say honestly that none fits.

FTS5 finds candidates quickly however large the knowledge base grows; a small re-scoring in Python then
checks how much of the question the best candidate really covers, so an unrelated question ("what's the
weather?") gets "I don't know" rather than the least-bad fact.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.knowledge import KnowledgeRepository
from bot.services.knowledge import KnowledgeService, SourceRef
from bot.services.language import (
    GENERIC_WORDS,
    STOP_WORDS,
    WEAK_CONCEPTS,
    Vocabulary,
    concepts_in,
    light_stem,
    question_hints,
    words,
)

MAX_QUESTION_LENGTH = 300  # Discord's option limit is ours too; longer text is cut, not refused
_CANDIDATES = 12
_GENERIC_WEIGHT = 0.25
_MIN_COVERAGE = 0.6

SUGGESTIONS = "/cast, /director, /crew, /timeline, /about or /countdown"


class QuestionError(ValueError):
    """A question that cannot be asked (empty, or only symbols). The message is safe to show."""


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    source: SourceRef
    fact_slug: str
    confidence: float


@dataclass(frozen=True, slots=True)
class NoAnswer:
    question: str

    @property
    def text(self) -> str:
        return (
            "I don't have an answer to that in my notes on Heartstopper Forever, and I won't guess. "
            f"Try {SUGGESTIONS}, or ask about the cast, the director, filming or the release."
        )


@dataclass(frozen=True, slots=True)
class _Term:
    """One thing the question asks about: a concept, or a content word (stemmed)."""

    text: str
    weight: float
    is_concept: bool


class Answerer:
    def __init__(self, knowledge: KnowledgeService) -> None:
        self.repository: KnowledgeRepository = knowledge.repository
        self._vocabulary: Vocabulary | None = None

    async def refresh(self) -> None:
        """Rebuild the typo-repair vocabulary; call after an import."""
        known: set[str] = set()
        for text in await self.repository.vocabulary():
            known.update(words(text))
        self._vocabulary = Vocabulary(known)

    async def answer(self, question: str) -> Answer | NoAnswer:
        cleaned = " ".join(question.split())[:MAX_QUESTION_LENGTH]
        tokens = words(cleaned)
        if not tokens:
            raise QuestionError(
                "Ask me a question in words, for example “who plays Nick?” or “when does it come out?”"
            )
        if self._vocabulary is None:
            await self.refresh()
        assert self._vocabulary is not None
        tokens = [self._vocabulary.repair(token) for token in tokens]
        terms = _terms(tokens)
        if not terms:
            return NoAnswer(cleaned)
        expression = " OR ".join(f'"{term.text}"' for term in terms) + _hint_terms(tokens)
        rows = await self.repository.search_facts(expression, _CANDIDATES)
        best: tuple[float, float, Answer] | None = None
        for position, row in enumerate(rows):
            coverage = _coverage(terms, f"{row['statement']} {row['keywords']}")
            if coverage < _MIN_COVERAGE:
                continue
            # Coverage decides; FTS rank (position) breaks ties between equally covering facts.
            score = (coverage, -position)
            if best is None or score > best[:2]:
                answer = Answer(row["statement"], SourceRef.from_row(row), row["slug"], round(coverage, 2))
                best = (*score, answer)
        if best is None:
            return NoAnswer(cleaned)
        return best[2]


def _terms(tokens: list[str]) -> list[_Term]:
    """Concepts and content words of the question; stop words dropped, generic words down-weighted."""
    terms: dict[str, _Term] = {}
    covered: set[int] = set()
    for concept, span in concepts_in(tokens):
        covered |= span
        terms[concept] = _Term(concept, WEAK_CONCEPTS.get(concept, 1.0), True)
    for position, token in enumerate(tokens):
        if position in covered or token in STOP_WORDS or (len(token) < 2 and not token.isdigit()):
            continue
        weight = _GENERIC_WEIGHT if token in GENERIC_WORDS else 1.0
        stem = light_stem(token)
        terms.setdefault(stem, _Term(stem, weight, False))
    if terms and all(term.weight < 1.0 for term in terms.values()):
        # Only the film's name ("heartstopper forever?"): the fan wants to know what it is.
        terms.setdefault("overview", _Term("overview", WEAK_CONCEPTS["overview"], True))
    return list(terms.values())


def _hint_terms(tokens: list[str]) -> str:
    """'when' and 'where' questions lean toward dated and platform facts without being required."""
    hints = question_hints(tokens) & {"date", "watch"}
    return "".join(f' OR "{hint}"' for hint in sorted(hints))


def _coverage(terms: list[_Term], text: str) -> float:
    document = {light_stem(word) for word in words(text)} | set(words(text))
    total = sum(term.weight for term in terms)
    found = sum(term.weight for term in terms if term.text in document or light_stem(term.text) in document)
    # A question made only of generic words ("heartstopper forever?") is too vague to answer confidently.
    if not any(term.weight == 1.0 and (term.text in document) for term in terms):
        return 0.0 if any(term.weight == 1.0 for term in terms) else found / total * 0.7
    return found / total
