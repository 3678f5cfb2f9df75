"""How /ask names what it does not know ("I don't have Joe Locke's height"), in the reader's language.

The answerer (``bot.services.answering``) builds each missing part as a :class:`~bot.i18n.Phrase`: its ``str`` is
the English wording exactly as before (the evaluation reads it), and the renderer words it in the reader's
language with ``Language.phrase``. The templates are here, beside the answerer's own English table
(``bot.services.language.UNKNOWN_LABELS``, which the matching logic reads): a test keeps the two in step.
"""

from __future__ import annotations

import re

from bot.i18n import Phrase, translatable
from bot.services.language import UNKNOWN_LABELS

#: ``UNKNOWN_LABELS`` marked for the catalogs, the same English.
LABELS: dict[str, str] = {
    "runtime": translatable("the running time"),
    "trailer": translatable("a trailer or teaser"),
    "location": translatable("where it was filmed"),
    "height": translatable("{who}'s height"),
    "age": translatable("{who}'s age or birthday"),
    "money": translatable("money figures (budget, pay or earnings)"),
    "rating": translatable("the age rating"),
    "music": translatable("the music"),
    "crew-other": translatable("that crew member"),
    "extra-scene": translatable("extra scenes"),
    "spin-off": translatable("any spin-off or sequel"),
    "poster": translatable("a poster"),
    "ending": translatable("how the story ends"),
    "pages": translatable("the page count"),
    "likes": translatable("how many likes it got"),
    "which-uni": translatable("which university"),
    "next-project": translatable("{who}'s next project"),
    "word-for-word": translatable("the exact wording"),
    "personal": translatable("{who}'s personal life"),
    "contact": translatable("{who}'s contact details or where they live"),
    "exact": translatable("the exact date"),
    "month-known": translatable("the month"),
    "time-of-day": translatable("the time of day"),
    "years-count": translatable("how many years"),
    "reporter": translatable("who reported it"),
    "premiere": translatable("a premiere event"),
    "cinema": translatable("a cinema release"),
    "filmography": translatable("{who}'s other work"),
    "location-where": translatable("where"),
    "handle": translatable("{who}'s social media handle"),
    "education": translatable("{who}'s education"),
    "scenes": translatable("which scenes were filmed"),
    "published": translatable("when it was published"),
    "chooser": translatable("who chose it"),
    "writing-time": translatable("how long the writing took"),
    "viewer-count": translatable("how many people watched"),
    "relative": translatable("that family member"),
    "photo": translatable("a photo or video with it"),
    "netflix-person": translatable("which person at Netflix made the call"),
    "awards": translatable("awards or nominations"),
    "language": translatable("dubs, subtitles or languages"),
    "middle-name": translatable("a middle name"),
    "dialogue": translatable("lines from the film"),
    "which-school": translatable("which school"),
    "other-version": translatable("other versions of the story (stage, audio, merchandise)"),
    "meaning": translatable("what it means"),
    "party": translatable("any party or celebration"),
    "sales": translatable("sales figures"),
}

#: The labels about someone, when the question named nobody ("their height"): a sentence of their own, since
#: "{who}'s" is no word-for-word pattern in the other languages.
WITHOUT_SUBJECT: dict[str, str] = {
    "{who}'s height": translatable("their height"),
    "{who}'s age or birthday": translatable("their age or birthday"),
    "{who}'s next project": translatable("their next project"),
    "{who}'s personal life": translatable("their personal life"),
    "{who}'s contact details or where they live": translatable("their contact details or where they live"),
    "{who}'s other work": translatable("their other work"),
    "{who}'s social media handle": translatable("their social media handle"),
    "{who}'s education": translatable("their education"),
}

#: What ``Answerer._subject`` gives when the question names no person.
NO_SUBJECT = "their"

_ROLES_ON_EARLIER_SEASONS = {
    "director": translatable("who was director on the earlier seasons"),
    "writer": translatable("who was writer on the earlier seasons"),
    "creator": translatable("who was creator on the earlier seasons"),
    "a producer": translatable("who was a producer on the earlier seasons"),
}

_ANSWER_TO = translatable("an answer to “{question}”")
_DECLINED = translatable("an answer to “{question}” (not something I do)")
_QUOTED_PART = re.compile(r"an answer to “[^”]*”")


def label(concept: str, who: str, *, repair_their: bool = True) -> Phrase:
    """What is not known about ``concept`` (``UNKNOWN_LABELS``), about ``who`` (a name, or ``NO_SUBJECT``).
    ``repair_their``: the English "their's height" is written "their height" (as the answerer always did where
    it says so)."""
    english = UNKNOWN_LABELS[concept].format(who=who)
    if repair_their:
        english = english.replace("their's", "their")
    template = LABELS.get(concept, UNKNOWN_LABELS[concept])
    if who == NO_SUBJECT and template in WITHOUT_SUBJECT:
        return Phrase(WITHOUT_SUBJECT[template], english=english)
    return Phrase(template, {"who": who} if "{who}" in template else None, english=english)


def answer_to(question: str) -> Phrase:
    """ "an answer to “who is the boom mic operator”": a part of the question quoted as the fan wrote it."""
    return Phrase(_ANSWER_TO, {"question": question})


def declined(clause: str) -> Phrase:
    """A request in the message that the bot does not do ("write me a poem"), quoted."""
    return Phrase(_DECLINED, {"question": clause})


def who_plays(name: str) -> Phrase:
    return Phrase(translatable("who plays {name}"), {"name": name})


def anything_on(name: str) -> Phrase:
    """An entity the question named that the facts chosen say nothing about for what was asked."""
    return Phrase(translatable("anything on {name} for that"), {"name": name})


def anything_on_unknown(name: str) -> Phrase:
    """A name the notes never mention, quoted as typed."""
    return Phrase(translatable("anything on “{name}”"), {"name": name})


def role_on_earlier_seasons(role_noun: str) -> Phrase:
    english = f"who was {role_noun} on the earlier seasons"
    return Phrase(_ROLES_ON_EARLIER_SEASONS.get(role_noun, english), english=english)


def earlier_seasons_story() -> Phrase:
    return Phrase(translatable("what happened in the earlier seasons"))


def exact_day_of(event: str) -> Phrase:
    """ "how many days between the title reveal and the wrap": an end dated only to a month or a year."""
    return Phrase(translatable("the exact day of “{event}”"), {"event": event})


def which_one() -> Phrase:
    return Phrase(translatable("which one it is"))


def requote(item: str, question: str) -> str:
    """``item`` with its quoted part ("an answer to “...”") quoting ``question`` instead: the fan's own words,
    not the bot's English reading of them."""
    english = _QUOTED_PART.sub(f"an answer to “{question}”", item)
    if english == item:
        return item  # nothing quoted: the same phrase
    if isinstance(item, Phrase) and "question" in item.params:
        return Phrase(item.template, {**item.params, "question": question}, english=english)
    return english
