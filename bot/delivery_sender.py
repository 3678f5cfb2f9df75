"""The dispatcher's Discord side: posts one delivery through discord.py and reports failures as delivery errors.

The dispatcher (``bot.services``) knows nothing of Discord; it calls a ``Sender``. This module is that Sender for
the real client: it renders the announcement, sends it with the delivery's nonce, and translates Discord's
answers (403, 404, 5xx, closed DMs, timeouts) into the typed errors the dispatcher acts on.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import aiohttp
import discord

from bot import i18n, rendering
from bot.cogs.fan_buttons import fan_buttons, offers_reminder
from bot.domain.knowledge import ReleaseInfo
from bot.services.announcements import Announcement
from bot.services.delivery.port import (
    DeliveryClosedDM,
    DeliveryError,
    DeliveryForbidden,
    DeliveryRejected,
    DeliveryTargetGone,
    DeliveryTransient,
    DeliveryUnauthorized,
    delivery_marker,
)

__all__ = ["DiscordSender"]

log = logging.getLogger(__name__)

# Discord's JSON error code for "Cannot send messages to this user" (DMs closed or no shared server).
CANNOT_DM_USER = 50007
# 403 codes that mean the bot lacks a permission there (Missing Access, Missing Permissions): pause the channel.
PERMISSION_CODES = frozenset({50001, 50013})
# How far before the claim a lookup of the bot's earlier post starts (clock skew between us and Discord).
LOOKUP_MARGIN = timedelta(minutes=1)


def _reason(error: discord.HTTPException) -> str:
    """A short reason of our own: admins see it in status. Discord's raw text is left to the debug log."""
    return f"Discord {error.status}" + (f" (code {error.code})" if error.code else "")


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
        if (
            isinstance(channel, discord.abc.GuildChannel)
            and role_id
            and channel.guild.get_role(role_id) is None
        ):
            role_id = None  # deleted: it would show as a dead <@&id> (the cog records it for status)
        # The channel's chosen language, else the server's preferred locale (its Community settings).
        locale = announcement.language
        if locale is None and isinstance(channel, discord.abc.GuildChannel):
            locale = channel.guild.preferred_locale.value
        if not isinstance(channel, discord.abc.Messageable):
            channel = self.client.get_partial_messageable(channel_id)
        return await self._send(
            channel, announcement, role_id=role_id, nonce=nonce, is_dm=False, language=i18n.language(locale)
        )

    async def send_reminder(self, user_id: int, announcement: Announcement, *, nonce: str) -> int:
        try:
            user = self.client.get_user(user_id) or await self.client.fetch_user(user_id)
            channel = user.dm_channel or await user.create_dm()
        except discord.NotFound as error:
            raise DeliveryTargetGone(_reason(error)) from error
        except discord.HTTPException as error:
            raise self._translate(error, is_dm=True) from error
        # In the language of the Discord client the fan set the reminder from.
        language = i18n.language(announcement.language)
        return await self._send(
            channel, announcement, role_id=None, nonce=nonce, is_dm=True, language=language
        )

    async def find_delivered(
        self, target_kind: str, target_id: int, marker: str, after: datetime
    ) -> int | None:
        try:
            if target_kind == "user":
                user = self.client.get_user(target_id) or await self.client.fetch_user(target_id)
                channel: discord.abc.Messageable = user.dm_channel or await user.create_dm()
            else:
                found = self.client.get_channel(target_id)
                channel = (
                    found
                    if isinstance(found, discord.abc.Messageable)
                    else self.client.get_partial_messageable(target_id)
                )
            me = self.client.user
            # One page (100 messages) after the claim: a countdown channel does not get 100 posts in minutes.
            since = discord.Object(discord.utils.time_snowflake(after - LOOKUP_MARGIN))
            async for message in channel.history(limit=100, after=since, oldest_first=True):
                if me is not None and message.author.id != me.id:
                    continue
                if any(marker in (embed.footer.text or "") for embed in message.embeds):
                    return message.id
        except discord.Forbidden:
            # No Read Message History there: the check is impossible, not the post. Send it (its nonce still
            # covers a recent attempt) rather than pause the channel or lose the post.
            log.warning(
                "cannot read channel %s to check for an earlier post (Read Message History?)", target_id
            )
            return None
        except discord.HTTPException as error:
            raise self._translate(error, is_dm=target_kind == "user") from error
        except discord.RateLimited as error:
            raise DeliveryTransient("Discord rate limit", retry_after=error.retry_after) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise DeliveryTransient(f"could not reach Discord: {error.__class__.__name__}") from error
        return None

    async def _send(
        self,
        channel: discord.abc.Messageable,
        announcement: Announcement,
        *,
        role_id: int | None,
        nonce: str,
        is_dm: bool,
        language: i18n.Language = i18n.ENGLISH,
    ) -> int:
        release = await self.release_info()
        embed = rendering.announcement_embed(announcement, release, marker=delivery_marker(nonce), t=language)
        # Countdown posts carry the fan buttons; a DM reminder is already what "DM me" sets up.
        items = (
            []
            if is_dm
            else fan_buttons(
                channel.guild if isinstance(channel, discord.abc.GuildChannel) else None,
                role_id,
                reminders=offers_reminder(announcement.release, announcement.due_at),
                language=language,
            )
        )
        view = rendering.post_buttons_view(release if announcement.show_watch_link else None, items, language)
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
        except discord.RateLimited as error:
            # A 429 longer than the client's max_ratelimit_timeout: discord.py raised instead of sleeping (and
            # holding its global lock); the dispatcher holds every send until it is over.
            raise DeliveryTransient("Discord rate limit", retry_after=error.retry_after) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise DeliveryTransient(f"could not reach Discord: {error.__class__.__name__}") from error
        return message.id

    @staticmethod
    def _translate(error: discord.HTTPException, *, is_dm: bool) -> DeliveryError:
        if is_dm and error.code == CANNOT_DM_USER:
            return DeliveryClosedDM("the member does not accept direct messages from the bot")
        if error.status == 401:
            return DeliveryUnauthorized("Discord refused the bot's token (401)")
        if isinstance(error, discord.Forbidden) and error.code in PERMISSION_CODES:
            return DeliveryForbidden(f"missing permission to post there ({_reason(error)})")
        if isinstance(error, discord.NotFound):
            return DeliveryTargetGone(f"the channel no longer exists ({_reason(error)})")
        if isinstance(error, discord.DiscordServerError) or error.status in (408, 429):
            return DeliveryTransient(_reason(error))
        # Any other 4xx is this one request refused: fail this post with the reason, keep the channel.
        return DeliveryRejected(f"Discord refused this post ({_reason(error)})")
