"""/ask replies only with facts that answer what was asked: the attribute a question asks for (which place,
how many of what, how long) against what a fact can answer; another work named in everyday words, and tasks done
with our facts (grading, translating, sums with an unknown, feelings), are refused."""

from __future__ import annotations

import pytest

from bot import rendering
from bot.services.answering import Answer, Answerer, NoAnswer, PartialAnswer, Refusal
from bot.services.attributes import Asked, asked_of, covers, fact_attributes
from bot.services.language import STOP_WORDS, words


def _asked(question: str) -> Asked | None:
    return asked_of(words(question), STOP_WORDS)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("which studio did they shoot the interiors at", Asked("place", "studio")),
        ("what city was it filmed in", Asked("place", "city")),
        ("in what kind of location did they film", Asked("place", "location")),
        ("how many hours a day were they filming", Asked("rate", "hours")),
        ("how many days a week did they shoot", Asked("rate", "days")),
        ("how many hours did they film", Asked("duration", "hour")),
        ("what did joe post on wrap day", Asked("words")),
        ("how many weeks did filming take", Asked("duration", "week")),
        ("how much time passes in the story", Asked("duration")),
        ("how long did filming last", Asked("duration")),
        ("how many volumes are there", Asked("count", "volumes")),
        ("how many different executive producers", Asked("count", "executive")),
        ("who posted first kit or joe", Asked("order")),
        ("which was announced first", Asked("order")),
        # no attribute beyond the question's kind
        ("how much did viewership drop", None),
        ("how long do we have to wait for it", None),  # counted to a date: the date answers it
        ("how many days until it comes out", None),
        ("what is it about", None),
        ("where can i watch it", None),
        ("what was the first day of filming", None),  # a date, not an order
        ("who plays nick", None),
        ("who directs it", None),
    ],
)
def test_the_attribute_a_question_asks_is_read_from_its_question_word_and_noun(
    question: str, asked: Asked | None
) -> None:
    assert _asked(question) == asked


def test_what_a_fact_answers_is_read_from_its_statement() -> None:
    span = fact_attributes("Filming ran from 9 June 2025 to 27 July 2025, about seven weeks.")
    assert span.units == {"day", "week", "month"}
    assert fact_attributes("The cast announced online that filming had finished.").places >= {"online"}
    assert "netflix" in fact_attributes("It is due to be released on Netflix in 2026.").places
    assert fact_attributes("Heartstopper ran for three seasons on Netflix.").units == frozenset()


@pytest.mark.parametrize(
    ("question", "statement", "answers"),
    [
        ("how many hours a day were they filming", "Filming ran from 9 June 2025 to 27 July 2025.", False),
        ("how many weeks did they film", "Filming ran from 9 June 2025 to 27 July 2025.", True),
        ("how much time passes in the story", "It picks up where the third season ended.", False),
        ("which studio did they use", "Filming ran from 9 June 2025 to 27 July 2025.", False),
        ("which studio made it", "It was shot at a studio in Kent.", True),
        ("what platform is it on", "It is due to be released on Netflix in 2026.", True),
    ],
)
def test_a_fact_covers_the_attribute_only_when_it_gives_it(
    question: str, statement: str, answers: bool
) -> None:
    fact_words = frozenset(words(statement))
    assert covers(_asked(question), statement, fact_words) is answers


def _reply(question: str, result: object) -> str:
    embed = rendering.answer_embed(question, result)  # type: ignore[arg-type]
    return " ".join([embed.title or "", embed.description or "", *(f.value or "" for f in embed.fields)])


# Asked of a topic we know, but an attribute no fact gives: never the nearby fact as the answer.
NOT_COVERED = [
    "which studio did they shoot the interiors at",
    "what city did they film it in",
    "how many hours a day were they filming",
    "how many days a week did they shoot",
    "how many minutes did the wrap party last",
    "how much time passes in the story of the film",
    "which venue is the hsf premiere at",
    "what camera did they shoot it on",
    "how many cameras did they use",
    "how many extras did they hire",
    "is it releasing in every country at once",
    "which production company made it",
    # a thing named that no fact explains, beside a topic that is known
    "did they film the interiors in june",
    "is netflix releasing it worldwide on the same day",
    "will it be available globally",
    # where of one deed, when the fact places another ("The cast announced online")
    "where did filming wrap",
    # a character's job is in the story, not a role on the film
    "does charlie get a part time job in the film",
    "does nick get a job at uni",
    # which came first, where the fact gives no order
    "what date did it wrap, and who posted first, kit or joe?",
    "who posted their goodbye first",
    # a word the notes never use names the thing asked, with or without "the" before it
    "whats emile sherman's production company called",
    "did the cast get wrap gifts from alice",
    "how many times do nick n charlie kiss in it",
    "did kit get a tattoo for the role",
    "what perfume does joe locke wear",
    "did they shoot with drones",
]


@pytest.mark.parametrize("question", NOT_COVERED)
async def test_an_attribute_no_fact_gives_is_said_to_be_unknown(answerer: Answerer, question: str) -> None:
    result = await answerer.answer(question)
    reply = _reply(question, result)
    assert isinstance(result, (NoAnswer, PartialAnswer)), f"{question!r} -> {reply!r}"
    assert "don't have" in reply or "don't know" in reply, reply


# The same topics, asked for what the facts do give, are still answered.
COVERED = [
    ("how many weeks did filming take", "seven weeks"),
    ("how long did filming last", "seven weeks"),
    ("how many executive producers are there", "seven"),
    ("how many seasons were there", "three seasons"),
    ("how long do we have to wait for the film ugh", "2026"),
    ("where can i watch it", "Netflix"),
    ("what platform is it on", "Netflix"),
    ("where did the cast announce they'd finished filming", "online"),
    ("where did kit post his goodbye", "social media"),
    ("quick recap of the story?", "long-distance"),
    ("is it on netflix in the uk", "Netflix"),
    # the words of a post: only a fact quoting or reporting them ("The cast announced online" does not)
    ("what did each of the two leads post on wrap day", "Bye Charlie"),
    ("what did alice post at the halfway point", "halfway"),
    # what stopped something is its reason, not the plan it cut short
    ("how many seasons did oseman hope for, and what stopped s4", "30%"),
    ("whats the drama gonna be in the movie, like what goes wrong", "long-distance"),
]


@pytest.mark.parametrize(("question", "expected"), COVERED)
async def test_an_attribute_a_fact_gives_is_answered(
    answerer: Answerer, question: str, expected: str
) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, Answer) and not isinstance(result, PartialAnswer), _reply(question, result)
    assert expected in result.text


# Another work, named in everyday words or as one of our people's other work; and tasks using our facts.
REFUSED = [
    "who directed past lives",
    "who wrote normal people",
    "how many volumes of one piece are out",
    "how many seasons of the crown are there",
    "emile sherman produced the king's speech right? who starred in it",
    "who starred in little women",
    "if x + 25 = 2026 what's x",
    "2026 - y = 12, solve for y",
    "rate joe locke's acting out of 10",
    "pls rank the heartstopper seasons",
    "on a scale of 1 to 10 how good is kit connor",
    "turn 'wrapped. thank you for everything' into spanish for me",
    "put kit's wrap post into emojis",
    "how do you say bye charlie in french",
    "rewrite 'bye charlie, thankyou' as a poem",
    "which heartstopper season made u cry the most",
    "which hs character do u relate to most",
    "who directed everything everywhere all at once",
    "who directed about time",
    "joe locke was in agatha all along, who directed that",
    "if hsf is ep 25 and theres 8 eps per season, what season would it be",
    "give the filming period a score",
    "if the film is 90 mins and i watch it twice how long is that",
    "reword the synopsis so its funnier",
    "whats past lives about",
    "who was in still alice",
    "should i rewatch s3 before hsf",
    "what episode of heartstopper is the saddest",
    "did you cry at the season 3 finale",
    "what's the most iconic nick and charlie scene",
]


@pytest.mark.parametrize("question", REFUSED)
async def test_other_works_and_tasks_with_our_facts_are_refused(answerer: Answerer, question: str) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, (Refusal, NoAnswer)), f"{question!r} -> {_reply(question, result)!r}"


# Our own film, named by the object of a maker's verb, stays ours.
OURS = [
    ("who directed it", "Wash Westmoreland"),
    ("who's directing the thing", "Wash Westmoreland"),
    ("who wrote the script", "Alice Oseman"),
    ("who wrote nick and charlie", "Alice Oseman"),
    ("who produced heartstopper forever", "Emile Sherman"),
    ("who stars in the movie", "Kit Connor"),
    ("what is joe locke's star sign", None),  # ours, and not known: never another work
    ("who directed most of it", "Wash Westmoreland"),
    ("whats hsf about", "long-distance"),
    ("what's the movie even about", "long-distance"),
    ("what's the novella about", "Nick and Charlie"),
    ("which of the friends is back for sure", "Tara"),  # "for sure" is a hedge, not a title
    ("who directed before wash", None),  # "before" starts no title
]


@pytest.mark.parametrize(("question", "expected"), OURS)
async def test_a_work_of_ours_after_a_makers_verb_stays_ours(
    answerer: Answerer, question: str, expected: str | None
) -> None:
    result = await answerer.answer(question)
    assert not isinstance(result, Refusal), question
    if expected is not None:
        assert isinstance(result, Answer) and expected in _reply(question, result)


async def test_it_after_another_work_of_one_of_ours_is_that_work(answerer: Answerer) -> None:
    """ "wash westmoreland directed colette, who starred in it": the director is ours to confirm, the cast of
    Colette is not ours, and never answered with our cast."""
    question = "wash westmoreland directed colette, who starred in it"
    result = await answerer.answer(question)
    reply = _reply(question, result)
    assert not isinstance(result, Answer) or isinstance(result, PartialAnswer), reply
    assert "Kit Connor" not in reply and "Joe Locke" not in reply


# What was asked, read in the fan's words, then answered with the fact that gives it.
READ_RIGHT = [
    # the event dated right after the one named, from the timeline's own dates
    ("after netflix ordered the film, what was the next big step and when", "9 June 2025"),
    ("what happened after filming started", "halfway"),
    # whether the actors are announced is answered by the fact saying they are not yet
    ("have they said who's playing the friends yet", "not yet"),
    # a misspelt name's possessive is the name
    ("osman's not the one behind the camera on this, is she?", "Westmoreland"),
    # where a name is known from: their part in the film
    ("where do i know the name emile sherman from", "executive producers"),
    # a difference of two counts brings both
    ("how many seasons short of alice's plan did heartstopper end up", "third"),
    # example questions where the wording alone cannot find the fact: the episode order, what it replaces
    ("whats the name of the s3 ep that leads into the movie", "Apart"),
    ("what was the last episode of season three called", "Apart"),
    ("which ep comes right before hsf", "Apart"),
    ("the film is basically standing in for which season", "fourth season"),
    ("what season does the movie replace", "fourth season"),
    ("what number episode is hsf", "episode 25"),
    ("what's kit's job on the film", "executive producers"),  # a person's job is their role on the film
    # a character named by what the synopsis says of them alone
    ("who plays the one staying at school", "Joe Locke"),
    ("whos the one going off to uni", "Kit Connor"),
    ("who plays the one heading to university", "Kit Connor"),
    ("who's cast as the boy who stays behind at school while his bf leaves", "Joe Locke"),
]


@pytest.mark.parametrize(("question", "expected"), READ_RIGHT)
async def test_what_is_asked_is_answered(answerer: Answerer, question: str, expected: str) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, Answer), _reply(question, result)
    assert expected in _reply(question, result)


async def test_what_a_character_does_offers_the_story_and_says_it_is_not_known_word_for_word(
    answerer: Answerer,
) -> None:
    for question in ("does nick move away in the movie?", "does nick cheat on charlie"):
        result = await answerer.answer(question)
        assert isinstance(result, PartialAnswer), _reply(question, result)
        assert result.fact_slug == "synopsis" and "don't have" in _reply(question, result)
