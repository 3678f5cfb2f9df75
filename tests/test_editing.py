"""Editing the data file (bot/services/editing.py) on a temporary copy: comments and layout kept, validated,
written only if unchanged since the preview, imported, audited, and undone byte for byte."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.db import Database
from bot.db.edits import EditRepository
from bot.db.knowledge import KnowledgeRepository
from bot.domain.release import Precision
from bot.services import editing
from bot.services.editing import (
    AddCredit,
    AddFact,
    AddPerson,
    AddSource,
    Edit,
    EditConflict,
    EditFact,
    EditRefused,
    KnowledgeEditor,
    RemoveFact,
    SetRelease,
    history_as_text,
    slugify,
)
from bot.services.knowledge import KnowledgeService
from tests.conftest import DATA_FILE
from tests.helpers_announcements import ManualClock

WIKIPEDIA = "https://en.wikipedia.org/wiki/Heartstopper_Forever"  # already the source [sources.wikipedia]
TUDUM = "https://www.netflix.com/tudum/articles/heartstopper-forever-release-date"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def bytes_of(path: Path) -> bytes:
    return path.read_bytes()


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def files_in(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir()]


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in editing.changed_lines(before, after, context=0) if line[:1] in "+-"]


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "heartstopper_forever.toml"
    path.parent.mkdir()
    shutil.copyfile(DATA_FILE, path)
    return path


@pytest.fixture
async def knowledge(database: Database, data_file: Path) -> KnowledgeService:
    service = KnowledgeService(KnowledgeRepository(database))
    await service.import_file(data_file)
    return service


@pytest.fixture
def editor(database: Database, data_file: Path, knowledge: KnowledgeService) -> KnowledgeEditor:
    return KnowledgeEditor(
        data_file, EditRepository(database), lambda: knowledge.import_file(data_file), ManualClock(NOW)
    )


async def make(editor: KnowledgeEditor, edit: Edit, who: str = "cli:test") -> str:
    await editor.apply(await editor.propose(edit), who)
    return text_of(editor.path)


async def test_release_changes_only_the_release_block_and_is_imported(
    editor: KnowledgeEditor, data_file: Path, knowledge: KnowledgeService
) -> None:
    before = text_of(data_file)
    proposal = await editor.propose(SetRelease("2026-12-24", WIKIPEDIA, status="confirmed"))
    assert text_of(data_file) == before, "a preview writes nothing"
    assert '-date = "2026"' in proposal.preview and '+date = "2026-12-24"' in proposal.preview
    assert (await knowledge.release_date()).precision is Precision.YEAR

    applied = await editor.apply(proposal, "1234")
    after = text_of(data_file)
    assert changed_lines(before, after) == [
        '-date = "2026"',
        '+date = "2026-12-24"',
        '-status = "expected"',
        '+status = "confirmed"',
        "-as_of = 2025-07-28",
        "+as_of = 2026-03-02",
    ]
    assert comment_lines(after) == comment_lines(before)
    release = await knowledge.release_date()
    assert (release.precision, release.year, release.month, release.day) == (Precision.DAY, 2026, 12, 24)
    assert applied.version == proposal.after_sha256[:12]
    [record] = await editor.history()
    assert (record.editor, record.action, record.source_url) == ("1234", "release", WIKIPEDIA)
    assert record.summary == "release date 2026 → 2026-12-24, status confirmed"


async def test_release_to_the_hour_with_a_new_source(
    editor: KnowledgeEditor, knowledge: KnowledgeService
) -> None:
    text = await make(editor, SetRelease("2026-05-01", TUDUM, time="08:00", timezone="America/Los_Angeles"))
    assert 'date = "2026-05-01T08:00"\ntimezone = "America/Los_Angeles"\n' in text
    assert 'url = "https://www.netflix.com/tudum/articles/heartstopper-forever-release-date"' in text
    assert "[sources.netflix-com]" in text and 'source = "netflix-com"' in text
    release = await knowledge.release_date()
    assert release.precision is Precision.INSTANT
    assert release.instant == datetime(2026, 5, 1, 15, 0, tzinfo=UTC)
    # Back to a day: the time zone goes with the hour.
    text = await make(editor, SetRelease("2026-05", TUDUM))
    assert "\ntimezone =" not in text and 'date = "2026-05"\n' in text


# Each kind of change, and the line that starts the entry it may change (None: it only adds).
EVERY_KIND: list[tuple[Edit, str | None]] = [
    (SetRelease("2026-12", TUDUM), "[release]"),
    (AddFact("Heartstopper Forever runs 95 minutes.", TUDUM, topic="film", keywords="runtime, long"), None),
    (
        EditFact("more-cast-later", WIKIPEDIA, statement="More cast was announced in 2026."),
        'id = "more-cast-later"',
    ),
    (RemoveFact("what-is-it", WIKIPEDIA), 'id = "what-is-it"'),
    (RemoveFact("four-seasons-plan", WIKIPEDIA), 'id = "four-seasons-plan"'),
    (AddPerson("Yasmin Finney", TUDUM, role="cast", character="Tara"), 'character = "tara"'),
    (AddPerson("Jenny Walser", TUDUM, role="cast", character="Tori Spring"), None),
    (AddCredit("director", TUDUM, person="Alice Oseman"), None),
    (AddSource("Tudum: Heartstopper Forever", TUDUM, publisher="Netflix"), None),
]


def entry_lines(text: str, marker: str) -> list[str]:
    """The lines of the entry holding the line ``marker``: from its [header] to the blank line after it."""
    lines = text.splitlines()
    at = lines.index(marker)
    start = max(index for index in range(at + 1) if lines[index].startswith("["))
    end = next((index for index in range(at, len(lines)) if not lines[index].strip()), len(lines))
    return lines[start:end]


@pytest.mark.parametrize(("edit", "entry"), EVERY_KIND, ids=lambda case: getattr(case, "action", ""))
async def test_every_kind_of_change_keeps_every_comment_and_touches_only_its_entry(
    editor: KnowledgeEditor, data_file: Path, edit: Edit, entry: str | None
) -> None:
    before = text_of(data_file)
    after = await make(editor, edit)
    assert comment_lines(after) == comment_lines(before)
    assert "\n\n\n" not in after and after.endswith("\n") and not after.endswith("\n\n")
    removed = [line[1:] for line in changed_lines(before, after) if line.startswith("-")]
    allowed = [*entry_lines(before, entry), ""] if entry else []
    assert [line for line in removed if line not in allowed] == []
    [record] = await editor.history()
    assert record.action == edit.action and record.before_text == before


async def test_a_new_fact_answers_at_once(editor: KnowledgeEditor, database: Database) -> None:
    from bot.services.answering import Answer, Answerer

    trailer = "The first trailer for Heartstopper Forever was released by Netflix on 14 February 2026."
    answerer = Answerer(KnowledgeRepository(database))
    await answerer.refresh()
    assert "14 February" not in str(await answerer.answer("is there a trailer?"))
    await make(editor, AddFact(trailer, TUDUM, keywords="trailer, teaser"))
    await answerer.refresh()
    answer = await answerer.answer("is there a trailer?")
    assert isinstance(answer, Answer) and answer.text == trailer and answer.source.url == TUDUM


async def test_an_announced_actor_fills_the_expected_character(
    editor: KnowledgeEditor, knowledge: KnowledgeService
) -> None:
    await make(editor, AddPerson("Yasmin Finney", TUDUM, role="cast", character="tara"))
    [tara] = [member for member in await knowledge.cast() if member.character == "Tara"]
    assert (tara.actor, tara.status, tara.note) == ("Yasmin Finney", "confirmed", None)


async def test_undo_restores_the_file_byte_for_byte_once(
    editor: KnowledgeEditor, data_file: Path, knowledge: KnowledgeService
) -> None:
    original = bytes_of(data_file)
    await make(editor, SetRelease("2026-12-24", TUDUM))
    after_release = bytes_of(data_file)
    await make(editor, AddFact("Heartstopper Forever runs 95 minutes.", TUDUM))

    undo = await editor.propose_undo()
    assert undo.undoes == (await editor.history())[0].id
    assert '-statement = "Heartstopper Forever runs 95 minutes."' in undo.preview
    await editor.apply(undo, "cli:test")
    assert bytes_of(data_file) == after_release
    with pytest.raises(EditRefused, match="already undone"):
        await editor.propose_undo()
    history = await editor.history()
    assert [record.action for record in history] == ["undo", "fact add", "release"]
    assert history[1].undone_by == history[0].id
    assert "undone by" in history_as_text(history)
    assert (await knowledge.release_date()).day == 24

    # Another change can be undone in its turn; the first change stays (an undo is not a redo).
    await make(editor, SetRelease("2027", TUDUM))
    await editor.apply(await editor.propose_undo(), "cli:test")
    assert bytes_of(data_file) == after_release != original


async def test_undo_of_the_only_change_gives_back_the_original_bytes(
    editor: KnowledgeEditor, data_file: Path
) -> None:
    original = bytes_of(data_file)
    await make(editor, RemoveFact("what-is-it", WIKIPEDIA))
    await editor.apply(await editor.propose_undo(), "cli:test")
    assert bytes_of(data_file) == original


async def test_undo_is_refused_after_the_file_was_edited_by_hand(
    editor: KnowledgeEditor, data_file: Path
) -> None:
    await make(editor, SetRelease("2026-12-24", TUDUM))
    write(data_file, text_of(data_file) + "\n# a note\n")
    with pytest.raises(EditConflict, match="changed since change #1"):
        await editor.propose_undo()
    with pytest.raises(EditRefused, match="no change to undo"):
        await KnowledgeEditor(data_file, _EmptyHistory(), _never, ManualClock(NOW)).propose_undo()


class _EmptyHistory(EditRepository):
    def __init__(self) -> None:
        pass

    async def latest(self, limit: int) -> list:
        return []


async def _never() -> None:
    raise AssertionError("nothing should be imported")


async def test_a_file_changed_since_the_preview_is_refused(
    editor: KnowledgeEditor, data_file: Path, knowledge: KnowledgeService
) -> None:
    proposal = await editor.propose(SetRelease("2026-12-24", TUDUM))
    someone_else = text_of(data_file).replace('date = "2026"', 'date = "2026-11"', 1)
    write(data_file, someone_else)
    with pytest.raises(EditConflict, match="changed since this preview"):
        await editor.apply(proposal, "1234")
    assert text_of(data_file) == someone_else
    assert await editor.history() == []
    assert (await knowledge.release_date()).precision is Precision.YEAR


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (SetRelease("2026-02-30", TUDUM), "[release] date: '2026-02-30' is not a real date"),
        (
            SetRelease("2026-05-01", TUDUM, time="08:00", timezone="Mars/Olympus"),
            "'Mars/Olympus' is not an IANA",
        ),
        (SetRelease("2026-05", TUDUM, time="08:00", timezone="Etc/UTC"), "needs a full date"),
        # A zone on a release known to the day: the countdown reads it, so an unknown one broke /countdown.
        (SetRelease("2026-12-24", TUDUM, timezone="Mars/Olympus"), "'Mars/Olympus' is not an IANA"),
        # Years whose first or last moment datetime cannot hold broke the countdown the same way.
        (SetRelease("0001-01-01", TUDUM), "year from 1900 to 2999"),
        (SetRelease("9999", TUDUM), "year from 1900 to 2999"),
        (SetRelease("2026", TUDUM, status="soon"), "status must be one of"),
        (EditFact("no-such-fact", TUDUM, statement="x"), "no fact with the id 'no-such-fact'"),
        (AddFact("x", TUDUM, fact_id="what-is-it"), "exists"),
        (AddFact("x", TUDUM, fact_id="Not A Slug"), "ids use lower-case letters"),
        (AddFact("   ", TUDUM), "'statement' must be non-empty text"),
        (AddCredit("cast", TUDUM, person="Kit Connor"), "needs the character"),
        (AddCredit("director", TUDUM, person="Nobody Known"), "no person 'Nobody Known'"),
        (AddCredit("stunts", TUDUM, person="Kit Connor"), "role must be one of"),
        (AddPerson("Kit Connor", TUDUM), "already in the knowledge base"),
        (AddSource("Wikipedia again", WIKIPEDIA), "already the source 'wikipedia'"),
        (EditFact("what-is-it", WIKIPEDIA, as_of="2025-07-28"), "already says that"),
        # "As of" is when the source said so: a day after today (in UTC; a day's grace for time zones ahead).
        (AddFact("x", TUDUM, as_of="2099-01-01"), "as-of date 2099-01-01 is in the future"),
        (AddSource("Soon", "https://example.com/soon", published="2026-03-04"), "published date 2026-03-04"),
    ],
)
async def test_an_invalid_change_is_refused_and_the_file_untouched(
    editor: KnowledgeEditor, data_file: Path, edit: Edit, message: str
) -> None:
    before = bytes_of(data_file)
    with pytest.raises(EditRefused) as refused:
        await editor.propose(edit)
    assert message in refused.value.message
    assert str(data_file) not in refused.value.message
    assert bytes_of(data_file) == before
    assert await editor.history() == []


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "ftp://example.com/x",
        "javascript:alert(1)",
        "https://",
        "https://a b",
        # Not allowed unescaped in an address, and each would break the <address> the embeds show it in.
        "https://example.com/a>b",
        'https://example.com/"quoted"',
        "https://example.com/`code`",
    ],
)
async def test_a_change_without_a_web_source_is_refused(
    editor: KnowledgeEditor, data_file: Path, url: str
) -> None:
    before = bytes_of(data_file)
    with pytest.raises(EditRefused, match="address of its source"):
        await editor.propose(SetRelease("2026-12-24", url))
    assert bytes_of(data_file) == before


async def test_a_failed_import_puts_the_file_back(database: Database, data_file: Path) -> None:
    before = bytes_of(data_file)

    async def refusing_import() -> None:
        raise RuntimeError("database busy")

    editor = KnowledgeEditor(data_file, EditRepository(database), refusing_import, ManualClock(NOW))
    proposal = await editor.propose(SetRelease("2026-12-24", TUDUM))
    with pytest.raises(RuntimeError):
        await editor.apply(proposal, "cli:test")
    assert bytes_of(data_file) == before
    assert await editor.history() == []
    assert files_in(data_file.parent) == [data_file.name], "no temporary file left"


async def test_autocomplete_choices_come_from_the_file(editor: KnowledgeEditor) -> None:
    assert ("Kit Connor", "kit-connor") in editor.people_choices()
    assert any(value == "why-no-season-4" and "fourth" in label for label, value in editor.fact_choices())
    assert ("Charlie Spring", "charlie-spring") in editor.character_choices()
    assert any(value == WIKIPEDIA for _, value in editor.source_choices())


def test_slugify() -> None:
    assert slugify("Heartstopper Forever runs 95 minutes!") == "heartstopper-forever-runs-95-minutes"
    assert slugify("www.netflix.com") == "www-netflix-com"
    assert slugify("¿?") == "entry"
    # An accented name keeps its letters (it came out as "mile" and "lodie-ozdemir").
    assert slugify("Émile 🎬") == "emile"
    assert slugify("Élodie Özdemir") == "elodie-ozdemir"


async def test_a_running_bot_catches_up_with_a_change_imported_by_another_process(
    editor: KnowledgeEditor, database: Database, data_file: Path, knowledge: KnowledgeService
) -> None:
    # The running bot's service remembers the release; `python -m bot kb` (another process, another service on
    # the same database) changes and imports the file; /reload-data must then make the bot follow.
    running = KnowledgeService(KnowledgeRepository(database))
    assert await running.catch_up() is None  # as the bot does at start: notes the import it starts from
    assert not (await running.import_file(data_file)).changed
    assert (await running.release_date()).precision is Precision.YEAR
    await make(editor, SetRelease("2026-12-24", TUDUM))
    picked_up = await running.catch_up()
    assert picked_up is not None and "made outside the bot" in picked_up.describe()
    assert (await running.release_date()).day == 24
    assert not (await running.import_file(data_file)).changed


async def test_the_timeline_dates_the_release_by_the_release_an_editor_set(
    editor: KnowledgeEditor, knowledge: KnowledgeService
) -> None:
    [before] = [event for event in await knowledge.timeline() if event.kind == "release"]
    assert before.when == "2026"
    await make(editor, SetRelease("2026-12-24", TUDUM))
    events = await knowledge.timeline()
    [release] = [event for event in events if event.kind == "release"]
    assert release.when == "24 December 2026"
    assert events == sorted(events, key=lambda event: event.date_text), "still in date order"


async def test_rewording_a_fact_drops_its_translations_of_the_old_statement(
    editor: KnowledgeEditor, knowledge: KnowledgeService
) -> None:
    assert "what-is-it" in await knowledge.fact_translations("pt_BR")
    edit = EditFact("what-is-it", WIKIPEDIA, statement="Heartstopper Forever is a film.")
    assert (await editor.propose(edit)).summary.endswith(
        "(its translations dropped: they said the old statement)"
    )
    text = await make(editor, edit)
    assert "Heartstopper Forever is a film." in text
    assert "translations.pt_BR = " not in text and "é um filme para TV" not in text
    assert "what-is-it" not in await knowledge.fact_translations("pt_BR")


@pytest.mark.parametrize(
    ("edit", "english", "portuguese"),
    [
        (
            SetRelease("2026-12-24", TUDUM, status="confirmed"),
            "release date 2026 → 2026-12-24, status confirmed (new source netflix-com)",
            "data de lançamento 2026 → 2026-12-24, status confirmed (nova fonte netflix-com)",
        ),
        (
            AddPerson("Jenny Walser", WIKIPEDIA, role="cast", character="Tori Spring"),
            "person jenny-walser added; credit cast jenny-walser as tori-spring added (new character tori-spring)",
            "pessoa jenny-walser adicionada; crédito cast jenny-walser como tori-spring adicionado "
            "(novo personagem tori-spring)",
        ),
        (
            EditFact("what-is-it", WIKIPEDIA, statement="Heartstopper Forever is a film.", topic="film"),
            "fact what-is-it: statement, topic changed (its translations dropped: they said the old statement)",
            "fato what-is-it: mudança em statement, topic (as traduções dele foram removidas: diziam o enunciado "
            "antigo)",
        ),
        (RemoveFact("what-is-it", WIKIPEDIA), "fact what-is-it removed", "fato what-is-it removido"),
    ],
    ids=lambda case: getattr(case, "action", ""),
)
async def test_a_changes_summary_is_recorded_in_english_and_worded_in_the_editors_language(
    editor: KnowledgeEditor, edit: Edit, english: str, portuguese: str
) -> None:
    """The audit table keeps the English summary; a reply words the same phrases in its reader's language (the
    data file's ids, keys and roles stay as they are)."""
    from bot.i18n import language

    proposal = await editor.propose(edit)
    assert proposal.summary == english == editing.summary_text(proposal.wording)
    assert editing.summary_text(proposal.wording, language("pt-BR")) == portuguese
    applied = await editor.apply(proposal, "cli:test")
    [record] = await editor.history()
    assert record.summary == applied.summary == english and applied.wording == proposal.wording
