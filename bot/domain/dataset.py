"""The data file's records, as parsed and checked by :mod:`bot.services.dataset` and stored by bot/db/."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.release import ReleaseDate

# The data file's vocabularies (checked by bot/services/dataset.py, offered as choices by /kb).
CREDIT_ROLES = ("cast", "director", "writer", "creator", "executive-producer")
CREDIT_STATUSES = ("confirmed", "expected", "reported")
RELEASE_STATUSES = ("expected", "confirmed", "released")


@dataclass(frozen=True, slots=True)
class Source:
    slug: str
    title: str
    as_of: date
    publisher: str | None = None
    url: str | None = None
    published_on: date | None = None


@dataclass(frozen=True, slots=True)
class Work:
    title: str
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Person:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    known_for: tuple[Work, ...] = ()


@dataclass(frozen=True, slots=True)
class Character:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Credit:
    role: str
    status: str
    source: str
    as_of: date
    person: str | None = None
    character: str | None = None
    reprises: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    slug: str
    date_text: str
    kind: str
    title: str
    summary: str
    source: str
    as_of: date
    #: Example questions this event answers, for wordings its summary alone does not match.
    questions: tuple[str, ...] = ()

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.date_text)]


@dataclass(frozen=True, slots=True)
class SourceMaterial:
    title: str
    kind: str
    source: str
    as_of: date
    author: str | None = None
    note: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Film:
    title: str
    series: str
    kind: str
    synopsis: str
    platform: str
    source: str
    as_of: date
    episode_number: int | None = None
    previous_episode: str | None = None
    role_in_series: str | None = None
    instead_of: str | None = None
    genre: str | None = None
    #: Other names fans use for the film ("hsf", "the finale").
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Release:
    platform: str
    date_text: str
    date: ReleaseDate
    status: str
    source: str
    as_of: date
    timezone: str | None = None
    platform_url: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    slug: str
    topic: str
    statement: str
    source: str
    as_of: date
    keywords: tuple[str, ...] = ()
    #: Example questions this fact answers, for wordings its statement and keywords alone do not match.
    questions: tuple[str, ...] = ()
    #: The kinds of question it answers: who, when, where, why, how-many, what, whether, which.
    asks: tuple[str, ...] = ("what", "whether", "which")
    #: The statement in other languages: (catalog code such as "pt_BR", text), from ``translations``.
    translations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Dataset:
    film: Film
    release: Release
    sources: dict[str, Source]
    people: dict[str, Person]
    characters: dict[str, Character]
    credits: tuple[Credit, ...]
    events: tuple[Event, ...]
    source_materials: tuple[SourceMaterial, ...]
    facts: tuple[Fact, ...]
    sha256: str = field(default="", compare=False)
    # Titles outside the notes that fans ask about (the people's other work): recognised, never answered
    outside_works: tuple[str, ...] = ()
