"""Wording the bot records or builds before its reader is known, worded in each reader's language when shown:
the stored reasons (bot/phrases.py, and migration 0014 for rows written before), schedule descriptions, setup's
changes, and /ask's missing parts (bot/services/missing_parts.py)."""

from __future__ import annotations

import json
import sqlite3
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.db import Database
from bot.db.announcements import AnnouncementRepository
from bot.db.database import available_migrations
from bot.db.premiere_events import PremiereEventRepository
from bot.i18n import ENGLISH, TRANSLATED_LANGUAGES, Phrase, language
from bot.phrases import TEMPLATES, from_stored, phrase, stored
from bot.services import missing_parts
from bot.services.language import UNKNOWN_LABELS
from bot.services.schedules import Schedule

PORTUGUESE = language("pt-BR")
NOW = "2026-01-01T00:00:00+00:00"


def test_a_stored_reason_reads_back_in_any_language_and_as_the_same_english() -> None:
    reason = phrase(
        "outcome",
        explanation=phrase("outcome.channel_forbidden"),
        reason=phrase("delivery.missing_permission", detail="Discord 403 (code 50013)"),
    )
    text = stored(reason)
    assert text is not None and json.loads(text)["code"] == "outcome"
    back = from_stored(text)
    assert isinstance(back, Phrase)
    assert (
        back
        == "the bot may not post in this channel: missing permission to post there (Discord 403 (code 50013))"
    )
    assert PORTUGUESE.phrase(back) == (
        "o bot não pode postar neste canal: falta permissão para postar lá (Discord 403 (code 50013))"
    )
    assert ENGLISH.phrase(back) == str(back)


def test_plain_text_and_unknown_or_changed_codes_stay_readable() -> None:
    assert stored("Discord 503") == "Discord 503" and from_stored("Discord 503") == "Discord 503"
    assert stored(None) is None and from_stored(None) is None
    assert from_stored("{not json") == "{not json"
    gone = json.dumps({"code": "no.such.code", "params": {}, "en": "what it said"})
    assert (
        from_stored(gone) == "what it said" and PORTUGUESE.phrase(from_stored(gone) or "") == "what it said"
    )
    # A template whose placeholders changed since the row was written: the English it was written with.
    changed = json.dumps({"code": "delivery.folded", "params": {}, "en": "folded into countdown:7"})
    assert from_stored(changed) == "folded into countdown:7"


@pytest.mark.parametrize("catalog", TRANSLATED_LANGUAGES)
def test_every_stored_wording_has_a_translation(catalog: str) -> None:
    reader = language({"pt_BR": "pt-BR", "es": "es-ES"}.get(catalog, catalog))
    for code, template in TEMPLATES.items():
        if code in ("outcome", "discord.status") or (catalog, code) == ("fr", "discord.status_code"):
            continue  # no words of their own to translate, or the same words ("code" in French)
        params = {name: "X" for name in _placeholders(template)}
        assert reader.phrase(phrase(code, **params)) != template.format(**params), (catalog, code)


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


async def test_migration_14_maps_the_english_rows_written_before(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as connection:
        for number, _, sql in available_migrations():
            if number < 14:
                connection.executescript(sql)
        connection.execute("PRAGMA user_version = 13")
        rows = [
            (
                1,
                11,
                "paused",
                "the bot may not post in this channel: missing permission to post there "
                "(Discord 403 (code 50013))",
                None,
            ),
            (
                1,
                12,
                "active",
                None,
                "the ping role was deleted, so posts ping nobody; run setup again to choose another role",
            ),
            (1, 13, "disabled", "something a later version never wrote", None),
        ]
        for guild_id, channel_id, state, reason, notice in rows:
            connection.execute(
                "INSERT INTO announcement_subscriptions (guild_id, channel_id, schedule, local_time, timezone, state, "
                "state_reason, notice, created_at, updated_at, handled_until) "
                "VALUES (?, ?, 'milestones', '09:00', 'Etc/UTC', ?, ?, ?, ?, ?, ?)",
                (guild_id, channel_id, state, reason, notice, NOW, NOW, NOW),
            )
        connection.execute(
            "INSERT INTO premiere_events (guild_id, reason, updated_at) VALUES (1, ?, ?)",
            ("the premiere time has passed", NOW),
        )
        connection.commit()

    database = await Database.open(path)
    try:
        subscriptions = {
            record.channel_id: record
            for record in await AnnouncementRepository(database).subscriptions_for_guild(1)
        }
        paused = subscriptions[11].state_reason
        assert isinstance(paused, Phrase) and paused == rows[0][3]
        assert PORTUGUESE.phrase(paused) == (
            "o bot não pode postar neste canal: falta permissão para postar lá (Discord 403 (code 50013))"
        )
        notice = subscriptions[12].notice
        assert isinstance(notice, Phrase) and PORTUGUESE.phrase(notice).startswith(
            "o cargo de marcação foi excluído"
        )
        # A row the migration does not know stays as written: English, as before.
        assert subscriptions[13].state_reason == "something a later version never wrote"
        assert not isinstance(subscriptions[13].state_reason, Phrase)
        event = await PremiereEventRepository(database).get(1)
        assert event is not None and PORTUGUESE.phrase(event.reason or "") == "o horário da estreia já passou"
    finally:
        await database.close()


def test_schedules_are_described_in_the_readers_language_and_in_the_same_english() -> None:
    weekly = Schedule.weekly("saturday")
    assert weekly.describe() == "every Saturday, and release day"
    assert PORTUGUESE.phrase(weekly.describe()) == "todo sábado, e no dia da estreia"
    assert language("de").phrase(Schedule.daily(14).describe()) == (
        "täglich in den letzten 14 Tagen und am Tag der Veröffentlichung"
    )
    assert Schedule.milestones([30, 7]).describe() == "milestones (30, 7 days before) and release day"
    assert language("fr").phrase(Schedule.milestones([]).describe()) == "le jour de la sortie uniquement"


def test_the_missing_parts_templates_are_the_answerers_labels() -> None:
    """/ask's table of labels (read by the matching logic) and their translatable copies stay in step."""
    assert missing_parts.LABELS == UNKNOWN_LABELS
    about_someone = {label for label in UNKNOWN_LABELS.values() if "{who}" in label}
    assert about_someone == set(missing_parts.WITHOUT_SUBJECT)


def test_a_missing_part_keeps_its_english_and_is_worded_for_the_reader() -> None:
    named = missing_parts.label("height", "Joe Locke")
    assert named == "Joe Locke's height" and PORTUGUESE.phrase(named) == "a altura de Joe Locke"
    nobody = missing_parts.label("height", missing_parts.NO_SUBJECT)
    assert nobody == "their height" and PORTUGUESE.phrase(nobody) == "a altura"
    # The private-life path never repaired "their's": the English stays as it was, the translation is right.
    private = missing_parts.label("personal", missing_parts.NO_SUBJECT, repair_their=False)
    assert private == "their's personal life" and PORTUGUESE.phrase(private) == "a vida pessoal"
    assert language("es-ES").phrase(missing_parts.label("runtime", "x")) == "la duración"


def test_a_quoted_part_is_requoted_in_the_fans_own_words() -> None:
    item = missing_parts.declined("write me a poem")
    again = missing_parts.requote(item, "escreve um poema pra mim")
    assert again == "an answer to “escreve um poema pra mim” (not something I do)"
    assert PORTUGUESE.phrase(again) == "uma resposta para “escreve um poema pra mim” (não é algo que eu faça)"
    label = missing_parts.label("runtime", "x")
    assert missing_parts.requote(label, "quanto tempo dura") is label  # nothing quoted: the same phrase


def test_a_missed_posts_reason_round_trips_with_its_params() -> None:
    reason = phrase(
        "delivery.missed", due=f"{datetime(2026, 1, 1, tzinfo=UTC):%Y-%m-%d %H:%M}", grace="1:00:00"
    )
    back = from_stored(stored(reason))
    assert back == "missed: due 2026-01-01 00:00 UTC, more than 1:00:00 before the bot could post it"
    assert PORTUGUESE.phrase(back or "").startswith("perdido: previsto para 2026-01-01 00:00 UTC")
