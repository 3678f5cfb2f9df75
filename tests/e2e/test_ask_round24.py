"""What round 24 taught /ask, through the real discord.py client and the sandbox: the weekday of a dated event
worked out and shown with that event's source (and, to a reader in another language, noted as English), a list
typed on several lines answered item by item, a quiz host's frame read as a question, and a part for the bot to
play refused without a fact."""

from __future__ import annotations

from tests.e2e.conftest import Harness
from tests.e2e.test_fan_commands import embed_text


async def test_a_weekday_is_worked_out_from_the_events_own_date_and_cited(harness: Harness) -> None:
    result = await harness.invoke("ask", {"question": "what day of the week did they start filming"})
    text = embed_text(result.embeds[0])
    assert not result.ephemeral
    assert "Filming began (9 June 2025)" in text and "9 June 2025 was a Monday." in text
    assert "Source: Heartstopper Forever (Wikipedia article)" in text


async def test_the_worked_out_weekday_is_noted_as_english_for_a_reader_in_another_language(
    harness: Harness,
) -> None:
    demo = harness.demo
    result = await harness.sandbox.invoke(
        "ask",
        {"question": "did they wrap on a sunday"},
        guild=demo.guild,
        member=demo.fan,
        channel=demo.general,
        locale="pt-BR",
    )
    text = embed_text(result.embeds[0])
    assert "27 July 2025 was a Sunday." in text
    # a line the bot worked out is not one of the data file's translated facts: the reader is told so
    assert "Por enquanto só tenho isso em inglês." in text


async def test_a_list_typed_on_several_lines_is_answered_item_by_item(harness: Harness) -> None:
    result = await harness.invoke("ask", {"question": "who directs it\nwho wrote it\nwhen is it out"})
    text = embed_text(result.embeds[0])
    assert "Wash Westmoreland" in text and "Alice Oseman" in text and "2026" in text


async def test_a_quiz_frame_is_a_question_and_a_part_to_play_is_refused(harness: Harness) -> None:
    quiz = await harness.invoke("ask", {"question": "true or false: joe locke plays charlie"})
    assert "Joe Locke plays Charlie Spring" in embed_text(quiz.embeds[0])
    pov = await harness.invoke("ask", {"question": "pov: you're nick and it's our first date"})
    pov_text = embed_text(pov.embeds[0])
    assert "only answer questions about Heartstopper Forever" in pov_text
    assert "Kit Connor" not in pov_text
