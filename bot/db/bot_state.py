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

    async def advance_on_change(self, counter_key: str, watched_key: str, value: str) -> int:
        """A counter that goes up by one each time ``value`` differs from the last one seen, in one transaction.

        Returns the counter (0 for the first value ever seen). It never goes back, even when ``value`` returns to
        an earlier one: a calendar's SEQUENCE must only grow."""
        async with self.database.transaction() as connection:
            cursor = await connection.execute(
                "SELECT key, value FROM bot_state WHERE key IN (?, ?)", (counter_key, watched_key)
            )
            stored = {str(row[0]): str(row[1]) for row in await cursor.fetchall()}
            counter = int(stored.get(counter_key, "0"))
            if watched_key in stored and stored[watched_key] != value:
                counter += 1
            if stored.get(watched_key) != value or counter_key not in stored:
                await connection.executemany(
                    "INSERT INTO bot_state (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [(counter_key, str(counter)), (watched_key, value)],
                )
            return counter
