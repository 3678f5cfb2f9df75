"""Slash-command names, descriptions, options and choices in the reader's language (discord.py's Translator).

discord.py hands every string of the command tree to ``CatalogTranslator.translate`` when it builds the sync
payload; the answer becomes the command's ``name_localizations`` / ``description_localizations``. The strings
live in the same gettext catalogs as the replies, under a message context per kind of string (a command called
"source" and an option called "source" may need different words), so one ``.po`` per language holds all.
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Iterable, Iterator

from discord import app_commands
from discord.ext import commands

from bot import i18n

#: The gettext message context of each kind of string in the command tree.
CONTEXTS: dict[app_commands.TranslationContextLocation, str] = {
    app_commands.TranslationContextLocation.command_name: "command",
    app_commands.TranslationContextLocation.group_name: "command",
    app_commands.TranslationContextLocation.command_description: "command description",
    app_commands.TranslationContextLocation.group_description: "command description",
    app_commands.TranslationContextLocation.parameter_name: "option",
    app_commands.TranslationContextLocation.parameter_description: "option description",
    app_commands.TranslationContextLocation.choice_name: "choice",
}


class CatalogTranslator(app_commands.Translator):
    """Every Discord locale the bot speaks gets every string: English ones their source text, so a synced
    command carries localizations for all six languages and Discord shows no mix."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: app_commands.TranslationContextTypes | object,  # discord.Locale (typed loosely by design)
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        return _translated(getattr(locale, "value", None), context.location, string.message)


@functools.cache
def _translated(code: object, location: app_commands.TranslationContextLocation, message: str) -> str | None:
    """One string of the tree in one locale. Kept per process, as the catalogs are (``i18n._catalog``): a sync
    asks ~2,400 of them, and every start asks twice (once to hash what a sync would send, once to send it)."""
    if code not in i18n.DISCORD_LOCALES:
        return None
    message_context = CONTEXTS.get(location)
    if message_context is None:
        return None
    language = i18n.language(str(code))
    if language.is_source:
        return message
    return language.lookup(message_context, message)


AnyCommand = app_commands.Command | app_commands.Group


def _walk(item: AnyCommand) -> Iterator[tuple[str, str]]:
    yield "command", item.name
    yield "command description", item.description
    if isinstance(item, app_commands.Group):
        for child in item.commands:
            yield from _walk(child)
        return
    for parameter in item.parameters:
        yield "option", parameter.display_name
        yield "option description", parameter.description
        for choice in parameter.choices:
            yield "choice", choice.name


def command_strings(extensions: Iterable[str]) -> list[tuple[str, str]]:
    """(context, text) of every string the extensions' command trees show, in order, each once.

    Read from the cog classes (no bot is built): what ``_walk`` finds for a cog is what its instance adds.
    """
    found: dict[tuple[str, str], None] = {}
    for name in extensions:
        module = importlib.import_module(name)
        for _, cog in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cog, commands.Cog) or cog.__module__ != module.__name__:
                continue
            if getattr(cog, "__cog_is_app_commands_group__", False):
                found[("command", str(cog.__cog_group_name__))] = None
                found[("command description", str(cog.__cog_group_description__))] = None
            for item in cog.__cog_app_commands__:
                if isinstance(item, AnyCommand):
                    for key in _walk(item):
                        found[key] = None
    return list(found)
