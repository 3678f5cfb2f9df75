"""Free-text questions (/ask and `python -m bot ask`): find the best fact, or say honestly that none fits.

FTS5 finds candidates quickly however large the knowledge base grows; a small re-scoring in Python then
checks how much of the question the best candidate really covers, so an unrelated question ("what's the
weather?") gets "I don't know" rather than the least-bad fact.
"""

from __future__ import annotations

import itertools
import math
from collections import OrderedDict
from dataclasses import dataclass

from bot.db.knowledge import FactMatch, KnowledgeRepository
from bot.domain.knowledge import SourceRef
from bot.errors import UserFacingError
from bot.services.language import (
    GENERIC_WORDS,
    STOP_WORDS,
    WEAK_CONCEPTS,
    Vocabulary,
    concepts_in,
    light_stem,
    words,
)

# How much of a question is read: the one question-length limit. Longer text is cut, not refused (Discord's
# own option limit is far larger), so a question hidden after a wall of text is not read.
MAX_QUESTION_LENGTH = 300
_CANDIDATES = 12
_GENERIC_WEIGHT = 0.25
_MIN_COVERAGE = 0.6
_MAX_TERM_GROUPS = 20


class QuestionError(UserFacingError, ValueError):
    """A question that cannot be asked (empty, or only symbols)."""


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    source: SourceRef
    fact_slug: str
    confidence: float


@dataclass(frozen=True, slots=True)
class NoAnswer:
    """Nothing in the knowledge base answers the question (as read): the renderer words the honest reply."""

    question: str
    #: Up to three questions the bot can answer, offered instead ("did you mean"); empty when none is close.
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Term:
    """One thing the question asks about: a concept, or a content word (stemmed)."""

    text: str
    weight: float
    is_concept: bool


class Answerer:
    """``cache_size`` answers are kept per distinct question (after normalisation): fans ask the same few
    things over and over, and the knowledge only changes on import, when :meth:`refresh` empties the cache."""

    def __init__(self, repository: KnowledgeRepository, *, cache_size: int = 1024) -> None:
        self._repository = repository
        self.cache_size = cache_size
        self._answers: OrderedDict[tuple[str, ...], Answer | NoAnswer] = OrderedDict()
        self._vocabulary: Vocabulary | None = None
        # Each fact's words (folded, and stemmed), computed once per fact rather than per question.
        self._fact_words: dict[int, frozenset[str]] = {}

    async def refresh(self) -> None:
        """Rebuild the typo-repair vocabulary; call after an import."""
        known: set[str] = set()
        for text in await self._repository.vocabulary():
            known.update(words(text))
        self._vocabulary = Vocabulary(known)
        self._fact_words.clear()
        self._answers.clear()

    def _words_of(self, fact: FactMatch) -> frozenset[str]:
        cached = self._fact_words.get(fact.id)
        if cached is None:
            plain = words(f"{fact.statement} {fact.keywords}")
            cached = frozenset(plain) | {light_stem(word) for word in plain}
            self._fact_words[fact.id] = cached
        return cached

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
        key = tuple(tokens)
        cached = self._answers.get(key)
        if cached is not None:
            self._answers.move_to_end(key)
            return cached if isinstance(cached, Answer) else NoAnswer(cleaned)
        result = await self._search(tokens, cleaned)
        if self.cache_size > 0:
            self._answers[key] = result
            if len(self._answers) > self.cache_size:
                self._answers.popitem(last=False)
        return result

    async def _search(self, tokens: list[str], cleaned: str) -> Answer | NoAnswer:
        terms = _terms(tokens)
        if not terms:
            return NoAnswer(cleaned)
        found = await self._best(terms, _match_expression(terms))
        return found if found is not None else NoAnswer(cleaned)

    async def _best(self, terms: list[_Term], expression: str) -> Answer | None:
        facts = await self._repository.search_facts(expression, _CANDIDATES)
        best: tuple[float, int, Answer] | None = None
        for position, fact in enumerate(facts):
            coverage = _coverage(terms, self._words_of(fact))
            if coverage < _MIN_COVERAGE:
                continue
            # What the question specifically asks decides, then FTS rank (position). Generic words ("film")
            # only count toward the threshold: a fact that happens to say "film" is not a better answer.
            score = (_coverage(_specific(terms), self._words_of(fact)), -position)
            if best is None or score > best[:2]:
                answer = Answer(fact.statement, fact.source, fact.slug, round(coverage, 2))
                best = (*score, answer)
        return best[2] if best is not None else None


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


def _specific(terms: list[_Term]) -> list[_Term]:
    return [term for term in terms if term.weight >= 1.0] or terms


def _match_expression(terms: list[_Term]) -> str:
    """The FTS5 query for the facts that could pass the coverage threshold, and no others.

    A fact must cover ``_MIN_COVERAGE`` of the question's weight. Generic words and weak hints can supply at
    most their own weight, so a fact needs at least ``needed`` of the specific terms: the query asks for any
    ``needed`` of them together. Asking for any one term instead would make FTS rank every fact sharing a
    common word, a cost that grows with the whole knowledge base.
    """
    specific = [term for term in terms if term.weight >= 1.0]
    if not specific:  # only generic words ("heartstopper forever?"): search on those
        return " OR ".join(f'"{term.text}"' for term in terms)
    total = sum(term.weight for term in terms)
    other = total - len(specific)
    needed = max(1, math.ceil(_MIN_COVERAGE * total - other - 1e-9))
    groups = list(itertools.combinations(specific, needed))
    if len(groups) > _MAX_TERM_GROUPS:  # a very long question: any one term, and let coverage decide
        groups = [(term,) for term in specific]
    return " OR ".join("(" + " AND ".join(f'"{term.text}"' for term in group) + ")" for group in groups)


def _coverage(terms: list[_Term], document: frozenset[str]) -> float:
    total = sum(term.weight for term in terms)
    found = sum(term.weight for term in terms if term.text in document or light_stem(term.text) in document)
    # A question made only of generic words ("heartstopper forever?") is too vague to answer confidently.
    if not any(term.weight == 1.0 and (term.text in document) for term in terms):
        return 0.0 if any(term.weight == 1.0 for term in terms) else found / total * 0.7
    return found / total
