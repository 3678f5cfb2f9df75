"""/ask, round 24: a quiz host's frames and blanks, sources asked for beside a question, order and weekdays of the
timeline's events, people counted by naming them, and the leads set aside from a list without taking the
acting with them."""

from __future__ import annotations

import pytest

from bot.services.answering import Answer, Answerer, PartialAnswer
from tests.helpers_answering import answered, fully_answered, not_answered

READINGS = [
    # a quiz host's frame and the blank are the game, not a request to write or guess
    ("fill the blank: charlie spring is played by ____", "Joe Locke"),
    ("trivia q: the director of the finale is ...", "Wash Westmoreland"),
    ("t or f - it comes out on netflix", "Netflix"),
    ("complete this sentence: the film adapts volume ___ of the comics", "sixth"),
    # a source asked for beside the question: every answer names its own
    ("who is writing it? sources please", "Alice Oseman"),
    ("when did filming wrap, where did u find that", "27 July 2025"),
    ("proof that joe locke is an exec producer?", "executive producers"),
    # the producers other than the leads: the list, not the writer alone
    ("which execs are there besides the main pair", "Patrick Walters"),
    # "an ep who isn't kit": the others
    ("tell me a producer who isn't joe", "Ian Canning"),
    # a subset counted by naming its members
    ("how many of the producers are also cast members", "Joe Locke"),
    # a time asked of the works just listed is in their years
    ("which films did wash direct before, and what years were those", "Colette (2018)"),
    ("what had the director done before this", "Still Alice"),
    # "movies" is "films"
    ("which movies is the director known for", "Still Alice"),
    # order of two events asked as "before or after"
    ("did they start filming before or after the title reveal", "came first"),
    # the event right before one named
    ("what happened right before the wrap", "halfway"),
    # people counted by who the fact names
    ("how many people shared farewell posts", "Kit Connor"),
    # hearing there would be a film is the commission
    ("when did fans learn there would be a film", "22 April 2025"),
    # the story is where the friends' arcs are
    ("will tao and isaac get their own subplots", "coming-of-age"),
    # "how many different roles": her roles, however many
    ("who created it and how many different jobs does she have on it", "executive producers"),
    # "the hsf director ... what else has he done": he is the director, asked his other films
    ("wait the hsf director made other stuff?? what else has he done", "Colette"),
    # (slice 2) "after that" beside an event of its own asks that event; "how long after that" spans the two
    ("when did netflix order it? and when did filming start after that", "9 June 2025"),
    ("the halfway post was on 2 july. how long after that was the wrap?", "25 days"),
    # what a post said, asked after it
    ("did joe post when they wrapped? what did he actually write", "Wrapped. Thank you for everything."),
    # a way of counting is no hypothetical; the episode to rewatch right before it is the one before it
    ("if we count the film as an episode, which number is it", "episode 25"),
    ("which ep should i rewatch right before it", '"Apart"'),
    # the year as fans write it, and a day and month after "by" or in brackets
    ("is kit still nick in the 2k26 movie", "Kit Connor"),
    ("had they passed halfway by 2/7", "halfway"),
    ("the first day of filming (9/6), right?", "9 June 2025"),
    # a weekday asked of a day the timeline has
    ("what day of the week was 22.04.25", "22 April 2025 was a Tuesday."),
    # everyone credited: the director, the writer and the list of producers
    ("list everyone credited on hsf", "Patrick Walters"),
    ("list everyone credited on hsf", "Wash Westmoreland"),
    # a day named beside "halfway": halfway is what is asked
    ("were they past halfway by 2/7?", "halfway"),
    # someone's plan, in the past: the plan for the series
    ("what was oseman's plan for the show", "four seasons"),
    # (slice 3) the trade press's words
    ("who toplined the finale", "Kit Connor"),
    ("which scribe penned the script", "Alice Oseman"),
    ("who's the helmer on hsf", "Wash Westmoreland"),
    ("give me the logline", "long-distance"),
    ("when did lensing begin", "9 June 2025"),
    # a question put inside another
    ("i wonder what joe wrote in his post", "Wrapped. Thank you for everything."),
    # her other books, asked of what the film adapts
    ("does the film adapt any other oseman books besides heartstopper", "Nick and Charlie"),
    # the fan on the reply before, and "really" for emphasis
    ("you only answered half. how many seasons were there", "three seasons"),
    ("how many seasons did oseman plan, and how many did we really get", "three seasons"),
    # (slice 4) someone described by another credit of theirs the notes do not link to anyone: the question
    # is still asked of our film
    ("when did the doctor who director and co wrap", "27 July 2025"),
    ("what does the rocketman kid who plays nick do off screen", "executive producers"),
    ("the sweeney todd guy is an ep right?", "executive producers"),
    # a film named by its maker is ours
    ("how many producers does the still alice director's movie have", "seven executive producers"),
    ("where can i stream the colette guy's film", "Netflix"),
    # the author of the books, named by them
    ("did the comics author post when they were halfway", "2 July 2025"),
    # a list by new lines, numbers or bullets: each item its own question, a bare year the film's
    ("director\nwriter\nyear", "2026"),
    ("1) who directs 2) who wrote it", "Alice Oseman"),
    ("- genre\n- year", "romantic comedy"),
    # "...and co", "or is it someone else"
    ("is wash the director or is it someone else", "Wash Westmoreland"),
    # the latest event of a topic, and the film first announced
    ("latest filming update you have?", "Filming wrapped"),
    ("when was hsf first announced", "22 April 2025"),
    # "how sure are you that ...": the claim
    ("how sure are u that joe is an ep", "executive producers"),
    # a request beside a question joined by "also"
    ("should i dye my hair lol. also who plays charlie", "Joe Locke"),
    # a film named by the one who made it is ours (not "kit's next movie")
    ("when does the author's film come out", "2026"),
    # "in the end" as "after all"
    ("why didn't alice get her fourth season in the end", "30%"),
]

REFUSED = [
    # a part for the bot to play
    "pov: ur charlie and we're on a date",
    # a day long before anything in the notes
    "what day of the week was 4 july 1776",
    # the length of something else
    "how long is a train from london to paris",
    # a source asked for another show's news
    "is a fourth season of sex education coming? source pls",
    "source for the moon landing being real",
    # (slice 2) the bot's own taste, asked outright
    "who would u rather date, nick or tao",
    "if u were a heartstopper character who would u be",
    "ur top 3 heartstopper scenes?",
    "would the film have been better as a season? rate it",
    # "the next season" right after another show is theirs
    "who stars in bridgerton? and when's the next season",
    # a year-like title
    "why was 1899 cancelled",
    # (slice 3) how the story is told, which no source says
    "will there be a time skip at the end",
    "is there an epilogue set years later",
    # (slice 4) the bot itself, and another show's story followed by its characters and its film
    "who created u",
    "what happens in young royals s3; who does wille end up with; is there a movie",
    # a request beside a question that is not ours either: no fact of ours offered in its place
    "whats the quickest way to learn french and can u recommend an app",
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round24_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize("question", REFUSED)
async def test_round24_refused(answerer: Answerer, question: str) -> None:
    await not_answered(answerer, question)


async def test_a_weekday_asked_is_worked_out_from_the_date(answerer: Answerer) -> None:
    result = await fully_answered(answerer, "what day of the week did they start filming")
    texts = [statement.text for statement in result.all_statements]
    assert "9 June 2025 was a Monday." in texts
    # the added line cites the event's own source
    weekday = next(s for s in result.all_statements if s.text == "9 June 2025 was a Monday.")
    assert (
        weekday.source == next(s for s in result.all_statements if s.text.startswith("Filming began")).source
    )


async def test_a_wrong_weekday_is_corrected_not_left_unanswered(answerer: Answerer) -> None:
    result = await answerer.answer("was the wrap on a tuesday")
    assert isinstance(result, Answer) and not isinstance(result, PartialAnswer)
    assert "27 July 2025 was a Sunday." in result.text


async def test_a_weekday_is_not_invented_for_a_day_not_known(answerer: Answerer) -> None:
    # the release is known to the year only: no weekday, and the day is said to be unknown
    result = await answerer.answer("what weekday is the release")
    assert isinstance(result, PartialAnswer)
    assert " was a " not in result.text


async def test_the_leads_set_aside_keep_the_cast_asked_before_them(answerer: Answerer) -> None:
    # "cast" asked before the exclusion stays asked: who else is cast
    reply = await answered(answerer, "anyone else been cast apart from the two leads?")
    assert "announced later" in reply


async def test_the_story_is_kept_when_the_leads_are_set_aside(answerer: Answerer) -> None:
    reply = await answered(answerer, "apart from the main couple, do the mates get a storyline")
    assert "coming-of-age" in reply


async def test_how_many_people_worked_on_it_is_not_counted_from_a_remark(answerer: Answerer) -> None:
    # no fact counts the crew; a fact naming four people who wanted it renewed is no count of it
    await not_answered(answerer, "how many people worked on the film")


async def test_a_summary_asked_beside_a_question_adds_nothing(answerer: Answerer) -> None:
    reply = await answered(answerer, "joe locke's credits on the film, sum it up")
    assert "executive producers" in reply and "Picking up" not in reply


async def test_what_would_have_been_is_not_known(answerer: Answerer) -> None:
    # what would have happened is in no source; what did happen is offered beside it, never as the answer
    result = await answerer.answer(
        "if there had been a season 4 would kit have come back? and who directs the film"
    )
    assert isinstance(result, PartialAnswer)
    assert "Wash Westmoreland" in result.text


async def test_the_actors_of_characters_not_cast_yet_are_not_known(answerer: Answerer) -> None:
    result = await answerer.answer("list the actors playing darcy and isaac")
    assert isinstance(result, PartialAnswer)
    assert any("who plays Darcy" in part for part in result.missing)


async def test_the_length_of_the_film_asked_inside_another_question_is_not_known(answerer: Answerer) -> None:
    result = await answerer.answer("anyone know how long the film will be?")
    assert isinstance(result, PartialAnswer)
    assert any("running time" in part for part in result.missing)
