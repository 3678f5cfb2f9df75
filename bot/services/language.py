"""Everyday wording to search terms: tokens, stop words, synonyms ("concepts") and typo repair.

The same normalisation runs over the facts when they are indexed and over a fan's question when it is asked,
so "who helmed it?", "who directs it?" and "filmmaker" all meet the director's fact through the concept term
``director``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Concept -> the words and phrases fans use for it. Phrases are matched before single words.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "director": (
        "direct",
        "directs",
        "directed",
        "directing",
        "director",
        "directors",
        "direction",
        "filmmaker",
        "filmmakers",
        "helm",
        "helms",
        "helmed",
        "helming",
        "behind the camera",
    ),
    "writer": (
        "write",
        "writes",
        "wrote",
        "written",
        "writing",
        "writer",
        "writers",
        "screenwriter",
        "screenplay",
        "script",
        "scripted",
        "penned",
        "author",
    ),
    "creator": ("creator", "created", "creates", "create", "made up", "came up with"),
    "producer": (
        "producer",
        "producers",
        "executive producer",
        "executive producers",
        "produce",
        "produces",
        "produced",
        "producing",
        "exec",
    ),
    "cast": (
        "cast",
        "casting",
        "actor",
        "actors",
        "actress",
        "actresses",
        "star",
        "stars",
        "starring",
        "starred",
        "plays",
        "play",
        "played",
        "playing",
        "portray",
        "portrays",
        "portrayed",
        "role",
        "roles",
        "in it",
        "appear",
        "appears",
        "appearing",
        "return",
        "returns",
        "returning",
        "come back",
        "coming back",
        "back",
        "reprise",
        "reprises",
        "reprising",
    ),
    "wrap": (
        "wrap",
        "wraps",
        "wrapped",
        "wrapping",
        "finish filming",
        "finished filming",
        "finish shooting",
        "finished shooting",
        "end of filming",
        "end of shooting",
        "filming end",
        "filming ended",
        "stop filming",
        "stopped filming",
        "done filming",
        "finished",
        "finish",
        "ended",
        "completed",
        "filming done",
        "filming finished",
        "filming over",
        "shooting done",
        "shooting finished",
        "shooting over",
    ),
    "filming": (
        "filming",
        "filmed",
        "shoot",
        "shooting",
        "shot",
        "principal photography",
        "photography",
        "production",
        "on set",
    ),
    "start": (
        "start",
        "starts",
        "started",
        "begin",
        "begins",
        "began",
        "begun",
        "commence",
        "commenced",
        "kick off",
    ),
    "halfway": ("halfway", "half way", "half", "midway", "middle"),
    "release": (
        "release",
        "releases",
        "released",
        "releasing",
        "release date",
        "come out",
        "comes out",
        "coming out",
        "came out",
        "premiere",
        "premieres",
        "premiered",
        "launch",
        "launches",
        "drop",
        "drops",
        "dropping",
        "air",
        "airs",
        "airing",
        "out",
        "debut",
        "debuts",
        "arrive",
        "arrives",
    ),
    "watch": (
        "watch",
        "watching",
        "stream",
        "streaming",
        "streamer",
        "where",
        "platform",
        "available",
        "service",
        "see it",
        "view",
        "on netflix",
        "which service",
    ),
    "season4": (
        "season 4",
        "season four",
        "fourth season",
        "4th season",
        "s4",
        "series 4",
        "series four",
        "fourth series",
    ),
    "commission": (
        "commission",
        "commissioned",
        "greenlit",
        "greenlight",
        "green lit",
        "green light",
        "ordered",
        "order",
        "renewed",
        "renewal",
    ),
    "plot": ("plot", "story", "storyline", "synopsis", "happen", "happens", "premise", "summary"),
    "book": (
        "book",
        "books",
        "comic",
        "comics",
        "graphic novel",
        "graphic novels",
        "novel",
        "novels",
        "volume",
        "based on",
        "adapt",
        "adapts",
        "adapted",
        "adaptation",
        "source material",
        "novella",
    ),
    "filmography": (
        "made",
        "make",
        "makes",
        "other films",
        "other movies",
        "earlier films",
        "previous films",
        "known for",
        "filmography",
        "works",
        "work",
        "films",
        "movies",
    ),
    "reason": ("why", "reason", "reasons", "because", "how come"),
    # A weak hint: "what is it?" leans toward the overview without outweighing what else is asked.
    "overview": (
        "what is",
        "what's",
        "whats",
        "tell me about",
        "what kind",
        "kind of",
        "type of",
        "overview",
        "describe",
    ),
    "title": ("title", "titled", "name", "named", "called"),
    "farewell": ("farewell", "goodbye", "bye", "say goodbye", "posts", "posted", "instagram", "social media"),
    "episode": ("episode", "episodes", "previous episode", "number"),
}

# Concepts that only lean the choice; the others count fully.
WEAK_CONCEPTS = {"overview": 0.5}

# Words that carry no meaning for matching a fact.
STOP_WORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being am do does did
    doing done has have had having will would shall should can could may might must it its it's this that these
    those they them their there here i me my we us our you your he him his she her hers what which who whom
    whose when why how tell know about please any anyone some something so than then too very just also into
    onto over under up down again further once all both each few more most other such only own same not no nor
    yes yeah hey hi hello bot whats what's who's whos when's hows how's gonna wanna going get got gets let lets
    let's thanks thank there's ever still yet already really actually
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# Words that appear in nearly every fact: they count, but for little.
GENERIC_WORDS = frozenset(["heartstopper", "forever", "film", "movie", "finale", "netflix", "series", "show"])

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_MENTION = re.compile(
    r"<(?:@[!&]?|#|:[A-Za-z0-9_~]+:|a:[A-Za-z0-9_~]+:|t:)\d*(?::[tTdDfFR])?>|@(?:everyone|here)"
)


def fold(text: str) -> str:
    """Lower-case, strip accents and fold curly quotes, for comparing what people type."""
    if text.isascii():  # the common case, and the costly part below does nothing for it
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("’", "'").casefold()


def strip_mentions(text: str) -> str:
    """Remove Discord mentions (users, roles, channels, @everyone) and custom emoji from text."""
    return _MENTION.sub(" ", text)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(strip_mentions(text)))


# Phrase -> concept, longest phrases first so "finish filming" wins over "finish".
_PHRASES: list[tuple[tuple[str, ...], str]] = sorted(
    ((tuple(phrase.split()), concept) for concept, phrases in CONCEPTS.items() for phrase in phrases),
    key=lambda item: -len(item[0]),
)


def concepts_in(tokens: list[str]) -> list[tuple[str, set[int]]]:
    """The concepts named in a token list, each with the positions of the words that named it."""
    found: list[tuple[str, set[int]]] = []
    used: set[int] = set()
    present = set(tokens)
    for phrase, concept in _PHRASES:
        if phrase[0] not in present:
            continue
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            span = set(range(start, start + size))
            if tuple(tokens[start : start + size]) == phrase and not span & used:
                used |= span
                found.append((concept, span))
    return found


def index_terms(texts: Iterable[str]) -> str:
    """The extra keyword text stored with a fact so the concepts it expresses are searchable."""
    tokens: list[str] = []
    for text in texts:
        tokens.extend(words(text))
    return " ".join(sorted({concept for concept, _ in concepts_in(tokens)}))


def light_stem(word: str) -> str:
    """A small suffix stripper, close enough to SQLite's porter tokenizer for scoring candidates."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_REPAIR_MEMO_LIMIT = 50_000


class Vocabulary:
    """The words the knowledge base knows, for repairing typos such as 'heartstoper' or 'direced'."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = frozenset(known) | {
            word for phrases in CONCEPTS.values() for p in phrases for word in p.split()
        }
        self._repaired: dict[str, str] = {}
        self._by_initial: dict[str, list[str]] = {}
        for word in self.known:
            self._by_initial.setdefault(word[:1], []).append(word)

    def repair(self, word: str) -> str:
        if word in self.known or word in STOP_WORDS or len(word) < 4 or word.isdigit():
            return word
        repaired = self._repaired.get(word)
        if repaired is None:
            # Typos rarely change the first letter; looking only there keeps this fast on a large vocabulary.
            candidates = self._by_initial.get(word[:1], [])
            match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.8)
            repaired = match[0] if match else word
            if len(self._repaired) < _REPAIR_MEMO_LIMIT:
                self._repaired[word] = repaired
        return repaired
