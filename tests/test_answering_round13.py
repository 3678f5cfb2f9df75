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

# Several clauses naming nothing of ours and several things our notes never speak of: refused whole, even with
# an "it" in them or a question the bot would answer on its own ("why it fails halfway through")
ABOUT_THEIR_OWN_THING = [
    "the sourdough loaf keeps sinking, the crust goes soggy, why does it collapse halfway through?",
    "why does the router firmware keep rebooting it, and how do i stop the modem dropping?",
    "the glacier moraine deposits confuse me, the erosion too, how does it form at the end?",
]


@pytest.mark.parametrize("question", ABOUT_THEIR_OWN_THING)
async def test_a_thing_of_the_fans_own_is_not_our_film(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # one of ours named: ours, however chatty the rest
        (
            "my nan keeps baking scones and asking about telly. anyway who directs heartstopper forever?",
            "Westmoreland",
        ),
        # one clause of chatter with rare words and a question of "it": still the film
        ("ngl my playlist is all sad indie bops rn. when does it come out", "2026"),
        (
            "sorry for the essay lol, exams and coursework are killing me. when did they finish filming it?",
            "27 July",
        ),
    ],
)
async def test_chatter_beside_a_question_of_ours_stays_ours(
    answerer: Answerer, question: str, expected: str
) -> None:
    assert expected in await answered(answerer, question)


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
    assert result.missing == ("their contact details or where they live",)  # the actor's, not the character's


async def test_who_plays_a_part_is_still_answered(answerer: Answerer) -> None:
    assert "Kit Connor" in await answered(answerer, "who is the guy who plays nick")


async def test_a_learners_plan_after_a_private_question(answerer: Answerer) -> None:
    result = await not_answered(answerer, "where joe locke lives? i want write him a letter")
    assert not isinstance(result, PartialAnswer)


@pytest.mark.parametrize(
    "question",
    [
        "the guy who plays nick, who was he in that elton john biopic",
        "the one who plays charlie, what was she in before that",
    ],
)
async def test_someone_named_by_their_part_then_asked_of_another_work(
    answerer: Answerer, question: str
) -> None:
    result = await not_answered(answerer, question)
    assert not isinstance(result, PartialAnswer)  # no fact of ours offered in place of their other work


async def test_someone_named_by_their_part_then_asked_of_our_film(answerer: Answerer) -> None:
    # the same shape about our film: still answered
    assert "Kit Connor" in await answered(answerer, "the guy who plays nick, who is he")


@pytest.mark.parametrize(
    "question",
    [
        "what else has euros lyn directed",
        "what other series has ian canning worked on as a producer",
    ],
)
async def test_someones_other_work_is_not_another_persons(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert isinstance(result, NoAnswer)  # no fact of the director's offered in its place
    assert result.missing[0].endswith("'s other work")


async def test_other_work_of_someone_named_by_their_part_is_the_actors(answerer: Answerer) -> None:
    result = await not_answered(answerer, "the guy who plays nick, what else has he been in")
    assert isinstance(result, NoAnswer) and result.missing == ("their other work",)


async def test_the_directors_own_other_work_is_still_answered(answerer: Answerer) -> None:
    assert "Still Alice" in await answered(answerer, "what other films has wash westmoreland directed")


@pytest.mark.parametrize(
    "question",
    [
        "how long was the show meant to run originally",
        "how long was heartstopper supposed to last",
        "how many seasons was it supposed to have",
        "how many seasons was it meant to go on for",
    ],
)
async def test_the_original_plan(answerer: Answerer, question: str) -> None:
    assert "four seasons" in await answered(answerer, question)


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


@pytest.mark.parametrize(
    "question",
    [
        "first and last day of filming?",
        "what were the first & last days of the shoot",
        "opening and closing dates of the shoot pls",
    ],
)
async def test_first_and_last_day_of_one_thing(answerer: Answerer, question: str) -> None:
    text = await answered(answerer, question)
    assert "9 June" in text and "27 July" in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("in a couple of sentences, what's the story", "university"),
        ("who directs it, in one word", "Westmoreland"),
        ("plot-wise what happens", "university"),
        ("release wise are we looking at 2026", "2026"),
        ("cast-wise who is confirmed", "Kit Connor"),
    ],
)
async def test_how_the_answer_should_look_is_not_what_is_asked(
    answerer: Answerer, question: str, expected: str
) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "who from the friend group is NOT coming back",
        "which of the mates isn't returning",
        "which friends won't be back",
    ],
)
async def test_who_is_not_coming_back_is_who_is_expected_back(answerer: Answerer, question: str) -> None:
    text = await answered(answerer, question)
    assert "Tara" in text and "expected back" in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what was the instalment before it called", "Apart"),
        ("which installment number is the film", "25"),
        ("where does the film slot in numerically", "25"),
    ],
)
async def test_instalments_and_slots(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    ["from where you take these infos?", "bot from where do you get your infos", "where you get the infos"],
)
async def test_a_learners_question_about_the_sources(answerer: Answerer, question: str) -> None:
    assert "Wikipedia" in await answered(answerer, question)


async def test_taking_photos_is_not_the_sources(answerer: Answerer) -> None:
    result = await answerer.answer("where do you take photos of the cast")
    assert "My notes come from" not in " ".join(s.text for s in getattr(result, "all_statements", ()))


@pytest.mark.parametrize(
    "question",
    [
        "what is alice oseman's novel solitaire about",
        "the author's other novel loveless, what happens in it",
    ],
)
async def test_a_named_work_we_lack_gets_no_fact_of_theirs(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert not isinstance(result, PartialAnswer)


async def test_their_known_work_still_answers_what_else_they_made(answerer: Answerer) -> None:
    assert "Still Alice" in await answered(answerer, "has wash made other films")


@pytest.mark.parametrize(
    "question",
    [
        "between kit and joe who acts better",
        "who act more good, joe or kit",
        "who played it better, the nick actor or the charlie actor",
    ],
)
async def test_which_of_them_acts_better_is_an_opinion(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


async def test_who_plays_whom_is_no_opinion(answerer: Answerer) -> None:
    assert "Kit Connor" in await answered(answerer, "who plays nick, kit or joe")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("stuck at my nan's with no wifi. when is heartstopper forever out?", "2026"),
        ("the weather here is grim lol. who directs heartstopper forever?", "Westmoreland"),
    ],
)
async def test_a_word_said_in_passing_is_no_request(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "what's the wifi password",
        "the weather is awful. what's the weather tomorrow?",
        "no wifi. can you fix my router? heartstopper is on pause",
    ],
)
async def test_the_same_words_asked_about_are_still_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    "question", ["heartstopper forever is about what", "the film is about what exactly", "hsf is about what"]
)
async def test_is_about_what_in_a_learners_order(answerer: Answerer, question: str) -> None:
    assert "university" in await answered(answerer, question)


async def test_another_work_is_about_what_offers_nothing_of_ours(answerer: Answerer) -> None:
    result = await not_answered(answerer, "still alice film is about what? the julianne moore one")
    assert not isinstance(result, PartialAnswer)


async def test_a_long_message_keeps_the_questions_naming_our_people(answerer: Answerer) -> None:
    # more clauses than are read: the fan's remarks give way to the questions that name someone of ours
    question = (
        "my mate is new and keeps confusing the two leads, which is fair, they both look alike, the fringe "
        "doesn't help, the uniforms neither, so settle it: who does kit play and who does joe play?"
    )
    text = await answered(answerer, question)
    assert "Nick Nelson" in text and "Charlie Spring" in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("the server is split 50/50 on this: who directs the forever film", "Westmoreland"),
        ("we're torn 50-50, is it on netflix", "Netflix"),
    ],
)
async def test_an_even_split_is_no_sum(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize("question", ["what is 50/50", "12/12 = ?", "what's 7-7"])
async def test_sums_with_the_same_number_are_still_sums(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    "question",
    [
        "my crush left me on read what do i do",
        "can u do my physics worksheet, 8 questions",
        "finish my geography assignment for me pls",
    ],
)
async def test_the_fans_life_and_schoolwork_are_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what do i do to watch it", "Netflix"),
        ("what kinda film is it", "romantic comedy"),
        ("which sorta movie is hsf", "romantic comedy"),
        ("is it full length or like an episode", "feature-length"),
        ("didn't alice plan like six seasons originally", "four seasons"),
        ("how badly did the s3 numbers tank", "30%"),
        ("is kit also a producer on it", "executive producer"),
    ],
)
async def test_round13_everyday_wordings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "wasn't kit also in that marvel space show, what was his role there",
        "was joe also in agatha all along",
    ],
)
async def test_also_in_another_work_offers_nothing_of_ours(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert not isinstance(result, PartialAnswer)


async def test_people_described_are_no_title(answerer: Answerer) -> None:
    # "the main pair" describes our leads; it is no show called "the pair"
    text = await answered(answerer, "will more actors be named beyond the main pair")
    assert "Kit Connor" in text


async def test_a_teachers_worksheet_is_no_request(answerer: Answerer) -> None:
    # schoolwork handed to the bot is refused; a worksheet a teacher makes about the film is not
    text = await answered(answerer, "i'm making a worksheet for my class, who directed heartstopper forever?")
    assert "Westmoreland" in text


@pytest.mark.parametrize(
    "question",
    [
        "when netflix decided about the movie",
        "when did netflix decide to make a film",
        "when the news broke about the movie",
    ],
)
async def test_the_decision_to_make_it_is_the_commission(answerer: Answerer, question: str) -> None:
    assert "22 April" in await answered(answerer, question)


async def test_why_they_decided_is_still_the_reason(answerer: Answerer) -> None:
    assert "30%" in await answered(answerer, "why did netflix decide to make a film")


@pytest.mark.parametrize(
    "question",
    ["which volume is the film covering", "does it cover the novella too", "what does the movie cover"],
)
async def test_what_the_film_covers_is_what_it_adapts(answerer: Answerer, question: str) -> None:
    assert "adapts" in await answered(answerer, question)
