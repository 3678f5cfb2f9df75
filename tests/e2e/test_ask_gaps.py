"""/ask's buttons ("did you mean", "Not what I asked"), the ask gaps they record, /kb gaps and the purge, through
the real discord.py client and the sandbox."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from bot.db.gaps import AskGap, GapKind, GapRepository
from bot.sandbox import Member
from bot.sandbox.interactions import RESPONSE_DEADLINE, InteractionResult
from tests.e2e.conftest import Harness
from tests.e2e.test_fan_commands import embed_text

UNANSWERABLE = "What's the weather in Kent?"


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [button for row in message.get("components") or [] for button in row["components"]]


async def stored_gaps(harness: Harness, expected: int, *, attempts: int = 150) -> list[AskGap]:
    """The stored gaps (read past the service: no purge), once there are ``expected`` of them.

    Gaps are written just after the reply, so a test may look a moment before the write lands."""
    assert harness.bot is not None
    repository = GapRepository(harness.bot.database)
    since = harness.clock.now() - timedelta(days=3650)
    for _ in range(attempts):  # 0.02 s apart: 3 s in all
        gaps = await repository.most_asked(100, since=since)
        if len(gaps) == expected:
            return gaps
        await asyncio.sleep(0.02)
    gaps = await repository.most_asked(100, since=since)
    assert len(gaps) == expected, [(gap.question, str(gap.last_asked)) for gap in gaps]
    return gaps


async def click(
    harness: Harness, message: dict[str, Any] | None, button: dict[str, Any], *, member: Member | None = None
) -> InteractionResult:
    """``member`` (default: the fan) presses ``button`` on ``message``."""
    assert message is not None
    return await harness.sandbox.click(message["id"], button["custom_id"], member=member or harness.demo.fan)


async def test_no_answer_offers_suggestions_that_answer_when_pressed(harness: Harness) -> None:
    result = await harness.invoke("ask", {"question": UNANSWERABLE})
    assert "I don't know" in embed_text(result.embeds[0])
    offered = buttons(result.original or {})
    assert 1 <= len(offered) <= 3
    assert all(len(button["custom_id"]) <= 100 and len(button["label"]) <= 80 for button in offered)
    assert not any(button["label"] == "Not what I asked" for button in offered)

    first = offered[0]
    pressed = await click(harness, result.original, first)
    assert pressed.record.latency is not None and pressed.record.latency < RESPONSE_DEADLINE
    assert not pressed.ephemeral
    [answer] = pressed.messages
    text = embed_text(answer["embeds"][0])
    assert "I don't know" not in text and "Source" in text and first["label"] in text
    # The suggested question's answer is an /ask answer like any other: it has its own "Not what I asked".
    assert [button["label"] for button in buttons(answer)] == ["Not what I asked"]

    [gap] = await stored_gaps(harness, 1)
    assert (gap.question, gap.kind, gap.count) == ("whats the weather in kent", GapKind.UNANSWERED, 1)
    assert gap.first_asked == gap.last_asked == harness.clock.now()


async def test_the_same_unanswered_question_is_counted_not_repeated(harness: Harness) -> None:
    await harness.invoke("ask", {"question": UNANSWERABLE})
    await harness.invoke("ask", {"question": "what's the WEATHER in kent"}, member=harness.demo.admin)
    await harness.invoke("ask", {"question": "who plays Nick?"})  # answered: not a gap
    await harness.invoke("ask", {"question": "zz"})  # too short to learn from: not a gap
    await asyncio.sleep(0.2)
    [gap] = await stored_gaps(harness, 1)
    assert gap.count == 2


async def test_not_what_i_asked_records_the_question_and_thanks_privately(harness: Harness) -> None:
    result = await harness.invoke("ask", {"question": "Who plays Nick?"})
    assert "Kit Connor" in embed_text(result.embeds[0])
    [flag] = buttons(result.original or {})
    assert flag["label"] == "Not what I asked"
    thanks = await click(harness, result.original, flag)
    assert thanks.ephemeral and "Thanks" in embed_text(thanks.embeds[0])
    [gap] = await stored_gaps(harness, 1)
    assert (gap.question, gap.kind, gap.count) == ("who plays nick", GapKind.NOT_WHAT_I_ASKED, 1)

    # The same person pressing again is thanked again but not counted again; another fan is counted.
    again = await click(harness, result.original, flag)
    assert again.ephemeral
    await click(harness, result.original, flag, member=harness.demo.admin)
    await asyncio.sleep(0.1)
    [gap] = await stored_gaps(harness, 1)
    assert gap.count == 2


async def test_buttons_keep_working_after_a_restart(harness: Harness) -> None:
    unanswered = await harness.invoke("ask", {"question": UNANSWERABLE})
    answered = await harness.invoke("ask", {"question": "who directs it?"})
    await stored_gaps(harness, 1)

    await harness.restart()

    suggestion = buttons(unanswered.original or {})[0]
    pressed = await click(harness, unanswered.original, suggestion)
    assert "Source" in embed_text(pressed.messages[0]["embeds"][0])
    [flag] = buttons(answered.original or {})
    thanks = await click(harness, answered.original, flag)
    assert thanks.ephemeral and "Thanks" in embed_text(thanks.embeds[0])
    gaps = await stored_gaps(harness, 2)
    assert {gap.kind for gap in gaps} == {GapKind.UNANSWERED, GapKind.NOT_WHAT_I_ASKED}
