"""Every SQL statement of the knowledge base's audit trail (table from migration 0006).

:class:`EditRepository` records each change made to the data file through /kb or `python -m bot kb`; the
service (bot/services/editing.py) decides what a change is and when one may be undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.db.database import Database
from bot.db.timestamps import parse_ts, ts


# The same fixed-width UTC text as the other tables (migration 0002), so timestamps compare as text.
@dataclass(frozen=True, slots=True)
class NewEdit:
    """A change about to be recorded (it has been written to the file and imported)."""

    made_at: datetime
    editor: str
    action: str
    summary: str
    source_url: str
    file_path: str
    before_text: str
    before_sha256: str
    after_sha256: str
    undoes: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EditRecord(NewEdit):
    """A recorded change: what was recorded, its id, and the undo that reverted it, if any."""

    id: int
    undone_by: int | None = None


class EditRepository:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def record(self, edit: NewEdit) -> int:
        """Store ``edit``; an undo also marks the change it reverted, in the same transaction. Returns its id."""
        async with self.database.transaction() as connection:
            async with connection.execute(
                """INSERT INTO kb_edits (made_at, editor, action, summary, source_url, file_path, before_text,
                                         before_sha256, after_sha256, undoes)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                (
                    ts(edit.made_at),
                    edit.editor,
                    edit.action,
                    edit.summary,
                    edit.source_url,
                    edit.file_path,
                    edit.before_text,
                    edit.before_sha256,
                    edit.after_sha256,
                    edit.undoes,
                ),
            ) as cursor:
                row = await cursor.fetchone()
            assert row is not None
            edit_id = int(row[0])
            if edit.undoes is not None:
                await connection.execute(
                    "UPDATE kb_edits SET undone_by = ? WHERE id = ?", (edit_id, edit.undoes)
                )
        return edit_id

    async def latest(self, limit: int) -> list[EditRecord]:
        """The ``limit`` most recent changes, newest first."""
        rows = await self.database.fetch_all("SELECT * FROM kb_edits ORDER BY id DESC LIMIT ?", (limit,))
        return [_record(row) for row in rows]

    async def last(self) -> EditRecord | None:
        records = await self.latest(1)
        return records[0] if records else None


def _record(row: aiosqlite.Row) -> EditRecord:
    return EditRecord(
        id=int(row["id"]),
        made_at=parse_ts(row["made_at"]),
        editor=row["editor"],
        action=row["action"],
        summary=row["summary"],
        source_url=row["source_url"],
        file_path=row["file_path"],
        before_text=row["before_text"],
        before_sha256=row["before_sha256"],
        after_sha256=row["after_sha256"],
        undoes=row["undoes"],
        undone_by=row["undone_by"],
    )
