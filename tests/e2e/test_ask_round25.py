"""What round 25 taught /ask, through the real discord.py client and the sandbox: events asked "in order" shown in
the order they happened, everyday typing slips read through, a namesake the fan sets aside leaving the question
ours, a pasted block of code refused, and the same message asked twice answered the same."""

from __future__ import annotations

from tests.e2e.conftest import Harness
from tests.e2e.test_fan_commands import embed_text


async def test_events_asked_in_order_are_shown_in_the_order_they_happened(harness: Harness) -> None:
    result = await harness.invoke(
        "ask", {"question": "rank in order w dates: filming wrapped, netflix ordered it, filming began"}
    )
    text = embed_text(result.embeds[0])
    commissioned, began, wrapped = (
        text.index("Film commissioned (22 April 2025)"),
        text.index("Filming began (9 June 2025)"),
        text.index("Filming wrapped (27 July 2025)"),
    )
    assert commissioned < began < wrapped


async def test_a_message_full_of_typing_slips_is_read_through(harness: Harness) -> None:
    result = await harness.invoke("ask", {"question": "hwo many seasnos came out befor teh flim"})
    text = embed_text(result.embeds[0])
    assert "three seasons" in text and "I don't" not in text


async def test_a_namesake_set_aside_leaves_the_question_ours(harness: Harness) -> None:
    result = await harness.invoke("ask", {"question": "who plays nick in hsf? not nick jonas obviously"})
    text = embed_text(result.embeds[0])
    assert "Kit Connor plays Nick Nelson" in text
    assert "only answer questions about Heartstopper Forever" not in text


async def test_a_pasted_block_of_code_is_refused_without_a_fact(harness: Harness) -> None:
    result = await harness.invoke("ask", {"question": "```py\nprint('hi'\n``` why does this error"})
    text = embed_text(result.embeds[0])
    assert "only answer questions about Heartstopper Forever" in text
    assert "Alice Oseman" not in text and "Source:" not in text


async def test_the_same_message_twice_gets_the_same_answer(harness: Harness) -> None:
    question = {"question": "who directs it and when did filming wrap?"}
    first = embed_text((await harness.invoke("ask", question)).embeds[0])
    again = embed_text((await harness.invoke("ask", question)).embeds[0])
    assert first == again
    assert "Wash Westmoreland" in again and "27 July 2025" in again
