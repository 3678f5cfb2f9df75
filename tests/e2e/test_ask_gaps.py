"""/ask's buttons ("did you mean", "Not what I asked"), the ask gaps they record, /kb gaps and the purge, through
the real discord.py client and the sandbox."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from bot.config import Settings
from bot.db.gaps import AskGap, GapKind, GapRepository
from bot.sandbox import Member, visible_text
from bot.sandbox.interactions import RESPONSE_DEADLINE, InteractionResult
from bot.services.answering import Answer, NoAnswer
from tests.e2e.conftest import Harness
from tests.e2e.test_fan_commands import embed_text

# On-topic, but in no source: the answerer says it does not know (off-topic questions are refused, not recorded).
UNANSWERABLE = "Who composed the music for Heartstopper Forever?"


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


def make_owner(harness: Harness) -> None:
    assert harness.bot is not None
    harness.bot.owner_id, harness.bot.owner_ids = None, {harness.demo.admin.id}  # as OWNER_IDS would


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
    text = visible_text(answer)
    assert "I don't know" not in text and "Source" in text and first["label"] in text
    # The suggested question's answer is an /ask answer like any other: it has its own "Not what I asked".
    assert [button["label"] for button in buttons(answer)] == ["Not what I asked"]

    [gap] = await stored_gaps(harness, 1)
    assert (gap.question, gap.kind, gap.count) == (
        "who composed the music for heartstopper forever",
        GapKind.UNANSWERED,
        1,
    )
    assert gap.first_asked == gap.last_asked == harness.clock.now()


async def test_the_answerers_own_suggestions_are_offered_first(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answerer does not suggest anything yet (NoAnswer.suggestions is always empty): stand in for it at
    the service boundary, as it will answer once it does."""
    assert harness.bot is not None
    real_answer = harness.bot.answerer.answer

    async def answer_with_suggestions(question: str) -> Answer | NoAnswer:
        result = await real_answer(question)
        if isinstance(result, NoAnswer):
            return NoAnswer(result.question, ("Who plays Charlie?", "When did filming wrap?"))
        return result

    monkeypatch.setattr(harness.bot.answerer, "answer", answer_with_suggestions)
    result = await harness.invoke("ask", {"question": UNANSWERABLE})
    offered = buttons(result.original or {})
    assert [button["label"] for button in offered] == ["Who plays Charlie?", "When did filming wrap?"]
    pressed = await click(harness, result.original, offered[0])
    assert "Joe Locke" in visible_text(pressed.messages[0])


async def test_the_same_unanswered_question_is_counted_not_repeated(harness: Harness) -> None:
    await harness.invoke("ask", {"question": UNANSWERABLE})
    await harness.invoke(
        "ask", {"question": "who COMPOSED the music for heartstopper forever"}, member=harness.demo.admin
    )
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


async def test_a_repeated_question_gets_working_buttons_under_every_answer(harness: Harness) -> None:
    """A repeated question is answered from the kept reply, buttons and all: each answer message still carries
    them, and a click under the first is answered after the others went out."""
    fans = (harness.demo.fan, harness.demo.admin, harness.demo.fan)
    answered = [await harness.invoke("ask", {"question": "who directs it?"}, member=fan) for fan in fans]
    unanswered = [await harness.invoke("ask", {"question": UNANSWERABLE}, member=fan) for fan in fans[:2]]
    for result in answered:
        assert [button["label"] for button in buttons(result.original or {})] == ["Not what I asked"]
    assert buttons(unanswered[0].original or {}) == buttons(unanswered[1].original or {}) != []

    thanks = await click(harness, answered[0].original, buttons(answered[0].original or {})[0])
    assert thanks.ephemeral and "Thanks" in embed_text(thanks.embeds[0])
    pressed = await click(harness, unanswered[0].original, buttons(unanswered[0].original or {})[0])
    assert "Source" in visible_text(pressed.messages[0])
    assert harness.bot is not None and harness.bot.persistent_views == []


async def test_buttons_keep_working_after_a_restart(harness: Harness) -> None:
    unanswered = await harness.invoke("ask", {"question": UNANSWERABLE})
    answered = await harness.invoke("ask", {"question": "who directs it?"})
    await stored_gaps(harness, 1)

    await harness.restart()

    suggestion = buttons(unanswered.original or {})[0]
    pressed = await click(harness, unanswered.original, suggestion)
    assert "Source" in visible_text(pressed.messages[0])
    [flag] = buttons(answered.original or {})
    thanks = await click(harness, answered.original, flag)
    assert thanks.ephemeral and "Thanks" in embed_text(thanks.embeds[0])
    gaps = await stored_gaps(harness, 2)
    assert {gap.kind for gap in gaps} == {GapKind.UNANSWERED, GapKind.NOT_WHAT_I_ASKED}


async def test_answers_leave_no_view_behind_in_the_running_bot(harness: Harness) -> None:
    """Every /ask answer carries buttons; their clicks are answered by the registered DynamicItems, so the bot
    keeps no view per answer message (discord.py would hold each one for ever: memory growing with every /ask)."""
    assert harness.bot is not None
    for question in ("who directs it?", UNANSWERABLE, "who plays nick", "when is it out"):
        await harness.invoke("ask", {"question": question})
    assert harness.bot.persistent_views == []


async def test_kb_gaps_lists_the_most_asked_for_an_owner(harness: Harness) -> None:
    admin = harness.demo.admin
    for question in (
        UNANSWERABLE,
        UNANSWERABLE,
        "Is there a **bold** `sequel` to Heartstopper Forever?",
        "@everyone what was the budget of the film?",
    ):
        await harness.invoke("ask", {"question": question})
    await stored_gaps(harness, 3)
    make_owner(harness)

    listed = await harness.invoke("kb gaps", member=admin)
    assert listed.ephemeral
    text = embed_text(listed.embeds[0])
    lines = [line for line in text.splitlines() if "×" in line]
    assert lines[0].startswith(
        "**2×** who composed the music for heartstopper forever · no answer · last <t:"
    )
    assert (
        "is there a bold sequel to heartstopper forever" in text
        and "**bold**" not in text
        and "`" not in text
    )
    assert "everyone what was the budget of the film" in text and "@everyone" not in text

    one = await harness.invoke("kb gaps", {"limit": 1}, member=admin)
    assert len([line for line in embed_text(one.embeds[0]).splitlines() if "×" in line]) == 1


async def test_kb_gaps_is_refused_to_non_owners_even_if_re_granted(harness: Harness) -> None:
    demo = harness.demo
    await harness.invoke("ask", {"question": UNANSWERABLE})
    [kb] = [command for command in harness.sandbox.commands() if command["name"] == "kb"]
    assert int(kb["default_member_permissions"]) == 8  # hidden from all but administrators

    refused = await harness.invoke("kb gaps", member=demo.admin)  # an administrator, not a bot owner
    assert refused.ephemeral and "Only the bot's owners" in embed_text(refused.embeds[0])

    harness.sandbox.open_command_to_everyone(demo.guild, "kb")
    refused = await harness.invoke("kb gaps", member=demo.fan)
    assert refused.ephemeral and "Only the bot's owners" in embed_text(refused.embeds[0])
    assert "composed" not in embed_text(refused.embeds[0])


async def test_help_lists_kb_to_owners_only(harness: Harness) -> None:
    assert "/kb" not in embed_text((await harness.invoke("help", member=harness.demo.admin)).embeds[0])
    make_owner(harness)
    text = embed_text((await harness.invoke("help", member=harness.demo.admin)).embeds[0])
    assert "`/kb gaps [limit]`" in text


async def test_gaps_not_asked_within_the_retention_are_purged(harness: Harness) -> None:
    # ASK_GAPS_RETENTION_DAYS=3 (fewer virtual days to step through than the default 90).
    harness.base_settings = replace(Settings(), ask_gaps_retention=timedelta(days=3))
    await harness.restart()
    await harness.invoke("ask", {"question": UNANSWERABLE})
    [first] = await stored_gaps(harness, 1)
    assert first.first_asked == harness.clock.now()  # the bot's clock is the sandbox's
    await harness.sandbox.advance(timedelta(days=2))
    await harness.invoke("ask", {"question": "What was the budget of Heartstopper Forever?"})
    await stored_gaps(harness, 2)

    # The daily purge (on the bot's clock, from the start), not a read: the rows themselves are counted. At
    # 3.5 days the first gap is past the retention but the day's purge is still to come; at 4 it is gone.
    await harness.sandbox.advance(timedelta(days=1, hours=12))
    await stored_gaps(harness, 2)
    await harness.sandbox.advance(timedelta(hours=12, minutes=1))
    [kept] = await stored_gaps(harness, 1)
    assert kept.question == "what was the budget of heartstopper forever"

    make_owner(harness)
    text = embed_text((await harness.invoke("kb gaps", member=harness.demo.admin)).embeds[0])
    assert (
        "what was the budget of heartstopper forever" in text
        and "composed" not in text
        and "kept 3 days" in text
    )

    await harness.sandbox.advance(timedelta(days=2))
    await stored_gaps(harness, 0)
