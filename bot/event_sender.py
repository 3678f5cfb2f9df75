"""The premiere event's Discord side: the :class:`~bot.services.premiere_events.EventPort` for discord.py.

Works on server ids through discord.py's HTTP client (no cached Guild needed) and turns Discord's answers into
the service's errors: 403 -> EventForbidden, 404 -> EventMissing, 5xx, no answer or a long rate limit ->
EventUnavailable, any other refusal -> EventPortError.
"""

from __future__ import annotations

import base64
import time
from typing import Any

import aiohttp
import discord

from bot.phrases import phrase
from bot.services.premiere_events import (
    CreatedEvent,
    EventForbidden,
    EventMissing,
    EventPortError,
    EventSpec,
    EventUnavailable,
)

__all__ = ["DiscordEventPort"]

EXTERNAL = discord.EntityType.external.value
GUILD_ONLY = discord.PrivacyLevel.guild_only.value
CANCELED = discord.EventStatus.cancelled.value
# discord.py sends a request again, when Discord may have carried it out (a 500, 502, 504 or 524 answer, a reset
# connection), only after sleeping 1 + 2 * tries seconds (discord/http.py): a create answered sooner went once.
REPEAT_PAUSE_SECONDS = 1.0


def _payload(spec: EventSpec, *, with_image: bool) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "name": spec.name,
        "description": spec.description,
        "scheduled_start_time": spec.start.isoformat(),
        "scheduled_end_time": spec.end.isoformat(),
        "entity_type": EXTERNAL,
        "entity_metadata": {"location": spec.location},
        "privacy_level": GUILD_ONLY,
    }
    if with_image and spec.image is not None:
        payload["image"] = "data:image/png;base64," + base64.b64encode(spec.image).decode()
    return payload


class DiscordEventPort:
    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def _call(self, request: Any) -> Any:
        try:
            return await request
        except discord.Forbidden as error:
            raise EventForbidden(f"Discord 403 (code {error.code})") from None
        except discord.NotFound as error:
            raise EventMissing(f"Discord 404 (code {error.code})") from None
        except discord.DiscordServerError as error:
            raise EventUnavailable(f"Discord {error.status}") from None
        except discord.HTTPException as error:
            raise EventPortError(f"Discord {error.status} (code {error.code})") from None
        except discord.RateLimited as error:  # longer than max_ratelimit_timeout: discord.py did not wait
            raise EventUnavailable(phrase("event.rate_limited", seconds=f"{error.retry_after:.0f}")) from None
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise EventUnavailable(phrase("event.no_answer", error=type(error).__name__)) from None

    async def find_own(self, guild_id: int, marker: str) -> list[int]:
        me = self.client.user.id if self.client.user else None
        events = await self._call(self.client.http.get_scheduled_events(guild_id, False))
        return sorted(
            int(event["id"])
            for event in events
            if str(event.get("creator_id")) == str(me) and marker in (event.get("description") or "")
        )

    async def delete(self, guild_id: int, event_id: int) -> None:
        await self._call(self.client.http.delete_scheduled_event(guild_id, event_id))

    async def create(self, guild_id: int, spec: EventSpec) -> CreatedEvent:
        started = time.monotonic()
        created = await self._call(
            self.client.http.create_guild_scheduled_event(guild_id, **_payload(spec, with_image=True))
        )
        # Slow for any reason (a rate-limit wait too) counts as maybe repeated: one needless look, never a twin kept.
        took = time.monotonic() - started
        return CreatedEvent(int(created["id"]), maybe_repeated=took >= REPEAT_PAUSE_SECONDS)

    async def edit(self, guild_id: int, event_id: int, spec: EventSpec) -> None:
        await self._call(
            self.client.http.edit_scheduled_event(guild_id, event_id, **_payload(spec, with_image=False))
        )

    async def cancel(self, guild_id: int, event_id: int) -> None:
        await self._call(self.client.http.edit_scheduled_event(guild_id, event_id, status=CANCELED))

    async def interested(self, guild_id: int, event_id: int) -> int | None:
        # The gateway's user_count is not reliable: ask REST with counts.
        event = await self._call(self.client.http.get_scheduled_event(guild_id, event_id, True))
        count = event.get("user_count")
        return int(count) if count is not None else None
