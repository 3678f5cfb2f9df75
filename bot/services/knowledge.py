"""The knowledge service: importing the data file and answering the structured fan questions.

Everything returned here is a plain dataclass carrying its source, so the Discord cogs and the command line
render the same answers.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.db import Database
from bot.db.knowledge import FactRow, KnowledgeRepository
from bot.domain.dataset import Dataset
from bot.domain.release import ReleaseDate
from bot.services.language import fold, index_terms

log = logging.getLogger(__name__)
T = TypeVar("T")

ROLE_TITLES = {
    "director": "Director",
    "writer": "Writer",
    "creator": "Creator",
    "executive-producer": "Executive producer",
    "cast": "Cast",
}


@dataclass(frozen=True, slots=True)
class SourceRef:
    title: str
    as_of: str
    url: str | None = None

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> SourceRef:
        return cls(title=row["source_title"], as_of=row["as_of"], url=row["source_url"])


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

    def matches(self, query: str) -> bool:
        wanted = fold(query).strip()
        names = [self.character, *self.character_aliases]
        if self.actor:
            names += [self.actor, *self.actor_aliases]
        return any(fold(name) == wanted for name in names)


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


class KnowledgeMissingError(RuntimeError):
    """The database has no knowledge yet: the data file was never imported."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    path: Path
    changed: bool
    counts: dict[str, int]

    def describe(self) -> str:
        if not self.changed:
            return f"{self.path}: unchanged since the last import; nothing to do."
        parts = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        return f"Imported {self.path}: {parts}."


def describe_partial_date(text: str) -> str:
    """'2025' -> '2025', '2025-07' -> 'July 2025', '2025-07-27' -> '27 July 2025'."""
    parts = [int(part) for part in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{date(parts[0], parts[1], 1):%B %Y}"
    day = date(parts[0], parts[1], parts[2])
    return f"{day.day} {day:%B %Y}"


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""  # unreadable: let the import itself report it, naming the file


def _aliases(text: str | None) -> tuple[str, ...]:
    return tuple(alias for alias in (text or "").split(",") if alias)


class KnowledgeService:
    """Reads are memoised: the knowledge only changes through :meth:`import_file`, which clears the memo, so
    commands and the announcement sender do not go to the database for the same rows again and again."""

    def __init__(self, database: Database) -> None:
        self.repository = KnowledgeRepository(database)
        self._memo: dict[tuple[str, ...], Any] = {}
        # Bumped by every import that changed something, so callers can key their own caches on it.
        self.version = 0

    async def _remember(self, key: tuple[str, ...], load: Callable[[], Awaitable[T]]) -> T:
        if key not in self._memo:
            self._memo[key] = await load()
        return self._memo[key]

    # --- import -------------------------------------------------------------------------------------------
    async def import_file(self, path: Path, *, force: bool = False) -> ImportReport:
        """Load the data file into the database in one transaction, unless it is unchanged since last time.

        Raises DatasetError (naming the file, entry and problem) and leaves the database as it was.
        """
        if not force and _digest(path) == await self.repository.last_import_digest():
            return ImportReport(path, changed=False, counts={})
        # The parser (and tomllib) is loaded only when there is something to import: a running bot whose
        # data did not change never holds it in memory.
        from bot.services.dataset import load_dataset

        dataset = load_dataset(path)
        facts = derive_facts(dataset)
        counts = {
            "people": len(dataset.people),
            "credits": len(dataset.credits),
            "timeline events": len(dataset.events),
            "facts": len(facts),
        }
        await self.repository.replace_all(dataset, facts, summary=repr(counts))
        self._memo.clear()
        self.version += 1
        log.info("imported %s (%s)", path, counts)
        return ImportReport(path, changed=True, counts=counts)

    # --- structured questions -----------------------------------------------------------------------------
    async def cast(self) -> list[CastMember]:
        return list(await self._remember(("cast",), self._load_cast))

    async def _load_cast(self) -> list[CastMember]:
        return [
            CastMember(
                character=row["character_name"],
                actor=row["person_name"],
                status=row["status"],
                reprises=bool(row["reprises"]),
                note=row["note"],
                source=SourceRef.from_row(row),
                character_aliases=_aliases(row["character_aliases"]),
                actor_aliases=_aliases(row["person_aliases"]),
            )
            for row in await self.repository.credits(["cast"])
        ]

    async def find_cast(self, query: str) -> list[CastMember]:
        """Cast entries whose actor or character is named by ``query`` (full name or alias, any case)."""
        members = await self.cast()
        exact = [member for member in members if member.matches(query)]
        if exact:
            return exact
        wanted = fold(query).strip()
        if len(wanted) < 2:
            return []
        return [
            member
            for member in members
            if wanted in fold(member.character) or (member.actor and wanted in fold(member.actor))
        ]

    async def cast_names(self) -> list[str]:
        """Every actor and character name, for autocomplete."""
        names: list[str] = []
        for member in await self.cast():
            for name in (member.actor, member.character):
                if name and name not in names:
                    names.append(name)
        return names

    async def crew(self, roles: Sequence[str] | None = None) -> list[CrewMember]:
        wanted = tuple(roles) if roles else ()
        return list(await self._remember(("crew", *wanted), lambda: self._load_crew(wanted)))

    async def _load_crew(self, roles: Sequence[str]) -> list[CrewMember]:
        works: dict[str, list[str]] = {}
        for row in await self.repository.person_works():
            label = f"{row['title']} ({row['year']})" if row["year"] else row["title"]
            works.setdefault(row["person_slug"], []).append(label)
        wanted = list(roles) if roles else [role for role in ROLE_TITLES if role != "cast"]
        return [
            CrewMember(
                role=row["role"],
                name=row["person_name"],
                status=row["status"],
                note=row["note"],
                known_for=tuple(works.get(row["person_slug"], ())),
                source=SourceRef.from_row(row),
            )
            for row in await self.repository.credits(wanted)
        ]

    async def timeline(self) -> list[TimelineEvent]:
        return list(await self._remember(("timeline",), self._load_timeline))

    async def _load_timeline(self) -> list[TimelineEvent]:
        return [
            TimelineEvent(
                date_text=row["happened_on"],
                precision=row["precision"],
                kind=row["kind"],
                title=row["title"],
                summary=row["summary"],
                source=SourceRef.from_row(row),
            )
            for row in await self.repository.timeline()
        ]

    async def film(self) -> FilmInfo:
        return await self._remember(("film",), self._load_film)

    async def _load_film(self) -> FilmInfo:
        row = await self.repository.film()
        release = await self.release()
        if row is None:
            raise KnowledgeMissingError("no film in the database; run `python -m bot db import`")
        materials = tuple(
            f"{m['title']} ({m['kind']}{', by ' + m['author'] if m['author'] else ''})"
            for m in await self.repository.source_materials()
        )
        return FilmInfo(
            title=row["title"],
            series=row["series"],
            kind=row["kind"],
            role_in_series=row["role_in_series"],
            instead_of=row["instead_of"],
            episode_number=row["episode_number"],
            previous_episode=row["previous_episode"],
            synopsis=row["synopsis"],
            source_materials=materials,
            platform=release.platform,
            source=SourceRef.from_row(row),
        )

    async def release(self) -> ReleaseInfo:
        return await self._remember(("release",), self._load_release)

    async def _load_release(self) -> ReleaseInfo:
        row = await self.repository.release()
        if row is None:
            raise KnowledgeMissingError("no release in the database; run `python -m bot db import`")
        return ReleaseInfo(
            film_title=row["film_title"],
            platform=row["platform"],
            platform_url=row["platform_url"],
            date=ReleaseDate.parse(row["release_on"], row["timezone"]),
            status=row["status"],
            source=SourceRef.from_row(row),
        )

    async def release_date(self) -> ReleaseDate:
        """The current release date; the scheduler's release provider."""
        return (await self.release()).date


# --- facts derived from the structured entries -------------------------------------------------------------
def derive_facts(dataset: Dataset) -> list[FactRow]:
    """Answerable statements for /ask: the authored facts plus one per credit group, event and release."""
    film = dataset.film
    title = film.title
    facts: list[FactRow] = []

    def add(slug: str, topic: str, statement: str, keywords: Sequence[str], source: str, as_of: date) -> None:
        concept_terms = index_terms([statement, *keywords])
        facts.append(
            FactRow(
                slug=slug,
                topic=topic,
                statement=statement,
                keywords=" ".join([*keywords, concept_terms]).strip(),
                source_slug=source,
                as_of=as_of.isoformat(),
            )
        )

    for fact in dataset.facts:
        add(fact.slug, fact.topic, fact.statement, fact.keywords, fact.source, fact.as_of)

    people, characters = dataset.people, dataset.characters
    grouped: dict[str, list] = {}
    for credit in dataset.credits:
        if credit.role == "cast":
            character = characters[credit.character or ""]
            names = [character.name, *character.aliases]
            if credit.person:
                actor = people[credit.person]
                names += [actor.name, *actor.aliases]
                reprise = ", reprising the role from the series" if credit.reprises else ""
                statement = f"{actor.name} plays {character.name} in {title}{reprise}."
                if credit.status != "confirmed":
                    statement = f"{actor.name} is {credit.status} to play {character.name} in {title}."
            else:
                verb = "is expected to return" if credit.status == "expected" else "appears"
                statement = f"{character.name} {verb} in {title}" + (
                    f"; {credit.note}." if credit.note else "."
                )
            add(
                f"cast-{credit.character}",
                "cast",
                statement,
                [*names, "cast", "plays", "in it"],
                credit.source,
                credit.as_of,
            )
        else:
            grouped.setdefault(credit.role, []).append(credit)

    for role, credits in grouped.items():
        named = [people[credit.person or ""] for credit in credits]
        names = [person.name for person in named]
        keywords = [alias for person in named for alias in (person.name, *person.aliases)]
        source, as_of = credits[0].source, max(credit.as_of for credit in credits)
        if role == "director":
            works = [
                f"{work.title} ({work.year})" if work.year else work.title
                for person in named
                for work in person.known_for
            ]
            statement = f"{title} is directed by {_join(names)}"
            statement += f", whose earlier films include {_join(works)}." if works else "."
            add("crew-director", "crew", statement, [*keywords, "director", *works], source, as_of)
        elif role == "writer":
            statement = f"{title} is written by {_join(names)}."
            add("crew-writer", "crew", statement, [*keywords, "writer", "screenplay"], source, as_of)
        elif role == "creator":
            note = credits[0].note
            statement = f"{_join(names)} created {film.series}" + (f" and {note}." if note else ".")
            add("crew-creator", "crew", statement, [*keywords, "creator"], source, as_of)
        elif role == "executive-producer":
            statement = f"The executive producers of {title} are {_join(names)}."
            add(
                "crew-executive-producers",
                "crew",
                statement,
                [*keywords, "executive producer"],
                source,
                as_of,
            )

    for event in dataset.events:
        if event.kind == "release":
            continue  # the release fact below says the same, and knows whether the date is exact
        when = describe_partial_date(event.date_text)
        statement = f"{event.title} ({when}): {event.summary}"
        add(
            f"event-{event.slug}",
            "timeline",
            statement,
            [event.title, event.kind, "when", "date"],
            event.source,
            event.as_of,
        )

    release = dataset.release
    wording = release.date.describe()
    exact = "" if release.date.is_dated else "; the exact date has not been announced"
    add(
        "release",
        "release",
        f"{title} is due to be released on {release.platform} {wording}{exact}.",
        ["release", "when", "date", "watch", "where", release.platform, "come out", "premiere", "stream"],
        release.source,
        release.as_of,
    )
    if film.episode_number:
        previous = f', following "{film.previous_episode}"' if film.previous_episode else ""
        add(
            "episode-number",
            "film",
            f"{title} is episode {film.episode_number} of {film.series}{previous}.",
            ["episode", "number", "previous", "before", "last episode"],
            film.source,
            film.as_of,
        )
    return facts


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
