"""The bot's languages: gettext catalogs (``bot/locales``), chosen by a Discord locale, and Babel formatting.

English is the source language: its text is in the code. The other languages are standard gettext ``.po``
files, so translators can use their usual tools (Poedit, Weblate, ``pybabel update``); they are compiled at
load time (Babel reads the ``.po`` and writes the ``.mo`` into memory; the standard library's
``GNUTranslations`` reads that), once per process, so there is no build step and no compiled file to keep in
step with its source.

Nothing here knows Discord: a locale is the code Discord sends (``"pt-BR"``, ``"es-419"``, ``"fr"``), and a
``Language`` is passed down explicitly to whatever writes text (there is no process-wide current language).

Placeholders are Python's ``str.format`` names (``{days}``); ``Language.gettext`` fills them after translating.
"""

from __future__ import annotations

import functools
import gettext as stdlib_gettext
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "bot"
SOURCE_LANGUAGE = "en"
#: The catalogs (gettext language codes) besides the English source.
TRANSLATED_LANGUAGES = ("es", "pt_BR", "fr", "de", "it")

#: Discord's locale codes the bot speaks, each with its catalog. Any other locale gets English.
DISCORD_LOCALES: dict[str, str] = {
    "en-US": SOURCE_LANGUAGE,
    "en-GB": SOURCE_LANGUAGE,
    "es-ES": "es",
    "es-419": "es",
    "pt-BR": "pt_BR",
    "fr": "fr",
    "de": "de",
    "it": "it",
}

#: The language a server admin can choose for its posts (``/announcements setup language``): one Discord
#: locale per catalog, each named in its own language.
POST_LANGUAGES: dict[str, str] = {
    "en-US": "English",
    "es-ES": "Español",
    "pt-BR": "Português (Brasil)",
    "fr": "Français",
    "de": "Deutsch",
    "it": "Italiano",
}

# English dates keep the bot's long-standing "28 July 2025" (day first, whatever the English variant).
_ENGLISH_DATE = "d MMMM y"
_ENGLISH_MONTH = "MMMM y"


def translatable(message: str) -> str:
    """Mark English text to be translated where it is shown, not here (gettext's ``gettext_noop``): a service
    raising a refusal knows no reader; the reply translates it. ``python -m bot.i18n_catalogs extract`` finds it."""
    return message


class Phrase(str):
    """English text the bot wrote that a reader may see later in their own language.

    It *is* its English wording (a ``str``: logs, comparisons and English replies see exactly that), and it keeps
    its ``template`` (a msgid marked with ``translatable``) and ``params`` so ``Language.phrase`` can word it
    again in any language. A param may itself be a ``Phrase`` (worded too) or plain text (shown as it is: a
    name, a number, Discord's status). ``english`` overrides the English wording where it was built otherwise
    (kept byte for byte). ``code``: the stable name it is stored under (``bot.phrases``), for text kept in the
    database and worded when read."""

    template: str
    params: Mapping[str, object]
    code: str | None
    #: A gettext context (``pgettext``): "command" and "option" name a slash command's words.
    context: str | None

    def __new__(
        cls,
        template: str,
        params: Mapping[str, object] | None = None,
        *,
        english: str | None = None,
        code: str | None = None,
        context: str | None = None,
    ) -> Phrase:
        values = dict(params or {})
        if english is None:
            english = (
                template.format(**{name: str(value) for name, value in values.items()})
                if values
                else template
            )
        phrase = super().__new__(cls, english)
        phrase.template, phrase.params, phrase.code, phrase.context = template, values, code, context
        return phrase

    def with_params(self, **params: object) -> Phrase:
        """The same phrase with some params replaced (its English wording re-made from the template)."""
        return Phrase(self.template, {**self.params, **params}, code=self.code, context=self.context)


class LocalText(str):
    """Text worded by a function of the reader's language (a date, the release: Babel writes them), for a
    message built before its reader is known. Its ``str`` is the English wording. Not stored (no code)."""

    word: Callable[[Language], str]

    def __new__(cls, english: str, word: Callable[[Language], str]) -> LocalText:
        text = super().__new__(cls, english)
        text.word = word
        return text


@dataclass(frozen=True, slots=True)
class Language:
    """One reader's language: the catalog of their Discord locale, and Babel's rules for their dates."""

    #: The Discord locale this was chosen for ("pt-BR"); "en-US" for anything the bot does not speak.
    discord_locale: str
    #: The catalog's gettext code ("pt_BR"), or "en" for the source text.
    catalog: str
    locale: Locale
    _translations: stdlib_gettext.NullTranslations

    @property
    def is_source(self) -> bool:
        return self.catalog == SOURCE_LANGUAGE

    def gettext(self, message: str, /, **params: Any) -> str:
        """``message`` in this language, its ``{placeholders}`` filled from ``params``."""
        text = self._translations.gettext(message)
        return text.format(**params) if params else text

    def ngettext(self, singular: str, plural: str, count: int, /, **params: Any) -> str:
        """The form for ``count`` (each language has its own plural rules); ``{count}`` is filled in too."""
        text = self._translations.ngettext(singular, plural, count)
        return text.format(count=self.number(count), **params)

    def pgettext(self, context: str, message: str, /, **params: Any) -> str:
        """``message`` in ``context`` (the same English word can need two translations)."""
        text = self._translations.pgettext(context, message)
        return text.format(**params) if params else text

    def phrase(self, text: str) -> str:
        """Text the bot wrote earlier, in this language: a ``Phrase`` worded from its template and params (English
        exactly as it was built); any other text (an old row, a name, Discord's own words) as it is."""
        if isinstance(text, LocalText) and not self.is_source:
            return text.word(self)
        if not isinstance(text, Phrase) or self.is_source:
            return str.__str__(text)
        params = {
            name: self.phrase(value) if isinstance(value, str) else value
            for name, value in text.params.items()
        }
        if text.context is not None:
            return self._translations.pgettext(text.context, text.template).format(**params)
        return self._translations.gettext(text.template).format(**params)

    def lookup(self, context: str, message: str) -> str | None:
        """The translation of ``message`` in ``context``, or None when the catalog has none (no fallback)."""
        if (context, message) not in _catalog_keys(self.catalog):
            return None
        return self._translations.pgettext(context, message)

    def date(self, day: date) -> str:
        """A calendar day in words, as the reader writes it: "28 July 2025", "28 de julho de 2025"."""
        return format_date(day, _ENGLISH_DATE if self.is_source else "long", locale=self.locale)

    def month(self, day: date) -> str:
        """A month and year: "May 2026", "maio de 2026", "Mai 2026"."""
        if self.is_source:
            return format_date(day, _ENGLISH_MONTH, locale=self.locale)
        # CLDR's own month-and-year skeleton: "julho de 2025", "Juli 2025", "juillet 2025".
        return format_skeleton("yMMMM", day, locale=self.locale)

    def number(self, value: float) -> str:
        """A number with the reader's separators ("1,234" / "1.234" / "1 234")."""
        return format_decimal(value, locale=self.locale)


def catalog_path(catalog: str) -> Path:
    return LOCALES_DIR / catalog / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass(frozen=True, slots=True)
class _Catalog:
    translations: stdlib_gettext.NullTranslations
    #: (context, msgid) of every translated entry, for ``Language.lookup``.
    keys: frozenset[tuple[str | None, str]]


@functools.cache
def _catalog(catalog: str) -> _Catalog:
    """A catalog read and compiled once per process (the source language has none)."""
    if catalog == SOURCE_LANGUAGE:
        return _Catalog(stdlib_gettext.NullTranslations(), frozenset())
    with catalog_path(catalog).open("rb") as po_file:
        messages = read_po(po_file, locale=catalog, domain=DOMAIN)
    compiled = io.BytesIO()
    # A fuzzy entry is a guess: English rather than a wrong text.
    write_mo(compiled, messages, use_fuzzy=False)
    compiled.seek(0)
    keys = frozenset(
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in messages
        if message.id and message.string and not message.fuzzy
    )
    return _Catalog(stdlib_gettext.GNUTranslations(compiled), keys)


def _catalog_keys(catalog: str) -> frozenset[tuple[str | None, str]]:
    return _catalog(catalog).keys


def command_phrase(name: str) -> Phrase:
    """ "/announcements setup" as each reader's Discord shows it ("/anuncios configurar"): words of a command."""
    words = name.split()
    template = "/" + " ".join("{w" + str(index) + "}" for index in range(len(words)))
    return Phrase(
        template, {f"w{index}": Phrase(word, context="command") for index, word in enumerate(words)}
    )


def option_phrase(name: str) -> Phrase:
    """A slash command option's name, as each reader's Discord shows it."""
    return Phrase(name, context="option")


@functools.cache
def language(discord_locale: str | None) -> Language:
    """The language for a Discord locale ("pt-BR", "es-419", "de"); English for anything else or None."""
    code = discord_locale if discord_locale in DISCORD_LOCALES else "en-US"
    catalog = DISCORD_LOCALES[code]
    return Language(code, catalog, Locale.parse(code, sep="-"), _catalog(catalog).translations)


#: The source language: the default wherever no reader's locale is known (the CLI, logs, tests of English).
ENGLISH = language("en-US")
