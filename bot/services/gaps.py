"""What /ask could not answer: the gaps fans reveal, and the questions offered instead ("did you mean").

Every question /ask has no answer for, and every answer a fan flags "Not what I asked", is counted under its
normalised text (no user ids, ever) with when it was first and last asked. The table is capped (the least
recently asked go first) and purged of gaps not asked for ``retention`` (on start, daily, and before every
read). Bot owners read the most-asked gaps with ``/kb gaps`` and ``python -m bot gaps``: it is how the
knowledge base learns what fans want to know.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.db import DatabaseBusyError
from bot.db.gaps import AskGap, GapKind, GapRepository
from bot.services.answering import Answer, Answerer, NoAnswer
from bot.services.knowledge import KnowledgeMissingError, KnowledgeService

__all__ = [
    "AskGap",
    "AskSuggestions",
    "GapKind",
    "GapService",
    "gaps_as_json",
    "gaps_as_text",
    "normalise_question",
    "recordable_question",
]

log = logging.getLogger(__name__)

DEFAULT_RETENTION = timedelta(days=90)
PURGE_INTERVAL = timedelta(days=1)
# A gap keeps at most this much of the normalised question (cut at a word), so it fits in a button's
# custom_id (Discord: 100 characters) with room for the button's prefix: the button then needs no storage.
MAX_GAP_LENGTH = 90
# Shorter than this (or without a letter: "42", "??") says nothing the knowledge base could learn from.
MIN_GAP_LENGTH = 3
MAX_SUGGESTIONS = 3
# A suggestion is shown whole on its button (Discord's label limit) and carried in its custom_id.
MAX_SUGGESTION_LENGTH = 80
# "Not what I asked" counts once per (message, person); the pairs are remembered in memory only, this many.
FLAG_MEMORY = 10_000

_READ_AT_MOST = 1_000
_APOSTROPHES = re.compile(r"['’‘`´]")
_WORD = re.compile(r"[^\W_]+")  # letters and digits; underscores and every markdown character separate words


def normalise_question(question: str) -> str:
    """The text a gap is counted under: case, accents' composition, punctuation and spacing ironed out.

    "Who plays Nick's mum??" and "who plays nicks mum" are one gap. Only letters, digits and single spaces
    remain (nothing that could be markdown or a mention), at most :data:`MAX_GAP_LENGTH` UTF-16 code units
    (Discord's unit), cut at a word. Idempotent: a normalised question normalises to itself.
    """
    # Only the start can survive the cut; reading no more of a wall of text keeps this cheap.
    folded = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", question[:_READ_AT_MOST]).casefold())
    text = " ".join(_WORD.findall(folded))
    cut = text[:MAX_GAP_LENGTH]
    while _utf16_length(cut) > MAX_GAP_LENGTH:  # characters beyond the BMP count twice
        cut = cut[:-1]
    if len(cut) < len(text) and text[len(cut)] != " " and " " in cut:  # cut inside a word: drop its start
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip()


def recordable_question(question: str) -> str | None:
    """The normalised question, or None when it is too short to be worth recording."""
    text = normalise_question(question)
    if len(text) < MIN_GAP_LENGTH or not any(character.isalpha() for character in text):
        return None
    return text


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


class GapService:
    """Records gaps, purges old ones and lists the most asked; best effort: a gap that cannot be stored is
    logged, never shown to the fan who asked."""

    def __init__(
        self,
        repository: GapRepository,
        clock: Clock,
        *,
        retention: timedelta = DEFAULT_RETENTION,
        flag_memory: int = FLAG_MEMORY,
    ) -> None:
        if retention <= timedelta(0):
            raise ValueError("retention must be positive")
        self._repository = repository
        self._clock = clock
        self.retention = retention
        self._flag_memory = flag_memory
        # (message id, user id) pairs whose "Not what I asked" was counted: memory only, never stored.
        self._flagged: OrderedDict[tuple[int, int], None] = OrderedDict()
        self._purger: asyncio.Task[None] | None = None

    @property
    def capacity(self) -> int:
        return self._repository.capacity

    # --- recording --------------------------------------------------------------------------------------------
    async def record_unanswered(self, question: str) -> bool:
        """Count a question /ask had no answer for; False when it was too short or could not be stored."""
        return await self._record(question, GapKind.UNANSWERED)

    async def record_not_what_i_asked(self, question: str, *, message_id: int, user_id: int) -> bool:
        """Count a "Not what I asked" press, at most once per message and person (so repeated presses do not
        inflate the count); False when it was not counted."""
        key = (message_id, user_id)
        if key in self._flagged:
            self._flagged.move_to_end(key)
            return False
        self._flagged[key] = None  # before the write: a double click racing it is not counted twice
        if len(self._flagged) > self._flag_memory:
            self._flagged.popitem(last=False)
        recorded = await self._record(question, GapKind.NOT_WHAT_I_ASKED)
        if not recorded:
            self._flagged.pop(key, None)  # a press that was not stored may be tried again
        return recorded

    async def _record(self, question: str, kind: GapKind) -> bool:
        text = recordable_question(question)
        if text is None:
            return False
        try:
            await self._repository.record(text, kind, self._clock.now())
        except DatabaseBusyError:
            log.warning("ask gap not recorded: the database is busy")
            return False
        except Exception:
            log.exception("ask gap not recorded")
            return False
        return True

    # --- reading and purging ----------------------------------------------------------------------------------
    async def most_asked(self, limit: int = 15) -> list[AskGap]:
        """The gaps asked most often (then most recently) within the retention, purging older ones first."""
        try:
            await self.purge()
        except DatabaseBusyError:  # the read below leaves them out anyway; the daily purge will get them
            log.warning("ask gaps not purged before reading: the database is busy")
        return await self._repository.most_asked(limit, since=self._cutoff())

    async def purge(self) -> int:
        """Delete the gaps not asked within the retention; returns how many."""
        deleted = await self._repository.purge(self._cutoff())
        if deleted:
            log.info("purged %d ask gaps not asked for %d days", deleted, self.retention.days)
        return deleted

    def _cutoff(self) -> datetime:
        return self._clock.now() - self.retention

    def start(self) -> None:
        """Purge now and then every day (on the bot's clock) until :meth:`stop`."""
        if self._purger is None or self._purger.done():
            self._purger = asyncio.create_task(self._purge_periodically(), name="ask-gaps-purge")

    async def stop(self) -> None:
        if self._purger is not None:
            self._purger.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._purger
            self._purger = None

    async def _purge_periodically(self) -> None:
        while True:
            try:
                await self.purge()
            except Exception:  # a busy or failing database: try again at the next round
                log.exception("purging ask gaps failed")
            await self._clock.sleep_until(self._clock.now() + PURGE_INTERVAL)


class AskSuggestions:
    """Up to three questions the bot can answer, offered as buttons when /ask has none ("did you mean").

    The answerer's own suggestions (``NoAnswer.suggestions``, questions close to the one asked) come first.
    When it has none, a few generic questions are offered instead, built from the knowledge base's own entries
    (the film's title, its director, its first credited actor) and each kept only if the answerer really
    answers it, so a button never leads to another "I don't know".
    """

    def __init__(self, knowledge: KnowledgeService, answerer: Answerer) -> None:
        self._knowledge = knowledge
        self._answerer = answerer
        self._fallback: tuple[int, tuple[str, ...]] | None = None  # (knowledge version, questions)

    async def for_question(self, result: NoAnswer) -> tuple[str, ...]:
        offered = _usable(result.suggestions, asked=result.question)
        return offered if offered else await self.fallback()

    async def fallback(self) -> tuple[str, ...]:
        """The generic questions, worked out once per knowledge version."""
        version = self._knowledge.version
        if self._fallback is None or self._fallback[0] != version:
            self._fallback = (version, await self._answerable(await self._generic_questions()))
        return self._fallback[1]

    async def _generic_questions(self) -> list[str]:
        try:
            title = (await self._knowledge.film()).title
        except KnowledgeMissingError:
            return []
        questions = [f"Who directs {title}?", f"When does {title} come out?"]
        actor = next((member for member in await self._knowledge.cast() if member.actor), None)
        if actor is not None:
            questions.append(f"Who plays {actor.character}?")
        questions += [f"What is {title} based on?", f"What is {title} about?"]
        return questions

    async def _answerable(self, questions: Sequence[str]) -> tuple[str, ...]:
        kept: list[str] = []
        for question in _usable(questions, limit=len(questions)):
            if isinstance(await self._answerer.answer(question), Answer):
                kept.append(question)
            if len(kept) == MAX_SUGGESTIONS:
                break
        return tuple(kept)


def _usable(questions: Sequence[str], *, asked: str = "", limit: int = MAX_SUGGESTIONS) -> tuple[str, ...]:
    """The suggestions that fit a button, each once, not the question just asked, at most ``limit``."""
    seen = {normalise_question(asked)} if asked else set()
    usable: list[str] = []
    for question in questions:
        question = " ".join(question.split())
        key = normalise_question(question)
        if not key or key in seen or _utf16_length(question) > MAX_SUGGESTION_LENGTH:
            continue
        seen.add(key)
        usable.append(question)
        if len(usable) == limit:
            break
    return tuple(usable)


# --- the owners' report, for the command line (``python -m bot gaps``) --------------------------------------
KIND_LABELS = {GapKind.UNANSWERED: "no answer", GapKind.NOT_WHAT_I_ASKED: "not what I asked"}


def gaps_as_text(gaps: Sequence[AskGap], *, retention: timedelta) -> str:
    """A plain table, most asked first: count, kind, last asked (UTC), the question."""
    if not gaps:
        return f"No unanswered questions recorded in the last {retention.days} days."
    lines = [f"{'count':>5}  {'kind':<16}  {'last asked (UTC)':<16}  question"]
    for gap in gaps:
        lines.append(
            f"{gap.count:>5}  {KIND_LABELS[gap.kind]:<16}  {gap.last_asked:%Y-%m-%d %H:%M}  {gap.question}"
        )
    return "\n".join(lines)


def gaps_as_json(gaps: Sequence[AskGap]) -> str:
    return json.dumps(
        [
            {
                "question": gap.question,
                "kind": gap.kind.value,
                "count": gap.count,
                "first_asked": gap.first_asked.isoformat(),
                "last_asked": gap.last_asked.isoformat(),
            }
            for gap in gaps
        ],
        indent=2,
        ensure_ascii=False,
    )
