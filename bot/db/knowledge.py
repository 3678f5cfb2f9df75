"""SQL for the knowledge base: replacing it from an import, and the reads the fan commands need."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import aiosqlite

from bot.db.database import Database
from bot.domain.dataset import Dataset, SourceMaterial
from bot.domain.knowledge import ReleaseInfo, SourceRef, TimelineEvent
from bot.domain.release import ReleaseDate


@dataclass(frozen=True, slots=True)
class FactRow:
    """A fact ready to store: the statement, its index keywords and where it comes from.

    ``keywords`` is the searchable text besides the statement (aliases, example questions, concept terms);
    ``entities`` are the ids of the people, characters and works it is about, and ``asks`` the kinds of
    question it answers (who, when, where, why, how-many, what, whether, which).
    """

    slug: str
    topic: str
    statement: str
    keywords: str
    source_slug: str
    as_of: str
    entities: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()
    #: The statement in other languages: (catalog code, text).
    translations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class FactMatch:
    """A stored fact found by a full-text search."""

    id: int
    slug: str
    statement: str
    keywords: str
    source: SourceRef
    topic: str = ""
    entities: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """Something a question can name: a person, a character, a work or a source material, with its names."""

    key: str
    kind: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CreditRecord:
    """A credit with the names (and aliases) of its person and character, when it has them."""

    role: str
    status: str
    reprises: bool
    note: str | None
    person_slug: str | None
    person_name: str | None
    person_aliases: tuple[str, ...]
    character_name: str | None
    character_aliases: tuple[str, ...]
    source: SourceRef


@dataclass(frozen=True, slots=True)
class PersonWork:
    """One of the earlier works a person is known for."""

    person_slug: str
    title: str
    year: int | None


@dataclass(frozen=True, slots=True)
class FilmRecord:
    title: str
    series: str
    kind: str
    role_in_series: str | None
    instead_of: str | None
    episode_number: int | None
    previous_episode: str | None
    synopsis: str
    source: SourceRef


@dataclass(frozen=True, slots=True)
class DataImport:
    """One import of the data file, by this process or another (``python -m bot db import``)."""

    id: int
    file_sha256: str
    imported_at: datetime

    @property
    def version(self) -> str:
        """The data version people see (logs, /reload-data, `python -m bot check`): the file's SHA-256 start."""
        return self.file_sha256[:12]


class KnowledgeRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    # --- import -------------------------------------------------------------------------------------------
    async def last_import_digest(self) -> str | None:
        latest = await self.latest_import()
        return latest.file_sha256 if latest else None

    async def latest_import(self) -> DataImport | None:
        """The newest import, whoever made it: one indexed row, cheap enough to poll."""
        row = await self.database.fetch_one(
            "SELECT id, file_sha256, imported_at FROM data_imports ORDER BY id DESC LIMIT 1"
        )
        if row is None:
            return None
        return DataImport(row["id"], row["file_sha256"], datetime.fromisoformat(row["imported_at"]))

    async def replace_all(self, dataset: Dataset, facts: Sequence[FactRow], summary: str) -> None:
        """Swap the whole knowledge base for the dataset's, atomically (one transaction)."""
        async with self.database.transaction() as db:
            for table in (
                "fact_translations",
                "fact_entities",
                "fact_asks",
                "facts",
                "credits",
                "timeline_events",
                "source_materials",
                "releases",
                "person_works",
                "outside_works",
                "people",
                "characters",
                "films",
                "sources",
            ):
                await db.execute(f"DELETE FROM {table}")
            source_ids: dict[str, int] = {}
            for source in dataset.sources.values():
                cursor = await db.execute(
                    "INSERT INTO sources (slug, title, publisher, url, published_on, as_of) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        source.slug,
                        source.title,
                        source.publisher,
                        source.url,
                        source.published_on.isoformat() if source.published_on else None,
                        source.as_of.isoformat(),
                    ),
                )
                source_ids[source.slug] = _rowid(cursor)
            film = dataset.film
            cursor = await db.execute(
                """INSERT INTO films (title, series, episode_number, previous_episode, kind, role_in_series,
                       instead_of, genre, synopsis, source_id, as_of)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    film.title,
                    film.series,
                    film.episode_number,
                    film.previous_episode,
                    film.kind,
                    film.role_in_series,
                    film.instead_of,
                    film.genre,
                    film.synopsis,
                    source_ids[film.source],
                    film.as_of.isoformat(),
                ),
            )
            film_id = _rowid(cursor)
            release = dataset.release
            await db.execute(
                """INSERT INTO releases (film_id, platform, platform_url, release_on, precision, timezone, status,
                       source_id, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    film_id,
                    release.platform,
                    release.platform_url,
                    release.date_text,
                    str(release.date.precision),
                    release.timezone,
                    release.status,
                    source_ids[release.source],
                    release.as_of.isoformat(),
                ),
            )
            await db.executemany(
                """INSERT INTO source_materials (film_id, title, kind, author, note, aliases, source_id, as_of)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        film_id,
                        m.title,
                        m.kind,
                        m.author,
                        m.note,
                        ",".join(m.aliases),
                        source_ids[m.source],
                        m.as_of.isoformat(),
                    )
                    for m in dataset.source_materials
                ],
            )
            person_ids: dict[str, int] = {}
            for person in dataset.people.values():
                cursor = await db.execute(
                    "INSERT INTO people (slug, name, aliases) VALUES (?, ?, ?)",
                    (person.slug, person.name, ",".join(person.aliases)),
                )
                person_ids[person.slug] = _rowid(cursor)
                await db.executemany(
                    "INSERT INTO person_works (person_id, title, year) VALUES (?, ?, ?)",
                    [(person_ids[person.slug], work.title, work.year) for work in person.known_for],
                )
            await db.executemany(
                "INSERT INTO outside_works (title) VALUES (?)", [(title,) for title in dataset.outside_works]
            )
            character_ids: dict[str, int] = {}
            for character in dataset.characters.values():
                cursor = await db.execute(
                    "INSERT INTO characters (slug, name, aliases) VALUES (?, ?, ?)",
                    (character.slug, character.name, ",".join(character.aliases)),
                )
                character_ids[character.slug] = _rowid(cursor)
            await db.executemany(
                """INSERT INTO credits (film_id, role, person_id, character_id, status, reprises, note, source_id,
                       as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        film_id,
                        c.role,
                        person_ids.get(c.person or ""),
                        character_ids.get(c.character or ""),
                        c.status,
                        int(c.reprises),
                        c.note,
                        source_ids[c.source],
                        c.as_of.isoformat(),
                    )
                    for c in dataset.credits
                ],
            )
            await db.executemany(
                """INSERT INTO timeline_events (film_id, slug, happened_on, precision, kind, title, summary,
                       source_id, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        film_id,
                        e.slug,
                        e.date_text,
                        e.precision,
                        e.kind,
                        e.title,
                        e.summary,
                        source_ids[e.source],
                        e.as_of.isoformat(),
                    )
                    for e in dataset.events
                ],
            )
            await db.executemany(
                "INSERT INTO facts (slug, topic, statement, keywords, source_id, as_of) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (f.slug, f.topic, f.statement, f.keywords, source_ids[f.source_slug], f.as_of)
                    for f in facts
                ],
            )
            await db.executemany(
                "INSERT INTO fact_entities (fact_id, entity) SELECT id, ? FROM facts WHERE slug = ?",
                [(entity, f.slug) for f in facts for entity in dict.fromkeys(f.entities)],
            )
            await db.executemany(
                "INSERT INTO fact_asks (fact_id, kind) SELECT id, ? FROM facts WHERE slug = ?",
                [(kind, f.slug) for f in facts for kind in dict.fromkeys(f.asks)],
            )
            await db.executemany(
                "INSERT INTO fact_translations (fact_id, language, statement) SELECT id, ?, ? FROM facts WHERE slug = ?",
                [(language, text, f.slug) for f in facts for language, text in f.translations],
            )
            await db.execute(
                "INSERT INTO data_imports (file_sha256, imported_at, summary) VALUES (?, ?, ?)",
                (dataset.sha256, datetime.now(UTC).isoformat(timespec="seconds"), summary),
            )

    # --- reads --------------------------------------------------------------------------------------------
    async def fact_translations(self, language: str) -> dict[str, str]:
        """Fact slug -> its statement in ``language`` (a catalog code), for the facts the data file translates."""
        rows = await self.database.fetch_all(
            """SELECT f.slug, t.statement FROM fact_translations t JOIN facts f ON f.id = t.fact_id
               WHERE t.language = ?""",
            (language,),
        )
        return {row["slug"]: row["statement"] for row in rows}

    async def film(self) -> FilmRecord | None:
        row = await self.database.fetch_one(
            f"""SELECT f.*, {_SOURCE_COLUMNS} FROM films f JOIN sources s ON s.id = f.source_id
                ORDER BY f.id LIMIT 1"""
        )
        if row is None:
            return None
        return FilmRecord(
            title=row["title"],
            series=row["series"],
            kind=row["kind"],
            role_in_series=row["role_in_series"],
            instead_of=row["instead_of"],
            episode_number=row["episode_number"],
            previous_episode=row["previous_episode"],
            synopsis=row["synopsis"],
            source=_source(row),
        )

    async def release(self) -> ReleaseInfo | None:
        row = await self.database.fetch_one(
            f"""SELECT r.*, f.title AS film_title, {_SOURCE_COLUMNS}
                FROM releases r JOIN films f ON f.id = r.film_id JOIN sources s ON s.id = r.source_id
                ORDER BY r.film_id LIMIT 1"""
        )
        if row is None:
            return None
        return ReleaseInfo(
            film_title=row["film_title"],
            platform=row["platform"],
            platform_url=row["platform_url"],
            date=ReleaseDate.parse(row["release_on"], row["timezone"]),
            status=row["status"],
            source=_source(row),
        )

    async def source_materials(self) -> list[SourceMaterial]:
        rows = await self.database.fetch_all(
            """SELECT m.title, m.kind, m.author, m.note, m.aliases, m.as_of, s.slug AS source_slug
               FROM source_materials m JOIN sources s ON s.id = m.source_id ORDER BY m.id"""
        )
        return [
            SourceMaterial(
                title=row["title"],
                kind=row["kind"],
                source=row["source_slug"],
                as_of=date.fromisoformat(row["as_of"]),
                author=row["author"],
                note=row["note"],
                aliases=_aliases(row["aliases"]),
            )
            for row in rows
        ]

    async def credits(self, roles: Sequence[str] | None = None) -> list[CreditRecord]:
        """Credits with person and character names, in data-file order; optionally only some roles."""
        where = ""
        parameters: tuple[str, ...] = ()
        if roles:
            where = f"WHERE c.role IN ({', '.join('?' for _ in roles)})"
            parameters = tuple(roles)
        rows = await self.database.fetch_all(
            f"""SELECT c.role, c.status, c.reprises, c.note, c.as_of,
                       p.slug AS person_slug, p.name AS person_name, p.aliases AS person_aliases,
                       ch.name AS character_name, ch.aliases AS character_aliases,
                       {_SOURCE_COLUMNS}
                FROM credits c
                LEFT JOIN people p ON p.id = c.person_id
                LEFT JOIN characters ch ON ch.id = c.character_id
                JOIN sources s ON s.id = c.source_id
                {where}
                ORDER BY c.id""",
            parameters,
        )
        return [
            CreditRecord(
                role=row["role"],
                status=row["status"],
                reprises=bool(row["reprises"]),
                note=row["note"],
                person_slug=row["person_slug"],
                person_name=row["person_name"],
                person_aliases=_aliases(row["person_aliases"]),
                character_name=row["character_name"],
                character_aliases=_aliases(row["character_aliases"]),
                source=_source(row),
            )
            for row in rows
        ]

    async def person_works(self) -> list[PersonWork]:
        rows = await self.database.fetch_all(
            """SELECT p.slug AS person_slug, w.title, w.year FROM person_works w JOIN people p ON p.id = w.person_id
               ORDER BY w.id"""
        )
        return [PersonWork(row["person_slug"], row["title"], row["year"]) for row in rows]

    async def timeline(self) -> list[TimelineEvent]:
        rows = await self.database.fetch_all(
            f"""SELECT e.*, {_SOURCE_COLUMNS} FROM timeline_events e JOIN sources s ON s.id = e.source_id
                ORDER BY e.happened_on, e.id"""
        )
        return [
            TimelineEvent(
                date_text=row["happened_on"],
                precision=row["precision"],
                kind=row["kind"],
                title=row["title"],
                summary=row["summary"],
                source=_source(row),
                slug=row["slug"],
            )
            for row in rows
        ]

    async def rank_facts(self, match_expression: str, limit: int) -> list[int]:
        """The ids of the facts matching an FTS5 expression, best first (bm25, keywords weighted above the
        statement): the FTS table alone, so a caller that already holds the facts reads nothing else."""
        rows = await self.database.fetch_all(
            "SELECT rowid FROM facts_fts WHERE facts_fts MATCH ? ORDER BY bm25(facts_fts, 1.0, 2.5) LIMIT ?",
            (match_expression, limit),
        )
        return [int(row[0]) for row in rows]

    async def facts_by_id(self, ids: Sequence[int]) -> list[FactMatch]:
        """The facts with these ids, each with its source, entities and the kinds of question it answers."""
        if not ids:
            return []
        placeholders = ", ".join("?" for _ in ids)
        rows = await self.database.fetch_all(
            f"""SELECT f.id, f.slug, f.topic, f.statement, f.keywords, f.as_of, {_SOURCE_COLUMNS},
                       (SELECT json_group_array(entity) FROM
                           (SELECT entity FROM fact_entities WHERE fact_id = f.id ORDER BY entity)) AS entities,
                       (SELECT json_group_array(kind) FROM
                           (SELECT kind FROM fact_asks WHERE fact_id = f.id ORDER BY kind)) AS asks
                FROM facts f JOIN sources s ON s.id = f.source_id
                WHERE f.id IN ({placeholders})""",
            tuple(ids),
        )
        return [
            FactMatch(
                row["id"],
                row["slug"],
                row["statement"],
                row["keywords"],
                _source(row),
                row["topic"],
                tuple(json.loads(row["entities"])),
                tuple(json.loads(row["asks"])),
            )
            for row in rows
        ]

    async def entities(self) -> list[EntityRecord]:
        """Everyone and everything a question can name, with aliases: people, characters, works, materials."""
        records: list[EntityRecord] = []
        for row in await self.database.fetch_all("SELECT slug, name, aliases FROM people ORDER BY id"):
            records.append(EntityRecord(row["slug"], "person", (row["name"], *_aliases(row["aliases"]))))
        for row in await self.database.fetch_all("SELECT slug, name, aliases FROM characters ORDER BY id"):
            records.append(EntityRecord(row["slug"], "character", (row["name"], *_aliases(row["aliases"]))))
        for row in await self.database.fetch_all("SELECT DISTINCT title FROM person_works ORDER BY id"):
            records.append(EntityRecord(entity_key("work", row["title"]), "work", (row["title"],)))
        for row in await self.database.fetch_all("SELECT title, aliases FROM source_materials ORDER BY id"):
            names = (row["title"], *_aliases(row["aliases"]))
            records.append(EntityRecord(entity_key("material", row["title"]), "material", names))
        for row in await self.database.fetch_all("SELECT title FROM outside_works ORDER BY id"):
            records.append(EntityRecord(entity_key("outside", row["title"]), "outside", (row["title"],)))
        return records

    async def fact_count(self) -> int:
        row = await self.database.fetch_one("SELECT count(*) FROM facts")
        return int(row[0]) if row else 0

    async def vocabulary(self) -> list[str]:
        """The text of every fact (statement and keywords): the source of the typo-repair vocabulary."""
        rows = await self.database.fetch_all("SELECT statement, keywords FROM facts")
        return [f"{row['statement']} {row['keywords']}" for row in rows]


def entity_key(kind: str, title: str) -> str:
    """The id of a work or source material, from its title: ("work", "Still Alice") -> "work-still-alice"."""
    return kind + "-" + "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())


# Every read cites the source's title and address, with the as-of date of the entry itself.
_SOURCE_COLUMNS = "s.title AS source_title, s.url AS source_url"


def _source(row: aiosqlite.Row) -> SourceRef:
    return SourceRef(title=row["source_title"], as_of=row["as_of"], url=row["source_url"])


def _aliases(text: str | None) -> tuple[str, ...]:
    return tuple(alias for alias in (text or "").split(",") if alias)


def _rowid(cursor: aiosqlite.Cursor) -> int:
    assert cursor.lastrowid is not None
    return cursor.lastrowid
