"""The dispatcher's Discord side: posts one delivery through discord.py and reports failures as delivery errors.

The dispatcher (``bot.services``) knows nothing of Discord; it calls a ``Sender``. This module is that Sender for
the real client: it renders the announcement, sends it with the delivery's nonce, and translates Discord's
answers (403, 404, 5xx, closed DMs, timeouts) into the typed errors the dispatcher acts on.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import aiohttp
import discord

from bot import rendering
from bot.domain.knowledge import ReleaseInfo
from bot.services.announcements import Announcement
from bot.services.delivery.port import (
    DeliveryClosedDM,
    DeliveryError,
    DeliveryForbidden,
    DeliveryTargetGone,
    DeliveryTransient,
)

__all__ = ["DiscordSender"]

# Discord's JSON error code for "Cannot send messages to this user" (DMs closed or no shared server).
CANNOT_DM_USER = 50007


def _reason(error: discord.HTTPException) -> str:
    return f"Discord answered {error.status} (code {error.code}): {error.text or 'no message'}"


class DiscordSender:
    """The dispatcher's Sender: one message per delivery, sent with the delivery's nonce (enforce_nonce).

    ``release_info`` gives what the renderer needs besides the announcement (the platform, its link).
    """

    def __init__(self, client: discord.Client, release_info: Callable[[], Awaitable[ReleaseInfo]]) -> None:
        self.client = client
        self.release_info = release_info

    async def send_announcement(
        self, channel_id: int, announcement: Announcement, *, role_id: int | None, nonce: str
    ) -> int:
        channel = self.client.get_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            channel = self.client.get_partial_messageable(channel_id)
        return await self._send(channel, announcement, role_id=role_id, nonce=nonce, is_dm=False)

    async def send_reminder(self, user_id: int, announcement: Announcement, *, nonce: str) -> int:
        try:
            user = self.client.get_user(user_id) or await self.client.fetch_user(user_id)
            channel = user.dm_channel or await user.create_dm()
        except discord.NotFound as error:
            raise DeliveryTargetGone(_reason(error)) from error
        except discord.HTTPException as error:
            raise self._translate(error, is_dm=True) from error
        return await self._send(channel, announcement, role_id=None, nonce=nonce, is_dm=True)

    async def _send(
        self,
        channel: discord.abc.Messageable,
        announcement: Announcement,
        *,
        role_id: int | None,
        nonce: str,
        is_dm: bool,
    ) -> int:
        release = await self.release_info()
        embed = rendering.announcement_embed(announcement, release)
        view = rendering.watch_button(release) if announcement.show_watch_link else None
        try:
            message = await channel.send(
                content=rendering.announcement_content(role_id),
                embed=embed,
                view=view,  # type: ignore[arg-type]  # None is accepted at run time
                nonce=nonce,
                allowed_mentions=rendering.announcement_mentions(role_id),
            )
        except discord.HTTPException as error:
            raise self._translate(error, is_dm=is_dm) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise DeliveryTransient(f"could not reach Discord: {error.__class__.__name__}") from error
        return message.id

    @staticmethod
    def _translate(error: discord.HTTPException, *, is_dm: bool) -> DeliveryError:
        if is_dm and error.code == CANNOT_DM_USER:
            return DeliveryClosedDM("the member does not accept direct messages from the bot")
        if isinstance(error, discord.Forbidden):
            return DeliveryForbidden(f"missing permission to post there ({_reason(error)})")
        if isinstance(error, discord.NotFound):
            return DeliveryTargetGone(f"the channel no longer exists ({_reason(error)})")
        if isinstance(error, discord.DiscordServerError) or error.status == 429:
            return DeliveryTransient(_reason(error))
        # Any other 4xx is a request Discord will never accept as it is: record it, don't hammer it.
        return DeliveryForbidden(_reason(error))
