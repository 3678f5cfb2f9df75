"""Replies in the reader's language, through the real discord.py client and the sandbox: a fan's Discord locale
picks /countdown's and /ask's language, a server's preferred locale picks its scheduled posts' (unless an admin
chose one in /announcements setup), and English readers see what they always saw."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.messages import visible_text
from bot.sandbox.rules import walk_components
from tests.e2e.conftest import Harness
from tests.e2e.test_announcements import data_with_release
from tests.e2e.test_fan_commands import embed_text, heading

RELEASE_DAY = "2026-01-15"


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return data_with_release(tmp_path, RELEASE_DAY)


async def as_reader(harness: Harness, command: str, options: dict[str, Any], locale: str) -> Any:
    demo = harness.demo
    return await harness.sandbox.invoke(
        command, options, guild=demo.guild, member=demo.fan, channel=demo.general, locale=locale
    )


def buttons(message: Any) -> list[dict]:
    """Every button of a message (an embed's rows or a card's nested row)."""
    rows = message.components if hasattr(message, "components") else message.get("components")
    return [c for c in walk_components(rows) if c.get("type") == 2]


async def test_countdown_answers_a_brazilian_fan_in_portuguese(harness: Harness) -> None:
    result = await as_reader(harness, "countdown", {}, "pt-BR")
    text = result.text  # the countdown card
    assert "### Contagem regressiva para Heartstopper Forever" in text
    assert heading(result.original or {}) == "Faltam 14 dias"
    assert "Na Netflix em 15 de janeiro de 2026: **Faltam 14 dias**." in text
    assert "Adicionar à agenda" in text and "/contagem-regressiva" in text
    assert "Fonte: " in text and "days to go" not in text


async def test_countdown_for_an_english_reader_is_unchanged(harness: Harness) -> None:
    for locale in ("en-US", "en-GB"):
        text = (await as_reader(harness, "countdown", {}, locale)).text
        assert "On Netflix on 15 January 2026: **14 days to go**." in text
        assert "Add to calendar" in text and "Source: " in text


async def test_the_same_question_is_answered_in_each_readers_language(harness: Harness) -> None:
    """Replies are kept per language: a Portuguese reader after an English one does not get the English one."""
    english = (await as_reader(harness, "countdown", {}, "en-US")).text
    spanish = (await as_reader(harness, "countdown", {}, "es-419")).text
    german = (await as_reader(harness, "countdown", {}, "de")).text
    assert "14 days to go" in english
    assert "Faltan 14 días" in spanish and "15 de enero de 2026" in spanish
    assert "Noch 14 Tage" in german and "15. Januar 2026" in german


async def test_ask_in_portuguese_gives_the_fact_in_english_with_a_note_where_it_has_no_translation(
    harness: Harness,
) -> None:
    result = await as_reader(harness, "ask", {"question": "who directs Heartstopper Forever?"}, "pt-BR")
    embed = result.embeds[0]
    text = embed_text(embed)
    assert "Wash Westmoreland" in text  # the fact itself, in English: the data file has no translation of it
    assert "Por enquanto só tenho isso em inglês." in text
    assert embed["author"]["name"] == "P: who directs Heartstopper Forever?"
    assert embed["footer"]["text"].startswith("Fonte: ")
    assert "(em " in embed["footer"]["text"]  # "as of" with the date the Brazilian way
    assert [button["label"] for button in buttons(result)] == ["Não foi isso que perguntei"]


async def test_ask_in_portuguese_gives_the_translation_the_data_file_has(harness: Harness) -> None:
    result = await as_reader(harness, "ask", {"question": "what even is heartstopper forever"}, "pt-BR")
    text = embed_text(result.embeds[0])
    assert "é um filme para TV de longa-metragem" in text
    assert "inglês" not in text and "feature-length television film" not in text


async def test_ask_without_an_answer_says_so_in_portuguese(harness: Harness) -> None:
    result = await as_reader(harness, "ask", {"question": "what is Nick's favourite biscuit?"}, "pt-BR")
    embed = result.embeds[0]
    assert embed["title"] == "Essa eu não sei"
    assert "/elenco" in embed["description"] and "não vou chutar" in embed["description"]


async def test_ask_for_an_english_reader_has_no_note(harness: Harness) -> None:
    result = await as_reader(harness, "ask", {"question": "who directs Heartstopper Forever?"}, "en-US")
    text = embed_text(result.embeds[0])
    assert "Wash Westmoreland" in text and "English" not in text
    assert result.embeds[0]["author"]["name"] == "Q: who directs Heartstopper Forever?"
    assert [button["label"] for button in buttons(result)] == ["Not what I asked"]


async def test_help_lists_the_commands_by_their_names_in_the_readers_language(harness: Harness) -> None:
    text = embed_text((await as_reader(harness, "help", {}, "es-ES")).embeds[0])
    assert "`/preguntar pregunta`" in text and "`/reparto [persona]`" in text
    assert "Haz una pregunta sobre Heartstopper Forever" in text


async def test_a_refused_command_is_explained_in_the_readers_language(harness: Harness) -> None:
    demo = harness.demo
    harness.sandbox.open_command_to_everyone(demo.guild, "announcements")
    result = await harness.sandbox.invoke(
        "announcements status", {}, guild=demo.guild, member=demo.fan, channel=demo.general, locale="fr"
    )
    assert result.ephemeral
    assert "Seuls les admins du serveur" in embed_text(result.embeds[0])


async def scheduled_post_text(harness: Harness) -> str:
    """The one post 7 days before (a milestone), as its reader sees it: the card's heading first."""
    await harness.sandbox.advance_to(datetime(2026, 1, 8, 9, 1, tzinfo=UTC))
    posts = harness.sandbox.channel_messages(harness.demo.announcements)
    assert len(posts) == 1
    return heading(posts[0]) + "\n" + visible_text(posts[0])


async def test_a_spanish_servers_scheduled_post_goes_out_in_spanish(harness: Harness) -> None:
    demo = harness.demo
    demo.guild.locale = "es-ES"  # the server's Community settings
    await harness.restart()  # the bot learns it from GUILD_CREATE, as from Discord
    await harness.invoke("announcements setup", {"channel": demo.announcements}, member=demo.admin)
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert "Language: the server's (Español)" in status
    text = await scheduled_post_text(harness)
    assert text.startswith("Faltan 7 días\n") and "### Cuenta atrás para Heartstopper Forever" in text
    assert "Heartstopper Forever llega a Netflix el 15 de enero de 2026." in text
    assert "Fuente: " in text


async def test_an_admin_can_choose_the_posts_language_over_the_servers(harness: Harness) -> None:
    demo = harness.demo
    demo.guild.locale = "es-ES"
    await harness.restart()
    await harness.invoke(
        "announcements setup", {"channel": demo.announcements, "language": "pt-BR"}, member=demo.admin
    )
    status = embed_text((await harness.invoke("announcements status", member=demo.admin)).embeds[0])
    assert "Language: Português (Brasil)" in status
    text = await scheduled_post_text(harness)
    assert text.startswith("Faltam 7 dias\n") and "chega na Netflix em 15 de janeiro de 2026" in text

    # And back to the server's language.
    result = await harness.invoke(
        "announcements setup", {"channel": demo.announcements, "language": "server"}, member=demo.admin
    )
    assert "language: Português (Brasil) → the server's language" in embed_text(result.embeds[0])


async def test_an_english_servers_posts_are_unchanged(harness: Harness) -> None:
    demo = harness.demo
    await harness.invoke("announcements setup", {"channel": demo.announcements}, member=demo.admin)
    text = await scheduled_post_text(harness)
    assert text.startswith("7 days to go\n") and "### Countdown to Heartstopper Forever" in text
    assert "Heartstopper Forever arrives on Netflix on 15 January 2026." in text


async def test_the_other_fan_commands_speak_the_readers_language(harness: Harness) -> None:
    cast = embed_text((await as_reader(harness, "cast", {}, "es-ES")).embeds[0])
    assert "Reparto de Heartstopper Forever" in cast and "Quién es quién" in cast and " como " in cast
    director = embed_text((await as_reader(harness, "director", {}, "it")).embeds[0])
    assert (
        "**Wash Westmoreland** dirige Heartstopper Forever." in director and "Film precedenti: " in director
    )
    crew = embed_text((await as_reader(harness, "crew", {"role": "writer"}, "de")).embeds[0])
    assert crew.startswith("Heartstopper Forever: Drehbuch")  # a German noun keeps its capital
    about = embed_text((await as_reader(harness, "about", {}, "fr")).embeds[0])
    assert "Où le voir" in about and "15 janvier 2026" in about
    timeline = embed_text((await as_reader(harness, "timeline", {}, "pt-BR")).embeds[0])
    assert "Heartstopper Forever: a história até aqui" in timeline
    assert "Heartstopper Forever deve estrear na Netflix em 15 de janeiro de 2026." in timeline


async def test_a_reminder_set_by_a_brazilian_fan_arrives_in_portuguese(harness: Harness) -> None:
    set_up = await as_reader(harness, "remindme", {"when": "1", "timezone": "America/Sao_Paulo"}, "pt-BR")
    assert set_up.embeds[0]["title"] == "Lembrete criado"
    assert (
        "Vou te mandar uma mensagem direta no dia da estreia, e 1 dia antes."
        in set_up.embeds[0]["description"]
    )
    await harness.sandbox.advance_to(datetime(2026, 1, 15, 15, tzinfo=UTC))
    titles = [dm["embeds"][0]["title"] for dm in harness.sandbox.dm_messages(harness.demo.fan)]
    assert titles == ["Seu lembrete: falta 1 dia!", "Seu lembrete: hoje é dia de Heartstopper Forever!"]


async def test_a_refusal_a_service_writes_reaches_the_fan_in_their_language(harness: Harness) -> None:
    result = await as_reader(harness, "remindme", {"when": "1", "timezone": "Europe/Londn"}, "pt-BR")
    embed = result.embeds[0]
    assert result.ephemeral and embed["title"] == "Nenhum lembrete criado"
    assert embed["description"].startswith(
        "Não conheço o fuso horário 'Europe/Londn'. Você quis dizer Europe/London?"
    )
    english = await as_reader(harness, "remindme", {"when": "1", "timezone": "Europe/Londn"}, "en-US")
    assert english.embeds[0]["title"] == "No reminder set"
    assert english.embeds[0]["description"].startswith(
        "'Europe/Londn' is not a time zone I know. Did you mean"
    )


async def test_an_admin_reads_status_in_their_language(harness: Harness) -> None:
    demo = harness.demo
    await harness.invoke("announcements setup", {"channel": demo.announcements}, member=demo.admin)
    result = await harness.sandbox.invoke(
        "announcements status", {}, guild=demo.guild, member=demo.admin, channel=demo.general, locale="es-419"
    )
    text = embed_text(result.embeds[0])
    assert result.embeds[0]["title"] == "Anuncios de la cuenta regresiva"
    assert "Frecuencia: " in text and "Mención: nadie" in text and "Idioma: el del servidor (English)" in text
    assert "Próximo: " in text and "Faltan 7 días" in text


async def test_autocomplete_offers_the_same_names_to_a_portuguese_reader(harness: Harness) -> None:
    """With a Translator set, discord.py passes autocomplete choices through it: names from the data stay."""
    demo = harness.demo
    choices = await harness.sandbox.autocomplete(
        "cast",
        {"person": "ki"},
        focused="person",
        guild=demo.guild,
        member=demo.fan,
        channel=demo.general,
        locale="pt-BR",
    )
    assert "Kit Connor" in [choice["name"] for choice in choices]


async def test_a_spanish_servers_post_has_spanish_buttons_and_a_brazilian_click_is_answered_in_portuguese(
    harness: Harness,
) -> None:
    demo = harness.demo
    demo.guild.locale = "es-ES"
    await harness.restart()
    await harness.invoke("announcements setup", {"channel": demo.announcements}, member=demo.admin)
    await harness.sandbox.advance_to(datetime(2026, 1, 8, 9, 1, tzinfo=UTC))
    [post] = harness.sandbox.channel_messages(demo.announcements)
    labels = {button["label"]: button for button in buttons(post)}
    assert "MD el día del estreno" in labels  # the post speaks the server's language
    clicked = await harness.sandbox.click(
        post["id"], labels["MD el día del estreno"]["custom_id"], member=demo.fan, locale="pt-BR"
    )
    assert clicked.ephemeral and (clicked.content or "").startswith(
        "Pronto: vou te mandar uma mensagem direta no dia da estreia."
    )
    [confirmation] = harness.sandbox.dm_messages(demo.fan)
    assert confirmation["content"].startswith("Você me pediu uma mensagem direta no dia da estreia")
