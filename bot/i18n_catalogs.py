"""Keep the message catalogs in step with the code: ``python -m bot.i18n_catalogs extract|update``.

``extract`` writes ``bot/locales/bot.pot``: every string the code passes to ``gettext`` / ``ngettext`` /
``pgettext`` (found by Babel's Python extractor, as ``pybabel extract`` would) and every string of the slash
commands (names, descriptions, options, choices; read from the cogs, under a message context per kind).
``update`` merges that template into each language's ``.po`` (as ``pybabel update`` would): new strings appear
untranslated, changed ones fuzzy, for translators to fill in with their usual tools.
"""

from __future__ import annotations

import argparse
import io
import re
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from bot import i18n

PACKAGE_DIR = Path(__file__).parent
TEMPLATE_PATH = i18n.LOCALES_DIR / f"{i18n.DOMAIN}.pot"
#: The functions whose string arguments are messages (Babel's keyword spec: argument positions, ``c`` context).
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "translatable": None}
PROJECT = "heartstopper-forever-bot"
#: Babel stamps its own version into every header it writes; the catalogs must not change when only Babel does.
_GENERATED_BY = re.compile(r'^"Generated-By: Babel [^"]*"$', re.MULTILINE)


def _po_text(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=110, sort_output=False, include_lineno=False)
    return _GENERATED_BY.sub(r'"Generated-By: Babel\\n"', buffer.getvalue().decode())


def build_template() -> Catalog:
    """The template as the code stands now (no dates: the file changes only when the strings do)."""
    from bot.app import EXTENSIONS
    from bot.command_translator import command_strings

    template = Catalog(project=PROJECT, version="1", fuzzy=False)
    template.creation_date = template.revision_date = template.creation_date.replace(
        year=2026, month=1, day=1, hour=0, minute=0, second=0
    )
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE_DIR),
        method_map,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        if "sandbox" in Path(filename).parts:
            continue
        template.add(
            message,
            locations=[(f"bot/{filename}", lineno)],
            auto_comments=comments,
            context=context,
            flags=("python-brace-format",) if "{" in str(message) else (),
        )
    for context, text in command_strings(EXTENSIONS):
        if not text:
            continue
        existing = template.get(text, context)
        if existing is None:
            template.add(text, context=context)
    return template


def template_text(template: Catalog) -> str:
    return _po_text(template)


def extract() -> None:
    TEMPLATE_PATH.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE_PATH.write_text(template_text(build_template()), encoding="utf-8")
    print(f"wrote {TEMPLATE_PATH.relative_to(PACKAGE_DIR.parent)}")


def update() -> None:
    with TEMPLATE_PATH.open("rb") as template_file:
        template = read_po(template_file)
    for code in i18n.TRANSLATED_LANGUAGES:
        path = i18n.catalog_path(code)
        if path.exists():
            with path.open("rb") as po_file:
                catalog = read_po(po_file, locale=code, domain=i18n.DOMAIN)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=code, domain=i18n.DOMAIN, project=PROJECT, version="1")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.write_text(_po_text(catalog), encoding="utf-8")
        print(f"updated {path.relative_to(PACKAGE_DIR.parent)}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.i18n_catalogs", description=__doc__)
    parser.add_argument("action", choices=["extract", "update"])
    arguments = parser.parse_args(argv)
    extract() if arguments.action == "extract" else update()


if __name__ == "__main__":
    main()
