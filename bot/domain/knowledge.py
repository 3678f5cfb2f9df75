"""What the knowledge base says, as the fan commands show it: every record carries the source it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.release import ReleaseDate

ROLE_TITLES = {
    "director": "Director",
    "writer": "Writer",
    "creator": "Creator",
    "executive-producer": "Executive producer",
    "cast": "Cast",
}


def describe_partial_date(text: str) -> str:
    """'2025' -> '2025', '2025-07' -> 'July 2025', '2025-07-27' -> '27 July 2025'."""
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{date(parts[0], parts[1], 1):%B %Y}"
    day = date(parts[0], parts[1], parts[2])
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a statement comes from, and as of when (the statement's own as-of date)."""

    title: str
    as_of: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CastMember:
    character: str
    actor: str | None
    status: str
    reprises: bool
    note: str | None
    source: SourceRef
    character_aliases: tuple[str, ...] = ()
    actor_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CastLookup:
    """The cast entries a /cast query found, and whom it named when it found one person."""

    members: tuple[CastMember, ...]
    # The actor's name when the query named the actor of the one entry found, else that entry's character;
    # None when it found several (or none).
    named: str | None


@dataclass(frozen=True, slots=True)
class CrewMember:
    role: str
    name: str
    status: str
    note: str | None
    known_for: tuple[str, ...]
    source: SourceRef

    @property
    def role_title(self) -> str:
        return ROLE_TITLES.get(self.role, self.role)


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date_text: str
    precision: str
    kind: str
    title: str
    summary: str
    source: SourceRef
    slug: str = ""  # its id in the data file: its /ask fact is "event-<slug>"

    @property
    def when(self) -> str:
        return describe_partial_date(self.date_text)


@dataclass(frozen=True, slots=True)
class FilmInfo:
    title: str
    series: str
    kind: str
    role_in_series: str | None
    instead_of: str | None
    episode_number: int | None
    previous_episode: str | None
    synopsis: str
    source_materials: tuple[str, ...]
    platform: str
    source: SourceRef


@dataclass(frozen=True, slots=True)
class ReleaseInfo:
    film_title: str
    platform: str
    platform_url: str | None
    date: ReleaseDate
    status: str
    source: SourceRef
