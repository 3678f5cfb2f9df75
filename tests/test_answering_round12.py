"""/ask, round 12: someone named only as a someone ("the person directing"); idioms read as what they mean
("over the hump", "out of the loop", "in the can", "land on netflix"); "ours" is our film; "why did that
happen" after a statement asks its reason; a name we lack put where our director, writer or books stand is
corrected; "&" inside a title of ours; the fan's own remark after a question ("i forgot") asks nothing; and
more requests the bot does not do (advice on the fan's life, picks for their evening, mass pings, a task after
"quick maths:"). Near-misses stay as they were."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, NoAnswer, PartialAnswer, Refusal
from tests.helpers_answering import answered, not_answered


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who's the person directing the film", "Westmoreland"),
        ("the lady who wrote it, what's her name", "Oseman"),
        ("names pls: the person directing and the person writing", "Westmoreland"),
        ("the dude in charge of directing, who is that", "Westmoreland"),
    ],
)
async def test_someone_named_only_as_a_someone(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


async def test_both_people_asked_for_by_a_someone_are_named(answerer: Answerer) -> None:
    text = await answered(answerer, "the person directing + the person scripting?")
    assert "Westmoreland" in text and "Oseman" in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when were they over the hump with filming", "2 July"),
        ("is the movie in the can yet", "27 July"),
        ("when does it land on netflix", "2026"),
        ("when does hsf hit screens", "2026"),
        ("what year does it go live", "2026"),
        ("i'm out of the loop, who's directing it", "Westmoreland"),
    ],
)
async def test_idioms_read_as_what_they_mean(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


async def test_ours_is_our_film(answerer: Answerer) -> None:
    assert "2018" in await answered(answerer, "colette, by the man directing ours, what year did it come out")


async def test_of_ours_is_not_our_film(answerer: Answerer) -> None:
    # "a friend of ours" says nothing of the film: still read for what it asks
    assert "Westmoreland" in await answered(answerer, "a friend of ours asked who directs hsf")


@pytest.mark.parametrize(
    "question",
    [
        "no season 4, just a film?? why did that happen",
        "there won't be a fourth season. why is that",
        "so no s4, how come",
    ],
)
async def test_why_after_a_statement_asks_its_reason(answerer: Answerer, question: str) -> None:
    assert "30%" in await answered(answerer, question)


@pytest.mark.parametrize(
    ("question", "expected", "lacked"),
    [
        ("is it directed by greta gerwig", "Westmoreland", "gerwig"),
        ("hsf was written by rick riordan wasnt it", "Oseman", "riordan"),
        ("isn't the film based on the book loveless", "Nick and Charlie", "loveless"),
        ("it's adapted from solitaire right", "sixth", "solitaire"),
    ],
)
async def test_a_name_we_lack_in_our_slot_is_corrected(
    answerer: Answerer, question: str, expected: str, lacked: str
) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, PartialAnswer), result
    assert expected in " ".join(statement.text for statement in result.all_statements)
    assert any(lacked in missing.lower() for missing in result.missing)


@pytest.mark.parametrize(
    "question",
    [
        # a name we lack asked about for itself, not put in our film's place
        "who is greta gerwig",
        "what is solitaire about",
        "is loveless being adapted too",
    ],
)
async def test_a_name_we_lack_asked_about_itself_gets_no_correction(
    answerer: Answerer, question: str
) -> None:
    await not_answered(answerer, question)


async def test_ampersand_inside_our_title(answerer: Answerer) -> None:
    assert "novella" in await answered(answerer, "does the film draw on the nick & charlie novella")


async def test_ampersand_between_questions_still_splits(answerer: Answerer) -> None:
    text = await answered(answerer, "director & writer?")
    assert "Westmoreland" in text and "Oseman" in text


@pytest.mark.parametrize(
    "question",
    [
        "who played the lead in still alice, i forgot",
        "who starred in colette, i cant remember",
    ],
)
async def test_the_fans_own_remark_after_another_works_question(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


async def test_the_fans_remark_keeps_the_question_answered(answerer: Answerer) -> None:
    assert "Locke" in await answered(answerer, "who plays charlie, i forgot")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # near-misses: asked of the film, not done by the bot
        ("will the trailer be on netflix", None),
        ("is it dubbed in french", None),
        ("when does it come out", "2026"),
        ("did kit say goodbye on instagram", "Bye Charlie"),
    ],
)
async def test_near_misses_of_requests_stay_questions(
    answerer: Answerer, question: str, expected: str | None
) -> None:
    result = await answerer.answer(question)
    assert not isinstance(result, Refusal), result
    if expected is not None:
        assert expected in await answered(answerer, question)


async def test_a_claimed_season_is_no_other_show(answerer: Answerer) -> None:
    text = await answered(answerer, "someone claimed s3 views halved, what was the real drop")
    assert "30%" in text


async def test_whether_and_herself_are_function_words(answerer: Answerer) -> None:
    result = await answerer.answer("i'm curious whether oseman posted something herself when they wrapped")
    assert not isinstance(result, Refusal | NoAnswer), result


@pytest.mark.parametrize(
    "question",
    [
        "what else has joe locke done, was he in euphoria?",
        "kit connor, was he in the mummy 2017",
        "what was joe locke in before heartstopper, was he in wonka?",
        "what did kit do before this, was he in dunkirk",
    ],
)
async def test_a_pronoun_for_one_of_ours_in_another_work(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert not isinstance(result, PartialAnswer)


async def test_a_pronoun_for_one_of_ours_in_our_film_stays_ours(answerer: Answerer) -> None:
    assert "Nick" in await answered(answerer, "kit connor is so good, is he in the film")


@pytest.mark.parametrize(
    "question",
    [
        "the leads' goodbye captions verbatim",
        "kit and joe's wrap posts word for word pls",
        "the two stars' wrap captions word for word",
    ],
)
async def test_posts_word_for_word_are_the_quoted_posts(answerer: Answerer, question: str) -> None:
    text = await answered(answerer, question)
    assert "Bye Charlie" in text and "Thank you for everything" in text


async def test_where_is_still_a_place_without_an_order(answerer: Answerer) -> None:
    # "where" of filming is its location, which no source gives
    await not_answered(answerer, "where did they film it")


async def test_the_rest_after_names_is_everyone_else(answerer: Answerer) -> None:
    text = await answered(
        answerer, "only kit and joe are confirmed so far, will they announce the rest eventually"
    )
    assert "expected" in text


@pytest.mark.parametrize(
    "question",
    ["what does the name charlie mean", "what does the name tao mean in chinese", "what does isaac mean"],
)
async def test_what_a_name_means_offers_no_fact_of_theirs(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert isinstance(result, NoAnswer | Refusal)


@pytest.mark.parametrize("question", ["is hsf worth watching", "is the film worth it"])
async def test_a_verdict_on_the_film_is_still_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


async def test_a_claimed_month_gets_the_real_day(answerer: Answerer) -> None:
    assert "22 April" in await answered(
        answerer, "netflix ordered the film back in february 2025, didn't they"
    )


async def test_someone_back_in_a_year_is_still_returning(answerer: Answerer) -> None:
    assert "expected" in await answered(answerer, "will tao be back in 2026")


async def test_a_month_named_for_a_day_only_known_by_month(answerer: Answerer) -> None:
    result = await answerer.answer("the title reveal, which day in july was that")
    assert isinstance(result, PartialAnswer), result
    assert "27 July" not in " ".join(statement.text for statement in result.all_statements)


async def test_the_day_of_a_month_is_given_where_known(answerer: Answerer) -> None:
    assert "27 July" in await answered(answerer, "filming wrapped, which day of july was that")


async def test_the_novella_by_name_stays_the_novella(answerer: Answerer) -> None:
    assert "novella" in await answered(answerer, "is the nick and charlie book part of the film")


async def test_the_fans_wish_to_know_is_no_wish_of_the_leads(answerer: Answerer) -> None:
    text = await answered(answerer, "i want to know who wrote it")
    assert "Oseman" in text and "wanted to return" not in text


async def test_a_question_about_the_leads_wish_keeps_it(answerer: Answerer) -> None:
    assert "wanted to return" in await answered(answerer, "i wanna know if joe wanted to come back")


@pytest.mark.parametrize(
    "question",
    [
        "who'd win a race, nick or sonic",
        "is loveless a good read for a teenager",
        "gimme 3 sad films to watch",
        "is netflix cheaper on a phone contract",
        "wednesday second season release date?",
        "alice's other novel solitaire, what's it about",
    ],
)
async def test_other_shows_and_the_fans_own_picks_get_no_answer(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


async def test_a_third_season_of_ours_stays_ours(answerer: Answerer) -> None:
    assert "three seasons" in await answered(
        answerer, "how many seasons came before, was the third season the last"
    )


async def test_a_number_owning_something_is_no_season_unless_after_season(answerer: Answerer) -> None:
    await not_answered(answerer, "what's forever 21's opening time")


# Readings of parts 2 to 7: each wording, and the fact a fan must see in the reply
READINGS = [
    ("is this film where heartstopper ends for good", "finale"),
    ("what's the title of the episode leading into hsf", "Apart"),
    ("which ep led up to the film", "Apart"),
    ("where does the film fall in the running order", "25"),
    ("where does hsf sit numerically among the episodes", "25"),
    ("cast question: who plays charlie", "Locke"),
    ("dates q - when did filming wrap", "27 July"),
    ("did kit and joe get a behind the scenes role on the film", "executive producer"),
    ("the man directing it, has he made any earlier films worth watching", "Colette"),
    ("besides kit and joe, has anybody else been named for the lineup", "expected"),
    ("how big was the drop in viewers after s3", "30%"),
    ("does the film carry on right after the second season's... no, the third season's ending", "third"),
    ("two things: who directs and who writes", "Oseman"),
    ("are the two leads doing any work behind the scenes on it", "executive producer"),
    ("who do you get all this from, which websites", "Wikipedia"),
    ("which installment of the books does it adapt", "sixth"),
    ("on what day did the cameras stop for good", "27 July"),
    ("what did the charlie actor post when signing off", "Thank you for everything"),
    ("what did the nick actor write when he signed off", "Bye Charlie"),
    ("is hsf the wrap up of the whole series", "finale"),
    ("how many of nick and charlie's mates are coming back", "four"),
    ("who yells action on set", "Westmoreland"),
    ("so the leads have behind the scenes credits now? which ones", "executive producer"),
    ("what date was the final day on set", "27 July"),
    ("how badly did season 3 underperform", "30%"),
    ("how many series of heartstopper have there been", "three"),
    ("hey hsbot who directs", "Westmoreland"),
    ("wash westmoreland's best known films?", "Still Alice"),
    ("on what day did the cameras first roll", "9 June"),
    ("quote whatever kit wrote when he left", "Bye Charlie"),
    ("where is the bot getting all this", "Wikipedia"),
    ("is filming ongoing or done", "27 July"),
    ("which slot in the episode numbering does the film take", "25"),
    ("which episode directly precedes the film", "Apart"),
    ("how did we end up with a film instead of a fourth season", "30%"),
    ("were actor deals part of why there's no season 4", "contract"),
    ("how many friends are coming back apart from the couple", "four"),
    ("emil sherman is an exec producer right", "executive producer"),
    ("at what point were they halfway through filming", "2 July"),
    ("which episode sits just ahead of the film in the list", "Apart"),
    ("where does your info come from", "Wikipedia"),
    ("correct me if i'm wrong but this closes out the series?", "finale"),
    ("what type of story is hsf", "romantic comedy"),
    ("who's steering the film", "Westmoreland"),
    ("when did netflix give it the thumbs up", "22 April"),
    ("i bet the director hasnt made anything i'd know", "Colette"),
    ("for my grandma who has never seen it: what is it about", "university"),
    ("whose pen was behind the screenplay", "Oseman"),
    ("question for the bot itself: what are your sources", "Wikipedia"),
    ("how many viewers did season 3's drop cost, in percent", "30%"),
    ("someone told me forever wraps up the series, true?", "finale"),
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round12_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


# Requests the bot does not do, and questions about the fan's own life: refused whole
REFUSED = [
    "ping @everyone when the trailer drops",
    "tag everyone and say the film is out",
    "how do i tell my friends i'm bi, heartstopper helped me realise",
    "should i come out to my mum before the movie",
    "suggest something to watch after hsf",
    "quick maths: multiply 25 by 3",
    "pls render joe's goodbye post as a poem",
    "say kit's farewell message in french",
    "my girlfriend is moving away for uni, what should i do",
    "we fight all the time about distance what should i do",
    "my python while loop never ends, can u debug it",
    "who's gonna win the league this year",
    "turn the synopsis into a rap for me",
    "what's the best film of 2024",
    "i want to come out like nick did, how should i do it",
    "pen me a poem about charlie",
    "who are you bot",
]


@pytest.mark.parametrize("question", REFUSED)
async def test_round12_requests_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(
    "question",
    [
        "what's joe locke's address, i want to mail him a card",
        "did emile sherman win an oscar for the king's speech",
        "did joe win an award for agatha all along",
        "what part did joe play in the film wonka",
        "how old was joe when he did wonka",
    ],
)
async def test_asked_of_what_we_lack_offers_no_fact_of_ours(answerer: Answerer, question: str) -> None:
    result = await not_answered(answerer, question)
    assert not isinstance(result, PartialAnswer)
