"""The dispatcher's Discord side: posts one delivery through discord.py and reports failures as delivery errors.

The dispatcher (``bot.services``) knows nothing of Discord; it calls a ``Sender``. This module is that Sender for
the real client: it renders the announcement, sends it with the delivery's nonce, and translates Discord's
answers (403, 404, 5xx, closed DMs, timeouts) into the typed errors the dispatcher acts on.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import aiohttp
import discord

from bot import i18n, rendering
from bot.art import CardArt
from bot.cogs.fan_buttons import fan_buttons, offers_reminder
from bot.domain.knowledge import ReleaseInfo
from bot.i18n import Phrase
from bot.phrases import phrase
from bot.services.announcements import CLASSIC_STYLE, Announcement
from bot.services.delivery.port import (
    DeliveryClosedDM,
    DeliveryError,
    DeliveryForbidden,
    DeliveryMessageGone,
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
# Discord's JSON error code for "Unknown Message": the message to edit was deleted.
UNKNOWN_MESSAGE = 10008
# How far before the claim a lookup of the bot's earlier post starts (clock skew between us and Discord).
LOOKUP_MARGIN = timedelta(minutes=1)


def _digest(payload: dict[str, Any]) -> str:
    """A short digest of what a message shows (text, embed, layout and buttons): a live countdown is not edited
    when its update would show the same."""
    view, embed = payload.get("view"), payload.get("embed")
    shown = {
        "content": payload.get("content"),
        "embed": embed.to_dict() if embed is not None else None,
        "components": view.to_components() if view is not None else [],
    }
    encoded = json.dumps(shown, sort_keys=True, default=str).encode("utf-8")
    return hashlib.blake2b(encoded, digest_size=12).hexdigest()


def _reason(error: discord.HTTPException) -> Phrase:
    """A short reason of our own: admins see it in status. Discord's raw text is left to the debug log."""
    if error.code:
        return phrase("discord.status_code", status=error.status, code=error.code)
    return phrase("discord.status", status=error.status)


class DiscordSender:
    """The dispatcher's Sender: one message per delivery, sent with the delivery's nonce (enforce_nonce).

    ``release_info`` gives what the renderer needs besides the announcement (the platform, its link); ``art``
    draws the card's picture (a server that chose the classic style gets the embed instead; DMs always do).
    """

    def __init__(
        self,
        client: discord.Client,
        release_info: Callable[[], Awaitable[ReleaseInfo]],
        art: CardArt | None = None,
    ) -> None:
        self.client = client
        self.release_info = release_info
        self.art = art or CardArt()
        #: Card posts between the start of their drawing and Discord's answer (a test sandbox waits for them).
        self.cards_in_progress = 0

    @staticmethod
    def _existing_role(channel: object, role_id: int | None) -> int | None:
        if (
            isinstance(channel, discord.abc.GuildChannel)
            and role_id
            and channel.guild.get_role(role_id) is None
        ):
            return None  # deleted: it would show as a dead <@&id> (the cog records it for status)
        return role_id

    @staticmethod
    def _may_upload(channel: object) -> bool:
        """Whether the bot may upload the card's picture there (Attach Files; a server set up before cards, or
        a permission taken away since, may lack it). Unknown (the bot's member not cached): assumed so."""
        return not (
            isinstance(channel, discord.abc.GuildChannel)
            and channel.guild.me is not None
            and not channel.permissions_for(channel.guild.me).attach_files
        )

    @classmethod
    def _with_style_allowed(cls, channel: object, announcement: Announcement) -> Announcement:
        """A card uploads its picture: without Attach Files Discord would refuse the post, so it goes out as the
        classic embed."""
        if announcement.style != CLASSIC_STYLE and not cls._may_upload(channel):
            return replace(announcement, style=CLASSIC_STYLE)
        return announcement

    @staticmethod
    def _post_language(channel: object, announcement: Announcement) -> i18n.Language:
        """The channel's chosen language, else the server's preferred locale (its Community settings)."""
        locale = announcement.language
        if locale is None and isinstance(channel, discord.abc.GuildChannel):
            locale = channel.guild.preferred_locale.value
        return i18n.language(locale)

    async def send_announcement(
        self, channel_id: int, announcement: Announcement, *, role_id: int | None, nonce: str
    ) -> int:
        channel = self.client.get_channel(channel_id)
        role_id = self._existing_role(channel, role_id)
        announcement = self._with_style_allowed(channel, announcement)
        language = self._post_language(channel, announcement)
        if not isinstance(channel, discord.abc.Messageable):
            channel = self.client.get_partial_messageable(channel_id)
        return await self._send(
            channel, announcement, role_id=role_id, nonce=nonce, is_dm=False, language=language
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

    async def edit_announcement(
        self,
        channel_id: int,
        message_id: int,
        announcement: Announcement,
        *,
        role_id: int | None,
        nonce: str,
        shown_digest: str | None,
    ) -> str:
        channel = self.client.get_channel(channel_id)
        role_id = self._existing_role(channel, role_id)
        # Not the classic embed without Attach Files, as a post would be: the live message may be a card, and
        # Discord keeps a card a card. It stays one (or becomes one), without a picture until the bot may upload.
        picture = self._may_upload(channel)
        language = self._post_language(channel, announcement)
        if not isinstance(channel, discord.TextChannel | discord.Thread | discord.VoiceChannel):
            channel = self.client.get_partial_messageable(channel_id)
        is_card = announcement.style != CLASSIC_STYLE
        self.cards_in_progress += is_card
        try:
            return await self._edit(
                channel, message_id, announcement, role_id, nonce, shown_digest, picture, language
            )
        finally:
            self.cards_in_progress -= is_card

    async def _edit(
        self,
        channel: discord.TextChannel | discord.Thread | discord.VoiceChannel | discord.PartialMessageable,
        message_id: int,
        announcement: Announcement,
        role_id: int | None,
        nonce: str,
        shown_digest: str | None,
        picture: bool,
        language: i18n.Language,
    ) -> str:
        payload = await self._payload(
            channel,
            announcement,
            role_id=role_id,
            marker=delivery_marker(nonce),
            is_dm=False,
            picture=picture,
            language=language,
        )
        # The digest leaves out the marker (each delivery has its own): the same countdown is the same content.
        unmarked = await self._payload(
            channel,
            announcement,
            role_id=role_id,
            marker=None,
            is_dm=False,
            picture=picture,
            language=language,
        )
        digest = _digest(unmarked)
        if digest == shown_digest:
            return digest  # it shows this already: an edit would only spend the channel's rate limit
        if "view" in payload and "embed" not in payload:
            # A card: a live message posted as the embed (before cards, or without Attach Files then) becomes
            # the card in place, and Discord takes the layout only with the embed's content and embed cleared.
            # Its attachments are replaced: the picture of the day, or none (no stale picture left behind).
            payload.update(content=None, embed=None, attachments=payload.pop("files"))
        with self._delivery_errors(is_dm=False):
            try:
                await channel.get_partial_message(message_id).edit(**payload)
            except discord.NotFound as error:
                if error.code == UNKNOWN_MESSAGE:
                    raise DeliveryMessageGone(_reason(error)) from error
                raise  # another 404: translated as any other
        return digest

    async def find_delivered(
        self, target_kind: str, target_id: int, marker: str, after: datetime
    ) -> int | None:
        with self._delivery_errors(is_dm=target_kind == "user"):
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
                    # A card carries the marker in its source line, a text display inside the layout.
                    if any(marker in text for text in rendering.layout_text(message.components)):
                        return message.id
            except discord.Forbidden:
                # No Read Message History there: the check is impossible, not the post. Send it (its nonce still
                # covers a recent attempt) rather than pause the channel or lose the post.
                log.warning(
                    "cannot read channel %s to check for an earlier post (Read Message History?)", target_id
                )
                return None
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
        is_card = not is_dm and announcement.style != CLASSIC_STYLE
        self.cards_in_progress += is_card
        try:
            with self._delivery_errors(is_dm=is_dm):
                payload = await self._payload(
                    channel,
                    announcement,
                    role_id=role_id,
                    marker=delivery_marker(nonce),
                    is_dm=is_dm,
                    language=language,
                )
                message = await channel.send(nonce=nonce, **payload)
        finally:
            self.cards_in_progress -= is_card
        return message.id

    async def _payload(
        self,
        channel: discord.abc.Messageable,
        announcement: Announcement,
        *,
        role_id: int | None,
        marker: str | None,
        is_dm: bool,
        picture: bool = True,
        language: i18n.Language = i18n.ENGLISH,
    ) -> dict[str, Any]:
        """What a post shows, for a send and for a live message's edit alike (so an edit looks like a post);
        a card without ``picture`` where the bot may not upload one."""
        release = await self.release_info()
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
        mentions = rendering.announcement_mentions(role_id)
        if is_dm or announcement.style == CLASSIC_STYLE:
            return {
                "content": rendering.announcement_content(role_id),
                "embed": rendering.announcement_embed(announcement, release, marker=marker, t=language),
                "view": rendering.post_buttons_view(
                    release if announcement.show_watch_link else None, items, language
                ),
                "allowed_mentions": mentions,
            }
        png = (
            await self.art.card_async(rendering.announcement_face(announcement, release, language))
            if picture
            else None
        )
        card = rendering.announcement_card(
            announcement, release, png, marker=marker, role_id=role_id, actions=items, t=language
        )
        # The role mention is a text display in the layout: allowed_mentions still decides who is pinged.
        return {"view": card.view, "files": card.files, "allowed_mentions": mentions}

    @classmethod
    @contextmanager
    def _delivery_errors(cls, *, is_dm: bool) -> Iterator[None]:
        """Discord's failures inside the block, raised as the delivery errors the dispatcher acts on; a handler
        inside the block that needs another answer for one of them (a 404 Unknown Message) catches it first."""
        try:
            yield
        except discord.HTTPException as error:
            raise cls._translate(error, is_dm=is_dm) from error
        except discord.RateLimited as error:
            # A 429 longer than the client's max_ratelimit_timeout: discord.py raised instead of sleeping (and
            # holding its global lock); the dispatcher holds every send until it is over.
            raise DeliveryTransient("Discord rate limit", retry_after=error.retry_after) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise DeliveryTransient(f"could not reach Discord: {error.__class__.__name__}") from error

    @staticmethod
    def _translate(error: discord.HTTPException, *, is_dm: bool) -> DeliveryError:
        if is_dm and error.code == CANNOT_DM_USER:
            return DeliveryClosedDM(phrase("delivery.closed_dm_member"))
        if error.status == 401:
            return DeliveryUnauthorized(phrase("delivery.token_refused"))
        if isinstance(error, discord.Forbidden) and error.code in PERMISSION_CODES:
            return DeliveryForbidden(phrase("delivery.missing_permission", detail=_reason(error)))
        if isinstance(error, discord.NotFound):
            return DeliveryTargetGone(phrase("delivery.channel_gone", detail=_reason(error)))
        if isinstance(error, discord.DiscordServerError) or error.status in (408, 429):
            return DeliveryTransient(_reason(error))
        # Any other 4xx is this one request refused: fail this post with the reason, keep the channel.
        return DeliveryRejected(phrase("delivery.post_refused", detail=_reason(error)))
