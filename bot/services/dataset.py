"""Reading and checking the human-edited data file (data/heartstopper_forever.toml).

The file is parsed into plain dataclasses and checked completely before anything touches the database, so a
typo gets one error naming the file, the entry and what is wrong, and the database stays as it was.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from bot.domain.dataset import (
    CREDIT_ROLES,
    CREDIT_STATUSES,
    RELEASE_STATUSES,
    Character,
    Credit,
    Dataset,
    Event,
    Fact,
    Film,
    Person,
    Release,
    Source,
    SourceMaterial,
    Work,
)
from bot.domain.release import ReleaseDate, ReleaseDateError
from bot.errors import UserFacingError
from bot.i18n import TRANSLATED_LANGUAGES

QUESTION_KINDS = ("who", "when", "where", "why", "how-many", "what", "whether", "which")
_EVENT_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class DatasetError(UserFacingError, ValueError):
    """The data file is malformed. The message names the file, the entry and the problem."""

    title = "The data file has a problem"

    @property
    def message(self) -> str:
        # Shown to an owner whose /reload-data was refused: the import is one transaction, so a malformed
        # file never changes what the bot knows.
        return f"Nothing changed: {self}"


def load_dataset(path: Path) -> Dataset:
    """Parse and check the data file; raises DatasetError naming the file, the entry and the problem."""
    try:
        raw_bytes = path.read_bytes()
    except OSError as error:
        raise DatasetError(f"{path}: cannot read the data file ({error.strerror or error})") from None
    return parse_dataset(raw_bytes, path)


def parse_dataset(raw_bytes: bytes, path: Path) -> Dataset:
    """Parse and check the data file's bytes (read from, or about to be written to, ``path``), with the same
    checks as the import: what /kb validates a proposed change with before it writes the file."""
    try:
        document = tomllib.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise DatasetError(f"{path}: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise DatasetError(f"{path}: not valid TOML: {error}") from None
    return _Reader(path).dataset(document, hashlib.sha256(raw_bytes).hexdigest())


class _Reader:
    """Walks the TOML document, collecting typed values and failing with a precise location."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> DatasetError:
        return DatasetError(f"{self.path}: {where}: {problem}")

    # --- typed field access -------------------------------------------------------------------------------
    def text(self, table: dict[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(where, f"missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"'{key}' must be non-empty text, not {value!r}")
        return " ".join(value.split())

    def required_text(self, table: dict[str, Any], key: str, where: str) -> str:
        value = self.text(table, key, where)
        assert value is not None
        return value

    def day(self, table: dict[str, Any], key: str, where: str, *, required: bool = True) -> date | None:
        value = table.get(key)
        if value is None:
            if required:
                raise self.fail(where, f"missing '{key}' (a date such as 2025-07-28)")
            return None
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(where, f"'{key}' must be a date such as 2025-07-28, not {value!r}")

    def required_day(self, table: dict[str, Any], key: str, where: str) -> date:
        value = self.day(table, key, where)
        assert value is not None
        return value

    def choice(self, table: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> str:
        value = self.required_text(table, key, where)
        if value not in allowed:
            raise self.fail(where, f"'{key}' is {value!r}; it must be one of {', '.join(allowed)}")
        return value

    def text_list(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise self.fail(where, f"'{key}' must be a list of text")
        return tuple(item.strip() for item in value)

    def table(self, document: dict[str, Any], key: str, *, required: bool = True) -> dict[str, Any]:
        value = document.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise self.fail(f"[{key}]", "the table is missing" if value is None else "must be a table")
        return value

    def array(self, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = document.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(f"[[{key}]]", "must be an array of tables")
        return value

    def keyed(self, document: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
        value = document.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(item, dict) for item in value.values()):
            raise self.fail(f"[{key}]", "must hold tables such as [" + key + ".some-id]")
        for slug in value:
            if not _SLUG.match(slug):
                raise self.fail(f"[{key}.{slug}]", "ids use lower-case letters, digits and hyphens")
        return value

    def source_ref(self, table: dict[str, Any], where: str, sources: dict[str, Source]) -> str:
        slug = self.required_text(table, "source", where)
        if slug not in sources:
            raise self.fail(where, f"source {slug!r} is not defined under [sources]")
        return slug

    # --- sections -----------------------------------------------------------------------------------------
    def dataset(self, document: dict[str, Any], sha256: str) -> Dataset:
        if document.get("schema") != 1:
            raise self.fail("schema", "this bot reads data files with schema = 1")
        sources = {
            slug: Source(
                slug=slug,
                title=self.required_text(entry, "title", f"[sources.{slug}]"),
                as_of=self.required_day(entry, "as_of", f"[sources.{slug}]"),
                publisher=self.text(entry, "publisher", f"[sources.{slug}]", required=False),
                url=self.text(entry, "url", f"[sources.{slug}]", required=False),
                published_on=self.day(entry, "published", f"[sources.{slug}]", required=False),
            )
            for slug, entry in self.keyed(document, "sources").items()
        }
        if not sources:
            raise self.fail("[sources]", "at least one source is needed")

        film_table = self.table(document, "film")
        episode = film_table.get("episode_number")
        if episode is not None and (not isinstance(episode, int) or episode < 1):
            raise self.fail("[film]", f"'episode_number' must be a positive whole number, not {episode!r}")
        film = Film(
            title=self.required_text(film_table, "title", "[film]"),
            series=self.required_text(film_table, "series", "[film]"),
            kind=self.required_text(film_table, "kind", "[film]"),
            synopsis=self.required_text(film_table, "synopsis", "[film]"),
            platform=self.required_text(film_table, "platform", "[film]"),
            source=self.source_ref(film_table, "[film]", sources),
            as_of=self.required_day(film_table, "as_of", "[film]"),
            episode_number=episode,
            previous_episode=self.text(film_table, "previous_episode", "[film]", required=False),
            role_in_series=self.text(film_table, "role_in_series", "[film]", required=False),
            instead_of=self.text(film_table, "instead_of", "[film]", required=False),
            genre=self.text(film_table, "genre", "[film]", required=False),
            aliases=self.text_list(film_table, "aliases", "[film]"),
        )

        release_table = self.table(document, "release")
        release_text = self.required_text(release_table, "date", "[release]")
        release_zone = self.text(release_table, "timezone", "[release]", required=False)
        try:
            release_date = ReleaseDate.parse(release_text, release_zone)
        except ReleaseDateError as error:
            raise self.fail("[release] date", str(error)) from None
        release = Release(
            platform=self.required_text(release_table, "platform", "[release]"),
            date_text=release_text,
            date=release_date,
            status=self.choice(release_table, "status", "[release]", RELEASE_STATUSES),
            source=self.source_ref(release_table, "[release]", sources),
            as_of=self.required_day(release_table, "as_of", "[release]"),
            timezone=release_zone,
            platform_url=self.text(release_table, "url", "[release]", required=False),
        )

        people = {slug: self.person(slug, entry) for slug, entry in self.keyed(document, "people").items()}
        characters = {
            slug: Character(
                slug=slug,
                name=self.required_text(entry, "name", f"[characters.{slug}]"),
                aliases=self.text_list(entry, "aliases", f"[characters.{slug}]"),
            )
            for slug, entry in self.keyed(document, "characters").items()
        }
        credits = tuple(
            self.credit(index, entry, sources, people, characters)
            for index, entry in enumerate(self.array(document, "credits"), start=1)
        )
        events = tuple(
            self.event(index, entry, sources)
            for index, entry in enumerate(self.array(document, "events"), start=1)
        )
        self.unique([event.slug for event in events], "[[events]]", "id")
        materials = tuple(
            SourceMaterial(
                title=self.required_text(entry, "title", f"[[source_material]] #{index}"),
                kind=self.required_text(entry, "kind", f"[[source_material]] #{index}"),
                author=self.text(entry, "author", f"[[source_material]] #{index}", required=False),
                note=self.text(entry, "note", f"[[source_material]] #{index}", required=False),
                aliases=self.text_list(entry, "aliases", f"[[source_material]] #{index}"),
                source=self.source_ref(entry, f"[[source_material]] #{index}", sources),
                as_of=self.required_day(entry, "as_of", f"[[source_material]] #{index}"),
            )
            for index, entry in enumerate(self.array(document, "source_material"), start=1)
        )
        facts = tuple(
            self.fact(index, entry, sources)
            for index, entry in enumerate(self.array(document, "facts"), start=1)
        )
        self.unique([fact.slug for fact in facts], "[[facts]]", "id")
        outside_works = self.text_list(self.table(document, "outside", required=False), "works", "[outside]")
        self.unique(list(outside_works), "[outside]", "works", problem="the title is listed twice")
        return Dataset(
            film,
            release,
            sources,
            people,
            characters,
            credits,
            events,
            materials,
            facts,
            sha256,
            outside_works=outside_works,
        )

    def unique(
        self, slugs: list[str], where: str, key: str, *, problem: str = "the id is used twice"
    ) -> None:
        seen: set[str] = set()
        for slug in slugs:
            if slug.casefold() in seen:
                raise self.fail(f"{where} {key} = {slug!r}", problem)
            seen.add(slug.casefold())

    def person(self, slug: str, entry: dict[str, Any]) -> Person:
        where = f"[people.{slug}]"
        works_raw = entry.get("known_for", [])
        if not isinstance(works_raw, list):
            raise self.fail(where, "'known_for' must be a list of { title = ..., year = ... }")
        works: list[Work] = []
        for work in works_raw:
            if not isinstance(work, dict):
                raise self.fail(where, "'known_for' entries look like { title = \"Colette\", year = 2018 }")
            year = work.get("year")
            if year is not None and (not isinstance(year, int) or not 1880 <= year <= 2100):
                raise self.fail(where, f"'known_for' year must be a year such as 2018, not {year!r}")
            works.append(Work(self.required_text(work, "title", where), year))
        return Person(
            slug=slug,
            name=self.required_text(entry, "name", where),
            aliases=self.text_list(entry, "aliases", where),
            known_for=tuple(works),
        )

    def credit(
        self,
        index: int,
        entry: dict[str, Any],
        sources: dict[str, Source],
        people: dict[str, Person],
        characters: dict[str, Character],
    ) -> Credit:
        where = f"[[credits]] #{index}"
        role = self.choice(entry, "role", where, CREDIT_ROLES)
        person = self.text(entry, "person", where, required=False)
        character = self.text(entry, "character", where, required=False)
        if person is not None and person not in people:
            raise self.fail(where, f"person {person!r} is not defined under [people]")
        if character is not None and character not in characters:
            raise self.fail(where, f"character {character!r} is not defined under [characters]")
        if role == "cast" and character is None:
            raise self.fail(where, "a cast credit needs 'character'")
        if role != "cast" and person is None:
            raise self.fail(where, f"a {role} credit needs 'person'")
        if role != "cast" and character is not None:
            raise self.fail(where, "only cast credits name a character")
        reprises = entry.get("reprises", False)
        if not isinstance(reprises, bool):
            raise self.fail(where, "'reprises' must be true or false")
        return Credit(
            role=role,
            status=self.choice(entry, "status", where, CREDIT_STATUSES),
            source=self.source_ref(entry, where, sources),
            as_of=self.required_day(entry, "as_of", where),
            person=person,
            character=character,
            reprises=reprises,
            note=self.text(entry, "note", where, required=False),
        )

    def event(self, index: int, entry: dict[str, Any], sources: dict[str, Source]) -> Event:
        where = f"[[events]] #{index}"
        slug = self.required_text(entry, "id", where)
        where = f"[[events]] id = {slug!r}"
        if not _SLUG.match(slug):
            raise self.fail(where, "ids use lower-case letters, digits and hyphens")
        raw_date = entry.get("date")
        if isinstance(raw_date, date):
            raw_date = raw_date.isoformat()
        if not isinstance(raw_date, str) or not _EVENT_DATE.match(raw_date):
            raise self.fail(where, f'\'date\' must be "YYYY", "YYYY-MM" or "YYYY-MM-DD", not {raw_date!r}')
        try:
            parts = [int(part) for part in raw_date.split("-")]
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as error:
            raise self.fail(where, f"'date' {raw_date!r} is not a real date ({error})") from None
        return Event(
            slug=slug,
            date_text=raw_date,
            kind=self.required_text(entry, "kind", where),
            title=self.required_text(entry, "title", where),
            summary=self.required_text(entry, "summary", where),
            source=self.source_ref(entry, where, sources),
            as_of=self.required_day(entry, "as_of", where),
            questions=self.text_list(entry, "questions", where),
        )

    def fact(self, index: int, entry: dict[str, Any], sources: dict[str, Source]) -> Fact:
        where = f"[[facts]] #{index}"
        slug = self.required_text(entry, "id", where)
        where = f"[[facts]] id = {slug!r}"
        if not _SLUG.match(slug):
            raise self.fail(where, "ids use lower-case letters, digits and hyphens")
        return Fact(
            slug=slug,
            topic=self.required_text(entry, "topic", where),
            statement=self.required_text(entry, "statement", where),
            keywords=self.text_list(entry, "keywords", where),
            source=self.source_ref(entry, where, sources),
            as_of=self.required_day(entry, "as_of", where),
            questions=self.text_list(entry, "questions", where),
            asks=self.asks(entry, where),
            translations=self.translations(entry, where),
        )

    def translations(self, entry: dict[str, Any], where: str) -> tuple[tuple[str, str], ...]:
        """``translations = { pt_BR = "...", es = "..." }``: the statement in the bot's other languages."""
        value = entry.get("translations", {})
        if not isinstance(value, dict):
            raise self.fail(where, "'translations' must be a table of language = \"statement\"")
        found = []
        for language, text in value.items():
            if language not in TRANSLATED_LANGUAGES:
                raise self.fail(
                    where,
                    f"'translations' has {language!r}; each must be one of {', '.join(TRANSLATED_LANGUAGES)}",
                )
            if not isinstance(text, str) or not text.strip():
                raise self.fail(where, f"'translations.{language}' must be the statement as text")
            found.append((language, text.strip()))
        return tuple(found)

    def asks(self, entry: dict[str, Any], where: str) -> tuple[str, ...]:
        asks = self.text_list(entry, "asks", where)
        for kind in asks:
            if kind not in QUESTION_KINDS:
                raise self.fail(
                    where, f"'asks' has {kind!r}; each must be one of {', '.join(QUESTION_KINDS)}"
                )
        return asks or ("what", "whether", "which")
