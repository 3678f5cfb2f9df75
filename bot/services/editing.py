"""Changing the data file from Discord (/kb) or the command line (`python -m bot kb`), with a source for each.

The data file stays the single source of truth: a change is applied to it with tomlkit, which keeps comments,
order and layout as a person wrote them, checked with the same checks as `python -m bot db import`, shown as a
preview, and only then written (atomically, and only if the file is still what the preview was made from) and
imported. Each change is recorded in the audit table with the file's text before it, so the last change can be
undone byte for byte.

Knows nothing of Discord: an editor is named by a string (a Discord user id, or ``cli:NAME``).
"""

from __future__ import annotations

import asyncio
import difflib
import hashlib
import os
import re
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from bot.clock import Clock
from bot.db.edits import EditRecord, EditRepository, NewEdit
from bot.domain.dataset import CREDIT_ROLES, CREDIT_STATUSES, RELEASE_STATUSES
from bot.errors import UserFacingError
from bot.i18n import translatable
from bot.services.language import fold

if TYPE_CHECKING:
    from tomlkit.items import AoT, Table
    from tomlkit.toml_document import TOMLDocument

# tomlkit and the data file's parser are imported where a change is worked out, not with this module: a running
# bot that is never asked to change its data does not hold them in memory (the footprint benchmark's goal).

#: The longest preview shown: a change to one entry is a few lines; a longer one is cut (the file is not).
PREVIEW_LIMIT = 1800
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Characters an address holds only percent-encoded (RFC 3986); each would also break the ``<address>`` the
#: embeds show a source in.
_NOT_IN_URLS = frozenset('<>"`{}|\\^')


class EditRefused(UserFacingError):
    """A change that cannot be made; the file and the database stay as they were."""

    title = translatable("Nothing changed")


class EditConflict(EditRefused):
    """The data file changed between the preview and the confirmation."""


class _Translates(Protocol):
    def gettext(self, message: str, /, **params: Any) -> str: ...


@dataclass(frozen=True, slots=True)
class Phrase:
    """One part of a change's summary: a translatable template, its values, and what comes before it."""

    template: str
    params: dict[str, object] = field(default_factory=dict)
    before: str = ""

    def text(self, language: _Translates | None = None) -> str:
        filled = (
            language.gettext(self.template, **self.params)
            if language
            else self.template.format(**self.params)
        )
        return self.before + filled


#: A change's summary, phrase by phrase: in English (``summary_text``) it is what the audit table records; a reply
#: shows it in its reader's language (``summary_text(summary, language)``).
Summary = tuple[Phrase, ...]


def summary_text(summary: Summary, language: _Translates | None = None) -> str:
    return "".join(phrase.text(language) for phrase in summary)


def _new_source(slug: str) -> Phrase:
    return Phrase(translatable("(new source {id})"), {"id": slug}, " ")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_source_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) address with a host; EditRefused otherwise."""
    url = url.strip()
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() or c in _NOT_IN_URLS for c in url)
    ):
        raise EditRefused(
            translatable(
                "Every change needs the address of its source, starting with https:// or http:// (not {url})."
            ),
            url=repr(url),
        )
    return url


def slugify(text: str, *, limit: int = 40) -> str:
    """An id for the data file (lower-case letters, digits and hyphens) made from ``text``."""
    words = _SLUG_WORD.findall(fold(text))  # accents stripped: "Élodie" is "elodie", not "lodie"
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "entry"


def _free_slug(base: str, taken: set[str]) -> str:
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


# A refusal of a date, by the date's kind: (not a date, in the future); whole sentences, for the translators.
_DAY_REFUSALS = {
    "as-of date": (
        translatable("The as-of date must be a date such as 2026-01-31, not {text}."),
        translatable("The as-of date {day} is in the future."),
    ),
    "published date": (
        translatable("The published date must be a date such as 2026-01-31, not {text}."),
        translatable("The published date {day} is in the future."),
    ),
}


def _day(text: str | None, today: date, what: str = "as-of date") -> date:
    if text is None or not text.strip():
        return today
    not_a_date, in_the_future = _DAY_REFUSALS[what]
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise EditRefused(not_a_date, text=repr(text)) from None
    if day > today + timedelta(days=1):  # ``today`` is UTC's; an editor in Auckland is a day ahead of it
        raise EditRefused(in_the_future, day=day.isoformat())
    return day


# --- editing the tomlkit document ---------------------------------------------------------------------------
def _trailing(table: Table) -> list[tuple[None, Any]]:
    """Pop the comments and blank lines at the end of ``table``'s body: in tomlkit they belong to the table
    before the next header, though a person wrote them about what follows."""
    from tomlkit.items import Comment, Whitespace

    body = table.value.body
    moved: list[tuple[None, Any]] = []
    while body and body[-1][0] is None and isinstance(body[-1][1], Whitespace | Comment):
        moved.insert(0, body.pop())  # type: ignore[arg-type]
    return moved


def _append_entry(previous: Table | None, new: Table) -> None:
    """Lay out ``new``, about to be placed right after ``previous``, as a person would: a blank line between
    them, and the comments that introduced the next section kept above it (moved from ``previous`` to ``new``)."""
    import tomlkit
    from tomlkit.items import Whitespace

    if previous is None:
        new.add(tomlkit.nl())
        return
    moved = _trailing(previous)
    previous.add(tomlkit.nl())
    if not moved:
        return  # the end of the file
    # ``previous`` kept one blank line; what it had after that stays below the new entry.
    if isinstance(moved[0][1], Whitespace) and moved[0][1].as_string() == "\n":
        moved = moved[1:]
    if not moved or moved[0][1].as_string() != "\n":
        new.add(tomlkit.nl())
    for _, item in moved:
        new.value.body.append((None, item))


def _table(values: dict[str, Any]) -> Table:
    import tomlkit

    table = tomlkit.table()
    for key, value in values.items():
        if value is not None and value != [] and value != ():
            table.add(key, list(value) if isinstance(value, tuple) else value)
    return table


def _keyed(document: TOMLDocument, section: str) -> Table:
    from tomlkit.items import Table

    found = document.get(section)
    if not isinstance(found, Table):
        raise EditRefused(
            translatable("The data file has no [{section}] section to add to."), section=section
        )
    return found


def _add_keyed(document: TOMLDocument, section: str, slug: str, values: dict[str, Any]) -> None:
    from tomlkit.items import Table

    parent = _keyed(document, section)
    previous = parent[list(parent.keys())[-1]] if parent.keys() else None
    new = _table(values)
    _append_entry(previous if isinstance(previous, Table) else None, new)
    parent[slug] = new


def _array(document: TOMLDocument, section: str) -> AoT:
    from tomlkit.items import AoT

    found = document.get(section)
    if not isinstance(found, AoT):
        raise EditRefused(
            translatable("The data file has no [[{section}]] entries to add to."), section=section
        )
    return found


def _add_to_array(document: TOMLDocument, section: str, values: dict[str, Any]) -> None:
    array = _array(document, section)
    new = _table(values)
    _append_entry(array[-1] if len(array) else None, new)
    array.append(new)


def _set_after(table: Table, after: str, key: str, value: Any) -> None:
    """Set ``key`` (a new key goes right after ``after``, so related lines stay together)."""
    if key in table or after not in table:
        table[key] = value
        return
    # tomlkit has no public "insert after"; its private one keeps the layout (tests/test_editing.py checks
    # where the new line lands, so a tomlkit that drops it fails there, not in an editor's file).
    table.value._insert_after(after, key, value)


def _remove_key(table: Table, key: str) -> None:
    if key in table:
        del table[key]


def _source_with_url(sources: Table, url: str) -> str | None:
    """The slug of the [sources.*] entry with the address ``url``, if there is one."""
    from tomlkit.items import Table

    for slug, entry in sources.items():
        if isinstance(entry, Table) and str(entry.get("url", "")).strip() == url:
            return slug
    return None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "source").removeprefix("www.")


def _source_for(
    document: TOMLDocument, url: str, title: str | None, today: date
) -> tuple[str, Phrase | None]:
    """The slug of the source with ``url``, adding a [sources.*] entry for it when there is none.

    Returns (slug, the summary's phrase for what was added, or None)."""
    sources = _keyed(document, "sources")
    found = _source_with_url(sources, url)
    if found is not None:
        return found, None
    host = _host(url)
    slug = _free_slug(slugify(host), set(sources.keys()))
    _add_keyed(
        document,
        "sources",
        slug,
        {"title": (title or "").strip() or f"Web page on {host}", "url": url, "as_of": today},
    )
    return slug, _new_source(slug)


# --- the changes ----------------------------------------------------------------------------------------------
class Edit(Protocol):
    """A change to the data file: applied to the parsed document, it returns its one-line summary."""

    action: str
    source_url: str

    def apply(self, document: TOMLDocument, today: date) -> Summary: ...


@dataclass(frozen=True)
class SetRelease:
    """The release: a date at any precision (``2026``, ``2026-12``, ``2026-12-24``), optionally an hour."""

    date: str
    source_url: str
    time: str | None = None
    timezone: str | None = None
    status: str | None = None
    as_of: str | None = None
    source_title: str | None = None
    action: str = field(default="release", init=False)

    def apply(self, document: TOMLDocument, today: date) -> Summary:
        from tomlkit.items import Table

        release = document.get("release")
        if not isinstance(release, Table):
            raise EditRefused(translatable("The data file has no [release] section."))
        text = self.date.strip()
        if self.time:
            if not _TIME.match(self.time.strip()):
                raise EditRefused(
                    translatable("The time must be HH:MM on a 24-hour clock, such as 08:00, not {time}."),
                    time=repr(self.time),
                )
            if not _DAY.match(text):
                raise EditRefused(translatable("A time of day needs a full date (YYYY-MM-DD)."))
            if not self.timezone:
                raise EditRefused(
                    translatable("A time of day needs a time zone, such as Etc/UTC or America/Los_Angeles.")
                )
            text = f"{text}T{self.time.strip()}"
        if self.status is not None and self.status not in RELEASE_STATUSES:
            raise EditRefused(
                translatable("The status must be one of {choices}, not {status}."),
                choices=", ".join(RELEASE_STATUSES),
                status=repr(self.status),
            )
        slug, added = _source_for(document, self.source_url, self.source_title, today)
        old = f"{release.get('date')}" + (f" {release['timezone']}" if "timezone" in release else "")
        release["date"] = text
        if self.timezone:
            _set_after(release, "date", "timezone", self.timezone.strip())
        else:
            _remove_key(release, "timezone")
        if self.status is not None:
            release["status"] = self.status
        release["source"] = slug
        release["as_of"] = _day(self.as_of, today)
        new = text + (f" {self.timezone.strip()}" if self.timezone else "")
        # Translators: a /kb change's summary, as the editor's preview shows it; the ids, keys, dates and roles
        # in these summaries are the data file's and stay as they are.
        summary = [Phrase(translatable("release date {old} → {new}"), {"old": old, "new": new})]
        if self.status is not None:
            summary.append(Phrase(translatable("status {status}"), {"status": self.status}, ", "))
        return (*summary, *([added] if added else []))


def _facts(document: TOMLDocument) -> AoT:
    return _array(document, "facts")


def _fact_index(document: TOMLDocument, fact_id: str) -> int:
    for index, entry in enumerate(_facts(document)):
        if str(entry.get("id", "")) == fact_id:
            return index
    raise EditRefused(
        translatable("There is no fact with the id {fact}; {command} suggests the ids as you type."),
        fact=repr(fact_id),
        command="/kb fact edit",
    )


def _keywords(text: str | None) -> list[str]:
    return [word.strip() for word in (text or "").split(",") if word.strip()]


@dataclass(frozen=True)
class AddFact:
    statement: str
    source_url: str
    topic: str = "film"
    fact_id: str | None = None
    keywords: str | None = None
    as_of: str | None = None
    source_title: str | None = None
    action: str = field(default="fact add", init=False)

    def apply(self, document: TOMLDocument, today: date) -> Summary:
        taken = {str(entry.get("id", "")) for entry in _facts(document)}
        if self.fact_id and self.fact_id.strip() in taken:
            raise EditRefused(
                translatable("A fact with the id {fact} exists; use {command} to change it."),
                fact=repr(self.fact_id.strip()),
                command="/kb fact edit",
            )
        slug_text = self.fact_id.strip() if self.fact_id else _free_slug(slugify(self.statement), taken)
        source, added = _source_for(document, self.source_url, self.source_title, today)
        _add_to_array(
            document,
            "facts",
            {
                "id": slug_text,
                "topic": self.topic.strip(),
                "statement": self.statement.strip(),
                "keywords": _keywords(self.keywords),
                "source": source,
                "as_of": _day(self.as_of, today),
            },
        )
        return (Phrase(translatable("fact {id} added"), {"id": slug_text}), *([added] if added else []))


@dataclass(frozen=True)
class EditFact:
    fact_id: str
    source_url: str
    statement: str | None = None
    topic: str | None = None
    keywords: str | None = None
    as_of: str | None = None
    source_title: str | None = None
    action: str = field(default="fact edit", init=False)

    def apply(self, document: TOMLDocument, today: date) -> Summary:
        entry = _facts(document)[_fact_index(document, self.fact_id)]
        changed = []
        dropped: list[Phrase] = []
        if self.statement is not None:
            entry["statement"] = self.statement.strip()
            changed.append("statement")
            if "translations" in entry:
                # They said the old statement: readers get the new one in English (with its note) until a
                # translator words it again, rather than a translation of something no longer true.
                del entry["translations"]
                dropped = [
                    Phrase(
                        translatable("(its translations dropped: they said the old statement)"), before=" "
                    )
                ]
        if self.topic is not None:
            entry["topic"] = self.topic.strip()
            changed.append("topic")
        if self.keywords is not None:
            entry["keywords"] = _keywords(self.keywords)
            changed.append("keywords")
        source, added = _source_for(document, self.source_url, self.source_title, today)
        entry["source"] = source
        entry["as_of"] = _day(self.as_of, today)
        what = ", ".join(changed) or "source"
        # The changed fields are the data file's keys (statement, topic, keywords, source), named as the file does.
        changed_phrase = Phrase(
            translatable("fact {id}: {fields} changed"), {"id": self.fact_id, "fields": what}
        )
        return (changed_phrase, *([added] if added else []), *dropped)


@dataclass(frozen=True)
class RemoveFact:
    fact_id: str
    source_url: str
    action: str = field(default="fact remove", init=False)

    def apply(self, document: TOMLDocument, today: date) -> Summary:
        from tomlkit.items import Comment

        facts = _facts(document)
        index = _fact_index(document, self.fact_id)
        removed = facts[index]
        moved = _trailing(removed)  # comments about what follows stay in the file
        if index > 0:
            # The blank line that separated the previous entry from this one goes; any comment stays.
            previous = facts[index - 1]
            separator = _trailing(previous)
            if any(isinstance(item, Comment) for _, item in separator):
                previous.value.body.extend(separator)
            previous.value.body.extend(moved)
        elif any(isinstance(item, Comment) for _, item in moved):
            raise EditRefused(
                translatable("The first fact ends with comments about what follows; remove it by hand.")
            )
        del facts[index]
        return (Phrase(translatable("fact {id} removed"), {"id": self.fact_id}),)


def _people(document: TOMLDocument) -> Table:
    return _keyed(document, "people")


def _person_slug(document: TOMLDocument, name_or_slug: str) -> str | None:
    from tomlkit.items import Table

    wanted = name_or_slug.strip()
    for slug, entry in _people(document).items():
        if slug == wanted or (
            isinstance(entry, Table) and str(entry.get("name", "")).lower() == wanted.lower()
        ):
            return slug
    return None


def _character_slug(document: TOMLDocument, name_or_slug: str) -> tuple[str, Phrase | None]:
    """The character's slug, adding a [characters.*] entry for a new one. Returns (slug, the summary's phrase for
    what was added, or None)."""
    from tomlkit.items import Table

    wanted = name_or_slug.strip()
    characters = _keyed(document, "characters")
    for slug, entry in characters.items():
        if isinstance(entry, Table) and (
            slug == wanted
            or str(entry.get("name", "")).lower() == wanted.lower()
            or wanted.lower() in [str(alias).lower() for alias in entry.get("aliases", [])]
        ):
            return slug, None
    slug = _free_slug(slugify(wanted), set(characters.keys()))
    _add_keyed(document, "characters", slug, {"name": wanted})
    return slug, Phrase(translatable("(new character {id})"), {"id": slug}, " ")


def _add_credit(
    document: TOMLDocument,
    today: date,
    *,
    role: str,
    person: str | None,
    character: str | None,
    status: str,
    note: str | None,
    source_url: str,
    source_title: str | None,
    as_of: str | None,
) -> Summary:
    if role not in CREDIT_ROLES:
        raise EditRefused(
            translatable("The role must be one of {choices}, not {role}."),
            choices=", ".join(CREDIT_ROLES),
            role=repr(role),
        )
    if status not in CREDIT_STATUSES:
        raise EditRefused(
            translatable("The status must be one of {choices}, not {status}."),
            choices=", ".join(CREDIT_STATUSES),
            status=repr(status),
        )
    if role == "cast" and not character:
        raise EditRefused(translatable("A cast credit needs the character they play."))
    if role != "cast" and character:
        raise EditRefused(translatable("Only cast credits name a character."))
    added: list[Phrase] = []
    character_slug = None
    if character:
        character_slug, new_character = _character_slug(document, character)
        added += [new_character] if new_character else []
    source, new_source = _source_for(document, source_url, source_title, today)
    added += [new_source] if new_source else []
    values: dict[str, Any] = {"role": role, "person": person, "character": character_slug, "status": status}
    credits = _array(document, "credits")
    if role == "cast" and person:
        # A character expected back with their actor not yet announced: the announcement fills that credit.
        for entry in credits:
            if (
                entry.get("role") == "cast"
                and entry.get("character") == character_slug
                and "person" not in entry
            ):
                _set_after(entry, "role", "person", person)
                entry["status"] = status
                _remove_key(entry, "note")
                if note:
                    entry["note"] = note
                entry["source"] = source
                entry["as_of"] = _day(as_of, today)
                filled = Phrase(
                    translatable("credit {role} {character}: {person}"),
                    {"role": role, "character": character_slug, "person": person},
                )
                return (filled, *added)
    values.update({"note": note, "source": source, "as_of": _day(as_of, today)})
    _add_to_array(document, "credits", values)
    if person and character_slug:
        credit = Phrase(
            translatable("credit {role} {person} as {character} added"),
            {"role": role, "person": person, "character": character_slug},
        )
    else:
        credit = Phrase(
            translatable("credit {role} {who} added"), {"role": role, "who": person or character_slug}
        )
    return (credit, *added)


@dataclass(frozen=True)
class AddPerson:
    """A person, and (with ``role``) their credit in the film."""

    name: str
    source_url: str
    person_id: str | None = None
    aliases: str | None = None
    role: str | None = None
    character: str | None = None
    status: str = "confirmed"
    as_of: str | None = None
    source_title: str | None = None
    action: str = field(default="person add", init=False)

    def apply(self, document: TOMLDocument, today: date) -> Summary:
        name = " ".join(self.name.split())
        if not name:
            raise EditRefused(translatable("The person needs a name."))
        if _person_slug(document, name) is not None:
            raise EditRefused(
                translatable("{name} is already in the knowledge base; use {command} for another credit."),
                name=name,
                command="/kb credit add",
            )
        people = _people(document)
        slug = self.person_id.strip() if self.person_id else _free_slug(slugify(name), set(people.keys()))
        if slug in people:
            raise EditRefused(
                translatable("The id {id} is taken by {name}."), id=repr(slug), name=people[slug].get("name")
            )
        _add_keyed(document, "people", slug, {"name": name, "aliases": _keywords(self.aliases)})
        summary: Summary = (Phrase(translatable("person {id} added"), {"id": slug}),)
        if self.role:
            credit = _add_credit(
                document,
                today,
                role=self.role,
                person=slug,
                character=self.character,
                status=self.status,
                note=None,
                source_url=self.source_url,
                source_title=self.source_title,
                as_of=self.as_of,
            )
            first, *rest = credit
            summary += (replace(first, before="; "), *rest)
        else:
            _source_for(document, self.source_url, self.source_title, today)
        return summary


@dataclass(frozen=True)
class AddCredit:
    role: str
    source_url: str
    person: str | None = None
    character: str | None = None
    status: str = "confirmed"
    note: str | None = None
    as_of: str | None = None
    source_title: str | None = None
    action: str = field(default="credit add", init=False)

    def apply(self, document: TOMLDocument, today: date) -> Summary:
        person = None
        if self.person:
            person = _person_slug(document, self.person)
            if person is None:
                raise EditRefused(
                    translatable("There is no person {person}; add them first with {command}."),
                    person=repr(self.person),
                    command="/kb person add",
                )
        return _add_credit(
            document,
            today,
            role=self.role,
            person=person,
            character=self.character,
            status=self.status,
            note=self.note,
            source_url=self.source_url,
            source_title=self.source_title,
            as_of=self.as_of,
        )


@dataclass(frozen=True)
class AddSource:
    title: str
    source_url: str
    source_id: str | None = None
    publisher: str | None = None
    published: str | None = None
    action: str = field(default="source add", init=False)

    def apply(self, document: TOMLDocument, today: date) -> Summary:
        sources = _keyed(document, "sources")
        existing = _source_with_url(sources, self.source_url)
        if existing is not None:
            raise EditRefused(
                translatable("That address is already the source {source}."), source=repr(existing)
            )
        slug = (
            self.source_id.strip()
            if self.source_id
            else _free_slug(slugify(_host(self.source_url)), set(sources.keys()))
        )
        if slug in sources:
            raise EditRefused(translatable("The source id {id} is taken."), id=repr(slug))
        _add_keyed(
            document,
            "sources",
            slug,
            {
                "title": self.title.strip(),
                "publisher": (self.publisher or "").strip() or None,
                "url": self.source_url,
                "published": _day(self.published, today, "published date") if self.published else None,
                "as_of": today,
            },
        )
        return (Phrase(translatable("source {id} added"), {"id": slug}),)


# --- proposing and applying ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Proposal:
    """A change worked out against the file as it was when proposed: applied only if the file is unchanged."""

    action: str
    #: In English: what the audit table records.
    summary: str
    source_url: str
    path: Path
    before: bytes
    after: bytes
    preview: str
    undoes: int | None = None
    #: The summary phrase by phrase, for a reply in its reader's language.
    wording: Summary = ()

    @property
    def before_sha256(self) -> str:
        return sha256(self.before)

    @property
    def after_sha256(self) -> str:
        return sha256(self.after)


@dataclass(frozen=True)
class Applied:
    edit_id: int
    summary: str
    #: The new data version: the start of the file's SHA-256, as the logs and `python -m bot check` show it.
    version: str
    wording: Summary = ()


def changed_lines(before: str, after: str, *, context: int = 1) -> list[str]:
    """A unified diff's lines (``-`` before, ``+`` after, `` `` context, ``…`` between hunks), without headers.

    Compared without difflib's "popular line" heuristic, which in a file repeating ``source = "wikipedia"``
    would show unchanged lines as removed and added again."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    lines: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append("…")
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                lines += [f" {line}" for line in old[old_start:old_end]]
                continue
            lines += [f"-{line}" for line in old[old_start:old_end]]
            lines += [f"+{line}" for line in new[new_start:new_end]]
    return lines


def preview_diff(before: str, after: str, *, limit: int = PREVIEW_LIMIT) -> str:
    """What the file will say: the changed lines (``-`` before, ``+`` after) with a line of context."""
    text = "\n".join(changed_lines(before, after))
    if len(text) > limit:
        text = text[: limit - 2].rsplit("\n", 1)[0] + "\n…"
    return text


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: a reader (or a crash) sees the old file or the new one,
    never half of one. Keeps the file's permissions."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a crash
    finally:
        os.close(directory)


class KnowledgeEditor:
    """Proposes, applies and undoes changes to the data file at ``path``.

    ``importer`` imports the file after it was written (the running bot's reload, so answers, caches and the
    dispatcher follow; or a plain import for the command line).
    """

    def __init__(
        self,
        path: Path,
        repository: EditRepository,
        importer: Callable[[], Awaitable[object]],
        clock: Clock,
    ) -> None:
        self.path = path
        self.repository = repository
        self.importer = importer
        self.clock = clock
        # Changes from this process are applied one at a time; the hash check catches any other writer.
        self._lock = asyncio.Lock()

    def _read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as error:
            raise EditRefused(
                translatable("I can't read the data file ({problem})."), problem=error.strerror or str(error)
            ) from None

    def _check(self, after: bytes) -> None:
        from bot.services.dataset import DatasetError, parse_dataset

        try:
            parse_dataset(after, self.path)
        except DatasetError as error:
            problem = str(error).removeprefix(f"{self.path}: ")
            # The problem is the data file checker's own wording (English, as `python -m bot check` says it).
            raise EditRefused(
                translatable("The change would break the data file: {problem}"), problem=problem
            ) from None

    async def propose(self, edit: Edit) -> Proposal:
        """Work out ``edit`` against the file as it is now. Raises EditRefused (the file is not touched)."""
        import dataclasses

        import tomlkit

        url = check_source_url(edit.source_url)
        if url != edit.source_url and dataclasses.is_dataclass(edit):
            edit = dataclasses.replace(edit, source_url=url)
        before = self._read()
        try:
            document = tomlkit.parse(before.decode("utf-8"))
        except (UnicodeDecodeError, tomlkit.exceptions.TOMLKitError) as error:
            raise EditRefused(
                translatable("The data file cannot be read as TOML ({problem}); fix it by hand first."),
                problem=str(error),
            ) from None
        wording = edit.apply(document, self.clock.now().date())
        after = document.as_string().encode("utf-8")
        if after == before:
            raise EditRefused(translatable("The data file already says that; there is nothing to change."))
        self._check(after)
        preview = preview_diff(before.decode("utf-8"), after.decode("utf-8"))
        return Proposal(
            edit.action,
            summary_text(wording),
            edit.source_url,
            self.path,
            before,
            after,
            preview,
            wording=wording,
        )

    async def propose_undo(self) -> Proposal:
        """Put the file back as it was before the last change. Only once, and only if nobody changed it since."""
        last = await self.repository.last()
        if last is None:
            raise EditRefused(translatable("There is no change to undo."))
        if last.action == "undo" or last.undone_by is not None:
            raise EditRefused(
                translatable("The last change (#{number}) was already undone; an undo is not undone again."),
                number=last.id,
            )
        current = self._read()
        if sha256(current) != last.after_sha256:
            raise EditConflict(
                translatable(
                    "The data file changed since change #{number} ({summary}), so undoing it would lose that: "
                    "edit the file instead."
                ),
                number=last.id,
                summary=last.summary,
            )
        before = last.before_text.encode("utf-8")
        self._check(before)
        preview = preview_diff(current.decode("utf-8"), last.before_text)
        # The undone change's summary is quoted as the audit table recorded it.
        wording = (
            Phrase(translatable("undo #{number}: {summary}"), {"number": last.id, "summary": last.summary}),
        )
        return Proposal(
            "undo",
            summary_text(wording),
            last.source_url,
            self.path,
            current,
            before,
            preview,
            last.id,
            wording=wording,
        )

    async def apply(self, proposal: Proposal, editor: str) -> Applied:
        """Write the proposed change if the file is still what it was proposed against, import it, record it.

        Raises EditConflict when the file changed since the proposal; nothing is written then.
        """
        async with self._lock:
            current = self._read()
            if sha256(current) != proposal.before_sha256:
                raise EditConflict(
                    translatable(
                        "The data file changed since this preview (someone else edited it), so this change was "
                        "not written. Run the command again to see it against the file as it is now."
                    )
                )
            if proposal.undoes is not None:
                last = await self.repository.last()
                if last is None or last.id != proposal.undoes or last.undone_by is not None:
                    raise EditConflict(
                        translatable("Another change was made since this preview; nothing was undone.")
                    )
            await asyncio.to_thread(atomic_write, self.path, proposal.after)
            try:
                await self.importer()
            except BaseException:
                # The database refused the import (busy, say): put the file back, so the two still agree.
                await asyncio.to_thread(atomic_write, self.path, proposal.before)
                raise
            edit_id = await self.repository.record(
                NewEdit(
                    made_at=self.clock.now(),
                    editor=editor,
                    action=proposal.action,
                    summary=proposal.summary,
                    source_url=proposal.source_url,
                    file_path=str(self.path),
                    before_text=proposal.before.decode("utf-8"),
                    before_sha256=proposal.before_sha256,
                    after_sha256=proposal.after_sha256,
                    undoes=proposal.undoes,
                )
            )
        return Applied(edit_id, proposal.summary, proposal.after_sha256[:12], proposal.wording)

    async def history(self, limit: int = 10) -> list[EditRecord]:
        return await self.repository.latest(limit)

    # --- what autocomplete offers ---------------------------------------------------------------------------
    def _document(self) -> dict[str, Any]:
        import tomllib

        try:
            return tomllib.loads(self._read().decode("utf-8"))
        except (EditRefused, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return {}

    def fact_choices(self) -> list[tuple[str, str]]:
        """(label, id) of every fact: its id and the start of its statement."""
        facts = self._document().get("facts", [])
        return [
            (f"{fact.get('id')}: {' '.join(str(fact.get('statement', '')).split())}", str(fact.get("id")))
            for fact in facts
            if isinstance(fact, dict) and fact.get("id")
        ]

    def people_choices(self) -> list[tuple[str, str]]:
        people = self._document().get("people", {})
        return [
            (str(entry.get("name", slug)), slug) for slug, entry in people.items() if isinstance(entry, dict)
        ]

    def character_choices(self) -> list[tuple[str, str]]:
        characters = self._document().get("characters", {})
        return [
            (str(entry.get("name", slug)), slug)
            for slug, entry in characters.items()
            if isinstance(entry, dict)
        ]

    def source_choices(self) -> list[tuple[str, str]]:
        """(label, url) of every source with an address."""
        sources = self._document().get("sources", {})
        return [
            (f"{entry.get('title', slug)} ({entry['url']})", str(entry["url"]))
            for slug, entry in sources.items()
            if isinstance(entry, dict) and entry.get("url")
        ]


def history_as_text(records: list[EditRecord]) -> str:
    """`python -m bot kb history`: one line per change, newest first."""
    if not records:
        return "No changes have been made through /kb or `python -m bot kb` yet."
    lines = []
    for record in records:
        when = record.made_at.strftime("%Y-%m-%d %H:%M UTC")
        mark = f" [undone by #{record.undone_by}]" if record.undone_by else ""
        lines.append(f"#{record.id}  {when}  {record.editor}  {record.summary}  <{record.source_url}>{mark}")
    return "\n".join(lines)
