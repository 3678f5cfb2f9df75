"""`python -m bot check`: settings, data file and database checked before a deployment, without connecting.

Exit 0 with a short summary (and warnings the owners should act on, such as a release period that passed
without a date); exit 2 with one line per problem.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from bot.config import ConfigError, Settings
from bot.db import Database, DatabaseFileError, MigrationError
from bot.db.database import available_migrations
from bot.db.knowledge import KnowledgeRepository
from bot.domain.dataset import Dataset
from bot.services.countdown import data_warnings
from bot.services.dataset import DatasetError, load_dataset
from bot.services.knowledge import derive_facts

VERSION_LENGTH = 12  # of the data file's SHA-256, as the "logged in as" line shows it


@dataclass
class CheckReport:
    summary: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


async def run_check(settings: Settings, now: datetime) -> CheckReport:
    report = CheckReport()
    _check_settings(settings, report)
    dataset = _check_data_file(settings, now, report)
    await _check_database(settings, dataset, report)
    return report


def _check_settings(settings: Settings, report: CheckReport) -> None:
    try:
        settings.require_token()
    except ConfigError as error:
        report.problems.append(str(error))
        return
    where = settings.api_base or "Discord"
    report.summary.append(
        f"settings ok: token set, {where}, log {settings.log_level} as {settings.log_format}, "
        f"owners {', '.join(map(str, sorted(settings.owner_ids))) or 'the application owner'}"
    )


def _check_data_file(settings: Settings, now: datetime, report: CheckReport) -> Dataset | None:
    try:
        dataset = load_dataset(settings.data_file)
    except DatasetError as error:
        report.problems.append(str(error))
        return None
    counts = {
        "people": len(dataset.people),
        "credits": len(dataset.credits),
        "timeline events": len(dataset.events),
        "facts": len(derive_facts(dataset)),
    }
    release = dataset.release.date
    report.summary.append(
        f"data file ok: {settings.data_file}: "
        + ", ".join(f"{n} {name}" for name, n in counts.items())
        + f"; release {release.describe()}; version {dataset.sha256[:VERSION_LENGTH]}"
    )
    report.warnings.extend(data_warnings(release, now))
    return dataset


async def _check_database(settings: Settings, dataset: Dataset | None, report: CheckReport) -> None:
    path = settings.database_path
    if not path.exists():
        report.summary.append(f"database: {path} does not exist yet; the bot creates it at its first start")
        return
    try:
        # As `db check` does: opened as it is, nothing created or migrated.
        database = await Database.open(path, maintenance=True)
    except (DatabaseFileError, MigrationError) as error:
        report.problems.append(str(error))
        return
    try:
        problems = await database.integrity_problems()
        if problems:
            report.problems.append(
                f"database {path} is damaged ({'; '.join(problems[:3])}): restore it from a backup, "
                "or move it aside to start with a new, empty one"
            )
            return
        schema = await database.schema_version()
        latest = available_migrations()[-1][0]
        if schema > latest:
            report.problems.append(
                f"database {path} is at schema version {schema}, newer than this bot ({latest}): "
                "upgrade the bot or point DATABASE_PATH at another file"
            )
            return
        try:
            digest = await KnowledgeRepository(database).last_import_digest() if schema else None
        except sqlite3.Error:
            digest = None
    except sqlite3.DatabaseError as error:
        report.problems.append(f"cannot read database {path} ({error})")
        return
    finally:
        await database.close()
    data_version = digest[:VERSION_LENGTH] if digest else "none (the bot imports the data file at start)"
    line = f"database ok: {path}: schema version {schema}"
    if schema < latest:
        line += f" (the bot migrates it to {latest} at start)"
    line += f", data version {data_version}"
    if dataset is not None and digest is not None and digest != dataset.sha256:
        line += " (the data file differs: the bot imports it at start)"
    report.summary.append(line)
