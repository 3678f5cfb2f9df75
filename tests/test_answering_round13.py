"""/ask, round 13: a message about a thing of the fan's own (their code, their cake, their homework) whose "it"
is that thing; someone named by their part ("the guy who plays nick") asked for their address, or asked of by
a pronoun about another work; someone's other work is never covered by another person's fact; the show's
original plan ("how long was it meant to run"); a learner's "i want send him a letter" is the fan's plan; the
first and last day of one thing; how the answer should look ("in one sentence", "plot-wise"); who is not
coming back; instalments and slots; a learner's question about the sources; a work of theirs we lack named;
which of them acts better; a word said in passing beside a question about our film; "it is about what" in a
learner's order; a long message keeps the questions naming our people; an even split is no sum; the fan's
love life and schoolwork; "kinda", "full length", "numbers tanked", "also in"; people described are no title;
the decision to make it; what the film covers. Near-misses stay as they were."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, NoAnswer, PartialAnswer, Refusal
from tests.helpers_answering import answered, not_answered

# Each reading with a word its answer must hold; near-misses of a class sit beside it (marked "still").
READINGS = [
    # chatter beside a question of ours stays ours, however chatty (one of ours named, or an "it" asked of)
    (
        "my nan keeps baking scones and asking about telly. anyway who directs heartstopper forever?",
        "Westmoreland",
    ),
    ("ngl my playlist is all sad indie bops rn. when does it come out", "2026"),
    (
        "sorry for the essay lol, exams and coursework are killing me. when did they finish filming it?",
        "27 July",
    ),
    # still: who plays a part, asked by a description
    ("who is the guy who plays nick", "Kit Connor"),
    ("the guy who plays nick, who is he", "Kit Connor"),
    # still: the director's own other work
    ("what other films has wash westmoreland directed", "Still Alice"),
    ("has wash made other films", "Still Alice"),
    # the show's original plan
    ("how long was the show meant to run originally", "four seasons"),
    ("how long was heartstopper supposed to last", "four seasons"),
    ("how many seasons was it supposed to have", "four seasons"),
    ("how many seasons was it meant to go on for", "four seasons"),
    ("didn't alice plan like six seasons originally", "four seasons"),
    # the first and last day of one thing
    ("first and last day of filming?", "27 July"),
    ("what were the first & last days of the shoot", "9 June"),
    ("opening and closing dates of the shoot pls", "27 July"),
    # how the answer should look is not what is asked
    ("in a couple of sentences, what's the story", "university"),
    ("who directs it, in one word", "Westmoreland"),
    ("plot-wise what happens", "university"),
    ("release wise are we looking at 2026", "2026"),
    ("cast-wise who is confirmed", "Kit Connor"),
    # who is not coming back is who is expected back
    ("who from the friend group is NOT coming back", "expected back"),
    ("which of the mates isn't returning", "Tara"),
    ("which friends won't be back", "expected back"),
    # instalments, slots, and a learner's question about the sources
    ("what was the instalment before it called", "Apart"),
    ("which installment number is the film", "25"),
    ("where does the film slot in numerically", "25"),
    ("from where you take these infos?", "Wikipedia"),
    ("bot from where do you get your infos", "Wikipedia"),
    ("where you get the infos", "Wikipedia"),
    # still: who plays whom is no opinion
    ("who plays nick, kit or joe", "Kit Connor"),
    # a word said in passing beside a question about our film is no request
    ("stuck at my nan's with no wifi. when is heartstopper forever out?", "2026"),
    ("the weather here is grim lol. who directs heartstopper forever?", "Westmoreland"),
    ("i'm making a worksheet for my class, who directed heartstopper forever?", "Westmoreland"),
    ("my dad is glued to the world cup. when is heartstopper forever out?", "2026"),
    ("bitcoin crashed again lol. who directs heartstopper forever?", "Westmoreland"),
    # "is about what" in a learner's order
    ("heartstopper forever is about what", "university"),
    ("the film is about what exactly", "university"),
    ("hsf is about what", "university"),
    # an even split is no sum
    ("the server is split 50/50 on this: who directs the forever film", "Westmoreland"),
    ("we're torn 50-50, is it on netflix", "Netflix"),
    # everyday wordings
    ("what do i do to watch it", "Netflix"),
    ("what kinda film is it", "romantic comedy"),
    ("which sorta movie is hsf", "romantic comedy"),
    ("is it full length or like an episode", "feature-length"),
    ("how badly did the s3 numbers tank", "30%"),
    ("is kit also a producer on it", "executive producer"),
    ("will more actors be named beyond the main pair", "Kit Connor"),  # people described, no show "the pair"
    # the decision to make it, and what the film covers
    ("when netflix decided about the movie", "22 April"),
    ("when did netflix decide to make a film", "22 April"),
    ("when the news broke about the movie", "22 April"),
    ("why did netflix decide to make a film", "30%"),  # still the reason
    ("which volume is the film covering", "adapts"),
    ("does it cover the novella too", "adapts"),
    ("what does the movie cover", "adapts"),
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round13_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


# Refused whole
REFUSED = [
    # several clauses naming nothing of ours and several things our notes never speak of, even with an "it"
    "the sourdough loaf keeps sinking, the crust goes soggy, why does it collapse halfway through?",
    "why does the router firmware keep rebooting it, and how do i stop the modem dropping?",
    "the glacier moraine deposits confuse me, the erosion too, how does it form at the end?",
    # which of them acts better
    "between kit and joe who acts better",
    "who act more good, joe or kit",
    "who played it better, the nick actor or the charlie actor",
    # still: the same words asked about
    "what's the wifi password",
    "the weather is awful. what's the weather tomorrow?",
    "no wifi. can you fix my router? heartstopper is on pause",
    "the world cup is on. who won it?",
    "bitcoin is mooning. what's the price of it?",
    # still: sums with the same number
    "what is 50/50",
    "12/12 = ?",
    "what's 7-7",
    # the fan's love life and schoolwork handed over
    "my crush left me on read what do i do",
    "can u do my physics worksheet, 8 questions",
    "finish my geography assignment for me pls",
]


@pytest.mark.parametrize("question", REFUSED)
async def test_round13_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


# Not answered, and no fact of ours offered in place of what was asked
NOTHING_OFFERED = [
    "where joe locke lives? i want write him a letter",  # a learner's plan after a private question
    "the guy who plays nick, who was he in that elton john biopic",
    "the one who plays charlie, what was she in before that",
    "what is alice oseman's novel solitaire about",
    "the author's other novel loveless, what happens in it",
    "still alice film is about what? the julianne moore one",
    "wasn't kit also in that marvel space show, what was his role there",
    "was joe also in agatha all along",
]


@pytest.mark.parametrize("question", NOTHING_OFFERED)
async def test_round13_nothing_offered(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert not isinstance(result, PartialAnswer)


@pytest.mark.parametrize(
    "question",
    [
        "give me the home address of the guy who plays nick",
        "where does the actor who plays charlie live",
        "phone number of the one who plays charlie?",
    ],
)
async def test_an_actor_named_by_their_part_keeps_their_privacy(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert isinstance(result, NoAnswer)  # "I don't know", with nothing of theirs offered instead
    # the actor's, not the character's: named when the description is one the notes name (round 16)
    assert len(result.missing) == 1 and result.missing[0] in (
        "their contact details or where they live",
        "Kit Connor's contact details or where they live",
        "Joe Locke's contact details or where they live",
    )
    assert "Nick Nelson's" not in result.missing[0] and "Charlie Spring's" not in result.missing[0]


@pytest.mark.parametrize(
    "question",
    ["what else has euros lyn directed", "what other series has ian canning worked on as a producer"],
)
async def test_someones_other_work_is_not_another_persons(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert isinstance(result, NoAnswer)  # no fact of the director's offered in its place
    assert result.missing[0].endswith("'s other work")


async def test_other_work_of_someone_named_by_their_part_is_the_actors(answerer: Answerer) -> None:
    result = await not_answered(answerer, "the guy who plays nick, what else has he been in")
    # the actor's, never the character's (named since round 16, which reads the description as "the nick actor")
    assert isinstance(result, NoAnswer) and result.missing == ("Kit Connor's other work",)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how long did filming last", "seven weeks"),
        ("how many seasons are there", "three"),
        ("who was originally cast as nick", "Kit Connor"),
    ],
)
async def test_near_misses_of_the_original_plan(answerer: Answerer, question: str, expected: str) -> None:
    text = await answered(answerer, question)
    assert expected in text and "four seasons" not in text


async def test_first_and_last_day_give_both_days(answerer: Answerer) -> None:
    text = await answered(answerer, "first and last day of the shoot?")
    assert "9 June" in text and "27 July" in text


async def test_taking_photos_is_not_the_sources(answerer: Answerer) -> None:
    result = await answerer.answer("where do you take photos of the cast")
    assert "My notes come from" not in " ".join(s.text for s in getattr(result, "all_statements", ()))


async def test_a_long_message_keeps_the_questions_naming_our_people(answerer: Answerer) -> None:
    # more clauses than are read: the fan's remarks give way to the questions that name someone of ours
    question = (
        "my mate is new and keeps confusing the two leads, which is fair, they both look alike, the fringe "
        "doesn't help, the uniforms neither, so settle it: who does kit play and who does joe play?"
    )
    text = await answered(answerer, question)
    assert "Nick Nelson" in text and "Charlie Spring" in text
