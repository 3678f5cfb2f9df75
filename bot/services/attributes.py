"""What a question asks for, and what a fact can answer: a reply is made only of facts that answer it.

A fact answers a few kinds of question (its ``asks``: who, when, where, how many...). Those say little about
*which* place or *what* is counted: "which studio did they shoot the interiors at" asks for a place of a
kind (a studio), and a fact dated over the filming weeks answers neither; "how many hours a day were they
filming" counts hours, which a span of dates never gives. So both sides are read here:

- :func:`asked_of` reads the asked attribute from the question's wh-word and the noun it governs ("which
  studio", "how many hours", "how much time passes", "how long", "where");
- :func:`fact_attributes` reads what a fact's statement can answer, from its wording alone (a span of
  dates gives durations in days, weeks and months; "seven weeks" a count of weeks; "announced online" a
  place), so the data file stays plain prose;
- :func:`covers` says whether a fact answers the attribute asked. The answerer never offers a fact that
  does not as the answer; the part is named as not known instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Nouns naming a place or an organisation of some kind: "which studio", "what city", "which production
# company". A fact answers one of these only when it names that very kind of place (or the word itself).
PLACE_NOUNS = frozenset(
    """
    studio studios location locations place places city cities town towns country countries venue venues
    building buildings street streets county counties village villages site sites spot spots area areas
    region regions state states stage stages lot lots set-location neighbourhood neighborhood
    company companies firm firms network networks channel channels label labels agency agencies team teams
    """.split()  # noqa: SIM905 - a word list reads best as text
)
# Units of time: "how many hours", "how many weeks". A span of dates gives the calendar ones only.
TIME_UNITS = {
    "second": "second",
    "seconds": "second",
    "sec": "second",
    "secs": "second",
    "minute": "minute",
    "minutes": "minute",
    "min": "minute",
    "mins": "minute",
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "hrs": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
# "how long do we have to wait", "how many days until it's out": counted to a date, which any date answers
_WAITING = frozenset("until till til wait waiting left away before countdown to-go".split())  # noqa: SIM905
# "a day", "per week", "each month": a rate, which only a statement giving one answers
_RATE = re.compile(r"\b(?:a|an|per|each|every) (?:second|minute|hour|day|night|week|month|year|episode)\b")
_POSTED = frozenset("post posted tweet tweeted caption captioned upload uploaded".split())  # noqa: SIM905
# A statement giving someone's words: quoted, or reported ("Alice Oseman said filming was halfway done")
# Nouns for what someone posted: "the wrap posts", "kit's caption"
POST_NOUNS = frozenset("post posts tweet tweets caption captions message messages words".split())  # noqa: SIM905
_QUOTED = re.compile(r"[\"“][^\"”]+[\"”]|\b(?:said|wrote|posted|shared|tweeted)\b")
_AUXILIARIES = frozenset(
    "is are was were do does did will would can could has have had should shall might may 's".split()  # noqa: SIM905
)
CALENDAR_UNITS = frozenset(["day", "week", "month"])
# Words for a book: "oseman's book solitaire", "which of alice's graphic novels"
BOOK_NOUNS = frozenset(
    ["book", "books", "novel", "novels", "novella", "novellas", "volume", "volumes", "comic", "comics"]
)
# Nouns that stand for one another as the thing asked: "which of alice's graphic novels" is answered by a fact
# naming a volume or a novella, "which of the gang" by one naming the friends
_KINDRED_NOUNS = (
    BOOK_NOUNS,
    frozenset(["gang", "gangs", "friend", "friends", "group", "groups", "mate", "mates", "pal", "pals"]),
)
# Words between "how many"/"which" and the noun they govern: "how many different studios", "what kind of place"
_SKIPPED = frozenset(
    """
    a an the of kind kinds sort sorts type types different separate exact actual total whole main real else
    exactly other others all more even then fewer less additional extra new old major
    """.split()  # noqa: SIM905
)
_NUMBER_WORDS = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred"
    r"|a few|several|a couple of|a|an"
)
_DURATION = re.compile(
    rf"\b(?:{_NUMBER_WORDS})\s+(?P<unit>{'|'.join(sorted(TIME_UNITS, key=len, reverse=True))})\b"
)
# "Filming ran from 9 June 2025 to 27 July 2025": a span of days, from which days, weeks and months follow.
_SPAN = re.compile(
    r"\bfrom\s+\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?\s+(?:to|until|till)\s+\d{1,2}\s+[A-Z][a-z]+", re.IGNORECASE
)
# Where a statement says something happened or is: a platform, online, a named place.
_PLACE = re.compile(
    r"\b(?P<online>online|on social media|on (?:instagram|twitter|tiktok|x|threads|youtube))\b"
    r"|\bon (?P<platform>Netflix|Hulu|Prime Video|Disney\+|BBC iPlayer|Apple TV\+?)\b",
)


# Which of several came first: "who posted first, kit or joe", "which was announced first". (The first thing
# on a timeline, or the first day of something, asks a date, which the dates answer.)
_ASKS_ORDER = re.compile(
    r"\b(?:who|which)\b(?: [\w']+){0,4} (?:first|earlier|sooner|last)\b"
    r"(?! (?:day|days|time|episode|season|thing|things|one|look|trailer|teaser|week|of))"
)
# A statement that says in which order things happened
_ORDERED = re.compile(r"\b(?:first|then|after|before|later|followed|earlier|next|afterwards|beforehand)\b")


@dataclass(frozen=True, slots=True)
class Asked:
    """The attribute a question asks for: ``place`` (optionally of a kind, ``head`` "studio"), ``duration``
    (optionally in a unit, "hour"), ``count`` of ``head`` ("hours", "volumes"), a ``rate`` ("how many hours
    a day"), the ``words`` of a post, the ``order`` of things ("who posted first"), or a ``thing`` of a kind
    ("which camera", "what song is it")."""

    attribute: str
    head: str | None = None


@dataclass(frozen=True, slots=True)
class FactAttributes:
    """What a statement can answer beyond its words: the time units it measures (a "from ... to ..." span of
    days counts days, weeks and months) and the places it names ("online", "Netflix", "London")."""

    units: frozenset[str]
    places: frozenset[str]
    # What happened at those places: the words just before each ("the cast *announced* online"), so "where did
    # they announce it" is answered and "where did filming wrap" (where it was shot) is not
    placed: frozenset[str] = frozenset()


@lru_cache(maxsize=4096)
def fact_attributes(statement: str) -> FactAttributes:
    """Read once per statement: /ask asks it of every candidate fact of every question, and the statements
    change only with an import."""
    units = {TIME_UNITS[match.group("unit").lower()] for match in _DURATION.finditer(statement)}
    if _SPAN.search(statement):
        units |= CALENDAR_UNITS
    places: set[str] = set()
    placed: set[str] = set()
    for match in _PLACE.finditer(statement):
        placed |= {verb_stem(word) for word in re.findall(r"[a-z]+", statement[: match.start()].lower())[-4:]}
        if match.group("online"):
            places |= {"online", "social", "media", "internet"}
        elif match.group("platform"):
            places |= {
                "platform",
                "service",
                "app",
                "streamer",
                "site",
                "channel",
                "network",
                match.group("platform").lower(),
            }
    return FactAttributes(frozenset(units), frozenset(places), frozenset(placed))


def verb_stem(word: str) -> str:
    """A crude stem for telling which deed a place belongs to: "announced" and "announce" share "annou"."""
    return word[:5]


def placed_here(tokens: list[str], statement: str) -> bool:
    """Whether a "where" question asks the place of what the statement places ("where did they announce
    it" of "The cast announced online"), rather than of something else it only mentions."""
    placed = fact_attributes(statement).placed
    return any(verb_stem(token) in placed for token in tokens if len(token) > 3)


def _head_after(tokens: list[str], position: int, stop_words: frozenset[str]) -> str | None:
    """The noun a question word governs: the first word after ``position`` that is no determiner or hedge;
    None when a verb or function word comes first ("how much did it drop")."""
    for token in tokens[position:]:
        if token in _SKIPPED:
            continue
        return token if token.isalpha() and token not in stop_words else None
    return None


# Prepositions before a relative "which" ("the day on which", "the year in which", "the show for which")
_RELATIVE_AFTER = frozenset(["on", "in", "at", "during", "by", "for", "from", "after", "before", "since"])


def asked_of(tokens: list[str], stop_words: frozenset[str] = frozenset()) -> Asked | None:
    """The attribute a question (its words, folded) asks for, when its wording says so; None otherwise (the
    question kind alone then decides). ``where`` alone is left to the kinds a fact answers."""
    text = " ".join(tokens)
    if _WAITING & set(tokens):
        return None  # "how long till it's out", "how many days left": the time until a date, which a date answers
    # "how much time passes", "how much longer": a stretch of time, not an amount counted
    if re.search(r"\bhow much (?:time|longer)\b|\bhow long\b", text):
        return Asked("duration")
    for position in range(len(tokens) - 1):
        if tuple(tokens[position : position + 2]) in (("how", "many"), ("how", "much"), ("number", "of")):
            head = _head_after(tokens, position + 2, stop_words)
            if head is not None and _RATE.search(" ".join(tokens[position + 2 :])):
                return Asked("rate", head)  # "how many hours a day", "how many days a week": per unit of time
            if head in TIME_UNITS:
                return Asked("duration", TIME_UNITS[head])
            return Asked("count", head) if head else None
    if _ASKS_ORDER.search(text):
        return Asked("order")  # "who posted first, kit or joe": which came before, which a fact must say
    if (tokens[:1] == ["what"] and _POSTED & set(tokens)) or (
        ({"quote", "quotes", "verbatim"} & set(tokens) or "word for word" in text)
        and POST_NOUNS & set(tokens)
    ):
        return Asked("words")  # "what did each of the leads post": the words of the posts, quoted
    for position, token in enumerate(tokens):
        if token not in ("which", "what"):
            continue
        if token == "which" and position >= 2 and tokens[position - 1] in _RELATIVE_AFTER:
            continue  # "the date on which production ended": a clause about the thing, not a question
        head = _head_after(tokens, position + 1, stop_words)
        if head is None:
            continue
        if head in PLACE_NOUNS:
            return Asked("place", head)
        following = tokens[tokens.index(head, position + 1) + 1 :][:1]
        if following and following[0] in PLACE_NOUNS:
            return Asked("place", following[0])  # "which production company": a company, of production
        after = tokens[tokens.index(head, position + 1) + 1 :][:1]
        # "which camera", "what camera did they use", "what song is that": the thing asked is of that kind
        # ("what goes wrong", "what happened": a verb, not a thing)
        if token == "which" or (after and after[0] in _AUXILIARIES):
            return Asked("thing", head)
    return None


def covers(asked: Asked | None, statement: str, fact_words: frozenset[str]) -> bool:
    """Whether a fact (its statement, and its words with their stems) answers the attribute asked. A count
    is left to the answerer, which knows the concepts a counted noun names."""
    if asked is None:
        return True
    if asked.attribute == "words":
        return _QUOTED.search(statement) is not None
    if asked.attribute == "order":
        return _ORDERED.search(statement.lower()) is not None
    if asked.attribute == "rate":
        return _RATE.search(statement.lower()) is not None
    if asked.attribute == "duration":
        units = fact_attributes(statement).units
        return asked.head in units if asked.head is not None else bool(units)
    if asked.attribute in ("place", "thing") and asked.head is not None:
        singular = asked.head.removesuffix("s")
        kindred = next(
            (group for group in _KINDRED_NOUNS if singular in group), {asked.head, singular, f"{singular}s"}
        )
        return bool(kindred & (fact_words | fact_attributes(statement).places))
    return True
