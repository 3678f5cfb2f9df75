"""Delivery of countdown posts, news and personal reminders, exactly once.

* :mod:`.port`: the :class:`Sender` the dispatcher posts through, the errors it reports, and the
  :class:`DeliveryObserver` it tells what happened (metrics).
* :mod:`.pacing`: the :class:`RateLimiter` that keeps sends under Discord's global limit.
* :mod:`.planning`: pure functions of now, the release, the targets, the news and what was delivered: what is
  due, which rows to claim, what each posts, what comes next.
* :mod:`.dispatcher`: the :class:`Dispatcher` task: load, plan, claim, send, retry, record.
"""

from bot.services.delivery.dispatcher import Dispatcher, RoundStats
from bot.services.delivery.pacing import RateLimiter
from bot.services.delivery.planning import DeliveryTarget, PlannedDelivery, TargetKind
from bot.services.delivery.port import (
    DeliveryClosedDM,
    DeliveryError,
    DeliveryForbidden,
    DeliveryMessageGone,
    DeliveryObserver,
    DeliveryRejected,
    DeliveryTargetGone,
    DeliveryTransient,
    DeliveryUnauthorized,
    IgnoreDeliveries,
    Sender,
    delivery_marker,
)

__all__ = [
    "DeliveryClosedDM",
    "DeliveryError",
    "DeliveryForbidden",
    "DeliveryMessageGone",
    "DeliveryObserver",
    "DeliveryRejected",
    "DeliveryTarget",
    "DeliveryTargetGone",
    "DeliveryTransient",
    "DeliveryUnauthorized",
    "Dispatcher",
    "IgnoreDeliveries",
    "PlannedDelivery",
    "RateLimiter",
    "RoundStats",
    "Sender",
    "TargetKind",
    "delivery_marker",
]
