"""What the dispatcher needs from Discord: the :class:`Sender` port and the errors it reports.

Discord-agnostic: the real implementation (``bot.delivery_sender.DiscordSender``) lives with the Discord adapters,
tests use an in-memory one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.services.announcements import Announcement

__all__ = [
    "DeliveryClosedDM",
    "DeliveryError",
    "DeliveryForbidden",
    "DeliveryMessageGone",
    "DeliveryObserver",
    "DeliveryRejected",
    "DeliveryTargetGone",
    "DeliveryTransient",
    "DeliveryUnauthorized",
    "IgnoreDeliveries",
    "Sender",
    "delivery_marker",
]


class DeliveryError(Exception):
    """Base of the errors a :class:`Sender` raises; ``reason`` is shown to admins in status."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason or self.__class__.__name__


class DeliveryForbidden(DeliveryError):
    """403 Missing Access / Missing Permissions: the bot may not post there. The subscription is paused with the
    reason, and resumes by itself once the bot's permissions there are back."""


class DeliveryRejected(DeliveryError):
    """Another 4xx: Discord refused this one post as it is. That post fails with the reason; the channel stays."""


class DeliveryTargetGone(DeliveryError):
    """404: the channel (or user) no longer exists. The subscription is disabled."""


class DeliveryMessageGone(DeliveryError):
    """404 Unknown Message on an edit: a moderator deleted the live message. The update posts a new one."""


class DeliveryTransient(DeliveryError):
    """5xx, timeout, connection reset, a long rate limit: retried with backoff until the grace window closes.

    ``retry_after`` (seconds), when Discord said how long to wait (a 429 longer than discord.py waits out
    itself): every send is held that long, since the limit may be global."""

    def __init__(self, reason: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class DeliveryUnauthorized(DeliveryError):
    """401: Discord refused the bot's own token. Nothing is wrong with the post or the channel: every send is held
    (posts stay pending) and retried later; no subscription changes."""


class DeliveryClosedDM(DeliveryError):
    """The user does not accept DMs from the bot. The reminder is stopped quietly (state closed_dm)."""


def delivery_marker(nonce: str) -> str:
    """The short reference every post carries (in its embed footer), derived from the delivery's nonce: how the
    bot recognises its own earlier post when Discord no longer remembers the nonce."""
    return f"ref {nonce[:8]}"


class Sender(Protocol):
    """What the dispatcher needs from Discord.

    Both methods post one message and return its id. ``nonce`` (<= 25 characters, deterministic per delivery)
    must be sent with ``enforce_nonce`` so that a repeat of the same delivery returns the message already
    created instead of posting a second one. Failures are reported by raising :class:`DeliveryForbidden`,
    :class:`DeliveryTargetGone`, :class:`DeliveryTransient` or :class:`DeliveryClosedDM`.
    """

    async def send_announcement(
        self, channel_id: int, announcement: Announcement, *, role_id: int | None, nonce: str
    ) -> int: ...

    async def send_reminder(self, user_id: int, announcement: Announcement, *, nonce: str) -> int: ...

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
        """Make the bot's message ``message_id`` show ``announcement`` (a live countdown's update); returns a
        digest of what it shows now. When that equals ``shown_digest`` (what the message is known to show) no
        request is made: an edit is idempotent by content, so repeating one after a crash is harmless, and
        skipping an unchanged one spares the channel's edit rate limit. Raises :class:`DeliveryMessageGone`
        when the message was deleted, else the same errors as the sends."""
        ...

    async def find_delivered(
        self, target_kind: str, target_id: int, marker: str, after: datetime
    ) -> int | None:
        """The id of the bot's own message carrying ``marker`` posted after ``after`` in the channel (or the
        user's DM channel), or None. Raises the same errors as the sends."""
        ...


class DeliveryObserver(Protocol):
    """What the dispatcher reports as it goes, for metrics (``bot.metrics``); ``target_kind`` is 'channel' or
    'user'. Calls are synchronous and must be cheap: they run on the delivery path."""

    def post_sent(self, target_kind: str, delay_seconds: float) -> None:
        """Discord confirmed a post, ``delay_seconds`` after its due instant."""

    def post_already_delivered(self, target_kind: str) -> None:
        """A post about to be sent again was found already in the channel and recorded instead (no duplicate)."""

    def post_lost(self, target_kind: str) -> None:
        """A post given up: Discord did not take it before its grace window closed."""

    def post_failed(self, target_kind: str) -> None:
        """A post Discord refused for good (missing permission, channel gone, another 4xx)."""


class IgnoreDeliveries:
    """The :class:`DeliveryObserver` that records nothing (no metrics configured, tests)."""

    def post_sent(self, target_kind: str, delay_seconds: float) -> None:
        pass

    def post_already_delivered(self, target_kind: str) -> None:
        pass

    def post_lost(self, target_kind: str) -> None:
        pass

    def post_failed(self, target_kind: str) -> None:
        pass
