"""Importing the data file: complete, idempotent, and a malformed file changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.db import Database
from bot.db.knowledge import KnowledgeRepository
from bot.domain.release import Precision
from bot.errors import UserFacingError
from bot.services.dataset import DatasetError, load_dataset
from bot.services.knowledge import KnowledgeService
from tests.conftest import DATA_FILE


async def counts(db: Database) -> dict[str, int]:
    result = {}
    for table in (
        "people",
        "credits",
        "characters",
        "timeline_events",
        "facts",
        "sources",
        "source_materials",
    ):
        row = await db.fetch_one(f"SELECT count(*) FROM {table}")
        assert row is not None
        result[table] = row[0]
    return result


async def test_import_holds_every_fact_of_the_sources(knowledge: KnowledgeService) -> None:
    film = await knowledge.film()
    assert film.title == "Heartstopper Forever"
    assert film.series == "Heartstopper"
    assert film.episode_number == 25
    assert film.previous_episode == "Apart"
    assert "feature-length" in film.kind
    assert film.instead_of == "a fourth season"
    assert any("Nick and Charlie" in material for material in film.source_materials)
    assert any("Volume 6" in material for material in film.source_materials)

    release = await knowledge.release()
    assert release.platform == "Netflix"
    assert release.date.precision is Precision.YEAR and release.date.year == 2026

    cast = {member.character: member for member in await knowledge.cast()}
    assert cast["Nick Nelson"].actor == "Kit Connor" and cast["Nick Nelson"].reprises
    assert cast["Charlie Spring"].actor == "Joe Locke" and cast["Charlie Spring"].reprises
    for friend in ("Tara", "Darcy", "Tao", "Isaac"):
        assert cast[friend].status == "expected"

    crew = await knowledge.crew()
    by_role: dict[str, set[str]] = {}
    for member in crew:
        by_role.setdefault(member.role, set()).add(member.name)
    assert by_role["director"] == {"Wash Westmoreland"}
    assert by_role["writer"] == {"Alice Oseman"}
    assert by_role["creator"] == {"Alice Oseman"}
    assert by_role["executive-producer"] == {
        "Kit Connor",
        "Joe Locke",
        "Alice Oseman",
        "Patrick Walters",
        "Ian Canning",
        "Emile Sherman",
        "Euros Lyn",
    }
    director = next(member for member in crew if member.role == "director")
    assert director.known_for == ("Still Alice (2014)", "Colette (2018)")

    events = {event.date_text: event for event in await knowledge.timeline()}
    assert {"2025-04-22", "2025-06-09", "2025-07-02", "2025-07", "2025-07-27", "2026"} <= set(events)
    assert events["2025-07"].precision == "month"
    assert events["2025-04-22"].when == "22 April 2025"
    for event in events.values():
        assert event.source.title and event.source.as_of


async def test_import_is_idempotent(database: Database) -> None:
    service = KnowledgeService(KnowledgeRepository(database))
    first = await service.import_file(DATA_FILE)
    before = await counts(database)
    again = await service.import_file(DATA_FILE)
    forced = await service.import_file(DATA_FILE, force=True)
    assert first.changed and not again.changed and forced.changed
    assert await counts(database) == before


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        (
            lambda text: text.replace(
                'person = "kit-connor"\ncharacter', 'person = "kit-conor"\ncharacter', 1
            ),
            r"\[\[credits\]\] #1: person 'kit-conor' is not defined under \[people\]",
        ),
        (
            lambda text: text.replace('date = "2025-06-09"', 'date = "2025-06-31"'),
            r"\[\[events\]\] id = 'filming-started': 'date' '2025-06-31' is not a real date",
        ),
        (
            lambda text: text.replace('date = "2026"\n', 'date = "sometime"\n', 1),
            r"\[release\] date: 'sometime' is not a release date",
        ),
        (lambda text: text.replace("[film]\n", "[film\n"), r"not valid TOML"),
        (
            lambda text: text.replace(
                '"Agatha All Along", "Agatha",', '"Agatha All Along", "agatha all along",'
            ),
            r"\[outside\] works = 'agatha all along': the title is listed twice",
        ),
        (
            lambda text: text.replace('"Solitaire", "Loveless",', '"Solitaire", "",'),
            r"\[outside\]: 'works' must be a list of text",
        ),
        (
            lambda text: text.replace("translations.pt_BR = ", "translations.pt = ", 1),
            r"\[\[facts\]\] id = 'what-is-it': 'translations' has 'pt'; each must be one of es, pt_BR, fr, de, it",
        ),
        (
            lambda text: text.replace(
                'translations.de = """Heartstopper', 'translations.de = """ """\nx = """', 1
            ),
            r"\[\[facts\]\] id = 'what-is-it': 'translations.de' must be the statement as text",
        ),
        (
            lambda text: text.replace('role = "director"', 'role = "directer"'),
            r"'role' is 'directer'; it must be one of cast, director",
        ),
        (
            lambda text: text.replace(
                'source = "wrap-report"\nas_of = 2025-07-28\n\n[release]',
                'source = "imdb"\nas_of = 2025-07-28\n\n[release]',
            ),
            r"\[film\]: source 'imdb' is not defined under \[sources\]",
        ),
    ],
)
async def test_malformed_file_is_named_and_changes_nothing(
    knowledge: KnowledgeService, database: Database, tmp_path: Path, mutation, expected: str
) -> None:
    before = await counts(database)
    broken = tmp_path / "broken.toml"
    text = DATA_FILE.read_text(encoding="utf-8")
    mutated = mutation(text)
    assert mutated != text, "the mutation must change the file"
    broken.write_text(mutated, encoding="utf-8")
    with pytest.raises(DatasetError, match=expected) as raised:
        await knowledge.import_file(broken)
    assert str(broken) in str(raised.value)
    assert await counts(database) == before
    assert (await knowledge.cast())[0].actor == "Kit Connor"


def test_pinned_release_needs_a_time_zone(tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8").replace('date = "2026"\n', 'date = "2026-05-01T08:00"\n', 1)
    path = tmp_path / "pinned.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError, match="needs a time zone"):
        load_dataset(path)
    path.write_text(
        text.replace(
            'date = "2026-05-01T08:00"\n', 'date = "2026-05-01T08:00"\ntimezone = "America/Los_Angeles"\n'
        ),
        encoding="utf-8",
    )
    release = load_dataset(path).release.date
    assert release.precision is Precision.INSTANT
    assert release.instant is not None and release.instant.hour == 15  # 08:00 PDT


async def test_a_malformed_file_is_shown_to_its_owner_as_nothing_changed(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n[film\n", encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        load_dataset(broken)
    error = raised.value
    assert isinstance(error, UserFacingError) and error.title == "The data file has a problem"
    assert error.message == f"Nothing changed: {error}" and str(broken) in error.message


@pytest.mark.parametrize(
    ("query", "found", "named"),
    [
        ("Kit Connor", 1, "Kit Connor"),  # the actor named: /cast is headed with the actor
        ("kit", 1, "Kit Connor"),
        ("charlie", 1, "Charlie Spring"),  # a character named: headed with the character
        ("Nick", 1, "Nick Nelson"),
        ("ar", 3, None),  # several found: the renderer's general heading
        ("Taylor Swift", 0, None),
    ],
)
async def test_cast_lookup_says_whom_the_query_named(
    knowledge: KnowledgeService, query: str, found: int, named: str | None
) -> None:
    lookup = await knowledge.look_up_cast(query)
    assert len(lookup.members) == found and lookup.named == named


async def test_a_facts_translations_are_imported_for_its_readers(knowledge: KnowledgeService) -> None:
    portuguese = await knowledge.fact_translations("pt_BR")
    assert portuguese["what-is-it"].startswith("Heartstopper Forever é um filme para TV")
    assert "why-no-season-4" not in portuguese  # the data file has no translation of that one
    assert await knowledge.fact_translations("en") == {}
