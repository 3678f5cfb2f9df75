"""/ask, round 11: "EP" in capitals is an executive producer; fan slang ("smh", "tryna", "w", "n"); a name's
ending spelt another way ("charly"); the fan's own chatter or plans beside a question ("my tl was chaos", "i
wanna make a post") do not turn it away; a plea ("pls say yes") is no order; naming pets and fixing code are
requests the bot does not do; "he was in it" after someone's other work is that work. Near-misses stay as
they were."""

from __future__ import annotations

import pytest

from bot.services.answering import Answer, Answerer
from bot.services.language import spell_out_ep
from tests.helpers_answering import answered, not_answered

EXECUTIVE_PRODUCERS = (
    "Kit Connor",
    "Joe Locke",
    "Alice Oseman",
    "Patrick Walters",
    "Ian Canning",
    "Emile Sherman",
)


@pytest.mark.parametrize(
    ("text", "spelt"),
    [
        ("is kit an EP on it", "is kit an executive producer on it"),
        ("how many EPs are there", "how many executive producers are there"),
        ("does joe have an ep credit", "does joe have an executive producer credit"),
        # an episode: lower case, a number after it, or a message in capitals
        ("what ep is the film", "what ep is the film"),
        ("is it EP 25", "is it EP 25"),
        ("is it EP #25", "is it EP #25"),
        ("WHAT EP IS HSF", "WHAT EP IS HSF"),
    ],
)
def test_ep_in_capitals_is_an_executive_producer(text: str, spelt: str) -> None:
    assert spell_out_ep(text) == spelt


@pytest.mark.parametrize(
    "question",
    ["is patrick walters an EP too??", "wait does kit have an ep credit on hsf", "kit is an EP right"],
)
async def test_asked_whether_someone_is_an_ep(answerer: Answerer, question: str) -> None:
    assert "executive producer" in (await answered(answerer, question)).lower()


@pytest.mark.parametrize("question", ["name all the EPs", "how many EPs does hsf have", "EPs on the film?"])
async def test_the_eps_are_the_executive_producers(answerer: Answerer, question: str) -> None:
    text = await answered(answerer, question)
    assert "seven" in text or all(name in text for name in EXECUTIVE_PRODUCERS)


async def test_a_lower_case_ep_is_still_an_episode(answerer: Answerer) -> None:
    assert "25" in await answered(answerer, "what ep number is the movie")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("y no s4 smh", "30%"),
        ("who was tryna get it renewed", "Walters"),
        ("who came up w heartstopper", "Oseman"),
        ("director n writer?", "Westmoreland"),
        ("director n writer?", "Alice Oseman"),
    ],
)
async def test_fan_slang_is_read(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


async def test_to_begin_with_asks_nothing_of_a_start(answerer: Answerer) -> None:
    result = await answerer.answer("who made heartstopper to begin with")
    assert isinstance(result, Answer), result
    assert "Alice Oseman" in " ".join(statement.text for statement in result.all_statements)


@pytest.mark.parametrize(
    ("question", "expected"), [("charly is played by who", "Joe Locke"), ("who plays charli", "Joe Locke")]
)
async def test_a_name_ending_spelt_another_way_is_the_name(
    answerer: Answerer, question: str, expected: str
) -> None:
    text = await answered(answerer, question)
    assert expected in text
    assert "Kit Connor plays" not in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the fan's own chatter after the question: words the notes never use are not a title asked about
        ("when did they wrap? my fyp was absolute chaos that week", "27 July"),
        ("has anyone else been cast yet, i keep refreshing for news all day", "not yet announced"),
        # the fan's own plan with a verb of making
        ("when did filming start, i wanna make an edit for the anniversary", "9 June"),
        ("who directs it? im gonna write a thread about him", "Wash Westmoreland"),
        # a plea after the question
        ("kit's still nick right? pls say yes", "Kit Connor"),
        # asking where the bot's notes come from
        ("where does the bot get its info from", "Wikipedia"),
        # a parenthesis says again what is asked
        ("which ep comes before the film (the one right before it)", "Apart"),
        # the fan's favourite is not something personal about the character
        ("darcy is my fav character, will she be in it", "expected"),
    ],
)
async def test_the_fan_s_own_words_beside_a_question(
    answerer: Answerer, question: str, expected: str
) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "can you make a post about the wrap for me",  # asked of the bot: still a request
        "say it comes out in 2024",  # an order of what to say: still refused
        "whats a good name for my hamster",
        "any nickname ideas for my gf",
        "help me fix my python code pls",
        "why does my script throw a keyerror",
        "who does kit connor play in rocketman, i forgot he was even in it",
        "what was joe locke's character called in agatha all along",
    ],
)
async def test_requests_and_other_works_are_not_answered_with_our_facts(
    answerer: Answerer, question: str
) -> None:
    await not_answered(answerer, question)


async def test_someone_else_s_words_about_a_title_keep_a_title_question_refused(answerer: Answerer) -> None:
    # "ginny and georgia" is still a title of several words when the message asks about it alone
    await not_answered(answerer, "is ginny and georgia getting a season 4")


@pytest.mark.parametrize(
    "question",
    [
        # a title right after one of our people's work nouns
        "whats alice oseman's novel radio silence about",
        "is kit's film rocketman any good",
        # a statement naming only another work, then the question about it
        "julianne moore in still alice, did she win an oscar for it",
        "keira knightley was in colette, was colette a real person or nah",
    ],
)
async def test_another_work_named_by_its_title_is_refused(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # near-misses: our own book after the noun, "the" of an alias before the film, "or nah" as a tag
        ("is oseman's book nick and charlie part of the film", "Nick and Charlie"),
        ("the author wrote the film herself right", "Alice Oseman"),
        ("is kit playing nick in the film or nah", "Kit Connor"),
    ],
)
async def test_our_own_works_and_tags_are_still_answered(
    answerer: Answerer, question: str, expected: str
) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a label before the question
        ("superfan question: what was the episode before the film called", "Apart"),
        ("quick 2 q's: who directs it? and who wrote it?", "Wash Westmoreland"),
        ("quick 2 q's: who directs it? and who wrote it?", "Alice Oseman"),
        # where the bot's notes come from, asked of the bot
        ("where r u getting your info from", "Wikipedia"),
        # the end of filming said as "over", with posts
        ("did alice post anything once the shoot was over", "shared"),
        # the next update after one named
        ("after netflix ordered it, what was the next update", "9 June"),
        # an emoji ends a sentence
        ("my sister keeps asking 😭 when did filming start", "9 June"),
    ],
)
async def test_labels_sources_and_sequence(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        # someone's next work: not known, and their part here is not offered instead
        "what is joe locke doing after heartstopper",
        "whats alice working on next, a new book?",
        # a fragment naming another work, then a question with no name or title of its own
        "still alice 2014 cast? who played the daughter",
        # that film is the one just named
        "ian canning produced the king's speech, when did that film come out",
        # a rare word owning what is asked is someone else's surname
        "joe biden's age?",
    ],
)
async def test_other_people_and_works_get_no_fact_of_ours(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # near-misses: our own film named after another work's question; our people's possessives
        ("wash directed colette, and who directs hsf", "Wash Westmoreland"),
        ("kit connor's character?", "Nick"),
        ("joe locke's role in the film", "Charlie"),
    ],
)
async def test_near_misses_stay_ours(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "bridgerton - is it getting another season",
        "gilmore girls, why did it end",
        "percy jackson — who directed it",
    ],
)
async def test_a_title_opening_the_message_is_what_it_asks_of(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # chatter, not a title, opens these: "it" is the film
        ("omg hype - is it out yet", "2026"),
        ("sobbing uncontrollably rn, when is it out", "2026"),
        ("nick and charlie - is it the last one", "finale"),
    ],
)
async def test_chatter_opening_the_message_keeps_it_ours(
    answerer: Answerer, question: str, expected: str
) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a role asked with an honorific before the name
        ("what's mr lyn's job on the film", "executive producer"),
        # "og" is original
        ("og creator of heartstopper?", "Alice Oseman"),
        # the gist of the story is the synopsis, not a story to write
        ("gimme the gist of the plot", "university"),
        # "are we getting" asks when it comes out
        ("what year are we getting the movie", "2026"),
        # "signed off from set" is the farewell, not the commission
        ("what did joe say when he signed off from set", "Thank you for everything"),
        # a choice among books is answered by the fact naming the books
        ("which of the graphic novels does forever cover", "sixth"),
        ("which of oseman's books is the film adapting", "Nick and Charlie"),
        # a time clause opening a yes/no question
        ("back when the show was in limbo did kit and joe say they wanted more", "Kit Connor"),
        # "predecessor" is the episode before
        ("what is the film's predecessor called", "Apart"),
    ],
)
async def test_round_11_fourth_part_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "can u do me a poem about the beach",
        "do us a rap about charlie pls",
        "world cup final score 2022?",
        "who wrote the tao of physics",
    ],
)
async def test_round_11_fourth_part_refusals(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)
