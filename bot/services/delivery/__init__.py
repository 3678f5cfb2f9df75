"""Delivery of countdown posts, news and personal reminders, exactly once.

* :mod:`.port`: the :class:`Sender` the dispatcher posts through, and the errors it reports.
* :mod:`.pacing`: the :class:`RateLimiter` that keeps sends under Discord's global limit.
* :mod:`.dispatcher`: the :class:`Dispatcher` task: plan, claim, send, retry, record.
"""

from bot.services.delivery.dispatcher import Dispatcher, PlannedDelivery, RoundStats
from bot.services.delivery.pacing import RateLimiter
from bot.services.delivery.port import (
    DeliveryClosedDM,
    DeliveryError,
    DeliveryForbidden,
    DeliveryTargetGone,
    DeliveryTransient,
    Sender,
)

__all__ = [
    "DeliveryClosedDM",
    "DeliveryError",
    "DeliveryForbidden",
    "DeliveryTargetGone",
    "DeliveryTransient",
    "Dispatcher",
    "PlannedDelivery",
    "RateLimiter",
    "RoundStats",
    "Sender",
]
