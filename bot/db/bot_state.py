"""Every SQL statement of the bot's own key/value state (table from migration 0005)."""

from __future__ import annotations

from bot.db.database import Database


class BotStateRepository:
    """Remembers short text values by key (such as the synced command tree's hash) across restarts."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def get(self, key: str) -> str | None:
        row = await self.database.fetch_one("SELECT value FROM bot_state WHERE key = ?", (key,))
        return None if row is None else str(row["value"])

    async def set(self, key: str, value: str) -> None:
        await self.database.execute(
            "INSERT INTO bot_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def delete(self, key: str) -> None:
        await self.database.execute("DELETE FROM bot_state WHERE key = ?", (key,))
