"""Command line: run the bot, import the data file, ask a question offline, or open the playground.

python -m bot                 run the bot (needs DISCORD_TOKEN); `run --sync-commands` syncs slash commands anyway
python -m bot ask "QUESTION"  print the answer /ask would give; exit 1 when there is none
python -m bot db import       load data/heartstopper_forever.toml into the database
python -m bot db check        check the database file's integrity: prints "ok" (exit 0) or the damage (exit 2)
python -m bot db backup FILE  write a consistent copy of the database to FILE, even while the bot runs
python -m bot playground      try the bot in a local Discord sandbox, no token needed
python -m bot health          check the running bot's heartbeat file; exit 0 healthy, 1 not (bot/health.py)
python -m bot check           check settings, data file and database without connecting; exit 0 ok, 2 not
python -m bot invite          print the invite URL with the permissions the bot needs (bot/invite.py)
python -m bot invite --user   print the URL with which a fan installs the fan commands on their account
python -m bot card            draw the countdown card's picture to a PNG file (with the operator's background, if any)
python -m bot gaps            the questions /ask could not answer, most asked first (--limit N, --json)
python -m bot kb ...          change the data file with a source (release, fact, person, credit, source, undo,
                              history), as /kb does: previewed, checked, written atomically, imported, audited
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import i18n
from bot.clock import SystemClock
from bot.config import ConfigError, Settings, load_settings
from bot.db import Database, DatabaseBusyError, DatabaseFileError, MigrationError
from bot.db.knowledge import KnowledgeRepository
from bot.services.answering import Answer, Answerer, QuestionError, restate_release
from bot.services.countdown import countdown_status, release_statement
from bot.services.dataset import DatasetError
from bot.services.knowledge import KnowledgeService

if TYPE_CHECKING:
    from bot.services.editing import Edit

EXIT_OK, EXIT_NO_ANSWER, EXIT_CONFIG = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Heartstopper Forever fan bot")
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="run the bot (the default)")
    run.add_argument(
        "--sync-commands",
        action="store_true",
        help="sync the slash commands to Discord even if they did not change since the last sync",
    )
    ask = commands.add_parser("ask", help="answer a question offline, as /ask would")
    ask.add_argument("question", nargs="+")
    db = commands.add_parser("db", help="database tasks")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    importer = db_commands.add_parser("import", help="import the data file into the database")
    importer.add_argument(
        "--file", type=Path, help="the data file (default: DATA_FILE or data/heartstopper_forever.toml)"
    )
    importer.add_argument("--force", action="store_true", help="import even if the file is unchanged")
    db_commands.add_parser("check", help="check the database file's integrity (SQLite's integrity_check)")
    backup = db_commands.add_parser("backup", help="copy the database to FILE, safely while the bot runs")
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    playground = commands.add_parser("playground", help="try the bot in a local Discord sandbox")
    playground.add_argument("--database", type=Path, help="keep the playground's database in this file")
    playground.add_argument(
        "--release",
        metavar="DATE",
        help="pretend the release is announced for DATE (YYYY-MM-DD) to try the countdown; data/ is not changed",
    )
    commands.add_parser("health", help="check the running bot's heartbeat (a container health check)")
    commands.add_parser(
        "check", help="check settings, the data file and the database without connecting (exit 0 ok, 2 not)"
    )
    card = commands.add_parser(
        "card", help="draw the countdown card's picture, as posts show it, to a PNG file"
    )
    face = card.add_mutually_exclusive_group()
    face.add_argument("--days", type=int, default=42, help="the days to go it shows (default 42)")
    face.add_argument("--today", action="store_true", help="the release-day picture")
    face.add_argument("--out-now", action="store_true", help="the picture once the film is out")
    card.add_argument(
        "--out", type=Path, default=Path("card.png"), help="where to write it (default card.png)"
    )
    card.add_argument(
        "--language",
        choices=sorted(i18n.POST_LANGUAGES),
        default="en-US",
        help="the words' language, as a server's posts in it show them (default en-US)",
    )
    invite = commands.add_parser("invite", help="print the URL that adds the bot to a server")
    invite.add_argument(
        "--client-id",
        metavar="ID",
        help="the application id (default: DISCORD_CLIENT_ID, else derived from DISCORD_TOKEN)",
    )
    invite.add_argument(
        "--user",
        action="store_true",
        help="print instead the URL with which a fan installs the fan commands on their own account",
    )
    gaps = commands.add_parser("gaps", help="the questions /ask could not answer, most asked first")
    gaps.add_argument("--limit", type=_gap_limit, default=20, help="how many to list (1-5000, default 20)")
    gaps.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_kb_parser(commands)
    return parser


def _add_kb_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`python -m bot kb ...`: the /kb editing commands for operators who prefer a shell."""
    from bot.domain.dataset import CREDIT_ROLES, CREDIT_STATUSES, RELEASE_STATUSES

    kb = commands.add_parser("kb", help="change the data file, with a source for every change")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True)

    def change(
        parent: argparse._SubParsersAction[argparse.ArgumentParser], name: str, text: str
    ) -> argparse.ArgumentParser:
        parser = parent.add_parser(name, help=text)
        parser.add_argument("--source", required=True, metavar="URL", help="the http(s) address that says so")
        parser.add_argument("--source-title", help="the source's title, when the address is a new source")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what the file would say; change nothing"
        )
        return parser

    release = change(kb_commands, "release", "set the release date (YYYY, YYYY-MM or YYYY-MM-DD)")
    release.add_argument("date")
    release.add_argument("--time", help="HH:MM, with --timezone")
    release.add_argument("--timezone", help="an IANA time zone such as Europe/London")
    release.add_argument("--status", choices=RELEASE_STATUSES)
    release.add_argument("--as-of", help="when the source said so (default: today)")

    fact = kb_commands.add_parser("fact", help="add, edit or remove a fact").add_subparsers(
        dest="fact_command", required=True
    )
    fact_add = change(fact, "add", "add a fact")
    fact_add.add_argument("statement")
    fact_add.add_argument("--topic", default="film", help="what it is about (default: film)")
    fact_add.add_argument("--id", dest="fact_id", help="its id (default: made from the statement)")
    fact_add.add_argument("--keywords", help="words fans might ask with, separated by commas")
    fact_add.add_argument("--as-of", help="when the source said so (default: today)")
    fact_edit = change(fact, "edit", "change a fact")
    fact_edit.add_argument("fact_id", metavar="ID")
    fact_edit.add_argument("--statement")
    fact_edit.add_argument("--topic")
    fact_edit.add_argument("--keywords")
    fact_edit.add_argument("--as-of")
    fact_remove = change(fact, "remove", "remove a fact")
    fact_remove.add_argument("fact_id", metavar="ID")

    person = kb_commands.add_parser("person", help="add a person").add_subparsers(
        dest="person_command", required=True
    )
    person_add = change(person, "add", "add a person, and with --role their credit")
    person_add.add_argument("name")
    person_add.add_argument("--id", dest="person_id")
    person_add.add_argument("--aliases", help="other names, separated by commas")
    person_add.add_argument("--role", choices=CREDIT_ROLES)
    person_add.add_argument("--character", help="for a cast credit: the character they play")
    person_add.add_argument("--status", choices=CREDIT_STATUSES, default="confirmed")
    person_add.add_argument("--as-of")

    credit = kb_commands.add_parser("credit", help="add a credit").add_subparsers(
        dest="credit_command", required=True
    )
    credit_add = change(credit, "add", "add a credit (cast, director, writer, ...)")
    credit_add.add_argument("role", choices=CREDIT_ROLES)
    credit_add.add_argument("--person", help="the person's name or id")
    credit_add.add_argument("--character", help="for a cast credit: the character")
    credit_add.add_argument("--status", choices=CREDIT_STATUSES, default="confirmed")
    credit_add.add_argument("--note")
    credit_add.add_argument("--as-of")

    source = kb_commands.add_parser("source", help="add a source").add_subparsers(
        dest="source_command", required=True
    )
    source_add = source.add_parser("add", help="add a source")
    source_add.add_argument("url")
    source_add.add_argument("--title", required=True)
    source_add.add_argument("--id", dest="source_id")
    source_add.add_argument("--publisher")
    source_add.add_argument("--published", help="its publication date, YYYY-MM-DD")
    source_add.add_argument(
        "--dry-run", action="store_true", help="show what the file would say; change nothing"
    )

    undo = kb_commands.add_parser("undo", help="undo the last change (once), if the file is unchanged since")
    undo.add_argument("--dry-run", action="store_true", help="show what the file would say; change nothing")
    history = kb_commands.add_parser("history", help="the last changes: who, when, what, source")
    history.add_argument("--limit", type=_gap_limit, default=20, help="how many (default 20)")


def _gap_limit(text: str) -> int:
    if not (text.isdigit() and 1 <= int(text) <= 5000):
        raise argparse.ArgumentTypeError(f"must be a number from 1 to 5000, not {text!r}")
    return int(text)


def draw_card(settings: Settings, arguments: argparse.Namespace) -> int:
    """The countdown card's picture, drawn as the bot draws it for a post, over the background it would use."""
    from bot.art import BACKGROUND_FILENAME, CardArt
    from bot.rendering import card_face

    reader = i18n.language(arguments.language)
    if arguments.today:
        face = card_face(0, "Netflix", reader)
    elif arguments.out_now:
        face = card_face(None, "Netflix", reader, out_now=True)
    elif arguments.days < 1:
        print("error: --days must be 1 or more (use --today or --out-now)", file=sys.stderr)
        return EXIT_CONFIG
    else:
        face = card_face(arguments.days, "Netflix", reader)
    background = settings.data_file.parent / BACKGROUND_FILENAME
    png = CardArt(background).card(face)
    try:
        arguments.out.write_bytes(png)
    except OSError as error:
        print(f"error: cannot write {arguments.out}: {error.strerror}", file=sys.stderr)
        return EXIT_CONFIG
    used = background if background.exists() else "the default art"
    print(f"wrote {arguments.out} ({len(png):,} bytes; background: {used})")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    # Before load_settings: a health check maps a bad setting to exit 1, not 2.
    if arguments.command == "health":
        from bot.health import run_health_check

        return run_health_check()
    try:
        settings = load_settings()
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    command = arguments.command or "run"
    try:
        if command == "ask":
            return asyncio.run(ask(settings, " ".join(arguments.question)))
        if command == "check":
            return asyncio.run(check(settings))
        if command == "invite":
            return invite(settings, arguments.client_id, user_install=arguments.user)
        if command == "card":
            return draw_card(settings, arguments)
        if command == "gaps":
            return asyncio.run(list_gaps(settings, arguments.limit, as_json=arguments.json))
        if command == "kb":
            return asyncio.run(edit_knowledge(settings, arguments))
        if command == "db" and arguments.db_command == "check":
            return asyncio.run(check_database(settings))
        if command == "db" and arguments.db_command == "backup":
            return asyncio.run(backup_database(settings, arguments.file, force=arguments.force))
        if command == "db":
            return asyncio.run(import_data(settings, arguments.file, force=arguments.force))
        if command == "playground":
            from bot.playground import run_playground

            return asyncio.run(
                run_playground(settings, database=arguments.database, release=arguments.release)
            )
        return run_bot(settings, force_command_sync=getattr(arguments, "sync_commands", False))
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except (DatasetError, MigrationError, DatabaseFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseBusyError as error:
        print(
            f"error: database {error.path} is locked by another process: let it finish and try again",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return EXIT_OK
    except OSError as error:  # a file the command needs: the database folder, the data file
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONFIG


async def _open_knowledge(settings: Settings) -> tuple[Database, KnowledgeRepository]:
    """The database with the data file imported (if it changed), and the repository that reads it."""
    database = await Database.open(settings.database_path)
    repository = KnowledgeRepository(database)
    try:
        await KnowledgeService(repository).import_file(settings.data_file)
    except BaseException:
        await database.close()
        raise
    return database, repository


async def ask(settings: Settings, question: str) -> int:
    database, repository = await _open_knowledge(settings)
    try:
        try:
            result = await Answerer(repository).answer(question)
        except QuestionError as error:
            print(error)
            return EXIT_NO_ANSWER
        release = await repository.release()
        if release is not None:  # worded in the tense of today, as /ask does
            status = countdown_status(release.date, SystemClock().now())
            result = restate_release(result, release_statement(release.film_title, release.platform, status))
        # The same words /ask shows: the reply is worded by bot.rendering for every front end.
        from bot.rendering import answer_body, answer_sources

        print(answer_body(result))
        if not isinstance(result, Answer):
            return EXIT_NO_ANSWER
        for source in dict.fromkeys(answer_sources(result)):
            print(
                f"Source: {source.title}, as of {source.as_of}" + (f" <{source.url}>" if source.url else "")
            )
        return EXIT_OK
    finally:
        await database.close()


async def list_gaps(settings: Settings, limit: int, *, as_json: bool) -> int:
    from bot.clock import SystemClock
    from bot.db.gaps import GapRepository
    from bot.services.gaps import GapService, gaps_as_json, gaps_as_text

    database = await Database.open(settings.database_path)
    try:
        service = GapService(GapRepository(database), SystemClock(), retention=settings.ask_gaps_retention)
        gaps = await service.most_asked(limit)
    finally:
        await database.close()
    print(gaps_as_json(gaps) if as_json else gaps_as_text(gaps, retention=service.retention))
    return EXIT_OK


def _kb_edit(arguments: argparse.Namespace) -> Edit | None:
    """The change a `kb` command asks for (None for undo and history)."""
    from bot.services import editing

    given = vars(arguments)
    common = {"source_url": given.get("source") or "", "source_title": given.get("source_title")}
    match arguments.kb_command, given.get("fact_command") or given.get("person_command"):
        case "release", _:
            return editing.SetRelease(
                arguments.date,
                time=arguments.time,
                timezone=arguments.timezone,
                status=arguments.status,
                as_of=arguments.as_of,
                **common,
            )
        case "fact", "add":
            return editing.AddFact(
                arguments.statement,
                topic=arguments.topic,
                fact_id=arguments.fact_id,
                keywords=arguments.keywords,
                as_of=arguments.as_of,
                **common,
            )
        case "fact", "edit":
            return editing.EditFact(
                arguments.fact_id,
                statement=arguments.statement,
                topic=arguments.topic,
                keywords=arguments.keywords,
                as_of=arguments.as_of,
                **common,
            )
        case "fact", "remove":
            return editing.RemoveFact(arguments.fact_id, source_url=common["source_url"])
        case "person", "add":
            return editing.AddPerson(
                arguments.name,
                person_id=arguments.person_id,
                aliases=arguments.aliases,
                role=arguments.role,
                character=arguments.character,
                status=arguments.status,
                as_of=arguments.as_of,
                **common,
            )
        case "credit", _:
            return editing.AddCredit(
                arguments.role,
                person=arguments.person,
                character=arguments.character,
                status=arguments.status,
                note=arguments.note,
                as_of=arguments.as_of,
                **common,
            )
        case "source", _:
            return editing.AddSource(
                arguments.title,
                source_url=arguments.url,
                source_id=arguments.source_id,
                publisher=arguments.publisher,
                published=arguments.published,
            )
    return None


async def edit_knowledge(settings: Settings, arguments: argparse.Namespace) -> int:
    """`python -m bot kb ...`: print the preview, then (unless --dry-run) apply it as /kb's Confirm does."""
    import getpass

    from bot.clock import SystemClock
    from bot.db.edits import EditRepository
    from bot.services.editing import EditRefused, KnowledgeEditor, history_as_text

    database = await Database.open(settings.database_path)
    try:
        knowledge = KnowledgeService(KnowledgeRepository(database))
        await knowledge.import_file(settings.data_file)  # the database follows the file before it is changed
        editor = KnowledgeEditor(
            settings.data_file,
            EditRepository(database),
            lambda: knowledge.import_file(settings.data_file),
            SystemClock(),
        )
        if arguments.kb_command == "history":
            print(history_as_text(await editor.history(arguments.limit)))
            return EXIT_OK
        try:
            edit = _kb_edit(arguments)
            proposal = await (editor.propose_undo() if edit is None else editor.propose(edit))
            print(proposal.preview)
            if arguments.dry_run:
                print(f"Not written (--dry-run): {proposal.summary}.")
                return EXIT_OK
            applied = await editor.apply(proposal, f"cli:{getpass.getuser()}")
        except EditRefused as refused:
            print(f"error: {refused.message}", file=sys.stderr)
            return EXIT_CONFIG
        print(f"Changed: {applied.summary} (change #{applied.edit_id}, data version {applied.version}).")
        within = settings.data_version_check.total_seconds()
        print(f"A bot running on this database follows within {within:.0f} s, or at once on /reload-data.")
        return EXIT_OK
    finally:
        await database.close()


async def import_data(settings: Settings, path: Path | None, *, force: bool) -> int:
    database = await Database.open(settings.database_path)
    try:
        report = await KnowledgeService(KnowledgeRepository(database)).import_file(
            path or settings.data_file, force=force
        )
        print(report.describe())
        return EXIT_OK
    finally:
        await database.close()


async def check(settings: Settings) -> int:
    from datetime import UTC, datetime

    from bot.preflight import run_check

    report = await run_check(settings, datetime.now(UTC))
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    if report.problems:
        return EXIT_CONFIG
    for line in report.summary:
        print(line)
    for warning in report.warnings:
        print(f"warning: {warning}")
    return EXIT_OK


def invite(settings: Settings, client_id: str | None, *, user_install: bool = False) -> int:
    from bot.invite import (
        invite_url,
        permission_names,
        required_permissions,
        resolve_client_id,
        user_install_url,
    )

    application_id = resolve_client_id(settings, client_id)
    if user_install:
        print(user_install_url(application_id))
        print(
            "fan commands on the fan's own account (Developer Portal > Installation: tick User Install)",
            file=sys.stderr,
        )
        return EXIT_OK
    print(invite_url(application_id))
    print("permissions: " + ", ".join(permission_names(required_permissions())), file=sys.stderr)
    print("for fans' own accounts: python -m bot invite --user", file=sys.stderr)
    return EXIT_OK


async def check_database(settings: Settings) -> int:
    database = await Database.open(settings.database_path, maintenance=True)
    try:
        problems = await database.integrity_problems()
    finally:
        await database.close()
    if not problems:
        print("ok")
        return EXIT_OK
    print("\n".join(problems))
    print(
        f"error: database {settings.database_path} is damaged: restore it from a backup, "
        "or move it aside to start with a new, empty one",
        file=sys.stderr,
    )
    return EXIT_CONFIG


async def backup_database(settings: Settings, target: Path, *, force: bool) -> int:
    database = await Database.open(settings.database_path, maintenance=True)
    try:
        await database.backup_to(target, overwrite=force)
    finally:
        await database.close()
    print(f"Backed up {settings.database_path} to {target}.")
    return EXIT_OK


def run_bot(settings: Settings, *, force_command_sync: bool = False) -> int:
    from bot.logging_setup import configure_logging

    token = settings.require_token()
    configure_logging(settings)
    return asyncio.run(_serve(settings, token, force_command_sync=force_command_sync))


async def _serve(settings: Settings, token: str, *, force_command_sync: bool = False) -> int:
    """Run until Ctrl-C or SIGTERM (a service manager's stop), then close the connection and the database."""
    # First, before any network and before discord.py and the bot's modules load (half the start-up time): an
    # unusable database stops the bot with one line at once, not after logging in.
    database = await Database.open(settings.database_path)
    try:
        import aiohttp
        import discord

        from bot.app import FanBot
        from bot.harness import point_client_at

        point_client_at(settings.api_base)
        bot = FanBot(settings, database=database, force_command_sync=force_command_sync)
        # Likewise a metrics port that cannot be opened (taken, or an address not on this machine).
        try:
            await bot.start_metrics_server()
        except OSError as error:
            raise ConfigError(
                f"METRICS_PORT {settings.metrics_port} on METRICS_HOST {settings.metrics_host} cannot be opened "
                f"({error.strerror or error}): pick a free port, or leave METRICS_PORT empty"
            ) from None
    except BaseException:
        await database.close()
        raise
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(signal_number, stopping.set)
    runner = asyncio.create_task(bot.start(token))
    stopper = asyncio.create_task(stopping.wait())
    try:
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        await bot.close()
        stopper.cancel()
    if runner.done() and not runner.cancelled() and (error := runner.exception()) is not None:
        if isinstance(error, aiohttp.ClientError | OSError):
            where = settings.api_base or "Discord"
            print(
                f"error: cannot reach {where} ({error.__class__.__name__}); check the network connection",
                file=sys.stderr,
            )
            return EXIT_NO_ANSWER
        if isinstance(error, discord.LoginFailure):
            raise ConfigError(
                "DISCORD_TOKEN was refused by Discord: reset the token in the Developer Portal "
                "(Applications > your app > Bot) and put the new one in .env"
            )
        raise error
    return EXIT_OK
