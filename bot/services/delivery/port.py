"""What the dispatcher needs from Discord: the :class:`Sender` port and the errors it reports.

Discord-agnostic: the real implementation (``bot.delivery_sender.DiscordSender``) lives with the Discord adapters,
tests use an in-memory one.
"""

from __future__ import annotations

from typing import Protocol

from bot.services.announcements import Announcement

__all__ = [
    "DeliveryClosedDM",
    "DeliveryError",
    "DeliveryForbidden",
    "DeliveryTargetGone",
    "DeliveryTransient",
    "Sender",
]


class DeliveryError(Exception):
    """Base of the errors a :class:`Sender` raises; ``reason`` is shown to admins in status."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason or self.__class__.__name__


class DeliveryForbidden(DeliveryError):
    """403: the bot may not post there (missing permission). The subscription is paused with the reason."""


class DeliveryTargetGone(DeliveryError):
    """404: the channel (or user) no longer exists. The subscription is disabled."""


class DeliveryTransient(DeliveryError):
    """5xx, timeout, connection reset: worth retrying a bounded number of times."""


class DeliveryClosedDM(DeliveryError):
    """The user does not accept DMs from the bot. The reminder is stopped quietly (state closed_dm)."""


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
