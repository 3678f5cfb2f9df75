"""The knowledge service: importing the data file and answering the structured fan questions.

Everything returned here is a plain dataclass carrying its source, so the Discord cogs and the command line
render the same answers.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from bot.db.knowledge import DataImport, FactRow, KnowledgeRepository, entity_key
from bot.domain.dataset import Credit, Dataset
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
from bot.i18n import SOURCE_LANGUAGE
from bot.services.attributes import fact_attributes
from bot.services.countdown import release_statement, upcoming_status
from bot.services.language import fold, index_terms, words

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


def describe_import(data_import: DataImport) -> str:
    """When an import was made, as owners read it: '2026-01-02 09:30 UTC'."""
    return f"{data_import.imported_at:%Y-%m-%d %H:%M} UTC"


@dataclass(frozen=True, slots=True)
class OutsideImport:
    """A newer import than the one this process last loaded, made by another process (``db import``)."""

    previous: DataImport
    current: DataImport
    release_before: ReleaseDate | None  # what this process had been using, if it had read it
    release_after: ReleaseDate | None

    def describe(self) -> str:
        text = (
            f"Picked up a newer import made outside the bot (such as python -m bot db import) on "
            f"{describe_import(self.current)}: data version {self.previous.version} → "
            f"{self.current.version}."
        )
        before, after = self.release_before, self.release_after
        if before is not None and after is not None and before.key() != after.key():
            text += f" Release: {before.describe()} → {after.describe()}."
        return text


@dataclass(frozen=True, slots=True)
class ReloadReport:
    """What /reload-data (and the start) did: a newer import picked up from the database, then the file."""

    imported: ImportReport
    picked_up: OutsideImport | None = None

    def describe(self) -> str:
        lines = [self.picked_up.describe()] if self.picked_up else []
        return "\n".join([*lines, self.imported.describe()])


def _read_and_derive(path: Path) -> tuple[Dataset, list[FactRow]]:
    """The data file parsed and checked, and the facts derived from it (DatasetError if it is malformed)."""
    # The parser (and tomllib) is loaded only when there is something to import: a running bot whose data did
    # not change never holds it in memory.
    from bot.services.dataset import load_dataset

    dataset = load_dataset(path)
    return dataset, derive_facts(dataset)


def is_data_file_error(error: BaseException) -> bool:
    """True for a malformed data file (DatasetError). Its module, and tomllib, load only when a file is read,
    so callers that only catch it ask here instead of importing it."""
    from bot.services.dataset import DatasetError

    return isinstance(error, DatasetError)


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""  # unreadable: let the import itself report it, naming the file


class KnowledgeService:
    """Reads are memoised: the knowledge only changes through an import, by :meth:`import_file` or by another
    process (noticed by :meth:`catch_up`), and both clear the memo, so commands and the announcement sender do
    not go to the database for the same rows again and again."""

    def __init__(self, repository: KnowledgeRepository) -> None:
        self._repository = repository
        self._memo: dict[tuple[str, ...], Any] = {}
        # Bumped whenever the memo is dropped for newer data, so callers can key their own caches on it.
        self.version = 0
        # The import the memo (and every cache keyed on ``version``) reflects; None until first looked at.
        self.loaded_import: DataImport | None = None
        # An import and a catch-up must not interleave: each would take the other's import for an outside one.
        self._importing = asyncio.Lock()

    async def _remember(self, key: tuple[str, ...], load: Callable[[], Awaitable[T]]) -> T:
        if key in self._memo:
            return self._memo[key]
        version = self.version
        value = await load()
        if self.version == version:  # not read from data that an import replaced meanwhile
            self._memo[key] = value
        return value

    def _follow(self, latest: DataImport | None) -> None:
        """Drop everything read so far: the database now holds ``latest``."""
        self._memo.clear()
        self.version += 1
        self.loaded_import = latest

    async def catch_up(self) -> OutsideImport | None:
        """Follow a newer import made by another process since this one last loaded the data.

        One small read; returns what changed, or None when the database holds what this process last loaded
        (or when this is the first look, which only notes the import the process starts from).
        """
        async with self._importing:
            latest = await self._repository.latest_import()
            previous = self.loaded_import
            if latest is None or (previous is not None and latest.id == previous.id):
                return None
            remembered = self._memo.get(("release",))
            self._follow(latest)
            if previous is None:
                return None
            try:
                after: ReleaseDate | None = (await self.release()).date
            except KnowledgeMissingError:
                after = None
            before = remembered.date if isinstance(remembered, ReleaseInfo) else None
            change = OutsideImport(previous, latest, before, after)
        log.info(change.describe())
        return change

    # --- import -------------------------------------------------------------------------------------------
    async def import_file(self, path: Path, *, force: bool = False) -> ImportReport:
        """Load the data file into the database in one transaction, unless it is unchanged since last time.

        Raises DatasetError (naming the file, entry and problem) and leaves the database as it was.
        """
        async with self._importing:
            return await self._import_file(path, force=force)

    async def _import_file(self, path: Path, *, force: bool) -> ImportReport:
        # Reading, parsing, checking and deriving the facts run in a thread: a data file with thousands of
        # entries takes seconds, and the bot must keep answering meanwhile. The write runs on the database's
        # own thread, in one transaction.
        if (
            not force
            and await asyncio.to_thread(_digest, path) == await self._repository.last_import_digest()
        ):
            return ImportReport(path, changed=False, counts={})
        dataset, facts = await asyncio.to_thread(_read_and_derive, path)
        counts = {
            "people": len(dataset.people),
            "credits": len(dataset.credits),
            "timeline events": len(dataset.events),
            "facts": len(facts),
        }
        await self._repository.replace_all(dataset, facts, summary=repr(counts))
        self._follow(await self._repository.latest_import())
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

    async def fact_translations(self, language: str) -> dict[str, str]:
        """Fact slug -> its statement in ``language`` (a catalog code); empty for English, the source."""
        if language == SOURCE_LANGUAGE:
            return {}
        return await self._remember(
            ("fact_translations", language), lambda: self._repository.fact_translations(language)
        )

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
        return list(await self._remember(("timeline",), self._load_timeline))

    async def _load_timeline(self) -> list[TimelineEvent]:
        """The events in date order; the release event dated by the release itself (the data file's
        ``[release]``, which /kb release moves), not by the event's own copy of the date."""
        events = await self._repository.timeline()
        try:
            release = (await self.release()).date
        except KnowledgeMissingError:
            return events
        if release.month is None:
            when, precision = f"{release.year}", "year"
        elif release.release_day is None:
            when, precision = f"{release.year}-{release.month:02d}", "month"
        else:
            when, precision = release.release_day.isoformat(), "day"
        dated = [
            replace(event, date_text=when, precision=precision) if event.kind == "release" else event
            for event in events
        ]
        return sorted(dated, key=lambda event: event.date_text)  # stable: same-day events keep their order

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
_NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)
WHO, WHEN, WHERE, WHY, HOW_MANY, WHAT, WHETHER, WHICH = (
    "who",
    "when",
    "where",
    "why",
    "how-many",
    "what",
    "whether",
    "which",
)
_DESCRIBES = (WHAT, WHETHER, WHICH)


def _count(number: int) -> str:
    return _NUMBER_WORDS[number] if number < len(_NUMBER_WORDS) else str(number)


def derive_facts(dataset: Dataset) -> list[FactRow]:
    """Every field of the data file as answerable statements for /ask, each linked to the entities it is
    about and the kinds of question it answers: the authored facts, the film's own fields, the release, each
    source material, credit, person, work and timeline event, and lists (the cast, the friends expected back,
    the executive producers) so a list question gets one complete answer."""
    film = dataset.film
    title = film.title
    people, characters = dataset.people, dataset.characters
    facts: list[FactRow] = []
    # Names -> entity ids, to link a statement to whoever it names; works too, so "Still Alice" is the film
    # and not Alice Oseman.
    named: list[tuple[tuple[str, ...], str]] = sorted(
        [
            (tuple(words(name)), slug)
            for table in (people, characters)
            for slug, entry in table.items()
            for name in (entry.name, *entry.aliases)
        ]
        + [
            (tuple(words(work.title)), entity_key("work", work.title))
            for person in people.values()
            for work in person.known_for
        ],
        key=lambda item: -len(item[0]),
    )

    # Each name's place in ``named`` (longest first), found by its words: a statement is then matched by
    # looking up its word runs of each name length, not by trying every name (thousands in a large file).
    by_words: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for rank, (name, slug) in enumerate(named):
        if name:
            by_words.setdefault(name, []).append((rank, slug))
    name_lengths = sorted({len(name) for name in by_words})
    name_texts = {fold(" ".join(name)) for name, _ in named} | {fold(name) for name in (title, *film.aliases)}

    def names_in(text: str) -> list[str]:
        tokens = words(text)
        matches = [
            (rank, start, size, slug)
            for size in name_lengths
            for start in range(len(tokens) - size + 1)
            for rank, slug in by_words.get(tuple(tokens[start : start + size]), ())
        ]
        # Longest names first, then in their order, then left to right: a word belongs to one name only.
        used: set[int] = set()
        found: set[str] = set()
        for _, start, size, slug in sorted(matches):
            span = set(range(start, start + size))
            if not span & used:
                used |= span
                found.add(slug)
        return sorted(found)

    def add(
        slug: str,
        topic: str,
        statement: str,
        keywords: Sequence[str],
        source: str,
        as_of: date,
        *,
        asks: Sequence[str] = _DESCRIBES,
        entities: Sequence[str] = (),
        questions: Sequence[str] = (),
        translations: Sequence[tuple[str, str]] = (),
    ) -> None:
        # A name is not a concept: "Nick's boyfriend" (Charlie) says nothing about anyone's personal life.
        concept_terms = index_terms(
            [statement, *(k for k in keywords if fold(k) not in name_texts), *questions]
        )
        linked = sorted({*entities, *names_in(statement)})
        facts.append(
            FactRow(
                slug=slug,
                topic=topic,
                statement=statement,
                # Three parts, so the answerer can tell example questions apart: keywords || questions || concepts
                keywords=" || ".join(
                    [
                        " ".join(keywords),
                        " ".join(f"{question.rstrip('?')}?" for question in questions),
                        concept_terms,
                    ]
                ),
                source_slug=source,
                as_of=as_of.isoformat(),
                entities=tuple(linked),
                asks=tuple(dict.fromkeys(asks)),
                translations=tuple(translations),
            )
        )

    for fact in dataset.facts:
        add(
            fact.slug,
            fact.topic,
            fact.statement,
            fact.keywords,
            fact.source,
            fact.as_of,
            asks=fact.asks,
            questions=fact.questions,
            translations=fact.translations,
        )

    # --- the film's own fields ---
    film_names = [title, *film.aliases]
    if film.kind:
        instead = f", made instead of {film.instead_of}" if film.instead_of else ""
        add(
            "film-format",
            "film",
            f"{title} is a {film.kind}{instead}.",
            [*film_names, "format", "movie", "film", "tv movie", "not a season"],
            film.source,
            film.as_of,
            questions=["is it a movie or a season", "is it a film or a series"],
        )
    if film.role_in_series:
        add(
            "film-role",
            "film",
            f"{title} is {film.role_in_series}: the last episode of the show.",
            [*film_names, "finale", "final", "last one", "ending"],
            film.source,
            film.as_of,
            questions=["is it the last one", "is this the end of the show"],
        )
    if film.genre:
        add(
            "film-genre",
            "film",
            f"{title} is a {film.genre}, like the {film.series} series.",
            [*film_names, "genre", "kind of film", "type of film"],
            film.source,
            film.as_of,
            questions=["what genre is it"],
        )
    add(
        "film-title",
        "film",
        f"The film is called {title}"
        + (f"; fans also call it {_join(film.aliases[:2])}." if film.aliases else "."),
        [*film_names, "title", "name", "called"],
        film.source,
        film.as_of,
        questions=["what is the film called", "what is the title"],
    )
    add(
        "synopsis",
        "story",
        film.synopsis,
        [
            *film_names,
            "plot",
            "story",
            "synopsis",
            "premise",
            "storyline",
            "summary",
            "what happens",
            "what is it about",
        ],
        film.source,
        film.as_of,
        asks=[*_DESCRIBES, WHERE, WHO],
        questions=["what is it about", "where does it pick up", "where is nick going"],
    )
    if film.episode_number:
        add(
            "episode-number",
            "film",
            f"{title} is episode {film.episode_number} of {film.series}.",
            ["episode", "number", "which episode", "episode number", "in order", "numbered"],
            film.source,
            film.as_of,
            asks=_DESCRIBES,  # its number, not how many episodes there are
            questions=["what number episode is it", "which episode in the order is the film"],
        )
    if film.previous_episode:
        add(
            "previous-episode",
            "film",
            f'The episode before {title} is "{film.previous_episode}".',
            ["episode", "previous episode", "before", "last episode before", "came before", "name", "called"],
            film.source,
            film.as_of,
            questions=[
                "which episode leads into the film",
                "what was the last episode of the third season",
                "what episode comes right before the movie",
            ],
        )

    # --- the release ---
    release = dataset.release
    release_words = ["release", "date", "watch", release.platform, "come out", "stream"]
    if release.date.is_dated:
        release_words.append("exact")
    if str(release.date.precision) != "year":
        release_words.append("which month")
    if str(release.date.precision) == "instant":
        release_words.append("time of day")
    add(
        "release",
        "release",
        # In the future tense; /ask restates it in the tense of the day it is asked (restate_release).
        release_statement(title, release.platform, upcoming_status(release.date)),
        release_words,
        release.source,
        release.as_of,
        asks=[*_DESCRIBES, WHEN, WHERE],
        questions=["when does it come out", "where can i watch it", "is it out yet"],
    )
    if release.platform_url:
        # "is there a netflix link yet": the page the release-day announcement links to
        add(
            "release-link",
            "link",
            f"The link to {title} on {release.platform}: {release.platform_url}",
            ["link", "links", "url", "web page", "netflix page", "netflix link", "website"],
            release.source,
            release.as_of,
            asks=[*_DESCRIBES, WHERE],
            questions=["is there a link to watch it", "what is the netflix link"],
        )

    # --- the source material ---
    for material in dataset.source_materials:
        by = f" by {material.author}" if material.author else ""
        note = f": {material.note}" if material.note else ""
        authors = [slug for slug, person in people.items() if material.author == person.name]
        # "is it based on the last book?": the whole answer names what else it adapts
        others = [other.title for other in dataset.source_materials if other is not material]
        together = f" It also adapts {_join(others)}." if others else ""
        add(
            entity_key("material", material.title),
            "film",
            f"{title} adapts {material.title}, a {material.kind}{by}{note}.{together}",
            [material.title, *material.aliases, material.kind, "based on", "adapts"],
            material.source,
            material.as_of,
            asks=[*_DESCRIBES, WHO, HOW_MANY],
            entities=[entity_key("material", material.title), *authors],
        )

    # --- credits: one fact per cast member, one per crew role, and the lists ---
    grouped: dict[str, list[Credit]] = {}
    confirmed_cast: list[Credit] = []
    expected_cast: list[Credit] = []
    for credit in dataset.credits:
        if credit.role != "cast":
            grouped.setdefault(credit.role, []).append(credit)
            continue
        character = characters[credit.character or ""]
        names = [character.name, *character.aliases]
        entities = [character.slug]
        if credit.person:
            actor = people[credit.person]
            names += [actor.name, *actor.aliases]
            entities.append(actor.slug)
            reprise = ", reprising the role from the series" if credit.reprises else ""
            statement = f"{actor.name} plays {character.name} in {title}{reprise} ({credit.status})."
            if credit.status != "confirmed":
                statement = f"{actor.name} is {credit.status} to play {character.name} in {title}."
            asks: Sequence[str] = (*_DESCRIBES, WHO)
            (confirmed_cast if credit.status == "confirmed" else expected_cast).append(credit)
        else:
            verb = "is expected to return" if credit.status == "expected" else "appears"
            statement = (
                f"{character.name} {verb} in {title} ({credit.status}); the actor has not been announced yet."
            )
            asks = _DESCRIBES  # no actor named: it cannot answer "who plays ...?"
            expected_cast.append(credit)
        add(
            f"cast-{credit.character}",
            "cast",
            statement,
            [*names, "cast", "plays", "in it", "back", "coming back", "return", "returning"],
            credit.source,
            credit.as_of,
            asks=asks,
            entities=entities,
        )
    if confirmed_cast:
        pairs = [
            f"{people[c.person or ''].name} as {characters[c.character or ''].name}" for c in confirmed_cast
        ]
        add(
            "cast-confirmed",
            "cast",
            f"The confirmed cast of {title} so far: {_join(pairs)}, each reprising their role from the series.",
            ["cast", "cast list", "who is in it", "stars", "characters", "main characters", "confirmed"],
            confirmed_cast[0].source,
            max(c.as_of for c in confirmed_cast),
            asks=[*_DESCRIBES, WHO, HOW_MANY],
            entities=[slug for c in confirmed_cast for slug in (c.person or "", c.character or "")],
        )
    unnamed = [c for c in expected_cast if not c.person]
    if len(unnamed) > 1:
        who = [characters[c.character or ""].name for c in unnamed]
        note = unnamed[0].note or "their actors have not been announced"
        add(
            "cast-expected",
            "cast",
            f"{_join(who)} ({_count(len(who))} characters) are expected back in {title}, not yet confirmed: {note}.",
            [
                "friends",
                "gang",
                "rest of the cast",
                "who else",
                "others",
                "returning",
                "expected",
                "side characters",
            ],
            unnamed[0].source,
            max(c.as_of for c in unnamed),
            asks=[*_DESCRIBES, WHO, HOW_MANY],
            entities=[c.character or "" for c in unnamed],
            questions=["which friends are coming back", "who else is returning"],
        )

    role_phrases: dict[str, list[str]] = {}
    for role, credits in grouped.items():
        crew = [people[credit.person or ""] for credit in credits]
        names = [person.name for person in crew]
        keywords = [alias for person in crew for alias in (person.name, *person.aliases)]
        source, as_of = credits[0].source, max(credit.as_of for credit in credits)
        slugs = [person.slug for person in crew]
        if role == "director":
            works = [
                f"{work.title} ({work.year})" if work.year else work.title
                for person in crew
                for work in person.known_for
            ]
            statement = f"{title} is directed by {_join(names)}"
            statement += f", whose earlier films include {_join(works)}." if works else "."
            add(
                "crew-director",
                "crew",
                statement,
                [*keywords, "director", *works],
                source,
                as_of,
                asks=[*_DESCRIBES, WHO],
                entities=slugs,
            )
            for person in crew:
                role_phrases.setdefault(person.slug, []).append(f"directs {title}")
        elif role == "writer":
            statement = f"{title} is written by {_join(names)}."
            add(
                "crew-writer",
                "crew",
                statement,
                [*keywords, "writer", "screenplay"],
                source,
                as_of,
                asks=[*_DESCRIBES, WHO],
                entities=slugs,
            )
            for person in crew:
                role_phrases.setdefault(person.slug, []).append(f"is the writer of {title}")
        elif role == "creator":
            note = credits[0].note
            statement = f"{_join(names)} created {film.series}" + (f" and {note}." if note else ".")
            add(
                "crew-creator",
                "crew",
                statement,
                [*keywords, "creator", "author"],
                source,
                as_of,
                asks=[*_DESCRIBES, WHO],
                entities=slugs,
            )
            for person in crew:
                role_phrases.setdefault(person.slug, []).append(f"created {film.series}")
        elif role == "executive-producer":
            statement = f"{title} has {_count(len(names))} executive producers: {_join(names)}."
            add(
                "crew-executive-producers",
                "crew",
                statement,
                [*keywords, "executive producer", "producers"],
                source,
                as_of,
                asks=[*_DESCRIBES, WHO, HOW_MANY],
                entities=slugs,
            )
            for person in crew:
                role_phrases.setdefault(person.slug, []).append(
                    f"is one of its {_count(len(names))} executive producers"
                )
    for credit in confirmed_cast:
        if credit.person:
            role_phrases.setdefault(credit.person, []).insert(
                0, f"plays {characters[credit.character or ''].name}"
            )

    # --- people: what each person does on the film (several credits in one line), and their earlier work ---
    for slug, person in people.items():
        roles = role_phrases.get(slug, [])
        if len(roles) > 1:
            credit_sources = [c for c in dataset.credits if c.person == slug]
            add(
                f"person-{slug}",
                "crew",
                f"{person.name} {_join(roles)}.",
                [person.name, *person.aliases, "role", "roles", "does", "involved"],
                credit_sources[0].source,
                max(c.as_of for c in credit_sources),
                asks=[*_DESCRIBES, WHO, HOW_MANY],  # "how many roles does alice have": counted from the list
                entities=[slug],
            )
        if person.known_for:
            works = [f"{work.title} ({work.year})" if work.year else work.title for work in person.known_for]
            credit = next((c for c in dataset.credits if c.person == slug), None)
            add(
                f"known-for-{slug}",
                "works",
                f"{person.name} is known for {_join(works)}.",
                [person.name, *person.aliases, "known for", "earlier films", "other films"],
                credit.source if credit else film.source,
                credit.as_of if credit else film.as_of,
                asks=[*_DESCRIBES, WHO, WHEN],
                entities=[slug, *(entity_key("work", work.title) for work in person.known_for)],
            )

    # --- the timeline ---
    for event in dataset.events:
        if event.kind == "release":
            continue  # the release fact says the same, and knows whether the date is exact
        when = describe_partial_date(event.date_text)
        statement = f"{event.title} ({when}): {event.summary}"
        event_asks = [*_DESCRIBES, WHEN]
        if names_in(event.summary) or "cast" in event.summary.lower():
            event_asks.append(WHO)
        if fact_attributes(event.summary).places:
            event_asks.append(WHERE)  # "announced online": where it happened is part of what it says
        add(
            f"event-{event.slug}",
            "timeline",
            statement,
            [
                event.title,
                event.kind,
                "date",
                *(["exact"] if event.precision == "day" else []),
                *(["which month"] if event.precision in ("day", "month") else []),
                *_date_words(event.date_text),
            ],
            event.source,
            event.as_of,
            asks=event_asks,
            questions=event.questions,
        )
    filming = [e for e in dataset.events if e.kind == "filming" and len(e.date_text) == 10]
    wraps = [e for e in dataset.events if e.kind == "wrap" and len(e.date_text) == 10]
    if filming and wraps:
        began, ended = min(filming, key=lambda e: e.date_text), max(wraps, key=lambda e: e.date_text)
        days = (date.fromisoformat(ended.date_text) - date.fromisoformat(began.date_text)).days
        add(
            "filming-period",
            "timeline",
            f"Filming ran from {describe_partial_date(began.date_text)} to {describe_partial_date(ended.date_text)}, "
            f"about {_count(round(days / 7))} weeks.",
            ["how long", "duration", "weeks", "filming", "lasted", "last"],
            ended.source,
            max(began.as_of, ended.as_of),
            asks=[*_DESCRIBES, WHEN, HOW_MANY],
            questions=["how long did filming last", "how many weeks did they film"],
        )

    # --- where the notes come from ---
    titles = [source.title for source in dataset.sources.values()]
    first = next(iter(dataset.sources.values()))
    add(
        "sources",
        "about",
        f"My notes come from {_join(titles)}; every answer names its source and as-of date.",
        ["sources", "info from", "information", "where do you get"],
        first.slug,
        max(source.as_of for source in dataset.sources.values()),
        asks=[*_DESCRIBES, WHERE],
        questions=["where do you get your info from"],
    )
    return facts


def _date_words(text: str) -> list[str]:
    """Other ways fans write an event's date ("june 9", "9th june"), so "what happened on june 9" finds it."""
    parts = [int(part) for part in text.split("-")]
    if len(parts) < 3:
        return []
    month = date(parts[0], parts[1], 1).strftime("%B")
    return [f"{month} {parts[2]}", f"{parts[2]} {month}"]


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
