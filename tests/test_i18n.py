"""The message catalogs: complete, placeholder-true, in step with the code; the language a Discord locale gets."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from bot import i18n
from bot.i18n_catalogs import TEMPLATE_PATH, build_template, template_text
from bot.sandbox.localizations import valid_name

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def load(path: str | object, locale: str | None = None) -> Catalog:
    with open(path, "rb") as po_file:  # type: ignore[arg-type]
        return read_po(po_file, locale=locale)


def forms(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def template_messages() -> list[Message]:
    return [message for message in load(TEMPLATE_PATH) if message.id]


def test_the_template_is_up_to_date_with_the_code() -> None:
    """Fails when a string was added or changed in the code without `python -m bot.i18n_catalogs extract`."""
    assert TEMPLATE_PATH.read_text(encoding="utf-8") == template_text(build_template()), (
        "run: python -m bot.i18n_catalogs extract && python -m bot.i18n_catalogs update, then translate"
    )


def test_the_catalogs_do_not_change_when_only_the_installed_babel_does() -> None:
    """Babel stamps its version into each header; a new Babel release must not make the template look stale."""
    paths = [TEMPLATE_PATH, *(i18n.catalog_path(code) for code in i18n.TRANSLATED_LANGUAGES)]
    headers = [
        line
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if "Generated-By" in line
    ]
    assert headers == ['"Generated-By: Babel\\n"'] * len(paths)
    assert "Generated-By: Babel\\n" in template_text(build_template())


def catalog_problems(template: list[Message], catalog: Catalog) -> list[str]:
    problems = []
    for wanted in template:
        found = catalog.get(wanted.id, wanted.context)
        label = f"{wanted.context or ''}|{forms(wanted.id)[0]}"
        if found is None:
            problems.append(f"missing: {label}")
            continue
        translations = forms(found.string)
        if found.fuzzy or not translations or not all(text.strip() for text in translations):
            problems.append(f"untranslated or fuzzy: {label}")
            continue
        expected = set().union(*(placeholders(text) for text in forms(wanted.id)))
        for text in translations:
            if placeholders(text) != expected:
                problems.append(f"placeholders {sorted(placeholders(text))} != {sorted(expected)}: {label}")
    return problems


@pytest.mark.parametrize("code", i18n.TRANSLATED_LANGUAGES)
def test_every_catalog_translates_every_string_with_the_same_placeholders(code: str) -> None:
    assert catalog_problems(template_messages(), load(i18n.catalog_path(code), code)) == []


@pytest.mark.parametrize("code", i18n.TRANSLATED_LANGUAGES)
def test_command_and_option_names_are_valid_discord_names(code: str) -> None:
    catalog = load(i18n.catalog_path(code), code)
    bad = [
        message.string
        for message in catalog
        if message.context in ("command", "option") and not valid_name(message.string, chat_input=True)
    ]
    assert bad == []


def test_a_missing_fuzzy_or_placeholder_changing_translation_is_caught() -> None:
    """The completeness check is not vacuous: each kind of gap in a catalog is reported."""
    template = [Message("{days} days to go"), Message("Source"), Message("ask", context="command")]
    catalog = Catalog(locale="pt_BR")
    catalog.add("{days} days to go", "faltam {dias} dias")  # a translated placeholder name
    catalog.add("Source", "Fonte", flags=("fuzzy",))
    assert catalog_problems(template, catalog) == [
        "placeholders ['dias'] != ['days']: |{days} days to go",
        "untranslated or fuzzy: |Source",
        "missing: command|ask",
    ]


@pytest.mark.parametrize(
    ("discord_locale", "catalog"),
    [
        ("es-ES", "es"),
        ("es-419", "es"),
        ("pt-BR", "pt_BR"),
        ("fr", "fr"),
        ("de", "de"),
        ("it", "it"),
        ("en-US", "en"),
        ("en-GB", "en"),
        ("ja", "en"),
        (None, "en"),
    ],
)
def test_a_discord_locale_gets_its_catalog(discord_locale: str | None, catalog: str) -> None:
    assert i18n.language(discord_locale).catalog == catalog


def test_dates_and_numbers_are_written_as_the_reader_writes_them() -> None:
    day = date(2026, 5, 1)
    assert i18n.language("en-US").date(day) == "1 May 2026"  # the bot's English wording, unchanged
    assert i18n.language("pt-BR").date(day) == "1 de maio de 2026"
    assert i18n.language("es-ES").date(day) == "1 de mayo de 2026"
    assert i18n.language("de").date(day) == "1. Mai 2026"
    assert i18n.language("fr").date(day) == "1 mai 2026"
    assert i18n.language("it").date(day) == "1 maggio 2026"
    assert i18n.language("de").number(1234) == "1.234"
    assert i18n.language("en-US").number(1234) == "1,234"


def test_a_translation_is_used_and_an_english_reader_gets_the_source() -> None:
    assert i18n.language("pt-BR").pgettext("command", "ask") == "perguntar"
    assert i18n.language("en-GB").pgettext("command", "ask") == "ask"
    assert i18n.language("pt-BR").lookup("command", "no such command") is None
