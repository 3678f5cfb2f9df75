"""/ask typed in Spanish, Brazilian Portuguese, French, German and Italian, through the real discord.py client and
the sandbox: the fan sees the English fact with its source, or the honest refusal, as for an English question."""

from __future__ import annotations

from tests.e2e.conftest import Harness
from tests.e2e.test_fan_commands import embed_text


async def test_everyday_questions_in_other_languages_get_the_fact_and_its_source(harness: Harness) -> None:
    asked = {
        "quien hace de nick?": "Kit Connor",
        "quando sai o filme de heartstopper": "2026",
        "qui réalise le film ?": "Wash Westmoreland",
        "worum geht es im film": "long-distance",
        "chi ha scritto la sceneggiatura": "Alice Oseman",
    }
    for question, fact in asked.items():
        result = await harness.invoke("ask", {"question": question})
        text = embed_text(result.embeds[0])
        assert not result.ephemeral
        assert fact in text, (question, text)
        assert "Source: " in text


async def test_off_topic_and_unknown_in_other_languages_are_not_answered(harness: Harness) -> None:
    refused = await harness.invoke("ask", {"question": "cuánto es 3+4"})
    assert "only answer questions about Heartstopper Forever" in embed_text(refused.embeds[0])
    unknown = await harness.invoke("ask", {"question": "quanto ha incassato al botteghino"})
    text = embed_text(unknown.embeds[0])
    assert "I don't know" in text and "money figures" in text


async def test_a_message_half_in_english_gets_both_facts_and_a_request_in_it_is_declined(
    harness: Harness,
) -> None:
    # a clause in each language: both parts answered, with the source
    result = await harness.invoke("ask", {"question": "who directs it? y cuándo sale en netflix"})
    text = embed_text(result.embeds[0])
    assert "Wash Westmoreland" in text and "2026" in text and "Source" in text
    # "it" after another work named in English stays that work: refused, never our director
    refused = await harness.invoke("ask", {"question": "who directed young royals, quién la dirigió?"})
    refused_text = embed_text(refused.embeds[0])
    assert "only answer questions about Heartstopper Forever" in refused_text
    assert "Westmoreland" not in refused_text
