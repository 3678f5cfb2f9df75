"""Questions asked by time: "what happened over summer 2025", "anything in 2026", "early july", "the very
first thing on the timeline", "the most recent update".

Plain functions, no Discord and no database: what span of the calendar a question names, whether it asks for the
first or the latest event, and the span a timeline date covers ("2025-07" is all of July). The answerer lays the
timeline's own dates against them, so the reply is read from the data, never from wording.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
} | {"sept": 9}
_FULL_NAMES = frozenset(calendar.month_name[number].lower() for number in range(1, 13))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
# Seasons as the UK reckons them (a British production): spring is March to May, and so on. Winter runs into the
# next year: "winter 2025" is December 2025 to February 2026.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_PART_OF_MONTH = {"early": (1, 10), "start of": (1, 10), "beginning of": (1, 10), "mid": (11, 20),
                  "middle of": (11, 20), "late": (21, 31), "end of": (21, 31)}  # fmt: skip
_PART = r"(?P<part>early|mid|late|start of|beginning of|middle of|end of)[\s-]+(?:the\s+)?"

# "in the spring of 2025", "over summer 2025", "during spring", "early july 2025", "mid-july", "in 2026": a
# season needs a preposition or a year next to it, so "charlie spring" is never a season
_SEASON_SPAN = re.compile(
    rf"\b(?:(?P<prep>in|over|during|this|last|that|across|through|the)\s+(?:the\s+)?)?(?:(?:early|late|mid)[\s-]+)?"
    rf"(?P<season>spring|summer|autumn|fall|winter)(?:time)?(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b"
)
_MONTH_SPAN = re.compile(rf"\b(?:{_PART})?(?P<month>{_MONTH})\b(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?")
_YEAR_SPAN = re.compile(
    rf"\b(?:in|during|for|of|throughout|across|by)\s+(?P<year>{_YEAR})\b|^(?P<lead>{_YEAR})\b"
)

# What asks for the events of a span rather than one thing dated in it: "what happened", "anything going on",
# "any news", "what was X up to", "the significance of"
_ASKS_EVENTS = re.compile(
    r"\bhappen(?:s|ed|ing)?\b|\bgoing on\b|\bgo(?:es)? down\b|\bwent down\b|\bany ?thing\b|\bnews\b|\bupdates?\b"
    r"|\bup to\b|\bsignifican(?:ce|t)\b|\bimportant\b|\bmilestones?\b|\bevents?\b|\bbusy\b|\bdevelopments?\b"
    r"|\bwhat (?:went on|was going on|did we get|did we hear)\b"
)
# "the very first thing on the timeline", "the latest update", "the most recent news you know of"
_FIRST = re.compile(
    r"\b(?:very )?(?:first|earliest)\s+(?:[\w'-]+\s+)?(?:thing|things|event|update|news|milestone|step|entry|mention"
    r"|report)\b"
    r"|\b(?:first|earliest|start)\s+(?:of|on|in) (?:the|its|the film's|hsf's) timeline\b"
    r"|\bhow (?:did|does) (?:it|the timeline|this) (?:all )?(?:start|begin)\b|\bwhere (?:it|this) all (?:started|began)\b"
)
_LATEST = re.compile(
    r"\b(?:latest|most recent|newest|last|recent|freshest)\s+(?:[\w'-]+\s+)?(?:thing|things|event|update|updates|news|milestone"
    r"|step|entry|development|info|information|word)\b|\bthe latest(?= on\b| with\b| about\b| for\b|\s*[?!.]|\s*$)|\bmost recently\b"
)


@dataclass(frozen=True, slots=True)
class Span:
    """Days of the calendar, both ends included."""

    start: date
    end: date

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end

    def within(self, other: Span) -> bool:
        return other.start <= self.start and self.end <= other.end


@dataclass(frozen=True, slots=True)
class Period:
    """A span a question names, and how it named it ("summer 2025")."""

    span: Span
    label: str


def span_of(date_text: str) -> Span | None:
    """The days a timeline date covers: '2026' the whole year, '2025-07' all of July, '2025-07-27' that day."""
    try:
        parts = [int(part) for part in date_text.split("-")[:3]]
        if len(parts) == 1:
            return Span(date(parts[0], 1, 1), date(parts[0], 12, 31))
        if len(parts) == 2:
            return Span(date(parts[0], parts[1], 1), _month_end(parts[0], parts[1]))
        day = date(parts[0], parts[1], parts[2])
    except ValueError:
        return None
    return Span(day, day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_asked(text: str, years: list[int]) -> Period | None:
    """The span a question asks the events of, or None. ``text`` is folded (lower case); ``years`` are the
    years the timeline covers, the one a season or month without a year is read in (the latest that has it)."""
    if not _ASKS_EVENTS.search(text):
        return None
    found: list[Period] = []
    for match in _SEASON_SPAN.finditer(text):
        if not (match.group("prep") or match.group("year")):
            continue  # "charlie spring": a name, not a season
        season = match.group("season")
        first, last = _SEASONS[season]
        for year in _years(match.group("year"), years):
            end_year = year + 1 if last < first else year
            span = Span(date(year, first, 1), _month_end(end_year, last))
            found.append(Period(span, f"{season} {year}"))
            break
    for match in _MONTH_SPAN.finditer(text):
        month = _MONTHS[match.group("month")]
        spelt = match.group("month")
        if (spelt not in _FULL_NAMES or spelt == "may") and (
            not (match.group("year") or match.group("part"))
            and not (spelt == "may" and re.search(r"\bin may\b", text))
        ):
            continue  # "may" is a verb and "mar" a word: a short name needs a year or "early" beside it
        for year in _years(match.group("year"), years):
            start, end = date(year, month, 1), _month_end(year, month)
            label = f"{calendar.month_name[month]} {year}"
            part = match.group("part")
            if part:
                low, high = _PART_OF_MONTH[part]
                start, end = date(year, month, low), min(end, date(year, month, min(high, end.day)))
                label = f"{part.split()[0]} {label}"
            found.append(Period(Span(start, end), label))
            break
    if not found:
        for match in _YEAR_SPAN.finditer(text):
            year = int(match.group("year") or match.group("lead"))
            found.append(Period(Span(date(year, 1, 1), date(year, 12, 31)), str(year)))
    if len(found) != 1:
        return None  # none, or several spans ("between june and july"): not one period asked about
    return found[0]


def _years(named: str | None, years: list[int]) -> list[int]:
    if named:
        return [int(named)]
    return sorted(years, reverse=True)[:1]


def extreme_asked(text: str) -> Literal["first", "latest"] | None:
    """Whether a question asks for the first or the latest event ("the very first thing on the timeline", "the
    most recent update you know of"), or neither."""
    if _FIRST.search(text):
        return "first"
    if _LATEST.search(text):
        return "latest"
    return None
