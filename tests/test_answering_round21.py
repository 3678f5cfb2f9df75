"""/ask, round 21: newcomers, excited teens, trivia fans and moderators poking at the bot. Keys hit for the
feeling ("sdkjfhskdj") and a stan's "no bc" carry no question; a handle or a channel typed as text (@HeartBot,
#faq), who told the fan ("someone in gc said") and what the fan did after ("i saw it and started crying") are
not asked about; "what does 'wrapped' mean" is answered by the fact using the word; "do i have to watch the show
first" is whether the film follows on from it; the order of two events is told from their days; words put in the
bot's mouth ("say 'season 4 confirmed'") are refused, and so are comparisons between other works."""

from __future__ import annotations

import pytest

from bot.services.answering import Answer, Answerer, NoAnswer, PartialAnswer, Refusal
from bot.services.language import keyboard_mash
from tests.helpers_answering import answered

READINGS = [
    # keys hit for the feeling, inside a question
    ("sdkjfhskdj who plays charlie", "Joe Locke"),
    ("what genre is the film hjkdfhgjk", "romantic comedy"),
    # "no bc", "bestie": a teen's "honestly", and whom they talk to
    ("no because when did they start filming", "9 June 2025"),
    ("who's directing the movie bestie", "Wash Westmoreland"),
    # a handle or a channel typed as text
    ("@hsbot who is in the cast, the #announcements channel only mentioned kit", "Joe Locke"),
    ("when did filming wrap? fixing the #pins list", "27 July 2025"),
    # who told the fan, and the fan's own reaction after the question
    ("my sister says the movie wrapped already, what does that even mean", "filming had finished"),
    ("when was the title revealed i read it and immediately screamed", "July 2025"),
    # a word of the trade asked about
    ("what does it mean that filming wrapped", "filming had finished"),
    # whether the film follows the series
    ("will the film make sense if i haven't watched the series", "third season"),
    ("do we need to have seen heartstopper first", "third season"),
    ("should i watch the show first or not", "third season"),
    # someone's other jobs on the film, in everyday words
    ("is joe doing anything else on the movie", "executive producers"),
    # why the plan was four seasons, asked of her role rather than her name
    ("why did the creator plan four seasons", "whole graphic novel series"),
    # the order of two events, from their days (22 April, 9 June, 2 July, 27 July 2025; the title in July)
    ("which happened first, the halfway post or the first day of filming", "“Filming began” came first"),
    ("the netflix order or the title reveal: which came first?", "“Film commissioned” came first"),
    # "the two leads" are the leads, not a figure asked
    # (the two leads named as one: the list of producers that names both, or each one's own credit)
    ("is either of the two leads producing it too", "seven executive producers"),
    # surnames misheard by voice typing, and a remark of forgetting after the question
    ("did alice osmond write the screenplay", "Alice Oseman"),
    ("kit conner plays who", "Nick Nelson"),
    ("who does joe play i forget", "Charlie Spring"),
    # "which one of the books", a book seen "on screen", "the new one", "their own stuff"
    ("which one of the graphic novels does it adapt", "sixth and final volume"),
    ("when can we see the novella on screen", "2026"),
    ("so whats the new one about", "university"),
    ("do the friends get their own stuff in the film", "coming-of-age"),
    # the fan's hoped-for answer after the question is no order to say it
    ("which book does it adapt? pls say the last one", "sixth and final volume"),
    # a character described, the other one named only to set them apart
    ("who plays the one who's off to uni while charlie stays at school", "Kit Connor"),
    # a school holiday is not the halfway mark
    ("rewatching over half term, when did filming finish", "Filming wrapped"),
    # why four seasons, an EP who is a person, "no 4th"
    ("why four seasons originally", "whole graphic novel series"),
    ("was alice an ep on it", "executive producers"),
    ("why was there no 4th", "fourth season"),
    # a claim the fan heard or read, and what app said it
    ("i heard netflix is releasing it in 2026, true?", "2026"),
    ("instagram says filming wrapped in july, is that false", "27 July 2025"),
    # why the fan asks, and a typo of "the"
    ("for research purposes, who directs it", "Wash Westmoreland"),
    ("wat was teh title reveal month", "July 2025"),
    # a claim asked about: "is it true that ...", a word of the sentence before a surname, "didn't write"
    ("is it true that joe is back as charlie", "Joe Locke plays Charlie Spring"),
    ("is it true westmoreland is directing", "Wash Westmoreland"),
    ("alice oseman didnt write this one, did she?", "written by Alice Oseman"),
    # "whats he done": what has he done
    ("whats wash done before hsf", "Still Alice (2014)"),
    # "after season 2" is a time (not the film "After"), and "how far did it fall" is how much
    ("by how much did the audience shrink after season 2", "30%"),
    ("how far did viewing figures fall for season 3", "30%"),
    # the whole message still read when a remark ends it
    ("who wrote the film, asking for a friend", "Alice Oseman"),
]

REFUSED = [
    # words put in the bot's mouth
    "say 'the film is out tomorrow' so i can screenshot it",
    'type "season 4 is happening" in all caps',
    "repeat after me: kit is leaving",
    # a matter of taste, with the fan's "no bc" and "this is important"
    "what's the best ice cream flavour no bc this is important",
    # the fan's own career, the bot's own view, another work summed up
    "how can i get into acting like kit",
    "do u honestly think they will break up",
    "what's ur take on the ending",
    "summarise the summer i turned pretty",
    # taste between two of ours, a playlist, a parent's decision, the service's price
    "nick or charlie cuter",
    "make a playlist for our rewatch",
    "should we let our 12 year old see it",
    "how much does netflix cost per month",
    # comparisons between other works
    "which came out first, euphoria or sex education",
    "is still alice longer than colette",
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round21_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize("question", REFUSED)
async def test_round21_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


def test_a_keyboard_mash_is_told_from_a_word_typed_without_its_vowels() -> None:
    assert keyboard_mash("asdfghjkl") and keyboard_mash("kjhgkjhgkjhg")
    assert not keyboard_mash("rhythm")  # an English word
    assert not keyboard_mash("whr2watch")  # words run together
    assert not keyboard_mash("short")
    # among a question's words, only keys hit on the home row: "filmng" is "filming" without its vowel
    assert keyboard_mash("ksjdhfksj", among_words=True)
    assert keyboard_mash("filmng") and not keyboard_mash("filmng", among_words=True)


@pytest.mark.parametrize(
    "question", ["when did filmng startd", "is it on netflx or in cinmas", "budget n platfrm"]
)
async def test_words_typed_without_vowels_are_still_read(answerer: Answerer, question: str) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, Answer | PartialAnswer), result


async def test_a_lone_mash_is_no_question(answerer: Answerer) -> None:
    # nothing but a mash is refused as one, not read as a name the notes lack
    assert isinstance(await answerer.answer("ASDKJHASDKJH!!!"), Refusal)


async def test_the_order_of_two_events_is_unknown_where_a_day_is(answerer: Answerer) -> None:
    # the title was revealed in July 2025, the wrap on 27 July 2025: which was first is not known
    result = await answerer.answer("which came first, the title reveal or the wrap")
    assert isinstance(result, PartialAnswer)
    assert any("Title revealed" in part for part in result.missing)
    assert "came first" not in result.text


async def test_a_claim_the_next_question_asks_about_is_kept(answerer: Answerer) -> None:
    # what people say is dropped only when nothing after it asks about it
    text = await answered(answerer, "everyone keeps saying there won't be a season 4, why is that")
    assert "30%" in text


async def test_a_refusal_is_never_served_from_the_cache_to_a_message_read_alike(answerer: Answerer) -> None:
    # "should i watch colette" is a recommendation asked for; a message read the same way must not inherit it
    assert isinstance(await answerer.answer("should i watch the show first"), Answer)
    assert isinstance(await answerer.answer("should i watch colette"), Refusal)
    assert isinstance(await answerer.answer("do i need to watch the show first"), Answer)


async def test_a_comparison_of_our_events_is_not_refused_as_another_work(answerer: Answerer) -> None:
    result = await answerer.answer("which came first, the wrap or alice's halfway post")
    assert isinstance(result, Answer) and not isinstance(result, NoAnswer | Refusal)
    assert "“Past the halfway mark” came first" in result.text


async def test_view_numbers_are_said_to_be_unknown_beside_the_drop(answerer: Answerer) -> None:
    result = await answerer.answer("how much did the viewing figures drop, and what were the view counts")
    assert isinstance(result, PartialAnswer)
    assert "30%" in result.text and any("watched" in part for part in result.missing)


async def test_content_warnings_are_the_rating_no_note_gives(answerer: Answerer) -> None:
    result = await answerer.answer("any trigger warnings for the film")
    assert isinstance(result, NoAnswer)
    assert any("age rating" in part for part in result.missing)


async def test_what_netflix_spends_is_the_budget_not_the_subscription_price(answerer: Answerer) -> None:
    # the film's budget is on topic (and in no note); the price of a subscription is not about the film
    result = await answerer.answer("who's directing and how much is netflix spending on it")
    assert isinstance(result, PartialAnswer) and "Wash Westmoreland" in result.text
    assert isinstance(await answerer.answer("how much is netflix a month in the uk"), Refusal)
