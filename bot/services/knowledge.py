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

from bot.db.knowledge import FactRow, KnowledgeRepository
from bot.domain.dataset import Dataset
from bot.domain.knowledge import (
    ROLE_TITLES,
    CastLookup,
    CastMember,
    CrewMember,
    FilmInfo,
    ReleaseInfo,
    TimelineEvent,
    describe_partial_date,
)
from bot.domain.release import ReleaseDate
from bot.services.language import fold, index_terms

log = logging.getLogger(__name__)
T = TypeVar("T")


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


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""  # unreadable: let the import itself report it, naming the file


class KnowledgeService:
    """Reads are memoised: the knowledge only changes through :meth:`import_file`, which clears the memo, so
    commands and the announcement sender do not go to the database for the same rows again and again."""

    def __init__(self, repository: KnowledgeRepository) -> None:
        self._repository = repository
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
        if not force and _digest(path) == await self._repository.last_import_digest():
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
        await self._repository.replace_all(dataset, facts, summary=repr(counts))
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
                character=credit.character_name or "",
                actor=credit.person_name,
                status=credit.status,
                reprises=credit.reprises,
                note=credit.note,
                source=credit.source,
                character_aliases=credit.character_aliases,
                actor_aliases=credit.person_aliases,
            )
            for credit in await self._repository.credits(["cast"])
        ]

    async def _matching_cast(self, query: str) -> list[CastMember]:
        """Cast entries whose actor or character is named by ``query`` (full name or alias, any case)."""
        members = await self.cast()
        wanted = fold(query).strip()
        exact = [member for member in members if _names(member, wanted)]
        if exact:
            return exact
        if len(wanted) < 2:
            return []
        return [
            member
            for member in members
            if wanted in fold(member.character) or (member.actor and wanted in fold(member.actor))
        ]

    async def look_up_cast(self, query: str) -> CastLookup:
        """What /cast shows for ``query``: the entries found, and whom the query named if it found one."""
        members = await self._matching_cast(query)
        if len(members) != 1:
            return CastLookup(tuple(members), named=None)
        (member,) = members
        named_actor = member.actor is not None and fold(query).strip() in fold(member.actor)
        return CastLookup(tuple(members), named=member.actor if named_actor else member.character)

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
        for work in await self._repository.person_works():
            label = f"{work.title} ({work.year})" if work.year else work.title
            works.setdefault(work.person_slug, []).append(label)
        wanted = list(roles) if roles else [role for role in ROLE_TITLES if role != "cast"]
        return [
            CrewMember(
                role=credit.role,
                name=credit.person_name or "",
                status=credit.status,
                note=credit.note,
                known_for=tuple(works.get(credit.person_slug or "", ())),
                source=credit.source,
            )
            for credit in await self._repository.credits(wanted)
        ]

    async def timeline(self) -> list[TimelineEvent]:
        return list(await self._remember(("timeline",), self._repository.timeline))

    async def film(self) -> FilmInfo:
        return await self._remember(("film",), self._load_film)

    async def _load_film(self) -> FilmInfo:
        film = await self._repository.film()
        release = await self.release()
        if film is None:
            raise KnowledgeMissingError("no film in the database; run `python -m bot db import`")
        materials = tuple(
            f"{m.title} ({m.kind}{', by ' + m.author if m.author else ''})"
            for m in await self._repository.source_materials()
        )
        return FilmInfo(
            title=film.title,
            series=film.series,
            kind=film.kind,
            role_in_series=film.role_in_series,
            instead_of=film.instead_of,
            episode_number=film.episode_number,
            previous_episode=film.previous_episode,
            synopsis=film.synopsis,
            source_materials=materials,
            platform=release.platform,
            source=film.source,
        )

    async def release(self) -> ReleaseInfo:
        return await self._remember(("release",), self._load_release)

    async def _load_release(self) -> ReleaseInfo:
        release = await self._repository.release()
        if release is None:
            raise KnowledgeMissingError("no release in the database; run `python -m bot db import`")
        return release

    async def release_date(self) -> ReleaseDate:
        """The current release date; the scheduler's release provider."""
        return (await self.release()).date


def _names(member: CastMember, folded_query: str) -> bool:
    """True when the (folded) query is the member's character or actor name, or one of their aliases."""
    names = [member.character, *member.character_aliases]
    if member.actor:
        names += [member.actor, *member.actor_aliases]
    return any(fold(name) == folded_query for name in names)


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
