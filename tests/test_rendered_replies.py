"""The fan cog's reply cache: rendered once per data version, least recently used dropped first."""

from __future__ import annotations

import pytest

from bot.cogs.rendered_replies import RenderedReplies


class Renderer:
    """Counts renders, so a test sees which lookups were served from the cache."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, key: str):
        async def render() -> str:
            self.calls.append(key)
            return f"reply to {key} #{len(self.calls)}"

        return render


async def test_a_reply_is_rendered_once_per_key() -> None:
    cache: RenderedReplies[str] = RenderedReplies(lambda: 1)
    render = Renderer()
    first = await cache.get(("ask", "who plays Nick?"), render("nick"))
    again = await cache.get(("ask", "who plays Nick?"), render("nick"))
    other = await cache.get(("ask", "who directs it?"), render("director"))
    assert first == again == "reply to nick #1"
    assert other == "reply to director #2"
    assert render.calls == ["nick", "director"]


async def test_a_new_data_version_renders_again_and_drops_the_old_replies() -> None:
    version = [1]
    cache: RenderedReplies[str] = RenderedReplies(lambda: version[0])
    render = Renderer()
    await cache.get("cast", render("cast"))
    await cache.get("timeline", render("timeline"))
    version[0] = 2
    assert await cache.get("cast", render("cast")) == "reply to cast #3"
    assert len(cache) == 1


async def test_the_least_recently_used_reply_goes_first() -> None:
    cache: RenderedReplies[str] = RenderedReplies(lambda: 1, capacity=2)
    render = Renderer()
    await cache.get("a", render("a"))
    await cache.get("b", render("b"))
    await cache.get("a", render("a"))  # a is now the most recently used
    await cache.get("c", render("c"))  # over capacity: b goes
    assert len(cache) == 2
    await cache.get("a", render("a"))
    await cache.get("b", render("b"))
    assert render.calls == ["a", "b", "c", "b"]


async def test_a_failed_render_keeps_nothing() -> None:
    cache: RenderedReplies[str] = RenderedReplies(lambda: 1)

    async def fail() -> str:
        raise ValueError("no such question")

    with pytest.raises(ValueError):
        await cache.get("bad", fail)
    assert len(cache) == 0


async def test_a_reply_rendered_across_an_import_is_not_kept() -> None:
    version = [1]
    cache: RenderedReplies[str] = RenderedReplies(lambda: version[0])

    async def render_during_import() -> str:
        version[0] = 2
        return "rendered from the old data"

    assert await cache.get("cast", render_during_import) == "rendered from the old data"
    assert len(cache) == 0
