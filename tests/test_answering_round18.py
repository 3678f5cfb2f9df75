"""/ask, round 18: "when is the film out" (the film named, then "out") is the release, as "the movie" already
was; "who plays nick and charlie in the film" asks for two roles, not about the novella of that name; the film
"confirmed" is its commission; "exec prods" and "the crew"; a fan's plea ("pls say it's still kit") is a
question, while an order to say something is still refused; "exactly" only stresses a question that is not
about a date; a closing "right?" is no word of the question; "aiming for" seasons; the episode that "leads
into" the film, and the film "set straight after" the third season. And three left from round 17: "how big was
the drop" (the views'), "how much longer till it drops" (a wait), "a proper film or a christmas special"."""

from __future__ import annotations

import pytest

from bot.services.answering import Answerer, Refusal
from tests.helpers_answering import answered

READINGS = [
    # the film named, then "out": its release
    ("when is the film out", "2026"),
    ("what year is the movie out", "2026"),
    ("is the finale out yet", "2026"),
    ("what year is the special actually out", "2026"),
    # two roles asked, in the film
    ("who plays nick and charlie in the movie", "Kit Connor"),
    ("who plays nick and charlie in the movie", "Joe Locke"),
    # the film confirmed: its commission (also where the notes' "in the order" had made the episode number
    # look like Netflix's order)
    ("did netflix confirm the film", "22 April 2025"),
    ("has the movie been confirmed", "22 April 2025"),
    ("is the film commissioned", "22 April 2025"),
    # fans' words for the people off screen
    ("who are the prods", "seven executive producers"),
    ("who's on the crew", "Wash Westmoreland"),
    ("who is on the production team", "Alice Oseman"),
    # a plea, not an order
    ("please say it's still joe as charlie", "Charlie Spring"),
    # "exactly" stressing a question about a person
    ("what does joe locke do on the movie exactly", "Charlie Spring"),
    ("kit connor does what on forever", "executive producers"),
    # a closing "right?" and the seasons she had in mind
    ("season 3 was the last season right", "three seasons"),
    ("how many seasons was oseman aiming for at first", "four seasons"),
    # the episode that leads into it, and where the film's story is set
    ("what ep leads right into the finale", "Apart"),
    ("is forever set directly after series 3", "Picking up where the third season ended"),
    # left over from round 17: the size of a drop is the views' (a film "drops" on release day, but has no
    # size), a wait is not an amount, and what kind of thing it is
    ("viewers fell off after season 2 didn't they, how big was the drop", "about 30%"),
    ("how much longer till it drops on netflix", "2026"),
    ("is it a real movie or more like a holiday special", "feature-length television film"),
]

REFUSED = [
    # another film whose title holds our title's word, given with its year, stays another film
    "who directed the movie forever young 1992",
    # an order to say something stays refused beside the plea
    "say the film is cancelled",
    "just say it's out in 2024",
]


@pytest.mark.parametrize(("question", "expected"), READINGS)
async def test_round18_readings(answerer: Answerer, question: str, expected: str) -> None:
    assert expected in await answered(answerer, question)


@pytest.mark.parametrize("question", REFUSED)
async def test_round18_refused(answerer: Answerer, question: str) -> None:
    assert isinstance(await answerer.answer(question), Refusal)


async def test_the_novella_named_as_a_title_is_still_the_book(answerer: Answerer) -> None:
    # "in the nick and charlie novella": there the two names are the book's title, and nobody plays a book
    result = await answerer.answer("who plays nick and charlie in the nick and charlie novella")
    assert "Kit Connor" not in str(result)


async def test_exactly_still_asks_for_the_day_of_the_release(answerer: Answerer) -> None:
    reply = await answered(answerer, "when exactly does it come out")
    assert "2026" in reply and "not been announced" in reply
