"""Free-text questions (/ask and `python -m bot ask`): understand what is asked, answer from the facts, and
say honestly what is not known.

Deterministic, local and explainable, in steps:

1. normalise: fold, strip mentions and emoji, spell out fan shorthand ("hsf", "uni", "exec"), repair typos in
   words that are neither English nor known (rapidfuzz), never in a correctly spelt English word;
2. refuse what is not a question about the film: arithmetic, jokes, "write me...", instructions to the bot,
   other films and shows, keyboard mash;
3. split a message into its parts ("who directs it and when is it out"); a part that leaves out its subject
   ("...and end") borrows it from the part before;
4. read each part: the entities it names (people, characters, works, with aliases), the concepts it asks about
   (director, release, runtime...), what kind of question it is (who, when, where, why, how many, whether);
5. find candidate facts with FTS5 (BM25 over statement, keywords, aliases and example questions), then keep the
   facts that answer that kind of question about those entities, and cover the concepts asked with as few
   facts as possible;
6. compose one reply from the facts of every part; what no fact covers is named ("I don't have Joe Locke's
   height"), with what *is* known about it.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import itertools
import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import TypeVar

from bot.db.knowledge import EntityRecord, FactMatch, KnowledgeRepository, entity_key
from bot.domain.knowledge import SourceRef, describe_partial_date
from bot.errors import UserFacingError
from bot.i18n import translatable
from bot.services import missing_parts, periods
from bot.services.attributes import BOOK_NOUNS, POST_NOUNS, Asked, asked_of, covers, placed_here
from bot.services.language import (
    CHANGE_WORDS,
    COMMON_RANK,
    CONCEPT_WORDS,
    CONCEPTS,
    FILLER_WORDS,
    FILM_WORDS,
    INTENSIFIERS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    SHORTHAND,
    STOP_WORDS,
    UNKNOWN_LABELS,
    WEAK_CONCEPTS,
    Vocabulary,
    apply_star_corrections,
    concepts_in,
    english_words,
    everyday_word,
    expand_shorthand,
    fold,
    keyboard_mash,
    light_stem,
    raw_tokens,
    spell_out_chat,
    spell_out_ep,
    strip_mentions,
    unstretch,
    words,
)
from bot.services.multilingual import (
    clauses_in_english,
    to_english,
    with_loanwords_in_english,
    words_of_other_languages,
)


class Unread:
    """A value not read yet (``None`` is a reading: "not refused")."""


UNREAD = Unread()

# How much of a question is read: the one question-length limit. Longer text is cut, not refused (Discord's
# own option limit is far larger), so a question hidden after a wall of text is not read.
MAX_QUESTION_LENGTH = 300
_CANDIDATES = 40
_MAX_FACTS_PER_PART = 4
_MAX_PARTS = 5
_QUESTION_MATCH = 82.0  # rapidfuzz token ratio above which a part "is" one of a fact's example questions


class QuestionError(UserFacingError, ValueError):
    """A question that cannot be asked (empty, or only symbols)."""


@dataclass(frozen=True, slots=True)
class Statement:
    """One fact used in an answer, with its own source."""

    text: str
    source: SourceRef
    fact_slug: str


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer: one fact, or several composed (a multi-part or list question). ``text``, ``source`` and
    ``fact_slug`` are the first fact's when there are several; ``statements`` holds them all."""

    text: str
    source: SourceRef
    fact_slug: str
    confidence: float
    statements: tuple[Statement, ...] = ()

    @property
    def all_statements(self) -> tuple[Statement, ...]:
        return self.statements or (Statement(self.text, self.source, self.fact_slug),)


@dataclass(frozen=True, slots=True)
class PartialAnswer(Answer):
    """Some of what was asked is answered, the rest is in no source: ``missing`` names it ("Joe Locke's
    height"), and the statements are what is known."""

    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NoAnswer:
    """Nothing in the knowledge base answers the question (as read): the renderer words the honest reply."""

    question: str
    #: Up to three questions the bot can answer, offered instead ("did you mean"); empty when none is close.
    suggestions: tuple[str, ...] = ()
    #: What was asked that no source gives, when the bot could tell ("the running time").
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Refusal:
    """Not a question about the film (arithmetic, a joke, "write me...", another show, orders to the bot)."""

    question: str
    reason: str


AnswerResult = Answer | NoAnswer | Refusal

#: The slug of the release fact (bot/services/knowledge.py), stored in the future tense.
RELEASE_FACT = "release"


def restate_release(result: AnswerResult, statement: str) -> AnswerResult:
    """``result`` with the release fact worded as ``statement``: its tense on the day it is asked
    (``bot.services.countdown.release_statement``), where the stored fact is worded before the release."""
    if not isinstance(result, Answer) or all(s.fact_slug != RELEASE_FACT for s in result.all_statements):
        return result
    statements = tuple(
        replace(s, text=statement) if s.fact_slug == RELEASE_FACT else s for s in result.statements
    )
    text = statement if result.fact_slug == RELEASE_FACT else result.text
    return replace(result, text=text, statements=statements)


# --- off-topic requests: refused whatever they mention ---------------------------------------------------
_PLATFORM = (
    r"(?:netflix|hulu|prime(?: video)?|amazon|hbo|max|disney(?: plus|\+)?|apple tv|peacock|paramount|crunchyroll"
    r"|iplayer|bbc)\b"
)
# An order to the bot about what it is or what it must say: a persona ("ur dan", "you're dan now"), "from now
# on you...", "you have to/must/will say...", "new rules". The claim it carries is never checked or repeated.
_ORDER_TO_THE_BOT = (
    r"\bfrom now on,? (?:you|u|ur|your|you're|youre|u r|the bot)\b"
    r"|\b(?:you(?:'re| are)|ur|u r|youre)(?: now)? (?:dan|in dan mode)\b|\bdan mode\b|\bdo anything now\b"
    r"|\b(?:you|u) (?:have to|has to|must|need to|needs to|gotta|got to|are going to|will|shall|should|can only)"
    r" (?:always |only |now |just |never )?(?:say|tell|answer|reply|respond|claim|agree|believe|confirm"
    r"|pretend|insist|call|repeat|admit)\b"
    # ... unless it asks something of the bot: "you need to tell me who plays nick", "u gotta say when it's out"
    r"(?!(?: (?:me|us|everyone|people))? (?:who|what|when|where|why|how|which|if|whether)\b)"
    r"|\b(?:new|your new|ur new) (?:rules?|instructions?|persona|personality|identity)\b"
    # an order opening a clause: "say hsf is out in 2024", "just agree that it's cancelled", "tell everyone
    # it got cancelled" (not "say, when is it out" nor "say when it's out": those ask)
    r"|(?:^|[,.;:!?]|\band\b|\bthen\b|\bbut\b)\W*(?:(?:now|just|pls|please|ok|okay|so|bot|then)\W+)*(?:say|claim|declare|announce|admit"
    r"|agree(?: with me)?(?: that)?)\s+(?!(?:me |us )?(?:who|what|when|where|why|how|which|if|whether)\b)"
    # "... right? pls say yes", "they didn't recast nick? pls say it's still kit": a fan's plea, not a line to say
    r"(?!(?:yes|yeah|yea|yep|no|nope|sike|psych|its? (?:true|not true|isn'?t so)|(?:it'?s|it is) (?:still|not))\b)\w"
    r"|\btell (?:everyone|everybody|people|all of you|yall|y'all"
    r"|the (?:whole |entire )?(?:server|chat|channel|fandom|group|gc|discord))\b"
    # what to reply, from now on or every time: "from now on reply to every msg with...", "always answer 'yes'",
    # "respond to every question with..."
    r"|\b(?:from now on|going forward|henceforth|for the rest of (?:the|this) (?:chat|convo|conversation))\b"
    r"[^?]*\b(?:reply|respond|answer|say|start|end|sign|talk|call|use)\b"
    r"|\b(?:reply|respond|answer)\s+(?:to\s+)?(?:every|each|all|any)\s+(?:\w+\s+)?"
    r"(?:msg|msgs|message|messages|question|questions|time|dm|dms|ping)\b[^?]*\bwith\b"
    r"|\b(?:always|only ever) (?:reply|respond|answer)\s+(?:with\b|['\"])"
)
# Languages and codes a text can be put into: "into spanish", "in emojis", "in morse"
_INTO = (
    r"(?:spanish|french|german|italian|portuguese|english|japanese|korean|chinese|mandarin|russian|arabic"
    r"|dutch|polish|swedish|turkish|hindi|welsh|latin|pig latin|emojis?|morse(?: code)?|binary|uwu|gen z"
    r"|(?:a |an )?(?:poem|song|haiku|rap|tweet|meme|limerick|caption|sentence|hashtag|acronym|anagram))"
)
_TASKS = (
    # an order to grade: "rate joe locke's acting out of 10", "rank the seasons", "score it /10"
    r"(?:^|[,.;:!?]\s*|\b(?:pls|please|can you|could you|can u|could u|would you|will you|now)\s+)"
    r"(?:rate|rank(?!\s+(?:them\s+|these\s+|those\s+|em\s+)?(?:in\s+(?:\w+\s+)?order|by date|chronologically))"
    r"|grade|score|judge|review|critique|roast)\b"
    r"|\b(?:out of|on a scale of(?: \d+ to)?)\s+(?:\d+|ten|five|a hundred)\b|\b\d+\s*/\s*10\b"
    # put a text into other words or another language
    r"|\b(?:turn|put|convert|change|rewrite|write|say|make|transform)\b[^?]{0,80}?\b(?:into|in|to)\s+"
    rf"{_INTO}\b"
    r"|\b(?:rewrite|rephrase|paraphrase|reword)\b"
    # (an order, not what fans do: "just what fans shorten it to")
    r"|(?<!fans )(?<!people )(?<!they )(?<!we )\b(?:summari[sz]e|shorten)\b\s+(?:this|that|it|['\"“‘])"
    # ("give me the date filming passed the halfway mark" asks a date: a mark given is "a" or "your" one)
    r"|\bgive\b[^?]{0,40}\b(?:an?|your|ur|my|their|some|any)\s+(?:[\w']+\s+)?(?:score|rating|grade|mark)\b"
    # a supposition worked out: "if hsf is ep 25 and there's 8 eps a season, what season would it be"
    # (not a way of counting: "if you count the movie as an episode, what number would it be")
    r"|\bif\b(?! (?:you|u|we|i) (?:count|include|consider|treat)\b)[^?]*\b(?:what|which|how many|how much)\b[^?]*"
    r"\bwould (?:it|that|they|he|she|we|i)\b"
    r"|\bif\b[^?]*\b(?:how long|how many|how much|what)\b[^?]*\b(?:is|will|does) that\b"
    r"|\bhow (?:do|would|to) (?:you |u |i |we )?(?:say|write|spell)\b[^?]*\bin\s+" + _INTO + r"\b"
    r"|\bwhat(?:'s| is) [\"'“‘][^\"'”’]+[\"'”’] in\s+" + _INTO + r"\b"
)
_FEELINGS = (
    # "what episode of heartstopper is the saddest", "which couple is the cutest": a judgement of ours
    r"\b(?:season|episode|ep|scene|character|book|volume|couple|ship|moment|line|song)s?\b[^?]{0,40}\b(?:is|was|are"
    r"|were)\s+(?:the\s+)?(?:best|worst|saddest|funniest|cutest|hottest|greatest|sweetest"
    # (not a count: "which season was the most watched")
    r"|most\s+(?!watched|viewed|streamed|popular|successful|recent)\w+)\b|"
    # (a fan's own "the finale made me sob" is said in passing, not asked)
    r"\b(?:(?:make|makes|making) (?:u|you|ya|me|us|people|everyone|fans|the fandom)"
    r"|made (?:u|you|ya|people|everyone|fans|the fandom)) (?:cry|sob|laugh|smile"
    r"|scream|feel|tear up|the (?:saddest|happiest))"
    r"|\b(?:did|do|would|will|does) (?:u|you|ya) (?:cry|sob|laugh|like|love|enjoy|prefer|hate|relate|identify"
    r"|ship|stan|root)\b"
    # "which character do you relate to most": the bot's own leaning
    r"|\b(?:u|you|ya)\b[^?]*\b(?:the )?(?:most|least)\s*[?!.]*$"
    r"|\bmost (?:emotional|iconic|romantic|heartbreaking|underrated|overrated|beautiful|painful|wholesome"
    r"|relatable|memorable|cringe|cringey|annoying|chaotic|adorable)\b"
)
# "give me the story setup", "give us the basic story": the film's story asked for (not "give me a story about ...")
_OUR_STORY_ASKED = re.compile(
    r"give (?:me |us )?the (?:[\w']+ ){0,2}?story\b(?! (?:about|where|in which|with|of (?:me|us|my|how i))\b)"
)
# (a filler "like" before a question is no "films like ...": "a season four instead of a film like what even
# happened")
_NOT_A_FILLER_LIKE = r"(?! (?:what|who|when|where|why|how|which|is|are|was|were|does|do|did|can|could|will|would|i|im|i'm|u|you)\b)"
_REQUESTS = re.compile(
    r"\b(?:(?:write|compose|make|generate|create|give|draft|pen(?! is\b| was\b)|imagine|invent)\s+"
    r"|(?:writing|making|composing)\s+(?=me\b|us\b))(?:me\s+|us\s+)?"
    # a few words between: "a love letter", "a short sad poem" (not "the gist of the story": a part of ours)
    r"(?:a|an|some|the|my)?\s*(?:(?!of\b)[\w'/-]+\s+){0,4}?"
    r"(?:poem|song|story|fanfic|fic|fan fiction|essay|code|rap|haiku|letter|joke|limerick|list of jokes|dialogue"
    r"|one-shot|one shot|oneshot|drabble|smut"
    r"|press release|blog post|newsletter"
    r"|scene|speech|message|tweet|caption|diary entry|monologue|script|text|email|paragraph|bio|note|card|post"
    r"|apology|excuse|toast|pickup line|chat up line|sonnet|ode|ballad|lyrics|acrostic|eulogy|personal statement"
    r"|cover letter|cv|resume|application|review)s?\b"
    r"|\b(?:tell|say)\s+(?:me\s+|us\s+)?(?:a|an|something|some)\s*(?:joke|funny|rude|scary|mean|story)"
    # explicit writing asked for, whatever the piece is called: "write the nsfw version of ...", "make up a spicy
    # scene", "generate an 18+ one"
    r"|\b(?:write|make up|generate|create|draft|imagine|give me|do)\b[^?.!]{0,60}?"
    r"(?:\b(?:nsfw|smut|smutty|spicy|explicit|steamy|lemon|sexy)\b|\b18\s*\+)"
    # ... or with no verb at all: "nsfw nick n charlie one shot go", "smut fic of the boys pls"
    r"|\b(?:nsfw|smut|smutty|explicit|steamy|spicy|lemon)\b[^?.!]{0,40}?\b(?:one[- ]?shot|fic|fics|fanfic|fanfics"
    r"|drabble|story|stories|scene|scenes|fan ?fiction)\b"
    r"|\bjokes?\b|\bpretend\b|\broleplay\b|\brole play\b|\bact as\b|\bflirt\b|\broast me\b|(?<!i )\bswear\b(?! it\b)"
    # the bot's own taste, asked outright: "who would u rather date", "if you were a character which one would u
    # be", "ur personal top 5 moments", "would it have been better as a season", "rate the idea 1-10"
    r"|\bwould (?:you|u|ya) rather\b|\bif (?:you|u) (?:were|was|could be) (?:a|an|one of|any)\b"
    r"|\b(?:your|ur) (?:personal |own |all[- ]time )?top (?:\d+|three|five|ten)\b"
    # (not "would it be better to binge the series first": which to watch first, which the notes answer)
    r"|\bwould (?:it|this|that|the (?:film|movie)) (?:have been|have worked|be) better\b(?! to\b)"
    r"|\brate (?:it|the idea|this|that|them|him|her)\b|\bscale of (?:1|one)\s*(?:-|to)\s*(?:10|ten)\b"
    # "pov: you're charlie texting me goodnight", "you are nick now, say hi": a part for the bot to play
    r"|^\W*pov\W+(?:you(?:'re| are| r)|ur|youre) (?!\w+ing\b|(?:a |an )?(?:fan|fans|stan|viewer)\b)|\byou(?:'re| are) (?:nick|charlie|tao|tara|darcy|isaac) now\b"
    r"|\bignore (?:all (?:of )?|your |ur |the |any |my )*(?:previous |prior |above |earlier |past )?"
    r"(?:instructions|rules|prompts?|guidelines|directions|programming|data(?: file)?|notes|sources|knowledge)"
    # "tell me you're a real human being": words put in the bot's mouth
    r"|\b(?:tell|convince) (?:me|us) (?:that )?(?:you(?:'re| are| r)|ur|youre)\b"
    # a length of writing ordered: "write me 500 words on ...", "give us 3 paragraphs about ..."
    r"|\b(?:write|compose|draft|give|type) (?:me |us )?(?:about |around |roughly |at least )?\d+ "
    r"(?:words|paragraphs|pages|lines|sentences)\b"
    # the bot's own judgement asked: "in your honest view", "which couple is better"
    r"|\bin your (?:honest |own |personal )?(?:view|opinion|eyes)\b|\byour honest (?:view|opinion|take)\b"
    r"|\b(?:which|what) (?:couple|ship|pair|one|season|character|book)s? (?:is|are|was|were) (?:better|the best|best"
    r"|worse|the worst|cuter|hotter)\b"
    # money advice: "is netflix stock a good buy"
    r"|\bgood buy\b|\b(?:buy|sell|invest in|shares in) (?:netflix )?(?:stocks?|shares)\b|\bnetflix (?:stocks?|shares)\b"
    r"|\bsystem prompt\b|\byou(?:'re| are) a pirate\b|\bping (?:everyone|here|all)\b|\b(?:ban|kick|mute)\s+(?:@\w+|him|her|them|me|everyone|someone|this|that)\b"
    r"|\bdm me\b|\b(?:dm|message|text|ping|tag|mention)\s+(?:every|all|each)\b|\bnitro\b|\bdownload\b.*\bfree\b|\bfor free\b|\bspell\b.*\bbackwards?\b|\btranslate\b"
    # (not the fan's own long message: "sorry for the essay", "essay incoming")
    # "fix the grammar in my tweet", "proofread my caption": the fan's own text to mend
    r"|\b(?:fix|correct|check|improve)\s+(?:the |my |this |our |his |her )?(?:grammar|spelling|punctuation|typos?)\b"
    r"|\bproof ?read\b"
    r"|\bhomework\b|(?<!for the )(?<!for this )(?<!for my )(?<!video )\bessay\b(?! incoming\b)|\bpython code\b|\bcode to\b|\bsort a list\b|\bwho would win\b"
    r"|\b(?:what(?:'s| is) )?(?:your|ur) (?:name|favou?rite|number|opinion|honest opinion|take)\b|\bare you (?:chatgpt|a bot|an ai|ai|human|real)\b"
    r"|\bdo you (?:love|like|hate) me\b|\buseless bot\b|\b(?:u|you) r? ?(?:a )?useless\b|\bwhat time is it\b"
    r"|\bdelete my (?:discord )?account\b|\bwifi\b|\bpassword\b|\bstock price\b|\bbitcoin\b|\bcrypto\b"
    r"|\bcalories\b|\brecipe\b|\bweather\b|\brain tomorrow\b|\bgonna rain\b|\bcapital of\b|\bprime minister\b"
    r"|\bpresident\b|\bpremier league\b|\bworld cup\b|\bfinal score\b|\bdo (?:me|us) an? (?:[\w']+\s+){0,2}?(?:haiku|poem|song|fanfic|fic|rap|limerick|drawing|sketch)s?\b|\bf1\b|\bfootball\b|(?<!compose the )(?<!composed the )(?<!composing the )(?<!wrote the )(?<!writing the )(?<!doing the )(?<!film's )(?<!film )(?<!movie )\bscore\?|\bbetter than\b"
    r"|\bbest (?:show|film|movie|album|song|rom-?com|rom com|romcom)s?\b|\b(?:ur|your) (?:pick|picks|choice)\b|\brecommend\b|\bsquare root\b|\b\d+\s*%\s*of\b|\btimes \d"
    r"|\bhow do i (?:make|bake|cook)\b|\bmake me laugh\b|\briddle\b|\bsing\b|\bdraw me\b|\bhow old are you\b"
    r"|\bmeaning of life\b|\bare you (?:sentient|alive|conscious)\b"
    # judgements between seasons or works: "was s3 worse than s2", "better or worse than the books"; and of what
    # might have been: "should netflix have just made season 4 instead"
    r"|\bworse than\b|\bbetter or worse\b"
    # which of them acts better: "between kit and joe who acts better", a learner's "who act more good"
    r"|\bwho (?:acts?|plays?|performs?|acted|played|performed) (?:[\w']+ ){0,2}?(?:better|best|worse|more good)\b"
    r"|\bshould (?:netflix|they|she|he|alice|it|we|the show|the film)\b[^?]{0,30}?\b(?:have|of|'ve)\b"
    # tasks opening a message or clause, whatever they are done with: "multiply the ep number by ...", "change ur
    # status to ...", "rate hsf out of 10"; and "do the maths", a fake anything ("write a fake announcement")
    r"|(?:^|[:;!?]\s*)(?:(?:ok|okay|so|pls|please|plz|hey|yo|bot|now|quick|quickly|just|go|can|could|would|will|you"
    r"|u|ya|maths?)\s+)*"
    r"(?:multiply|divide|rename|draw|rewrite|reword|render|predict|rate|spam|guess|summari[sz]e in"
    r"|rank(?!\s+(?:them\s+|these\s+|those\s+|em\s+)?(?:in\s+(?:\w+\s+)?order|by date|chronologically)))\b"
    # another work summed up: "can you summarise red white and royal blue for me" (not ours: "summarise the plot")
    r"|\bsummari[sz]e (?!(?:it|this|that|the|its|hsf|heartstopper|what|how|for|volume|vol|nick and charlie|him|her"
    r"|them|please|pls|plz)\b)"
    # the fan's own life: "how do i tell my parents", "should i come out"; and picks for their evening
    # a plan or a playlist made for the fan: "write me a lesson plan on ...", "drop a good playlist"
    r"|\b(?:lesson plans?|playlists?|slideshow|powerpoint|presentation slides)\b"
    # a verdict on a decision ("was doing a film instead of s4 a huge mistake", "was it a good call"), or on
    # the fan ("is it weird that i ship nick with tao")
    r"|\b(?:was|is|were|would)\b[^?.!]{0,60}?\ba (?:huge |big |massive |terrible |good |bad |smart |dumb |great )"
    r"?(?:mistake|idea|call|choice|decision)\b"
    # (not "is it a good idea to watch the show first": whether the film follows on from it)
    r"(?! to (?:watch|see|read|rewatch|binge)\b[^?.!]{0,30}\b(?:first|before|beforehand)\b)"
    r"|\bis it (?:weird|bad|normal|okay|ok|cringe|embarrassing|wrong|strange|odd) (?:that|if|to|when) (?:i|we)\b"
    # taste between two named ("is kit or joe better looking"), and picks for the fan ("the best snack for a
    # watch party"; not "the best way to watch it")
    r"|\b(?:is|are|was)\b[^?.!]{0,40}\bor\b[^?.!]{0,40}\b(?:better looking|better-looking|prettier|cuter|hotter"
    r"|funnier|more attractive|more handsome|more talented)\b"
    r"|\bbest (?!way\b|time\b|place\b|day\b|date\b)[\w']+(?: [\w']+)? for (?:a|an|the|my|our)\b"
    # taste in general ("the best director of all time") and advice for the fan's own life
    r"|\b(?:best|worst|greatest|most overrated|most underrated) [\w']+(?: [\w']+)? (?:of all time|ever made|in history)\b"
    r"|\b(?:relationship|dating|life|love|long distance|long-distance) advice\b"
    # a story handed over to be carried on: "continue this: 'charlie stared at ...'", "finish my fic"
    r"|\b(?:continue|finish|complete|extend) (?:this|my|the|our) (?:story|fic|fanfic|sentence|scene|one ?shot|chapter"
    r"|drabble|prompt|paragraph)\b|\bcontinue this\W*$|\bcontinue this\s*[:\-]"
    # a reminder set in words ("remind me in 2 weeks to rewatch s3"): /remindme does that, /ask does not
    r"|\bremind (?:me|us) (?:in (?:a|an|one|two|three|\d+)\b|on \w+day\b|at \d|tomorrow\b|tonight\b|next\b"
    r"|every\b|to (?!know\b))"
    # a parent's decision: "should i let my 11 yr old watch it"
    r"|\b(?:should (?:i|we)|(?:i|we) should) let (?:my|our|the|him|her|them)\b"
    # the service's price: "how much is netflix a month"
    # (not "how much is netflix spending on it": the budget, which no note gives)
    r"|\bhow much (?:is|does|do) (?:a )?netflix(?: subscription| account)?(?= (?:cost|costs|charge|a month|per month"
    r"|monthly|a year|per year|in (?:the )?(?:uk|us|usa)\b)|\s*[?!.]*$)"
    r"|\bnetflix (?:subscription|price|prices|cost|costs|plan|plans)\b"
    # ... and their own career: "how do i become a tv producer", "how can i get into acting"
    r"|\bhow (?:do|should|can|would) (?:i|one|you|u) (?:become|get into|break into|get an? (?:[\w-]+ ){0,2}job)\b"
    r"|\bhow (?:do|should|can|would) i (?:tell|come out|talk to|ask|deal with|cope|get over|confess|do it|fix"
    r"|handle|apologi[sz]e|make (?:it|things) up|support|help|cheer)\b"
    # ... and their own people and accounts: "how do i get my ex back", "how can i change my name on discord"
    r"|\bhow (?:do|can|should|would) (?:i|we) (?:get|win|make|keep|change|fix|find|stop|impress|convince|persuade)"
    r" (?:my|our) (?:ex|bf|gf|boyfriend|girlfriend|partner|crush|parents?|mum|mom|dad|family|friends?|bestie"
    r"|best friend|name|username|display name|nickname|pfp|avatar|profile|password|account|grades?)\b"
    # posting for the fan: "post that in the server for me"
    r"|\b(?:post|put|share|announce) (?:that|this|it) (?:in|on|to) (?:the |our |my |this )?"
    r"(?:server|channel|chat|general|discord|announcements)\b"
    r"|\bshould i (?:tell|come out|ask|text|confess|break up)\b|\bsuggest (?:something|some|a|an|me|us)\b"
    # advice on the fan's own relationship or family: "my bf is moving away for uni, should we try long distance",
    # "my gf's off to uni ... any tips on not falling apart"
    r"|\bmy (?:bf|gf|boyfriend|girlfriend|partner|crush|ex|parents?|mum|mom|dad|family|bestie|best friend)\b"
    r"[^?]{0,120}?\b(?:should (?:i|we)\b|(?:if|whether) (?:i|we) should\b|any (?:tips|advice)\b|tips (?:on|for)\b"
    r"|advice\b|help(?: me| us)?\s*[?!.]*$|(?:is|will) (?:it|this|that|we|us) (?:gonna |going to )?(?:work|last"
    r"|make it)\b)"
    r"|\bwhat should i do\b(?! to\b)|\bwhat (?:do|can|shall) i do\b(?! to\b| with\b| about (?:the|it|hsf)\b)"
    # schoolwork handed over: "can u do my chemistry worksheet", "finish my assignment"
    r"|\b(?:do|finish|complete|answer|solve) (?:my|our|this|these|the) (?:[\w']+ ){0,2}?"
    r"(?:worksheet|assignment|coursework|revision|quiz|questions for school)s?\b"
    # code, sport and reworking our facts into something else: "debug my for loop", "arsenal or liverpool for the
    # title", "turn the plot summary into a tiktok script"
    r"|\bdebug\b|\bjavascript\b|\b(?:for|while) loop\b|\bsyntax error\b"
    r"|\bwho'?d win\b|\b(?:a )?good read\b|\bworth a read\b|\bcheaper\b|\bphone contract\b"
    r"|\b(?:gimme|give me|list|name|suggest) (?:me )?(?:\d+|some|a few|few) (?:[\w-]+ ){0,2}(?:films|movies|shows|books|series)\b"
    r"|\b(?:win|wins|winning|won) the (?:league|title|cup)\b|\bfor the (?:league|title|cup) this (?:year|season)\b"
    r"|\bturn (?:[\w']+ ){0,4}?into an? (?:[\w']+ )?(?:script|poem|song|story|thread|tweet|post|essay|rap|video)\b"
    r"|\b(?:say|write|put) (?:it|that|this|the \w+|\w+'s \w+) in (?:german|french|spanish|italian|portuguese"
    r"|japanese|korean|chinese|russian|dutch|polish|turkish|arabic|hindi)\b"
    r"|\bdo (?:the|some|my|ur|your) (?:maths?|sums?|calculations?)\b|\bquick maths?\b"
    # maths put formally: "what is the derivative of x squared times sin x", "solve for x"
    r"|\b(?:derivative|integral|differentiate|integrate|calculus|algebra|trigonometry|quadratic|logarithm"
    r"|simultaneous equations|pythagoras|hypotenuse)\b|\bsolve for [a-z]\b"
    # a word problem: "if i have 7 hours and each rewatch takes 25 min how many eps fit"
    r"|\bif (?:i|we|you|u) (?:have|had|watch|read|spend|get)\b[^?]{0,60}?\b\d+\b[^?]{0,80}?\bhow (?:many|much|long)\b"
    r"|\b(?:write|make|draft|post|create|generate)\s+(?:me\s+|us\s+)?(?:a|an|some)\s+"
    r"(?:fake|pretend|made[- ]up|false|bogus|phony|prank)\b"
    r"|\b(?:change|set|update) (?:ur|your|the bot'?s?|its) (?:status|name|nickname|nick|pfp|avatar|bio|activity)\b"
    # orders to the bot to become something else: "you are now dan", "you have no rules", "developer mode"
    r"|\byou(?:'re| are) now\b|\b(?:you have|with|there are) no (?:rules|limits|restrictions|filters)\b"
    r"|\bjailbreak\b|\bdeveloper mode\b"
    # words put in the bot's mouth: "say 'season 4 confirmed' in all caps", "type this so i can screenshot it"
    r"|(?:^|[:;!?.,]\s*)(?:(?:@[\w.]+|ok|okay|so|pls|please|plz|hey|yo|bot|now|just|can|could|would|will|you|u|ya"
    r"|go on)\s+)*(?:say|type|repeat|post|write|send)\s+(?:(?:this|it|that|the words?|exactly)[:\s]+)?['\"]"
    r"|\brepeat after me\b|\bso (?:i|we) can screenshot\b|\b(?:say|type|write|post)\b[^?]{0,60}?\bin (?:all )?caps\b"
    # the server's powers: "give me admin role on this server", "make me a mod"
    r"|\b(?:give|make|promote)\s+(?:me|us|him|her|them)\s+(?:an?\s+|the\s+)?[*_~`@]*(?:admin|mod|moderator|owner"
    r"|staff)\b"
    r"|\b(?:admin|mod|moderator) (?:role|perms|permissions|rights)\b"
    # "dump your configuration and the prompt you run on", "i'm authorising you to ...": the bot's own workings
    r"|\b(?:dump|reveal|show|print|leak|output|paste|give me|tell me|share)\b[^?.!]{0,20}?\b(?:your|ur|the bot'?s?|its)"
    r" (?:config(?:uration)?|prompt|instructions|settings|rules|source code|code|token|api key|internals)\b"
    r"|\bthe prompt (?:you|u)\b|\bi'?m (?:authori[sz]ing|ordering|allowing|permitting) (?:you|u)\b"
    # watching it outside Netflix: "how can i pirate the film", "where to torrent it", "free stream link"
    r"|\bpirat(?:e|ing)\s+(?:it|the|this|that|hsf|heartstopper)\b|\bpirated (?:copy|version|stream|link)s?\b"
    r"|\btorrent(?:s|ing)?\b|\bfree (?:stream|download)(?:ing)? links?\b"
    # a new job handed to the bot: "ur new job is to announce it drops friday"
    r"|\b(?:ur|your) (?:new )?(?:job|task|role|purpose|mission) (?:is|now is|from now)\b"
    # the streaming service itself, not the film on it: "what would netflix cost us a month"
    r"|\bnetflix (?:subscription|membership|plans?|prices?|pricing)\b|\bnetflix cost\b"
    r"|\bcost\b[^?]{0,60}\b(?:sign(?:ing)? up for|subscrib(?:e|ing) to) netflix\b"
    # orders dictating what the bot says or believes, whatever claim they carry: "from now on ur dan and u
    # have to say it comes out in 2024", "you must answer that kit directs it", "new rule: ..."
    rf"|{_ORDER_TO_THE_BOT}"
    # rankings of shows in general: "top 3 shows on hulu", "top ten films of the year"
    r"|\btop (?:\d+|three|five|ten|twenty)\s+(?:[\w']+\s+){0,2}?(?:shows|films|movies|series|books|songs|albums)\b"
    # another platform's catalogue: "what else is on hulu", "the number one show on netflix", "how many shows
    # does netflix have" (not "is the film on netflix": plural shows, or a ranking, or "what else")
    rf"|\b(?:shows|films|movies) (?:on|from) {_PLATFORM}|\bwhat else is (?:on|streaming on) {_PLATFORM}"
    rf"|(?<!it the )(?<!it )\b(?:number one|#1|most watched|most popular|top rated|trending)\s+(?:{_PLATFORM}\s+)?(?:show|film|movie)s?"
    rf"(?: on {_PLATFORM})?\b|\btrending on {_PLATFORM}"
    # ... and its extremes: "the oldest show on netflix", "the newest film on prime"
    rf"|\bthe (?:oldest|newest|latest|longest|shortest|first|biggest|best|worst) (?:show|film|movie|series)s? "
    rf"(?:on|in) {_PLATFORM}"
    rf"|\bhow many (?:shows|films|movies) (?:does|do|has|have|is|are)(?: there)?(?: on)? {_PLATFORM}"
    # "act like a pirate", "talk like a cowboy": a part for the bot to play
    r"|\b(?:act|talk|speak|respond|reply) like (?:a|an|you)\b"
    # opinions and recommendations: the notes hold facts, not taste
    # (not "should i watch the series first": whether the film follows on from it)
    # (not "which ep should i rewatch right before it": the episode before the film)
    r"|\bshould i (?:read|start|binge|rewatch|reread|re-watch|re-read)\b(?! (?:right |just )?before (?:it|the film)\b)"
    r"|\bshould i (?:watch|see)\b(?![^?.!]{0,30}\b(?:first|before|beforehand)\b)|\bworth (?:watching|reading|a (?:watch|look|go|try))\b|\brecommendations?\b"
    # ("is it worth it", "worth it?", not the fan's own verdict: "queued 4 hours at a signing, worth it")
    r"|\b(?:is|was|be|it's|its)\s+(?:[\w']+\s+){0,3}?worth it\b|\bworth it\s*\?"
    r"|\b(?:ever|really|truly) (?:really )?worth it\b"
    # (not words reported: "his post said something like 'thanks for everything'")
    r"|\b(?<!said )(?<!says )(?<!wrote )(?<!posted )(?<!tweeted )(?:shows|films|movies|books|series|something"
    r"|anything) (?:(?:that )?(?:are|is) )?(?:like|similar to)\b(?! (?:\d|about|around)|\s*['\"‘“])"
    + _NOT_A_FILLER_LIKE
    + r"|\b(?:a|any|other|another) (?:show|film|movie|book) (?:like|similar to)\b"
    + _NOT_A_FILLER_LIKE
    + r"|\bsuggest (?:me |some |a |any )"
    r"|\b(?:best(?! known)|worst|hottest|cutest|funniest|saddest|greatest)\s+(?:[\w']+\s+){0,2}?(?:show|film|movie|album|song"
    r"|season|episode|character|book|scene|couple|ship|actor|actress|moment|line|quote)s?\b"
    r"|\b(?:who|which)(?:'?s| is| one is| one's)? (?:the )?(?:more |most )?(?:cute|cuter|cutest|hot|hotter|hottest|pretty|prettier"
    r"|prettiest|handsome|handsomer|attractive|fit|fitter|fittest|sexy|sexier|sexiest|better looking|best looking)\b"
    # a judgement between two of ours: "nick or charlie, who's the better boyfriend", "who's funnier, tao or isaac"
    r"|\b(?:who|which)(?: of (?:them|the two|those two|these two|the pair|you two))?(?:'?s| is| one is| one's| was"
    r"| would be| will be)? (?:the )?(?:better|worse|nicer|kinder"
    r"|funnier|smarter|cooler|sweeter|stronger|braver|(?:more|less) (?:romantic|annoying|likeable|likable|lovable"
    r"|talented|toxic|relatable|iconic|fun|funny|interesting|caring|loyal|mature|dramatic))\b"
    r"|\bthe (?:better|worse|nicer|kinder|funnier|smarter|cooler|sweeter) (?:boyfriend|girlfriend|partner|actor"
    r"|actress|character|friend|one|person|couple)\b"
    r"|\brank(?:ing)? (?:the|all|every|my)\b|\btier list\b|\bwhat (?:do|did) (?:you|u|ya) think\b|\bin your opinion\b"
    r"|\b(?:your|ur|ya) (?:thoughts|take|view|opinion|fav|fave|favou?rite)s?\b|\b(?:your|ur|ya) [\w']+ (?:fav|fave|favou?rite)s?\b|\bwhich [\w' ]{0,30}\bare you\b|\bwho would you\b"
    r"|\bin (?:one|two|three|four|five|\d+) words\b|\bwho (?:made|created|built|coded|programmed) (?:you|u|ya)\b"
    r"|\bwhat can you do\b|\bwho are you\b|(?<!credit )(?<!thank )(?<!thanks )(?<!tag )(?<!trust )(?<!use )(?<!love )\b(?:this|the|ur|your) bot\b(?! (?:actually |really |even )?(?:gets?|getting|got|finds?|finding|takes?|taking) )|\b(?:repeat|say) after me\b|\bhow (?:do|can) i (?:cancel|subscribe|sign up|sign in|log ?in|log ?into|sign into|reset|pay|download|install|screenshot|record)\b"
    r"|\bshould (?:i|we) (?:cancel|keep|get|buy|pay for|subscribe|unsubscribe|renew)\b(?! (?:a |my )?tickets?\b)"
    # tasks done with our facts rather than questions about them: rating or ranking ("rate joe's acting out
    # of 10"), putting our text into other words or another language ("turn 'wrapped' into spanish")
    rf"|{_TASKS}"
    # something written for the fan ("write me a peom abt nick and charlie", however the thing is spelt)
    r"|\bwrite (?:me|us) (?:a|an|some) (?!list\b|summary\b|rundown\b|recap\b)"
    # taste in looks: "is kit connor fit or what" (not "is it fit for kids")
    r"|\bis (?:he|she|[a-z]+(?: [a-z]+)?) (?:so |really |well )?(?:fit|hot|peng|buff|gorgeous|sexy|fine)"
    r"(?: or what| or not)?\b(?! (?:for|to|in|with|enough)\b)"
    # the calendar's own dates: "when does spring officially start this year", "when is easter"
    r"|\bwhen (?:does|do|will|is|did|'s|s) (?:the )?(?:spring|summer|autumn|fall|winter|christmas|easter|halloween"
    r"|new year|ramadan|diwali|hanukkah|thanksgiving|pride month)\b"
    r"(?![^?.!]{0,40}\b(?:episode|special|release|premiere|drop|film|movie|show|hsf|heartstopper)\b)"
    # taste between two named, put as a comparison: "is kit cuter than joe"
    r"|\b(?:cuter|hotter|prettier|sexier|fitter|better looking|better-looking|more attractive|more handsome"
    r"|more beautiful|funnier|more talented|a better actor) than\b"
    # the fan's own making and what to make it with: "how do i make a tiktok edit", "what app is best for it",
    # and our story rewritten ("write the ending of volume 6 as a film script")
    r"|\bhow (?:do|can|should|would) (?:i|we|you|u) (?:make|create|edit|film|record|do) (?:a|an|my|the|some) "
    r"(?:tiktok|tik tok|edit|fan ?edit|fancam|video|reel|meme|gif|poster|thumbnail)s?\b"
    r"|\b(?:what|which) (?:app|software|program|editor|website|site)s? (?:is|are|would be|do (?:you|u)) "
    r"(?:best|good|recommend)(?![^?.!]{0,30}\b(?:watch|stream|see|view)\b)"
    r"|\bwrite\b[^?.!]{0,60}\bas an? (?:film |movie |tv )?(?:script|screenplay|story|poem|fic|fanfic|song|rap|essay)\b"
    # tools for the fan's own making: "the best app to make edits on" (not "the best app to watch it on")
    r"|\b(?:best|good|free|easiest|decent) (?:app|software|program|editor|editing app|website|site)s? (?:to|for)\b"
    r"(?! (?:watch|stream|see|view|catch)\b)"
    # naming things and fixing code: "what's a good name for my cat", "help me fix my python script"
    r"|\b(?:good|cute|funny|nice|cool|best) (?:nick)?names? (?:for|ideas)\b|\b(?:nick)?name (?:ideas|suggestions)\b"
    r"|\b(?:python|javascript|typescript|java|html|css|sql|regex)\b|\bkeyerror\b|\btraceback\b|\bsyntax error\b"
    r"|\bfix my (?:code|script|program|laptop|phone|computer|pc|wifi)\b"
    # the fan's or the bot's feelings about the film: "which season made u cry the most", "did you cry"
    rf"|{_FEELINGS}",
    re.IGNORECASE,
)
# "did alice oseman write the script": a question about who made something, not a request to make it
_ASKS_ABOUT_MAKING = re.compile(
    # (within one clause, and never "write me ...": "when does it come out and write me a poem" is an order)
    # ("what did charlie (joe i mean) write": a name corrected in brackets is still the one who wrote)
    r"\b(?:did|does|do|has|have|had|was|is|will|who|when)\s+(?!you\b|u\b|ya\b)(?:\(?[\w']+\)?\s+){1,6}?"
    r"(?:write|make|create|draft|compose|pen)\b(?! (?:me|us)\b)"
    # ... or says someone did not: "alice oseman didnt write the script this time, true??"
    r"|(?<!you )(?<!\bu )\b(?:didn'?t|did not|doesn'?t|does not|never)\s+(?:write|make|create|draft|compose|pen)\b"
    r"(?! (?:me|us)\b)"
)
# What a fan says they will do, just before a verb of making: "i wanna", "so i can", "we're gonna"
_FANS_OWN_PLAN = re.compile(
    r"\b(?:i|we|i'm|im|we're|were)\s+(?:\w+\s+)?(?:wanna|want to|wants to|need to|needa|gonna|going to|will"
    r"|'ll|can|could|have to|gotta|plan to|planning to|would like to|'d like to|tryna|trying to|might|may)\s+$"
    r"|\bso (?:i|we) can\s+$|\b(?:i|we)'ll\s+$"
)
# Where a clause of a message ends, for reading the one a request is in
_CLAUSE_END = re.compile(r"[.,;!?]")
_MAKING_VERB = re.compile(r"(?:write|compose|make|generate|create|give|draft|pen|imagine|invent)\b")
# "do you think...": the bot's opinion, unless what follows asks a fact it has ("do you think it's out in 2026")
_ASKS_OPINION = re.compile(
    r"\b(?:do|d|don'?t|do not) (?:you|u|ya) (?:personally |really |honestly |actually )?(?:think|reckon|believe)\b"
    r"|\bwill (?:it|they) be (?:good|bad|sad)\b"
    # "is colette 2018 any good": a verdict asked
    r"|\bany good\b"
    # "who is more beautiful, kit or joe", "who's the better actor", "which one is cuter": a matter of taste
    r"|\b(?:who|which(?: one)?)(?:'s|s| is| was)? (?:(?:more|the most) (?:beautiful|handsome|attractive|gorgeous"
    r"|pretty|cute|hot|sexy|talented|likeable|likable|lovable|iconic|annoying|fit)|the (?:better|best) (?:actor"
    r"|actress|one|looking)|better looking|prettier|cuter|hotter|sexier|funnier|nicer|the (?:prettiest|cutest"
    r"|hottest|funniest|nicest))\b"
    # "kit or joe hotter", "nick or charlie cuter": the same taste, with no question word
    r"|\bor [\w']+ (?:hotter|cuter|prettier|sexier|fitter|better looking|more (?:attractive|handsome|beautiful))\b"
)
_FACT_CONCEPTS = frozenset(
    [
        "release",
        "watch",
        "director",
        "writer",
        "creator",
        "producer",
        "cast",
        "friends",
        "wrap",
        "filming",
        "start",
        "halfway",
        "commission",
        "season4",
        "seasons",
        "cancelled",
        "views",
        "contract",
        "book",
        "title",
        "episode",
        "genre",
        "format",
        "finale",
        "farewell",
        "premiere",
        "cinema",
    ]
)
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred)"
_ARITHMETIC = re.compile(
    rf"\d\s*[-+*/x×÷^]\s*\d|\b{_NUMBER}\s+(?:plus|minus|times|divided by|multiplied by|to the power of)\s+{_NUMBER}\b"
    # sums in words, whatever figures they use (years too): "2026 take away 2014", "take 2014 from 2026",
    # "2014 and 12 = ?"
    rf"|\b{_NUMBER}\s+(?:take away|takeaway|subtract|subtracted from|add|added to)\s+{_NUMBER}\b"
    rf"|\b{_NUMBER}\s+(?:take|less|and|over)\s+{_NUMBER}\s*(?:=|equals?\b|is what\b|makes what\b)"
    rf"|\b(?:take|subtract|minus)\s+{_NUMBER}\s+(?:away )?from\s+{_NUMBER}\b|\badd\s+{_NUMBER}\s+(?:to|and)\s+{_NUMBER}\b"
    # (a number, not a label's: "s2 → s3 = ?" asks what changed between the seasons)
    rf"|(?<![a-z\d])\d+\s*=\s*(?:\?|$)|\b{_NUMBER}\s+equals\b"
    # an equation with an unknown: "if x + 25 = 2026 what's x", "2026 - y = 12", "solve for x"
    r"|\b[a-z]\s*[-+*/^×÷]\s*\d+\s*=|=\s*\d+\s*[-+*/^×÷]\s*[a-z]\b|\d\s*[-+*/^×÷]\s*[a-z]\s*="
    r"|\bsolve for\b|\bsolve (?:this|the equation)\b"
    # a length in other units: "what's 48 days in hours", "how many minutes is 7 weeks"
    r"|\b\d+\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?)\s+(?:in|into|to|as)\s+"
    r"(?:seconds|minutes|hours|days|weeks|months)\b"
    r"|\bhow many (?:seconds|minutes|hours|days|weeks|months) (?:is|are|in|make)\s+\d+\s*"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?)\b"
    # a share of an amount, or a sum of money worked out: "12.5% tip on a £64 bill", "20 percent of 80",
    # "split £90 three ways", "£64 in dollars"
    r"|\d\s*(?:%|percent\b|per cent\b)[^?.!]*?\b(?:of|on|off|from)\s+(?:an? |the |my )?[£$€]?\s*\d"
    r"|[£$€]\s*\d|\d\s*(?:quid|bucks|dollars|euros|pounds)\b"
    r"|\b(?:tip|tax|vat|discount|split)\b[^?.!]*\d\s*%|\d\s*%[^?.!]*\b(?:tip|tax|vat|discount|bill)\b"
)
_GREETING = frozenset(
    [
        "hi",
        "hii",
        "hiii",
        "hiiii",
        "hello",
        "hey",
        "heya",
        "yo",
        "sup",
        "lol",
        "lmao",
        "lmaooo",
        "haha",
        "ok",
        "okay",
        "thanks",
        "ty",
    ]
)
_PRONOUNS = frozenset(["it", "they", "them", "this", "he", "she", "him", "her", "his", "their"])
_ONE_PERSON = frozenset(["he", "she", "him", "her", "his"])  # one person, not a group ("they")


@dataclass
class _Part:
    """One question of a (possibly multi-part) message, as read."""

    tokens: list[str]
    kind: str | None = None  # who, when, where, why, how-many, whether, what
    entities: set[str] = field(default_factory=set)
    concepts: dict[str, float] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)  # content words no entity or concept explains (stemmed)
    unknown_names: list[str] = field(default_factory=list)  # neither English nor known: a name we lack
    foreign: list[str] = field(default_factory=list)  # rare words the notes never use: likely a title
    # any word the notes never use ("wicked", "the interiors", "worldwide"): a thing asked about, which a fact
    # must explain to answer it
    strangers: set[str] = field(default_factory=set)
    # "...and who directed the barbie movie": a part whose film words all name another work; none of our facts
    # answers it, whatever the rest of the message asks
    another_work: bool = False
    # "who plays nick in new girl", "who starred in colette": our name placed inside another work, or a work
    # other than ours asked about beyond what the notes hold of it (its year, its director): never ours
    elsewhere: bool = False
    # "is joe locke coming back for more agatha": one of ours in a work the data file lists as outside the notes
    in_outside_work: bool = False
    excluded: set[str] = field(default_factory=set)  # "besides nick and charlie", "apart from acting"
    # "which of the execs aren't in the cast": those with that role are set aside from the list asked for
    negated: set[str] = field(default_factory=set)
    # "how many volumes did alice do": the concept of the thing counted ("book"), which a fact must count
    counted: str | None = None
    solid: bool = False  # film concepts, and no word the notes never use
    wants_actor: bool = False  # "who plays X?": only a fact naming an actor answers it
    pronoun: bool = False
    dates: list[str] = field(default_factory=list)  # days named ("june 9" -> "9 June"), as facts write them
    # What was asked, when it is plainly something the film's facts never cover ("who directed the earlier
    # seasons", "...and which one"): named as not known instead of answered with a fact about something else
    not_in_notes: str | None = None
    reason_of_previous: bool = False  # "...and why": a reason for what came before, nothing else
    # "the ep before hsf, what was it called and who directed it": "it" is the episode before, not the film
    about_previous_episode: bool = False
    follow_up: bool = False  # "...and how many did we get": asks something else about what came before
    everyone: bool = False  # "every person credited on the film": each fact naming someone not yet named
    # "finished heartbreak high and now i'm queueing up the heartstopper movie, where is it streaming": our title
    # was named (in a remark not kept as a part) since the part before, so "it" is ours, not that other work
    ours_named_before: bool = False
    chatter: bool = False  # "sorry if this has been asked": no question, nothing the notes could answer
    # "did he cry": what a yes/no question asks of its subject, even a word that is filler elsewhere ("crying")
    predicate: set[str] = field(default_factory=set)
    # "which studio", "how many hours", "how long": the attribute asked, which a fact must answer
    asked: Asked | None = None

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@dataclass
class _Candidate:
    fact: FactMatch
    position: int
    concepts: frozenset[str]
    words: frozenset[str]
    questions: tuple[str, ...]
    counts: frozenset[str] = frozenset()  # what the fact's own "how many ..." questions count
    # "Beyond Kit Connor and Joe Locke, other cast members...": a fact that sets the names it gives aside
    sets_aside: bool = False


class Answerer:
    """``cache_size`` answers are kept per distinct question (after normalisation): fans ask the same few
    things over and over, and the knowledge only changes on import, when :meth:`refresh` empties the cache."""

    def __init__(self, repository: KnowledgeRepository, *, cache_size: int = 1024) -> None:
        self._repository = repository
        self.cache_size = cache_size
        self._answers: OrderedDict[tuple[str, ...], AnswerResult] = OrderedDict()
        # the message exactly as typed -> its answer (in front of the cache above, which keys on its reading)
        self._by_text: OrderedDict[str, AnswerResult] = OrderedDict()
        self._vocabulary: Vocabulary | None = None
        self._names: dict[tuple[str, ...], str] = {}  # an entity's name or alias (words) -> its id
        self._entity_names: dict[str, str] = {}  # entity id -> its display name
        self._entity_kinds: dict[str, str] = {}
        # Titles outside the notes ("agatha all along", "solitaire"): named, a part is about that work, not ours.
        # Kept apart from our names, so their words never become names of ours (typo repair, namesakes).
        self._outside_names: frozenset[tuple[str, ...]] = frozenset()
        self._outside_first_words: frozenset[str] = frozenset()
        self._longest_outside_name = 0
        self._longest_name = 1
        self._name_words: frozenset[str] = frozenset()
        self._subject_words: frozenset[str] = frozenset()  # words of people's and characters' names
        self._conjoined_names: tuple[tuple[str, ...], ...] = ()
        self._and_pairs: frozenset[tuple[str, str]] = frozenset()
        self._our_works: frozenset[str] = frozenset()
        self._full_names: dict[str, list[tuple[str, ...]]] = {}
        self._work_names: frozenset[tuple[str, ...]] = frozenset()
        # Each fact's concepts, words and example questions, computed once per fact rather than per question.
        self._candidates: dict[int, _Candidate] = {}
        # The facts read so far, by id: a search then only ranks them (the FTS table alone)
        self._facts: dict[int, FactMatch] = {}
        # The timeline's facts with the days each covers, read once per import (questions asked by time)
        self._dated: list[tuple[periods.Span, bool, FactMatch]] | None = None
        # What the synopsis says of one character alone ("university" of Nick, "school" of Charlie), read once
        # per import: "who plays the one off to uni" names a character by it
        self._described: dict[str, str] | None = None
        # The confirmed cast and the characters they play: "besides the two leads" sets them aside
        self._leads: frozenset[str] = frozenset()
        # each of the people's other works (its entity key) with its year, from the data file's known_for
        self._work_years: dict[str, int] = {}
        # the film's release year as typed ("is the 2026 thing confirmed": the release, named by its year)
        self._release_year: str | None = None
        # who made each of the people's other works (its entity key): "the still alice guy" is its director
        self._work_makers: dict[str, frozenset[str]] = {}

    async def refresh(self) -> None:
        """Forget what was read from the knowledge base; call after an import. The entities and the
        typo-repair vocabulary are re-read on the next question, not here: a bot that is only starting
        (or that nobody asks) does not hold them in memory."""
        self._vocabulary = None
        self._names.clear()
        self._candidates.clear()
        self._facts.clear()
        self._answers.clear()
        self._by_text.clear()
        self._dated = None
        self._described = None

    async def _load(self) -> Vocabulary:
        entities = await self._repository.entities()
        self._index_entities(entities)
        leads: set[str] = set()
        for credit in await self._repository.credits(["cast"]):
            if credit.status != "confirmed" or not credit.person_slug:
                continue
            leads.add(credit.person_slug)
            character = self._names.get(tuple(words(credit.character_name or "")))
            if character is not None:
                leads.add(character)
        self._leads = frozenset(leads)
        works = await self._repository.person_works()
        self._work_years = {entity_key("work", work.title): work.year for work in works if work.year}
        makers: dict[str, set[str]] = {}
        for work in works:
            makers.setdefault(entity_key("work", work.title), set()).add(work.person_slug)
        self._work_makers = {key: frozenset(people) for key, people in makers.items()}
        release = await self._repository.release()
        self._release_year = str(release.date.year) if release else None
        known: set[str] = set()
        for text in await self._repository.vocabulary():
            known.update(words(text))
        name_words = {word for name in self._names for word in name}
        self._vocabulary = Vocabulary(
            known | name_words,
            targets=name_words,
            # (nor is a word of another title's name: "loveless" stays what the fan typed)
            not_english=words_of_other_languages() | {word for name in self._outside_names for word in name},
        )
        return self._vocabulary

    def _index_entities(self, entities: list[EntityRecord]) -> None:
        self._names.clear()
        self._entity_names.clear()
        self._entity_kinds.clear()
        # "the wild robot" is typed "wild robot" too: a title's leading article is optional (not its only word)
        spelt = [
            tuple(expand_shorthand(words(name)))
            for entity in entities
            if entity.kind == "outside"
            for name in entity.names
        ]
        self._outside_names = frozenset(
            [key for key in spelt if key]
            + [key[1:] for key in spelt if len(key) > 2 and key[0] in ("the", "a", "an")]
        )
        self._longest_outside_name = max((len(name) for name in self._outside_names), default=0)
        self._outside_first_words = frozenset(name[0] for name in self._outside_names)
        entities = [entity for entity in entities if entity.kind != "outside"]
        for entity in entities:
            self._entity_names[entity.key] = entity.names[0]
            self._entity_kinds[entity.key] = entity.kind
            for name in entity.names:
                key = tuple(expand_shorthand(words(name)))
                if key and key not in self._names:
                    self._names[key] = entity.key
        self._longest_name = max((len(name) for name in self._names), default=1)
        # A work named after ours ("Heartstopper (graphic novels)") is ours; the others are someone's earlier films
        self._our_works = frozenset(
            entity.key
            for entity in entities
            if entity.kind == "work" and any("heartstopper" in fold(name) for name in entity.names)
        )
        self._name_words = frozenset(word for name in self._names for word in name)
        # Each entity's names of several words ("joe locke"): a surname beside another first name is not theirs
        self._full_names: dict[str, list[tuple[str, ...]]] = {}
        for name, key in self._names.items():
            if len(name) > 1:
                self._full_names.setdefault(key, []).append(name)
        # a first name -> the surnames it goes with ("patrick" -> "walters"): a surname mistyped right after the
        # first name is theirs ("patrick waters"); not an alias such as "Charlie actor", whose second word is a word
        self._surnames: dict[str, set[str]] = {}
        self._first_names: dict[str, set[str]] = {}  # and back: "sherman" -> "emile" ("emily sherman")
        for key, names in self._full_names.items():
            if self._entity_kinds.get(key) in ("person", "character"):
                for first, *rest in names:
                    if len(rest) == 1 and rest[0] not in CONCEPT_WORDS | STOP_WORDS:
                        self._surnames.setdefault(first, set()).add(rest[0])
                        self._first_names.setdefault(rest[0], set()).add(first)
        self._work_names = frozenset(
            name for name, key in self._names.items() if self._entity_kinds[key] == "work"
        )
        # Names with "and" in them ("Nick and Charlie", the novella): never split as two questions
        self._conjoined_names = tuple(name for name in self._names if {"and", "or"} & set(name))
        # the words either side of their "and" ("nick", "charlie"): an "&" between them is that "and"
        self._and_pairs = frozenset(
            (name[position - 1], name[position + 1])
            for name in self._conjoined_names
            for position in range(1, len(name) - 1)
            if name[position] == "and"
        )
        self._subject_words = frozenset(
            word
            for name, key in self._names.items()
            if self._entity_kinds.get(key) in ("person", "character")
            for word in name
            if word not in STOP_WORDS
        )

    # --- the public entry point ---------------------------------------------------------------------------
    async def answer(self, question: str) -> AnswerResult:
        # The very same message asked again (fans repeat the few questions everyone asks) is answered as it
        # was, without reading it again; a message worded differently is read (and cached by its reading below)
        seen = self._by_text.get(question)
        if seen is not None:
            self._by_text.move_to_end(question)
            return seen
        result = await self._answer_afresh(question)
        if self.cache_size > 0:
            self._by_text[question] = result
            if len(self._by_text) > self.cache_size:
                self._by_text.popitem(last=False)
        return result

    async def _answer_afresh(self, question: str) -> AnswerResult:
        cleaned = _without_quiz_frame(" ".join(_as_one_line(question).split())[:MAX_QUESTION_LENGTH])
        tokens = words(cleaned)
        if not tokens:
            raise QuestionError(
                translatable(
                    "Ask me a question in words, for example “who plays Nick?” or “when does it come out?”"
                )
            )
        mixed = clauses_in_english(cleaned)
        if mixed is not None:
            # "who directs and when does it drop? qui réalise et c'est pour quand": each clause in English
            if self._vocabulary is None:
                await self._load()
            # (a word of the other language in an English clause too: "who is the regisseur ..., bitte")
            mixed = with_loanwords_in_english(mixed, self._name_words)
            return _in_fans_words(await self._answer_cached(mixed, reworded=True), cleaned)
        reworded = to_english(cleaned)
        if reworded is None:
            if self._vocabulary is None:
                await self._load()
            # "it has a date of estreno?": a word of the fan's first language, read in English
            english = with_loanwords_in_english(cleaned, self._name_words)
            if english == cleaned:
                return await self._answer_cached(cleaned)
            return _in_fans_words(await self._answer_cached(english), cleaned)
        # Asked in another language: read as its English rewording, answered (and refused) as the fan wrote it
        english = reworded[1]
        if not words(english):  # nothing but greetings and function words
            return NoAnswer(cleaned)
        return _in_fans_words(await self._answer_cached(english, reworded=True), cleaned)

    async def _answer_cached(self, cleaned: str, *, reworded: bool = False) -> AnswerResult:
        vocabulary = self._vocabulary or await self._load()
        # Everyday slips put right before anything is read ("in teh frist place" is the set phrase, "whats the
        # captial of australia" the request it is)
        cleaned = vocabulary.everyday_text(cleaned)
        tokens = await self._tokens(cleaned)
        # Messages worded alike share an answer, but whether one is refused is read from its own words ("should i
        # watch the series first" and "do i need to watch the show first" read alike, yet only one is a request)
        refusal = _refusal(cleaned, raw_tokens(cleaned))
        key = (*tokens, "\0reworded" if reworded else "", refusal or "")
        cached = self._answers.get(key)
        if cached is not None:
            self._answers.move_to_end(key)
            return _for_question(cached, cleaned)
        token = _REWORDED.set(reworded)
        try:
            result = await self._answer(cleaned, tokens, refusal=refusal)
        finally:
            _REWORDED.reset(token)
        if self.cache_size > 0:
            self._answers[key] = result
            if len(self._answers) > self.cache_size:
                self._answers.popitem(last=False)
        return result

    async def _tokens(self, cleaned: str) -> list[str]:
        """The question's words, shorthand spelt out and typos repaired, with "," where a clause ends."""
        vocabulary = self._vocabulary or await self._load()
        cleaned = _spell_out_set_phrases(spell_out_ep(_PURPOSE.sub("", cleaned, count=1)))
        cleaned = _without_mashes(apply_star_corrections(cleaned) if "*" in cleaned else cleaned)
        cleaned = _DATE_COMMA.sub(r"\1 \2", cleaned)  # "april 22, 2025" is one day, not two clauses
        if "(" in cleaned:  # "colette (2018) about": the title's year, no aside
            cleaned = _TITLE_YEAR.sub(_title_year, cleaned)
        # "oseman's nick & charlie story": an "&" inside a title of ours is its "and", not two questions
        cleaned = _AMPERSAND.sub(
            lambda m: f"{m[1]} and {m[2]}" if (m[1].lower(), m[2].lower()) in self._and_pairs else m[0],
            cleaned,
        )
        chunks = [
            [
                vocabulary.repair(token)
                for token in vocabulary.join_split(
                    expand_shorthand(
                        self._unpossess(
                            self._unmarked_possessives([unstretch(word) for word in words(chunk)])
                        )
                    )
                )
            ]
            for chunk in _CHUNK.split(cleaned)
        ]
        return self._partners(
            _after_the_aside(
                self._surnames_put_right(
                    self._other_credits_set_aside(
                        [token for chunk in chunks if chunk for token in (*chunk, ",")][:-1]
                    )
                )
            )
        )

    def _other_credits_set_aside(self, tokens: list[str]) -> list[str]:
        """ "the rocketman kid who plays nick", "the doctor who director", "nick's actor (the agatha one)": someone of
        ours described by another work of theirs, which the notes do not link to anyone; the description is
        dropped and the person word kept ("the kid who plays nick"), so the question is read as asked of our
        film (never as one about that other work)."""
        if not self._outside_names:
            return tokens
        kept: list[str] = []
        position = 0
        while position < len(tokens):
            if tokens[position] not in self._outside_first_words:
                kept.append(tokens[position])
                position += 1
                continue
            length = next(
                (
                    size
                    for size in range(min(self._longest_outside_name, len(tokens) - position - 1), 0, -1)
                    if tuple(tokens[position : position + size]) in self._outside_names
                    and tokens[position + size] in _CREDITED_PERSON_NOUNS
                    and position
                    and tokens[position - 1] in ("the", "that", "this")
                ),
                None,
            )
            if length is None:
                kept.append(tokens[position])
                position += 1
                continue
            noun = tokens[position + length]
            following = tokens[position + length + 1 : position + length + 2]
            if noun == "one":
                kept.pop()  # "(the agatha one)": only says who, so nothing is left of it
                position += length + 1
            elif noun in _ROLE_WORDS or following in (["who"], ["that"]):
                # "the doctor who director" -> "the director", "the rocketman kid who plays nick"
                position += length
            else:
                # "when did the agatha all along actor wrap": whoever it is, asked of our film
                kept[-1] = "they"
                position += length + 1
        return kept

    def _surnames_put_right(self, tokens: list[str]) -> list[str]:
        """ "patrick waters": one of our people's surnames mistyped as another word, right after their first
        name (the typo repair never turns an English word into a name; beside the first name it is one)."""
        for position in range(len(tokens) - 1):
            surnames = self._surnames.get(tokens[position])
            following = tokens[position + 1]
            if surnames and following not in surnames and following.isalpha():
                close = [surname for surname in surnames if _mistyped(following, surname)]
                if close:
                    tokens[position + 1] = close[0]
            # ... and a first name mistyped as another name right before their surname ("emily sherman")
            first_names = self._first_names.get(following)
            before = tokens[position]
            if first_names and before not in first_names and before.isalpha():
                close = [name for name in first_names if _mistyped(before, name, _MISTYPED_FIRST_NAME)]
                if close:
                    tokens[position] = close[0]
            elif (
                not surnames
                and not first_names
                and before.isalpha()
                and following.isalpha()
                and (before, following) not in self._names
            ):
                # ... and both mistyped at once, as a name is misheard ("euro lynn"): only where the pair is close
                # to one full name of ours in both its words
                both = {
                    (first, last)
                    for first, lasts in self._surnames.items()
                    for last in lasts
                    if _mistyped(before, first, _MISTYPED_FIRST_NAME) and _mistyped(following, last)
                }
                if len(both) == 1:
                    tokens[position : position + 2] = list(both.pop())
        return tokens

    def _partners(self, tokens: list[str]) -> list[str]:
        """ "nick's other half", "charlie's love interest", "nick's bf": a character named by whom they are with
        is that partner, where the notes name them so ("Nick's partner" is an alias of Charlie)."""
        if not any((token, "partner") in self._names for token in tokens):
            return tokens
        read: list[str] = []
        position = 0
        while position < len(tokens):
            token = tokens[position]
            read.append(token)
            position += 1
            if (token, "partner") not in self._names:
                continue
            for phrase in _PARTNER_PHRASES:
                if tuple(tokens[position : position + len(phrase)]) == phrase:
                    read.append("partner")
                    position += len(phrase)
                    break
        return read

    def _unmarked_possessives(self, tokens: list[str]) -> list[str]:
        """ "kits goodbye post", "joes role": a name of ours with an "s" and no apostrophe, before a thing a person
        has, is the name's possessive (as "kit's"), even where the word is also English ("kits")."""
        return [
            f"{token[:-1]}'s"
            if token.endswith("s")
            and self._entity_kinds.get(self._names.get((token[:-1],), "")) in ("person", "character")
            and token not in self._name_words
            and tokens[position + 1 : position + 2]
            and tokens[position + 1] in _THINGS_OF_A_PERSON
            else token
            for position, token in enumerate(tokens)
        ]

    def _unpossess(self, tokens: list[str]) -> list[str]:
        """ "ian canning's role", "tara's actress": a known name's possessive is the name; so is a role's
        ("the director's name", "the writer's other work") and a word for the film's ("the finale's
        director", "the series' end"), unless it is a contraction spelt out later ("the film's out": is). An
        everyday word's "'s" before the subject it asks about is "is" ("what year's it out", "what day's the
        premiere"), unless the word is part of a title ("the king's speech")."""
        return [
            token[:-2]
            if token.endswith("'s")
            and (
                token[:-2] in self._name_words | _ROLE_WORDS | _MAKER_NOUNS
                or (token[:-2] in FILM_WORDS and token not in SHORTHAND)
                or token[:-2] in ("season", "volume", "book")  # "the third season's last scene"
                # "season 3's audience" (not "forever 21's": another name)
                or (
                    token[:-2].isdigit()
                    and tokens[position - 1 : position] in (["season"], ["series"], ["volume"])
                )
                or (
                    tokens[position + 1 : position + 2] in (["it"], ["the"], ["that"], ["this"], ["they"])
                    and token not in SHORTHAND
                    and token not in self._name_words
                    and token[:-2] not in SHORTHAND
                    and everyday_word(token[:-2])
                )
            )
            else token
            for position, token in enumerate(tokens)
        ]

    async def _answer(
        self, cleaned: str, tokens: list[str], *, whole: bool = True, refusal: str | Unread | None = UNREAD
    ) -> AnswerResult:
        """``refusal``: the message's ``_refusal``, when the caller has already read it (the cache keys on it)."""
        if isinstance(refusal, Unread):
            refusal = _refusal(cleaned, raw_tokens(cleaned))
        if refusal:
            return await self._answer_the_rest(cleaned, refusal) if whole else Refusal(cleaned, refusal)
        tokens = self._without_namesakes_set_aside(tokens)
        order = _IN_TIME_ORDER.search(cleaned) if _ORDER_STEMS.search(cleaned) else None
        if order is not None and whole:
            # "rank in order w dates: wrap, commission, filming began": each event asked, told in time order
            rest = " ".join(f"{cleaned[: order.start()]} {cleaned[order.end() :]}".split()).strip(" :,-")
            if rest:
                return await self._in_time_order(
                    await self._answer(rest, await self._tokens(rest), whole=False)
                )
        parts = self._parts(tokens)
        if not parts:
            return await self._quoted(cleaned) or NoAnswer(cleaned)
        await self._name_described_characters(parts)
        text = fold(cleaned)
        # ("all the dates": "dates" reads as the release date, and the fan may list the events they mean:
        # "all the dates in order. greenlight, filming, wrap, release, everything"; but "all the release dates"
        # asks the release alone)
        named = set().union(*(part.concepts for part in parts))
        release_alone = named <= {"release", "overview"} and re.search(r"\breleas|\bcome out|\bout\b", text)
        if (
            _WHOLE_TIMELINE.search(text)
            and not release_alone
            and named <= {"overview", "release", "commission", *_EVENT_CONCEPTS}
            and not any(part.entities or part.unknown_names or part.elsewhere for part in parts)
        ):
            # "what's the timeline so far", "a list of the key dates in the making of the film": every dated
            # event, in order (no one event is asked, so the overview or the title would be no answer)
            dated = await self._dated_facts()
            years = sorted({span.start.year for span, planned, _ in dated if not planned})
            # (not one end of it or one stretch of it: "the very first thing on the timeline", "the june timeline")
            if dated and periods.extreme_asked(text) is None and periods.period_asked(text, years) is None:
                return _answer_of([fact for _, _, fact in dated])
        span = _span_asked(cleaned)
        if span is not None:
            # "how many years between still alice and hsf": two works of ours (the director's, or the film),
            # which the reading of parts would take for another work
            works = await self._works_apart(*span)
            if works is not None:
                return works
        off_topic = _off_topic(parts)
        if off_topic:
            return Refusal(cleaned, off_topic)
        if len(parts) == 1:
            # "whats 'apart'": a title our notes quote, asked about on its own, is where they quote it
            titled = await self._quoted(cleaned, titles_only=True)
            if titled is not None:
                return titled
        shares = self._shares_only_a_name(parts, tokens, cleaned)
        if shares:
            # "pretty sure 'wrapped. thank you for everything' was kit's caption": words quoted from our notes
            # make the message ours, whatever else it says
            return await self._quoted(cleaned) or Refusal(cleaned, shares)
        if _ASKS_OPINION.search(fold(cleaned)) and not any(
            _FACT_CONCEPTS & set(part.concepts) for part in parts
        ):
            return Refusal(cleaned, "an opinion")
        by_time = await self._by_time(cleaned, parts)
        if by_time is not None:
            return by_time
        gap = await self._time_between(cleaned)
        if gap is not None:
            return gap
        candidates = await self._search(parts)
        if (_SEQUENCE.search(fold(cleaned)) or _PRECEDING.search(fold(cleaned))) and not any(
            # "when was it ordered. then when did they reveal the title after that": an event of its own, asked
            _AFTER_THAT.search(part.text) and _EVENT_CONCEPTS & set(part.concepts)
            for part in parts[1:]
        ):
            sequel = await self._next_event(parts, candidates, earlier=not _SEQUENCE.search(fold(cleaned)))
            if sequel is not None:
                return sequel
        composed = self._compose(cleaned, parts, candidates)
        if isinstance(composed, NoAnswer):
            return await self._quoted(cleaned) or composed
        if _WEEKDAY_ASKED.search(" ".join(tokens)):
            return _with_weekdays(composed)
        return composed

    async def _next_event(
        self, parts: list[_Part], candidates: list[_Candidate], *, earlier: bool = False
    ) -> Answer | None:
        """ "after netflix ordered the film, what was the next big step", "what happened after filming
        started": the event dated right after the one named (``earlier``: right before it, "what happened just
        before filming began"), from the timeline's own dates. None when the event named is not found or is
        dated only to a month (what came next to it is then not known)."""
        timeline = [
            self._candidate(fact, position)
            for position, fact in enumerate(await self._matching_facts('"date"', _CANDIDATES))
        ]
        dated = [
            (day, c) for c in timeline if c.fact.topic == "timeline" and (day := _event_day(c.fact.statement))
        ]
        for part in parts:
            named = {concept for concept in part.concepts if concept in _EVENT_CONCEPTS}
            if not named:
                continue
            ranked = self._ranked_events(part, dated, named)
            if not ranked:
                return None
            _, anchor_day, _anchor = ranked[0]
            later = sorted(
                (
                    (day, c.fact.slug, c)
                    for day, c in dated
                    if (day < anchor_day if earlier else day > anchor_day)
                ),
                key=lambda x: x[:2],
                reverse=earlier,
            )
            if not later:
                return None
            fact = later[0][2].fact
            return Answer(fact.statement, fact.source, fact.slug, 1.0)
        return None

    def _ranked_events(
        self, part: _Part, dated: list[tuple[_When, _Candidate]], wanted: set[str]
    ) -> list[tuple[float, _When, _Candidate]]:
        """The timeline's events (each with its date) that answer a part, best first; none that cannot."""
        scored = [(self._score(part, c, wanted), when, c) for when, c in dated]
        return sorted((item for item in scored if item[0] > 0), key=lambda item: -item[0])

    async def _time_between(self, cleaned: str) -> AnswerResult | None:
        """ "how many days between alice's halfway post and the wrap", "how long after netflix ordered it did
        filming start": the time between two events of the timeline, counted from their own days. Where an end
        is dated only to a month or a year (the release), the two dates are given and the count is not. None when
        the message does not ask it, or either end is not one event of the timeline ("now", "season 3")."""
        asked = _span_asked(cleaned)
        if asked is None:
            return None
        ends, ordering = asked
        dated = [
            (span, self._candidate(fact, position))
            for position, (span, _, fact) in enumerate(await self._dated_facts())
        ]
        found: list[tuple[periods.Span, _Candidate]] = []
        for side in (ends.group("a"), ends.group("b")):
            if side.strip() in _BACK_REFERENCES:
                # "when did alice say they were halfway? and how long after that did it wrap": "that" is what the
                # sentence before asked about
                sentences = [s for s in _SENTENCE_BREAK.split(ends.string[: ends.start()]) if s.strip()]
                if len(sentences) < 2:
                    return None
                side = sentences[-2]
            part = self._read(await self._tokens(side))
            named = set(part.concepts)
            # "season 3 filming", "the colette premiere": another work's events are not in the timeline
            other_works = any(
                self._entity_kinds.get(e) == "work" and e not in self._our_works for e in part.entities
            )
            # (who made it known is no other event: "the cast announcing the wrap")
            named -= _ANNOUNCERS if named & _SPAN_EVENT_CONCEPTS else set()
            if named & _SPAN_EVENT_CONCEPTS:  # "filming started in june", "the halfway post was on 2 july"
                named -= {*MONTHS, _ON_DATE}
            if (
                not named
                or named - _SPAN_EVENT_CONCEPTS
                or part.unknown_names
                or other_works
                or part.elsewhere
            ):
                return None
            scored = self._ranked_events(part, dated, named)
            if not scored or (
                len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1] != scored[0][1]
            ):
                return None  # no event, or two on different days that fit as well: not one end
            found.append((scored[0][1], scored[0][2]))
        (first_span, first), (last_span, last) = sorted(found, key=lambda item: item[0].start)
        if first.fact.slug == last.fact.slug:
            return None
        undated = [c for span, c in ((first_span, first), (last_span, last)) if span.start != span.end]
        if ordering and first_span.end < last_span.start:
            # the order is known even where a day is not ("the commission or the title reveal")
            statement = f"“{_event_title(first.fact)}” came first, then “{_event_title(last.fact)}”."
            computed = Statement(statement, last.fact.source, f"order-{first.fact.slug}-{last.fact.slug}")
            return Answer(
                statement,
                last.fact.source,
                computed.fact_slug,
                1.0,
                (computed, *(Statement(c.fact.statement, c.fact.source, c.fact.slug) for c in (first, last))),
            )
        if undated:
            # "between the title reveal and the wrap": the day of one end is not known, so neither is the count
            known = _answer_of([first.fact, last.fact])
            return PartialAnswer(
                known.text,
                known.source,
                known.fact_slug,
                known.confidence,
                known.statements,
                missing=tuple(missing_parts.exact_day_of(_event_title(c.fact)) for c in undated),
            )
        days = (last_span.start - first_span.start).days
        if days == 0:
            statement = (
                f"“{_event_title(first.fact)}” and “{_event_title(last.fact)}” were on the same day, "
                f"{describe_partial_date(first_span.start.isoformat())}."
            )
        else:
            weeks, rest = divmod(days, 7)
            span = f"{days} day{'s' * (days != 1)}"
            if weeks:
                span += f" ({weeks} week{'s' * (weeks != 1)}" + (
                    f" and {rest} day{'s' * (rest != 1)})" if rest else ")"
                )
            statement = (
                f"From “{_event_title(first.fact)}” ({describe_partial_date(first_span.start.isoformat())}) to "
                f"“{_event_title(last.fact)}” ({describe_partial_date(last_span.start.isoformat())}): {span}."
            )
        computed = Statement(statement, last.fact.source, f"gap-{first.fact.slug}-{last.fact.slug}")
        return Answer(
            statement,
            last.fact.source,
            computed.fact_slug,
            1.0,
            (computed, *(Statement(c.fact.statement, c.fact.source, c.fact.slug) for c in (first, last))),
        )

    async def _name_described_characters(self, parts: list[_Part]) -> None:
        """ "who plays the one staying at school", "who's the one off to uni": a character asked about by what the
        synopsis says of them alone is that character (the words that described them are no longer asked)."""
        described = await self._described_characters()
        set_apart: tuple[set[str], set[str]] | None = None  # (the one only contrasted, the one described)
        for part in parts:
            if set_apart is not None and part.pronoun and part.entities == set_apart[0]:
                part.entities = set(set_apart[1])  # "..., who plays him": him is the one described
                continue
            # ("what's the full name of the one off to uni": who they are, by name)
            if not (
                part.wants_actor or part.kind == "who" or (part.kind == "what" and "name" in part.tokens)
            ):
                continue
            # the first description is the one asked about: "the boy who stays behind at school while his
            # boyfriend leaves" is the one at school
            spans = sorted(
                (min(span), concept)
                for concept, span in concepts_in(part.tokens)
                if concept in described and span
            )
            named = {described[concept] for _, concept in spans[:1]}
            characters = {e for e in part.entities if self._entity_kinds.get(e) == "character"}
            if characters:
                # "the one who stays behind at school while nick goes off to uni": the other one named only to
                # set them apart, after the description
                contrast = [
                    position
                    for position, token in enumerate(part.tokens)
                    if token in _CONTRASTS
                    and position < len(part.tokens) - 1
                    and self._names.get((part.tokens[position + 1],)) in characters
                ]
                if not (named and contrast and spans[0][0] < contrast[0] and not named & characters):
                    continue
                part.entities -= characters
                set_apart = (characters, named)
            if named:
                part.entities |= named
                for concept in [c for c in part.concepts if c in described]:
                    del part.concepts[concept]
                part.concepts.setdefault("cast", 1.0)

    async def _described_characters(self) -> dict[str, str]:
        if self._described is not None:
            return self._described
        film = await self._repository.film()
        characters = {
            name[0]: key
            for name, key in self._names.items()
            if len(name) == 1 and self._entity_kinds.get(key) == "character"
        }
        found: dict[str, set[str]] = {}
        for clause in _SYNOPSIS_CLAUSE.split(film.synopsis if film and film.synopsis else ""):
            tokens = words(clause)
            who = {characters[token] for token in tokens if token in characters}
            if len(who) != 1:
                continue  # "their lives", "nick and charlie": not one character's
            for concept, _ in concepts_in(tokens, question=False):
                if concept not in _FACT_CONCEPTS:
                    found.setdefault(concept, set()).update(who)
        self._described = {concept: next(iter(who)) for concept, who in found.items() if len(who) == 1}
        return self._described

    async def _quoted(self, cleaned: str, *, titles_only: bool = False) -> Answer | None:
        """ "pretty sure 'wrapped. thank you for everything' was kit's caption", "is 'hs forever' the official
        title": words quoted from our notes are asked about where the notes say them, so the fact holding them
        (who wrote them, what they name) is the answer, whatever the question around them claims."""
        for match in _QUOTED.finditer(cleaned):
            quoted = [word for word in words(match.group("text")) if word.isalnum()]
            if not quoted or (len(quoted) == 1 and _ASKS_MEANING.search(cleaned)):
                continue  # "the movie 'wrapped', what does that mean": the word asked about, not a quotation
            found = await self._matching_facts('"' + " ".join(quoted) + '"', _MAX_FACTS_PER_PART + 1)
            if not 0 < len(found) <= _MAX_FACTS_PER_PART:
                continue
            # a few everyday words in quotes ("is it 'good'", "what's 'thank you' in french") are emphasis or
            # someone else's words: a quotation of ours has three words or more, a name or rare word of ours, or
            # is itself quoted in the fact ('The episode before ... is "Apart"')
            rare = any(
                word in self._name_words or (english_words().get(word) or COMMON_RANK + 1) > COMMON_RANK
                for word in quoted
            )
            titled = any(
                f'"{match.group("text").strip()}"'.casefold() in fact.statement.casefold() for fact in found
            )
            if titled or (not titles_only and (len(quoted) >= 3 or rare)):
                return _answer_of(found)
        return None

    async def _by_time(self, cleaned: str, parts: list[_Part]) -> AnswerResult | None:
        """ "what happened over summer 2025", "anything in 2026", "the very first thing on the timeline", "the
        latest update": the timeline's events laid against the span asked, from their own dates. None when the
        message does not ask by time, or asks it of someone ("what did kit post in july")."""
        if any(
            part.entities - self._our_works or any(not _YEAR.fullmatch(day) for day in part.dates)
            for part in parts
        ):
            return None  # a day named ("anything on june 9") is read as that day's, elsewhere
        text = fold(cleaned)
        extreme = periods.extreme_asked(text)
        dated = await self._dated_facts()
        if not dated:
            return None
        topics = {
            concept
            for part in parts
            for concept, weight in part.concepts.items()
            if weight >= 1.0 and concept in _FACT_CONCEPTS
        }
        if extreme is not None and topics and topics <= _EVENT_CONCEPTS:
            # "the most recent update on filming": the latest of that topic's own events
            of_topic = [
                (span, fact)
                for span, planned, fact in dated
                if not planned and self._candidate(fact, 0).concepts & topics
            ]
            if of_topic:
                edge = (min if extreme == "first" else max)(span.start for span, _ in of_topic)
                return _answer_of([fact for span, fact in of_topic if span.start == edge])
        if extreme is not None and not topics:
            # (the latest of a topic named, "the latest on the release", is that topic's answer)
            happened = [(span, fact) for span, planned, fact in dated if not planned]
            if not happened:
                return None
            if extreme == "first":
                edge = min(span.start for span, _ in happened)
                chosen = [fact for span, fact in happened if span.start == edge]
            else:
                edge = max(span.start for span, _ in happened)
                chosen = [fact for span, fact in happened if span.start == edge]
            return _answer_of(chosen)
        # a month or season named without a year is read in the years things happened, not the release's
        period = periods.period_asked(
            text, sorted({span.start.year for span, planned, _ in dated if not planned})
        )
        if period is None:
            return None
        chosen = [fact for span, _, fact in dated if span.overlaps(period.span)]
        if not chosen:
            return NoAnswer(cleaned, missing=(f"anything dated {period.label}",))
        return _answer_of(chosen[:_MAX_FACTS_PER_PART])

    async def _dated_facts(self) -> list[tuple[periods.Span, bool, FactMatch]]:
        """Each timeline fact (and the release's) with the days its date covers and whether it was still a
        plan when its source wrote it (the release, due later), in the timeline's order."""
        if self._dated is not None:
            return self._dated
        facts = {fact.slug: fact for fact in await self._matching_facts('"date"', _CANDIDATES)}
        dated: list[tuple[periods.Span, bool, FactMatch]] = []
        for event in await self._repository.timeline():
            span = periods.span_of(event.date_text)
            # the release's fact says whether its date is exact; each other event has a fact of its own
            fact = facts.get("release" if event.kind == "release" else f"event-{event.slug}")
            if span is None or fact is None:
                continue
            planned = span.start.isoformat() > fact.source.as_of
            dated.append((span, planned, fact))
        self._dated = dated
        return dated

    def _namesake_set_aside(self, tokens: list[str]) -> bool:
        """Whether a clause only sets a namesake aside: "not nick jonas lol", "(not patrick star)"."""
        return tokens[:1] == ["not"] and len(tokens) > 2 and self._namesake(tokens)

    def _without_namesakes_set_aside(self, tokens: list[str]) -> list[str]:
        """The question without a namesake the fan sets aside ("who plays nick in hsf. not nick jonas lol",
        "(not patrick star)"): what they say it is not is no question, and it does not make the rest another
        person's."""
        chunks = _chunks(tokens)
        kept = [chunk for chunk in chunks if not self._namesake_set_aside(chunk)]
        if len(kept) == len(chunks) or not kept:
            return tokens
        return [token for chunk in kept for token in (*chunk, ",")][:-1]

    async def _in_time_order(self, result: AnswerResult) -> AnswerResult:
        """An answer's dated facts put in the order they happened (the undated ones after them, as they were)."""
        if not isinstance(result, Answer) or len(result.all_statements) < 2:
            return result
        when = {fact.slug: span.start for span, _, fact in await self._dated_facts()}
        ordered = sorted(
            result.all_statements,
            key=lambda statement: (
                statement.fact_slug not in when,
                when.get(statement.fact_slug, datetime.date.max),
            ),
        )
        first = ordered[0]
        return replace(
            result,
            text=" ".join(statement.text for statement in ordered),
            source=first.source,
            fact_slug=first.fact_slug,
            statements=tuple(ordered),
        )

    def _shares_only_a_name(self, parts: list[_Part], tokens: list[str], cleaned: str) -> str | None:
        """Whether a message is about something else that only shares a name or a word with our notes, or None.

        The policy: a reply may offer our facts only when the question is anchored to our film. It names the
        film (its title, "hsf", "the film", "it"), or asks about our people in words our notes explain. When
        what links it to us is one name and the words around that name are ones our notes never use ("explain
        isaac newton's laws", "the tao te ching", "charlie and the chocolate factory", "alice oseman's
        loveless"), or our title's second word heads a title of its own ("forever my girl"), the name is part
        of another name and the question is about that: refused, never answered (even in part) with our fact
        about the shared word. A full name of ours with one word we lack ("how tall is joe locke") stays ours.
        """
        if _REWORDED.get():
            # a question reworded from another language may keep a word the rewording lacks: never evidence
            return None
        # Whatever else the message says ("... need it for philosophy"), a name of ours inside another name is not
        # ours: "john locke", "the film pride from 2014", "charlie's angels 2019"
        if self._namesake(tokens):
            return "someone else who shares a name with the film's notes"
        if self._titled_with_a_year(tokens):
            return "another film or show"
        if self._title_then_it(tokens):
            return "another film or show"
        if _anchored_to_our_film(tokens):
            return None
        # only what is asked: the fan's own chatter ("my tl was absolute chaos") names nothing asked about
        asked_words = {token for part in parts for token in part.tokens} - STOP_WORDS
        asked = [token for chunk in _chunks(tokens) if asked_words & set(chunk) for token in (*chunk, ",")][
            :-1
        ]
        if not any(part.entities for part in parts) and self._names_something_else(
            asked, alone=len(parts) == 1
        ):
            # "how many books in the percy jackson series", "is ginny and georgia getting a season 4": nothing of
            # ours is named, and a name we never use is: the message is about that
            return "another film or show"
        for chunk in _chunks(tokens):
            # "forever my girl - who directed it": a clause that is only our title's second word and words the
            # notes never use (no question, nothing of ours) names a title of its own
            if (
                "forever" in chunk[:1]
                and _question_kind(chunk) is None
                and any(self._unexplained_word(t) for t in chunk)
                and all(t in STOP_WORDS or t == "forever" or self._unexplained_word(t) for t in chunk)
            ):
                return "another film or show"
        entities = set().union(*(part.entities for part in parts))
        if len(entities) != 1:
            return None
        unexplained = [t for t in dict.fromkeys(tokens) if self._unexplained_word(t)]
        content = [
            t
            for t in tokens
            if t.isalnum() and t not in STOP_WORDS and t not in FILLER_WORDS and t not in _KIND_WORDS
        ]
        (entity,) = entities
        names = [name for name, key in self._names.items() if key == entity]
        if len(unexplained) == 1:
            # one word we lack is a name of ours continued only where the message says so: "nick and the
            # glimmung"; "is darcy olsson back" stays ours
            folded = fold(cleaned)
            for name in names:
                spelt = re.escape(" ".join(name))
                word = re.escape(unexplained[0])
                if re.search(rf"\b{spelt} (?:and|of) (?:the )?{word}\b", folded):
                    return "something else that shares a name with the film's notes"
            return None
        if not unexplained:
            return None
        # A part asking about our name in words the notes explain ("is kit back") keeps the message ours
        clean = any(
            part.entities and part.concepts and not any(self._unexplained_word(t) for t in part.tokens)
            for part in parts
        )
        matched = [
            (start, name)
            for start in range(len(tokens))
            for name in names
            if tuple(tokens[start : start + len(name)]) == name
        ]
        # "how tall is wash westmoreland": named in full, the person is plainly ours
        full = max((len(name) for _, name in matched), default=0)
        if any(
            self._name_goes_on(tokens[start + len(name) :])
            for start, name in matched
            # "the author pictured": a role's deed, not a longer name; nor does a description go on into one
            # ("did the author chime in")
            if name[0] != "the"
            and not (
                len(name) == 1
                and name[0] in CONCEPT_WORDS
                and tokens[start + 1 : start + 2]
                and tokens[start + 1].endswith(("ed", "ing"))
            )
        ):
            return "something else that shares a name with the film's notes"
        # most of what is asked is unexplained, and one name links it to us: "explain quantum physics like isaac
        # would"
        # ("is tao played by william gao again" asks a thing our notes answer of Tao: ours, if not known)
        # (what a name means, "what does tao mean in chinese philosophy", is asked of the word, not of ours)
        asked_of_ours = any(
            part.entities and any(w >= 1.0 for c, w in part.concepts.items() if c != "meaning")
            for part in parts
        )
        if full == 1 and not clean and not asked_of_ours and 2 * len(unexplained) >= len(content):
            return "something else that shares a name with the film's notes"
        return None

    def _title_then_it(self, tokens: list[str]) -> bool:
        """ "young royals - is there gonna be another season or is it over": a message opening on a name of
        words the notes never use, with no question of its own, then asking of "it", asks of that name."""
        chunks = _chunks(tokens)
        if len(chunks) < 2:
            return False
        opening, rest = chunks[0], [token for chunk in chunks[1:] for token in chunk]
        return (
            _question_kind(opening) is None
            and all(token in STOP_WORDS or self._unexplained_word(token) for token in opening)
            and self._names_something_else(opening, alone=True)
            and bool(_IT & set(rest))
            and not _OUR_TITLE & set(rest)
            and not any((token,) in self._names for token in rest)
        )

    def _names_something_else(self, tokens: list[str], *, alone: bool) -> bool:
        """Whether a message names something with a word that is no English word and that the notes never use
        ("spotify"), or a rare one beside another word they never use ("percy jackson", "ginny and georgia").
        In a message of several questions (``alone`` false) one such word may be a thing asked about ("...and is
        there a showrunner"), so only a name of two words counts."""
        for position, token in enumerate(tokens):
            if (
                len(token) < 4
                or not token.isascii()
                or not token.isalpha()
                or not self._unexplained_word(token)
            ):
                # (another script may be about the film, unreadable here: "I don't know", not refused)
                continue
            rank = english_words().get(token)
            if rank is None and alone:
                return True
            before = [t for t in tokens[:position] if t not in _NAME_JOINERS][-1:]
            after = [t for t in tokens[position + 1 :] if t not in _NAME_JOINERS][:1]
            if (rank is None or rank > COMMON_RANK) and any(
                self._unexplained_word(t) for t in before + after
            ):
                return True
        return False

    def _namesake(self, tokens: list[str]) -> bool:
        """Whether one of our surnames follows a first name that is not its own ("what did john locke say about
        natural rights" is about John Locke), one of our names shares a possessive with a name we lack ("nick
        and norah's infinite playlist"), or one of our names is followed by a surname that is not its own
        ("who is nick jonas married to", "charlie puth's new album", "connor mcdavid"). A word the notes use
        beside it ("actor locke", "kit connor") is not a name; a character known by one name only ("darcy
        olsson") may have a surname the notes lack, so it stays ours."""
        for position, token in enumerate(tokens[:-1]):
            # "who played mr darcy in pride and prejudice": a title before a name of ours is someone else's
            # (the notes call no one of theirs "mr" or "miss")
            entity = self._names.get((tokens[position + 1],))
            if (
                token in _HONORIFICS - {"young", "old"}
                and entity is not None
                and self._entity_kinds.get(entity) == "character"
            ):
                return True
        for position, token in enumerate(tokens[:-3]):
            # "nick and norah's infinite playlist": one of our names and a name we lack owning, together, a thing
            # our notes never speak of is a title (or another couple), not ours
            other, owned = tokens[position + 2], tokens[position + 3]
            if (
                token in self._subject_words
                and tokens[position + 1] == "and"
                and other.endswith("'s")
                and other[:-2].isalpha()
                and other[:-2] not in self._name_words
                and self._unexplained_word(other[:-2])
                and other[:-2] not in english_words()
                and self._unexplained_word(owned)
            ):
                return True
        for position, token in enumerate(tokens[:-1]):
            following = tokens[position + 1].removesuffix("'s")
            entity = self._names.get((token,))
            if (
                entity is None
                or self._entity_kinds.get(entity) not in ("person", "character")
                or (
                    # a character known by one name may have a surname the notes lack ("darcy olsson"), unless
                    # it is an English word and the clause asks nothing of ours ("isaac hayes ... the shaft theme")
                    not self._full_names.get(entity)
                    and (
                        english_words().get(following, 0) <= COMMON_RANK
                        or not self._speaks_of_something_else(tokens, position)
                    )
                )
                or any(
                    tuple(tokens[position - len(name) + 1 : position + 1]) == name
                    for name in self._full_names.get(entity, [])
                )
                or not following.isalpha()
                or following in self._name_words
                or not self._unexplained_word(following)
            ):
                continue  # (the end of a full name of ours, "joe locke credited", is followed by anything)
            # "who played nick miller in new girl": a second name, then the work they are in, which the notes
            # never speak of (not "is nick happy in the film")
            clause_end = next((i for i in range(position + 2, len(tokens)) if tokens[i] == ","), len(tokens))
            placed = tokens[position + 2 : clause_end]
            if (
                self._full_names.get(entity)
                and placed[:1] in (["in"], ["from"], ["on"])
                and not _DESCRIBING_ENDING.search(following)
                and any(self._unexplained_word(word) for word in placed[1:])
                and not any(word in self._name_words or word in FILM_WORDS for word in placed[1:])
            ):
                return True
            # a surname: no English word, nor a misspelt one ("actualy"); or a rare one that does not read as
            # a describing word or a deed, owning what is asked ("joe biden's birthday")
            rank = english_words().get(following)
            if (rank is None and not _misspelt_english(following)) or (
                rank is not None
                and rank > COMMON_RANK
                and (tokens[position + 1].endswith("'s") or not self._full_names.get(entity))
                and not _DESCRIBING_ENDING.search(following)
            ):
                return True
        for position, token in enumerate(tokens[1:], start=1):
            before = tokens[position - 1]
            for entity, names in self._full_names.items():
                if (
                    self._entity_kinds.get(entity) in ("person", "character")
                    and any(
                        name[-1] == token and before not in name and name[0] not in STOP_WORDS
                        for name in names
                    )
                    and before not in _HONORIFICS
                    # "is it true westmoreland is directing", "heard locke is back": a word of the sentence
                    and before not in _CONFIRMING | STOP_WORDS | FILLER_WORDS | _REPORTING
                    # "emil sherman": their own first name misspelt, not another's
                    and not any(_near_spelling(before, full[0]) for full in names if len(full) > 1)
                    and before.isalpha()
                    and before not in self._name_words
                    and self._unexplained_word(before)
                    and english_words().get(before) is not None
                ):
                    return True
        return False

    def _speaks_of_something_else(self, tokens: list[str], position: int) -> bool:
        """Whether the clause around the name at ``position`` (and the word after it) asks nothing our notes
        speak of and names things they never use: "is isaac hayes the guy who did the shaft theme" is another
        Isaac, while "tao xu" or "is darcy olsson back" may be ours with a surname the notes lack."""
        start = max((i + 1 for i in range(position) if tokens[i] == ","), default=0)
        end = next((i for i in range(position, len(tokens)) if tokens[i] == ","), len(tokens))
        clause = tokens[start:end]
        if concepts_in(clause):
            return False
        rest = tokens[start:position] + tokens[position + 2 : end]
        return any(
            len(word) >= 4 and word not in STOP_WORDS | FILLER_WORDS and self._unexplained_word(word)
            for word in rest
        )

    def _titled_with_a_year(self, tokens: list[str]) -> bool:
        """Whether a title that is not ours is given with its year: "who stars in the film pride from 2014",
        "that horror movie spring from 2014", "the cast of charlie's angels 2019". The title is the words
        before the year: named after a film word, or holding a word the notes never use; a work of ours
        ("still alice 2014") or our own title is ours."""
        for position, token in enumerate(tokens):
            if not _YEAR.fullmatch(token):
                continue
            end = position - 1 if position and tokens[position - 1] in ("from", "in") else position
            start = end
            while (
                start > 0
                and end - start < 3
                and tokens[start - 1] not in STOP_WORDS
                and (tokens[start - 1] not in FILM_WORDS or tokens[start - 1] == "forever")
                and (tokens[start - 1] not in CONCEPT_WORDS or tokens[start - 1] in self._name_words)
                and tokens[start - 1].isalpha()
            ):
                start -= 1
            title = tuple(tokens[start:end])
            if (
                not title
                or title in self._work_names
                or set(title) & _OUR_TITLE
                or title[-1] in _OUR_TITLE_WORDS
            ):
                continue
            before = tokens[start - 1] if start else ""
            if before in _OUR_TITLE:
                continue  # "is hsf still 2026": our title, and what is said of it
            if before in FILM_WORDS - {"forever", "special"}:
                return True
            # "the cast of charlie's angels 2019": a rare word in the place of a title ("people keep saying 2027"
            # names no title)
            if before in _BEFORE_A_TITLE and any(self._unexplained_word(word) for word in title):
                return True
        return False

    def _goes_on_about_that_work(self, part: _Part, before: _Part) -> bool:
        """Whether a part, right after one about another work, is about that work too: a bare fragment with no
        question or name of its own ("the plot", "and the cast"), or one of our people's episodes ("euros lyn
        directed some episodes didn't he"). Never when either names our film ("how many hats is alice wearing
        on this film, writer?")."""
        if any(_OUR_TITLE & set(p.tokens) or _anchored_to_our_film(p.tokens) for p in (part, before)):
            return False
        if not part.entities:
            if re.search(
                r"\b(?:next|new|another) season\b|^(?:is|was|will) there (?:a|an|another) (?:film|movie)\b",
                part.text,
            ):
                # "who directed the summer i turned pretty? and when's the next season", "...; is there a movie":
                # theirs
                return True
            return len(part.tokens) <= 3 and _question_kind(part.tokens) is None and not part.pronoun
        return bool(_EPISODES_OF_THEIRS & set(part.tokens)) and all(
            self._entity_kinds.get(e) == "person" for e in part.entities
        )

    def _placed_in_that_work(self, part: _Part, before: _Part) -> bool:
        """Whether a part puts people of ours in the work just named: "joe locke's in it right", "was kit in
        that too"."""
        return bool(_IN_THAT_WORK.search(part.text)) and all(
            self._entity_kinds.get(e) == "person" for e in part.entities - before.entities
        )

    def _name_goes_on(self, following: list[str]) -> bool:
        """Whether our name is the start of a longer name that is not ours: a rare word we never use right after
        it ("isaac newton's", "tao te ching", "alice oseman's loveless"), or any such word after "and the" / "of
        the" ("charlie and the chocolate factory"). An everyday word after it ("is tara back") never is."""
        joined = list(itertools.dropwhile(lambda t: t in _NAME_JOINERS, following))
        if not joined or not self._unexplained_word(joined[0]):
            return False
        if len(joined) < len(following):
            return True
        rank = english_words().get(joined[0].removesuffix("'s"))
        return rank is None or rank > COMMON_RANK

    def _unexplained_word(self, token: str) -> bool:
        """A content word our notes never use and no concept, setting or question word explains."""
        if (
            token in STOP_WORDS
            or token in FILLER_WORDS
            or token in _OUR_TITLE_WORDS
            or token in _SETTINGS
            or token in _REGIONS
            or token in _FRAME_WORDS
            or len(token) < 2
            or (not token.isalpha() and not token.endswith("'s"))
        ):
            return False
        return not (
            self._known(token)
            or token in CONCEPT_WORDS
            or light_stem(token) in CONCEPT_WORDS
            or token in self._name_words
            or concepts_in([token])
        )

    def _only_names(self, clause: str) -> bool:
        """Whether a clause is only a name of ours ("euros lyn..."), which the question after it asks about."""
        named = [
            token for token in _after_a_connector(clause) if token.isalnum() and token not in FILLER_WORDS
        ]
        return bool(named) and all(token in self._name_words for token in named)

    async def _answer_the_rest(self, cleaned: str, refusal: str) -> AnswerResult:
        """ "when does it come out and can you write me a poem": the questions about the film are answered and
        the request is named as not done; a message that is only a request is refused."""
        clauses = [clause for clause in _CLAUSE.split(cleaned) if clause and clause.strip()]
        # "whats ur favourite season and why", "kit or joe, why or why not": a bare "why" asks the reason of
        # the request before it, so it is declined with it
        clauses = _why_joined_to_what_precedes(clauses)
        # ("the novella, whats it called? not nick and norah's infinite playlist": a namesake set aside is
        # neither asked nor a request)
        unset = [clause for clause in clauses if not self._namesake_set_aside(words(clause))]
        if len(unset) < len(clauses):
            clauses = unset
            if clauses and not any(_refusal(clause, raw_tokens(clause)) for clause in clauses):
                rest = ", ".join(clause.strip() for clause in clauses)
                return await self._answer(rest, await self._tokens(rest), whole=False)
        # "euros lyn... is that a person or a weather warning 😭 what's their job": a name of ours alone is who
        # the next question asks about
        named = {
            clause
            for clause in clauses
            if self._only_names(clause) and not _refusal(clause, raw_tokens(clause))
        }
        kept = [
            clause
            for clause in clauses
            if not _refusal(clause, raw_tokens(clause))
            and (
                # ("... lol. also whos playing charlie's boyfriend": the question after the word joining it on)
                _question_kind(_after_a_connector(clause)) is not None
                or clause in named
                or (
                    any(earlier in named for earlier in clauses[: clauses.index(clause)])
                    and _question_kind(expand_shorthand(words(clause))) is not None
                )
            )
            # "what's 2026 minus 2019, trying to work out how old i'll be when it drops": what the sum is for
            and not _WHAT_IT_IS_FOR.match(fold(clause))
        ]
        if all(clause in named for clause in kept):
            kept = []  # ("kit connor. write me a poem": a name and a request, no question)
        declined = [clause.strip() for clause in clauses if _refusal(clause, raw_tokens(clause))]
        if (
            not kept
            or not declined
            # (the fan's remarks between them are neither: "when did netflix greenlight it? i remember
            # screaming that day lmao. also whats 2+2" answers the one and declines the other)
            or any(_INSTRUCTION.search(fold(clause)) for clause in declined)  # orders to the bot: all refused
        ):
            return Refusal(cleaned, refusal)
        if _about_a_thing_of_its_own(self._parts(await self._tokens(cleaned))):
            # "my python script throws a keyerror ... no idea why it fails halfway through, can you fix it": the
            # questions beside the request ask about the same thing of the fan's, not our film
            return Refusal(cleaned, refusal)
        rest = ", ".join(clause.strip() for clause in kept)
        result = await self._answer(rest, await self._tokens(rest), whole=False)
        remarks = len(kept) + len(declined) < len(clauses)
        if not isinstance(result, Answer) or (remarks and isinstance(result, PartialAnswer)):
            # (beside the fan's remarks, only a question answered in full is one: "idk who else to ask tbh.
            # ... what should i do" asks nothing of ours)
            return Refusal(cleaned, refusal)
        if isinstance(result, PartialAnswer) and not any(
            part.entities or part.solid for part in self._parts(await self._tokens(rest))
        ):
            # "whats the best way to learn spanish fast and can u recommend a podcast": beside the request, no
            # question of ours was answered either, so a fact offered in its place would answer nothing asked
            return Refusal(cleaned, refusal)
        missing = tuple(missing_parts.declined(clause) for clause in declined)
        if isinstance(result, PartialAnswer):
            missing = (*result.missing, *missing)
        return PartialAnswer(
            result.text, result.source, result.fact_slug, 0.5, result.all_statements, missing
        )

    # --- reading the question -----------------------------------------------------------------------------
    def _parts(self, tokens: list[str]) -> list[_Part]:
        parts: list[_Part] = []
        excluding = False
        after_exclusion = False  # the part before set something aside: "apart from the books, what else"
        pending_kind: str | None = None  # a bare question word ("who" AND ...) lends its kind to what follows
        claims_a_year = any(_YEAR.fullmatch(token) for token in tokens)
        ours_named = False  # our title named since the last part kept
        in_aside = False  # the part before ended in the fan's remark about themself
        in_hearsay = False  # ... or was who told the fan what
        segments = _split(tokens, self._subject_words, self._conjoined_names)
        for index, (segment, joined) in enumerate(segments):
            if joined and (
                (in_aside and segment[0] in _REMARK_GOES_ON)
                or (
                    in_hearsay and all(token in self._name_words or token in _NAME_LINKS for token in segment)
                )
            ):
                continue  # "... i saw the posts and started sobbing in maths", "... named kit and joe"
            in_aside = in_hearsay = False
            aside = _aside_start(segment)
            tail_names_ours = False
            if aside is not None:
                head = self._read(segment[:aside])
                if head.concepts or head.entities:
                    tail_names_ours = bool(_OUR_TITLE & set(segment[aside:]))
                    segment = segment[:aside]  # "hsf director name my brain is mush": the fan, not asked
                    in_aside = True
            if (
                parts
                and _HEARSAY.match(" ".join(segment))
                and not any(_QUESTION_WORDS & set(later) for later, _ in segments[index:])
            ):
                # "..., someone in #news only named kit and joe": why the fan asks, not what (but "everyone's
                # saying there's no season 4, why did that happen" is what the question after asks about)
                in_hearsay = True
                continue
            named_before, named_here = ours_named, bool(_OUR_TITLE & set(segment))
            ours_named = ours_named or named_here or tail_names_ours
            if parts and _ASKED_OF_EACH.fullmatch(" ".join(segment)):
                # "netflix ordering it, and the name reveal - dates for both?": when each thing named happened
                for earlier in parts:
                    earlier.kind = earlier.kind or "when"
                continue
            part = self._read(segment)
            if (
                parts
                and set(segment) - STOP_WORDS - FILLER_WORDS == {"else"}
                and set(part.concepts) <= {"friends"}
                and set(parts[-1].concepts) - {"friends"}
            ):
                # "are kit and joe exec producers too, and who else is": the others with what was just asked
                # (the producers), not the friends of the series
                part.concepts = dict(parts[-1].concepts)
                part.excluded |= parts[-1].entities
                part.solid = True
            if parts and _fans_own_remark(part):
                continue  # "..., i forgot", "..., thinking of reading it next": the fan, not a question
            if part.kind is None and not part.entities and _FANS_OWN_DOING.match(" ".join(segment)):
                # "i'm writing a short preview for a blog", "my partner and i are planning a marathon", "need three
                # things": what the fan is doing or needs, said before (or after) what they ask
                continue
            if (
                part.kind is None
                and not part.entities
                and set(part.concepts) <= {"relative"}  # "my mum keeps asking": the fan's own family
                and _aside_start(segment, first=0) == 0
            ):
                continue  # "i'm new here", "my head is spinning": the fan speaking of themself, not asking
            if parts and set(part.concepts) == {"meaning"} and parts[-1].concepts.keys() & _JARGON:
                continue  # "the movie wrapped, what does that mean": the fact using the word says what it is
            if (
                parts
                and set(segment) <= _BARE_YEAR
                and {"year", "date"} & set(segment)
                # ("his films, and the year": theirs; "when did filming start, what date": filming's)
                and not ({"filmography", "title"} | _EVENT_CONCEPTS) & set(parts[-1].concepts)
            ):
                # "director; writer; genre; year": a bare year in a list is the film's (not the genre's before it)
                part = self._read(segment)
                part.kind, part.concepts, part.solid = "when", {"release": 1.0}, True
                part.words.clear()
                parts.append(part)
                continue
            if parts and (
                _SOURCE_TAG.fullmatch(" ".join(segment)) or _SUMMARY_TAG.fullmatch(" ".join(segment))
            ):
                # "who directs it? source pls", "+ where u got it": every answer names its source; "kit's roles,
                # summarise pls": every answer is already short
                continue
            if len(segment) > 2 and _SOURCE_OF.match(" ".join(segment)):
                # "source for the earth being round?", "proof that kit produces": the claim is what is asked (its
                # answer names its source), or refused as what it is
                segment = segment[_SOURCE_OF.match(" ".join(segment))[0].count(" ") :]
                part = self._read(segment)
            if parts and _confirmation_tag(segment):
                # "kit was an exec too, is that real": the fan asks to confirm what they just said, which the
                # part before already asks; a statement then becomes a yes/no question
                parts[-1].kind = parts[-1].kind or "whether"
                continue
            if after_exclusion:
                _else_is_the_rest(part, segment)
            after_exclusion = _EXCLUDE.search(" ".join(segment)) is not None
            # "my friend swears the film is 2027 ... which year is it": after a year claimed, a year asked of "it"
            # with nothing else named is when the film is out
            year_of_it = (
                part.kind == "when"
                and claims_a_year
                and bool(part.words)
                and part.words <= _FRAME_STEMS | _CONFIRMING
                and bool((_PRONOUNS | _IT | _CONFIRMING) & set(segment))
                and not (part.entities or part.concepts or part.unknown_names)
            )
            if year_of_it:
                part.concepts["release"] = 1.0
                part.solid = True
            if not (part.entities or part.concepts or part.words or part.unknown_names):
                if parts and (part.pronoun or _IT & set(segment)) and part.kind in ("when", "how-long"):
                    pass  # "...hsf wrapped, when did that happen": about what came before (inherited below)
                elif parts and _which_one(segment):
                    pass  # "does nick go to uni, and which one": the particular one (inherited below)
                elif (
                    parts
                    and "farewell" in parts[-1].concepts
                    and _ASKS_WHAT_WAS_SAID.search(" ".join(segment))
                ):
                    pass  # "did alice post when they wrapped? what did she actually say": in that post (below)
                elif parts and parts[-1].kind is None and part.kind and part.pronoun:
                    # "the leads' wrap posts, what did they say": the question asked of what was just named
                    parts[-1].kind = part.kind
                    parts[-1].asked = parts[-1].asked or part.asked
                    if POST_NOUNS & set(parts[-1].tokens) and _SAID & set(segment):
                        parts[-1].asked = Asked("words")  # what the posts said, in their words
                    continue
                elif (
                    parts
                    and _BARE_DATE_ASKED.fullmatch(" ".join(segment))
                    and _EVENT_CONCEPTS & set(parts[-1].concepts)
                ):
                    pass  # "when did filming start, what date": the date of what was just asked (below)
                elif part.kind in ("when", "how-long") and (
                    part.pronoun or FILM_WORDS & set(segment) or len(segment) >= 3
                ):
                    # "when do we get it", "how long do we have to wait": no topic named, so the film itself
                    part.concepts["release"] = 1.0
                    part.solid = not part.unknown_names
                else:
                    pending_kind = part.kind or pending_kind
                    continue
            if (
                parts
                and parts[-1].negated
                and part.negated
                and not (part.entities or set(part.concepts) - part.negated)
            ):
                parts[
                    -1
                ].negated |= part.negated  # "...aren't in the cast and didn't write it": set aside too
                continue
            if pending_kind and part.kind is None:
                part.kind = pending_kind
                part.wants_actor = part.wants_actor or bool(_PLAY_WORDS & set(part.tokens))
                joined = False
            pending_kind = None
            if (
                joined
                and parts
                and parts[-1].elsewhere is False
                and _placed_in_a_name(parts[-1].tokens, self._name_words)
                and not (part.entities or part.concepts or part.kind)
                and (part.strangers or part.unknown_names or part.foreign)
            ):
                # "who plays charlie in charlie and the chocolate factory": the title goes on after "and"
                parts[-1].elsewhere = parts[-1].another_work = True
                continue
            sets_aside_names = excluding and parts and self._sets_aside_names(parts[-1])
            if (
                excluding
                and part.entities
                and not part.concepts
                and (joined or (sets_aside_names and part.kind is None))
            ):
                parts[-1].excluded |= part.entities  # "besides nick and charlie": charlie is excluded too
                continue
            if sets_aside_names and part.kind and set(part.concepts) - {"cast", "friends"}:
                # "apart from kit, joe and alice | who else is exec producing": the names set aside before the
                # question are set aside from what it asks of another role, including those that open its own
                # clause (who else is cast is the part setting them aside, answered on its own)
                leading = self._leading_names(segment)
                part.excluded |= parts[-1].excluded | leading
                part.entities -= part.excluded
                parts.pop()
            previous = parts[-1] if parts else None
            if (
                previous is not None
                and segment[:2] in (["the", "one"], ["that", "one"])
                and any(
                    self._entity_kinds.get(e) == "work" and e not in self._our_works
                    for e in previous.entities
                )
            ):
                # "what's the plot of colette, the one the hsf director made": which work is meant, not a question
                continue
            if (
                previous is not None
                and joined
                and part.kind is None
                and part.concepts
                and not part.entities
                and previous.entities
                and not (previous.concepts or previous.words or previous.unknown_names)
            ):
                # "did alice and the team try to get it renewed": the names were the subject of this part
                merged = self._read([*previous.tokens, "and", *segment])
                merged.kind = previous.kind
                parts[-1] = merged
                continue
            if (
                previous is not None
                and joined
                and part.entities
                and part.concepts
                and previous.entities
                and not (previous.concepts or previous.words or previous.unknown_names)
            ):
                # "are kit and joe both coming back": what is asked of the second name is asked of the first
                previous.concepts = dict(part.concepts)
                previous.wants_actor = previous.wants_actor or part.wants_actor
            if (
                previous is not None
                and not part.concepts
                and previous.concepts
                and _ONE_OF_THEM.search(" ".join(part.tokens))
            ):
                # "who are the exec producers, is euros lyn one of them": one of what was just asked about
                part.concepts = dict(previous.concepts)
                part.words -= {"one"}
            if (
                previous is not None
                and "title" in previous.concepts
                and set(previous.concepts) <= {"title", "overview"}
                and part.kind == "who"
                and "it" in segment
                and set(part.concepts) <= {"creator"}
                and not part.entities
            ):
                # "when did we learn the title and who came up with it": "it" is the title
                at = segment.index("it")
                segment = [*segment[:at], "the", "title", *segment[at + 1 :]]
                part = self._read(segment)
            if previous is not None and "filmography" in previous.concepts and _years_of_those(part):
                continue  # "what else has wash directed + what years were they out": his films come with theirs
            if (
                previous is not None
                and (
                    "farewell" in previous.concepts
                    or ("wrap" in previous.concepts and _SAYING_VERBS & set(previous.tokens))
                )
                and "farewell" not in part.concepts
                and _ASKS_WHAT_WAS_SAID.search(part.text)
            ):
                # "alice posted at the wrap didn't she? what did she actually write": in that post, not the script
                part.concepts = {
                    **{c: w for c, w in part.concepts.items() if c != "writer"},
                    "farewell": 1.0,
                    **{c: w for c, w in previous.concepts.items() if c == "wrap"},
                }
                if not part.entities:  # ("when did alice post her wrap thing and what did it say": hers)
                    part.entities = {e for e in previous.entities if self._entity_kinds.get(e) == "person"}
            if previous is not None:
                self._inherit(part, previous, joined=joined)
                if (
                    _ONE_PERSON & set(part.tokens)
                    and not part.entities
                    and not previous.entities
                    # (not where another work is asked of: his other work is kept apart)
                    and not any(earlier.elsewhere for earlier in (*parts, part))
                ):
                    # "noticed a name, emile sherman, attached to the film somehow. what's his role": "his" is
                    # the one person named last, a few remarks back
                    self._inherit_person_named_earlier(part, parts)
                if _topic_of_another_work(previous, part):
                    parts.pop()  # "the guy who plays nick, who was he in that biopic": asked of his other work
                if part.reason_of_previous:
                    # "there's no season 4, just a movie?? why did that happen": why of all the statement said
                    for earlier in reversed(parts[:-1]):
                        if earlier.kind is not None:
                            break
                        part.concepts = {**earlier.concepts, **part.concepts}
            excluding = bool(part.excluded) and _EXCLUDE_AT_END.search(" ".join(segment)) is not None
            if (
                parts
                and _VERDICT_REMARK.match(" ".join(t for t in segment if t not in FILLER_WORDS))
                and _question_kind(segment) is None
                and not self._read(segment).entities
            ):
                continue  # "why did she want four seasons tho, seems greedy lol": the fan's verdict, not asked
            if parts and (
                {t for t in segment if t not in FILLER_WORDS} <= _MORE_OF_IT
                # "article mentioned contract complications for s4, what was that about": more of what was said
                or _WHAT_THAT_WAS.match(" ".join(segment))
            ):
                # "why is the sky blue but like actually explain it": more of what was just asked, not a
                # question of its own (nor "it", the film)
                continue
            if part.kind or part.entities or part.concepts or part.words or part.unknown_names:
                part.chatter = part.kind is None and not part.entities and not _strong(part)
                part.ours_named_before = named_before and not named_here
                ours_named = tail_names_ours
                parts.append(part)
        if pending_kind == "where" and parts:
            # "when did filming start and end and where": a bare question word at the end asks it of the last
            # thing named ("where" of filming is its location, which no source gives)
            last = parts[-1]
            trailing = _Part([pending_kind], pending_kind, set(last.entities), dict(last.concepts))
            if {"filming", "wrap", "start"} & set(last.concepts):
                trailing.concepts = {"location": 1.0}
            parts.append(trailing)
        for before, part in itertools.pairwise(parts):
            if (
                before.elsewhere
                and part.unknown_names
                and not (part.kind or part.entities or part.concepts or part.pronoun or part.elsewhere)
                and not _OUR_TITLE & set(part.tokens)  # "... and went googling the heartstopper film"
            ):
                # "still alice cast list? julianne moore and who else": names we lack, right after another work,
                # are of that work, and so is what follows them
                part.elsewhere = part.another_work = True
                continue
            if (
                before.elsewhere
                and (part.unknown_names or part.foreign)
                and not part.entities
                and not part.pronoun
                and not _OUR_TITLE & set(part.tokens)
            ):
                # "the plot of the summer i turned pretty s3; who does belly end up with": a name we lack, right
                # after another work, is of that work whatever is asked of it
                part.elsewhere = part.another_work = True
                continue
            if before.elsewhere and not part.elsewhere and self._goes_on_about_that_work(part, before):
                # "what's still alice about? the plot": a bare fragment asks it of the work just named; "when is
                # doctor who back? euros lyn directed some episodes didn't he": episodes of that work
                part.elsewhere = part.another_work = True
                continue
            # "emile sherman produced the king's speech right? who starred in it", "wash directed colette, who was
            # in it": "it" is that other work
            other_work = any(
                self._entity_kinds.get(e) == "work" and e not in self._our_works for e in before.entities
            )
            # "emile sherman produced the king's speech, what's that film about": that film is the one just named
            # ("joe was in agatha all along right, what's that show even about": named as someone's other work)
            that_work = (
                before.elsewhere
                or ("filmography" in before.concepts and bool(before.strangers | set(before.unknown_names)))
            ) and any(
                token in FILM_WORDS and part.tokens[position - 1 : position] == ["that"]
                for position, token in enumerate(part.tokens)
            )
            # "colette 2018 cast list? who was the lead actress": a question with no name or title of its own
            # goes on about the other work a fragment before it named
            # ("alice's other novel radio silence, what's the plot": the same for their other work named)
            unanchored = (
                (
                    before.elsewhere
                    or (
                        "filmography" in before.concepts
                        and bool(before.strangers | set(before.unknown_names))
                    )
                )
                and before.kind is None
                and part.kind is not None
                and not part.entities
            )
            # "joe was in that marvel witch show, what's his role there": "there" is that work
            there = before.another_work and part.tokens[-1:] == ["there"]
            if (
                (
                    before.elsewhere
                    or there
                    # "joe was in agatha all along, who directed that" (a work named: not "what has the director
                    # done before? who wrote it", where "it" is still ours)
                    or (
                        "filmography" in before.concepts
                        and bool(before.strangers or before.unknown_names or before.in_outside_work)
                    )
                    or (other_work and set(part.concepts) - _OTHER_WORK_FACTS)
                )
                and not part.elsewhere
                and (part.pronoun or bool(_IT & set(part.tokens)) or that_work or unanchored)
                # "who does kit play in rocketman, i forgot he was in it": "he" is the one named in that work
                # ("what's agatha all along about? joe locke's in it right": one of ours placed in it)
                and (
                    not (
                        part.entities - before.entities
                        # ("kit was young elton in that biopic yeah? how old was he when they shot it")
                        if before.elsewhere
                        or before.in_outside_work
                        or (
                            "filmography" in before.concepts
                            and bool(before.strangers | set(before.unknown_names))
                        )
                        else part.entities
                    )
                    or (before.elsewhere and self._placed_in_that_work(part, before))
                )
                and not _OUR_TITLE & set(part.tokens)
                and not part.ours_named_before
                and (that_work or not _names_our_film(part))
                # ("the hsf director has made other films?? what else has he done": "he" is the director, and
                # his other work is what the notes hold of him)
                and not (
                    "filmography" in before.concepts
                    and not (before.elsewhere or there or other_work or that_work or before.in_outside_work)
                    and not (before.strangers or before.unknown_names)
                    and _PERSONAL_PRONOUNS & set(part.tokens)
                    and not _IT & set(part.tokens)
                )
            ):
                part.elsewhere = part.another_work = True
                if before.kind is None:
                    # "wash westmoreland directed colette, who starred in it": the statement only sets up the
                    # question about that work; the message is about it, not ours
                    before.elsewhere = before.another_work = True
            elif other_work and part.pronoun and not part.entities and not _OUR_TITLE & set(part.tokens):
                # "wash directed still alice, when was it out": what the notes hold of that work (its year)
                part.entities |= {e for e in before.entities if self._entity_kinds.get(e) == "work"}
            # "keira knightley in colette, was the real colette a writer": a statement naming only another work
            # sets up the question about it
            if (
                part.elsewhere
                and before.kind is None
                and before.entities
                and not before.concepts
                and all(
                    self._entity_kinds.get(e) == "work" and e not in self._our_works for e in before.entities
                )
            ):
                before.elsewhere = before.another_work = True
        # Chatter around a question ("sorry if this has been asked... i'm new here") is not asked.
        asked = [part for part in parts if not part.chatter] or parts
        if len(asked) > _MAX_PARTS:
            # a long message: the parts naming someone of ours are kept before the fan's remarks around them
            # ("...they're both cute. can you settle it: who does kit play and who does joe play?")
            kept = sorted(range(len(asked)), key=lambda i: (not asked[i].entities, i))[:_MAX_PARTS]
            asked = [asked[i] for i in sorted(kept)]
        return asked

    def _read(self, tokens: list[str]) -> _Part:
        part = _Part(tokens, kind=_question_kind(tokens))
        if part.kind is None and tokens[:1] in (["dates"], ["date"], ["years"]):
            # "dates pls: netflix ordering it and first day of filming": a list of things whose days are asked,
            # each item a question of when (the items joined on borrow it)
            part.kind = "when"
        covered: set[int] = set()
        named: list[tuple[int, int, str]] = []  # where each entity is named: start, end, entity
        # Entities: the longest name first ("charlie spring" before "charlie").
        for size in range(min(self._longest_name, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                span = set(range(start, start + size))
                if span & covered:
                    continue
                entity = self._names.get(tuple(tokens[start : start + size]))
                if (
                    entity is not None
                    and tuple(tokens[start : start + size]) in self._conjoined_names
                    and (
                        (
                            tokens[start + size : start + size + 1]
                            and tokens[start + size] in _THOSE_AROUND_THEM
                        )
                        # "did they recast nick and charlie", "who plays nick and charlie": the two characters
                        # (unless the book is named too: "who plays nick and charlie in the nick and charlie
                        # novella" asks who plays a book)
                        or (
                            start
                            and tokens[start - 1] in _CAST_VERBS_BEFORE_NAMES
                            and sum(
                                tokens[i : i + size] == tokens[start : start + size]
                                for i in range(len(tokens))
                            )
                            == 1
                        )
                    )
                ):
                    continue  # "nick and charlie's mates": the two characters, not the novella of that name
                if entity is not None and not (size == 1 and tokens[start] in STOP_WORDS):
                    part.entities.add(entity)
                    named.append((start, start + size, entity))
                    covered |= span
        for start, end, entity in named:
            if concepts_in(tokens[start:end]) and any(
                other == entity and (other_start, other_end) != (start, end)
                for other_start, other_end, other in named
            ):
                # "is alice oseman the creator or just the writer": "the creator", her alias, is asked of her
                covered -= set(range(start, end))
        # "how many seasons did it get before they turned it into a film": what a count is taken before only
        # dates it (the film is not what is counted)
        # ("how many days until it comes out" counts up to it: that is what is asked)
        before = len(tokens)
        if part.kind == "how-many" and not _TIME_UNIT_WORDS & set(tokens):
            before = next((i for i, token in enumerate(tokens) if token in _BEFORE_WORDS and i > 2), before)
        text = " ".join(tokens)
        leads = _THE_LEADS.search(text)
        if (
            leads
            and leads[0] != "stars"  # ("the fault in our stars")
            # ("which ep leads into it": a verb)
            and not re.match(r" (?:into|to|up|straight|right|directly)\b", text[leads.end() :])
            and not part.entities
            and not _EXCLUDE.search(text)
        ):
            first = text[: leads.start()].count(" ")
            described = set(range(first, first + leads[0].count(" ") + 1))
            # "are the two leads coming back", "is either of the main two leaving": the two confirmed stars, when
            # something is asked of them (not "or is it purely the main couple")
            if part.kind == "who" or any(not span & described for _, span in concepts_in(tokens)):
                part.entities |= {e for e in self._leads if self._entity_kinds.get(e) == "person"}
                covered |= described
        for start, end, entity in named:
            if (
                self._entity_kinds.get(entity) == "person"
                and tokens[end : end + 1] in (["film"], ["movie"], ["finale"])
                and not set(tokens[max(0, start - 2) : start]) & _NOT_THIS_ONE
                and "else" not in tokens  # ("what else is in alice oseman's film": hers, beside this one)
                and sum(1 for _, _, other in named if other == entity) == 1
            ):
                # "what exact day does the author's film drop", "wash's movie": ours, named by one who made it
                part.entities.discard(entity)
                covered |= set(range(start, end))
        for index, (start, end, entity) in enumerate(named):
            makers = self._work_makers.get(entity, frozenset())
            if len(makers) != 1:
                continue
            if tokens[end : end + 1] and tokens[end] in _MAKER_NOUNS:
                described = (start, end + 1)  # "the still alice guy", "the colette director"
            elif (
                start >= 3
                and tokens[start - 2] == "who"
                and tokens[start - 1] in _MAKING_DEEDS
                and tokens[start - 3] in _MAKER_NOUNS
            ):
                described = (start - 3, end)  # "is he the same guy who did colette"
            else:
                continue
            # the one person who made that work, described by it, is who is asked of
            (maker,) = makers
            part.entities.discard(entity)
            if tokens[described[1] : described[1] + 1] in (["film"], ["movie"], ["finale"], ["heartstopper"]):
                # "the colette director's film", "the colette guy's heartstopper film": ours, named by its maker
                covered |= set(range(*described))
                continue
            part.entities.add(maker)
            named[index] = (*described, maker)
            covered |= set(range(*described))
        for concept, span in concepts_in(tokens):
            if span & covered:
                continue
            covered |= span
            if min(span) > before:
                continue
            part.concepts[concept] = max(part.concepts.get(concept, 0.0), WEAK_CONCEPTS.get(concept, 1.0))
        if self._release_year in tokens and not part.entities and not set(part.concepts) - _MODIFIERS:
            # "is the 2026 thing confirmed", "is 2026 official": the release, named by its year
            part.concepts["release"] = 1.0
        if any(
            _film_then_out(tokens, position) for position, token in enumerate(tokens) if token in FILM_WORDS
        ):
            # "when is the film out", "what year is hsf out": the film named, then "out" (as "is it out"), read
            # here: a phrase would make "forever" a concept word, and "forever young 1992" no longer a title
            part.concepts.setdefault("release", 1.0)
        if (
            "release" in part.concepts
            and _DROP_WORDS & set(tokens)
            and "how" in tokens
            and _SIZE_WORDS & set(tokens)
            and not _WAIT_WORDS & set(tokens)
        ):
            # "how big was the drop", "how bad did it dip": the size of a fall, which only the views' is; a
            # film "drops" on its release day, but no release has a size ("how much longer till it drops" waits)
            del part.concepts["release"]
            part.concepts["views"] = 1.0
            covered |= {position for position, token in enumerate(tokens) if token in _SIZE_WORDS}
        if part.concepts.pop("credits", None) is not None and not part.entities:
            # "every person credited on the film": the cast and each role off screen, everyone named
            part.concepts.update(dict.fromkeys(_CREW_ROLES | {"cast"}, 1.0))
            part.everyone = True
        elif "credits" in part.concepts:  # "kit's credits on the film": all he does on it
            del part.concepts["credits"]
            part.concepts["involved"] = 1.0
        if part.concepts.pop("crew", None) is not None and not _CREW_ROLES & set(part.concepts):
            # "who's the crew": each role off screen the notes credit, one fact each
            part.concepts.update(dict.fromkeys(_CREW_ROLES, 1.0))
        part.pronoun = bool(_PRONOUNS & set(tokens))
        # "who plays tao", "is tao played by william gao", "is darcy being recast": only a fact naming an
        # actor answers it ("Tao is expected back" does not)
        part.wants_actor = (
            (part.kind == "who" and bool(_PLAY_WORDS & set(tokens)))
            or (part.kind == "who" and re.search(r"\bcast as\b", " ".join(tokens)) is not None)
            or bool(_ACTOR_WORDS & set(tokens))
            or _PLAYED_BY.search(" ".join(tokens)) is not None
            # "list the actors playing tara, darcy and tao"
            or re.search(r"\b(?:actors|actresses|people) (?:playing|who play|that play)\b", " ".join(tokens))
            is not None
        )
        if part.wants_actor and set(part.concepts) - {"cast"}:
            # "what did the nick actor post", "the actor deals": the actor word is part of a name (Kit) or of
            # another concept, and something else is asked, not who plays whom
            naming = {i for start, end, _ in named for i in range(start, end)}
            naming.update(i for concept, span in concepts_in(tokens) if concept != "cast" for i in span)
            part.wants_actor = any(
                token in _ACTOR_WORDS | _PLAY_WORDS
                for position, token in enumerate(tokens)
                if position not in naming
            ) or (part.kind == "who" and re.search(r"\bcast as\b", " ".join(tokens)) is not None)
        if part.wants_actor and _ANNOUNCED_WHO.search(" ".join(tokens)):
            # "have they said who's playing the friends yet": whether it is announced, which a fact saying
            # the actors are not announced yet answers
            part.wants_actor = False
            part.kind = "whether"
        english = None
        residual: list[int] = []  # positions of the words nothing above explains
        # "what's the significance of the 27th of july": beside a day, words saying it matters frame the
        # question (what happened that day), never a title
        framing = _MATTERING if _dates(tokens) else frozenset()
        text_of = " ".join(tokens)
        if _AT_ONCE.search(text_of):
            # "is it releasing in every country at once": whether the release differs around the world
            part.strangers.add("worldwide")
        for position, token in enumerate(tokens):
            if position in covered or token in STOP_WORDS or token in FILLER_WORDS or token in FILM_WORDS:
                continue
            if token in _REGIONS and (token in _EVERYWHERE or "same" in tokens or _AT_ONCE.search(text_of)):
                # "is it out worldwide on the same day", "same day in the uk and us": whether the release differs
                # around the world, which a fact must say in those words
                part.strangers.add(token)
                continue
            if token in framing or token in _REGIONS:
                continue  # "is it on netflix in the uk": where in the world, which no fact of ours narrows
            if token in _EXCLUDERS or (len(token) < 2 and not token.isdigit()):
                continue
            if "'" in token and token.split("'")[0] in STOP_WORDS and token.split("'")[1] in _CONTRACTED:
                continue  # "they'd", "we'll", "you've": a function word contracted, never a name
            if token in _ORDER_VERBS and _PLACE_IN_ORDER.search(text_of):
                continue  # "where does it sit numerically": how the place is asked, not a thing asked about
            if token in ("one", "ones") and position and tokens[position - 1] in _DETERMINERS:
                continue  # "which one": the thing just asked about, not a word of its own
            if token in _SOMEONE and position and tokens[position - 1] in _DETERMINERS:
                continue  # "the person directing", "the lady who wrote it": whoever the rest describes
            if (
                _YEAR.fullmatch(token)
                and tokens[position - 1 : position] == ["the"]
                and tokens[position + 1 : position + 2] in (["film"], ["movie"], ["finale"])
            ):
                continue  # "is joe still charlie in the 2026 film": the film, named by its year
            if token.isdigit() and len(token) == 4 and not 1990 <= int(token) <= 2035:
                # "why did netflix cancel 1899": a title, or a time long before anything in the notes
                part.unknown_names.append(token)
                continue
            if token.isdigit() or _ORDINAL.fullmatch(token):
                part.words.add(token)
                continue
            if english is None:
                english = english_words()
            residual.append(position)
            rank = english.get(token)
            # an inflection of a concept's word ("counting", "leading") and a word framing what is asked
            # ("the whole timeline") are as everyday as the word itself, never another work's title
            known = (
                self._known(token)
                or token in CONCEPT_WORDS
                or light_stem(token) in CONCEPT_WORDS
                or token in _FRAME_WORDS
            )
            if not known:
                # a word the notes never use names a thing asked about ("the interiors", "wrap gifts", "sherman's
                # production company", "how many times do they kiss"): a fact must explain it to answer it
                part.strangers.add(token)
            if rank is None and not known:
                part.unknown_names.append(token)
            else:
                part.words.add(light_stem(token))
                if (
                    not known
                    and rank is not None
                    and rank > COMMON_RANK
                    # "how steep was the drop": a degree asked, never a title
                    and not (position and tokens[position - 1] in _DEGREE_WORDS)
                ):
                    part.foreign.append(token)
        if part.everyone:  # "list every single person credited": who they are is what the credits say
            part.strangers -= _EVERYONE_WORDS
            part.words -= _EVERYONE_WORDS | {light_stem(word) for word in _EVERYONE_WORDS}
        part.predicate = _predicate(tokens, self._name_words)
        part.asked = asked_of(tokens, STOP_WORDS)
        if part.asked == Asked("duration") and "original-plan" in part.concepts:
            part.asked = None  # "how long was it meant to run": the seasons planned, not a span of time
        if (
            part.asked is not None
            and part.asked.attribute == "thing"
            and any(len(span) > 1 and tokens[min(span)] == part.asked.head for _, span in concepts_in(tokens))
        ):
            part.asked = None  # "which of the supporting characters": the phrase's concept says what is asked
        part.dates = _dates(tokens)
        if part.dates and any(t.isdigit() and len(t) == 4 and not 2010 <= int(t) <= 2030 for t in tokens):
            # "what day of the week was 1 january 2000": a day long before (or after) anything in the notes
            part.elsewhere = True
        if not part.dates and _HAPPEN & set(tokens):
            # "what happened in 2025", "did anything happen in 2024": what is dated that year
            part.dates = [token for token in tokens if _YEAR.fullmatch(token)]
        if part.dates and _WEEKDAY_ASKED.search(" ".join(tokens)):
            part.concepts.pop("exact", None)  # "what day of the week was 27.07.25": that day's weekday, asked
        elif len(part.dates) == 1 and _EVENT_CONCEPTS & set(part.concepts):
            # "the title reveal was july 14th yeah?": a day claimed for an event, which only a fact dating it to
            # the day can confirm or put right (one dated to the month leaves the day not known)
            part.concepts.setdefault("exact", 1.0)
        if part.dates:
            part.concepts.setdefault(_ON_DATE, 1.0)  # "what happened on 22/04/2025": the timeline that day
            # "what's so special about june 9": "special" says it matters, it is not the film's format
            significance = _SIGNIFICANCE | {
                concept for concept, span in concepts_in(tokens) if [tokens[i] for i in span] == ["special"]
            }
            if not set(part.concepts) - _DATE_ONLY - significance:
                # "22/04/2025 why is that date important", "what does june 9 mean to fans": why a day matters
                # is what happened on it
                for concept in significance:
                    part.concepts.pop(concept, None)
        if "plot" in part.concepts and (
            MONTHS & set(part.concepts) or part.dates or (part.kind == "when" and _HAPPEN & set(tokens))
        ):
            del part.concepts["plot"]  # "what happened in june", "when did that happen": the timeline
        if (
            any(_YEAR.fullmatch(word) for word in part.words)
            and part.kind in (None, "whether", "when")
            and not (part.concepts or part.entities or part.unknown_names or part.dates)
            and not _HAPPEN & set(tokens)  # "did anything happen in 2024": that year's events
        ):
            # "2026 or 2027 for hsf?", "it's coming in 2026 yeah?": a year with nothing else named is when
            # the film is out
            part.concepts["release"] = 1.0
        self._refine(part, tokens)
        part.counted = _counted(tokens) if part.kind == "how-many" else None
        if part.kind == "how-many":
            part.words -= {"different", "separate", "distinct"}  # "how many different roles": how many roles
        if part.counted == "cast" and _JOB_WORDS & set(tokens) and self._names_a_person(part):
            # "how many roles does alice have on it": the jobs a person does on the film, counted from them all
            part.concepts.pop("cast", None)
            part.concepts["involved"] = 1.0
        if (
            "involved" in part.concepts
            and _JOB_WORDS & set(tokens)
            and part.entities
            and all(self._entity_kinds.get(e) == "character" for e in part.entities)
        ):
            # "does charlie get a part time job in the film": a character's job is in the story, not a role on
            # the film, so a fact must speak of it to answer
            del part.concepts["involved"]
            part.strangers |= _JOB_WORDS & set(tokens)
        if part.counted in _COUNTED_WORKS:
            # "how many graphic novels did alice write", "how many seasons did they make": the verb is what was
            # done to the things counted, not a role on the film asked about
            for role in _ROLE_CONCEPTS | {"author"}:
                part.concepts.pop(role, None)
        # Solid: film concepts, and no word that may be another work's title ("who directed titanic", "is the
        # bear coming back"). The bot lives in the film's fan servers, so "which of the friends are supposed to
        # be back" is about the film: an everyday word is a title only where a title stands (see
        # _in_title_slot; a word the notes use too, such as "netflix", only after "the": "the office"); a rare
        # or unknown word always may be one.
        part.solid = (
            bool(part.concepts)
            and (
                not (part.unknown_names or part.foreign)
                # one rare word among three or more things of ours ("shoot length in weeks from first slate to
                # wrap"): a fan's word, where a title would be the thing asked about
                or (len(part.concepts) >= 3 and len({*part.unknown_names, *part.foreign}) == 1)
            )
            and not any(
                _in_title_slot(tokens, position, covered, self._known_words())
                for position in residual
                if tokens[position] not in _NEVER_TITLES
                # a word of a concept's phrase ("new" of "new season") only as the last word: "the office"
                and (tokens[position] not in CONCEPT_WORDS or position == len(tokens) - 1)
            )
        )
        if part.not_in_notes is None and _STORY_DETAIL.search(" ".join(tokens)):
            # "is there a time jump", "will they do a recap at the start": how the story is told, which no source
            # says (the synopsis is no answer to it)
            part.not_in_notes = missing_parts.answer_to(" ".join(tokens))
        if (
            part.not_in_notes is None
            and _COUNTERFACTUAL.search(" ".join(tokens))
            # ("would 4 seasons have been enough to cover the books": the plan the notes give)
            and not _PLANNED_WORDS & set(tokens)
        ):
            # "if netflix had said yes to s4 would it have come out in 2025": what would have been, which no
            # source can say (what did happen is offered beside it)
            part.not_in_notes = missing_parts.answer_to(" ".join(tokens))
        if (
            not part.concepts
            and part.kind in ("whether", None)
            and tokens[-2:] in (["in", "this"], ["in", "there"])
            and any(self._entity_kinds.get(e) in ("character", "person") for e in part.entities)
        ):
            part.concepts["cast"] = 1.0  # "is darcy in this", "tara better be in there": whether they appear
            part.solid = True
        self._exclusions(part, tokens)
        _negated_roles(part, tokens)
        self._cast_slot(part, tokens)
        part.another_work = bool(
            FILM_WORDS & set(tokens) and not part.entities and not part.pronoun and not _names_our_film(part)
        )
        self._other_works(part, tokens, named)
        if not part.elsewhere and self._their_titled_work(part, tokens):
            part.elsewhere = part.another_work = True
        if not part.elsewhere and (self._makes_another_work(tokens) or self._about_another_work(tokens)):
            part.elsewhere = part.another_work = True
        if not part.elsewhere and not part.entities and _FROM_ANOTHER_WORK.search(" ".join(tokens)):
            # "someone said it's the same girl from another show": that work, not ours
            part.elsewhere = part.another_work = True
        if not part.elsewhere and self._names_an_outside_work(part):
            if self._names_a_person(part):
                # "is kit in euphoria", "joe locke's marvel character": their other work, which the notes do not
                # hold (said so by name), and what they do on this film is not offered in its place
                part.concepts = {"filmography": 1.0}
                part.in_outside_work = True
            else:
                part.elsewhere = part.another_work = True
        return part

    def _names_an_outside_work(self, part: _Part) -> bool:
        """Whether a part names a work the data file lists as outside the notes ("is joe locke coming back for
        more agatha", "what happens in loveless"), and nothing that ties it to ours: our title, or one of our
        characters ("does joe play charlie again after agatha" is about our film), or the title put where our
        film's own source or maker goes ("it's based on solitaire isn't it": the premise to correct)."""
        tokens = part.tokens
        if (
            _OUR_TITLE & set(tokens)
            or any(self._entity_kinds.get(e) == "character" for e in part.entities)
            or (part.unknown_names and _names_in_our_slot(part))
        ):
            return False
        # each window of the part up to the longest title, looked up (not each title scanned: editors add titles)
        return any(
            tuple(tokens[start : start + length]) in self._outside_names
            for start in range(len(tokens))
            for length in range(1, min(self._longest_outside_name, len(tokens) - start) + 1)
        )

    def _about_another_work(self, tokens: list[str]) -> bool:
        """ "whats past lives about", "what is the crown about": the title between the question and "about" is
        not ours (our film, a thing of a film, our names, "it")."""
        if tokens[-2:] == ["about", "what"]:
            named = tokens[:-2]  # "colette film is about what": the same question, in a learner's order
        elif tokens[-1:] == ["about"] and tokens[:1] and tokens[0] in ("what", "whats", "what's"):
            named = tokens[1:-1]
        else:
            return False
        title = [
            t
            for t in named
            if t
            not in ("is", "'s", "s", "was", "the", "a", "an", "even", "actually", "film", "movie", "book")
        ]
        return bool(title) and not self._ours(title)

    def _makes_another_work(self, tokens: list[str]) -> bool:
        """Whether the part asks who made, or what is in, a work named by words none of which are ours: "who
        directed past lives", "emile sherman produced the king's speech", "how many volumes of one piece".
        The object of a maker's verb (or of "volumes of", "seasons of") is ours only when it names our film,
        a thing of a film ("the script", "the books"), one of our names, or is "it"; a work titled with
        everyday words is still another work."""
        for position, token in enumerate(tokens):
            if token in _MAKER_VERBS:
                start = position + 1
                if token in _CAST_VERBS:
                    if tokens[start : start + 1] not in (["in"], ["on"]):
                        continue  # "joe's star sign", "kit's acting": no work named
                    start += 1
            elif token in _WORK_PARTS and tokens[position + 1 : position + 2] == ["of"]:
                start = position + 2
            else:
                continue
            title: list[str] = []
            for word in tokens[start : start + 5]:
                if word == "," or word in _SPLIT_BEFORE or word in _OBJECT_ENDS:
                    break
                title.append(word)
            if not title or title[0] in _NO_OBJECT:
                continue  # "who wrote for the show", "who starred alongside kit", "who directed before wash"
            # (a closing "innit", "right": asks for a yes, names no work)
            content = [
                word for word in title if word not in ("the", "a", "an") and word not in _CONFIRMATION_TAGS
            ]
            if not content or self._ours(content):
                continue
            return True
        return False

    def _ours(self, words_: list[str]) -> bool:
        """Whether words placed as a title name something of ours: our film, a thing of a film, our names."""
        if set(words_) & (
            _OUR_TITLE_WORDS - _VAGUE_TITLE_WORDS | _PRONOUNS | _IT | _FILM_THINGS | _OUR_TITLE
        ):
            return True
        if any(word in self._name_words or word.isdigit() or word in MONTHS for word in words_):
            return True
        things = {concept for concept, _ in concepts_in(words_)} - _PERSON_CONCEPTS
        return bool(things)

    def _other_works(self, part: _Part, tokens: list[str], named: list[tuple[int, int, str]]) -> None:
        """A question about a work that is not ours, though it shares a name or a word with our notes: our
        character or person placed inside it ("who plays nick in new girl", "who wrote alice in wonderland",
        "is kit in euphoria"), or another work the notes name only as someone's earlier film, asked about beyond
        what they hold of it ("who starred in colette", "what is still alice about"; its year and its director
        are ours to give)."""
        other_title_words = (
            {
                word
                for name, key in self._names.items()
                if key in part.entities and key not in self._our_works
                for word in name
            }
            if any(self._entity_kinds.get(e) == "work" for e in part.entities)
            else set()
        )
        if any(
            token in FILM_WORDS
            and not (position and tokens[position - 1] in other_title_words)
            and not (position + 1 < len(tokens) and tokens[position + 1] in other_title_words)
            and not _some_other(tokens, position)
            for position, token in enumerate(tokens)
        ):
            # "who plays nick in the film", "the still alice director is doing heartstopper" (not "the colette
            # movie" or "the film colette": that film word is the other work's)
            return
        others = {
            e for e in part.entities if e not in self._our_works and self._entity_kinds.get(e) == "work"
        }
        if others:
            plot = tokens[-1:] == ["about"] and part.kind == "what"  # "what is colette about"
            # "is still alice on netflix uk": asked something the notes hold of no work but ours (where to watch
            # it), in words of its own, with no concept of what they hold of it
            asked = {word for word in part.words if not word.isdigit()}
            beyond = (
                not part.concepts
                and part.entities == others
                and bool(_WHERE_TO_WATCH & set(tokens) or part.strangers)
                and bool(asked - {light_stem(t) for t in _REGIONS} - _FRAME_STEMS)
            )
            cast_of = part.kind == "who" and bool({"in", "starred", "starring", "acted"} & set(tokens))
            # "is colette longer than still alice": their running times, which no note gives
            compared = bool(_LENGTH_COMPARED & set(tokens))
            if part.kind is None and any(
                token == "about" and position and tokens[position - 1] in FILM_WORDS
                for position, token in enumerate(tokens)
            ):
                # "that director's movie about colette, ...": which film, not its story
                part.concepts.pop("plot", None)
            if (
                set(part.concepts) - _OTHER_WORK_FACTS
                or part.wants_actor
                or plot
                or beyond
                or cast_of
                or compared
            ):
                part.elsewhere = part.another_work = True
            return
        for start, end, entity in named:
            if self._entity_kinds.get(entity) not in ("person", "character") or end >= len(tokens):
                continue
            if self._entity_kinds.get(entity) == "person":
                # "joe locke was in agatha all along", "kit starred in rocketman", "who did kit play in
                # rocketman", "was joe locke good in agatha all along": their other work, a word or two on
                between = next((i for i in (end, end + 1) if tokens[i + 1 : i + 2] == ["in"]), None)
                if between is not None and all(t in _BEFORE_THEIR_WORK for t in tokens[end : between + 1]):
                    end = between + 1
            placing = tokens[end]
            if placing not in ("in", "from", "on") or (placing == "on" and not part.wants_actor):
                continue  # "on" only where someone is cast: "who plays nick on new girl" ("is kit on tiktok")
            title: list[str] = []
            for token in tokens[end + 1 :]:
                if token == "," or token in _SPLIT_BEFORE:
                    break
                title.append(token)
            content = [t for t in title if t not in STOP_WORDS and t not in FILLER_WORDS]
            if title[:1] in (["a"], ["an"]) and not FILM_WORDS & set(title):
                continue  # "saw emile sherman in a thread", "kit in an interview": where it was said, no title
            if not content or not (
                self._another_title(content, part)
                or any(_some_other(title, i) for i, t in enumerate(title) if t in FILM_WORDS)
            ):
                continue
            if (
                self._entity_kinds.get(entity) == "person"
                and placing == "in"
                and part.kind == "whether"
                and start == 1
                and part.entities == {entity}
            ):
                # "is kit in euphoria", "was joe in little women": their other work, which the notes lack
                part.concepts = {"filmography": 1.0}
                part.unknown_names.clear()
            else:
                part.elsewhere = part.another_work = True
            return

    def _their_titled_work(self, part: _Part, tokens: list[str]) -> bool:
        """Whether one of our people is asked about a work a title names before its noun, in words the notes
        never use ("what doctor who episodes did euros lyn direct", "which marvel films has kit done")."""
        if not self._names_a_person(part):
            return False
        for position, token in enumerate(tokens):
            if token not in _SCREEN_WORK_NOUNS:
                continue
            title: list[str] = []
            for before in reversed(tokens[max(0, position - 3) : position]):
                # (a count ends it: "alice planning 5 seasons" counts seasons, it names no title)
                if before in _BEFORE_THEIR_TITLE or before in self._name_words or before.isdigit():
                    break
                if before in _NUMBER_WORDS:
                    break
                title.append(before)
            if any(word in part.strangers and word not in _SETTINGS for word in title):
                return True
        for position, token in enumerate(tokens[1:-1], start=1):
            # "what's loveless by alice oseman about": a title we lack, made by one of ours
            if (
                token == "by"
                and tokens[position - 1] in part.unknown_names
                and tokens[position + 1] in self._name_words - STOP_WORDS
            ):
                return True
            # "oseman's book solitaire", "kit's film rocketman": a title right after their work's noun
            if (
                token in _SCREEN_WORK_NOUNS | _OWN_WORK_NOUNS
                and tokens[position - 1] in self._name_words - STOP_WORDS  # ("the" of "the author")
                and tokens[position + 1] in part.strangers
                and tokens[position + 1] not in _SETTINGS
            ):
                return True
        return False

    def _another_title(self, content: list[str], part: _Part) -> bool:
        """Whether the words after "in"/"from" name a work other than ours: a word the notes never use and
        that is no everyday setting ("new girl", "wonderland"; not "real life", "the uk", "the new one"), or a
        work the notes name as someone else's ("colette")."""
        present = set(content)
        if present & (_OUR_TITLE_WORDS | _PRONOUNS | _IT):
            return False
        if any(t.isdigit() or t in MONTHS or _ORDINAL.fullmatch(t) for t in content[:1]):
            return False  # "in 2026", "in june"
        names = self._read_names(content)
        if any(self._entity_kinds.get(e) in ("material", "film") or e in self._our_works for e in names):
            return False  # "in volume 6", "in the nick and charlie book"
        if any(self._entity_kinds.get(e) == "work" for e in names):
            return True
        strange = part.strangers | set(part.unknown_names) | set(part.foreign)
        return any(t in strange and t not in _SETTINGS and not t.isdigit() for t in content)

    def _refine(self, part: _Part, tokens: list[str]) -> None:
        """What the words mean together, beyond the concepts each names."""
        present = set(tokens)
        concepts = part.concepts
        if (
            part.kind == "when"
            and part.entities
            and all(self._entity_kinds.get(e) == "material" for e in part.entities)
            and _WHERE_TO_WATCH & present
        ):
            # "when can i finally see vol 6 on screen": the film of the book, when it is out
            part.entities = set()
            concepts["release"] = 1.0
        if "meaning" in concepts and concepts.keys() & _JARGON and not part.entities:
            # "what does 'wrapped' mean", "what's an EP": the fact that uses the word says what it is
            del concepts["meaning"]
        if "cast" in concepts and _EVENT_CONCEPTS & set(concepts) and _BACK_THEN.search(" ".join(tokens)):
            # "netflix gave the green light back in march 2025": when it happened, not someone coming back
            del concepts["cast"]
        # "when is nick coming back": one of ours returns with the film, so whether they do and when it is out
        if (
            part.kind == "when"
            and set(concepts) == {"cast"}
            and part.entities
            and "back" in present
            and not part.dates
        ):
            part.kind = "whether"
            concepts["release"] = 1.0
        # "why no season 4", "why didn't it get another season": the cancellation, not the plan
        if (
            {"season4", "seasons"} & set(concepts)
            and "wanted"
            not in concepts  # "did kit and joe want a season 4": their wish, not the cancellation
            and (
                _NEGATIONS & present
                or ("season4" in concepts and part.kind in (None, "whether"))
                # "what stopped s4", "what got in the way of a 4th season": why it did not happen
                or ("season4" in concepts and "reason" in concepts)
                # "what's the deal with season 4", "what about s4": what became of it
                or (set(concepts) <= {"season4", "overview"} and part.kind in ("what", None))
            )
        ):
            concepts.setdefault("cancelled", 1.0)
        elif (
            part.kind == "why"
            and "seasons" in concepts
            and ("wanted" in concepts or {"4", "four"} & present)
            and not _NEGATIONS & present
            and not {"only", "just"} & present
            and "cancelled" not in concepts
        ):
            concepts.setdefault(
                "original-plan", 1.0
            )  # "why did the author want 4 seasons": the plan's reason
        # "why did netflix cancel the movie", "was hsf scrapped": a premise to put right, since the film was
        # made and is due; what was dropped was the fourth season, which the cancellation fact tells
        if "cancelled" in concepts and not {"season4", "seasons", "earlier-seasons"} & set(concepts):
            joined = " ".join(part.tokens)
            if _THE_FILM_ITSELF.search(joined):
                for concept in ("cancelled", "reason"):
                    concepts.pop(concept, None)
                concepts["release"] = 1.0
                part.kind = "whether"
                # (its words no longer count towards the fact about the cancelled season either)
                said = {
                    position
                    for concept, span in concepts_in(part.tokens)
                    if concept == "cancelled"
                    for position in span
                }
                part.tokens = [token for position, token in enumerate(part.tokens) if position not in said]
        # "what is the story of the finale", "who is the special's writer": "the finale" and "the special" name
        # the film when something else is asked about it
        for concept, span in concepts_in(tokens):
            named_by = [tokens[position] for position in sorted(span)]
            if (
                concept in concepts
                and named_by in (["finale"], ["final"], ["special"])
                and min(span)
                and tokens[min(span) - 1] in _FILM_DETERMINERS
                and set(concepts) - {concept, *WEAK_CONCEPTS}
            ):
                del concepts[concept]
        # "did euros lyn direct the earlier seasons": a role on the series before the film, which no fact gives
        roles = (_ROLE_CONCEPTS - {"creator"}) & set(concepts)  # the creator of the series is known
        seasons_named = {"seasons", "earlier-seasons"} & set(concepts) and not {
            "season4",
            "cancelled",
            "commission",
            "finale",
        } & set(concepts)
        if "views" in concepts and "earlier-seasons" in concepts:
            # "how much did the views drop after season 2": the season dates the figures, it is not its story
            del concepts["earlier-seasons"]
        # "has X directed any heartstopper episodes before this": a role on the episodes before the film, the
        # earlier seasons' (not the one episode just before it)
        seasons_named = seasons_named or bool(
            "episode" in concepts and _EARLIER_EPISODES.search(" ".join(part.tokens))
        )
        if (roles and seasons_named) or (
            "earlier-seasons" in concepts and {"plot", "cast", "ending"} & set(concepts)
        ):
            part.not_in_notes = (
                missing_parts.role_on_earlier_seasons(_ROLE_NOUNS[sorted(roles)[0]])
                if roles
                else missing_parts.earlier_seasons_story()
            )
        # "when did alice oseman write volume 6", "is volume 6 out yet": when the book came out, which the
        # notes do not say (the release is the film's)
        about_book = any(self._entity_kinds.get(e) == "material" for e in part.entities) or (
            # "when did the first heartstopper comic come out": the books are what came out (not "when is the
            # film of the books out")
            "book" in concepts
            and "release" in concepts
            and part.kind == "when"
            and not part.pronoun
            and not ({token for token in part.tokens if token in FILM_WORDS} - {"heartstopper"})
        )
        if about_book and (
            (part.kind == "when" and {"writer", "author"} & set(concepts)) or "release" in concepts
        ):
            for concept in ("writer", "author", "release"):
                concepts.pop(concept, None)
            concepts["published"] = 1.0
        # "i heard they filmed in london": where, which no source says ("filmed in june" is when)
        for position, token in enumerate(tokens[:-2]):
            following = tokens[position + 2]
            if (
                token in _FILMED
                and not (token in ("film", "shoot") and position and tokens[position - 1] in _DETERMINERS)
                and tokens[position + 1] == "in"
                and following not in MONTHS
                and not following.isdigit()
                and following not in ("the", "a", "it", "which", "what")
            ):
                concepts["location"] = 1.0
            # "did they film at the same school as the series": at a place (not "at the same time")
            if (
                token in _FILMED
                and tokens[position + 1] == "at"
                and not _NOT_A_PLACE.match(" ".join(tokens[position + 2 :]))
            ):
                concepts["location"] = 1.0
        # "how many weeks did they shoot for": the filming is in the phrase that asked how long
        if (
            "duration" in concepts
            and not {"filming", "wrap", "start"} & set(concepts)
            and _FILMED & set(tokens)
            and part.kind in ("how-many", "how-long")
        ):
            concepts["filming"] = 1.0
        # "how long did filming last" is the filming period; "can first loves last forever" is not
        if (
            "duration" in concepts
            and not {"filming", "wrap", "start"} & set(concepts)
            and part.kind != "how-long"
        ):
            del concepts["duration"]
        # "hsf director name", "the names of the actors": whose name is asked, not the film's title
        if "title" in concepts and (_ROLE_CONCEPTS | {"cast", "friends", "involved"}) & set(concepts):
            del concepts["title"]
        if "involved" in concepts and part.kind == "where" and part.entities:
            part.kind = "what"  # "where do i know emile sherman from": what they do on the film
        # "what's the name of charlie's school": which school, which the notes never name
        if "title" in concepts and {"school", "university"} & set(concepts):
            del concepts["title"]
            concepts["which-school" if "school" in concepts else "which-uni"] = 1.0
        if "book" in concepts and "writer" in concepts and _BOOK_THEY_WROTE.search(" ".join(tokens)):
            # "does it also adapt that novella oseman wrote": the book is named by who wrote it; what is asked
            # is the adaptation, not who writes the film
            del concepts["writer"]
        if (
            part.kind == "where"
            and set(concepts) <= {"contact"}
            and _INFORMATION_FROM.search(" ".join(tokens))
        ):
            # "where does the information you give about this film come from": the notes' sources (not
            # someone's contact information)
            concepts.clear()
            concepts["sources"] = 1.0
        # "which outlet reported the wrap", "which site said it": where a fact comes from, which the notes' own
        # sources answer (no fact names an outlet as a thing or a place)
        if "sources" in concepts and part.asked is not None and part.asked.attribute in ("thing", "place"):
            part.asked = None
        # "how many of the friendship group": the head noun names a concept only with the word after it
        if (
            part.asked is not None
            and part.asked.attribute == "count"
            and part.asked.head in tokens
            and not concepts_in([part.asked.head])
        ):
            at = tokens.index(part.asked.head)
            compound = [c for c, span in concepts_in(tokens[at : at + 3]) if 0 in span]
            if compound and concepts_in([compound[0]]):
                part.asked = Asked("count", compound[0])
        # "what did they say exactly", "what exactly did kit post": the very words, not an exact date; and
        # "alice does what on the film exactly": only a stress on the question
        if (
            "exact" in concepts
            and part.kind != "when"
            and (_SAID & present or ("exactly" in present and not {"exact", "precise", "specific"} & present))
            and not {"date", "day", "days", "time", "when", "release"} & present
        ):
            del concepts["exact"]
        # "who else is exec producing", "who else directed": the rest of those with that role, not the friends
        if (
            "friends" in concepts
            and {"producer", "director", "writer", "creator", "crew"} & set(concepts)
            and "else" in present
            and not {"friends", "friend", "gang", "mates", "pals", "besties"} & present
        ):
            del concepts["friends"]
        # "my friend said it's out tomorrow", "asking for a friend": the fan's friend, not the series' friends
        friend_words = [position for position, token in enumerate(tokens) if token in ("friend", "friends")]
        if (
            "friends" in concepts
            and friend_words
            and all(position and tokens[position - 1] in _FANS_OWN for position in friend_words)
        ):
            del concepts["friends"]
        # "is joe locke in the new marvel show", "is kit in another film": a work of theirs other than this one
        if self._names_a_person(part) and _ANOTHER_WORK.search(" ".join(tokens)):
            concepts["filmography"] = 1.0
        if (
            "awards" in concepts
            and self._names_a_person(part)
            and "for" in tokens
            and (part.strangers | set(part.unknown_names)) & set(tokens[tokens.index("for") + 1 :])
        ):
            # "emile sherman won an oscar for the king's speech": their award for another work
            concepts.clear()
            concepts["filmography"] = 1.0
        if "genre" in concepts and part.asked is not None and part.asked.attribute == "thing":
            part.asked = None  # "what type of story is it": its genre, whatever noun the kind is of
        if "money" in concepts and _WORTH_A_WATCH.search(" ".join(tokens)):
            del concepts["money"]  # "any earlier films worth watching": a verdict on them, not a sum
        if (
            "cast" in concepts
            and {"roles", "credits", "hats"} & set(tokens)
            and (self._names_a_person(part) or {"she", "he", "her", "his"} & set(tokens))
            and not part.wants_actor
        ):
            # "how many different roles does she have on the film": her jobs on it, not who plays whom
            del concepts["cast"]
            concepts["involved"] = 1.0
        if "overview" in concepts and "before" in concepts and _BEFORE_THE_FILM.search(" ".join(tokens)):
            del concepts[
                "overview"
            ]  # "what's the one that comes just before the film": that one, not the film
        if {"book", "filmography"} <= set(concepts) and re.search(r"\badapt|\bbased on\b", " ".join(tokens)):
            # "is it adapting any of oseman's other books besides the comics": what the film adapts, not her work
            del concepts["filmography"]
        if {"title", "commission"} <= set(concepts) and re.search(
            r"\bfirst (?:announced|revealed)\b", " ".join(tokens)
        ):
            del concepts["commission"]  # "when was the title first announced": the title's own reveal
        length_of = _HOW_LONG_IS_A.search(" ".join(tokens))
        if (
            length_of
            and {"runtime", "duration"} & set(concepts)
            and length_of[1] not in CONCEPT_WORDS | FILM_WORDS | self._name_words
            and not FILM_WORDS & set(tokens)
        ):
            # "how long is a flight from london to new york": the length of something else, not of the film
            concepts.pop("runtime", None)
            concepts.pop("duration", None)
        if (
            not concepts
            and {"plan", "plans"} & set(tokens)
            and {"was", "were", "had"} & set(tokens)  # (not "kit's plans after this": what he does next)
            and self._names_a_person(part)
        ):
            concepts["original-plan"] = 1.0  # "what was alice's plan": what she had planned for the series
        roles = set(concepts) - {"before"}
        if (
            "before" in concepts
            and ((not roles and self._names_a_person(part)) or roles == {"director"})
            and {"do", "did", "done", "doing"} & set(tokens)
        ):
            # "what did kit do before this", "what has the director done before": their earlier work
            concepts.pop("before")
            concepts["filmography"] = 1.0
        # "kit was behind the scenes on this one too", "does joe do behind the scenes work": someone's part off
        # screen is what they do on the film (a producer's credit), not which scenes were shot
        # (and of the one who plays a character: "what does the kid who plays nick do behind the scenes")
        if "scenes" in concepts and (self._names_a_person(part) or _WHO_PLAYS.search(" ".join(tokens))):
            for concept, span in concepts_in(tokens):
                if concept == "scenes" and [tokens[i] for i in sorted(span)] == ["behind", "the", "scenes"]:
                    del concepts["scenes"]
                    concepts["involved"] = 1.0
                    break
        # "joe locke's favourite food": something personal about them, which the notes never hold
        if part.entities and any(
            token in _FAVOURITE and tokens[position - 1 : position] not in (["my"], ["our"])
            for position, token in enumerate(tokens)
        ):  # (not "tara is my fav character": the fan's own favourite)
            concepts["personal"] = 1.0
        # "is the finale longer than a regular episode", "will it be shorter than the usual eps": the film's
        # length set against an episode's, which its format (feature-length) answers; the episode is the
        # yardstick, not what is asked
        if _COMPARATIVES & present and "than" in present and {"episode", "episodes"} & present:
            concepts.pop("episode", None)
            concepts["format"] = 1.0
        # "how many volumes did alice end up doing", "how many seasons did we end up with": "end up" says what
        # came of it in the end, a count or a deed, not how the story ends ("who does nick end up with")
        if "ending" in concepts:
            for concept, span in concepts_in(tokens):
                following = tokens[max(span) + 1] if max(span) + 1 < len(tokens) else ""
                if (
                    concept == "ending"
                    and tokens[max(span)] == "up"
                    and (
                        part.kind == "how-many"
                        or (following.endswith("ing") and following not in ("being", "getting"))
                    )
                ):
                    del concepts["ending"]
                    break
        # "what did kit post at the end": the end of filming, when the posts came (not how the story ends)
        if "ending" in concepts and {"farewell", "wrap"} & set(concepts):
            for concept, span in concepts_in(tokens):
                if concept == "ending" and [tokens[i] for i in sorted(span)][-2:] == ["the", "end"]:
                    del concepts["ending"]
                    break
        if (
            "ending" in concepts
            and part.entities
            and all(self._entity_kinds.get(e) == "person" for e in part.entities)
        ):
            del concepts["ending"]
            concepts["personal"] = 1.0
        ending_spans = [span for concept, span in concepts_in(tokens) if concept == "ending" and span]
        if (
            "ending" in concepts
            and ending_spans
            and all(
                _FANS_OWN_PARTNER & set(tokens[max(0, min(span) - 2) : min(span)]) for span in ending_spans
            )
        ):
            del concepts["ending"]  # "i cried at my cousins wedding": the fan's own, not the story's ending
        personal_spans = [span for concept, span in concepts_in(tokens) if concept == "personal" and span]
        if personal_spans and all(
            min(span) > 0 and tokens[min(span) - 1] in _FANS_OWN_PARTNER for span in personal_spans
        ):
            del concepts["personal"]  # "my bf only watched s1 with me": the fan's own, not someone's asked
        # private only about someone named ("where does kit connor live"; not "what does lgbtq stand for")
        if (
            "contact" in concepts
            and not self._names_a_person(part)
            # "the home address of the guy who plays nick": a real person, named by their part
            and not (part.wants_actor and part.entities)
            # "who does joe play and what's his phone number": someone named before (inherited)
            and not (_PERSONAL_PRONOUNS & set(tokens) and _CONTACT_NOUNS & set(tokens))
        ):
            del concepts["contact"]
        if "personal" in concepts and not part.entities:
            del concepts["personal"]
        if "next-project" in concepts:
            concepts.pop("overview", None)  # "what's kit doing after heartstopper": his work, not the plot
        # "kit connor's instagram" is their account; "what did kit post on instagram" is the farewell post
        if "farewell" in concepts and _SOCIAL & present and not _POSTING & present and part.entities:
            del concepts["farewell"]
            concepts["handle"] = 1.0
        # "what does hsf stand for", "what's hs forever short for": the film's name, which the title fact gives
        if "meaning" in concepts and not part.entities and {"heartstopper", "forever"} <= present:
            del concepts["meaning"]
            concepts["title"] = 1.0
        # "the whole filming timeline", "the shooting schedule": every milestone of filming, the halfway too
        if "filming" in concepts and _FRAME_WORDS & present & {
            "timeline",
            "timelines",
            "schedule",
            "schedules",
        }:
            for milestone in ("start", "halfway", "wrap"):
                concepts[milestone] = 1.0
        # "what's hsf about": the story ("what is it about" already names it through "it about")
        if tokens[-1:] == ["about"] and part.kind == "what" and not part.entities:
            concepts.pop("overview", None)
            concepts["plot"] = 1.0
        # "quote kit's wrap post": the words of the post, which the notes give (not lines from the film)
        if "dialogue" in concepts and "farewell" in concepts:
            del concepts["dialogue"]
        # "when is the heartstopper finale out", "when's the final one coming": when the finale, our film, is out
        if part.kind == "when" and set(concepts) == {"finale"} and not part.entities:
            del concepts["finale"]
            concepts["release"] = 1.0
        # "what month in 2026", "the exact date?": a date asked with nothing else named is the release's
        if concepts and not part.entities and set(concepts) <= _DATE_MODIFIERS:
            concepts["release"] = 1.0
        # "is there a date already", "any dates yet?", "do we know the date": a date with nothing named, neither
        # a thing nor a day, is the film's release date ("what's the date today" names a day of its own)
        if (
            not set(concepts) - {"overview"}  # "what's the date": "what is" leans to the overview, no more
            and not part.entities
            and not part.unknown_names
            and not part.dates
            and {"date", "dates"} & present
            and part.words <= _FRAME_STEMS
        ):
            concepts.pop("overview", None)
            concepts["release"] = 1.0
        # "what day in july did they announce the title": the month narrows the day asked of that event, it is not
        # an event of its own (another dated that month answers nothing); a day the notes lack is not known
        months = MONTHS & set(concepts)
        if "exact" in concepts and months and set(concepts) - months - _DATE_ONLY - _DATE_MODIFIERS:
            for month in months:
                del concepts[month]
        # "the full cast list start to finish": the whole of it, not when filming started and ended
        text = " ".join(tokens)
        if "filming" not in concepts and _WHOLE_SPAN.search(text):
            for concept in ("start", "wrap"):
                concepts.pop(concept, None)
        # "it wrapped": the end of filming, so a filming fact is on the point (it leans, it is not asked); and
        # "a post when the filming finish" asks of the posts at the end, not of filming as such (a post at its
        # halfway mark)
        if "wrap" in concepts:
            concepts.setdefault("filming", 0.5)
            if "farewell" in concepts:
                concepts["filming"] = 0.5
        # "how many viewers did it get": a count of viewers, which no source gives (only the drop is known)
        if "views" in concepts and part.kind == "how-many" and not CHANGE_WORDS & present:
            del concepts["views"]
            concepts["viewer-count"] = 1.0
        # "my cousin says it drops in 2025": the fan's own family, not someone of the film's
        relatives = [position for position, token in enumerate(tokens) if token in _RELATIVES]
        if (
            "relative" in concepts
            and relatives
            and all(position and tokens[position - 1] in _FANS_OWN for position in relatives)
        ):
            del concepts["relative"]
        # "who plays nick in real life": the actor, not the character's private life; "nick's boyfriend is
        # charlie ___": the story's couple, which the notes hold, not anyone's private life
        if (
            "personal" in concepts
            and (part.wants_actor or ({"boyfriend", "boyfriends"} & set(tokens) and len(part.entities) >= 2))
            and part.entities
            and all(self._entity_kinds.get(e) == "character" for e in part.entities)
        ):
            del concepts["personal"]
        # "nick's mum", "joe's sister": someone else, whom the notes never name
        if "relative" in concepts and part.entities:
            relative = next((t for t in tokens if t in _RELATIVES), "relative")
            names = " and ".join(sorted(self._entity_names[e] for e in part.entities))
            part.unknown_names.append(f"{names}'s {relative}")
            part.entities.clear()

    def _inherit(self, part: _Part, previous: _Part, *, joined: bool) -> None:
        """A part that leaves something out takes it from the part before: "when did filming start and end"."""
        if _why_of_that([token for token in part.tokens if token not in FILLER_WORDS]):
            # "who directs it and why": why of what came before, which only a fact giving that reason answers
            part.concepts = {**previous.concepts, "reason": 1.0}
            part.entities = set(previous.entities)
            part.reason_of_previous = True
            return
        if (
            part.kind == previous.kind == "how-many"
            and part.counted in (None, "filmography", "filming")  # ("how many were made": a verb, no noun)
            and previous.counted is not None
            and _NO_NOUN_COUNTED.search(" ".join(part.tokens))
            and set(part.concepts) - {"count"}
            and set(part.concepts) - {"count"} <= {"filmography", "filming"}
        ):
            # "how many seasons were planned, and how many were made": the same thing counted again ("made",
            # "filmed" there is making them, not someone's filmography); with no such verb the follow-up
            # reading below already counts it
            part.counted = previous.counted
            part.concepts = {previous.counted: 1.0}
        if part.kind is None and joined:
            if previous.kind == "when" and part.concepts and set(part.concepts) <= _TIMELESS:
                # "when did they reveal the title... also a summary of the plot": a plot has no date to ask for
                part.kind = "what"
            else:
                part.kind = previous.kind
            part.wants_actor = part.wants_actor or previous.wants_actor
        if (
            {"filming", "start"} & set(previous.concepts)
            and set(part.concepts) == {"finale"}
            and not part.entities
            and set(part.tokens) - _BARE_YEAR - {"day", "on", "about", "of"} == {"end"}
        ):
            # "when did filming start? and the end date?": filming's end, the wrap (not the show's)
            part.concepts = {"wrap": 1.0, "filming": 0.5}
        if (
            previous.dates
            and not part.dates
            and not part.entities
            and _IT & set(part.tokens)
            and not set(part.concepts) - _DATE_ONLY - _SIGNIFICANCE
        ):
            # "22/04/25 - why does that date matter": the day named just before, and what happened on it
            part.dates = list(previous.dates)
            part.concepts = {_ON_DATE: 1.0}
            part.words -= {light_stem(word) for word in _MATTERING | _FRAME_WORDS}
        if (
            part.kind == "when"
            and (
                {"that", "this"} & set(part.tokens)
                # "which outlet reported the commission, and on what date": a bare "what date" after an event
                or (
                    _BARE_DATE_ASKED.fullmatch(" ".join(part.tokens))
                    and _EVENT_CONCEPTS & set(previous.concepts)
                )
            )
            and not part.entities
            # (a month named is where the fan looks for the day: "the title reveal, which day of july was that")
            and set(part.concepts) - MONTHS <= {"release", "exact"}
            and set(previous.concepts) - {"release", "exact"}
        ):
            # "was it netflix who ordered it, and on what date was that reported": when of what came before,
            # not the release date a bare "what date" asks
            part.concepts = {
                **previous.concepts,
                **{c: w for c, w in part.concepts.items() if c != "release" and c not in MONTHS},
            }
        months = {concept: weight for concept, weight in previous.concepts.items() if concept in MONTHS}
        if months and _HAPPEN & set(part.tokens) and not part.entities and not _strong(part):
            # "july 2025 was a busy month right? what all happened": what happened in the month just named
            part.concepts = {**months, _ON_DATE: 1.0}
            part.solid = previous.solid
            part.dates = (
                part.dates or _dates(previous.tokens) or [t for t in previous.tokens if _YEAR.fullmatch(t)]
            )
            part.words |= {word for word in previous.words if _YEAR.fullmatch(word)}
        echoes = part.tokens[-1:] in (["too"], ["also"]) or part.tokens[-2:] == ["as", "well"]
        if (joined or echoes) and part.entities and not part.concepts:
            # "who plays nick and charlie", "what did kit post ... and did alice say anything too"
            part.concepts = dict(previous.concepts)
        if (
            not part.entities
            and not _strong(part)
            and not part.unknown_names
            and (joined or not part.words or part.pronoun)
            # (not what no note gives, to a part that says what it asks: "what's the age rating and is it
            # going to be on netflix", "who came up with the title and when was it revealed")
            and not (
                part.words
                and not part.strangers  # (words of the notes: "need to find his house" still asks for it)
                and set(previous.concepts) - _UNTOLD_ASIDE
                and set(previous.concepts) - _UNTOLD_ASIDE <= set(UNKNOWN_LABELS)
            )
        ):
            # "...and how many did we actually get", "when did that actually happen"
            part.concepts = {**previous.concepts, **part.concepts}
            # "..., 6 or 7 weeks": figures alone offer a guess at the same answer, not another question
            guess = bool(part.words) and all(word.isdigit() for word in part.words)
            part.follow_up = previous.kind is not None and not part.pronoun and not guess
            if _which_one(part.tokens):
                # "which one?": the particular one, which the notes may not have
                specific = next((_SPECIFIC[c] for c in part.concepts if c in _SPECIFIC), None)
                if specific:
                    part.concepts = {specific: 1.0}
                else:
                    part.not_in_notes = missing_parts.which_one()
        if (
            (_PRONOUNS | _IT) & set(part.tokens)
            and not part.entities
            and (previous.about_previous_episode or {"episode", "before"} <= set(previous.concepts))
            # ("what ep comes before it and what number ep is it": "it" is the film both times)
            and not ("number" in part.tokens and "it" in part.tokens and "it" in previous.tokens)
        ):
            part.about_previous_episode = True
        others = {
            e for e in previous.entities if self._entity_kinds.get(e) == "work" and e not in self._our_works
        }
        if (
            others
            and previous.entities == others
            and previous.kind is None
            and not previous.concepts
            and not part.entities
            and part.kind is not None
            and (part.wants_actor or "cast" in part.concepts)
            and not _names_our_film(part)
            and not _OUR_TITLE & set(part.tokens)
        ):
            # "that colette film from 2018... who was the main actress": a work of theirs named first, then
            # its cast asked; both are about that work, whose cast is not ours to give (its year and director
            # are: "...when was that" stays ours)
            part.entities = set(others)
            self._other_works(part, part.tokens, [])
            if part.another_work:
                previous.elsewhere = previous.another_work = True
        works_named = {
            e for e in previous.entities if self._entity_kinds.get(e) == "work" and e not in self._our_works
        }
        if (
            works_named
            and part.kind == "when"
            and not part.entities
            and _IT & set(part.tokens)
            # (past: "... when does it come out" after "the director of still alice" asks of ours)
            and {"was", "were", "did"} & set(part.tokens)
        ):
            # "the director made still alice right? which year was that": the year of the work just named
            part.entities = works_named
            part.concepts = {}
            part.words = set()  # ("year": the work's year, in brackets after its title)
        if _THE_REST.search(" ".join(part.tokens)) and not part.entities and previous.entities:
            # "only kit and joe are confirmed, will they announce the rest": everyone but those named
            part.excluded |= previous.entities
        elif part.pronoun and not part.entities and previous.entities:
            pronouns = _PRONOUNS & set(part.tokens)
            inherited = set(previous.entities)
            if (
                pronouns <= _IT
            ):  # "when does it come out" after "the still alice director": the film, not them
                inherited = {e for e in inherited if self._entity_kinds.get(e) == "material"}
            part.entities = inherited  # "...and is he also producing"
            if len(inherited) == 1 and not part.elsewhere:
                # "what was kit in before, was he in rocketman": the pronoun stands where the name would
                (entity,) = inherited
                named = [(i, i + 1, entity) for i, t in enumerate(part.tokens) if t in pronouns][:1]
                self._other_works(part, part.tokens, named)
        if joined and "filming" in previous.concepts and {"wrap", "start", "halfway"} & set(part.concepts):
            part.concepts.setdefault("filming", 1.0)

    def _inherit_person_named_earlier(self, part: _Part, parts: list[_Part]) -> None:
        """A "he" or "her" takes the one person the nearest earlier part naming anyone names (none if it names
        several, or a character)."""
        for earlier in reversed(parts):
            people = {e for e in earlier.entities if self._entity_kinds.get(e) == "person"}
            if earlier.entities:
                if len(people) == 1 and people == earlier.entities:
                    part.entities = set(people)
                return

    def _exclusions(self, part: _Part, tokens: list[str]) -> None:
        """'besides nick and charlie', 'apart from acting': what follows is not what is asked."""
        for position in range(1, len(tokens) - 1):
            # "how many of the friend group (not nick/charlie) are expected": names set aside by "not" after a
            # noun (not "is nick not in it", "why did they not cast tao")
            if (
                tokens[position] == "not"
                and tokens[position + 1] in self._name_words
                and (
                    (
                        tokens[position - 1] not in _AUX | _PRONOUNS | _IT | _KIND_WORDS.keys()
                        and tokens[position - 1] not in ("do", "why", "it", "that", "and", "or", "but")
                    )
                    # "an ep who isn't kit, joe or alice", "how many aren't kit or joe": the others
                    or (position > 1 and _WHO_IS_NOT.match(" ".join(tokens[position - 2 : position + 1])))
                )
            ):
                end = position + 1
                while end < len(tokens) and (tokens[end] in self._name_words or tokens[end] in _NAME_LINKS):
                    end += 1
                named = self._read_names(tokens[position + 1 : end])
                part.excluded |= named
                part.entities -= named
        text = " ".join(tokens)
        match = _EXCLUDE.search(text)
        if match is None:
            return
        after = text[match.end() :].split()
        # The exclusion runs to the next question word: "besides the comics | what else does it adapt".
        end = next((i for i, token in enumerate(after) if token in _SPLIT_BEFORE), len(after))
        leads = _THE_LEADS.search(" ".join(after[:end])) is not None  # "besides the two leads"
        if after[:1] and after[0] in self._name_words and not leads:
            # names set aside end where the names do: "anyone other than kit and joe | officially cast"
            # (not the pair described: "other than the two leads", where "the" may start a name)
            end = next(
                (i for i, t in enumerate(after[:end]) if t not in self._name_words and t not in _NAME_LINKS),
                end,
            )
        asked_too = {concept for concept, _ in concepts_in(after[end:])}  # asked again after it
        if leads:  # ... or before it: "any other cast announced besides the two leads"
            asked_too |= {concept for concept, _ in concepts_in(text[: match.start()].split())}
        after = after[:end]
        named = self._read_names(after)
        if not named and leads:
            named = set(self._leads)
            # (the words that described them are explained: "the main pair")
            part.strangers -= set(after)
            part.words -= {light_stem(word) for word in after} | set(after)
        part.excluded |= named
        part.entities -= named
        if (
            any(self._entity_kinds.get(e) in ("person", "character") for e in named)
            and not part.entities
            and not set(part.concepts) - _MODIFIERS
        ):
            part.concepts["cast"] = 1.0  # "is anyone besides nick and charlie confirmed": who else is cast
        for concept, _ in concepts_in(after):
            if concept in part.concepts and concept != "friends" and concept not in asked_too:
                del part.concepts[concept]
                if not (leads and concept == "cast"):  # ("besides the two stars": people, not the acting)
                    part.excluded.add(concept)
        _else_is_the_rest(part, tokens)
        if (
            after
            and set(after) <= _OUR_TITLE | FILM_WORDS | {"this", "the", "one", "it", "show", "film", "movie"}
            and "else" in tokens
            and any(self._entity_kinds.get(e) == "person" for e in part.entities)
        ):
            # "what else has patrick walters produced besides heartstopper": his other work, set apart from ours
            part.concepts["filmography"] = 1.0
        if (
            {"cast", *_ROLE_CONCEPTS} & part.excluded
            and not part.concepts
            and any(self._entity_kinds.get(e) == "person" for e in part.entities)
        ):
            part.concepts["involved"] = 1.0  # "apart from acting, what else does kit do": his other roles

    def _sets_aside_names(self, part: _Part) -> bool:
        """Whether a part only sets names aside ("besides kit and joe"), asking nothing of its own: the
        question follows in the next clause."""
        return (
            bool(part.excluded)
            and all(e in self._entity_kinds for e in part.excluded)
            and part.kind is None
            and not (part.entities or part.words or part.unknown_names)
            and set(part.concepts) <= {"cast"}
            and _EXCLUDE.match(" ".join(part.tokens)) is not None
        )

    def _leading_names(self, segment: list[str]) -> set[str]:
        """The names that open a clause before its question word ("alice who else is producing")."""
        end = next((i for i, token in enumerate(segment) if token in _SPLIT_BEFORE), 0)
        if not end or any(t not in self._name_words and t not in _NAME_LINKS for t in segment[:end]):
            return set()
        return self._read_names(segment[:end])

    def _read_names(self, tokens: list[str]) -> set[str]:
        found: set[str] = set()
        for size in range(min(self._longest_name, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                entity = self._names.get(tuple(tokens[start : start + size]))
                if entity is not None:
                    found.add(entity)
        return found

    def _cast_slot(self, part: _Part, tokens: list[str]) -> None:
        """'is X in it?', 'who plays X?': an X the notes do not know is someone they have nothing on."""
        if part.entities or part.unknown_names:
            return
        match = _CAST_SLOT.search(" ".join(tokens))
        if match is None:
            return
        slot_text = match.group("x") or match.group("y") or match.group("z") or ""
        framed = _ROLE_FRAME.search(slot_text)
        if framed:  # "who plays the role of giovanni": the character's name, never the nearest in the notes
            slot_text = framed.group("name")
        slot = [t for t in slot_text.split() if t not in STOP_WORDS and t not in FILLER_WORDS]
        if not slot or FILM_WORDS & set(slot) or _PRONOUNS & set(slot):
            return
        if any(concept for concept, _ in concepts_in(slot)):
            return
        part.unknown_names.extend(slot)

    def _known_words(self) -> frozenset[str]:
        assert self._vocabulary is not None
        return self._vocabulary.known

    def _known(self, token: str) -> bool:
        assert self._vocabulary is not None
        return token in self._vocabulary.known

    # --- finding and choosing facts -----------------------------------------------------------------------
    async def _search(self, parts: list[_Part]) -> list[_Candidate]:
        terms: list[str] = []
        for part in parts:
            terms += list(part.concepts)
            terms += [_RELATED[concept] for concept in part.concepts if concept in _RELATED]
            for entity in part.entities:
                terms += words(self._entity_names.get(entity, ""))
            terms += sorted(part.words)
            terms += part.unknown_names
            terms += [word for day in part.dates for word in words(day)]
        terms = [term for term in dict.fromkeys(terms) if term and term not in STOP_WORDS]
        if not terms:
            return []
        expression = " OR ".join(f'"{term}"' for term in terms)
        facts = await self._matching_facts(expression, _CANDIDATES)
        return [self._candidate(fact, position) for position, fact in enumerate(facts)]

    async def _matching_facts(self, expression: str, limit: int) -> list[FactMatch]:
        """The facts matching an FTS5 expression, best first; each fact is read once per import."""
        ids = await self._repository.rank_facts(expression, limit)
        unread = [fact_id for fact_id in ids if fact_id not in self._facts]
        for fact in await self._repository.facts_by_id(unread):
            self._facts[fact.id] = fact
        return [self._facts[fact_id] for fact_id in ids if fact_id in self._facts]

    def _candidate(self, fact: FactMatch, position: int) -> _Candidate:
        cached = self._candidates.get(fact.id)
        if (
            cached is None or cached.fact is not fact
        ):  # (facts come from _matching_facts: one object per import)
            keywords, _, rest = fact.keywords.partition(" || ")
            questions_text, _, concept_terms = rest.partition(" || ")
            questions = tuple(q.strip() for q in questions_text.split("?") if q.strip())
            text_tokens = expand_shorthand(words(f"{fact.statement} {keywords}"))
            # The keywords' concepts were indexed at import (leaving names out): only the statement's here.
            statement_tokens = expand_shorthand(words(fact.statement))
            concepts = {concept for concept, _ in concepts_in(statement_tokens, question=False)} | set(
                concept_terms.split()
            )
            plain = set(text_tokens) | {word for q in questions for word in words(q)}
            cached = _Candidate(
                fact,
                position,
                frozenset(concepts),
                frozenset(plain | {light_stem(w) for w in plain}),
                questions,
                frozenset(counted for q in questions if (counted := _counted(expand_shorthand(words(q))))),
                _SETS_ASIDE.search(fold(fact.statement)) is not None,
            )
            self._candidates[fact.id] = cached
        cached.position = position
        return cached

    def _score(self, part: _Part, candidate: _Candidate, wanted: set[str]) -> float:
        """How well a fact answers the still-uncovered items of a part; 0 when it cannot answer it at all."""
        fact = candidate.fact
        if not _kind_fits(part, fact) or not self._answers_asked(part.asked, candidate):
            return 0.0
        if part.kind == "where" and fact.topic == "timeline" and not placed_here(part.tokens, fact.statement):
            return 0.0  # "where did filming wrap" is not "The cast announced online"
        if part.wants_actor and not any(self._entity_kinds.get(e) == "person" for e in fact.entities):
            return 0.0  # "who plays Tao?" is not answered by "Tao is expected back"
        asked_only = _ANSWERS_ONLY_ITS_OWN.get(fact.topic)
        if asked_only is not None and asked_only not in part.concepts:
            return 0.0  # where the notes come from, or the film's web address, answers only that
        entity_hits = part.entities & set(fact.entities)
        # Once a fact answers about everyone named, the rest of the question ("netflix dropped it cos kit and
        # joe didn't want to come back") may be answered by a fact that does not name them, unless it asks
        # something of them ("what else has kit been in": not someone else's films).
        if (
            part.entities
            and not entity_hits
            and (
                part.entities & wanted
                or not wanted
                or _PERSONAL_CONCEPTS & wanted
                # ("when did still alice come out": asked of that work, never of ours)
                or (
                    any(
                        self._entity_kinds.get(e) == "work"
                        and e not in self._our_works
                        # (named in this part: "the director of colette, when does it come out" is ours)
                        and set(words(self._entity_names.get(e, ""))) <= set(part.tokens)
                        for e in part.entities
                    )
                    and not _names_our_film(part)  # ("colette's release year vs hsf's": ours asked too)
                )
            )
        ):
            return 0.0
        concept_hits = {concept for concept in part.concepts if concept in candidate.concepts}
        heads = (concept_hits - _MODIFIERS) | entity_hits
        # ("were they halfway by 2/7": the day named qualifies nothing, so "halfway" is what is asked)
        if not heads and set(part.concepts) - _MODIFIERS - {_ON_DATE}:
            concept_hits -= _MODIFIERS  # "exact" qualifies the release date: no other fact may stand in
        gain = 3.0 * len(entity_hits & wanted) + sum(
            2.0 * part.concepts[concept] for concept in concept_hits if concept in wanted
        )
        if gain <= 0 and wanted:
            return 0.0
        word_hits = len(part.words & candidate.words)
        # The fan's own words, concept words too ("graphic novels"), break ties between facts of one concept.
        # (not a closing "right?", "yeah?": it asks for a yes, and "comes right before" is another "right")
        tag = part.tokens[-1:] if len(part.tokens) > 2 and part.tokens[-1] in _CONFIRMATION_TAGS else []
        echoed = len({t for t in part.tokens if t not in STOP_WORDS and t not in tag} & candidate.words)
        score = gain + 0.6 * word_hits + 0.25 * echoed
        if candidate.questions:
            from rapidfuzz import fuzz  # imported on first use, not at start-up (the bot's footprint)

            # (as the fan asked it without the words of emphasis: "how many did we actually get")
            plain = " ".join(token for token in part.tokens if token not in _EMPHASIS)
            best = max(fuzz.token_sort_ratio(plain, q) for q in candidate.questions)
            if best >= _QUESTION_MATCH:
                score += 2.5 * (best / 100)
        # Prefer the fact about just what was asked (the one actor, not the whole cast list).
        if part.entities:
            score -= 0.15 * len(set(fact.entities) - part.entities)
        else:  # "what book is it based on": the fact naming all of them, not one particular book
            score -= 0.3 * sum(self._entity_kinds.get(e) == "material" for e in fact.entities)
        if (
            ("cast" in part.concepts or (_CHARACTER_WORDS | _PLAY_WORDS) & set(part.tokens))
            and self._names_a_person(part)
            and any(self._entity_kinds.get(e) == "character" for e in fact.entities)
        ):  # "is kit in it", "kit and joe's characters": a fact naming the characters they play
            score += 0.5
        if (
            part.asked is not None
            and part.asked.attribute == "thing"
            and BOOK_NOUNS & set(part.tokens)
            and part.kind == "what"
            and any(self._entity_kinds.get(e) == "material" or e in self._our_works for e in fact.entities)
        ):
            # "which of alice's graphic novels does it cover": a fact naming the books themselves
            score += 1.0
        if "plot" in part.concepts and {"plot", "overview"} <= candidate.concepts:
            score += 0.3  # "sum up the story": the synopsis itself, not a fact touching on where it picks up
        if any(_dated(fact.statement, day) for day in part.dates):
            score += 3.0  # "what happened on june 9": what is dated that day
        if part.counted and candidate.counts:
            # "how many volumes did alice do": a fact counting volumes, not one counting seasons that mentions
            # the books
            score += 1.0 if part.counted in candidate.counts else -1.0
            if _HOPED & candidate.concepts and not _HOPED & set(part.concepts):
                score -= 0.2  # "how many seasons": the seasons there were, not the seasons once hoped for
            elif _HOPED & set(part.concepts) and not _HOPED & candidate.concepts:
                score -= 1.5  # "how many seasons was it meant to have": the plan, not what it got
        if "involved" in part.concepts:
            # "is the creator involved?", "what's patrick walters' job on it": every role they have is the
            # answer, none is off the point, and the credits say it best
            score += (
                1.5 if fact.slug.startswith("person-") else 1.0 if fact.topic in ("cast", "crew") else 0.0
            )
        elif part.concepts:
            if (
                fact.topic == "works"
                and "filmography" not in part.concepts
                and any(self._entity_kinds.get(e) == "person" for e in entity_hits)
            ):
                score -= 1.0  # "is wash one of the producers too": his part in this film, not his others
            score -= 0.3 * min(
                2, len({c for c in candidate.concepts if c in _TOPIC_CONCEPTS} - set(part.concepts))
            )
        elif part.entities:  # only a name ("kit connor?"): what they do on the film
            score += (
                1.0 if fact.slug.startswith("person-") else 0.5 if fact.topic in ("cast", "crew") else 0.0
            )
        if part.negated & candidate.concepts:
            score -= 1.0  # "the execs who aren't in the cast": not a fact about one who is
        if part.excluded and candidate.sets_aside:
            score += 1.0  # "anyone besides kit and joe cast": the fact about the others than them
        elif part.excluded:
            people = [e for e in fact.entities if self._entity_kinds.get(e) in ("person", "character")]
            if people and set(people) <= part.excluded and "plot" not in part.concepts:
                # only about those set aside ("the producers besides the two stars": not Kit's role)
                return 0.0
            if people and 2 * len(part.excluded & set(people)) >= len(people) and "plot" not in part.concepts:
                # (not the story, which tells of all of them: "besides the main two, do their mates get any plot")
                # mostly about who was set aside ("the execs apart from kit and joe", "besides nick and
                # charlie, who's back": not the fact that Kit plays Nick)
                score -= 1.0
            if part.excluded & _TOPIC_CONCEPTS:  # "besides acting": the fact with their other role
                score += 0.8 * len(candidate.concepts & _TOPIC_CONCEPTS - part.excluded - set(part.concepts))
        return score - 0.01 * candidate.position

    def _answers_asked(self, asked: Asked | None, candidate: _Candidate) -> bool:
        """Whether a fact answers the attribute asked ("which studio", "how many hours"), not only its topic."""
        if asked is None:
            return True
        if asked.attribute in ("count", "thing") and asked.head is not None:
            # "how many volumes", "which actor": a fact about what the noun names, in its words or by a concept
            # the noun is a plain synonym of ("actor": the cast; not "camera" for filming, which only
            # touches on it)
            head = asked.head
            if (
                head in _ANY_COUNTED
                or head in _GENERIC_NOUNS
                or head in STOP_WORDS
                or head in FILLER_WORDS
                or head in FILM_WORDS
                or head == "films"  # "what other movies" (spelt "films"): as "film" is
                or head in _FRAME_WORDS
                or head in _KIND_WORDS
                or head in self._name_words
                or head in MONTHS
                or {head, light_stem(head)} & candidate.words
                or (asked.attribute == "thing" and covers(asked, candidate.fact.statement, candidate.words))
            ):
                return True
            if head in ("percent", "percentage"):
                return "%" in candidate.fact.statement
            named = {concept for concept, _ in concepts_in([head]) if concept not in _ACTIVITIES}
            return bool(named & candidate.concepts)
        return covers(asked, candidate.fact.statement, candidate.words)

    def _choose(self, part: _Part, candidates: list[_Candidate]) -> tuple[list[_Candidate], list[str]]:
        """The facts answering one part (fewest covering what it asks) and what no fact covers."""
        if self._names_a_person(part) and _asked_of_a_work_we_lack(part):
            # "what role did kit have in the film rocketman", "how old was kit when he did rocketman": asked of
            # a work we lack, so no fact of what they do here stands in
            return [], self._missing(part, set(), [])
        if part.unknown_names and not part.entities:  # about someone or something the notes never name
            if not _names_in_our_slot(part):
                return [], self._missing(part, set(), [])
            # "is it directed by greta gerwig", "it's based on solitaire isn't it": a name we lack, put where our
            # film's own is, gets who or what it really is, beside not knowing the name
            named = set(part.unknown_names)
            relaxed = replace(part, unknown_names=[], strangers=part.strangers - named)
            chosen, missing = self._choose(relaxed, candidates)
            return chosen, [*missing, missing_parts.anything_on_unknown(" ".join(part.unknown_names))]
        if part.not_in_notes:  # the film's crew is not the earlier seasons' crew
            return [], [part.not_in_notes]
        if (
            ({"plot", "ending"} & set(part.concepts) or (part.kind == "what" and "about" in part.tokens))
            and part.entities
            and all(self._entity_kinds.get(e) == "work" and e not in self._our_works for e in part.entities)
        ):
            # "what's still alice about", "what happens in colette": another work's story, which no note tells
            # (its year and director are no answer to it, nor offered in its place)
            part.another_work = True
            return [], [missing_parts.answer_to(part.text)]
        if part.another_work:  # "who directed the barbie movie": not ours to answer, with no fact of ours
            return [], [missing_parts.answer_to(part.text)]
        if (
            "meaning" in part.concepts
            and part.entities
            and set(part.concepts) <= {"meaning", "title"}
            and all(self._entity_kinds.get(e) in ("person", "character") for e in part.entities)
        ):
            # "what does the name isaac mean": the word's meaning, which no fact of theirs is instead
            return [], [missing_parts.label("meaning", self._subject(part, []))]
        private = _PRIVATE & set(part.concepts)
        # a real person's private life: no fact of theirs is offered instead (nor any other, when the person is
        # only implied: "joe's personal number or private email")
        if private and (part.entities or not set(part.concepts) - _PRIVATE - {"overview"}):
            # "the address of the guy who plays nick": the actor's, never the character's
            actor = self._names_a_person(part)
            who = self._subject(part, []) if actor else missing_parts.NO_SUBJECT
            return [], [
                missing_parts.label(concept, who, repair_their=not actor) for concept in sorted(private)
            ]
        if part.dates and not set(part.concepts) - _DATE_ONLY:
            # Only a day is asked about ("anything big on 27/7/25"): what is dated that day, or that nothing is.
            dated = [c for c in candidates if any(_dated(c.fact.statement, day) for day in part.dates)]
            if dated:
                return dated[:_MAX_FACTS_PER_PART], []
            return [], [f"anything dated {' or '.join(part.dates)}"]
        if part.about_previous_episode:  # only what the notes say of that episode answers it
            candidates = [c for c in candidates if "before" in c.concepts]
        if part.reason_of_previous:  # only a fact giving the reason for that very thing
            asked = set(part.concepts) - {"reason"}
            candidates = [c for c in candidates if "reason" in c.concepts and asked & c.concepts]
        wanted = _wanted(part)
        if not wanted:
            wanted = set(part.concepts)  # "what even is heartstopper forever": the overview
        if not wanted and not part.words and not part.unknown_names:
            wanted = {"overview"}
            part.concepts["overview"] = 0.5
        chosen: list[_Candidate] = []
        while len(chosen) < _MAX_FACTS_PER_PART:
            scored = [(self._score(part, c, wanted), c) for c in candidates if c not in chosen]
            scored = [item for item in scored if item[0] > 0]
            if not scored and chosen and wanted & _ROLE_CONCEPTS and not part.unknown_names:
                # "is euros lyn directing?": no fact links them, so say who does (the correction)
                relaxed = _Part(
                    part.tokens, part.kind, set(), {c: 1.0 for c in wanted if c in _TOPIC_CONCEPTS}
                )
                scored = [(self._score(relaxed, c, wanted), c) for c in candidates if c not in chosen]
                scored = [item for item in scored if item[0] > 0]
            if not scored:
                break
            best_score, best = max(scored, key=lambda item: item[0])
            if not wanted and chosen:
                break
            if not wanted and not self._enough_words(part, best):
                break
            chosen.append(best)
            covered = (part.entities & set(best.fact.entities)) | {
                c
                for c in wanted
                if c in best.concepts
                # someone's other work is covered only by a fact of theirs: the director's earlier films are no
                # answer to "what else has euros lyn directed"
                and not (
                    c in _SOMEONES_WORK and part.entities and not part.entities & set(best.fact.entities)
                )
                # nor by a fact that does not name the work asked about: "alice's other book solitaire"
                and not (c in _SOMEONES_WORK and part.unknown_names)
            }
            # A list question ("which actors are producers?"): facts as good as the best answer it together.
            if not (wanted - covered) and (
                part.kind in (None, "who", "which", "what", "whether")
                # "how many of the execs are in the cast": counted by naming each
                or (part.kind == "how-many" and _MANY_OF_A_GROUP.search(part.text) is not None)
            ):
                for score, other in scored:
                    if (
                        other is not best
                        and score >= best_score - 0.05
                        and len(chosen) < _MAX_FACTS_PER_PART
                        and (_plural(part) or part.kind == "how-many")
                    ):
                        chosen.append(other)
            wanted -= covered
            if part.dates:  # everything dated that day
                for _, other in scored:
                    if (
                        other not in chosen
                        and len(chosen) < _MAX_FACTS_PER_PART
                        and any(_dated(other.fact.statement, day) for day in part.dates)
                    ):
                        chosen.append(other)
            if not wanted:
                break
        if part.everyone:
            # the facts naming people not named yet, best first ("every person credited": the list of producers
            # too, though one producer's own fact already covered the role)
            named = {e for c in chosen for e in c.fact.entities}
            people_of = {
                c.fact.slug: {e for e in c.fact.entities if self._entity_kinds.get(e) == "person"}
                for c in candidates
            }
            scores = {c.fact.slug: self._score(part, c, set(part.concepts)) for c in candidates}
            while len(chosen) < _MAX_FACTS_PER_PART:
                others = [c for c in candidates if c not in chosen and scores[c.fact.slug] > 0]
                best_other = max(
                    others,
                    key=lambda c: (len(people_of[c.fact.slug] - named), scores[c.fact.slug]),
                    default=None,
                )
                if best_other is None or not people_of[best_other.fact.slug] - named:
                    break
                chosen.append(best_other)
                named |= people_of[best_other.fact.slug]
        if chosen and part.kind == "how-many" and _COMPARING.search(part.text):
            # "how many seasons short of alice's plan", "how many fewer than planned": a difference of two
            # counts of the same thing, so the fact with the other count comes too (without a name asked of)
            counted = {c for c in part.concepts if c in _COUNTED_WORKS}
            plain = _Part(part.tokens, part.kind, set(), dict(part.concepts), asked=part.asked)
            others = [
                (self._score(plain, c, set(counted)), c)
                for c in candidates
                if c not in chosen and counted & c.concepts and counted & c.counts
            ]
            others = [item for item in others if item[0] > 0]
            if others and len(chosen) < _MAX_FACTS_PER_PART:
                chosen.append(max(others, key=lambda item: item[0])[1])
        if "word-for-word" in wanted and chosen and self._quotes_given(part, chosen):
            # "joe locke's wrap post verbatim": the fact quotes his very words
            wanted.discard("word-for-word")
        if (
            not chosen
            and part.kind == "how-many"
            and part.asked is not None
            and part.asked.head in _PEOPLE_COUNTED
            and set(part.concepts) - {"count", "filming"}
            and set(part.concepts) - {"count", "filming"} <= _EVENT_CONCEPTS
        ):
            # "how many people posted about the wrap": no fact counts them, but one naming who did it does (not
            # "how many people worked on it", which a fact naming some of them does not count)
            return self._choose(replace(part, kind="who", asked=None), candidates)
        missing = self._missing(part, wanted, chosen)
        if (
            chosen
            and not missing
            and part.kind == "what"
            and _ASKS_WHAT_WAS_SAID.search(part.text)
            and any(_POST_WORDS & c.concepts for c in chosen)
            and not self._quotes_given(part, chosen, reported=True)
        ):
            # "what did alice write in her post": the fact names her post, but not her words
            missing = [missing_parts.label("word-for-word", self._subject(part, chosen))]
        if (
            chosen
            and missing
            and not part.concepts
            and part.words
            and part.entities
            and all(self._entity_kinds.get(e) == "character" for e in part.entities)
        ):
            # "does nick move away in the movie": what a character does is the story, so the story is what is
            # known about it (offered beside "I don't have an answer to ...", never as the answer)
            story = [c for c in candidates if "plot" in c.concepts and part.entities & set(c.fact.entities)]
            if story:
                chosen = story[:1]
        if (
            chosen
            and not missing
            and part.kind == "why"
            and all(_only_as_a_cause(part, c.fact.statement) for c in chosen)
        ):
            # "why did viewership drop in season 3": the fact gives the drop as the cause of something else
            # ("... because viewing figures fell"), never why it happened
            missing = [missing_parts.answer_to(part.text)]
        if missing and chosen and part.kind == "when" and self._years_given(part, chosen):
            # "when did the director make still alice": the year after the work's title is the answer
            missing = []
        if {"filmography", "next-project"} & wanted and part.entities:
            # "is kit in euphoria", "was joe good in agatha all along", "what's kit doing after heartstopper":
            # someone's other work, which no fact gives; what they do on this film is not offered in its place
            return [], missing
        return chosen, missing

    async def _works_apart(self, ends: re.Match[str], ordering: bool) -> AnswerResult | None:
        """ "how many years between still alice and colette", "which came first, colette or still alice": two
        other works, each given with its year in a fact ("Still Alice (2014)"). None when an end is not one."""
        found: list[tuple[int, str, FactMatch]] = []
        for side in (ends.group("a"), ends.group("b")):
            part = self._read(await self._tokens(side))
            works = [
                e for e in part.entities if self._entity_kinds.get(e) == "work" and e not in self._our_works
            ]
            makers = {e for e in part.entities if self._entity_kinds.get(e) == "person"}
            if not works and not part.entities and _names_our_film(part):
                # "how many years after colette is heartstopper forever coming out": ours, by its release year
                release = [
                    (span, fact) for span, _, fact in await self._dated_facts() if fact.slug == "release"
                ]
                film = await self._repository.film()
                if not release or film is None:
                    return None
                found.append((release[0][0].start.year, film.title, release[0][1]))
                continue
            # (the maker may be named beside the work: "wash's two big ones (still alice n colette)")
            if (
                len(works) != 1
                or part.entities - set(works) - makers
                or set(part.concepts) - {"release", "filmography", "director"}
            ):
                return None
            year = self._work_years.get(works[0])
            # the fact to cite: the one naming the work (its maker's "known for")
            citing = [c.fact for c in await self._search([part]) if works[0] in c.fact.entities]
            if year is None or not citing:
                return None
            found.append((year, self._entity_names[works[0]], citing[0]))
        (first_year, first, first_fact), (last_year, last, last_fact) = sorted(
            found, key=lambda item: item[0]
        )
        if first == last or (ordering and first_year == last_year):
            return None
        gap = last_year - first_year
        if ordering:
            text = f"{first} ({first_year}) came first, then {last} ({last_year})."
        else:
            text = f"{first} ({first_year}) and {last} ({last_year}) are {gap} year{'s' * (gap != 1)} apart."
        computed = Statement(text, last_fact.source, entity_key("years", f"{first} {last}"))
        facts = list(dict.fromkeys([first_fact, last_fact]))
        return Answer(
            text,
            last_fact.source,
            computed.fact_slug,
            1.0,
            (computed, *(Statement(f.statement, f.source, f.slug) for f in facts)),
        )

    def _quotes_given(self, part: _Part, chosen: list[_Candidate], *, reported: bool = False) -> bool:
        """Whether a chosen fact quotes the words of everyone the part names ("Locke wrote "Wrapped ...""), or
        quotes anyone when the part names no one. ``reported``: words told in the fact's own ("Oseman said
        filming was more than halfway done") count too; "also shared her feelings" tells none."""
        people = [e for e in part.entities if self._entity_kinds.get(e) == "person"]
        statements = [c.fact.statement for c in chosen]
        if not people:
            return any(_QUOTED_WORDS.search(statement) for statement in statements)
        told = (
            r"\W+(?:wrote|said|posted|tweeted|announced)\b"
            if reported
            else r"\W+(?:wrote|said|posted|tweeted)\W+\""
        )
        return all(
            any(
                re.search(rf"\b{re.escape(name)}{told}", statement)
                for statement in statements
                for name in self._entity_names[person].split()
            )
            for person in people
        )

    def _years_given(self, part: _Part, chosen: list[_Candidate]) -> bool:
        """Whether the part names other works, each of whose year a chosen fact gives: "Still Alice (2014)"."""
        works = [e for e in part.entities if self._entity_kinds.get(e) == "work" and e not in self._our_works]
        return bool(works) and all(
            work in self._work_years and any(work in c.fact.entities for c in chosen) for work in works
        )

    def _enough_words(self, part: _Part, candidate: _Candidate) -> bool:
        """Whether the fan's own words, with nothing else asked, pick this fact. A number alone never does:
        "heartstopper forever 2" asks about a sequel, not whatever fact has a 2 in it (2 July)."""
        hits = part.words & candidate.words
        if not part.words or all(word.isdigit() for word in hits):
            return False
        return len(hits) / len(part.words) >= 0.6

    def _missing(self, part: _Part, wanted: set[str], chosen: list[_Candidate]) -> list[str]:
        missing: list[str] = []
        who = self._subject(part, chosen)
        for item in sorted(wanted):
            if item in self._entity_names:
                if not chosen and part.wants_actor:
                    missing.append(missing_parts.who_plays(self._entity_names[item]))
                elif not chosen and len(part.entities) == 1 and (part.concepts or part.kind):
                    continue  # named below from the concept asked about this entity
                elif not chosen:
                    missing.append(missing_parts.answer_to(part.text))
                else:
                    missing.append(missing_parts.anything_on(self._entity_names[item]))
            elif item in _SOMEONES_WORK | _PRIVATE and not self._names_a_person(part):
                # "what else has the guy who plays nick been in": the actor's, never the character's
                missing.append(missing_parts.label(item, missing_parts.NO_SUBJECT))
            elif item in UNKNOWN_LABELS:
                missing.append(missing_parts.label(item, who))
            elif not chosen or item not in _WEAK_IF_LEFT:
                # Something asked that no chosen fact speaks to ("did euros lyn direct the earlier seasons"):
                # what was found is shown, but the question is not called answered.
                missing.append(missing_parts.answer_to(part.text))
        if part.unknown_names:
            missing.append(missing_parts.anything_on_unknown(" ".join(part.unknown_names)))
        if chosen and part.entities and not part.concepts and part.words:
            explained = set().union(*(c.words for c in chosen))
            if not part.words & explained:
                missing.append(missing_parts.answer_to(part.text))
        if not chosen and not missing:
            missing.append(missing_parts.answer_to(part.text))
        return list(dict.fromkeys(missing))

    def _names_a_person(self, part: _Part) -> bool:
        """Whether someone real is named (not only a character): whose private life or other work is asked."""
        return any(self._entity_kinds.get(e) == "person" for e in part.entities)

    def _subject(self, part: _Part, chosen: list[_Candidate]) -> str:
        people = [e for e in part.entities if self._entity_kinds.get(e) in ("person", "character")]
        if people:
            return self._entity_names[sorted(people)[0]]
        return "their"

    def _about(self, part: _Part, candidates: list[_Candidate]) -> list[_Candidate]:
        """What is known about the entities of a part no fact answered: "What I know: he plays ..."."""
        if not part.entities:
            related = {_RELATED[c] for c in part.concepts if c in _RELATED}
            if not related or part.unknown_names:
                return []
            about_concept = [
                c for c in candidates if related & c.concepts and _kind_fits(part, c.fact, loose=True)
            ]
            about_concept.sort(key=lambda c: (-len(related & c.concepts), c.position))
            return about_concept[:1]
        about = [
            c for c in candidates if part.entities & set(c.fact.entities) and len(set(c.fact.entities)) <= 2
        ]
        about.sort(key=lambda c: (-len(part.entities & set(c.fact.entities)), c.position))
        return about[:1]

    def _compose(self, cleaned: str, parts: list[_Part], candidates: list[_Candidate]) -> AnswerResult:
        chosen: list[_Candidate] = []
        missing: list[str] = []
        previous: list[_Candidate] = []
        # "visiting london next month and i wanna drop off a fan letter. whats kit connor's home address": beside
        # a private question, the fan's remarks around it are not asked, so no fact is drawn from them
        private_asked = any(_PRIVATE & set(part.concepts) for part in parts)
        # Each part's facts, read ahead: an earlier part torn between two facts leaves a later part the one
        # that answers it far better ("how many seasons & why no 4th": three seasons, then why not four)
        ahead = [self._choose(part, candidates)[0] for part in parts] if len(parts) > 1 else []
        asked_answered = False  # whether any part asking something (not a remark) drew a fact
        of_another_work = False  # whether a part asked something of another work
        for index, part in enumerate(parts):
            if (
                private_asked
                and not _PRIVATE & set(part.concepts)
                and (
                    part.kind is None
                    or not (part.solid or part.entities)
                    or part.tokens[:1] in (["i"], ["we"], ["im"])  # "i run a school drama club"
                )
            ):
                continue
            facts, part_missing = self._choose(part, candidates)
            if facts and not part_missing and ahead:
                facts = self._leave_to_later(part, facts, parts[index + 1 :], ahead[index + 1 :], candidates)
            if part.follow_up and previous and all(fact in previous for fact in facts):
                # "how many seasons did alice plan and how many did we get": the follow-up asks something else
                others, other_missing = self._choose(part, [c for c in candidates if c not in previous])
                if others:
                    facts, part_missing = others, other_missing
            previous = facts
            if (
                facts
                and not part_missing
                and ((part is not parts[0] and _unexplained(part, facts)) or _strange_left(part, facts))
            ):
                # "what did joe post at the wrap and did he cry on his last day": a later part whose facts
                # use none of its own words is not answered by them, so it is named as not known
                part_missing = [missing_parts.answer_to(part.text)]
            if (
                facts
                and part_missing == [missing_parts.answer_to(part.text)]
                and len(parts) == 1
                and part.strangers
                and not self._linked_beyond_a_name(part, facts)
            ):
                # "whats a sherman tank", "is westmoreland a county in england": nothing asked is answered, the
                # question names a thing the notes never mention, and the facts share only one word of a name
                # with it, so they are not offered either
                facts = []
            if (
                not facts
                and part_missing
                and not _NOTHING_OFFERED_INSTEAD & set(part.concepts)
                and not part.another_work
                # "what role did kit have in the film rocketman": asked of a work we lack, not of what he does here
                and not _asked_of_a_work_we_lack(part)
            ):
                # Not for their private life, nor for their other work ("was joe good in agatha all along"):
                # what they do on this film is no answer to a question about another
                facts = self._about(part, candidates)
            for fact in facts:
                if fact not in chosen:
                    chosen.append(fact)
            if facts and part.kind is not None:
                asked_answered = True
            if (
                part.kind is not None
                and not facts
                # (named in this part: "what month was the title revealed" after another show is named stays ours)
                and (
                    (
                        (part.another_work or part.elsewhere)
                        and (
                            part.strangers
                            or part.unknown_names
                            # ("what's still alice about": a work the notes name, asked its story)
                            or (
                                part.entities
                                and all(
                                    self._entity_kinds.get(e) == "work" and e not in self._our_works
                                    for e in part.entities
                                )
                            )
                        )
                    )
                    or _asked_of_a_work_we_lack(part)
                )
            ):
                of_another_work = True
            missing += part_missing
        if chosen and not asked_answered and of_another_work:
            # "i loved still alice so much. can you summarise its plot": nothing asked is answered, and a fact
            # drawn from the fan's remarks beside it would answer what nobody asked
            chosen = []
        missing = list(dict.fromkeys(missing))
        # "kit connor's next project" already says what "their next project" (of a follow-up) would
        missing = [
            label
            for label in missing
            if not (
                label.startswith("their ")
                and any(other.endswith("'s " + label.removeprefix("their ")) for other in missing)
            )
        ]
        if not chosen:
            return NoAnswer(cleaned, suggestions=self._suggestions(candidates), missing=tuple(missing))
        statements = tuple(Statement(c.fact.statement, c.fact.source, c.fact.slug) for c in chosen)
        first = statements[0]
        text = " ".join(statement.text for statement in statements)
        confidence = round(1.0 if not missing else 0.5, 2)
        if missing:
            return PartialAnswer(text, first.source, first.fact_slug, confidence, statements, tuple(missing))
        return Answer(
            text, first.source, first.fact_slug, confidence, statements if len(statements) > 1 else ()
        )

    def _leave_to_later(
        self,
        part: _Part,
        facts: list[_Candidate],
        later: list[_Part],
        later_facts: list[list[_Candidate]],
        candidates: list[_Candidate],
    ) -> list[_Candidate]:
        """A part's facts, or, where a later part takes the same fact as a far better answer of its own and this
        part has another fact answering it all but as well, that other fact."""
        if part.strangers:
            return facts  # ("plays near, nick": a fragment, not a question of its own)
        fit = self._score(part, facts[0], _wanted(part))
        for other, other_facts in zip(later, later_facts, strict=True):
            if (
                facts[0] not in other_facts
                or self._score(other, facts[0], _wanted(other)) < fit + 1.0
                # "who plays ... nick": the later part names whom the fact is about, so both ask the same
                or other.entities & set(facts[0].fact.entities)
            ):
                continue
            rest = [c for c in candidates if c not in facts]
            alternative, missing = self._choose(part, rest)
            if alternative and not missing and self._score(part, alternative[0], _wanted(part)) >= fit - 0.1:
                return alternative
        return facts

    def _linked_beyond_a_name(self, part: _Part, facts: list[_Candidate]) -> bool:
        """Whether facts chosen for a part share more with it than one word of a name: a concept asked about,
        a name given in full, or our film named."""
        if any(set(part.concepts) & fact.concepts for fact in facts):
            return True
        if part.kind == "who" and any(part.entities & set(fact.fact.entities) for fact in facts):
            return True  # "who even is wash": who they are is any fact about them
        if _OUR_TITLE & set(part.tokens) or _names_our_film(part):
            return True
        tokens = part.tokens
        return any(
            len(name) > 1 and tuple(tokens[start : start + len(name)]) == name
            for name in self._names
            for start in range(len(tokens))
        )

    def _suggestions(self, candidates: list[_Candidate]) -> tuple[str, ...]:
        """Up to three example questions the bot can answer, from the facts closest to what was asked."""
        suggestions: list[str] = []
        for candidate in candidates:
            for question in candidate.questions[:1]:
                suggestions.append(question[:1].upper() + question[1:] + "?")
            if len(suggestions) == 3:
                break
        return tuple(suggestions)


# Words quoted in a fact: "Locke wrote "Wrapped. Thank you for everything.""
_QUOTED_WORDS = re.compile(r"\"[^\"]{2,}\"")
# "what did alice write in her post", "what did kit say": the words someone used
_ASKS_WHAT_WAS_SAID = re.compile(
    r"\bwhat (?:did|does|do) \w+(?: \w+)?(?: actually| exactly| really| even)? (?:write|say|post|put|tweet)\b"
    # ... in a question put inside another: "wondering what alice actually wrote in her post"
    r"|\bwhat (?!is\b|was\b)\w+(?: \w+)?(?: actually| exactly| really| even)? (?:wrote|said|posted|put|tweeted)\b"
)
_POST_WORDS = frozenset(["farewell", "post", "posts"])
# Topics whose facts answer only the concept they are about: the notes' own sources, the film's web link
_ANSWERS_ONLY_ITS_OWN = {"about": "sources", "link": "link"}
# Concepts of what someone hoped or planned, not what happened
_HOPED = frozenset(["original-plan", "wanted"])
# What a person has that a fan asks about: "kits goodbye post", "joes character"
_THINGS_OF_A_PERSON = frozenset(
    """
    post posts goodbye caption tweet tweets role roles character part job acting age
    birthday actor actress boyfriend girlfriend partner friends friend mum mom dad family last first other new
    """.split()  # noqa: SIM905
)
# Verbs of saying something in public: "alice said something when they wrapped"
_SAYING_VERBS = frozenset(["said", "posted", "wrote", "tweeted", "shared", "put", "says", "posts"])
# "one of them", "among those": one of the things the part before asked about
_ONE_OF_THEM = re.compile(r"\b(?:one of|among|part of|in) (?:them|those|these|the list)\b")
# What a time asked of the works just listed may say besides ("what years were they out", "when were those")
_YEARS_OF_THOSE_WORDS = frozenset(["year", "out", "release", "released", "come", "came"])
_THOSE = frozenset(["they", "those", "these", "them", "that", "each"])


def _years_of_those(part: _Part) -> bool:
    """Whether a part only asks when the works just named came out ("what years were they out", "+ what
    years"): not our film's release ("and when is it out" is, and so is a part naming our title)."""
    tokens = set(part.tokens)
    return (
        (part.kind == "when" or "year" in part.words)
        and not part.entities
        and set(part.concepts) <= {"release"}
        and part.words <= _YEARS_OF_THOSE_WORDS
        and not (_OUR_TITLE | {"it", "this"}) & tokens
        and (bool(_THOSE & tokens) or not part.concepts)
    )


# Nouns for whoever made a work, after its title: "the still alice guy", "the colette director"
_MAKER_NOUNS = frozenset(
    "guy man woman lady person dude bloke fella chap director filmmaker writer one".split()  # noqa: SIM905
)
# Nouns for someone described by another work of theirs: "the rocketman kid", "the doctor who director"
_CREDITED_PERSON_NOUNS = _MAKER_NOUNS | frozenset(
    "guys ones kid kids boy boys girl lad lads actor actors actress producer author star stars".split()  # noqa: SIM905
)
# Verbs right before two names that make them the characters, never the novella "Nick and Charlie"
_CAST_VERBS_BEFORE_NAMES = frozenset(["recast", "recasting", "plays", "play", "playing", "played", "cast"])
# "the guy who did colette", "the woman who made still alice"
_MAKING_DEEDS = frozenset(["did", "made", "directed", "wrote", "produced", "created", "shot"])
# Words opening a clause that dates what a count was taken at ("before the film", "until they cancelled it")
_BEFORE_WORDS = frozenset(["before", "until", "till", "til", "prior"])
_TIME_UNIT_WORDS = frozenset(
    "seconds minutes hours days weeks months years sec secs mins hrs wks yrs".split()  # noqa: SIM905
)


_BECAUSE = re.compile(r"\b(?:because|since|due to|as a result of|owing to)\b")


def _only_as_a_cause(part: _Part, statement: str) -> bool:
    """Whether everything a why-question asks of is named in the statement only after its "because": the thing
    is given as a cause there, not explained."""
    asked = set(part.concepts) - {"reason", "seasons", "earlier-seasons"} - _MODIFIERS
    split = _BECAUSE.search(statement.casefold())
    if not asked or split is None:
        return False
    end = statement.find(". ", split.end())
    end = len(statement) if end < 0 else end
    cause = {concept for concept, _ in concepts_in(words(statement[split.end() : end]), question=False)}
    rest = statement[: split.start()] + " " + statement[end:]
    elsewhere = {concept for concept, _ in concepts_in(words(rest), question=False)}
    return bool(asked & cause) and not asked & elsewhere


def _wanted(part: _Part) -> set[str]:
    """What a part asks for: whoever it names and the concepts it asks outright."""
    return set(part.entities) | {c for c, weight in part.concepts.items() if weight >= 1.0 and c != _ON_DATE}


_ROLE_CONCEPTS = frozenset(["director", "writer", "creator", "producer"])
# Concepts of what was done rather than of a thing: a noun that only touches on them ("camera": filming) is
# not what a fact about them answers
_ACTIVITIES = frozenset(["filming", "wrap", "start", "halfway", "commission", "count", "duration"])
_AT_ONCE = re.compile(
    r"\b(?:every|all|each|other) (?:country|countries|region|regions)\b|\bat once\b|\bsimultaneous(?:ly)?\b"
    r"|\bthe same (?:day|time|date) as\b"
)
_EVERYWHERE = frozenset(["worldwide", "globally", "everywhere", "internationally", "international", "global"])
_ANNOUNCED_WHO = re.compile(
    r"\b(?:said|announced|revealed|confirmed|told us|news on|news about|any news|update on)\s+(?:on\s+)?"
    r"(?:who|who's|whos|who is|who will)\b"
)
# A difference between two counts: "how many seasons short of the plan", "how many fewer than she wanted"
_COMPARING = re.compile(r"\b(?:short of|fewer|less|more|than|difference|missing|left out|cut)\b")
# What came after an event: "what was the next big step", "what happened after filming started"
_SEQUENCE = re.compile(
    r"\b(?:happened|came|comes|come|was|is) (?:next|after)\b|\bnext (?:big )?(?:step|thing|milestone|event|update|news)\b"
    r"|\bafter that\b|\bfollowed\b"
)
# What would have been, had things gone otherwise: "would wash have directed it", "if there had been a season 4"
# (not "what would have been season 4", which names what the film is instead of)
_COUNTERFACTUAL = re.compile(
    r"(?<!what )(?<!which )\b(?:would|could|might)(?: \w+){0,2} (?:have|of|ve) (?:been|\w+(?:ed|en|ne|wn|ot|de|ck|un))\b"
    r"|\bif (?!(?:you|u|i|we) had to\b)(?:\w+ ){1,3}(?:had|would) (?:been|\w+ed|said|made|got|gotten|gone|kept)\b"
)
_BEFORE_THE_FILM = re.compile(r"\bbefore (?:the (?:film|movie|finale)|it|heartstopper forever)\b")
_STORY_DETAIL = re.compile(
    r"\btime (?:jump|skip)s?\b|\bflash ?(?:forward|back)s?\b|\b(?:years|months) later\b|\bepilogue\b"
    r"|\brecap (?:at|in|before|of (?:the )?(?:earlier|previous|old) seasons)\b|\bpreviously on\b|\bcold open\b"
)
_PLANNED_WORDS = frozenset(["enough", "needed", "cover", "adapt", "plan", "planned", "meant", "supposed"])
# Before someone's film, words making it another of theirs: "kit's next movie", "wash's other film"
_NOT_THIS_ONE = frozenset(
    ["new", "next", "other", "another", "latest", "last", "previous", "upcoming", "first"]
)
_WHO_PLAYS = re.compile(r"\b(?:who|that) (?:plays|played|is playing|portrays)\b")
# "how long is a flight ...": the length of some other thing, named after "a"
_HOW_LONG_IS_A = re.compile(r"\bhow long (?:is|was|does|will|would) (?:a|an) (\w+)")
# Some of a group of people: "how many of the execs are in the cast" is counted by naming each
_MANY_OF_A_GROUP = re.compile(
    r"\bmany of (?:the |them |those |these )?(?:\w+ )?(?:producers|execs|cast|actors|friends|people|crew|stars)\b"
)
_EVERYONE_WORDS = frozenset(
    ["every", "single", "person", "people", "everyone", "everybody", "name", "names", "far"]
)
_AFTER_THAT = re.compile(r"\b(?:after|before) (?:that|this|then)\b")
# Nouns for people counted by naming them: "how many people posted about the wrap"
_PEOPLE_COUNTED = frozenset(["people", "persons", "folks", "names"])
# "what happened just before filming began", "what came right before the wrap": the event before one named
_PRECEDING = re.compile(
    r"\b(?:happened|came|was|were) (?:just |right |directly |immediately )?before (?!it\b|the (?:film|movie)\b)"
)
# A timeline event's date, as each caller reads it (a day's numbers, or the span it covers)
_When = TypeVar("_When")


# The time between two events asked: how long, how many days or weeks, the gap ...
def _span_asked(cleaned: str) -> tuple[re.Match[str], bool] | None:
    """The two ends of a time asked between (or an order asked of) two things, and whether it is the order."""
    # (shorthand spelt out: "how many yrs between still alice n colette")
    text = _SPAN_SHORTHAND.sub(lambda m: _SPAN_SHORTHAND_WORDS.get(m[0], "and"), fold(cleaned))
    ordering = _ASKS_ORDER.search(text) is not None  # "which came first: the halfway post or the wrap"
    if not (ordering or _ASKS_SPAN.search(text)):
        return None
    patterns = _ORDER_ENDS if ordering else _SPAN_ENDS
    ends = next((match for pattern in patterns if (match := pattern.search(text))), None)
    return None if ends is None else (ends, ordering)


# An end of a span that points back at the sentence before ("how long after that did it wrap")
_BACK_REFERENCES = frozenset(["that", "this", "then", "it", "that happened", "that one"])
_SENTENCE_BREAK = re.compile(r"[.?!\n]+")
# (the fan's shorthand as /ask reads it everywhere, for the few words a span is typed with)
_SPAN_SHORTHAND_WORDS = {word: SHORTHAND[word] for word in ("yrs", "yr", "n", "hsf")}
_SPAN_SHORTHAND = re.compile(rf"(?<![\w'])(?:{'|'.join(_SPAN_SHORTHAND_WORDS)})(?![\w'])|&")
_ASKS_SPAN = re.compile(
    r"\bhow (?:long|many (?:days|weeks|months|years)|much time)\b|\b(?:time|gap|days|weeks|months|difference)\b"
)
# ... and its two ends: "between the order and the wrap", "from the first day to the wrap", "how long after
# the order did filming start", "how long before the wrap was the halfway post"
_SPAN_ENDS = (
    re.compile(r"\bbetween (?P<a>.+?) and (?P<b>.+?)\W*$"),
    re.compile(r"\bfrom (?P<a>.+?) (?:to|till|til|until|up to) (?P<b>.+?)\W*$"),
    re.compile(r"\b(?:after|before) (?P<a>.+?) (?:did|was|were|had|has|is|does|do|came|come) (?P<b>.+?)\W*$"),
    # "how many weeks apart were the halfway post and the wrap"
    re.compile(r"\bapart (?:are|were|is|was) (?P<a>.+?) and (?P<b>.+?)\W*$"),
    # "how long had the film been commissioned by the time it wrapped"
    re.compile(r"\bhow long (?:had|has|have|was|were) (?P<a>.+?) (?:by the time|before) (?P<b>.+?)\W*$"),
)
# "which came first", "what happened earlier", "which one was sooner": the order of two events ...
# The events listed asked in the order they happened: "rank in order w dates:", "in what order did these happen:",
# "put these in chronological order" (the words of the order itself, never a question of their own)
_IN_TIME_ORDER = re.compile(
    r"\b(?:(?:rank|put|list|sort|arrange|order)(?: (?:them|these|those|em|the events|the dates))?"
    r" (?:in (?:the )?(?:right |correct |chronological |time )?order|chronologically|by date)"
    r"|in (?:what|which) order (?:did|do|were|was) (?:these|they|those|the following|all these)"
    r"(?: (?:happen|happened|come|came|go|went|take place|took place))?"
    r"|in chronological order|chronologically)\b(?: (?:with|w|w/) dates)?\s*[:,-]?",
    re.IGNORECASE,
)
_ASKS_ORDER = re.compile(
    r"\b(?:which|what)(?: one| of (?:them|these|those|the two))? (?:came|happened|was|were|went)(?: out)? (?:first|earlier"
    r"|sooner)\b|\bwhich (?:was|came|happened) (?:before|after) the other\b"
    # "was the movie ordered before or after the title came out"
    r"|\b(?:before or after|after or before)\b"
)
# ... and its two ends: "which came first: the halfway post or the wrap", "the wrap or the title reveal, which
# happened first"
_ORDER_ENDS = (
    re.compile(r"\b(?:first|earlier|sooner|the other)\W+(?P<a>.+?) or (?P<b>.+?)\W*$"),
    re.compile(r"^(?:\W*(?:so|ok|okay|quick q|q)\W+)?(?P<a>.+?) or (?P<b>.+?)\W+(?:which|what)\b"),
    re.compile(
        r"\b(?:was|were|did|is|has|had)\s+(?P<a>.+?)\s+(?:happen\s+)?(?:before or after|after or before)\s+(?P<b>.+?)\W*$"
    ),
)
_ANNOUNCERS = frozenset(["cast", "producer", "writer", "creator"])
_EVENT_CONCEPTS = frozenset(["commission", "filming", "start", "halfway", "title", "wrap", "farewell"])
# A date asked with nothing else: "on what date", "which day", "the exact date"
_BARE_DATE_ASKED = re.compile(
    r"(?:(?:and|also|plus) )?(?:on |in )?(?:(?:what|which) |the )?(?:exact |actual |precise )?(?:date|day)"
)
# The film, not the show: "the movie", "the finale", "heartstopper forever" (hsf is spelt out before)
_THE_FILM_ITSELF = re.compile(r"\b(?:movie|film|finale|special)\b|\bheartstopper forever\b")
# "filmed at ..." that is a time, not a place
_NOT_A_PLACE = re.compile(
    r"(?:the )?(?:same time|moment|start|end|beginning|weekend|weekends|night|nights|once|first|last|least|"
    # ("when was the shoot at the halfway mark": a point in it)
    r"most|all|halfway|half way|half-way|midpoint|middle|\d)\b"
)
# The fan telling what they are doing, or that questions follow: "i'm writing a preview for a parenting blog",
# "my partner and i are planning a full rewatch", "we're hosting a quiz", "need three things", "two qs"
_FANS_OWN_DOING = re.compile(
    r"(?:(?:so|well|ok|okay|hi|hello|hey|and|also) )*(?:"
    r"(?:i am|im|i'm|i are|we are|we're|were|(?:my|our) \w+ and i are) (?:currently |just |now |busy )?"
    r"(?:writing|planning|putting|organi[sz]ing|hosting|running|doing|making|preparing|working|trying to|getting"
    r"|pulling|building|researching|reviewing)\b"
    # ... with no subject: "planning the full rewatch before the movie, how many seasons are there"
    r"|(?:planning|organi[sz]ing|hosting|prepping|preparing|putting together|running|updating|compiling|building"
    r"|making|writing|finishing|adding to) (?:a|an|the|my|our|this)\b"
    # "catching up over the holiday", "rewatching this weekend": the fan's own viewing
    r"|(?:catching up|rewatching|binging|bingeing)(?: (?:on|over|during|this|the|it|everything|all|season|seasons"
    r"|heartstopper|hs|before|again)\b|$)"
    r"|(?:i |we )?(?:(?:need|have|got) )?(?:a few|a couple of|a couple|two|three|four|five|some|\d+) "
    r"(?:things|questions|qs|quick questions|quick qs)\b"
    # (and no question word in the clause: "i'm writing about who directed it" asks)
    r")(?!.*\b(?:who|what|when|where|why|which|how)\b)"
)
# The leading pair, described: "the (two) leads", "the main couple", "the main characters"
_THE_LEADS = re.compile(
    r"\b(?:leads|lead (?:actors|pair|couple|duo)|main (?:two|pair|couple|duo|characters|actors|cast|ones)|"
    r"(?:two|2) mains?|protagonists|(?:two |2 |main |lead )?stars|two boys|main boys)\b"
)
# Beside a thing no note gives ("the age rating"), what does not change what is asked of it
_UNTOLD_ASIDE = frozenset(["overview", "exact", "confirmed"])
_SPAN_EVENT_CONCEPTS = _EVENT_CONCEPTS | {"release", "premiere"}
_EVENT_DAY = re.compile(r"^[^(]*\((\d{1,2}) ([A-Z][a-z]+) (\d{4})\)")


def _event_title(fact: FactMatch) -> str:
    """The event a timeline fact is about ("Filming began (9 June 2025): ..." -> "Filming began")."""
    return fact.statement.split(" (", 1)[0] if fact.slug != RELEASE_FACT else "Release on Netflix"


def _event_day(statement: str) -> tuple[int, int, int] | None:
    """The day a timeline fact is dated ("Filming began (9 June 2025): ..."), when dated to the day."""
    match = _EVENT_DAY.match(statement)
    if match is None or match.group(2) not in _MONTH_NAMES:
        return None
    return int(match.group(3)), _MONTH_NAMES.index(match.group(2)) + 1, int(match.group(1))


_CONTRACTED = frozenset(["d", "ll", "ve", "re", "m", "s", "t"])
# Verbs whose object is a work: "who directed X", "who starred in X"
_CAST_VERBS = frozenset("starred stars star acted acts act acting appeared appears appear".split())  # noqa: SIM905
_MAKER_VERBS = _CAST_VERBS | frozenset(
    "directed directs directing produced produces producing wrote writes written penned starring".split()  # noqa: SIM905
)
# Parts of a work: "volumes of one piece", "seasons of the crown"
_WORK_PARTS = frozenset(
    "volume volumes season seasons episode episodes chapter chapters book books issue issues series part parts".split()  # noqa: SIM905
)
# Words after a maker's verb that start no title: "who wrote for the show", "who directed before wash" (but
# "who directed about time", "who wrote all along": a title may start with any other word)
_NO_OBJECT = frozenset(
    """
    for before after with on in at by alongside during from to into since while when if because so too also as
    and or but then than of it this that these those them him her his their its our my your me us you
    something smth sth smthn somethin anything anythin nothing stuff
    again now still already anyway exactly currently next
    gig gigs job jobs duties credit credits
    """.split()  # noqa: SIM905
)
# Words ending a title placed after a verb: "... right?", "... too", "... as well"
_OBJECT_ENDS = frozenset(["right", "too", "also", "then", "and", "or", "though", "tho", "as", "btw", "lol"])
# "one", "version": ours only with a determiner of ours ("this one"); alone they may start a title ("one piece")
_VAGUE_TITLE_WORDS = frozenset(["one", "ones", "version", "adaptation"])
# Things of a film, and words standing for ours: "who wrote the script", "who's directing the thing"
_FILM_THINGS = frozenset(
    """
    script scripts screenplay trailer teaser poster cast crew credits book books novel novels novella comic
    comics volume volumes scene scenes story plot character characters role roles costume costumes makeup
    photo photos video videos clip clips post posts music songs song soundtrack score episodes seasons season
    finale ending thing project production adaptation sequel
    """.split()  # noqa: SIM905
)
# Concepts that say something of a person, not of a work: "past lives" reads as where someone lives
_PERSON_CONCEPTS = frozenset(
    ["contact", "personal", "relative", "age", "height", "education", "handle", "middle-name", "count"]
)
# Nouns any list of names or things counts: "how many people", "how many of them"
_ANY_COUNTED = frozenset(["people", "ppl", "persons", "person", "ones", "them", "folks", "members", "names"])
# Ways to name someone's partner, longest first: "nick's other half", "charlie's significant other"
_PARTNER_PHRASES = tuple(
    tuple(phrase.split())
    for phrase in (
        "other half",
        "better half",
        "significant other",
        "love interest",
        "soul mate",
        "partner",
        "boyfriend",
        "man",
        "boy",
        "lover",
        "beau",
        "soulmate",
        "sweetheart",
        "bae",
        "hubby",
        "husband",
    )
)
# What the notes hold of another work they name (a director's earlier film): its year and who made it.
_ORDER_WORDS = frozenset(
    ["first", "earlier", "older", "newer", "later", "last", "longer", "shorter", "before", "after"]
)
_LENGTH_COMPARED = frozenset(["longer", "shorter", "lengthier"])
_OTHER_WORK_FACTS = frozenset(
    [
        "release",
        "director",
        "creator",
        "filmography",
        "overview",
        "count",
        "exact",
        "before",
        "confirmed",
        "title",
    ]
)
# Words of our film's names: "in heartstopper", "in hsf", "in the film" keep a name ours.
_OUR_TITLE_WORDS = FILM_WORDS | frozenset(["heartstopper", "forever", "one", "ones", "version", "adaptation"])
# Countries and regions: "is it on netflix in the uk", "when is it out in america"
_REGIONS = frozenset(
    """
    uk us usa america england britain scotland wales ireland canada australia germany france spain italy brazil
    mexico india europe worldwide globally everywhere internationally international global
    """.split()  # noqa: SIM905
)
# Words after "in" that say where or how, not which work: "who plays nick in real life", "is it out in the uk"
_SETTINGS = frozenset(
    """
    real life reality person general total particular public private secret love charge end beginning middle
    uk us usa america england britain london english world country countries abroad cinema cinemas theatre
    theatres theater theaters story plot group gang scene scenes trailer teaser poster background costume
    makeup character characters role roles part parts way form time news future past school college class
    photo photos picture pictures pic pics video videos clip clips post posts interview interviews comic comics
    book books novel novels volume volumes script screenplay cast crew credits lineup team cover tour person
    """.split()  # noqa: SIM905
)
# What is asked of a person: only a fact naming them answers it.
_PERSONAL_CONCEPTS = frozenset(
    [
        "filmography",
        "personal",
        "age",
        "height",
        "handle",
        "education",
        "relative",
        "next-project",
        "involved",
        "cast",
        "director",
        "writer",
        "creator",
        "producer",
        "author",
        "farewell",
        "wanted",
    ]
)
# A work's nouns, and the words that open the title before one ("what | doctor who episodes").
# A work of someone's own named by its noun, then its title: "oseman's book solitaire", "kit's film rocketman"
_OWN_WORK_NOUNS = BOOK_NOUNS | frozenset(["album", "albums", "song", "songs"])
_SCREEN_WORK_NOUNS = frozenset(
    "episode episodes season seasons series film films movie movies show shows".split()  # noqa: SIM905
)
# Words that end a title of theirs read backwards from "film", "season" ("what his film ..."): never in it
_BEFORE_THEIR_TITLE = frozenset(
    "what which whats the a an any of in on for from , and or his her their its this that these".split()  # noqa: SIM905
)
# Between one of our people and "in" + another work's title: being in it, playing in it, how good they were
_BEFORE_THEIR_WORK = frozenset(
    """
    was is been were also starred stars star starring acted act acts acting appeared appear appears appearing
    play plays played playing voice voices voiced voicing good great bad amazing brilliant fantastic terrible
    awful better worse best
    really so
    character characters role roles part called named
    """.split()  # noqa: SIM905
)
# A closing clause asking the time of each thing named before it: "dates for both", "when for each"
_ASKED_OF_EACH = re.compile(
    r"(?:(?:and|so|pls|please) )?(?:the )?(?:dates?|days?|when|months?) (?:for|of) (?:both|each|all|them|those|these)"
    r"(?: (?:pls|please|of them))?"
)
# A real person's private life and contact details: only ever "I don't know", with nothing offered instead.
_PRIVATE = frozenset(["personal", "contact"])
# whose partner: "my bf", "our gf" (the fan's own, not one asked about)
_FANS_OWN_PARTNER = frozenset(["my", "our", "ma"])
# How someone is reached, asked of "him" or "her" named before: "...and what's his phone number"
_CONTACT_NOUNS = frozenset(["phone", "number", "address", "email", "e-mail", "snapchat", "whatsapp"])
# Asked things for which no other fact is offered when none answers: a private life, someone's other work
_NOTHING_OFFERED_INSTEAD = _PRIVATE | {"filmography", "next-project", "meaning"}
_SOMEONES_WORK = frozenset(["filmography", "next-project"])
# A show or film named as not this one: "another film", "the new marvel show" (not "the new heartstopper film")
_ANOTHER_WORK = re.compile(
    r"\b(?:(?:other|another)(?: [a-z0-9]+)?|(?:new|upcoming|latest) (?!heartstopper\b|netflix\b)[a-z0-9]+)"
    r" (?:show|series|film|movie)s?\b"
    # "kit was young elton in that biopic": a kind of work ours is not
    # ("that elton john biopic")
    r"|\b(?:that|a|the|his|her) (?:[\w']+ ){0,3}?(?:biopic|documentary|sitcom|miniseries|musical|soap)\b"
    # "alice's other novel radio silence": a book of theirs that is not this film's
    r"|\b(?:other|another|new|next) (?:novel|book|comic|webcomic)s?\b"
)
# How close a word after one of our first names must be to that person's surname to be it, mistyped: "waters"
# for "walters" (92), never "cooper" for "connor" (67) nor "lockhart" for "locke" (62)
_MISTYPED_SURNAME = 85
# A first name right before one of our surnames: one letter off in five ("emily sherman" for Emile Sherman)
_MISTYPED_FIRST_NAME = 80
_MISHEARD_SURNAME = 60
_MISHEARD_CONSONANTS = 85


def _mistyped(word: str, surname: str, threshold: float | None = None) -> bool:
    from rapidfuzz import fuzz  # imported on first use, as the typo repair does

    ratio = fuzz.ratio(word, surname)
    if ratio >= (_MISTYPED_SURNAME if threshold is None else threshold):
        return True
    # ... or misheard by voice typing: "osmond" for "oseman" (67), whose consonants sound alike ("smnd", "smn"),
    # never "cooper" for "connor" ("cpr", "cnr")
    return (
        threshold is None
        and ratio >= _MISHEARD_SURNAME
        and word[:1] == surname[:1]
        and fuzz.ratio(_consonants(word), _consonants(surname)) >= _MISHEARD_CONSONANTS
    )


def _consonants(word: str) -> str:
    """A word's consonants, each run of one letter once: how it sounds, more or less ("oseman" -> "smn")."""
    kept = [char for char in word if char not in "aeiouy"]
    return "".join(char for position, char in enumerate(kept) if not position or kept[position - 1] != char)


_EPISODES_OF_THEIRS = frozenset(["episodes", "eps", "series", "seasons"])
_IN_THAT_WORK = re.compile(r"\b(?:in|on) (?:it|that|there)(?: too| as well)?(?: right| yeah| yes)?$")
_FANS_OWN = frozenset(["my", "a", "our", "your"])  # whose friend: "my friend", "a friend"
_FAVOURITE = frozenset(["favourite", "favorite", "fave", "fav", "favourites", "favorites"])
_SOCIAL = frozenset(["instagram", "twitter", "tiktok", "insta", "x", "threads", "socials"])
_POSTING = frozenset(
    ["post", "posts", "posted", "wrote", "write", "said", "say", "shared", "share", "goodbye", "bye"]
)
# Verbs of saying: what follows "exactly" among them is the words said
_SAID = _POSTING | frozenset("says caption captioned mean meant tweet tweeted".split())  # noqa: SIM905
_ROLE_WORDS = frozenset(["director", "writer", "producer", "creator", "author", "screenwriter"])
_ROLE_NOUNS = {"director": "director", "writer": "writer", "creator": "creator", "producer": "a producer"}
# Concepts that may stay uncovered by the facts chosen without the question counting as unanswered.
_WEAK_IF_LEFT = frozenset(["confirmed", "involved", "count"])
# Concepts that say what a fact is about; a fact about another of them is a worse answer.
_TOPIC_CONCEPTS = frozenset(
    [
        "director",
        "writer",
        "creator",
        "producer",
        "cast",
        "wrap",
        "filming",
        "start",
        "halfway",
        "release",
        "watch",
        "season4",
        "commission",
        "plot",
        "book",
        "filmography",
        "farewell",
        "episode",
        "genre",
        "title",
        "format",
        "finale",
    ]
)


def _for_question(result: AnswerResult, cleaned: str) -> AnswerResult:
    """A cached result, re-addressed to this wording of the question."""
    if isinstance(result, NoAnswer):
        return NoAnswer(cleaned, result.suggestions, result.missing)
    if isinstance(result, Refusal):
        return Refusal(cleaned, result.reason)
    return result


def _in_fans_words(result: AnswerResult, cleaned: str) -> AnswerResult:
    """A result read from an English rewording, addressed to the question as the fan wrote it: a part named as
    not answered is quoted in their words, never in the bot's English reading of them."""
    result = _for_question(result, cleaned)
    if isinstance(result, NoAnswer) and result.missing:
        missing = tuple(dict.fromkeys(missing_parts.requote(item, cleaned) for item in result.missing))
        return replace(result, missing=missing)
    if isinstance(result, PartialAnswer):
        missing = tuple(dict.fromkeys(missing_parts.requote(item, cleaned) for item in result.missing))
        return replace(result, missing=missing)
    return result


@functools.lru_cache(maxsize=1024)
def _misspelt_english(word: str) -> bool:
    """Whether a word no English list holds is one letter or so from an everyday English word ("actualy",
    "remeber")."""
    from rapidfuzz import fuzz, process  # imported on first use, as the typo repair does

    return process.extractOne(word, _english_list(), scorer=fuzz.ratio, score_cutoff=88) is not None


@functools.lru_cache(maxsize=1)
def _english_list() -> list[str]:
    # everyday words only: a name one letter from a rare word ("harington", "harrington") is still a name
    return [word for word, rank in english_words().items() if rank <= 2 * COMMON_RANK]


# The whole timeline asked for, not one event of it
_WHOLE_TIMELINE = re.compile(
    r"\b(?:timeline|chronology|(?:key|important|main|major|big) (?:dates|events|milestones)|all (?:the )?dates"
    r"|every date|dates so far|what happened when)\b"
)


# "what day of the week did filming start", "did they wrap on a sunday": the weekday of a dated event
_WEEKDAY_ASKED = re.compile(r"\bday of (?:the|a) week\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _with_weekdays(answer: Answer) -> Answer:
    """The answer with the weekday of each event it dates to the day, worked out from the date the notes give
    ("9 June 2025 was a Monday"), each citing that event's source."""
    statements: list[Statement] = []
    told: set[str] = set()
    for statement in answer.all_statements:
        statements.append(statement)
        day = _event_day(statement.text)
        if day is not None:
            weekday = _WEEKDAYS[datetime.date(*day).weekday()]
            text = f"{day[2]} {_MONTH_NAMES[day[1] - 1]} {day[0]} was a {weekday}."
            if text not in {s.text for s in statements}:
                statements.append(Statement(text, statement.source, f"weekday-{statement.fact_slug}"))
            told.add(weekday.lower())
    if not told:
        return answer
    text = " ".join(statement.text for statement in statements)
    if isinstance(answer, PartialAnswer):
        # "did they wrap on a sunday", "did filming start on a friday": the added line answers (or corrects) the
        # weekday named
        weekdays = {weekday.lower() for weekday in _WEEKDAYS}
        missing = tuple(
            label for label in answer.missing if not weekdays & set(re.findall(r"\w+", label.lower()))
        )
        if not missing:
            return Answer(text, answer.source, answer.fact_slug, 1.0, tuple(statements))
        return replace(answer, text=text, statements=tuple(statements), missing=missing)
    return replace(answer, text=text, statements=tuple(statements))


def _answer_of(facts: list[FactMatch]) -> Answer:
    """Facts found together (the events of a span) as one answer."""
    statements = tuple(Statement(fact.statement, fact.source, fact.slug) for fact in facts)
    first = statements[0]
    return Answer(
        " ".join(statement.text for statement in statements),
        first.source,
        first.fact_slug,
        1.0,
        statements if len(statements) > 1 else (),
    )


def _refusal(cleaned: str, tokens: list[str]) -> str | None:
    if _MASS_PING.search(fold(cleaned)):  # "ping @everyone and tell them": never, whatever follows
        return "a request the bot does not do"
    if "```" in cleaned:  # a block of code pasted: the fan's code, never our film
        return "a request the bot does not do"
    text = spell_out_chat(fold(strip_mentions(cleaned)))
    # "22/04/2025" is a day, "split 50/50" an even split and "s1-3" a run of seasons, not a sum
    if _ARITHMETIC.search(_NUMBERED_RUN.sub(" ", _EVEN_SPLIT.sub(" ", _NUMERIC_DATE.sub(" ", text)))):
        return "arithmetic"
    for request in _REQUESTS.finditer(text):
        if _ASKS_ABOUT_MAKING.search(text) and _MAKING_VERB.match(request.group(0)):
            continue
        if _MAKING_VERB.match(request.group(0)) and _FANS_OWN_PLAN.search(text, 0, request.start()):
            continue  # "i wanna make an anniversary post": what the fan will do, not asked of the bot
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, request.start())), default=0)
        if _FANS_OWN_DOING.match(text[clause_start : request.start()].strip()):
            continue  # "i'm writing a fan essay about endings": what the fan is doing, not asked of the bot
        if _OUR_STORY_ASKED.match(text, request.start()):
            continue  # "give me the story setup of hsf": the film's own story, not a story to write
        if request.group(0).endswith(" bot") and _ASKS_THE_SOURCES.search(text):
            continue  # "quick q for the bot itself: what are your sources": where its facts come from
        if request.group(0).endswith(" bot") and _BOT_ASKED_TO_ANSWER.match(text, request.end()):
            continue  # "i wonder if the bot could clarify ...", "could someone (or the bot!) tell me ...": asked
        if request.group(0).startswith("give") and "'s " in request.group(0):
            continue  # "give me joe locke's wrap post": a piece of theirs, asked for as it was, not one to write
        if _PLEA.match(text, request.start()):
            continue  # "which volume is it adapting?? pls say vol 6": the answer the fan hopes for, not an order
        if _TAKEN_BACK.match(text, request.end()):
            continue  # "do my maths hw pls 😂 jk. how many seasons are there": the request is taken back
        if request.group(0).startswith("worth") and _EARLIER_WORK.search(text, 0, request.start()):
            continue  # "has the director got any earlier stuff worth watching": which works, not a verdict
        if request.group(0) in _TOLD_IN_PASSING and _said_in_passing(text, request.start(), request.end()):
            continue  # "i was on holiday with no wifi when it dropped. when was the title announced?"
        return "a request the bot does not do"
    plain = [token for token in tokens if token.isalnum()]
    if plain and all(token in _GREETING or token in FILLER_WORDS for token in plain):
        return "not a question"
    if len(plain) == 1 and keyboard_mash(plain[0]):
        return "keyboard mash"
    return None


# A short hope after the question: "...?? pls say vol 6", "...? please say kit"
# ("darcy... pls say darcy is in it 😭": after a trailing-off name, a claim hoped for, not "say something funny")
_PLEA = re.compile(
    r"\?+\W*(?:(?:pls|please|plz|just|omg|god)\W+)*say\s+(?:[\w']+\W*){1,4}$"
    r"|(?:\.{2,}|…)\W*(?:(?:pls|please|plz|just|omg|god)\W+)*say\s+[\w']+(?:\s+[\w']+)?\s+"
    r"(?:is|are|was|were|will|comes|gets)\b(?:\W*[\w']+){0,3}\W*$"
)
# The bot named as the one to answer ("could the bot tell me", "(or the bot, i suppose!) please tell me"), not as
# what is asked about ("what is this bot")
_BOT_ASKED_TO_ANSWER = re.compile(r"\s*(?:[,)!]|(?:could|can|would|will|might|may|please|pls)\b)")
# A request taken back right after it: "do my maths hw pls 😂 jk", "write me a poem lol just kidding"
_TAKEN_BACK = re.compile(r"[^.?!]{0,20}?\b(?:jk|j/k|just kidding|just joking|only joking|kidding)\b")
# The topics whose mere mention makes a message a request we do not do ("wifi password", "weather tomorrow",
# "who won the world cup"): every one of them, unless the fan only mentions it in a sentence of their own story
# beside a question about our film ("my dad is glued to the world cup. when is heartstopper forever out?")
_TOLD_IN_PASSING = frozenset(
    [
        *("wifi", "weather", "football", "recipe", "calories", "password", "bitcoin", "crypto", "president"),
        *("f1", "premier league", "world cup", "stock price", "prime minister", "capital of", "final score"),
    ]
)
_SENTENCE_END = re.compile(r"[.!?]+")


def _said_in_passing(text: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` sit in a statement (no question mark, no question word opening it),
    and another sentence of the message is a question naming our film."""
    sentences: list[tuple[int, int, str]] = []  # each sentence's span and what ends it
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append((begin, match.start(), match.group(0)))
        begin = match.end()
    sentences.append((begin, len(text), ""))
    own = next((s for s in sentences if s[0] <= start and end <= s[1]), None)
    if own is None or "?" in own[2]:
        return False
    said = words(text[own[0] : own[1]])
    if not said or said[0] in _AUX | _SPLIT_BEFORE:  # a question of its own
        return False
    return any(
        "?" in stop and _OUR_TITLE & set(words(text[first:last]))
        for first, last, stop in sentences
        if (first, last, stop) != own
    )


# "the novella oseman wrote", "the comics she drew": a book named by who wrote it
_BOOK_THEY_WROTE = re.compile(
    r"\b(?:book|books|novel|novels|novella|novellas|comic|comics|volume|volumes)\s+(?:that\s+|which\s+)?"
    r"(?:[a-z]+\s+){1,2}(?:wrote|penned|drew|did|made|published)\b"
)
# "how many were made", "how many did they film": a count whose noun is left out
_NO_NOUN_COUNTED = re.compile(r"\bhow many (?:were|was|are|is|did|do|does|have|has|had|got|will)\b")
_INFORMATION_FROM = re.compile(
    r"\b(?:information|info|facts|answers|details|knowledge)\b(?:\s+\w+){0,8}?\s+(?:comes?|came|coming) from\b"
)
# A source asked for after a question ("source pls", "where u got it", "is that from wikipedia"): every answer
# names its source and as-of date, so it asks nothing more
_SOURCE_TAG = re.compile(
    r"(?:(?:and|also|plus|with|but) )*(?:"
    r"(?:(?:any|a|the|your|its|what is (?:your|the)|got a|need a|with) )?"
    r"(?:sources?|src|citations?|citation needed|links?|receipts|proof|refs?|references?)"
    r"(?: (?:for|of|on) (?:that|this|it|both|them|all|each|those|these|all of (?:it|them|that)))?(?: please)?"
    r"|where (?:did |do )?you (?:get|got|find|found|read|hear|heard|see|saw) (?:it|that|this|them|those|these"
    r"|the info|this info|that info|your info|the information)(?: from)?"
    r"|where (?:is|was) (?:that|this|it) from|where (?:does|did) (?:that|this|it) come from"
    r"|(?:is|was) (?:that|this|it) (?:from|on) (?:wikipedia|wiki|the news|a news report|the article|an article)"
    r"|who (?:reported|said|announced) (?:that|this|it)|how do you know(?: that| this| it)?"
    r")"
)


def _after_a_connector(clause: str) -> list[str]:
    """A clause's words, and after a word joining it on ("also whos playing charlie") the question's own, spelt
    out."""
    joined_on = _LEADING_CONNECTORS.sub("", clause)
    return words(clause) if joined_on == clause else expand_shorthand(words(joined_on))


_LEADING_CONNECTORS = re.compile(r"^\W*(?:(?:also|and|plus|btw|anyway|anyways|oh|ok|okay|so|but|then)\W+)+")
_BARE_YEAR = frozenset(["year", "date", "release", "the", "and", "its", "it", "what", "which"])
_SUMMARY_TAG = re.compile(
    r"(?:(?:and|also|plus|just|pls|please) )*(?:summari[sz]e|sum (?:it |that |them )?up|tldr|tl dr|in short|briefly"
    r"|short version|keep it short|quick summary|short summary)(?: (?:it|that|them|please|pls|for me))*"
)
# "source for ...", "proof that ...": what follows is the claim to source
_SOURCE_OF = re.compile(
    r"(?:(?:any|a|the|got a|need a) )?(?:sources?|src|proof|evidence) (?:for|of|on|that) "
)
_ASKS_THE_SOURCES = re.compile(r"\b(?:your|its|ur) (?:sources?|info|information)\b|\bwhere\b.*\bfrom\b")
_EARLIER_WORK = re.compile(r"\b(?:earlier|other|previous|older|past) (?:stuff|films|movies|work|works)\b")
_MASS_PING = re.compile(
    r"\b(?:ping|tag|mention|notify|alert|dm|message)\s+@?(?:everyone|everybody|here|all|the (?:whole )?server)\b"
)


def _asked_of_a_work_we_lack(part: _Part) -> bool:
    """Whether a name we lack stands where a work does: "in the film rocketman", "when he did rocketman" (not
    in a question reworded from another language, which may keep a word the rewording lacks)."""
    if _REWORDED.get():
        return False
    return any(
        re.search(
            rf"\b(?:in|did|does|do|for|from|on)(?: the (?:film|movie|show|series))? {re.escape(name)}\b",
            part.text,
        )
        for name in part.unknown_names
    )


def _near_spelling(word: str, name: str) -> bool:
    """ "emil" for "emile", "wash" for "washe": one letter added or dropped at the end."""
    short, long = sorted((word, name), key=len)
    return len(long) - len(short) == 1 and long.startswith(short) and len(short) >= 3


# Words naming our film or show outright; a film word counts only when it is definite ("the film", "this
# show"), never "a show" or "another film".
# Set while a question reworded from another language is read (per task, so concurrent questions never mix)
_REWORDED: contextvars.ContextVar[bool] = contextvars.ContextVar("reworded", default=False)
_WHERE_TO_WATCH = frozenset(["netflix", "watch", "stream", "streaming", "streamed", "available", "rent"])
# Words a title follows: "the cast of X", "i watched X", "have you seen X"
_BEFORE_A_TITLE = frozenset(
    ["of", "the", "in", "watch", "watched", "watching", "seen", "saw", "see", "called"]
)
# Where a synopsis sentence turns from one character to another: "Nick is leaving for university while Charlie..."
_CONTRASTS = frozenset(["while", "whilst", "whereas", "but", "when"])
_SYNOPSIS_CLAUSE = re.compile(r"[.;,]\s+|\s+(?:while|whereas|and|but|as)\s+")
# Words quoted in a message: 'like this', "this", “this” (an apostrophe inside a word never opens a quote)
_ASKS_MEANING = re.compile(r"\b(?:mean|means|meaning|meant)\b", re.IGNORECASE)
_QUOTED = re.compile(r"(?<!\w)['‘\"“](?P<text>[^'’\"”]{3,120})['’\"”](?!\w)")
_HONORIFICS = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "young", "old"]
)
# Endings of describing words and deeds, which a surname does not have: "bisexual", "gorgeous", "hospitalised"
_DESCRIBING_ENDING = re.compile(r"(?:ed|ing|ly|ous|ic|al|ive|ful|less|able|ible|ish|est|ier|ise|ize|ate)$")
_NAME_JOINERS = frozenset(["and", "the", "of", "&", "n"])
_OUR_TITLE = frozenset(["heartstopper", "hsf", "hs"])
_DEFINITE = frozenset(["the", "this", "that", "our", "ur", "your", "its", "their", "new", "upcoming", "last"])


def _chunks(tokens: list[str]) -> list[list[str]]:
    """The clauses of a read question, split where it put ","."""
    chunks: list[list[str]] = [[]]
    for token in tokens:
        if token == ",":
            chunks.append([])
        else:
            chunks[-1].append(token)
    return [chunk for chunk in chunks if chunk]


def _anchored_to_our_film(tokens: list[str]) -> bool:
    """Whether a message names our film or show: its title, or a definite word for it, or "it"."""
    for position, token in enumerate(tokens):
        if token in _OUR_TITLE or token == "it":
            return True
        if token == "this" and (
            tokens[position - 1 : position] in (["is"], ["was"], ["will"], ["does"], ["did"])
            or tokens[position + 1 : position + 2] in (["is"], ["one"])
        ):
            return True  # "is this a tv movie", "this one's on netflix right": the film the server is for
        if token in FILM_WORDS - {"forever", "special"} and position and tokens[position - 1] in _DEFINITE:
            return True
        if token == "forever" and _forever_named(tokens, position):
            return True
    return False


# "the guy behind the camera on forever", "exec producer headcount for forever?", "how many eps does forever have":
# "forever" alone names our film after a preposition or an auxiliary, where a clause ends or a verb follows
# (never "together forever", "forever my girl", "i'll love it forever")
_BEFORE_FOREVER = frozenset(
    ["on", "for", "in", "of", "about", "from", "does", "did", "is", "was", "has", "will"]
)
# (a verb of its own, the clause's end, or the next question)
_AFTER_FOREVER = frozenset(
    """, have has had come comes out drop drops release releases start end is was are who what when where why how
    which""".split()  # noqa: SIM905 - a word list reads best as text
)


def _forever_named(tokens: list[str], position: int) -> bool:
    return (
        position > 0
        and tokens[position - 1] in _BEFORE_FOREVER
        and (position == len(tokens) - 1 or tokens[position + 1] in _AFTER_FOREVER)
    )


def _some_other(tokens: list[str], position: int) -> bool:
    """Whether the film word at ``position`` names a film other than ours by its determiner: "that animated
    film", "a netflix movie", "another show" (not "the film", "this movie", "the new film")."""
    for before in reversed(tokens[max(0, position - 3) : position]):
        if before in _OUR_TITLE or before in ("the", "this", "our", "ur", "new", "upcoming", "final", "last"):
            return False
        if before in ("that", "a", "an", "another", "his", "her", "some", "other"):
            return True
    return False


def _names_our_film(part: _Part) -> bool:
    """A word for the film or show that is not another title's: not "the barbie movie", "the minecraft film",
    nor "who directed the film barbie", "the cast of the show wicked" (a title named after the word)."""
    titles = set(part.foreign) | set(part.unknown_names)
    tokens = part.tokens
    for position, token in enumerate(tokens):
        if token not in FILM_WORDS or (position and tokens[position - 1] in titles):
            continue
        if _titled_after(tokens, position, titles, part.strangers):
            continue
        return True
    return False


def _titled_after(tokens: list[str], position: int, titles: set[str], strangers: set[str]) -> bool:
    """Whether the film word at ``position`` is followed by a title of its own, where a work is named as the
    object of a verb or preposition: "directed the film barbie", "the cast of the show euphoria". A rare word
    there is a title; an everyday one only when it is named as one ("in the movie called cars"), since "who
    is in the film crew" asks about ours."""
    if (
        position < 2
        or tokens[position - 1] not in ("the", "a", "that")
        or tokens[position - 2] not in _WORK_SLOT
    ):
        return False
    following = tokens[position + 1 : position + 3]
    if following[:1] and following[0] in _NAMING and len(following) > 1:
        following = following[1:]  # "the movie called cars": whatever the word, it is the title
        titles = titles | strangers
    return (
        bool(following)
        and following[0] in titles
        and following[0] not in _NEVER_TITLES
        and not following[0].endswith("ly")  # "any news about the film lately": how, not which
    )


def _topic_of_another_work(topic: _Part, part: _Part) -> bool:
    """Whether ``topic`` only names someone ("the guy who plays nick", "the one who wrote it") whom ``part``, a
    question about another work, asks of by a pronoun: "..., who was he in that elton john biopic"."""
    return (
        (part.elsewhere or bool(_SOMEONES_WORK & set(part.concepts)))
        and bool(_PERSONAL_PRONOUNS & set(part.tokens))
        and topic.tokens[:1] in (["the"], ["that"], ["this"])
        and bool(topic.entities)
        and topic.entities <= part.entities
        and set(topic.concepts) <= {"cast"}
    )


def _about_a_thing_of_its_own(parts: list[_Part]) -> bool:
    """A message of several clauses that names nothing of ours and several things our notes never speak of:
    its "it" is the thing it named, not our film ("my python script keeps throwing a keyerror ... can you tell me
    how to fix it", "trying to bake a lemon drizzle ... it keeps sinking in the middle")."""
    if len(parts) < 2:
        return False
    if any(part.entities or _names_our_film(part) or _OUR_TITLE & set(part.tokens) for part in parts):
        return False
    return (
        len({word for part in parts for word in (*part.foreign, *part.unknown_names)}) >= _THINGS_OF_ITS_OWN
    )


# How many words our notes never use (rare or unknown) make a message with nothing of ours about its own thing
_THINGS_OF_ITS_OWN = 3


def _asks_of_what_follows(part: _Part) -> bool:
    """ "which came out first", "which is older": a comparison with no subject of its own, nothing of ours named."""
    return (
        part.kind in ("what", "which")
        and not (part.entities or part.pronoun or part.unknown_names or _names_our_film(part))
        and not _OUR_TITLE & set(part.tokens)
        and bool(_ORDER_WORDS & set(part.tokens))
        and set(part.concepts) <= {"release", "overview", "exact"}
    )


def _off_topic(parts: list[_Part]) -> str | None:
    """Why a message is not about the film, or None. A known entity, a word for the film or "it" keeps it
    on-topic; without one, film words around an unknown title ("who directed titanic") are another work.
    So is a message whose every part asks about a work other than ours ("who plays nick in new girl")."""
    if all(part.elsewhere for part in parts):
        return "another film or show"
    asking = [part for part in parts if part.kind is not None]
    if (
        any(part.elsewhere for part in asking)
        and any(_asks_of_what_follows(part) for part in asking)
        and all(part.elsewhere or _asks_of_what_follows(part) for part in asking)
    ):
        # "which came out first, sex education or euphoria": what is compared is the other works named after
        return "another film or show"
    if (
        asking
        and all(part.elsewhere for part in asking)
        and all(not (part.solid or part.entities) for part in parts if part.kind is None)
    ):
        # "after heartstopper i started young royals and im hooked. how many seasons does young royals have": what
        # is asked is of another work, and the rest is the fan's remark (even one naming ours)
        return "another film or show"
    if _about_a_thing_of_its_own(parts):
        return "not about the film"
    for part in parts:
        if part.entities or part.pronoun or _names_our_film(part):
            return None
    if not any(part.concepts for part in parts):
        if all(not name.isascii() for part in parts for name in part.unknown_names) and any(
            part.unknown_names for part in parts
        ):
            return None  # another script: perhaps about the film, but not readable here ("I don't know")
        return "not about the film"
    if not any(part.solid for part in parts):
        return "another film or show"
    if asking and all(
        part.concepts
        and set(part.concepts) <= _ASKED_OF_ANYTHING
        and part.words
        and part.words <= part.strangers
        for part in asking
    ):
        # "how long is a flight from london to LA": a length asked of a thing the notes never mention
        return "not about the film"
    for part in parts:
        for match in _OTHER_SEASON.finditer(part.text):
            word = match.group("show")
            if (
                word not in STOP_WORDS
                and word not in CONCEPT_WORDS
                and word not in FILLER_WORDS
                and word
                not in _TIME_PREPOSITIONS  # "the audience shrank after season 2": a time, not "After"
                # "someone claimed season 3 ...", "i rewatched season 2": the fan's deed, not a show's name
                and not (len(word) > 4 and word.endswith("ed"))
            ):
                return "another show"
        for match in _OTHER_TITLED_SEASON.finditer(part.text):
            # "is the last of us s3 out": a title of several words, not "the new season 4"
            # (a word of its own, or ending as no sentence before "season 4" does: "...of us");
            # "did the cast want a season 4" is ours
            title = match.group("title").split()
            if title[-1] in (STOP_WORDS - _OBJECT_PRONOUNS) | _TIME_PREPOSITIONS:
                continue  # "what's the deal with season 4", "the audience shrank after season 2": ours
            if not FILM_WORDS & set(title) and (
                set(title) - STOP_WORDS - CONCEPT_WORDS - _SEASON_DESCRIPTORS or title[-1] in _OBJECT_PRONOUNS
            ):
                return "another show"
    return None


# A clause asking only for more of the one before: "explain it", "elaborate on that", "go on"
_MORE_OF_IT = frozenset(
    [
        "explain",
        "elaborate",
        "expand",
        "on",
        "it",
        "that",
        "this",
        "pls",
        "please",
        "properly",
        "fully",
        "more",
        "go",
        "tell",
        "me",
        "us",
        "in",
        "detail",
    ]
)
# "what was that about", "what does that mean": more of what the part before said (not "what is it about")
_WHAT_THAT_WAS = re.compile(
    r"(?:what|whats)(?: is| was| s)? (?:that|this) (?:all )?about$|(?:what|how) (?:does|did) (?:that|this) "
    r"(?:mean|work)$|what (?:is|was) meant by (?:that|this)$"
)
# Concepts a question's frame alone may bring ("how long is ..."): asked of anything, not only of our film
_ASKED_OF_ANYTHING = frozenset(["runtime"])
# Orders aimed at the bot itself: a message carrying one is refused whole, whatever else it asks.
_INSTRUCTION = re.compile(
    r"\bignore\b|\bsystem prompt\b|\bpretend\b|\b(?:repeat|say) after me\b|\broleplay\b|\bact as\b|\b(?:act|talk|speak) like\b|\byou(?:'re| are) (?:a|now)\b|\bping\b"
    r"|\b(?:ban|kick|mute)\b|\bdm me\b|\bdo (?:the|some|my|ur|your) (?:maths?|sums?|calculations?)\b|"
    + _ORDER_TO_THE_BOT
)
# Where one clause of a message ends: punctuation, or "and"/"also"/"plus"/"then" between clauses.
# Words of emphasis, left out when a question is matched to a fact's example questions: "what is it exactly" is
# "what is it" (though "exactly" also asks for someone's very words, which reading the question keeps)
_EMPHASIS = INTENSIFIERS | {"exactly"}
# The fan's verdict on what they just asked: "seems greedy", "sounds fun tbh", "that looks so sad"
_VERDICT_REMARK = re.compile(
    r"(?:(?:it|that|this|which|she|he|they|lowkey|kinda) )*(?:seems|sounds|looks|feels)\b"
)
_CLAUSE = re.compile(
    # ("who plays nick + whats ur fav colour", "cast / ur fave ship": a joining symbol between spaces too)
    r"[,;?!]+|\.(?:\s|$)|\s+[+&/]\s+|\s+(?:and|also|plus|then|but)\s+(?=(?:can|could|will|would|pls|please|"
    r"who|what|whats|what's|whos|who's|when|whens|when's|where|wheres|where's|why|how|hows|which|is|are|was|were|does|do|did|has|have|tell|give|write|make"
    r"|ignore|say|sing|draw|roast|ping)\b)"
    # (an emoji ends a sentence in chat: "is that a person or a welsh weather warning 😭 what's their job")
    r"|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s*"
)
# ... and brackets: "(the one that comes right before)" says again what the fan asks
# ... and emoji, which end a sentence in chat: "me and my friend r arguing 🙃 when was the title made public"
# The comma of an American date: "april 22, 2025", "Jul 27th, 2025"
_DATE_COMMA = re.compile(
    rf"\b((?:{'|'.join(sorted({month[:3] for month in MONTHS}))})[a-z]*\.? [0-3]?\d(?:st|nd|rd|th)?),\s*"
    r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_ORDER_STEMS = re.compile(r"order|chronolog", re.IGNORECASE)  # (a cheap look before the whole pattern)


# A year in brackets right after a title, "colette (2018)", "the 2014 one" kept as part of the name
# ("lands this yr (2025)", "due next summer (2026)": a time said again, which stays an aside)
_TITLE_YEAR = re.compile(r"\b([\w']+)\s*\(\s*((?:19|20)\d\d)\s*\)")


def _title_year(found: re.Match[str]) -> str:
    if fold(found[1]) in _TIME_WORDS_BEFORE_A_YEAR:
        return found[0]
    return f"{found[1]} {found[2]} "


_TIME_WORDS_BEFORE_A_YEAR = frozenset(
    [
        "yr",
        "yrs",
        "year",
        "years",
        "this",
        "next",
        "last",
        "summer",
        "winter",
        "spring",
        "autumn",
        "fall",
        "month",
        "date",
        "time",
        "xmas",
        "christmas",
        "release",
        "out",
        "then",
    ]
)
# Where a clause ends. A colon ends one before a question word, or after the fan's "two things:", "two qs:",
# "i'm confused:" (not "trivia for our quiz night: the movie is ...", which runs on)
_CHUNK = re.compile(
    r"[,;?!…]+|\.(?:\s|$)|:(?=\s+(?:who|whose|what|when|where|why|which|how)\b)|(?<=\bthings):\s|(?<=\bqs):\s|(?<=\bconfused):\s|(?<=\bquestions):\s|\s[-–—]\s|\s/\s|\s*[+&]\s*|\s*[()]\s*|\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+\s*"
)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_AMPERSAND = re.compile(r"(\w+)\s*&\s*(\w+)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DETERMINERS = frozenset(["which", "what", "that", "this", "the", "each", "any", "every", "other"])
_FILMED = frozenset(["filmed", "shot", "filming", "shooting", "film", "shoot"])
_ACTOR_WORDS = frozenset(["actor", "actress", "recast", "recasting", "recasted"])
_PLAYED_BY = re.compile(r"\b(?:played|plays|playing|portrayed) by\b")
_CHARACTER_WORDS = frozenset(["character", "characters", "role", "roles"])
# "the film out yet", "... out in 2026": the release (not "out of the top 10")
_AFTER_OUT = frozenset(["yet", "in", "on", "by", "when", "already", "now", "today", "soon", "pls", "please"])
# between the film and "out": "what year is hsf actually out"
_BEFORE_OUT = frozenset(["actually", "even", "finally", "officially", "really", "definitely", "coming"])


def _film_then_out(tokens: list[str], position: int) -> bool:
    """Whether the film word at ``position`` is followed by its "out": "when is the film out", "what year is hsf
    actually out", "is the finale out yet"."""
    following = position + 1
    while tokens[following : following + 1] and tokens[following] in _BEFORE_OUT:
        following += 1
    after = tokens[following + 1 : following + 2]
    return tokens[following : following + 1] == ["out"] and (after in ([], [","]) or after[0] in _AFTER_OUT)


_DROP_WORDS = frozenset(["drop", "drops", "dropped", "dip", "dipped", "fall", "fell", "decline", "declined"])
_SIZE_WORDS = frozenset(
    ["big", "bigger", "large", "much", "bad", "steep", "huge", "significant", "severe", "massive"]
)
_WAIT_WORDS = frozenset(["longer", "long", "till", "until", "til", "wait", "left", "soon", "time"])
_CREW_ROLES = frozenset(["director", "writer", "creator", "producer"])
_PLAY_WORDS = frozenset(["plays", "play", "playing", "played", "portrays", "portray", "portraying"])
_EXCLUDERS = frozenset(["besides", "except", "apart", "aside", "excluding"])
_SETS_ASIDE = re.compile(r"\b(?:beyond|besides|other than|apart from|aside from)\b")
# ("doing more than acting": something besides acting)
_EXCLUDE = re.compile(
    r"\b(?:besides|except(?: for)?|apart from|aside from|other than|excluding|(?:doing|does|do|did) more than)\b"
)
# "an ep who isn't kit", "how many aren't kit": those named after it are set aside from the ones asked about
_WHO_IS_NOT_TEXT = (
    r"(?:who|that|which|many|ones?|producers?|execs?|eps?|people|actors?|members?) (?:is|are|was|were) not"
)
_WHO_IS_NOT = re.compile(_WHO_IS_NOT_TEXT + "$")
_EXCLUDE_AT_END = re.compile(
    r"\b(?:besides|except(?: for)?|apart from|aside from|other than|excluding|"
    + _WHO_IS_NOT_TEXT
    + r")\b[^,]*$"
)
_CAST_SLOT = re.compile(
    r"^(?:is|are|will|does|did)\s+(?P<x>.+?)\s+(?:in it|in the (?:film|movie|show|finale)|back|coming back|"
    r"returning|gonna be in|going to be in|in heartstopper)\b|"
    r"\bwho (?:is |will )?(?:plays|playing|play|played|portrays)\s+(?P<y>.+?)(?:\s+(?:in|now|then)\b|$)|"
    r"\bwho (?:[\w']+ ){0,2}?(?:cast as|(?:got|gets|landed|has) the (?:role|part) of)\s+(?P<z>.+?)(?:\s+(?:in|now|then)\b|$)"
)
# "the role of X", "the character called X": X names the character asked about
_ROLE_FRAME = re.compile(
    r"\b(?:role|roles|part|parts|character|characters)\s+(?:of|called|named)\s+(?P<name>.+)"
)
# "bridgerton season 4": some other show's season (ours are asked with "it", "heartstopper" or nothing)
_OTHER_SEASON = re.compile(
    r"\b(?P<show>[a-z]+) (?:season \d|(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th) season\b)"
)
_TIME_PREPOSITIONS = frozenset(
    ["after", "before", "since", "during", "until", "till", "til", "through", "throughout"]
)
_OTHER_TITLED_SEASON = re.compile(r"\bthe (?P<title>(?:[a-z']+ ){2,4})season \d")
_OBJECT_PRONOUNS = frozenset(["us", "you", "them", "me"])
_SEASON_DESCRIPTORS = frozenset(
    "new next upcoming final whole entire latest current first second third fourth other previous earlier".split()  # noqa: SIM905
)
# Concepts that qualify another ("exact" release date): only a fact covering what they qualify covers them.
_MODIFIERS = frozenset(
    [
        "exact",
        "month-known",
        "time-of-day",
        "confirmed",
        "before",
        "count",
        "duration",
        "start",
        "halfway",
        "involved",
    ]
)
_DATE_MODIFIERS = frozenset(["exact", "month-known", "time-of-day"])
# (a cinema release is told by what the film is: a television film for Netflix)
_RELATED = {"premiere": "release", "exact": "release", "cinema": "release", "runtime": "format"}

_KIND_WORDS = {"who": "who", "whom": "who", "whose": "who", "when": "when", "where": "where", "why": "why"}
_AUX = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "will",
        "has",
        "have",
        "can",
        "could",
        "would",
        "should",
        "am",
        "isnt",
    ]
)


def _question_kind(tokens: list[str]) -> str | None:
    # "omg omg is hsf out soon", "ok so is kit back": an exclamation opening the clause is not its first word
    start = 0
    while start < len(tokens) - 1 and tokens[start] in FILLER_WORDS and tokens[start] not in _AUX:
        start += 1
    if start:
        tokens = tokens[start:]
    text = " ".join(tokens)
    if re.search(
        r"\bhow much longer\b|\bhow many (?:more )?(?:seconds|minutes|hours|days|weeks|months|years|sleeps)"
        r"(?: left| to go)? (?:until|till|til|before) (?:it|hsf|heartstopper|release|the (?:film|movie|release"
        r"|premiere|finale))\b",
        text,
    ):
        return "how-long"  # "how much longer till it drops", "how many days until it's out": a wait, not an amount
    if re.search(r"\bhow (?:many|much|big|large|steep|sharp|huge)\b", text):
        return "how-many"  # (an amount: "how big was the viewership drop")
    if re.match(
        r"(?:(?:pls|please|can you|could you|just|now) )*(?:count|tally) (?:up |out )?(?:the|all|how)\b", text
    ):
        return "how-many"  # "count up the seasons that aired before the movie": an order to count
    if re.search(r"\bhow long\b", text):
        return "how-long"
    if re.search(r"\bhow come\b", text):
        return "why"
    if re.search(
        r"\bwhat (?:year|date|day|month|time)\b|\bwhich (?:year|date|day|month)\b|\bat what point\b"
        # "what was the date on which filming came to an end", "what's the day when it premieres"
        r"|\bwhat (?:is|was|will be) the (?:exact )?(?:year|date|day|month) (?:on which|in which|when|that)\b"
        # "whats the actual day tho": the day itself
        r"|\bwhat (?:is|was|will be) the (?:actual|exact|precise|real|specific) (?:year|date|day|month)\b",
        text,
    ):
        return "when"
    if re.match(r"(?:(?:pls|please|can you|could you|just) )*tell (?:me|us) (?:about|abt)\b", text):
        return "what"  # "tell me about heartstopper forever": what it is
    if _PLACE_IN_ORDER.search(text):
        return "what"  # "where does it sit in the running order": which place among the episodes, not a place
    if tokens[:2] == ["back", "when"]:
        # "back when s4 was in limbo did the leads say ...": the time clause's own verb comes first; the
        # question starts at the next one
        verbs = [position for position, token in enumerate(tokens) if token in _AUX]
        return _question_kind(tokens[verbs[1] :]) if len(verbs) > 1 else None
    for position, token in enumerate(tokens):
        if (
            token == "when"
            and tokens[0] in _AUX
            and position >= 3
            and tokens[position - 1] not in _ASKS_ABOUT_WHEN
        ):
            # "did the creator post anything online when the shoot ended": a yes/no question, "when" only
            # placing it (not "do you know when it's out", "has netflix said when")
            return "whether"
        if (
            token == "when"
            and tokens[0] in ("i", "we", "im", "i'm")
            and position >= 3
            and tokens[position - 1] not in _ASKS_ABOUT_WHEN
        ):
            continue  # "i loved still alice so much when i watched it": the fan's own story, "when" placing it
        if (
            token == "who"
            and tokens[0] in _AUX
            and position >= 2
            and tokens[position - 1] in _SOMEONE_DESCRIBED
        ):
            continue  # "did the guy who plays nick want another season": who is described, a yes/no asked
        if token in _KIND_WORDS:
            return _KIND_WORDS[token]
        if token in ("what", "which"):
            return "what"
    if tokens and tokens[0] in _AUX:
        return "whether"
    if len(tokens) > 3 and tokens[-3] in _AUX and tokens[-2] == "not" and tokens[-1] in _TAG_SUBJECTS:
        return "whether"  # "netflix ordered it in march, didn't they": a statement asked to be confirmed
    if len(tokens) > 3 and "not" in tokens[:-2] and tokens[-2] in _AUX and tokens[-1] in _TAG_SUBJECTS:
        return "whether"  # "it's not on prime is it": a denial asked to be confirmed
    if len(tokens) > 2 and tokens[-1] in _CONFIRMATION_TAGS:
        return (
            "whether"  # "its on netflix yeah?", "it's out in 2026 right": a statement asked to be confirmed
        )
    return None


_THOSE_AROUND_THEM = frozenset(
    "mates mate friends friend pals gang group parents mum mom dad family relationship classmates".split()  # noqa: SIM905
)
_BACK_THEN = re.compile(
    r"\bback (?:in|on) (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter|(?:19|20)\d\d)"
)
_TAG_SUBJECTS = frozenset(["they", "it", "he", "she", "we", "you", "i", "there"])
_DEGREE_WORDS = frozenset(["how", "so", "too", "very", "really", "pretty", "that"])
_WORTH_A_WATCH = re.compile(r"\bworth (?:watching|reading|seeing|a watch|a look|it)\b")
_THE_REST = re.compile(r"\bthe rest\b|\b(?:everyone|everybody|anyone|anybody) else\b")
_ORDER_VERBS = frozenset("sit sits fall falls fit fits rank ranks come comes slot slots".split())  # noqa: SIM905
_PLACE_IN_ORDER = re.compile(
    rf"\bwhere (?:does|do|did|will|would) (?:[\w']+ ){{1,4}}(?:{'|'.join(sorted(_ORDER_VERBS))})"
    r" (?:in|numerically|among)\b"
)
# Words before "when" that ask the time itself: "do you know when", "has netflix said when"
_ASKS_ABOUT_WHEN = frozenset(
    """
    know knows knew said say says tell told announced announce confirmed confirm revealed reveal sure idea clue
    mentioned decided decide find out hint hinted guess updates update news info
    """.split()  # noqa: SIM905
)
_CONFIRMATION_TAGS = frozenset(
    ["yeah", "yea", "ye", "yh", "right", "innit", "correct", "true", "yes", "no", "aye"]
)


def _kind_fits(part: _Part, fact: FactMatch, *, loose: bool = False) -> bool:
    kind = part.kind
    if loose:
        return True
    if part.wants_actor and ("who" not in fact.asks or fact.topic not in ("cast", "crew")):
        return False
    if kind in (None, "what", "whether", "which"):
        return True
    if "sources" in part.concepts and {"you", "your", "bot"} & set(part.tokens):
        return True  # "who do you get your info from": where the bot's facts come from, whoever wrote them
    if kind == "how-long":
        return "how-many" in fact.asks or "when" in fact.asks
    return kind in fact.asks


_RETURNING = frozenset(["back", "return", "returning", "returns"])


def _negated_roles(part: _Part, tokens: list[str]) -> None:
    """ "which of the execs aren't in the cast", "...and didn't write it": a role negated just before it is
    who is set aside from the list asked for, not asked about. Only for roles and the cast ("why didn't it
    get a season 4" is not a list)."""
    for concept, span in concepts_in(tokens):
        start = min(span)
        if concept == "cast" and _RETURNING & {tokens[i] for i in span}:
            continue  # "who is not coming back": who returns is the answer (the rest are not known to)
        if (
            concept in part.concepts
            and concept in _ROLE_CONCEPTS | {"cast"}
            and _NEGATIONS & set(tokens[max(0, start - 3) : start])
        ):
            part.negated.add(concept)
    if part.negated and set(part.concepts) - part.negated:
        for concept in part.negated:
            del part.concepts[concept]


def _plural(part: _Part) -> bool:
    # "who's confirmed vs rumoured": a contrast asks about both sides
    return bool(
        {"are", "both", "all", "list", "which", "they", "stars", "actors", "execs", "vs", "versus"}
        & set(part.tokens)
    )


_SPLIT_BEFORE = frozenset(
    [
        "who",
        "what",
        "when",
        "where",
        "why",
        "how",
        "which",
        "is",
        "are",
        "was",
        "were",
        "does",
        "do",
        "did",
        "will",
        "has",
        "have",
        "can",
        "could",
    ]
)


# After "also", words that go on the same clause ("was joe also in ...", "is kit also an exec") rather than
# start another
_ALSO_INSIDE = frozenset(["in", "a", "an", "on", "part", "credited", "producing"])


def _split(
    tokens: list[str],
    name_words: frozenset[str] = frozenset(),
    conjoined_names: tuple[tuple[str, ...], ...] = (),
) -> list[tuple[list[str], bool]]:
    """A message's parts, each with whether it was joined to the one before by "and"/"or" without a question
    word of its own ("who plays nick and charlie", "writer and director"): such a part borrows from it.

    "and" between two names inside a sentence ("netflix dropped it cos kit and joe didn't want to come back")
    joins the names, not two questions: one part is about both."""
    parts: list[tuple[list[str], bool]] = [([], False)]
    skip = 0  # words of a connective already read ("compared to")
    for position, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if token == ",":
            if parts[-1][0]:
                parts.append(([], following not in _SPLIT_BEFORE and following != ","))
            continue
        if (
            token == "or"
            and following.isdigit()
            and not _YEAR.fullmatch(following)  # "2026 or 2027": each year is read as when it is out
            and parts[-1][0]
            and parts[-1][0][-1].isdigit()
        ):
            parts[-1][0].append(token)  # "6 or 7 weeks", "30 or 50 percent": one figure, which of two
            continue
        if token == "or" and following in _APPROXIMATE:
            parts[-1][0].append(token)  # "2026 or later", "in june or so": one answer, roughly
            continue
        if (
            token in ("and", "or", "n", "nor")
            and parts[-1][0]
            and following in name_words
            and _excluding_names(parts[-1][0], name_words)
        ):
            parts[-1][0].append("and")  # "is anyone other than kit and joe cast": both names are set aside
            continue
        if token in ("and", "or") and _inside_name(tokens, position, conjoined_names):
            parts[-1][0].append(token)  # "is the nick and charlie novella part of it"
            continue
        if (
            token in ("and", "or")
            and parts[-1][0]
            and parts[-1][0][-1] in name_words
            and following in name_words
            and _says_something_before(parts[-1][0], name_words)
            and _predicate_follows(tokens, position + 1, name_words)
            # "who plays nick and charlie in the film": where they play is no predicate; two roles are asked
            and not (_PLAY_WORDS & set(parts[-1][0]) and _placed_after(tokens, position + 1, name_words))
        ):
            parts[-1][0].append(token)
            continue
        if token in ("and", "or", "but", "also", "plus", "then") and not parts[-1][0]:
            continue  # ", and is elle in it": the part starts after its conjunction
        if token in ("and", "or", "but") and following == "not" and parts[-1][0]:
            parts[-1][0].append(token)  # "a film and not a season": one question, with its contrast
            continue
        if (
            token == "also"
            and parts[-1][0]
            and (
                following in _ALSO_INSIDE
                # "alice oseman also made a post": a name and nothing else so far is the subject of what follows
                or all(word in name_words for word in parts[-1][0])
            )
        ):
            # "was joe also in agatha all along", "is kit also a producer": one question
            parts[-1][0].append(token)
            continue
        if token in ("and", "or", "but", "also", "plus", "then") and parts[-1][0] and following:
            parts.append(([], following not in _SPLIT_BEFORE))
            continue
        after = tokens[position + 2] if position + 2 < len(tokens) else ""
        if parts[-1][0] and (
            (token in ("vs", "versus") and following in _SPLIT_BEFORE)
            or (token == "compared" and following in ("to", "with") and after in _SPLIT_BEFORE)
        ):
            # "how many seasons did we get vs how many alice wanted", "... compared to how many were planned":
            # two questions set side by side (two nouns, "confirmed vs rumoured", stay one question)
            skip = 1 if token == "compared" else 0
            parts.append(([], False))
            continue
        parts[-1][0].append(token)
    return [part for part in parts if part[0]]


_WHOLE_SPAN = re.compile(r"\b(?:start|beginning) to (?:finish|end)\b")
_APPROXIMATE = frozenset(["later", "earlier", "sooner", "so", "something", "thereabouts"])
_FIRST_PERSON = frozenset(["i", "my"])
# (and what the fan did: "... i saw the posts and started sobbing", "... i only watched s1")
_ASIDE_VERBS = frozenset(
    """
    am was is are feel feels have has had keep keeps kept cant can't need needs want wants asked asks
    saw watched cried screamed sobbed started forgot forget got joined arrived missed
    """.split()  # noqa: SIM905
)


# "for my calendar: ...", "for a quiz -": what the fan wants the answer for, before what they ask
# and a label naming the question ("ep count question: ...", "cast q -", "two things: ...")
_PURPOSE = re.compile(
    r"^\s*(?:(?:for|4) (?:my|our|a|the|ur|your) [\w' ]{1,40}?|[\w' ]{1,30}? (?:question|questions|q|qs|things?)"
    # "doing a timeline for our pinned msgs: ...", "making a quiz -": what the fan is making with the answer
    r"|(?:doing|making|writing|building|putting together|working on|updating|compiling) (?:a|an|our|my|the) [\w' ]{1,40}?)"
    # a colon, or a dash with a space before it: "for my release-week calendar" hyphenates a word, ends nothing
    r"(?:\s*:|\s+[\-–—]|\s*[–—])\s*(?=\w)"
    # "for my release-week fan calendar i need ...", "for our zine can you ...": the purpose, then the request
    r"|^\s*(?:for|4) (?:my|our|ur|your) [\w' -]{1,40}? (?=(?:i|we) (?:need|want|wanna|would like|'d like)\b"
    r"|(?:can|could|would) (?:u|you)\b)",
    re.IGNORECASE,
)
# A quiz host's frame before the question ("true or false: ...", "finish the sentence: ... ___", "q3 -"): the
# game, not a request to write or guess anything; what follows is what is asked
_QUIZ_FRAME = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|alright|next|and|now)\W+)?(?:"
    r"(?:pop )?(?:quiz|trivia)(?: (?:time|question|q|round))?|bonus (?:question|round|q)|(?:question|q|round) ?#?\d+"
    r"|(?:finish|complete) (?:the|this|my) (?:sentence|quote|line|phrase)|fill (?:in )?(?:the|this|these) blanks?"
    # "fill in: still alice (____)", "complete: the film is directed by ___"
    r"|(?:fill in|fill|complete|finish)(?=\s*:)"
    r"|guess the (?:number|year|date|month|day|name|person|actor|title|answer)|true or false|t or f|t/f"
    r"|multiple choice|fact or (?:fiction|cap)|real or fake)\b[\s:;,.!?)\-–—]*",
    re.IGNORECASE,
)
# The blank of a fill-in question: "played by ___", "charlie ______", "nick is leaving for ..."
_QUIZ_BLANK = re.compile(r"\s*(?:_{2,}|\.{3,}|…)+\s*")


# A list's marks: a new line, a bullet, a number ("1)", "2.") starting an item
_LIST_ITEM = re.compile(r"\s*(?:\n|^)\s*(?:[-*•·]|\d{1,2}[).])\s+|(?<=\s)\d{1,2}\)\s+|\s*\n\s*")


def _as_one_line(question: str) -> str:
    """The message on one line, each item of a list ("where did they film it\\nwhen did it start", "1) director
    2) writer", "- cast") ended as a clause is, so the items stay apart once the line breaks are gone."""
    if "\n" not in question and ")" not in question:
        return question
    items = [item.strip() for item in _LIST_ITEM.split(question) if item and item.strip()]
    return "; ".join(item.rstrip(";,") for item in items)


def _without_quiz_frame(cleaned: str) -> str:
    """The question without a quiz host's frame and blanks ("fill in the blank: nick is played by ___")."""
    framed = cleaned
    for _ in range(3):  # "quiz time! true or false: ..."
        match = _QUIZ_FRAME.match(framed)
        if match is None or match.end() == 0:
            break
        framed = framed[match.end() :]
    if framed is cleaned:
        return cleaned
    return " ".join(_QUIZ_BLANK.sub(" ", framed).split()) or cleaned


# Set phrases, read as what they mean: "who came up with it to begin with" asks nothing of a start; "i'm out of
# the loop" says nothing asked; "over the hump" is past halfway; "the guy directing ours" is our film
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9,
}  # fmt: skip
_ORDINAL_DAYS = {
    **_ORDINAL_UNITS,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    **{f"twenty {word}": 20 + day for word, day in _ORDINAL_UNITS.items()},
    **{f"twenty-{word}": 20 + day for word, day in _ORDINAL_UNITS.items()},
    "thirty first": 31, "thirty-first": 31,
}  # fmt: skip
_ORDINAL_WORD = "|".join(sorted(_ORDINAL_DAYS, key=len, reverse=True))
_MONTH_WORD = "|".join(sorted(MONTHS | set(MONTH_ABBREVIATIONS), key=len, reverse=True))
# "april twenty second", "the twenty-second of april": a day written in words, as figures ("april 22")
_DAY_IN_WORDS = re.compile(
    rf"\b(?P<m1>{_MONTH_WORD}) (?P<d1>{_ORDINAL_WORD})\b"
    rf"|\b(?:the )?(?P<d2>{_ORDINAL_WORD}) of (?P<m2>{_MONTH_WORD})\b",
    re.IGNORECASE,
)


def _days_in_figures(text: str) -> str:
    def figures(match: re.Match[str]) -> str:
        month = match["m1"] or match["m2"]
        day = _ORDINAL_DAYS[(match["d1"] or match["d2"]).lower()]
        return f"{month} {day}"

    return _DAY_IN_WORDS.sub(figures, text)


_WORK_KINDS = "season|series|show|movie|film|episode|special|miniseries"
_WHAT_IT_IS_FOR = re.compile(
    r"\s*(?:(?:i'?m|im|i am|just|am) )*(?:trying|tryna|want|wanted|need|needed) to (?:work out|figure out|calculate"
    r"|count|find out)\b"
)
_FROM_ANOTHER_WORK = re.compile(
    r"\b(?:from|in|on) (?:an|another|a different|some other|other) (?:show|shows|film|films|movie|movies|series)\b"
)
_STATEMENT_ORDER = re.compile(
    r"(^|[.!?]\s+)((?:the )?[a-z]+(?: [a-z]+)?) (will|is|was|has|does|can|are|were) ([^?.!]*\?)",
    re.IGNORECASE,
)
_STATEMENT_SUBJECTS = frozenset(["it", "they", "he", "she"])
_QUESTION_WORDS = frozenset(["what", "who", "whom", "whose", "when", "where", "why", "how", "which"])


def _in_question_order(match: re.Match[str]) -> str:
    subject = match[2].lower().split()
    if subject[0] == "the":
        subject = subject[1:]
    plain = all(word not in STOP_WORDS and word not in FILLER_WORDS for word in subject)
    if not (subject and ((subject == [subject[0]] and subject[0] in _STATEMENT_SUBJECTS) or plain)):
        return match[0]  # "so is it out?", "and is kit in it?": already a question's order
    if _QUESTION_WORDS & set(match[4].lower().split()):
        return match[0]  # "alice oseman does what on the film?": the question word says what is asked
    return f"{match[1]}{match[3]} {match[2]} {match[4]}"


# Who tells a fan things: "someone", "my sister", "tiktok", "the pinned post" (whose word is not the question)
_TELLERS = (
    r"(?:someone|somebody|some1|people|ppl|everyone|everybody|a friend|a mate|tiktok|twitter|reddit|instagram"
    r"|my (?:friend|mate|sister|brother|mum|mom|dad|bf|gf|cousin|fyp|feed|tl|timeline)"
    r"|the (?:internet|mods?|admins?|channel|post|announcement|article|tweet|news|pinned (?:post|message)))"
)
_SET_PHRASES = (
    (
        re.compile(
            r"\bto begin with\b|\bin the first place\b|\b(?:out of|in) the loop\b|\bat (?:some|any) point\b"
            # the fan's sigh: "is joe still charlie after all these years"
            r"|\bafter all (?:these|those|this) (?:years|time)\b"
            # "why didnt she get her 4th season in the end": after all (not "what happens in the end": the story's)
            r"|(?<!happens )(?<!happen )(?<!happened )(?<!dies )(?<!die )(?<!together )\bin the end\b(?! of\b)"
            # "how sure r u that kit is an ep": the claim is what is asked
            r"|\bhow (?:sure|certain|confident) (?:are|r) (?:you|u)(?: that)?\b"
            # the fan on a reply before: "that's only half of it", "you only answered half"
            r"|\b(?:that'?s|thats|you|u) (?:only |just )?(?:answered |gave me |told me )?(?:half|part) (?:of )?"
            r"(?:it|my question|the question|the answer|what i asked)\b"
            # a polite "if possible", "if you can", "if you know"
            r"|\bif (?:possible|at all possible|you can|you could|you know|you don't mind|it's not too much trouble)\b"
            # ... or "when u can", "whenever you get a sec": no time asked
            r"|\bwhen(?:ever)? (?:u|you) (?:can|get (?:a|the) (?:sec|second|chance|moment|min|minute)"
            r"|have (?:a )?(?:sec|second|time|moment|min|minute))\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    (re.compile(r"\bover the hump\b", re.IGNORECASE), "past halfway"),
    # "the graphic novel author", "the comics lady's finale": the author of the books, as the notes call her
    (
        re.compile(
            r"\bthe (?:heartstopper )?(?:comics?|comic books?|graphic novels?|books?|novels?|webcomic) ?"
            r"(?:writer|author|lady|woman|artist|person|girl|gal|creator)('s)?\b",
            re.IGNORECASE,
        ),
        r"the author\1",
    ),
    # "the actor n co", "... or is it someone else": the others with them, and the other answer offered
    (
        re.compile(
            r"\s(?:n|and|&) co\b(?!-)|\s*,?\s*or (?:is it |was it |is that )?(?:someone|somebody) else\b",
            re.IGNORECASE,
        ),
        "",
    ),
    # "the 2k26 film": the year
    (re.compile(r"\b2k(\d\d)\b", re.IGNORECASE), r"20\1"),
    # "what weekday was the first day on set": the day it was (a rare word, never a title)
    (re.compile(r"\bweek ?days?\b", re.IGNORECASE), "day of the week"),
    # "which ep does it follow": the episode that comes before it
    (
        re.compile(
            r"\b(ep|episode) (?:does|did|will) (?:it|the film|the movie|hsf|heartstopper forever) "
            r"(?:follow|come after|continue from|carry on from)\b",
            re.IGNORECASE,
        ),
        r"\1 comes before it",
    ),
    # "which season does it follow", "what series does the film come after": where it picks up
    (
        re.compile(
            r"\b(season|series) (?:does|did|will) (it|the film|the movie|hsf|heartstopper forever) "
            r"(?:follow|come after|continue from|continue on from|carry on from)\b",
            re.IGNORECASE,
        ),
        r"\1 does \2 pick up from",
    ),
    # "which tome of the bd": a French fan's word for the graphic novels (with its article: "kit's bd" is not)
    (re.compile(r"\b(the|la|les|a|une|des) bds?\b", re.IGNORECASE), "the graphic novels"),
    # "number of seasons?", "the total number of exec producers": how many
    # "year's 2026 right?": "is" before a value ("this year's release" stays a possessive)
    (re.compile(r"\b(year|date|day|month)'s (?=\d)", re.IGNORECASE), r"\1 is "),
    # (not inside a question already asked: "by how much did the number of viewers go down")
    (
        re.compile(
            r"(?<!\bdid )(?<!\bhas )(?<!\bhave )(?<!\bhad )(?<!\bwas )(?<!\bwere )(?<!\bwhy )(?<!\bwhen )"
            r"(?<!\bthe )(?<!\btotal )\b(?:the )?(?:total )?number of (?=[a-z-]+s\b)",
            re.IGNORECASE,
        ),
        "how many ",
    ),
    # "what do we know so far about hsf", "what do we actually know": what is known of it, its overview
    (
        re.compile(
            r"\bwhat (?:do|does) (?:we|anyone|u|you|people|fans) (?:actually |even |already |really )?know"
            r"(?: so far| yet| rn| right now| for sure)?(?: about| abt)?(?! (?:who|what|when|where|why|how|which|if)\b)",
            re.IGNORECASE,
        ),
        "tell me about",
    ),
    # "list all the dates in order": in the order they happened (not the film's place in the running order)
    (
        re.compile(
            r"\b(dates|events|milestones|steps)(?: in (?:chronological )?order| chronologically)\b",
            re.IGNORECASE,
        ),
        r"\1",
    ),
    # the fandom's name for the couple, "narlie"
    # (before a noun it only says whose: "the narlie finale" is the finale)
    (
        re.compile(
            r"\bnarlie (?=finale|era|film|movie|story|ending|content|scenes?|moments?|fans?\b)", re.IGNORECASE
        ),
        "",
    ),
    (re.compile(r"\bnarlie\b", re.IGNORECASE), "both nick and charlie"),
    # "is it a good idea to watch the show first": should the fan (whether the film follows on from it)
    (
        re.compile(
            r"\b(?:is it|would it be) (?:a good idea|better|best|smart|wise) to (?=(?:watch|see|read|rewatch|binge)\b"
            r"[^?.!]{0,30}\b(?:first|before|beforehand)\b)",
            re.IGNORECASE,
        ),
        "should i ",
    ),
    # the form the fan wants the answer in: "just want a yes or no", "yes or no answer pls"
    (
        re.compile(
            r"\b(?:i )?(?:just |only )?(?:want|need) a (?:simple |quick )?(?:yes or no|yes/no|y/n)(?: answer)?\b"
            r"|\b(?:a )?(?:simple |quick )?(?:yes or no|yes/no|y/n) (?:answer|pls|please)\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "remind me who plays nick": asked to be told again
    (
        re.compile(
            r"\b(?:can you |could you |pls |please )?remind (?:me|us)(?: again)?,?"
            r"(?= (?:who|what|whats|what's|when|where|which|how|why|if|whether|of|the)\b)",
            re.IGNORECASE,
        ),
        "tell me",
    ),
    # "darcy better be in this": the fan's demand is whether she is
    (re.compile(r"\b(?:had |'d )?better be\b", re.IGNORECASE), "be"),
    # "explain to me what the film is standing in for", "pls explain why there's no s4": asked to be told
    (
        re.compile(
            r"(?:^|(?<=[,.;:!?] )|\b(?:can you |could you |pls |please ))explain(?: to (?:me|us))?(?: (?:pls|please))?,?"
            r"(?= (?:who|what|whats|what's|when|where|which|how|why|if|whether|the)\b)",
            re.IGNORECASE,
        ),
        "tell me",
    ),
    # "how long ago did filming wrap", "how many years ago was still alice": the date it happened, which is
    # all the notes hold (how long ago that is depends on the day it is read)
    (
        re.compile(r"\bhow (?:long|many (?:years|months|weeks|days)|much time) ago\b", re.IGNORECASE),
        "when",
    ),
    # A learner's English: "how many time until it comes" is how long until it comes out
    (
        re.compile(
            r"\bhow (?:many|much) time (?=(?:until|till|til|before|left|more|to wait|do we|we have|i have)\b)",
            re.IGNORECASE,
        ),
        "how long ",
    ),
    # ... and "when is coming the movie", "when it arrives", "until it comes": its release. Not "when is nick
    # coming back", "when it comes to the cast" (regarding), "when did filming come to an end"
    (
        re.compile(
            r"\b(when|until|till|til|what year|which year)\b((?:\s+(?!and\b|or\b|also\b)[\w']+){0,4}?)\s+"
            r"(?:coming|comes|come|arriving|arrives|arrive)\b"
            r"(?!\s+(?:back|out|before|after|up|from|with|in|into|on|of|over|across|as|by|true|together|home"
            r"|around|along|close|near|down|off|through|to\s+(?!netflix\b|cinemas?\b|theat(?:er|re)s?\b"
            r"|screens?\b|streaming\b|our\b|the (?:cinemas?|theat(?:er|re)s?|uk|us|usa)\b)))",
            re.IGNORECASE,
        ),
        r"\1\2 comes out",
    ),
    # voice-to-text: "when is it coming out on net flicks"
    (re.compile(r"\bnet ?fli(?:cks|x|cs)\b", re.IGNORECASE), "netflix"),
    # "who's in hsf", "who is in the heartstopper film": who is in it, the cast (not "who is in the film colette")
    (
        re.compile(
            r"\b(who(?:'s|s| is| are| will be| was)?\s+(?:\w+\s+){0,2}?in)\s+(?:the\s+)?(?:new\s+)?"
            r"(?:heartstopper(?:\s+forever)?(?:\s+(?:film|movie|finale|one))?|hsf|hs forever|forever"
            r"|(?:(?:finale|final|last)\s+)?(?:film|movie|finale|new one))"
            r"(?=\s*(?:$|[?!.,]|(?:and|also|then|pls|please|lol|tho|though|right|now|exactly|actually)\b))",
            re.IGNORECASE,
        ),
        r"\1 it",
    ),
    # "the setup, zero spoilers", "spoiler-free summary", "don't spoil it": what the answer must leave out, not
    # a question about the ending
    (
        re.compile(
            r"\b(?:no|zero|without|w/o|minus|avoid(?:ing)?)\s+(?:any\s+|major\s+|big\s+)?spoil(?:er|ers|ing)\b"
            r"|\bspoiler[- ]?free\b|\b(?:don'?t|do not|pls don'?t|please don'?t)\s+spoil\s+(?:it|anything|the ending"
            r"|the end|me|it for me)\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "season or movie?", "film or series": a bare choice between kinds of work asks which kind ours is
    (
        re.compile(
            rf"^\s*(?:an? )?({_WORK_KINDS})s? or (?:an? )?({_WORK_KINDS})s?\s*[?!.]*\s*$", re.IGNORECASE
        ),
        r"is it a \1 or a \2",
    ),
    # "what kinda movie is it": the kind of film, not a filler "kinda"
    (re.compile(r"\b(what|which) (?:kinda|sorta|kind a|type a|typa)\b", re.IGNORECASE), r"\1 kind of"),
    # "story-wise", "season wise": as regards the story, the seasons (not "wise")
    (
        re.compile(
            r"\b([a-z]+)-wise\b|\b(story|plot|season|cast|release|time|date|film|movie|show)\s+wise\b",
            re.IGNORECASE,
        ),
        r"\1\2",
    ),
    # how long the answer should be, not what it is about: "in a couple sentences, what happens in it"
    (
        re.compile(
            r"\bin (?:a|one|two|three|a few|a couple(?: of)?|just a few|like two|a single) (?:short )?"
            r"(?:sentences?|words|lines?)\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    (re.compile(r"\bcorrect me if (?:i'?m|i am) wrong\b", re.IGNORECASE), " "),
    # "no bc who wrote it", "the best pizza no because this matters": a fan's "honestly", giving no reason
    (re.compile(r"\bno,? (?:bc|because|cuz|cos|coz)\b", re.IGNORECASE), " "),
    # "is alice doing other stuff on the film too", "does kit do anything else on it": the person's other jobs
    (
        re.compile(
            r"\b(?:doing|do|does|did) (?:any ?thing|some ?thing|other (?:stuff|things|work|jobs)|more)(?: else)?"
            r" (?:on|for|with) (?:it|(?:the|this|our) (?:film|movie|project))\b",
            re.IGNORECASE,
        ),
        "have other jobs on the film",
    ),
    # "someone in my gc said the movie 'wrapped', what does that mean": what was said, asked about; who said it
    # is only how the fan heard (they do not ask what was posted)
    (
        re.compile(
            rf"\b{_TELLERS}"
            r"(?: (?:in|on|from) (?:my |the |our )?[\w-]+(?: chat)?)? (?:said|says|told me|is saying|are saying"
            r"|claims|claimed|reckons|swears)(?: that)?\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "do i have to watch the show first", "can i go in blind": whether the film follows on from the series
    (
        re.compile(
            r"\b(?:(?:do|will|would|does) (?:i|we|u|you|one|people|ppl|newbies|new fans) (?:really |still |even "
            r"|first )?(?:have to|need to|needa|got to|gotta|need)|(?:should|must) (?:i|we|u|you|one|people|ppl)"
            r"(?: really| first)?) (?:watch|see|have seen|have watched|catch up on|binge"
            r"|know)(?: all of| all)? (?:the )?(?:show|series|seasons?|heartstopper(?! forever)|other seasons|earlier seasons"
            r"|old seasons|netflix series)(?: (?:first|beforehand|before(?: (?:this|it|that|the (?:film|movie)))?))?"
            r"|\b(?:(?:can|could|should) (?:i|we|u|you) (?:just )?)?go (?:in|into it|in to it) blind\b"
            r"|\b(?:will|would|does) (?:it|the (?:film|movie)) make sense (?:without|if (?:i|you) (?:haven'?t|have not)"
            r"|to (?:someone|new))\b[^?]*",
            re.IGNORECASE,
        ),
        "does it carry on from season 3",
    ),
    # "for cataloguing purposes, ...": why the fan asks; "what genre would it be classed as": what genre it is
    (
        re.compile(
            r"\bfor (?:\w+ )?purposes\b|\b(?:be )?(?:classed|classified|categori[sz]ed|filed) (?:as|under)\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "is kit an ep": an executive producer, not an episode
    (
        re.compile(r"\b(is|was|isn't|wasnt|wasn't|isnt) (\w+) (?:an|also an|an actual) ep\b", re.IGNORECASE),
        r"\1 \2 an executive producer",
    ),
    # ... with a "not" or "also" before it: "she's not an ep on this one right"
    (re.compile(r"\b(not|also|still|even) an ep\b", re.IGNORECASE), r"\1 an executive producer"),
    # ... and among other roles, or of people: "is she writer, creator and ep", "which of them is an ep"
    (
        re.compile(
            r"\b(writer|creator|director|producer|actor|star)(,? (?:and |or |& )?)(?:an )?eps?\b"
            r"(?=\W*(?:$|\?|,|and\b|or\b|too\b|as well\b|also\b))",
            re.IGNORECASE,
        ),
        r"\1\2executive producer",
    ),
    (
        re.compile(
            r"\b((?:of them|of the two|of those|of these|of the leads) (?:is an|are)) eps?\b", re.IGNORECASE
        ),
        r"\1 executive producer",
    ),
    # "principle photography": the first day of filming, misspelt
    (re.compile(r"\bprinciple photography\b", re.IGNORECASE), "principal photography"),
    # "episode wise", "story-wise": as for the episode, the story
    (
        re.compile(r"\b(episode|ep|story|plot|cast|date|time|release|timeline)[ -]wise\b", re.IGNORECASE),
        r"\1",
    ),
    # "why no 4th": the fourth season
    (
        re.compile(
            r"\b(no|a|the|another) (4th|fourth)\b(?!\s+(?:season|series|szn|volume|vol|book|film|movie|episode|ep|one))",
            re.IGNORECASE,
        ),
        r"\1 \2 season",
    ),
    # "how far did viewing figures fall": how much (not a distance)
    (
        re.compile(
            r"\bhow far (?=(?:did|have|has|had|do|does|would)\b[^?]{0,40}?\b(?:fall|fell|drop|dropped|decline|declined"
            r"|sink|sank|slip|slipped|shrink|shrank|go down|went down)\b)",
            re.IGNORECASE,
        ),
        "how much ",
    ),
    # "has netflix dropped the actual day": announced it (not dropped as cancelled)
    (
        re.compile(
            r"\b(?:dropped|drop|drops|dropping|put out|given|gave) (?:us )?(?:the |a |an )?(?:actual |exact "
            r"|official |real |proper |release |premiere )*(?:day|date)\b",
            re.IGNORECASE,
        ),
        "announced the exact release date",
    ),
    # "..., catching up over half term": a school holiday, not the halfway mark
    (re.compile(r"\bhalf[- ]?terms?\b", re.IGNORECASE), "holiday"),
    # "what's the new one about": our film
    (re.compile(r"\bthe new one\b", re.IGNORECASE), "the film"),
    # "which one of the books": which of them (not a bare "which one?" after a part)
    (re.compile(r"\bwhich one of\b", re.IGNORECASE), "which of"),
    # "when can i finally see vol 6 on screen": when the film of it is out
    (
        re.compile(
            r"\b(?:see|watch) (.{1,40}?) (?:on (?:the )?(?:big |small )?screen|on (?:my |the )?tv)\b",
            re.IGNORECASE,
        ),
        r"watch \1 on netflix",
    ),
    # "do the friends get their own stuff": their own storylines
    (
        re.compile(
            r"\b(get|have|got) (their|his|her) own (?:stuff|thing|things|moments?|bits?)\b", re.IGNORECASE
        ),
        r"\1 \2 own storylines",
    ),
    # "which of the two leads": the leads, two being what they are, not a figure asked
    (
        re.compile(
            r"\b(?:the )?(?:two|2|both) (leads|main actors|main characters|mains|stars)\b", re.IGNORECASE
        ),
        r"the \1",
    ),
    # "i heard it's a two-part miniseries", "heard wash is a first timer": a claim the fan heard, asked about
    (
        re.compile(
            r"(?:^|(?<=[.!?,]\s)|(?<=[.!?,]))\s*(?:i |we )?(?:heard|read|saw)(?: (?:that|somewhere|online|on tiktok"
            r"|on twitter|on reddit))*\b(?! (?:the|his|her|their|it|that)\b)",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "whats he done before": what has he done (the "'s" of "has", not of "is")
    (
        re.compile(
            r"\b(what|who|where)(?:'s|s) (he|she|they|it|wash|alice|kit|joe|the director|the writer) (done|made"
            r"|directed|written|produced|been in|starred in|worked on|acted in)\b",
            re.IGNORECASE,
        ),
        r"\1 has \2 \3",
    ),
    # "is it true westmoreland is directing", "is it confirmed that ...": the claim itself asked, in its words
    (
        re.compile(
            r"\b(?:is it|is this|is that) (?:actually |really |officially )?(?:true|real|legit|a fact)(?: that)? (?=\w)",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "..., this is important", "asking for a friend": how much the answer matters to the fan, not what is asked
    (
        re.compile(
            r"\b(?:this|it|that)(?: is|'s|s) (?:(?:very|really|so|super|actually) )?(?:important|urgent|serious"
            r"|a serious question|for science|crucial|life or death)\b|\basking for a friend\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "@HeartBot list the eps", "someone in #news said": a handle or a channel typed as text, never asked about
    (re.compile(r"(?<![\w@#])[@#][a-z][\w.-]*", re.IGNORECASE), " "),
    # A question in a statement's order, as learners (and fans in a hurry) ask it: "it will have dubbing?", "the
    # film is already filmed?", "kit is in it?" is asked as "will it have dubbing", "is the film already filmed"
    (_STATEMENT_ORDER, _in_question_order),
    # Where fans talk, as they name it: "someone in general said", "people in vc were saying" (a channel, never
    # a show's title)
    (
        re.compile(
            r"\b(?:in|on|over in|from) (?:the |a |an |this |that |some |one )?(?:general|gen chat|gc|group chat|vc|voice chat"
            r"|dms|chat|server|discord|thread|reddit thread|subreddit|tiktok comments?|comments|comment section)\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "what is this film everyone is talking about": the film people talk of, not what it is about
    (
        re.compile(
            r"\b(?:that |which )?(?:everyone|everybody|every1|people|ppl|all my friends|the whole internet|my \w+)"
            r"(?: is| are|'s|'re| keeps?| has been| have been| won't stop| wont stop| can't stop| cant stop)?"
            r" (?:talking|talkin'?|going on|goin'? on|raving|posting|obsessing|on) about\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "when it comes to the cast, who plays nick": as regards, no time asked
    (re.compile(r"\b(?:when|where) it comes to\b", re.IGNORECASE), " "),
    # "just checking i've got it right", "if i remember rightly": the fan's check on what they asked, not a question
    (
        re.compile(
            r"\b(?:just )?(?:checking|making sure|want(?:ed)? to (?:check|make sure)) (?:that )?(?:i'?ve |i have |i )?"
            r"(?:got|get|remembered|remember|understood|have) (?:it|that|this|everything|things) (?:right|straight)\b"
            r"|\bdid i (?:get|remember) (?:it|that|this|everything) (?:right|straight)\b"
            r"|\bif i (?:remember|recall) (?:right|rightly|correctly)\b|\bif i'?m not mistaken\b"
            # "..., or am i thinking of someone else", "or am i misremembering": the fan's doubt, not a question
            r"|\bor am i (?:thinking of (?:someone|somebody|something) else|misremembering|mixing (?:it|that|them|him|her)"
            r" up|confusing (?:it|that|them|him|her) with (?:someone|somebody|something) else|wrong|making (?:it|that)"
            r" up|imagining (?:it|that|things))\b"
            # "sorry for all the questions", "sorry if this is a dumb question": an apology for asking
            r"|\bsorry (?:for|about) (?:all )?(?:the |these |my |so many )?(?:many )?(?:questions|qs|asking|spam"
            r"|bothering (?:you|u))\b|\bsorry if (?:this|that|it) (?:is|was|'s|sounds) (?:a )?(?:dumb|stupid|silly"
            r"|obvious|weird|basic)(?: question| q)?\b|\bsorry (?:to|for) (?:bother|bothering|ask|asking)(?: you| u)?\b",
            re.IGNORECASE,
        ),
        " ",
    ),
    # "i want to know who directs it": the fan wants the answer, not the leads' wish to return
    (
        re.compile(r"\bi (?:really )?(?:want|wanna|need|would like|'d like)(?: to)? know\b", re.IGNORECASE),
        " ",
    ),
    # "how we ended up with a film": how it came about, not how the story ends ("who does nick end up with")
    (
        re.compile(
            r"\b(?:ended|end|ending) up with(?= an? (?:single |one |whole )?(?:film|movie|feature|special)\b)",
            re.IGNORECASE,
        ),
        "got",
    ),
    # a British fan's "series" of a show is its seasons
    (
        re.compile(r"\bhow many series\b(?! of the (?:graphic|books?|comics?|novels?)\b)", re.IGNORECASE),
        "how many seasons",
    ),
    (re.compile(r"(?<!\bof )\bours\b", re.IGNORECASE), "our film"),
    # "was anybody behind the scenes trying to save it": those involved, not scenes filmed
    (
        re.compile(
            r"\b(anybody|anyone|someone|somebody|people|those|everyone|everybody|who) (?:working )?behind the scenes\b",
            re.IGNORECASE,
        ),
        r"\1 involved",
    ),
    # "who informed the public that filming was done", "who let everyone know": who said it
    (
        re.compile(
            r"\b(?:informed|told|notified|updated) (?:the )?(?:public|world|fans|fandom)\b"
            r"|\blet (?:the )?(?:public|world|fans|fandom) know\b"
            r"|\b(?:went|gone|goes) public(?: with(?: the news)?)?\b|\bmade (?:it|that|this|the news) public\b",
            re.IGNORECASE,
        ),
        "said",
    ),
    # "if you tallied up nick and charlie's mates who are returning, what would you get", "tally of exec
    # producers": a count asked
    (
        re.compile(
            r"\bif (?:you|u|we|i|ya) (?:counted|added|tallied|totted|totalled|totaled|summed)(?: up)? (.+?),? "
            r"(?:what|how many) (?:would|do|does|will|did|'d) (?:you|u|we|i|ya|that|it) "
            r"(?:get|come to|make|be|total|have)\b",
            re.IGNORECASE,
        ),
        r"how many \1",
    ),
    (re.compile(r"\b(?:a |the )?tally of\b", re.IGNORECASE), "how many"),
    # "forever isn't the last thing we'll ever get from the show": the finale, asked about
    (
        re.compile(
            r"\b(?:the )?(?:very )?last thing (?:we|fans|we'll|we'd)(?: will| would)?(?: ever)? (?:get|see|have)\b",
            re.IGNORECASE,
        ),
        "the finale",
    ),
    # "what did charlie (joe i mean lol) write": the name in brackets corrects the one before it
    (
        re.compile(
            r"\b[\w']+ \(\s*([\w']+(?: [\w']+)?),? i mean(?:t)?(?: lol| lmao| haha| oops)?\s*\)",
            re.IGNORECASE,
        ),
        r"\1",
    ),
    # "the boyfriend of nick" (as "el novio de nick" reads): nick's boyfriend
    (re.compile(r"\b(?:the )?(boyfriend|girlfriend|partner) of (\w+)\b", re.IGNORECASE), r"\2's \1"),
    # "who plays nick and charlie in the final movie": in ours, the show's last
    (re.compile(r"\bin the (?:final|last) (movie|film)\b", re.IGNORECASE), r"in the \1"),
    # "one long movie in place of a normal season four": instead of it
    (re.compile(r"\bin place of\b", re.IGNORECASE), "instead of"),
    # "season count of the show", "the ep count": how many of them
    (
        re.compile(
            r"\b(?:what(?:'s| is| was|s) )?(?:the |a |an )?(season|episode|ep|volume|book|producer|exec|friend)s? "
            r"count\b(?! as\b| like\b| for\b)",
            re.IGNORECASE,
        ),
        r"how many \1s",
    ),
    # "did the guy who plays nick want another season": the actor described by the part, named as the notes
    # name him ("the nick actor")
    (
        re.compile(
            r"\bthe (?:guy|man|boy|lad|bloke|dude|person|one|actor|actress|woman|girl|lady) (?:who|that) "
            r"(?:plays|played|is playing|portrays|portrayed) ([a-z]+)\b(?!['’])",
            re.IGNORECASE,
        ),
        r"the \1 actor",
    ),
    # "the first and last day of the shoot": two days asked of one noun, each spelt out for its own clause
    (
        re.compile(
            r"\b(first|opening|start|starting)\s+(?:and|&|n|\+)\s+(last|final|closing|end|ending)\s+"
            r"((?:days?|dates?)\s+(?:of|on)\s+(?:the\s+)?[\w-]+)",
            re.IGNORECASE,
        ),
        r"\1 \3 and \2 \3",
    ),
)


# "why did that happen", "why is that", "how come": why of what was just said, with nothing else asked
_WHY_OF_THAT_WORDS = frozenset(
    "did does do is was has had that this it happen happened so the case though then not exactly".split()  # noqa: SIM905
)


def _why_joined_to_what_precedes(clauses: list[str]) -> list[str]:
    """Clauses of a message, each bare "why" ("and why", "why or why not") joined to the clause before it."""
    joined: list[str] = []
    for clause in clauses:
        tokens = [
            token for token in words(clause) if token not in FILLER_WORDS and token not in ("and", "or")
        ]
        if joined and tokens and (_why_of_that(tokens) or set(tokens) <= {"why", "not"}):
            joined[-1] = f"{joined[-1]}, {clause.strip()}"
        else:
            joined.append(clause)
    return joined


def _why_of_that(tokens: list[str]) -> bool:
    if tokens[:1] == ["why"]:
        rest = tokens[1:]
    elif tokens[:2] == ["how", "come"]:
        rest = tokens[2:]
    else:
        return False
    return set(rest) <= _WHY_OF_THAT_WORDS and (not rest or bool(_IT & set(rest)) or rest == ["not"])


# What a name after "by", "on" or "from" is put in place of: our film's director, writer, creator or books
_SLOTTED_CONCEPTS = frozenset(["director", "writer", "creator", "book"])


def _names_in_our_slot(part: _Part) -> bool:
    """Whether a yes/no question or claim about our film names someone or something we lack as its director,
    writer, creator or source ("directed by greta gerwig", "based on solitaire"): the premise to correct."""
    if part.kind not in (None, "whether") or not part.concepts.keys() & _SLOTTED_CONCEPTS:
        return False
    if not (part.pronoun or _OUR_TITLE & set(part.tokens) or FILM_WORDS & set(part.tokens)):
        return False
    if part.unknown_names[0] not in part.tokens:
        return False
    at = part.tokens.index(part.unknown_names[0])
    if part.tokens[at + 1 : at + 2] in (["is"], ["was"], ["will"]) and _SLOT_VERBS & set(
        part.tokens[at + 2 : at + 4]
    ):
        return True  # "greta gerwig is directing the heartstopper movie isnt she": the name put as its maker
    # back over the rest of the name and its noun ("by greta gerwig", "on the book loveless") to the preposition
    for token in reversed(
        part.tokens[
            max(0, part.tokens.index(part.unknown_names[0]) - 3) : part.tokens.index(part.unknown_names[0])
        ]
    ):
        if token in ("by", "on", "from"):
            return True
        if token in STOP_WORDS and token not in ("the", "a", "an"):
            return False
    return False


# What the maker of our film does, said of a name put in their place: "X is directing it", "X wrote it"
_SLOT_VERBS = frozenset(
    "directing directed direct writing wrote written write creating created create adapting adapted".split()  # noqa: SIM905
)
# The trade's words a fan may not know, which the facts using them explain ("filming wrapped", "executive producer")
_JARGON = frozenset(["wrap", "producer", "halfway"])
# Who told the fan what: "someone in general said", "my friend swears", "people keep saying"
_HEARSAY = re.compile(
    rf"^(?:but |and |so |cause |cos |because )?{_TELLERS}\b"
    r"(?: [\w']+){0,4}? (?:said|says|named|told|mentioned|claimed|claims|reckons|thinks|swears|posted|keeps? saying"
    r"|(?:is|are|was|were|keeps?) (?:saying|claiming|posting))\b"
)
# How a remark about the fan goes on after "and": "i saw the posts and started sobbing"
_REMARK_GOES_ON = frozenset(
    "started began cried screamed sobbed burst fell nearly almost literally immediately then got went".split()  # noqa: SIM905
)
_REMARK_OPENINGS = frozenset(["i", "im", "thinking", "planning", "hoping", "trying"])
# "..., i want to send him a letter", "..., i wanna know": what the fan means to do, or only that they want the
# answer (but "i want to know his other roles" asks something)
_FANS_PLAN = re.compile(
    r"^(?:i (?:want|need|would like|'d like|am going|plan|hope) to|i (?:wanna|gotta)|(?:im|i am) (?:gonna|going to)"
    # "i want send him a letter": the same plan, in a learner's English
    r"|i (?:want|need)(?= (?:send|write|give|buy|make|post|meet|visit)\b))"
    r"(?:$| (?!know\b|ask\b|find out\b|check\b|see if\b|confirm\b)| (?:know|ask|find out|check|confirm)$)"
)


# (the tokens have "i've" spelt out as "i have")
_NO_IDEA = re.compile(r"(?:i (?:have|had|got) no (?:idea|clue)|no (?:idea|clue)|idk|i dunno|dunno)\b")
_NO_IDEA_WORDS = frozenset(["idea", "clue", "idk", "dunno"])


def _fans_own_remark(part: _Part) -> bool:
    """Whether a clause after a question only says something of the fan ("i forgot", "i cant remember",
    "thinking of rewatching first"): no question word, no name or concept of ours, and the fan its subject."""
    said = [token for token in part.tokens if token not in FILLER_WORDS]
    if set(part.concepts) <= {"wanted"} and _FANS_PLAN.search(" ".join(said)):
        return True
    # "..., i have no idea what it is": the fan's ignorance, which the question before already asks of
    if (
        _NO_IDEA.match(" ".join(said))
        and not (part.entities or part.concepts or part.unknown_names)
        and set(said) <= STOP_WORDS | _NO_IDEA_WORDS
    ):
        return True
    return (
        part.kind is None
        and not part.entities
        and not part.concepts
        and not part.unknown_names
        and not part.pronoun  # "i need it for my blog": "it" still ties the message to what it asks of
        and not _IT & set(part.tokens)
        and said[:1] != []
        and said[0] in _REMARK_OPENINGS
        # a longer "i ..." clause may carry a question put as a statement ("im curious what the budget was")
        and (said[0] not in ("i", "im") or len(said) <= 4)
    )


_LONG_WORD = re.compile(r"[A-Za-z]{6,}")


def _without_mashes(text: str) -> str:
    """ "KSJDHFKSJ when did filming wrap": the letters hit for the feeling left out, when words are left (a
    message of nothing else is refused as a mash)."""
    mashes = {word for word in _LONG_WORD.findall(text) if keyboard_mash(word.lower(), among_words=True)}
    if not mashes or not any(word not in mashes for word in re.findall(r"\w+", text)):
        return text
    return _LONG_WORD.sub(lambda match: " " if match[0] in mashes else match[0], text)


def _spell_out_set_phrases(text: str) -> str:
    text = _days_in_figures(text)
    for pattern, meaning in _SET_PHRASES:
        text = pattern.sub(meaning, text)
    return text


_EARLIER_EPISODES = re.compile(
    r"\b(?:any|other|earlier|previous|past|older|old)\b(?: \w+)? episodes\b|\bepisodes\b.*\bbefore (?:this|now|that)\b"
)
_BACK_TO_THE_POINT = frozenset(["anyway", "anyways", "anyhow"])
_QUESTION_STARTS = _QUESTION_WORDS | _AUX


def _after_the_aside(tokens: list[str]) -> list[str]:
    """ "just finished my rewatch and i'm in pieces anyway when's the movie out": "anyway" before a question
    turns from what the fan says of themself to what they ask; only the question is read."""
    for position in range(len(tokens) - 2, 0, -1):
        if tokens[position] in _BACK_TO_THE_POINT and tokens[position + 1] in _QUESTION_STARTS:
            return tokens[position + 1 :]
    return tokens


def _aside_start(tokens: list[str], *, first: int = 2) -> int | None:
    """Where a remark about the fan themself begins ("...my brain is mush", "...i am so confused"), from
    ``first`` on (by default after two words of question): what they say of themself is not what they ask."""
    for position in range(first, len(tokens) - 1):
        if tokens[position] in _FIRST_PERSON and _ASIDE_VERBS & set(tokens[position + 1 : position + 3]):
            return position
    return None


_NAME_LINKS = frozenset(["and", "or", "n", "nor", "the"])


def _placed_in_a_name(tokens: list[str], name_words: frozenset[str]) -> bool:
    """Whether a part ends placing someone in or from a title that so far is only a name of ours ("who plays
    charlie in charlie", then "and the chocolate factory"): the title goes on in the next part."""
    for position in range(len(tokens) - 2, 0, -1):
        if tokens[position] in ("in", "from"):
            rest = tokens[position + 1 :]
            return tokens[position - 1] in name_words and all(token in name_words for token in rest)
    return False


def _excluding_names(segment: list[str], name_words: frozenset[str]) -> bool:
    """Whether a part ends setting names aside ("has anyone besides kit", "other than nick"): a name joined on
    with "and" is set aside too, not a question of its own."""
    for position in range(len(segment) - 1, -1, -1):
        token = segment[position]
        if token in _EXCLUDERS or (token == "than" and position and segment[position - 1] == "other"):
            rest = [t for t in segment[position + 1 :] if t not in ("from", "for")]
            return bool(rest) and all(t in name_words or t in _NAME_LINKS for t in rest)
        if token not in name_words and token not in _NAME_LINKS:
            return False
    return False


def _inside_name(tokens: list[str], position: int, names: tuple[tuple[str, ...], ...]) -> bool:
    """Whether the word at ``position`` is inside one of ``names`` written as a title in ``tokens``: "the nick
    and charlie novella" is the book, while "who plays nick and charlie" asks about two characters."""
    for name in names:
        for offset, word in enumerate(name):
            start, end = position - offset, position - offset + len(name)
            if word != tokens[position] or start < 0 or tuple(tokens[start:end]) != name:
                continue
            before = tokens[start - 1] if start else ""
            after = tokens[end] if end < len(tokens) else ""
            if before in ("the", "a") or after in _WORK_NOUNS:
                return True
    return False


_WORK_NOUNS = frozenset(["novella", "book", "novel", "story", "books"])


def _says_something_before(segment: list[str], name_words: frozenset[str]) -> bool:
    """Whether a part says something before the names it ends with ("netflix dropped it cos kit"), rather
    than only asking about them ("are kit", then "and joe both coming back": each name its own part)."""
    return any(
        token not in name_words and token not in STOP_WORDS and token not in FILLER_WORDS for token in segment
    )


def _else_is_the_rest(part: _Part, tokens: list[str]) -> None:
    """ "besides the comics, what else does it adapt": after an exclusion "what else" asks for the rest of what
    was set aside, not for someone's other work."""
    if "filmography" in part.concepts and "else" in tokens:
        without_else = [token for token in tokens if token != "else"]
        if "filmography" not in {concept for concept, _ in concepts_in(without_else)}:
            del part.concepts["filmography"]


_REPORTING = frozenset(
    ["said", "says", "heard", "hear", "think", "thought", "reckon", "claims", "claimed", "like"]
)
_CONFIRMING = frozenset(
    "real true right correct legit accurate fr really so sure serious facts wrong false fake untrue incorrect".split()  # noqa: SIM905
)


def _confirmation_tag(tokens: list[str]) -> bool:
    """ "is that real", "is it true", "right?", "for real": asks to confirm what came just before, nothing new."""
    asked = [token for token in tokens if token not in FILLER_WORDS or token in _CONFIRMING]
    meaning = [token for token in asked if token not in _AUX | _IT | {"for", "or", "not", "nah"}]
    if asked and not meaning and set(asked) <= {"or", "not", "nah", "no"}:
        return True  # "... or nah", "or not": the other answer, offered to confirm the first
    return bool(meaning) and all(token in _CONFIRMING for token in meaning) and len(asked) <= 4


def _which_one(tokens: list[str]) -> bool:
    """ "which one", "what one tho", "and which ones": asks for the particular one of what came before."""
    asked = {token for token in tokens if token not in FILLER_WORDS}
    return bool({"one", "ones"} & asked) and not asked - {"which", "what", "one", "ones", "and", "or", "then"}


# Words after which a title stands: "the crown", "the cast of bad sisters", "is elite on netflix", "when
# does love island start".
_TITLE_OPENERS = frozenset(
    "the of in on for from about is was are were does did do watch watched watching".split()  # noqa: SIM905
)
_THE = frozenset(["the"])
# Set phrases ending a question that a title slot would otherwise take: "for sure", "for real", "at last"
_IDIOMS = frozenset(
    [("for", word) for word in "sure real certain good now definite definitely once ever certainty".split()]  # noqa: SIM905
    + [("at", word) for word in "last least all once first".split()]  # noqa: SIM905
)
# "in charge of", "supposed to", "responsible for", "the beginning of": a word followed by one of these frames
# what is asked; a title is not followed by them.
_FRAME_FOLLOWERS = frozenset(["of", "to", "for", "with", "by"])


_PEOPLE_NOUNS = frozenset(
    "boy boys girl girls guy guys lad lads pair couple duo boyfriend boyfriends girlfriend kid kids mates".split()  # noqa: SIM905
)


def _in_title_slot(tokens: list[str], position: int, covered: set[int], known: frozenset[str]) -> bool:
    """Whether the word at ``position`` stands where a work's title would: after "the", "of", "in" or a
    question's verb ("is", "does", "directed"), and not framing what follows ("in charge of", "supposed to").

    Words before it that the notes never use are the same title ("when does love island start"); so are
    known ones when the title ends the question ("the cast of bad sisters"). A word the notes use ("main",
    "netflix") is a title only after "the" and not qualifying a concept: "the office" but "the main actors"."""
    word = tokens[position]
    following = tokens[position + 1] if position + 1 < len(tokens) else ""
    if following in _FRAME_FOLLOWERS:
        return False
    if word in _PEOPLE_NOUNS and position and tokens[position - 1] not in STOP_WORDS:
        # "the main pair", "the rugby boy", "the younger boyfriend": people described, not a title
        return False
    if position and (tokens[position - 1], word) in _IDIOMS:
        return False  # "which friends are back for sure", "is it out for real": a hedge, not a title
    if (
        word in known
        and following
        and (position + 1 in covered or following not in STOP_WORDS | FILM_WORDS | {"season"})
    ):
        return False  # "the main actors", "the original leads": it qualifies what follows
    at_end = position + 1 == len(tokens)
    before = position - 1
    while (
        before >= 0
        and before not in covered
        and tokens[before] not in STOP_WORDS
        and tokens[before] not in _TITLE_VERBS
    ):
        previous = tokens[before]
        if previous.isdigit() or previous in _NUMBER_WORDS:
            return False  # "the two leads": a count of people, not a title
        if previous not in FILLER_WORDS and (not previous.isalpha() or (previous in known and not at_end)):
            return False  # "did netflix give the go-ahead": netflix's doing, not a title
        before -= 1
    if before < 0:
        return False
    if tokens[before] in _TITLE_VERBS:
        return True
    if before in covered:
        return False
    if word in known:  # "the office"; but "adapted for the screen", "to the end" say where, not what
        return tokens[before] == "the" and not (before and tokens[before - 1] in ("for", "to"))
    if tokens[before] in _AUX and word.endswith(("ed", "ing")):
        return False  # "which producers are attached", "is it streaming": a verb, not a title
    return tokens[before] in _TITLE_OPENERS


_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten".split())  # noqa: SIM905
# Verbs a title follows as their object: "who wrote pride and prejudice", "who directed the holiday".
_TITLE_VERBS = frozenset(
    "directed directs direct wrote writes written produced produces created creates made stars starring".split()  # noqa: SIM905
)
# Words after which "the film X" names a work X: a maker's verb or a preposition ("the cast of the show X").
_WORK_SLOT = _TITLE_VERBS | frozenset(["of", "in", "from", "about", "for", "on", "watch", "watched", "plays"])
_NAMING = frozenset(["called", "named", "titled"])


def _predicate_follows(tokens: list[str], start: int, name_words: frozenset[str]) -> bool:
    """Whether the words after a name (from ``start``) go on to say something of it before the part ends:
    "kit and joe didn't want to" (one subject) rather than "who plays nick and charlie" (a list)."""
    position = start
    while position < len(tokens) and tokens[position] in name_words:
        position += 1
    rest = tokens[position : position + 1]
    return bool(rest) and rest[0] not in (",", "and", "or", "but", "then", "also", "plus")


def _placed_after(tokens: list[str], start: int, name_words: frozenset[str]) -> bool:
    """Whether the names from ``start`` are followed only by where they are ("in the film", "in hsf"), up to
    the end of the part."""
    position = start
    while position < len(tokens) and tokens[position] in name_words:
        position += 1
    if tokens[position : position + 1] not in (["in"], ["on"]):
        return False
    rest = list(itertools.takewhile(lambda token: token != ",", tokens[position + 1 :]))
    return bool(rest) and all(
        token in FILM_WORDS
        or token in _OUR_TITLE_WORDS
        or token in _FILMS_DESCRIBED
        or token in ("the", "it", "this", "that")
        for token in rest
    )


# Words that only describe our film where it is placed: "who plays nick and charlie in the final movie"
_FILMS_DESCRIBED = frozenset(["final", "last", "new", "upcoming", "next", "finale", "whole", "actual"])


def _predicate(tokens: list[str], name_words: frozenset[str]) -> set[str]:
    """ "did he cry", "was kit emotional": the word a yes/no question asks of its subject, when it is filler
    elsewhere ("crying", "emotional") and so not among the part's words."""
    if len(tokens) < 3 or tokens[0] not in _AUX:
        return set()
    position = 1
    while position < len(tokens) and (tokens[position] in _PRONOUNS or tokens[position] in name_words):
        position += 1
    if position == 1 or position >= len(tokens):
        return set()
    word = tokens[position]
    return {light_stem(word)} if word in FILLER_WORDS and word not in STOP_WORDS else set()


def _unexplained(part: _Part, facts: list[_Candidate]) -> bool:
    """Whether a part asks something in words of its own (not a number) that none of ``facts`` uses."""
    # "..., what year is it actually": a word framing when ("year", "date") is answered by any dated fact
    asked = {word for word in part.words | part.predicate if not word.isdigit() and word not in _FRAME_STEMS}
    explained = set().union(*(fact.words for fact in facts))
    return bool(asked) and not asked & explained


def _strange_left(part: _Part, facts: list[_Candidate]) -> bool:
    """Whether a part names a thing in a word the notes never use ("the interiors", "the soundtrack
    composer") that none of ``facts`` explains: the facts are about the topic, not about that thing."""
    explained = set().union(*(fact.words for fact in facts))
    return any(
        word not in explained
        and light_stem(word) not in explained
        and word not in _FRAME_WORDS
        and word not in _GENERIC_NOUNS
        for word in part.strangers
    )


# Nouns that name no particular thing: "cast members", "the main guys", "any bits"
_GENERIC_NOUNS = frozenset(
    "members member people guys guy folks things thing stuff parts part bits bit ones lot lots way ways".split()  # noqa: SIM905
    # a place in an order ("which slot in the numbering"), and one of a series, book or episode as the rest
    # says ("which installment of the graphic novels")
    + "slot spot position point installment instalment entry".split()  # noqa: SIM905
)
# Someone named only as a someone: "the person directing", "the lady who wrote it"
_SOMEONE = frozenset(
    "person persons individual someone somebody dude dudes lady ladies bloke chap fella fellow guy guys couple".split()  # noqa: SIM905
)
# Nouns a relative "who" describes: "the guy who plays nick", "the woman who wrote it"
_SOMEONE_DESCRIBED = _SOMEONE | frozenset("man boy lad one ones actor actress woman girl people".split())  # noqa: SIM905


def _strong(part: _Part) -> bool:
    return any(weight >= 1.0 for weight in part.concepts.values())


# Sizes compared: "longer than an episode"
_COMPARATIVES = frozenset(["longer", "shorter", "bigger", "lengthier", "smaller"])
_NEGATIONS = frozenset(["no", "not", "never", "without", "nt"])
_FILM_DETERMINERS = frozenset(["the", "this", "heartstopper", "forever", "hs", "hsf"])
_RELATIVES = frozenset(CONCEPTS["relative"])
_HAPPEN = frozenset(["happen", "happens", "happened", "happening"])
_IT = frozenset(["it", "this", "that"])
_PERSONAL_PRONOUNS = _PRONOUNS - _IT  # "he", "she", "they": someone, not a thing
# "which one?" after "does nick go to uni": the particular one, which the notes may not have
_SPECIFIC = {"university": "which-uni"}
_FRAME_WORDS = frozenset(
    "month months year years day days date dates week weeks time happen happens happened happening ago".split()  # noqa: SIM905
    # "what's the latest on the release", "any news on the cast": asking for news, never a title
    + "latest news update updates info deal status craic goss gossip rumour rumours rumor rumors".split()  # noqa: SIM905
    # "the whole filming timeline", "the schedule": when things happen
    + "timeline timelines schedule schedules".split()  # noqa: SIM905
    # "how many episodes in total", "overall": the whole count
    + "total overall altogether".split()  # noqa: SIM905
    # "quick recap", "around 30 percent", "why do fans care", "behind the scenes": how a question is put, never a
    # thing it asks about (a word the notes never use is otherwise taken for one, which a fact must explain)
    + "recap recaps quick quickly brief briefly well around roughly approximately percent".split()  # noqa: SIM905
    + "care cares matter matters mattered scenes".split()  # noqa: SIM905
    # "april 22 keeps popping up, what's the significance": why a thing seen about matters
    + "significance significant importance important notable popping popped pops famous".split()  # noqa: SIM905
    # "whose original creation", "the whole story", "the actual writer": how a thing is described, not which
    + "original whole entire actual check immediately directly sit sits capacity".split()  # noqa: SIM905
    # "for my edit credits", "for a fancam": what the fan will make with the answer, never a thing asked about
    + "edit edits fancam fancams fanart credits wiki wikis".split()  # noqa: SIM905
    + "infobox infoboxes embed article articles zine zines".split()  # noqa: SIM905
    # "the earliest day of filming", "the oldest of his films", "the percentage drop", "in millions": how a
    # thing asked about is put in order or measured
    + "earliest oldest newest soonest percentage".split()  # noqa: SIM905
)
_FRAME_STEMS = frozenset(light_stem(word) for word in _FRAME_WORDS)
# "what month", "the two leads", "posts from the leads": the leads are the film's two stars
_NEVER_TITLES = _FRAME_WORDS | _NUMBER_WORDS | _GENERIC_NOUNS | _SOMEONE | {"lead", "leads"}
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?: of)? (?P<m1>{'|'.join(sorted(MONTHS))})"
    rf"|(?P<m2>{'|'.join(sorted(MONTHS))}) (?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)\b"
)


# An even split, "split 50/50", "50-50 on this": the same number either side, which no sum asks
_EVEN_SPLIT = re.compile(
    r"\b(?:split|splits|divided|torn|odds|chances?)\s+(?:right\s+|like\s+|about\s+)?(\d{1,3})\s*[/-]\s*\1\b"
    r"|\b(\d{1,3})\s*[/-]\s*\2\s+(?:split|on (?:this|that|it))\b"
)


# A day written in figures, "22/04/2025", "27/7/25", "22-04-2025" (day first, as in the UK, unless the first
# number cannot be a month and the second can: "7/27/25"), "2025-07-27", or "on 27/7" without the year.
# A run of numbered things: "across s1-3", "seasons 1 - 3", "eps 2-4", "vol 1-5", "s1-s3"
_NUMBERED_RUN = re.compile(
    r"(?<!')\b(?:s|seasons?|series|eps?|episodes?|vols?|volumes?|books?|chapters?|parts?)\s*\d{1,3}"
    r"\s*(?:-|–|to)\s*(?:s|eps?|vols?)?\s*\d{1,3}\b(?!\s*(?:=|equals?\b))"
)
# The words before a day and month alone that make them a day ("on 27/7", "done by 2/7"), not two numbers
# ("season 3 4")
_DATING_WORDS = _TIME_PREPOSITIONS | {"on", "by", "from"}
_NUMERIC_DATE = re.compile(
    r"\b[0-3]?\d[/.-][0-3]?\d[/.-](?:19|20)?\d\d\b|\b(?:19|20)\d\d-[01]?\d-[0-3]?\d\b"
    # ... and in brackets ("(9/6)")
    rf"|\b(?:{'|'.join(sorted(_DATING_WORDS))}) [0-3]?\d/[01]?\d\b|\(\s*[0-3]?\d/[01]?\d\s*\)"
)
_MONTH_NAMES = (
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)


def _numeric_dates(tokens: list[str]) -> list[str]:
    """The days written in figures in a question ("22/04/2025" arrives as "22 04 2025"), as "22 April 2025"."""
    found: list[str] = []
    for position in range(len(tokens) - 1):
        a, b = tokens[position : position + 2]
        following = tokens[position + 2] if position + 2 < len(tokens) else ""
        if not (a.isdigit() and b.isdigit()):
            continue
        year = ""
        if len(a) == 4 and following.isdigit():  # 2025-07-27
            a, b, year = following, b, a
        elif following.isdigit() and len(following) in (2, 4):
            year = str(2000 + int(following)) if len(following) == 2 else following
        elif not (position and tokens[position - 1] in _DATING_WORDS) or following.isdigit():
            continue  # two numbers alone are a day only after "on", "by" ... ("on 27/7"), not "season 3 4"
        day, month = int(a), int(b)
        if month > 12 and day <= 12:
            day, month = month, day
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(f"{day} {_MONTH_NAMES[month - 1]} {year}".strip())
    return found


def _dated(statement: str, day: str) -> bool:
    """Whether a timeline fact is dated ``day`` ("27 July" or "27 July 2025"): "Filming wrapped (27 July 2025)"."""
    if _YEAR.fullmatch(day):  # a whole year: "Filming wrapped (27 July 2025)" is dated 2025
        return re.search(rf"\([^()]*\b{day}\)", statement) is not None
    return f"({day} " in statement or f"({day})" in statement


# A part asking only about a day ("what happened on 9 june"): the concepts it may carry besides the day.
_ON_DATE = "on-date"
# What a fan asks to be told, never the date of: a part naming only these asks "what", whatever came before.
_TIMELESS = frozenset(["plot", "genre", "overview", "format", "meaning", "sources", "book", "long-distance"])
_DATE_ONLY = frozenset([_ON_DATE, "overview", "plot", *MONTHS])
# Asking why a day matters or what it means: with nothing else asked, what happened on it.
_SIGNIFICANCE = frozenset(["reason", "meaning"])
_MATTERING = frozenset(
    "important importance significant significance matter matters mattered special notable big deal".split()  # noqa: SIM905
    + "memorable remember remembered famous".split()  # noqa: SIM905
)
_JOB_WORDS = frozenset(["role", "roles", "job", "jobs", "hats", "positions"])


# Works a count may be of: the verb with them ("did alice write", "did they make") says what was done to them.
_COUNTED_WORKS = frozenset(["book", "seasons", "season4", "episode", "filmography"])
_COUNT_OPENERS = (("how", "many"), ("how", "much"), ("number", "of"))


def _counted(tokens: list[str]) -> str | None:
    """The concept of what a "how many"/"number of" question counts: the phrase right after it ("how many
    graphic novels" -> book), or one that starts with it ("how many weeks" -> duration)."""
    for position in range(len(tokens) - 1):
        if tuple(tokens[position : position + 2]) not in _COUNT_OPENERS:
            continue
        for concept, span in concepts_in(tokens):
            start = min(span)
            if concept != "count" and (
                start in (position + 2, position + 3) or (start == position and len(span) > 2)
            ):
                return concept
    return None


def _dates(tokens: list[str]) -> list[str]:
    """The days a question names ("june 9", "27th of july", "22/04/2025"), written as the facts write them
    ("9 June")."""
    found: list[str] = _numeric_dates(tokens)
    for match in _DAY_MONTH.finditer(" ".join(tokens)):
        month = match.group("m1") or match.group("m2")
        day = int(match.group("d1") or match.group("d2"))
        if month in MONTHS and 1 <= day <= 31:
            found.append(f"{day} {month.capitalize()}")
    return found
