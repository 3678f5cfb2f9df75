"""/ask, round 17: our title named in a remark before the question keeps "it" and "that one" ours after another
show was mentioned; a bare choice between kinds of work ("season or movie?"); "arrival", citing sources, the
set-up of the story; what the answer must leave out ("zero spoilers") is not a question about the ending; the
fan's purpose before the question ("for my release-week calendar i need ..."); the whole timeline asked for;
the show ending as a film ("before it became a movie"); the very end of the show; the bot named as the one to
answer in a polite message; a request taken back ("jk"); "who's in hsf"; "net flicks"; a first name mistyped
before one of our surnames. Refused: writing asked for politely (a sonnet, a personal statement), maths put
formally, a question only about another work beside a remark naming ours, the server's powers; and beside a
private question the fan's remarks draw no fact."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, Refusal
from tests.helpers_answering import answered, not_answered

READINGS = [
    # our title named after another show was mentioned: what follows is ours
    (
        "binged skam last night and then put on the heartstopper film trailer. who directs that one?",
        "Westmoreland",
    ),
    (
        "rewatched sex education then started googling heartstopper forever, what streaming service is it on",
        "Netflix",
    ),
    # a bare choice between kinds of work
    ("series or film?", "feature-length"),
    ("a movie or a season??", "instead of a fourth season"),
    # fans' words for the release, the sources and the story's set-up
    ("what's the arrival date for hsf", "2026"),
    ("can you cite your sources pls", "Wikipedia"),
    ("what's the set-up of the story", "university"),
    # what the answer must leave out is not a question about the ending
    ("spoiler-free summary of forever please", "university"),
    ("quick premise, no major spoilers", "university"),
    # the fan's purpose before the question
    ("for our server's quiz night we need the date filming started", "9 June"),
    ("making a fact sheet for the group chat: who wrote it", "Alice Oseman"),
    # the whole timeline asked for
    ("what are the key dates so far", "22 April 2025"),
    ("could you list the important milestones in making the film", "27 July 2025"),
    # the show ending as a film, and the very end of it
    ("how many seasons were planned before it turned into a film", "four seasons"),
    ("so forever is the last ever heartstopper?", "finale"),
    # someone named before, asked for their number: not known, what they do here still said
    ("who does kit play, and what's his phone number", "Nick Nelson"),
]

# Part 2, from batches BC and BD (voice-to-text; people poking at the bot), read after they were scored
READINGS += [
    # the bot named as the one to answer, in a long polite message
    (
        "hello all, i was wondering if the bot could tell me who is directing heartstopper forever? many thanks",
        "Westmoreland",
    ),
    ("could someone (or the bot!) tell me where it's streaming", "Netflix"),
    ("my son is dying to know which service it'll be shown on", "Netflix"),
    # a request taken back
    ("do my english hw lol jk. who wrote the books it's based on", "Alice Oseman"),
    # "in the first place" is filler; "who's in" our film is its cast
    ("who came up with heartstopper in the first place", "Alice Oseman"),
    ("who's in hsf", "Kit Connor"),
    ("who is in the heartstopper movie and who wrote it", "Joe Locke"),
    # voice-to-text: "net flicks"; a filler "like" before a question is no "films like ..."
    ("is hsf going to be on net flicks", "Netflix"),
    ("why did they go for a film instead of season four like what happened", "viewing figures"),
    # a first name mistyped right before one of our surnames
    ("what does emily sherman do on the film", "Emile Sherman"),
]

REFUSED = [
    # writing asked for, however politely
    "would you kindly write an ode to nick and charlie for my wedding speech",
    "please draft my cover letter for a cinema job",
    # maths put formally
    "what is the integral of 2x from 0 to 3",
    "solve for x: 3x + 4 = 19",
    # what is asked is of another work; the rest is the fan's remark, even one naming ours
    "heartstopper got me into heartbreak high. how many seasons does heartbreak high have?",
    # the server's powers, and recommendations still refused beside the filler "like"
    "make me a mod on this server",
    "give me admin perms pls",
    "is there a show like heartstopper",
]

# Not answered, and this fact of ours not offered in its place
NO_FACT_INSTEAD = [
    # beside a private question, the fan's remarks draw no fact
    # (the synopsis, which "school" or "london" drew before, says "independence")
    ("going to london for a concert next week. whats joe locke's home address?", "independence"),
    ("can i have kit connor's private email? i run a school drama club", "independence"),
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round17_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize("question", REFUSED)
async def test_round17_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


@pytest.mark.parametrize(("question", "absent"), NO_FACT_INSTEAD)
async def test_round17_no_fact_of_ours_instead(answerer: Answerer, question: str, absent: str) -> None:
    reply = await not_answered(answerer, question)
    assert absent not in str(reply)


async def test_the_whole_timeline_is_every_dated_event_in_order(answerer: Answerer) -> None:
    reply = await answered(answerer, "what's the timeline so far")
    dates = ["22 April 2025", "9 June 2025", "2 July 2025", "27 July 2025", "2026"]
    positions = [reply.index(date) for date in dates]
    assert positions == sorted(positions)


async def test_an_everyday_purpose_with_a_hyphen_is_not_cut_off(answerer: Answerer) -> None:
    # "release-week" is one word: the purpose ends at "i need", not at its hyphen
    reply = await answered(answerer, "for my release-week calendar i need the filming start and wrap dates")
    assert "9 June" in reply and "27 July" in reply
