"""What Discord refuses in a command's ``name_localizations`` / ``description_localizations`` that the OpenAPI
description cannot say: an unknown locale, a name outside the name rules (lower case, letters, numbers, ``-``
``_`` ``'``, 1 to 32 characters), a description or choice over 100 characters, two options (or two commands)
with the same name in one language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .errors import ApiError, form_errors

#: https://discord.com/developers/docs/reference#locales
LOCALES = frozenset(
    [
        "id",
        "da",
        "de",
        "en-GB",
        "en-US",
        "es-ES",
        "es-419",
        "fr",
        "hr",
        "it",
        "lt",
        "hu",
        "nl",
        "no",
        "pl",
        "pt-BR",
        "ro",
        "fi",
        "sv-SE",
        "vi",
        "tr",
        "cs",
        "el",
        "bg",
        "ru",
        "uk",
        "hi",
        "th",
        "zh-CN",
        "ja",
        "zh-TW",
        "ko",
    ]
)
CHAT_INPUT = 1
SUBCOMMAND_TYPES = (1, 2)


def valid_name(name: str, *, chat_input: bool) -> bool:
    """Discord's ``^[-_'\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$``, lower case for slash commands."""
    if not 1 <= len(name) <= 32:
        return False
    if chat_input and name != name.lower():
        return False
    return all(ch.isalnum() or ch in "-_'" or _indic_or_thai(ch) for ch in name)


def _indic_or_thai(ch: str) -> bool:
    return 0x0900 <= ord(ch) <= 0x097F or 0x0E00 <= ord(ch) <= 0x0E7F


def _refuse(where: str, problem: str, code: str) -> ApiError:
    return ApiError(
        400,
        50035,
        "Invalid Form Body",
        problem=f"{where}: {problem}",
        errors=form_errors([("name_localizations", code, problem)]),
    )


def _check_dict(
    where: str, owner: str, field: str, values: Any, *, name: bool, chat_input: bool, limit: int
) -> None:
    if values is None:
        return
    for locale, text in values.items():
        if locale not in LOCALES:
            raise _refuse(where, f"{owner}: {field} has an unknown locale {locale!r}", "LOCALE_INVALID")
        if not isinstance(text, str) or not 1 <= len(text) <= limit:
            raise _refuse(
                where, f"{owner}: {field}[{locale}] must be 1 to {limit} characters", "BASE_TYPE_BAD_LENGTH"
            )
        if name and not valid_name(text, chat_input=chat_input):
            raise _refuse(
                where,
                f"{owner}: {field}[{locale}] {text!r} is not a valid command name",
                "APPLICATION_COMMAND_INVALID_NAME",
            )


def _names_by_locale(entries: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for entry in entries:
        localized = entry.get("name_localizations") or {}
        for locale in LOCALES:
            names.setdefault(locale, []).append(localized.get(locale, entry["name"]))
    return names


def _check_unique(where: str, owner: str, entries: list[dict[str, Any]]) -> None:
    for locale, names in _names_by_locale(entries).items():
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise _refuse(
                where,
                f"{owner}: two names are {duplicates[0]!r} in {locale}",
                "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
            )


def check_localizations(commands: list[dict[str, Any]], where: str) -> None:
    """Raise the ApiError Discord answers a PUT of ``commands`` with, when one's localizations are refused."""
    for kind in {int(command.get("type") or CHAT_INPUT) for command in commands}:
        _check_unique(where, "commands", [c for c in commands if int(c.get("type") or CHAT_INPUT) == kind])
    for command in commands:
        chat_input = int(command.get("type") or CHAT_INPUT) == CHAT_INPUT
        _check_entry(where, command, chat_input=chat_input)


def _check_entry(where: str, entry: dict[str, Any], *, chat_input: bool) -> None:
    owner = repr(entry["name"])
    _check_dict(
        where,
        owner,
        "name_localizations",
        entry.get("name_localizations"),
        name=True,
        chat_input=chat_input,
        limit=32,
    )
    _check_dict(
        where,
        owner,
        "description_localizations",
        entry.get("description_localizations"),
        name=False,
        chat_input=chat_input,
        limit=100,
    )
    options = entry.get("options") or []
    if options:
        _check_unique(where, f"options of {owner}", options)
    for option in options:
        _check_entry(where, option, chat_input=chat_input)
        for choice in option.get("choices") or []:
            _check_dict(
                where,
                f"choice {choice.get('name')!r} of {option['name']!r}",
                "name_localizations",
                choice.get("name_localizations"),
                name=False,
                chat_input=chat_input,
                limit=100,
            )
