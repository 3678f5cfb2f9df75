"""/kb and /reload-data in the reader's language, through the real discord.py client and the sandbox: an editor's
Discord locale picks the preview's wording, its buttons, what the preview turns into, the history, the gaps and
the refusals; a non-editor's or non-owner's refusal is in theirs. (English readers: tests/e2e/test_kb_editing.py.)

A change's summary is shown in the editor's language in its preview and outcome; `/kb history` shows it as the audit
table recorded it (in English, as `python -m bot kb history` does)."""

from __future__ import annotations

import asyncio
import shutil
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import DEFAULT_DATA_FILE
from bot.sandbox import Member, visible_text
from bot.sandbox.interactions import InteractionResult
from bot.sandbox.permissions import Permissions
from tests.e2e.conftest import Harness
from tests.e2e.test_ask_gaps import UNANSWERABLE, stored_gaps
from tests.e2e.test_fan_commands import embed_text

TUDUM = "https://www.netflix.com/tudum/articles/heartstopper-forever-release-date"
RELEASE = {"date": "2026-12-24", "source": TUDUM}


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "heartstopper_forever.toml"
    shutil.copyfile(DEFAULT_DATA_FILE, path)
    return path


async def kb(
    harness: Harness, command: str, options: dict[str, Any], locale: str, member: Member | None = None
) -> InteractionResult:
    demo = harness.demo
    return await harness.sandbox.invoke(
        f"kb {command}",
        options,
        guild=demo.guild,
        member=member or demo.admin,
        channel=demo.general,
        locale=locale,
    )


def buttons(message: dict[str, Any] | None) -> dict[str, str]:
    """label → custom_id of a message's buttons."""
    assert message is not None
    return {
        button["label"]: button["custom_id"]
        for row in message.get("components") or []
        for button in row["components"]
    }


async def press(
    harness: Harness, shown: InteractionResult, label: str, locale: str, member: Member | None = None
) -> InteractionResult:
    message = shown.original
    assert message is not None
    return await harness.sandbox.click(
        message["id"], buttons(message)[label], member=member or harness.demo.admin, locale=locale
    )


async def outcome(shown: InteractionResult, preview_title: str) -> str:
    """What the preview turned into, once the bot edited it (after writing and importing, a moment later)."""
    for _ in range(500):  # 0.02 s apart: 10 s in all
        message = shown.original
        if message is not None and not visible_text(message).startswith(preview_title):
            assert not message.get("components"), "the buttons go once the preview is answered"
            return visible_text(message)
        await asyncio.sleep(0.02)
    raise AssertionError("the preview was not replaced by an outcome")


async def test_a_brazilian_editor_previews_confirms_and_reads_the_history_in_portuguese(
    editors: Harness, data_file: Path
) -> None:
    harness, admin = editors, editors.demo.admin
    shown = await kb(harness, "release", RELEASE | {"status": "confirmed"}, "pt-BR")
    assert shown.ephemeral
    preview = embed_text(shown.embeds[0])
    assert preview.startswith("Alterar a base de conhecimento?")
    assert f"Fonte: <{TUDUM}>" in preview and '+date = "2026-12-24"' in preview
    assert "Nada é gravado até você apertar **Confirmar** (em até 10 minutos)." in preview
    assert (
        preview.splitlines()[1]
        == "**data de lançamento 2026 → 2026-12-24, status confirmed (nova fonte netflix-com)**"
    )
    assert "Change the knowledge base" not in preview and "Nothing is written" not in preview
    assert set(buttons(shown.original)) == {"Confirmar", "Cancelar"}

    await press(harness, shown, "Confirmar", "pt-BR")
    applied = await outcome(shown, "Alterar a base de conhecimento?")
    assert applied.startswith("Base de conhecimento alterada")
    assert "data de lançamento 2026 → 2026-12-24, status confirmed (nova fonte netflix-com)." in applied
    assert "Alteração nº 1; versão dos dados `" in applied and "`/kb desfazer` desfaz." in applied

    history = embed_text((await kb(harness, "history", {}, "pt-BR")).embeds[0])
    assert history.startswith("Histórico da base de conhecimento")
    # The audit record, as written when the change was made.
    assert (
        f" por <@{admin.id}>: release date 2026 → 2026-12-24, status confirmed (new source netflix-com)"
        in history
    )
    assert TUDUM in history

    undo = await kb(harness, "undo", {}, "pt-BR")
    assert (
        "**desfazer nº 1: release date 2026 → 2026-12-24, status confirmed (new source netflix-com)**"
        in embed_text(undo.embeds[0])
    )
    await press(harness, undo, "Confirmar", "pt-BR")
    assert (await outcome(undo, "Alterar a base de conhecimento?")).startswith(
        "Base de conhecimento alterada"
    )
    history = embed_text((await kb(harness, "history", {}, "pt-BR")).embeds[0])
    assert "(desfeita pela nº 2)" in history

    # The service's refusals, each in Portuguese under its Portuguese heading.
    again = await kb(harness, "undo", {}, "pt-BR")
    assert again.ephemeral and not again.components
    assert embed_text(again.embeds[0]) == (
        "Nada mudou\nA última mudança (nº 2) já foi desfeita; um desfazer não é desfeito de novo."
    )
    bad_source = await kb(harness, "release", RELEASE | {"source": "netflix.com/tudum"}, "pt-BR")
    assert embed_text(bad_source.embeds[0]) == (
        "Nada mudou\nToda mudança precisa do endereço da fonte, começando com https:// ou http:// "
        "(não 'netflix.com/tudum')."
    )
    bad_time = await kb(harness, "release", RELEASE | {"time": "25:00", "timezone": "Etc/UTC"}, "pt-BR")
    assert "O horário precisa estar no formato HH:MM de 24 horas, como 08:00, não '25:00'." in embed_text(
        bad_time.embeds[0]
    )


async def test_a_german_editor_cancels_lets_a_preview_expire_and_reads_the_gaps_in_german(
    editors: Harness, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The module the running bot loaded (discord.py's load_extension puts a fresh one in sys.modules; an earlier
    # plain import, such as the catalog check's, would leave ``bot.cogs.knowledge_admin`` the stale one).
    knowledge_admin = sys.modules["bot.cogs.knowledge_admin"]
    harness, demo = editors, editors.demo
    before = read(data_file)
    shown = await kb(harness, "fact add", {"statement": "The film runs 95 minutes.", "source": TUDUM}, "de")
    preview = embed_text(shown.embeds[0])
    assert preview.startswith("Wissensdatenbank ändern?") and f"Quelle: <{TUDUM}>" in preview
    assert "bis du auf **Bestätigen** drückst (innerhalb von 10 Minuten)" in preview
    assert set(buttons(shown.original)) == {"Bestätigen", "Abbrechen"}

    # Another administrator is not the editor who asked: told so in their own language (here Portuguese).
    moderator = demo.guild.add_member("Mod", permissions=Permissions.ADMIN)
    not_yours = await press(harness, shown, "Bestätigen", "pt-BR", member=moderator)
    assert not_yours.ephemeral and embed_text(not_yours.embeds[0]) == (
        "Essa mudança não é sua\nSó quem pediu esta mudança pode confirmá-la ou cancelá-la."
    )

    cancelled = await press(harness, shown, "Abbrechen", "de")
    assert cancelled.original is not None and not cancelled.original.get("components")
    assert (
        visible_text(cancelled.original)
        == "Nichts geändert\nAbgebrochen: Die Datendatei wurde nicht angerührt."
    )

    monkeypatch.setattr(knowledge_admin, "CONFIRM_TIMEOUT", timedelta(seconds=0.2))
    expiring = await kb(harness, "release", RELEASE, "de")
    expired = await outcome(expiring, "Wissensdatenbank ändern?")
    assert expired == (
        "Nichts geändert\nDie Vorschau ist abgelaufen: Die Datendatei wurde nicht angerührt. "
        "Führ den Befehl noch mal aus, um die Änderung zu machen."
    )
    assert read(data_file) == before

    empty = embed_text((await kb(harness, "gaps", {}, "de")).embeds[0])
    assert empty == "Offene Fragen\nKeine offenen Fragen in den letzten 90 Tagen."
    await harness.invoke("ask", {"question": UNANSWERABLE})
    await stored_gaps(harness, 1)
    gaps = embed_text((await kb(harness, "gaps", {}, "de")).embeds[0])
    assert gaps.startswith("Offene Fragen\nWas Fans gefragt haben") and "„Nicht meine Frage“" in gaps
    assert "Fragen werden 90 Tage lang aufbewahrt" in gaps
    [line] = [line for line in gaps.splitlines() if "×" in line]
    assert line.startswith(
        "**1×** who composed the music for heartstopper forever · keine Antwort · zuletzt <t:"
    )


async def test_a_preview_from_before_a_restart_is_explained_in_the_pressers_language(
    editors: Harness, data_file: Path
) -> None:
    harness = editors
    shown = await kb(harness, "release", RELEASE, "pt-BR")
    await harness.restart()
    pressed = await press(harness, shown, "Confirmar", "pt-BR")
    assert pressed.original is not None and not pressed.original.get("components")
    assert visible_text(pressed.original) == (
        "Nada mudou\nEu reiniciei depois desta prévia, então os botões dela não funcionam mais: o arquivo de dados "
        "não foi alterado. Use o comando de novo para fazer a mudança."
    )


async def test_a_non_editor_is_refused_in_their_language(editors: Harness, data_file: Path) -> None:
    harness, demo = editors, editors.demo
    moderator = demo.guild.add_member("Mod", permissions=Permissions.ADMIN)
    for locale, expected in (
        (
            "pt-BR",
            "Só para editores\nSó os donos do bot (OWNER_IDS) e os editores da base de conhecimento (EDITOR_IDS) "
            "podem usar /kb.",
        ),
        (
            "de",
            "Nur für die Redaktion\nNur die Besitzer des Bots (OWNER_IDS) und die Redaktion der Wissensdatenbank "
            "(EDITOR_IDS) können /kb nutzen.",
        ),
        (
            "en-US",
            "Editors only\nOnly the bot's owners (OWNER_IDS) and the knowledge base's editors (EDITOR_IDS) can "
            "use /kb.",
        ),
    ):
        for command, options in (("release", RELEASE), ("gaps", {}), ("history", {})):
            refused = await kb(harness, command, options, locale, member=moderator)
            assert refused.ephemeral and embed_text(refused.embeds[0]) == expected


async def test_reload_data_answers_an_owner_and_refuses_anyone_else_in_their_language(
    harness: Harness, data_file: Path
) -> None:
    demo = harness.demo

    async def reload(locale: str) -> str:
        result = await harness.sandbox.invoke(
            "reload-data", {}, guild=demo.guild, member=demo.admin, channel=demo.general, locale=locale
        )
        assert result.ephemeral
        return embed_text(result.embeds[0])

    assert await reload("pt-BR") == (
        "Hmm, isso não deu certo\nSó os donos do bot (OWNER_IDS) podem recarregar os dados dele."
    )
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {demo.admin.id}  # as OWNER_IDS would set it
    assert await reload("pt-BR") == (
        f"Dados recarregados\n{data_file}: sem mudanças desde a última importação; nada a fazer."
    )
    write(data_file, read(data_file) + "\n# a comment\n")
    imported = await reload("de")
    assert imported.startswith(f"Daten neu geladen\n{data_file} importiert: ")
    assert " Personen, " in imported and " Fakten." in imported

    write(data_file, "this is = = not toml")
    refused = await reload("pt-BR")
    assert refused.startswith("O arquivo de dados tem um problema\nNada mudou: ")
    assert "O bot continua com os dados importados em " in refused and ", versão " in refused
