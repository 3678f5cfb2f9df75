"""Replies rendered once per data version and kept, most recently used last, up to a fixed number."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

Rendered = TypeVar("Rendered")


class RenderedReplies(Generic[Rendered]):
    """A bounded LRU of rendered replies that empties itself when the knowledge changes.

    A fan reply depends only on the data (and on the question, or the countdown's state), so a busy server's
    repeated questions skip rendering. ``data_version`` is read on every lookup: when it moved (an import), every
    kept reply is stale and the cache starts over.
    """

    def __init__(self, data_version: Callable[[], int], *, capacity: int = 512) -> None:
        self._data_version = data_version
        self.capacity = capacity
        self._version: int | None = None
        self._replies: OrderedDict[Hashable, Rendered] = OrderedDict()

    def __len__(self) -> int:
        return len(self._replies)

    async def get(self, key: Hashable, render: Callable[[], Awaitable[Rendered]]) -> Rendered:
        """The reply kept for ``key``, or ``render()``'s, kept for next time (an exception keeps nothing)."""
        version = self._data_version()
        if version != self._version:
            self._replies.clear()
            self._version = version
        reply = self._replies.get(key)
        if reply is not None:
            self._replies.move_to_end(key)
            return reply
        reply = await render()
        if self._data_version() == version:  # not rendered from data an import replaced meanwhile
            self._replies[key] = reply
            if len(self._replies) > self.capacity:
                self._replies.popitem(last=False)
        return reply
