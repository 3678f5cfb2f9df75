"""Everyday wording to search terms: normalising, fan shorthand, concepts, question types and typo repair.

The same concept lexicon runs over the facts when they are indexed and over a fan's question when it is asked,
so "who helmed it?", "who's behind the camera" and "filmmaker" all meet the director's fact through the concept
``director``. Concepts with no fact behind them (``runtime``, ``trailer``...) are how the answerer knows a part
of a question is about something it has no source for, and says so instead of answering something else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

# Concept -> the words and phrases fans use for it. Phrases are matched before single words.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "director": (
        # "who is the helmer"
        "helmer",
        "helmers",
        # "who's steering the film"
        "steering",
        "steer",
        # "who calls action on set"
        "calls action",
        "call action",
        "calling action",
        "yells action",
        "shouts action",
        "direct",
        "directs",
        "directed",
        "directing",
        "director",
        "directors",
        "direction",
        "filmmaker",
        "filmmakers",
        "helm",
        "helms",
        "helmed",
        "helming",
        "behind the camera",
        "calling the shots",
    ),
    "writer": (
        # "did netflix bring in another scribe"
        "scribe",
        "scribes",
        "write",
        "writes",
        "wrote",
        "written",
        "writing",
        "writer",
        "writers",
        "screenwriter",
        "screenplay",
        "script",
        "scripted",
        "penned",
        "penning",
        "scriptwriter",
    ),
    "author": ("author", "authors", "illustrator", "drew", "who did the comics", "who did the books"),
    "creator": (
        "creator",
        # "whose brainchild was it", "whose idea was heartstopper": who created it
        "brainchild",
        "whose idea",
        "dreamed up",
        "dreamt up",
        # "whose original creation is heartstopper", "who dreamt the whole world up"
        "creation",
        "dreamt",
        "dreamed",
        "invented",
        "created",
        "creates",
        "create",
        "made up",
        "came up with",
        "originally made",
        "who made",
    ),
    "producer": (
        "producer",
        "producers",
        "executive producer",
        "executive producers",
        "produce",
        "produces",
        "produced",
        "producing",
        "exec",
        "execs",
        "executive",
        "executives",
        # "the leads got a behind the scenes title too", "are they doing anything behind the scenes": a credit
        # off screen
        "anything behind the scenes",
        "behind the scenes work",
        "work behind the scenes",
        "behind the scenes title",
        "behind the scenes titles",
        "behind the scenes credit",
        "behind the scenes credits",
        "behind the scenes roles",
        "behind the scenes role",
        "behind the scenes job",
    ),
    "cast": (
        # "who toplines it": who leads the cast
        "toplines",
        "toplined",
        "topline",
        "toplining",
        "top billed",
        "top-billed",
        "top billing",
        # "did they recast nick and charlie": whether the same actors play them
        "recast",
        "recasting",
        "recasted",
        # a character's full name is the cast list's: "what's charlie's last name" (Spring)
        "last name",
        "surname",
        "full name",
        "full names",
        "second name",
        # "the two leads", "the leads": the film's two stars
        "leads",
        "main lads",
        "main guys",
        "two lads",
        # "are there more names coming": more of the cast
        "more names",
        # "has anybody else been named": named for the cast
        "anyone else been named",
        "anybody else been named",
        "anyone been named",
        "anybody been named",
        "new names",
        "other names",
        "any names",
        "cast",
        "casting",
        "actor",
        "actors",
        "actress",
        "actresses",
        "star",
        "stars",
        "starring",
        "starred",
        "plays",
        "play",
        "played",
        "playing",
        "portray",
        "portrays",
        "portrayed",
        "role",
        "roles",
        "in it",
        "appear",
        "appears",
        "appearing",
        "return",
        "returns",
        "returning",
        "come back",
        "coming back",
        "comeback",
        "comebacks",
        "back",
        "reprise",
        "reprises",
        "reprising",
        "recast",
        "character",
        "characters",
        "acting",
    ),
    "friends": (
        "friends",
        "friend",
        "gang",
        "rest of the cast",
        "rest of the gang",
        "friend group",
        "friendship group",
        "the others",
        "who else",
        "besides nick and charlie",
        "the gang",
        "side characters",
        "supporting cast",
        "supporting characters",
        "supporting roles",
        "school friends",
        "schoolfriends",
        # British and chat words for friends: "are the mates coming back", "nick's pals"
        "mates",
        "pals",
        "besties",
    ),
    "confirmed": (
        "confirmed",
        "confirm",
        "official",
        "officially",
        "rumoured",
        "rumored",
        "rumour",
        "rumor",
        "just rumoured",
        # "who's locked in": confirmed for the film
        "locked in",
        "set in stone",
    ),
    "wrap": (
        "wrap",
        # "final day on set", "who told everyone filming was done", "filming status: ongoing or over?"
        "final day",
        "ongoing",
        "told everyone",
        # "is it in the can yet": filmed and done
        "in the can",
        "wraps",
        "wrapped",
        # "when filming was over"
        "filming was over",
        "shooting was over",
        "shoot was over",
        "filming is over",
        "wrapping",
        "finish filming",
        "finished filming",
        "finish shooting",
        "finished shooting",
        "end of filming",
        "end of shooting",
        "filming end",
        "filming ended",
        "stop filming",
        "stopped filming",
        "done filming",
        "finished",
        "finish",
        "ended",
        "end",
        "completed",
        "filming done",
        "stop rolling",
        "cameras stop",
        "cameras stopped",
        "stop for good",
        "stopped rolling",
        "all done",
        "filming finished",
        "filming over",
        "shooting done",
        "shooting finished",
        "shooting over",
        "photography concluded",
        "filming concluded",
        "shooting concluded",
        "shoot concluded",
        "production concluded",
        "photography conclude",
        "filming conclude",
        "shooting conclude",
        "shoot conclude",
        "came to a close",
        "come to a close",
        "comes to a close",
        "drew to a close",
        "draws to a close",
        "still filming",
        "still recording",
        "still shooting",
        "last day",
    ),
    "filming": (
        # "when did lensing start"
        "lensing",
        "lensed",
        "filming",
        "filmed",
        "film it",
        # "how many weeks did they film": the verb
        "they film",
        "shoot",
        "shooting",
        "shot",
        "principal photography",
        # "or they are still recording": filming, in a learner's English
        "recording",
        "recorded",
        "cameras",
        "camera",
        "photography",
        "production",
        "on set",
    ),
    "start": (
        "start",
        "starts",
        "started",
        "begin",
        "begins",
        "began",
        "begun",
        "commence",
        "commenced",
        "kick off",
        "first day",
        "get under way",
        # "when did cameras start rolling", "cameras first rolled on which day"
        "start rolling",
        "first rolled",
        "cameras rolled",
        "started rolling",
        "began rolling",
        "under way",
    ),
    "halfway": (
        "halfway",
        # "had they passed halfway by 2/7"
        "passed halfway",
        "passed the halfway",
        "past halfway",
        "past the halfway",
        # "more than 50% through shooting"
        "more than 50",
        "over 50",
        "50 percent",
        "half way",
        "half",
        "midway",
        "midpoint",
        "mid point",
        "middle",
        "halfway point",
        "half done",
        # "how far along was filming": how much was done by then
        "how far along",
        "far along",
    ),
    "duration": (
        "how long did",
        "last",
        "lasted",
        "weeks",
        "how many weeks",
        "how many days",
        "how long was filming",
        "film for",
        "filmed for",
        "shoot for",
        "shot for",
        # "was filming longer than two months": how long it lasted, compared
        "longer than",
        "shorter than",
    ),
    "release": (
        "release",
        "releases",
        "released",
        "releasing",
        "release date",
        # "roughly when it's due out", "when is it expected on netflix"
        "due out",
        "due on",
        "due in",
        "expected on netflix",
        "expected out",
        "come out",
        "comes out",
        "coming out",
        "came out",
        "launch",
        "launches",
        "dropping",
        # "when is it hitting netflix", "when does it hit screens"
        *(
            f"{verb} {place}"
            for verb in ("hit", "hits", "hitting")
            for place in ("netflix", "screens", "streaming")
        ),
        "air",
        "airs",
        "airing",
        "debut",
        "debuts",
        "arrive",
        "arrives",
        "arrival",
        "upcoming",
        "release year",
        "announced the date",
        "announce the date",
        "date been announced",
        "date announced",
        "got a date",
        "it coming",
        "have a date",
        "date yet",
        "set a date",
        "is it out",
        "it out",
        "out yet",
        "out when",
        "when is it out",
        "out in",
        "out on",
        "out till",
        "out until",
        "out til",
        "out by",
        "out before",
        "out after",
        "be out",
        "not out",
        "drop on",
        "drops on",
        "it drop",
        "drop",
        "drops",
        "out yet",
        "when can i watch",
        # waiting for it: "how long do we have to wait", "which year can we expect it", "when do we get it"
        "wait for",
        "have to wait",
        "how long until",
        "how long till",
        # "how much longer till it drops": the wait for it
        "how much longer",
        "much longer till",
        "much longer until",
        "can we expect",
        "expect it",
        "when do we get",
        # "what year are we getting hsf"
        "are we getting",
        "we getting",
        "will we get",
        "do we get",
        "when can we watch",
        # "when does it land on netflix", "when does it hit screens"
        "land",
        "lands",
        "landing",
        "it hit",
        "it hits",
        "hit screens",
        "hits screens",
        "hit our screens",
        "hit netflix",
        "hits netflix",
        # "eventually the film comes to netflix?": whether (and when) it is released there
        "comes to netflix",
        "coming to netflix",
        "come to netflix",
        "go live",
        "goes live",
    ),
    "premiere": ("premiere", "premieres", "premiered", "premiering"),
    "watch": (
        "watch",
        "watching",
        "stream",
        "streaming",
        "streamer",
        "platform",
        "available",
        "service",
        "see it",
        "which service",
        "streaming service",
        # "which service it will be shown on"
        "shown on",
        "be shown",
        # "which app do i need", "what channel is it on", "netflix or prime, which one do i need": where to watch
        "one do i need",
        "app",
        "apps",
        "subscription",
        "channel",
        # other services and channels: a fan asking about them gets where it really is
        "disney",
        "disney plus",
        "hulu",
        "hbo",
        "amazon",
        "amazon prime",
        "prime video",
        # ("on prime", "prime or netflix", never "the prime minister" or "in his prime")
        "on prime",
        "or prime",
        "prime or",
        "apple tv",
        "paramount",
        "peacock",
        "iplayer",
        "bbc",
        "itv",
        "channel 4",
        "youtube",
        "television",
        "on television",
    ),
    "cinema": ("cinema", "cinemas", "theatre", "theatres", "theater", "theaters", "theatrical", "big screen"),
    "exact": (
        "exact",
        "exactly",
        "precise",
        "specific",
        "what day",
        "which day",
        "day in",
        "what date",
    ),
    # the time of day: known only for a release pinned to an hour
    "time-of-day": ("what time", "what hour", "which hour", "time of day", "at what time"),
    # the month (or time of year) something happens: known for events dated to the month or day
    "month-known": (
        "what month",
        "which month",
        "month in",
        "the month",
        "in the summer",
        "in summer",
        "in the spring",
        "in spring",
        "in the autumn",
        "in autumn",
        "in the winter",
        "in winter",
        "for christmas",
        "by christmas",
        "at christmas",
        "for halloween",
        "for valentines",
        "on valentines",
        "for easter",
        "time of year",
        "time of the year",
        "season of the year",
    ),
    "season4": (
        "season 4",
        "season four",
        "fourth season",
        "4th season",
        "series 4",
        "series four",
        "fourth series",
        "another season",
        "new season",
        "next season",
        "4th series",
        "another series",
        "new series",
        "next series",
        "more seasons",
    ),
    "seasons": (
        "seasons",
        "how many seasons",
        "series count",
        # British English counts seasons as series: "how many series were made"
        "how many series",
        "season 3",
        "season three",
        "third season",
        "3rd season",
        "series 3",
        "series three",
    ),
    # how long the show was meant to run before the film replaced its last season: the four-season plan
    "original-plan": (
        "originally expected",
        "meant to run",
        "supposed to run",
        "planned to run",
        "intended to run",
        "going to run",
        "meant to last",
        "supposed to last",
        "meant to go on",
        "supposed to go on",
        "meant to go for",
        "supposed to go for",
        "meant to have",
        "supposed to have",
        "planned to have",
        "planning",
        "original plan",
        "initial plan",
        # "was that her plan" (and "alice's plan": see the answerer)
        "her plan",
        "were planned",
        "was planned",
        "first plan",
        # "alice was aiming for how many originally": the number of seasons she had in mind
        "aiming for",
        "aimed for",
        "aim for",
        "aiming at",
        "aimed at",
    ),
    # the series before the film (its first seasons): what the notes say of the film is not said of them
    "earlier-seasons": (
        "season 1",
        "season one",
        "first season",
        "1st season",
        "season 2",
        "season two",
        "second season",
        "2nd season",
        "series 1",
        "series 2",
        "earlier seasons",
        "previous seasons",
        "other seasons",
        "past seasons",
        "old seasons",
        "earlier series",
        "every episode",
        "each episode",
        "all the episodes",
        "all episodes",
        "other episodes",
        "any episodes",
    ),
    "commission": (
        "commission",
        "commissioned",
        "greenlit",
        # "when netflix decided about the movie": the decision to make it
        "decided about the movie",
        "decided about the film",
        "decided on the movie",
        "decided on the film",
        "decide on the movie",
        "decide on the film",
        "decided to make the movie",
        "decided to make the film",
        "decided to make a movie",
        "decided to make a film",
        "news broke",
        # "when was the film first announced": the first news of it
        "first announced",
        "first revealed",
        # "when did we first hear about the film being made": the first report of it
        *(
            f"{verb} {of} {it}"
            for verb in ("first hear", "first heard", "first found out", "first learned", "first learnt")
            for of in ("about", "of")
            for it in ("the film", "the movie", "it", "hsf", "the finale")
        ),
        # "when did we first hear there'd be a film", "what month did we find out there'd be a film"
        *(
            f"{first}{verb} there would be"
            for first in ("first ", "")
            for verb in (
                "hear",
                "heard",
                "find out",
                "found out",
                "learn",
                "learned",
                "learnt",
                "know",
                "knew",
            )
        ),
        # "when did netflix say yes to making the movie"
        "say yes to making",
        "said yes to making",
        "say yes to the film",
        "said yes to the film",
        "say yes to the movie",
        "said yes to the movie",
        "greenlight",
        "green lit",
        "green light",
        "thumbs up",
        "ordered",
        "order",
        "orders",
        "ordering",
        "renewed",
        "renewal",
        "renew",
        "announce the movie",
        "announce the film",
        "announced the movie",
        "announced the film",
        "get announced",
        "got announced",
        "signed off",
        "sign off",
        "signed it off",
        "approved",
        "go ahead",
        "go-ahead",
        # "when did netflix confirm the movie", "when was the film confirmed": the film itself confirmed is its
        # commission (a cast member confirmed is another matter)
        *(
            phrase
            for noun in ("film", "movie")
            for phrase in (
                f"confirm the {noun}",
                f"confirmed the {noun}",
                f"confirm a {noun}",
                f"confirmed a {noun}",
                f"{noun} confirmed",
                f"{noun} got confirmed",
                f"{noun} get confirmed",
                f"{noun} was confirmed",
                f"{noun} been confirmed",
                f"{noun} is confirmed",
                f"{noun} is already confirmed",
                f"{noun} is officially confirmed",
                f"{noun} officially confirmed",
            )
        ),
    ),
    # the effort to get it renewed: "did alice try to get it renewed", "who fought for a season 4"
    "renewal-effort": (
        "persuade netflix",
        "persuaded netflix",
        "persuading netflix",
        "convince netflix",
        "convinced netflix",
        "convincing netflix",
        "try",
        "tried",
        "trying",
        "tries",
        "campaign",
        "campaigned",
        "fight for",
        "fought for",
        "push for",
        "pushed for",
        "working to",
        "worked to",
        "lobby",
        "lobbied",
        # the same efforts in their other forms: "was alice fighting to get the show renewed"
        *(
            f"{verb} {preposition}"
            for verb in "fight fights fighting fought push pushes pushing pushed battle battling battled".split()  # noqa: SIM905
            for preposition in ("for", "to")
        ),
        "campaigning",
        "campaigns",
        "lobbying",
        "working on",
        "worked on",
        "save the show",
        "save heartstopper",
        "save it",
        "saving the show",
        "saving heartstopper",
    ),
    "cancelled": (
        "cancel",
        "cancels",
        "cancelled",
        "canceled",
        "cancellation",
        "axed",
        "axe",
        "scrap",
        "scrapped",
        "ditch",
        "ditched",
        "dropped",
        "cut short",
        "went wrong",
        "go wrong",
        "ended early",
        "not renewed",
        "pulled the plug",
        # "why was s4 in doubt": its future uncertain
        "in doubt",
        "doubt",
        "doubtful",
        "uncertain",
        "up in the air",
    ),
    "views": (
        "views",
        # "s3 numbers tanked": its viewing figures fell
        "numbers tanked",
        "numbers dropped",
        "numbers fell",
        "numbers went down",
        # "did the number of viewers go down", "how big was the drop": the fall, not a count
        "number of viewers go down",
        "number of viewers went down",
        "number of viewers drop",
        "number of viewers dropped",
        "number of viewers fall",
        "number of viewers fell",
        "viewers go down",
        "viewers went down",
        "big drop",
        "numbers",
        "tanked",
        # "how badly did s3 underperform"
        "underperform",
        "underperformed",
        "underperforming",
        "flop",
        "flopped",
        "viewers",
        "viewing",
        "viewership",
        "viewing figures",
        "ratings drop",
        "audience",
        "low views",
        "watched",
        "ratings",
        "ratings fall",
        "ratings fell",
        "ratings dropped",
        "viewing numbers",
        # "the viewer drop", "the drop in viewers": the fall in viewing, not a release ("when does it drop")
        "viewer",
        "viewer drop",
        "viewers drop",
        "views drop",
        "audience drop",
        "drop in viewers",
        "drop in views",
        "drop in viewing",
        "drop in ratings",
    ),
    # "actor deals being messy": the cast's contracts
    "contract": (
        "contract",
        "contracts",
        "contractual",
        "actor deals",
        "cast deals",
        "actors deals",
        # ("contract drama": trouble over them, not the genre)
        "contract drama",
        "contract issues",
        "contract problems",
    ),
    "plot": (
        # "whats the logline"
        "logline",
        "loglines",
        "log line",
        "plot",
        "story",
        "storyline",
        "synopsis",
        "happen",
        "happens",
        "happening",
        "premise",
        # "the setup of the story", "give me the set-up"
        "setup",
        "set-up",
        "set up of",
        "storyline of",
        "summary",
        "it about",
        "film about",
        "movie about",
        # a learner's order: "heartstopper forever is about what"
        "is about what",
        "is about what exactly",
        "about what exactly",
        "go through",
        "going through",
        "goes through",
        # "what's charlie dealing with in the film", "what is nick up against": what the story puts them through
        "dealing with",
        "dealin with",
        "deals with",
        "up against",
        "struggle",
        "struggles",
        "struggling",
        "face",
        # "what will test their relationship": what the story puts them through
        "test",
        "tested",
        "tests",
        "problem",
        # "what goes wrong", "the conflict": what the story puts them through
        "goes wrong",
        "go wrong",
        "went wrong",
        "conflict",
        "conflicts",
        # "why are nick and charlie drifting apart": where the story takes them
        "drifting apart",
        "drift apart",
        "drifted apart",
        "growing apart",
        "grow apart",
        "storylines",
        # "do the friends get their own arcs": their part of the story
        "arc",
        "arcs",
        "subplot",
        "subplots",
        "pick up",
        "picks up",
        "carry on",
        "continue",
        "continues",
        "resume",
        "resumes",
        # "is it set right after season 3 or is there a time jump"
        "set right after",
        "set straight after",
        "set directly after",
        "set just after",
        "set after",
        "time jump",
        "time skip",
        "start off",
        # "sum up the film", "in a nutshell", "does it follow on from season 3"
        "sum up",
        "sum it up",
        "summarise",
        "summarize",
        "nutshell",
        "tldr",
        "rundown",
        "gist",
        "recap",
        "follow on",
        "follows on",
        "carry on from",
        "carries on",
        # "is there drama between nick and charlie": their story, not the genre
        "drama between",
        "conflict",
        "fluff",
        "fluffy",
        "angst",
        "angsty",
    ),
    "university": ("university", "college", "leave for", "leaves", "leaving", "going to university"),
    "long-distance": ("long distance", "long-distance", "apart from each other"),
    "school": ("school", "sixth form", "independence", "independent"),
    "book": (
        "book",
        "books",
        "comic",
        "comics",
        "graphic novel",
        "graphic novels",
        "novel",
        "novels",
        "volume",
        "volumes",
        "based on",
        # "does the film draw on any of her other writing"
        "draw on",
        "draws on",
        "drawn from",
        "draw from",
        "adapt",
        "adapts",
        "adapted",
        "adapting",
        # "which volume is the film covering", "does it cover the novella": what it adapts
        "film covering",
        "movie covering",
        "it covering",
        "film cover",
        "movie cover",
        "it cover",
        "film covers",
        "it covers",
        "adaptation",
        "source material",
        "follow",
        "follows",
        "follow the books",
        "cover",
        "covers",
        "based off",
        "novella",
        "source",
        # "are they pulling anything from the novella", "does it draw on the books"
        "pull from",
        "pulls from",
        "pulling from",
        "pulling anything from",
        "draw on",
        "draws on",
        "drawing on",
        "draw from",
        "draws from",
        "drawing from",
    ),
    "filmography": (
        "known for",
        "other films",
        "other movies",
        "earlier films",
        "previous films",
        "filmography",
        "films is",
        "what films",
        "what else",
        "other work",
        "other stuff",
        # "has he got any earlier stuff worth watching"
        "earlier stuff",
        "best known",
        "earlier work",
        "previous work",
        "previous stuff",
        "older stuff",
        "been in",
        # "what was kit connor in before heartstopper", "what tv did euros lyn work on before"
        "in before",
        "work on before",
        "worked on before",
        "made before",
        "other shows",
        "other series",
        "other netflix shows",
        "any other shows",
        "other roles",
        "other projects",
        "acted in",
        # "what has he directed": their other work, not this film's director
        "has he directed",
        "has she directed",
        "have they directed",
        "has he written",
        "has she written",
        "has he produced",
        "has she produced",
        "directed before",
        # "who is the director and what has he done before": their earlier work
        "has he done before",
        "has she done before",
        "have they done before",
        "did he do before",
        "did she do before",
        "did they do before",
    ),
    "reason": (
        "why",
        "reason",
        "reasons",
        "because",
        "how come",
        "caused",
        "cause",
        "problems",
        "issues",
        "issue",
        # what caused something not to happen: "what stopped s4", "what got in the way of a 4th season"
        "what stopped",
        "what prevented",
        "got in the way",
        "get in the way",
        "in the way of",
        "what held",
        "held it back",
        "what killed",
        "what blocked",
    ),
    # A weak hint: "what is it?" leans toward the overview without outweighing what else is asked.
    "overview": (
        "what is",
        "tell me about",
        "what kind",
        "kind of",
        "type of",
        "overview",
        "describe",
        "what even is",
    ),
    "format": (
        "instead of",
        "in place of",
        "replace",
        "replaces",
        "replacing",
        "replaced",
        "replacement",
        "movie or a season",
        "film or a season",
        # "is it a proper film or just a christmas special": what kind of thing it is
        *(
            f"{kind} {noun}"
            for kind in ("proper", "real", "actual", "full", "full length", "full-length")
            for noun in ("film", "movie")
        ),
        "christmas special",
        "holiday special",
        "xmas special",
        "tv film",
        "tv movie",
        "television film",
        "television movie",
        "feature length",
        "feature-length",
        # "is it full movie length": a whole film, not how many minutes
        "full length",
        "full-length",
        "full movie length",
        "full film length",
        "proper movie length",
        "feature",
        "special",
        "bonus",
        "format",
        # "before it became a movie", "when did it turn into a film": the show ending as a film
        "became a movie",
        "became a film",
        "become a movie",
        "become a film",
        "turned into a movie",
        "turned into a film",
        "turn into a movie",
        "turn into a film",
        "normal episode",
        "a movie",
        "a film",
        "film or",
        "movie or",
        "or a movie",
        "or a film",
        "instead",
    ),
    "finale": (
        "finale",
        "final",
        "last one",
        # "is this the very last bit of heartstopper we get"
        "last bit",
        "final bit",
        "last part",
        "final part",
        # "hsf is the actual end end right? no more heartstopper after it"
        "actual end",
        "end end",
        "the very end",
        "last ever",
        "no more heartstopper",
        "nothing after it",
        "ending of the show",
        "finishes for good",
        "finish for good",
        "ending of the whole show",
        "end of the whole show",
        "the end",
        "last episode",
        "series finale",
        "conclude",
        "conclusion",
        "wrap up the series",
        "wraps up the series",
        "wraps up the whole",
        "wraps up the show",
        # "is this the last heartstopper ever", "is that the end of heartstopper for good"
        "last heartstopper",
        "last film",
        "last movie",
        "last show",
        "end of heartstopper",
        "end for good",
        "ends for good",
        # "this film closes out the whole series"
        "closes out",
        "close out",
        "closing out",
        # "is it the wrap-up of the whole saga", "this film closes the whole saga"
        "wrap up of",
        "closes the whole",
        "close the whole",
        "closing the whole",
        "whole saga",
        "end of the saga",
        "ends the saga",
        "ending for good",
        "over for good",
        "end of the show",
        "ending of the show",
        # "hsf is literally the ending of heartstopper? not just a break?": the last of it, not its story's end
        *(
            f"{end} of {show}"
            for end in ("end", "ending")
            for show in ("heartstopper", "the series", "the whole show", "the whole series")
        ),
        "just a break",
    ),
    "genre": (
        "genre",
        "categorise",
        "categorize",
        "classify",
        "category",
        # "what type of story is it"
        "type of story",
        "kind of story",
        "sort of story",
        # "what sort of film it is": its genre, not its filming
        "sort of film",
        "kind of film",
        "type of film",
        "sort of movie",
        "kind of movie",
        "type of movie",
        "romcom",
        "rom com",
        "rom-com",
        "romantic comedy",
        "comedy",
        "drama",
        "romance",
        # its tone asked in a fan's words: "is hsf meant to be funny or pure angst", "is it a feel-good one"
        "funny",
        "angst",
        "angsty",
        "feel good",
        "feel-good",
        "lighthearted",
        "light hearted",
        "light-hearted",
        # other genres: "is it a horror" is answered with the genre it is
        "horror",
        "thriller",
        "documentary",
        "sitcom",
        "fantasy",
        "sci-fi",
        "sci fi",
        "tragedy",
        "tearjerker",
        "cartoon",
        "animated",
        "animation",
        "anime",
    ),
    "title": ("title", "titled", "name", "named", "called", "what's it called"),
    "farewell": (
        # "kit signed off from set with a message", "the words he used when signing off"
        "signing off",
        "signed off with",
        "signs off with",
        "signed off on social",
        "signed off online",
        "signed off from set",
        "sign off from set",
        "signed off from the set",
        "farewell",
        "goodbye",
        "goodbyes",
        "bye",
        "say goodbye",
        "posts",
        "posted",
        "post",
        "instagram",
        "social media",
        "online",
        "insta",
        "say when",
        "write on",
        # the posts' captions: "what did the farewell captions say"
        "caption",
        "captions",
        "captioned",
        # "did oseman put something up that day"
        "put something up",
        "put anything up",
        "put up",
    ),
    "episode": (
        "episode",
        "episodes",
        # a British fan's word for one episode of a run ("the instalment just prior")
        "instalment",
        "installment",
        "instalments",
        "installments",
        "episode number",
        "number",
        # "where does it sit numerically", "where does it fall in the running order"
        "numerically",
        "numbering",
        "running order",
        "episode order",
        # "which episode in the order is the film": its place, not Netflix's order for it
        "in the order",
        "in order",
    ),
    "before": (
        "before",
        "previous",
        "prior",
        "came before",
        "comes before",
        # "the one that comes just before the film"
        *(
            f"{verb} {how} before"
            for verb in ("come", "comes", "came")
            for how in ("just", "right", "directly")
        ),
        "preceding",
        "right before",
        "predecessor",
        "precedes",
        # "which ep leads straight into the movie": the one before it (not "the leads", its two stars)
        *(
            f"{verb}{how} into"
            for verb in ("lead", "leads", "leading", "led")
            for how in ("", " straight", " right", " directly")
        ),
        "just ahead of",
        "right ahead of",
        "preceded",
        "precede",
        # "the ep leading into it", "the episode that led up to the film"
        "leading into",
        "leads into",
        "led into",
        "leading up to",
        "led up to",
    ),
    "count": ("how many", "number of", "count"),
    # a web address to the film: "is there a netflix link yet"
    "link": ("link", "links", "url", "urls", "web page", "webpage", "netflix page", "website"),
    "sources": (
        "source",
        "sources",
        # "cite your sources", "citations pls"
        "cite",
        "citation",
        "citations",
        "info from",
        "information from",
        "information come from",
        "information comes from",
        "info come from",
        "info comes from",
        # "which sites", "what websites": where the facts were read
        "sites",
        "websites",
        "which site",
        "what site",
        "which website",
        "what website",
        "where do you get",
        # a learner's "from where you take these infos"
        "from where you take",
        "from where do you take",
        "from where you get",
        "from where do you get",
        "these infos",
        "your infos",
        "the infos",
        # "where does the bot get all this from"
        "get all this from",
        "getting all this",
        "your info",
        "your information",
        "get all this",
        "get this from",
        "get all this info",
        "get your info",
        "get its info",
        "get your information",
        "getting your info",
        "getting your information",
        "where are you getting",
        "citation",
        # "source for the wrap stuff? which outlet said it": where a fact comes from
        "source for",
        "sources for",
        "which site",
        "what site",
        "which outlet",
        "what outlet",
        "which publication",
        "who reported",
        "where did you read",
        "where did you hear",
        "bot get",
        "bot gets",
        "bot getting",
        "pull this stuff from",
        "pull this from",
        "pull these facts from",
        "pulling these facts from",
        "pulling this from",
        "pull your facts from",
        "get these facts",
        "get your facts",
        "getting these facts",
        "facts come from",
        "facts from",
    ),
    "wanted": (
        "want",
        "wanted",
        "wants",
        "wished",
        "hoped",
        "hope to",
        "hoping to",
        "interest",
        "interested",
        "keen",
        # "keen to carry on": wanting to go on with the show, not the story carrying on
        "keen to carry on",
        "willing",
        "be willing to",
        # "did the two leads say they'd be up for it"
        "up for it",
        "be up for",
        "keen to continue",
        "wanted to carry on",
        "want to carry on",
        "wanted to continue",
    ),
    # Months: a question naming one ("what happened in june") meets the events dated in it.
    **{
        month: (month, month[:3]) if month not in ("may", "june", "july") else (month,)
        for month in (
            "january february march april may june july august september october november december".split()  # noqa: SIM905
        )
    },
    # --- things fans ask that no field of the data file covers (yet): named so a reply can say so --------
    "runtime": (
        "runtime",
        "run time",
        "running time",
        "how long is",
        # "does anyone know how long the movie is gonna be": the same, put inside another question
        *(
            f"how long {film} {verb}"
            for film in ("the film", "the movie", "the finale", "it")
            for verb in ("is", "will be", "is going to be", "would be", "runs")
        ),
        "length",
        "minutes long",
        "hours long",
        "2 hours",
        "two hours",
        "minutes",
        "long is the movie",
        "long's the runtime",
    ),
    "trailer": ("trailer", "teaser", "trailers", "teasers", "first look", "clip", "sneak peek"),
    "location": (
        "where was",
        "where did they film",
        "location",
        "locations",
        "filmed where",
        "shot where",
        "where is it filmed",
        "where was it filmed",
        "where did they shoot",
        "what city",
        "which city",
        "what town",
        "which town",
        "what country",
        "which country",
        "filmed at",
        "film at",
        "shot at",
        "shoot at",
        # "was it shot back at the same school": where, again
        "shot back at",
        "filmed back at",
        "filming location",
        "filming locations",
        "real school",
        "on location",
    ),
    "height": ("tall", "height", "how tall"),
    "age": (
        "how old",
        "age of",
        "his age",
        "her age",
        "their age",
        "what age",
        "birthday",
        "born",
        "star sign",
        "zodiac",
    ),
    "money": (
        "budget",
        "cost",
        "costs",
        "paid",
        "pay",
        "salary",
        "money",
        "box office",
        "earn",
        "earnings",
        "how much money",
        "make money",
        "net worth",
        "worth",
        "rich",
    ),
    "rating": (
        "age rating",
        "rated",
        "rating",
        "certificate",
        "pg",
        "pg 13",
        "15 rated",
        # "any content warnings i ought to know about": what the rating board would say
        "content warning",
        "content warnings",
        "trigger warning",
        "trigger warnings",
        "content advice",
    ),
    "music": ("music", "composer", "composing", "composed", "soundtrack", "score", "song", "songs", "album"),
    "crew-other": (
        "cinematographer",
        "cinematography",
        "dop",
        "editor",
        "edited",
        "editing",
        "costume",
        "costumes",
        "designer",
        "designed",
        "casting director",
        "casting directors",
        # who chose the actors, not who they are: "who did the casting", "who was in charge of casting"
        "did the casting",
        "does the casting",
        "do the casting",
        "doing the casting",
        "handled the casting",
        "handled casting",
        "charge of casting",
        "charge of the casting",
        "casting team",
        "director of photography",
        "who shot",
        "who filmed",
        "choreographer",
        "stunt",
    ),
    "awards": (
        "award",
        "awards",
        "oscar",
        "oscars",
        "golden globe",
        "golden globes",
        "emmy",
        "emmys",
        "bafta",
        "baftas",
        "nominated",
        "nomination",
        "nominations",
        "golden globe",
    ),
    # lines spoken in the film, which no source quotes
    "dialogue": ("first line", "last line", "quote", "quotes", "dialogue", "famous line", "best line"),
    "extra-scene": ("post credits", "post-credits", "credits scene", "end credits", "bloopers"),
    "spin-off": ("spin off", "spin-off", "spinoff", "spin offs", "sequel", "prequel", "another film"),
    "poster": ("poster", "posters", "key art", "font", "logo"),
    # versions in other languages
    "language": (
        "dub",
        "dubbed",
        "dubs",
        "subtitles",
        "subs",
        "in hindi",
        "in spanish",
        "in german",
        "in french",
        "language",
        "languages",
    ),
    "middle-name": ("middle name", "middle names"),
    "ending": (
        # "how does the series end": its story's end (not when filming ended)
        *(
            f"how {does} {it} end"
            for does in ("does", "will", "did")
            for it in ("the series", "the show", "heartstopper", "the film", "the movie", "hsf", "the story")
        ),
        "ends up",
        "ended up",
        "ending up",
        "break up",
        "breakup",
        "broke up",
        "wedding",
        "married",
        "get married",
        "die",
        "dies",
        "spoiler",
        "spoilers",
        "in the end",
        "how does it end",
        "happy ending",
        "the ending",
        "how it ends",
        "end up together",
        "at the end",
        "still together",
        "stay together",
        "end up",
    ),
    "pages": ("pages", "page count", "how many pages"),
    "likes": ("likes", "like count", "retweets", "views on"),
    "which-uni": (
        "which uni",
        "which university",
        "what university",
        "what uni",
        "which college",
        "far away",
        "nearby",
        "close to home",
        "how far",
    ),
    "next-project": (
        # "what's kit doing after heartstopper"
        "doing after",
        "doing next",
        "next project",
        "working on next",
        "writing next",
        "directing next",
        "filming next",
        "making next",
        "up to next",
        "next role",
        "next book",
        "new book",
        "next film",
        "next movie",
        "next show",
        "new project",
        "new projects",
        # "... any new movies?" (spelt "films"): theirs to come, never our one film
        "new films",
        "upcoming films",
        "future films",
        "upcoming projects",
        "leaving acting",
        "quit acting",
        "quitting acting",
        "retire",
        "retiring",
        "retired",
    ),
    # which school or sixth form, which the notes never name
    "which-school": ("what school", "which school", "name of the school", "school name", "what sixth form"),
    # other versions of the story than the Netflix series and this film
    "other-version": (
        "stage play",
        "stage show",
        "the musical",
        "a musical",
        "audiobook",
        "audio book",
        "webcomic",
        "web comic",
        "tumblr",
        "podcast",
        "video game",
        "merch",
        "merchandise",
    ),
    # what a word or the title means
    "meaning": ("meaning", "mean", "means", "stand for", "stands for", "short for", "abbreviation"),
    "word-for-word": (
        "word for word",
        "exact words",
        "exactly what",
        "what exactly",
        "verbatim",
        "full post",
    ),
    # how long someone has done something, in years: the notes only say "several years"
    "years-count": ("how many years", "how long have", "how long has"),
    # who broke a piece of news: the notes cite their sources, not other outlets
    "reporter": (
        "who reported",
        "which newspaper",
        "what newspaper",
        "which outlet",
        "what outlet",
        "which website",
        "which magazine",
        "who broke the news",
        "who leaked",
    ),
    "personal": (
        "sexuality",
        "gay",
        "bisexual",
        "bi",
        "girlfriend",
        "boyfriend",
        "dating",
        "partner",
        "single",
        "relationship status",
        "lgbtq",
        "lgbt",
        "queer",
        "come out as",
        "came out as",
        "best friend",
        "best friends",
        "friends with",
        "real name",
        "real life",
        "irl",
        "pronouns",
    ),
    # how to reach a real person: never the bot's to give
    "contact": (
        "phone number",
        "personal number",
        "phone",
        "number for",
        "address",
        "email",
        "e-mail",
        "live",
        "lives",
        "living",
        "where does",
        "contact",
        "reach",
        "dm",
        "message him",
        "message her",
        "snapchat",
        "whatsapp",
        "snap",
        "personal insta",
        "hotel",
        "staying at",
        "where is he staying",
        "where is she staying",
        "where are they staying",
    ),
    "handle": (
        "handle",
        "instagram handle",
        "twitter handle",
        "username",
        "user name",
        "account",
        "followers",
        "his instagram",
        "her instagram",
        "their instagram",
        "tiktok",
        "people follow",
        "follow her",
        "follow him",
        "follow them",
    ),
    "education": (
        "film school",
        "drama school",
        "acting school",
        "go to school",
        "went to school",
        "study",
        "studied",
        "education",
        "degree",
    ),
    "scenes": (
        "scene",
        "scenes",
        "first scene",
        "last scene",
        "how many scenes",
        "deleted scenes",
        "behind the scenes",
        "takes",
        "how many takes",
    ),
    "published": ("published", "publish", "publication", "publishing"),
    "chooser": (
        "who picked",
        "who chose",
        "who decided",
        "picked",
        "chose",
        "chosen",
        "came up with the name",
        "came up with the title",
    ),
    # the people inside Netflix, whom no source names: "which netflix exec signed it off"
    "netflix-person": (
        "which exec",
        "what exec",
        "netflix exec",
        "netflix execs",
        "netflix executive",
        "netflix executives",
        "netflix boss",
        "netflix bosses",
        "who at netflix",
        "head of netflix",
        "someone at netflix",
    ),
    "writing-time": (
        "take her to write",
        "take him to write",
        "take them to write",
        "take to write",
        "long to write",
    ),
    "viewer-count": (
        "how many viewers",
        "how many people watched",
        "how many views",
        "how many people saw",
        # "the drop was 30%, but what were the actual numbers": a count the notes do not give
        "actual numbers",
        "actual figures",
        "real numbers",
        "exact numbers",
        "exact figures",
        "view numbers",
        "view counts",
        "view count",
        "audience number",
        "audience numbers",
        "audience figures",
        "number of viewers",
        "how many million",
        "how many millions",
        "in millions",
    ),
    "relative": (
        "mum",
        "mom",
        "mother",
        "dad",
        "father",
        "parents",
        "sister",
        "brother",
        "family",
        "grandma",
        "grandmother",
        "nan",
        "aunt",
        "uncle",
        "cousin",
        "daughter",
        "son",
        "kids",
        "children",
        "dog",
        "pet",
    ),
    # "is the creator involved?": what someone does on the film (every role, not one)
    "involved": (
        "involved",
        # "how many hats is alice wearing on it": her roles
        "how many hats",
        "many hats",
        "involvement",
        "on board",
        "part of it",
        "work on",
        "working on",
        "worked on",
        # "what does alice oseman do on the film", "what's ian canning's role on it"
        "do on",
        "does on",
        # "alice oseman does what on the film": the same, asked in the order of a statement
        "does what on",
        "do what on",
        "doing what on",
        "does what for",
        "do what for",
        "role on",
        # "alice oseman's credits on the film": all her roles
        "credits on",
        "credits for",
        "role in the film",
        "role in the movie",
        "job",
        "jobs",
        # "what does kit do off screen"
        "off screen",
        "offscreen",
        "off-screen",
        # "does he have the directing gig", "what's her gig on it" (not "going to a gig")
        *(f"{deed} gig" for deed in ("directing", "acting", "writing", "producing")),
        "gig on",
        # "where do i know the name emile sherman from": what they are known for here, their part in the film
        "know the name",
        "where do i know",
        "heard the name",
        "recognise the name",
        "recognize the name",
    ),
    # attachments to a post or an announcement, which the notes never describe
    "photo": ("pic", "pics", "picture", "pictures", "photo", "photos", "selfie", "selfies", "image", "video"),
    # gatherings around the production, which no source reports
    "party": ("party", "parties", "wrap party", "celebration", "celebrate", "celebrated", "afterparty"),
    # how well the books sell, which no source gives
    "sales": ("sold", "sales", "copies", "bestseller", "best seller", "best-selling", "bestselling"),
    # the people making it, off screen: "who's the crew", "who's working bts on it" (read as its roles)
    # everyone credited, on screen and off: "list every person credited on the film", "the full credits"
    "credits": (
        "credited on",
        "credited in",
        "credited for",
        "full credits",
        "the credits",
        "credits list",
        "everyone credited",
        "everybody credited",
        "everyone involved",
        "everybody involved",
        "everyone who worked on",
        "everybody who worked on",
    ),
    "crew": (
        "crew",
        "crews",
        "crew list",
        "film crew",
        "production team",
        "creative team",
        "team behind",
        "people behind",
        "working behind the scenes",
        "work behind the scenes",
        "works behind the scenes",
        "behind the scenes team",
        "behind the scenes people",
    ),
}

# Concepts that only lean the choice; the others count fully.
WEAK_CONCEPTS = {"overview": 0.5, "count": 0.3, "original-plan": 0.5}

# Concepts that no fact can stand in for: named in a reply when nothing in the notes covers them.
UNKNOWN_LABELS = {
    "runtime": "the running time",
    "trailer": "a trailer or teaser",
    "location": "where it was filmed",
    "height": "{who}'s height",
    "age": "{who}'s age or birthday",
    "money": "money figures (budget, pay or earnings)",
    "rating": "the age rating",
    "music": "the music",
    "crew-other": "that crew member",
    "extra-scene": "extra scenes",
    "spin-off": "any spin-off or sequel",
    "poster": "a poster",
    "ending": "how the story ends",
    "pages": "the page count",
    "likes": "how many likes it got",
    "which-uni": "which university",
    "next-project": "{who}'s next project",
    "word-for-word": "the exact wording",
    "personal": "{who}'s personal life",
    "contact": "{who}'s contact details or where they live",
    "exact": "the exact date",
    "month-known": "the month",
    "time-of-day": "the time of day",
    "years-count": "how many years",
    "reporter": "who reported it",
    "premiere": "a premiere event",
    "cinema": "a cinema release",
    "filmography": "{who}'s other work",
    "location-where": "where",
    "handle": "{who}'s social media handle",
    "education": "{who}'s education",
    "scenes": "which scenes were filmed",
    "published": "when it was published",
    "chooser": "who chose it",
    "writing-time": "how long the writing took",
    "viewer-count": "how many people watched",
    "relative": "that family member",
    "photo": "a photo or video with it",
    "netflix-person": "which person at Netflix made the call",
    "awards": "awards or nominations",
    "language": "dubs, subtitles or languages",
    "middle-name": "a middle name",
    "dialogue": "lines from the film",
    "which-school": "which school",
    "other-version": "other versions of the story (stage, audio, merchandise)",
    "meaning": "what it means",
    "party": "any party or celebration",
    "sales": "sales figures",
}

# Words that carry no meaning for matching a fact.
STOP_WORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being am do does did
    doing done has have had having will would shall should can could may might must it its it's this that these
    those they them their there here i me my we us our you your he him his she her hers what which who whom
    whose when why how tell know about please any anyone some something so than then too very just also into
    onto over under up down again further once all both each few more most other such only own same not no nor
    yes yeah hey hi hello bot whats what's who's whos when's hows how's gonna wanna going get got gets let lets
    let's thanks thank there's ever yet soon already really actually where vs versus whether himself herself themselves
    whatever whichever wherever whenever per either
    itself myself yourself ourselves
    """.split()  # noqa: SIM905 - a word list reads best as text
)

# Chatty filler: words that say how the fan feels, not what they ask; and what fans who speak Indonesian, Tagalog,
# Hindi or Turkish add to a question in English, an address or a tone ("the movie is confirmed already kak?").
FILLER_WORDS = frozenset(
    """
    hsbot hsfbot heartstopperbot fandom fandoms fanbase moots mutuals shippers stans bestie bestiee girlie girlies babes obv obvs obvi chat gc gen discord tiktok reddit tumblr omg lol lmao lmaooo ngl tbh smth smthn sth somethin lowkey highkey pov trades deadass istg iirc fyi btw idk imo pls plz please ok okay so like literally basically wait um uh hmm
    oh ah wow love loved loving favourite favorite fave fav show's obsessed emotional crying cry sobbing
    excited exciting soooo sooo so much need needs really super totally honestly again even right guys
    someone told me think thought wonder wondering curious anyway anyways first place just finished rewatching
    rewatched rewatch time times im i'm seriously haha hahaha fr rn now currently tho though dont don't
    please thx thanks cant can't wait would love know anybody everyone someone heard hear said saying say
    apparently kinda sorta sort kind pretty actually gonna wanna gotta thing stuff whole lot lots bit little
    yet still also too far so-far far list ugh ughh argh bruh ahh aaa yay sob sorry server asking asap
    roughly approximately approx innit lineup line-up rundown gimme give
    smh wdym ikr nvm fml ofc tysm ty icl ong frfr lowk q q's qs superfan superfans mr mrs ms mx
    lmk hmu afaik imho omfg ily jk lemme lemmie fam upvote upvoted upvoting downvote downvoted pinned pin pins
    definitely definately defintely surely certainly genuinely genuine confused
    clarify clarification desperate grateful appreciate appreciated kindly eager dying many
    eventually finally kak kakak dong sih deh nih kok gan mbak naman po yaar bhai hocam abi abla
    """.split()  # noqa: SIM905
)

# Words that name this film or its series: a question using them is about the film.
FILM_WORDS = frozenset(
    ["heartstopper", "forever", "film", "movie", "finale", "show", "series", "hsf", "special", "episode"]
)

# Words for a figure going up or down ("the audience shrank by how much"): everyday English, though the word
# list lacks some forms, so the typo repair and the off-topic check know them.
CHANGE_WORDS = frozenset(
    """
    drop dropped drops fall fell falls fallen lose lost decline declined decrease decreased percent down less
    fewer shrank shrink shrinks shrunk dip dipped plummeted plunged halved slump slumped
    """.split()  # noqa: SIM905
)

# Fan shorthand and contractions, word -> replacement words (after folding).
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()  # noqa: SIM905
)
# Months as they are abbreviated ("jul 27", "9 jun", "sept"); "mar" and "may" are words of their own.
MONTH_ABBREVIATIONS = {month[:3]: month for month in MONTHS if month[:3] not in ("mar", "may")} | {
    "sept": "september"
}

# Chat spellings of the question words and their neighbours, as typed fast on a phone.
CHAT_SPELLINGS = {
    "wat": "what",
    "wut": "what",
    "wot": "what",
    "wht": "what",
    "wats": "what is",
    "wuts": "what is",
    "wen": "when",
    "whn": "when",
    "wher": "where",
    "whr": "where",
    "smth": "something",
    "smthn": "something",
    "sth": "something",
    "thru": "through",
    "abt": "about",
}
_CHAT_SPELLING = re.compile(r"(?<![\w'])(?:" + "|".join(CHAT_SPELLINGS) + r")(?![\w'])")


def spell_out_chat(text: str) -> str:
    """Folded text with the chat spellings of question words spelt out ("wat do i do" -> "what do i do"), for
    the patterns read over a whole message."""
    return _CHAT_SPELLING.sub(lambda match: CHAT_SPELLINGS[match[0]], text)


SHORTHAND: dict[str, str] = {
    # "which movies did wash make": the notes say "films" (a plural only: "the movie" is our film everywhere)
    "movies": "films",
    "hsf": "heartstopper forever",
    "hs": "heartstopper",
    "whats": "what is",
    "what's": "what is",
    "whens": "when is",
    "when's": "when is",
    "wheres": "where is",
    "where's": "where is",
    "whos": "who is",
    "who's": "who is",
    "hows": "how is",
    "whys": "why is",
    "why'd": "why did",
    "whyd": "why did",
    "howd": "how did",
    "how'd": "how did",
    "who'd": "who did",
    "what'd": "what did",
    "where'd": "where did",
    "when'd": "when did",
    "why's": "why is",
    "how's": "how is",
    "everyone's": "everyone is",
    "everybody's": "everybody is",
    "isnt": "is not",
    "isn't": "is not",
    "doesnt": "does not",
    "doesn't": "does not",
    "didnt": "did not",
    "didn't": "did not",
    "wasnt": "was not",
    "wasn't": "was not",
    "arent": "are not",
    "aren't": "are not",
    "werent": "were not",
    "weren't": "were not",
    "story's": "story",  # ("the story's ending", "the story's not about ...": the story either way)
    "innit": "is not it",
    "theres": "there is",
    "there's": "there is",
    "there'd": "there would",
    "thered": "there would",
    "ther'd": "there would",
    "it's": "it is",
    "it'll": "it will",
    "itll": "it will",
    "they'll": "they will",
    "theyll": "they will",
    "he'll": "he will",
    "she'll": "she will",
    "we'll": "we will",
    "that'll": "that will",
    "won't": "will not",
    "wont": "will not",
    "hasnt": "has not",
    "hasn't": "has not",
    "havent": "have not",
    "haven't": "have not",
    "hadnt": "had not",
    "hadn't": "had not",
    "gonna": "going to",
    "its": "it is",
    "im": "i am",
    "i'm": "i am",
    **CHAT_SPELLINGS,
    **MONTH_ABBREVIATIONS,
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "ppl": "people",
    "some1": "someone",
    "sum1": "someone",
    "any1": "anyone",
    "every1": "everyone",
    "no1": "no one",
    # "exec producer headcount", "headcount of the cast": a count asked
    "headcount": "how many",
    "pls": "",
    "plz": "",
    "rn": "now",
    "ep": "episode",
    "eps": "executive producers",
    "s4": "season 4",
    "s3": "season 3",
    "s2": "season 2",
    "s1": "season 1",
    "szn": "season",
    "uni": "university",
    "vol": "volume",
    "vols": "volumes",
    "insta": "instagram",
    "ig": "instagram",
    "telly": "television",
    "programme": "show",
    "programmes": "shows",
    "tv": "television",
    "movie's": "movie is",
    "film's": "film is",
    "long's": "long is",
    "nicks": "nick",
    "nick's": "nick",
    "charlies": "charlie",
    "charlie's": "charlie",
    "locke's": "locke",
    "connor's": "connor",
    "kit's": "kit",
    "joe's": "joe",
    "alice's": "alice",
    "oseman's": "oseman",
    "he's": "he is",
    "hes": "he is",
    "shes": "she is",
    "she's": "she is",
    "they're": "they are",
    "we're": "we are",
    "you're": "you are",
    "youre": "you are",
    "i've": "i have",
    "ive": "i have",
    "we've": "we have",
    "you've": "you have",
    "they've": "they have",
    "i'd": "i would",
    "we'd": "we would",
    "theyre": "they are",
    "cuz": "because",
    "defo": "definitely",
    "deffo": "definitely",
    "defs": "definitely",
    "cos": "because",
    "wanna": "want to",
    "tryna": "trying to",
    "og": "original",
    "w": "with",
    "n": "and",
    "teh": "the",
    "thats": "that is",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "coz": "because",
    "bc": "because",
    "em": "them",
    "b4": "before",
    "yr": "year",
    "yrs": "years",
    "prev": "previous",
    "szns": "seasons",
    "dun": "done",
    "dir": "director",
    "prod": "producer",
    "prods": "producers",
    "dirs": "directors",
    "rom": "rom",
    "romcom": "romcom",
    "bts": "behind the scenes",
    "cinematic": "cinema",
    "ep#": "episode number",
    "#": "number",
    # English as fans who speak another language first write it: their own word, or its false friend
    "tome": "volume",
    "tomes": "volumes",
    "realisator": "director",
    "realizator": "director",
    "realisators": "directors",
    "scenario": "script",
    "scenarist": "screenwriter",
    "scenarists": "screenwriters",
    "terminated": "ended",
    "termined": "ended",
    "serie": "series",
}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|#|[+*/=×÷^%-]", re.UNICODE)
_MENTION = re.compile(
    r"<(?:@[!&]?|#|:[A-Za-z0-9_~]+:|a:[A-Za-z0-9_~]+:|t:)\d*(?::[tTdDfFR])?>|@(?:everyone|here)"
    # an emoji typed as its shortcode (":sob:", ":movie_camera:")
    r"|(?<![\w:]):[a-z][a-z0-9_+\-]{1,31}:(?![\w:])"
)
# A name typed after "@" that Discord did not turn into a mention ("@HeartBot when is it out"): who is addressed,
# not a word of the question (a request's own words keep it: "give me the @Moderator role")
_TYPED_AT_NAME = re.compile(r"(?<![\w@])@[\w.]{2,32}")
_SYMBOLS = frozenset("+*/=×÷^%-#")


def fold(text: str) -> str:
    """Lower-case, strip accents and fold curly quotes, for comparing what people type."""
    if text.isascii():  # the common case, and the costly part below does nothing for it
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.replace("’", "'").casefold()


def strip_mentions(text: str) -> str:
    """Remove Discord mentions (users, roles, channels, @everyone) and custom emoji from text."""
    return _MENTION.sub(" ", text)


# "h.s. forever", "the u.k.": letters with dots between, one word ("hs", "uk")
_INITIALISM = re.compile(r"(?<![\w.])[a-z](?:\.[a-z])+\.?(?!\w)")


def _joined_initials(text: str) -> str:
    if "." not in text:
        return text
    return _INITIALISM.sub(lambda match: match[0].replace(".", ""), text)


def words(text: str) -> list[str]:
    """The words of a text (folded), without symbols: what facts are indexed and compared with."""
    return [
        token
        for token in _WORD.findall(_joined_initials(fold(_TYPED_AT_NAME.sub(" ", strip_mentions(text)))))
        if token not in _SYMBOLS
    ]


_HELD_LETTERS = re.compile(r"([a-z])\1{2,}")  # a letter three or more times: "sooo", "pleaseee"
_DOUBLED_LETTERS = re.compile(r"([a-z])\1+")


def unstretch(token: str) -> str:
    """A word typed with a letter held down, as the everyday word it stretches: "heyy" -> "hey", "sooo" -> "so",
    "whennn" -> "when", "pleaseee" -> "please". Only towards a common word or a chat word, and never from a
    common word ("all", "too", "booth" stay)."""
    if len(token) < 3 or not token.isalpha() or not _DOUBLED_LETTERS.search(token):
        return token  # (checked first: most words have no letter twice, and need no word list loaded)
    english = english_words()
    rank = english.get(token)
    if rank is not None and rank <= COMMON_RANK:
        return token
    candidates = [_HELD_LETTERS.sub(r"\1\1", token), _HELD_LETTERS.sub(r"\1", token)]
    if rank is None:  # not a word at all: a doubled letter may be held down too ("heyy")
        candidates.append(_DOUBLED_LETTERS.sub(r"\1", token))
    for candidate in candidates:
        if candidate == token:
            continue
        known = english.get(candidate)
        if (
            (known is not None and known <= COMMON_RANK)
            or candidate in SHORTHAND
            or candidate in FILLER_WORDS
        ):
            return candidate
    return token


def raw_tokens(text: str) -> list[str]:
    """Words and the arithmetic symbols between them (so "3+4" is seen as a sum), folded."""
    return _WORD.findall(_joined_initials(fold(strip_mentions(text))))


def _names_episodes(tokens: list[str], position: int) -> bool:
    """ "eps" names episodes, not executive producers, where episodes are counted or placed: "eps of
    heartstopper", "8 eps per season", "how many eps before the film", "24 eps"."""
    after = tokens[position + 1 : position + 2]
    before = tokens[max(position - 2, 0) : position]
    return bool(
        set(after)
        & {"of", "per", "in", "before", "after", "total", "altogether", "left", "until", "till", "each"}
        or (before and before[-1].isdigit())
        or (before and before[-1] in _COUNT_WORDS_BEFORE)
    )


_COUNT_WORDS_BEFORE = frozenset(
    ["first", "last", "previous", "earlier", "older", "all", "heartstopper", "hs"]
)


# "EP"/"EPs" in capitals is an executive producer's credit ("is alice an EP too", "how many EPs"), and so is
# "ep credit"; a lower-case "ep" is an episode ("what ep is it"), as is "EP 25" and a message in capitals.
_EP_IN_CAPITALS = re.compile(r"(?<![\w#])EP(s?)(?![\w#])(?!\s*(?:#|no\.?\s*|number\s*)?\d)")
_EP_CREDIT = re.compile(r"\b(?:ep|EP)(s?)(?=\s+credits?\b)")
_EP_LIST = re.compile(r"\bep(s?)(?=\s+(?:list|lineup|line-up|roster)\b)", re.IGNORECASE)
# "kit is an ep on it", "is joe one of the eps": someone's credit (not "it's an ep", "is the film an ep": an episode)
_EP_AS_ROLE = re.compile(
    r"(?<!\bit )(?<!\bit's )(?<!\bthis )(?<!\bthat )(?<!\bfilm )(?<!\bmovie )(?<!\bfinale )(?<!\bhsf )"
    r"\b((?:is|was|are|were|as|be|being) (?:an? |one of the |also an? |an actual )?)eps?\b(?=\s+(?:on|for|right|too|yeah|innit|tho|though)\b|\s*[?!.,]|\s*$)",
    re.IGNORECASE,
)
_SPEAKS_OF_PRODUCING = re.compile(r"\b(?:exec|execs|executive|producing|producer|producers)\b", re.IGNORECASE)


def spell_out_ep(text: str) -> str:
    """The executive producers a fan calls "EPs", spelt out before the words are folded."""
    letters = [char for char in text if char.isalpha()]
    if sum(char.isupper() for char in letters) * 2 > len(letters):
        return text  # shouted: "WHAT EP IS IT" says nothing by its capitals
    text = _EP_CREDIT.sub(r"executive producer\1", text)
    text = _EP_AS_ROLE.sub(r"\1executive producer", text)
    if _SPEAKS_OF_PRODUCING.search(text):
        # "kit n joe are exec producing, who else is on the ep list": the producers' list, in that talk
        text = _EP_LIST.sub(r"executive producer\1", text)
    return _EP_IN_CAPITALS.sub(r"executive producer\1", text)


# "4ever", "hs4eva", "heartstopperforever": the title's second word as fans spell it, alone or run on
_FOREVER_SPELT_SHORT = re.compile(r"([a-z]*)4(?:ever|eva|evr|evah|evaa)|(heartstopper|hs)forever")


def expand_shorthand(tokens: Iterable[str]) -> list[str]:
    """Fan shorthand and contractions spelt out ("hsf" -> "heartstopper forever", "uni" -> "university")."""
    expanded: list[str] = []
    tokens = list(tokens)
    for position, token in enumerate(tokens):
        if token == "eps" and _names_episodes(tokens, position):
            expanded.append("episodes")
            continue
        replacement = SHORTHAND.get(token)
        if replacement is None:
            replacement = run_together(token)
        if replacement is None and token.endswith("'s"):
            replacement = SHORTHAND.get(token[:-2])  # "hsf's screenplay": the film's
        if replacement is None and (forever := _FOREVER_SPELT_SHORT.fullmatch(token)):
            head = forever[1] or forever[2] or ""
            replacement = f"{SHORTHAND.get(head, head)} forever".strip()
        if replacement is None:
            expanded.append(token)
        elif replacement:
            expanded.extend(replacement.split())
    return expanded


# Question words as typed fast: one of them run together with its neighbour ("howmany", "outwen", "whr2watch")
_RUN_TOGETHER_HEADS = frozenset(
    ["who", "what", "when", "where", "why", "how", "which", "wen", "wat", "whr", "wher"]
)


def keyboard_mash(token: str, *, among_words: bool = False) -> bool:
    """ "asdfghjkl", "ksjdhfksj", "jhgkjhgkjhg": letters hit for the feeling, no word at all (few vowels in a long
    run, or a few letters repeated), and neither an English word nor words run together ("whr2watch").

    ``among_words``: the token sits among words of a question, where a word typed without its vowels ("filmng",
    "platfrm", "shrank") is likelier than a mash; only keys hit on the home row count there."""
    if len(token) < 6 or not (token.isascii() and token.isalpha()):
        return False
    vowels = sum(char in "aeiouy" for char in token)
    if not (vowels / len(token) < 0.2 or len(set(token)) <= len(token) / 3):
        return False
    if among_words and sum(char in _HOME_ROW for char in token) < 0.8 * len(token):
        return False
    return token not in english_words() and run_together(token) is None


_HOME_ROW = frozenset("asdfghjkl")


def run_together(token: str) -> str | None:
    """ "howmany" -> "how many", "outwen" -> "out when", "whr2watch" -> "where to watch": a question word run
    together with an everyday word, when the token is no word of its own; None otherwise."""
    if len(token) < 5 or not token.isalnum() or token in english_words():
        return None
    for cut in range(2, len(token) - 1):
        left, right = token[:cut], token[cut:]
        middle = ""
        if right.startswith("2") and len(right) > 3:
            middle, right = "to", right[1:]
        if not (left.isalpha() and right.isalpha()):
            continue
        if not ({left, right} & _RUN_TOGETHER_HEADS):
            continue
        spelt = [CHAT_SPELLINGS.get(side, side) for side in (left, middle, right) if side]
        if all(english_words().get(word, COMMON_RANK + 1) <= COMMON_RANK for word in spelt):
            return " ".join(spelt)
    return None


def everyday_word(word: str) -> bool:
    """Whether a word is a concept's or among the commonest English words."""
    return word.isalpha() and (
        word in CONCEPT_WORDS or english_words().get(word, COMMON_RANK + 1) <= COMMON_RANK
    )


# Phrase -> concept, longest phrases first so "finish filming" wins over "finish".
_PHRASES: list[tuple[tuple[str, ...], str]] = sorted(
    ((tuple(phrase.split()), concept) for concept, phrases in CONCEPTS.items() for phrase in phrases),
    key=lambda item: -len(item[0]),
)
CONCEPT_WORDS = frozenset(word for phrase, _ in _PHRASES for word in phrase)
# The phrases by first word, each with its place in _PHRASES: a question looks only at the phrases its own words
# can start (a few dozen of some 1,200), in the same longest-first order.
_PHRASES_BY_FIRST_WORD: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
for _order, (_phrase, _concept) in enumerate(_PHRASES):
    _PHRASES_BY_FIRST_WORD.setdefault(_phrase[0], []).append((_order, _phrase, _concept))
# Words that name a concept in a fan's question but not in a fact's text: "when did it end" asks about the
# wrap, while a synopsis "picking up where the third season ended" is not about the end of filming.
QUESTION_ONLY_PHRASES = frozenset(
    [("end",), ("ended",), ("finish",), ("finished",), ("completed",), ("all", "done")]
)


# Words a fan drops into the middle of a phrase for emphasis ("when is it actually out"): a question's phrases
# are matched as if they were not there.
INTENSIFIERS = frozenset(
    ["actually", "really", "literally", "ever", "finally", "honestly", "seriously", "truly", "definitely"]
)


def concepts_in(tokens: list[str], *, question: bool = True) -> list[tuple[str, set[int]]]:
    """The concepts named in a token list, each with the positions of the words that named it; a fact's text
    (``question=False``) does not count the loose words only a question means a concept by."""
    if question and INTENSIFIERS & set(tokens):
        kept = [position for position, token in enumerate(tokens) if token not in INTENSIFIERS]
        return [
            (concept, {kept[position] for position in span})
            for concept, span in concepts_in([tokens[position] for position in kept])
        ]
    found: list[tuple[str, set[int]]] = []
    used: set[int] = set()
    candidates = sorted(
        candidate for token in set(tokens) for candidate in _PHRASES_BY_FIRST_WORD.get(token, ())
    )
    for _, phrase, concept in candidates:
        if not question and phrase in QUESTION_ONLY_PHRASES:
            continue
        size = len(phrase)
        for start in range(len(tokens) - size + 1):
            if tokens[start] != phrase[0] or tuple(tokens[start : start + size]) != phrase:
                continue
            span = set(range(start, start + size))
            if not span & used:
                used |= span
                found.append((concept, span))
    return found


def index_terms(texts: Iterable[str]) -> str:
    """The extra keyword text stored with a fact so the concepts it expresses are searchable."""
    tokens: list[str] = []
    for text in texts:
        tokens.extend(expand_shorthand(words(text)))
    return " ".join(sorted({concept for concept, _ in concepts_in(tokens, question=False)}))


def light_stem(word: str) -> str:
    """A small suffix stripper, close enough to SQLite's porter tokenizer for scoring candidates."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# Words ranked below this many are everyday English; rarer ones ("titanic", "euphoria") are likely titles.
COMMON_RANK = 4000


@lru_cache(maxsize=1)
def english_words() -> dict[str, int]:
    """About 24,000 English words with their frequency rank (bot/services/data/english_words.txt, most
    frequent first; see PROVENANCE.md there).

    Loaded on the first question that has a word the knowledge base does not know, never at start-up: a
    correctly spelt English word is never "repaired" into a name, and a word that is neither English nor
    known is a name the bot has no notes on.
    """
    text = resources.files("bot.services").joinpath("data/english_words.txt").read_text(encoding="utf-8")
    ranks = {word: rank for rank, word in enumerate(text.split())}
    # British spellings the list lacks, at the American word's rank ("May I enquire", "organising", "analysed"):
    # a fan's spelling is an English word, never a name the notes lack
    for word, rank in list(ranks.items()):
        if "iz" not in word and "yz" not in word and not word.startswith("inquir"):
            continue  # (most words: no regex run)
        for american, british in _BRITISH_SPELLINGS:
            if american.search(word):
                ranks.setdefault(american.sub(british, word), rank)
    return ranks


_BRITISH_SPELLINGS = (
    (re.compile(r"^inquir"), "enquir"),
    (re.compile(r"(?<=[a-z]{2})iz(?=(?:e|es|ed|ing|ation|ations)$)"), "is"),
    (re.compile(r"yz(?=(?:e|es|ed|ing)$)"), "ys"),
)


_REPAIR_MEMO_LIMIT = 50_000
_REPAIR_CUTOFF = 80.0


def _nickname_spelling(word: str, targets: frozenset[str]) -> str | None:
    """A name ending "-ie" spelt "-y" or "-i" ("charly" for "charlie"), or the other way round: too far apart
    for the edit-distance cutoff, but a name's ending is the commonest way to spell it differently."""
    stem = word[:-2] if word.endswith("ie") else word[:-1] if word[-1:] in ("y", "i") else None
    if stem is None or len(stem) < 3:
        return None
    for ending in ("ie", "y", "i"):
        if stem + ending != word and stem + ending in targets:
            return stem + ending
    return None


def _g_dropped(word: str) -> bool:
    """ "talkin", "goin", "somethin": a rare word that is a far commoner word's "-ing" with its g dropped (not
    "thin", nor "aspirin": words of their own, common or not far rarer than the "-ing" word)."""
    if not word.endswith("in"):
        return False
    ranks = english_words()
    rank = ranks.get(word, len(ranks))
    with_g = ranks.get(word + "g")
    return with_g is not None and rank > _COMMON_WORD_RANK and rank > 4 * with_g


# Words at most this far down the frequency list are everyday words in their own right
_COMMON_WORD_RANK = 5000


# The everyday words a slip is repaired into: the commonest English words (a rarer one is more likely a name or a
# word the fan meant)
_EVERYDAY_RANK = 3000
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LATIN_WORD = re.compile(r"(?<![\w'@#:/.])[A-Za-z]+(?![\w'@#/])")
# "who" where only "how" reads: "who many seasons", "who long was filming" (and "hwo many" put right as "who")
_WHO_FOR_HOW = re.compile(r"\bwho(?= (?:many|much|long|come|often|soon|far)\b)", re.IGNORECASE)


def _one_slip(typed: str, meant: str) -> bool:
    """Whether ``typed`` is ``meant`` with two neighbouring letters swapped, or one letter left out or added."""
    if len(typed) == len(meant):
        return any(
            typed[:i] + typed[i + 1] + typed[i] + typed[i + 2 :] == meant for i in range(len(typed) - 1)
        )
    shorter, longer = sorted((typed, meant), key=len)
    return len(longer) - len(shorter) == 1 and any(
        longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
    )


@lru_cache(maxsize=4096)
def _everyday_spelling(word: str) -> str | None:
    """The everyday English word ``word`` is one slip away from: two letters swapped ("hwo", "frist"), one left
    out ("creatd", "befor", "aftr") or one typed twice ("filmming"), the last two in words of four letters or
    more; the commonest when there are several, None when there is none. A letter typed for another is not
    repaired here: too many words are one such slip from each other ("puth", "nemo")."""
    everyday = english_words()
    candidates = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    if len(word) > 3:
        # (three letters with one more are as often a chat abbreviation: "irl", "bts", "wyd" stay as typed)
        candidates |= {word[:i] + letter + word[i:] for i in range(len(word) + 1) for letter in _LETTERS}
        candidates |= {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    found = [(everyday[c], c) for c in candidates if everyday.get(c, _EVERYDAY_RANK + 1) <= _EVERYDAY_RANK]
    return min(found)[1] if found else None


class Vocabulary:
    """The names and words worth repairing a typo into ('charlei' -> 'charlie', 'direced' -> 'directed').

    Only words that are not ordinary English are repaired (rapidfuzz's edit-distance ratio, at least 80 of
    100): "still", "wash" or "elle" stay what the fan typed.
    """

    def __init__(
        self, known: Iterable[str], targets: Iterable[str] = (), *, not_english: Iterable[str] = ()
    ) -> None:
        self.known = frozenset(known) | CONCEPT_WORDS | STOP_WORDS | FILLER_WORDS | FILM_WORDS | CHANGE_WORDS
        # Words of the other languages the bot reads ("wann", "quando"): never a typo of an English word
        self._not_english = frozenset(not_english)
        # Repair targets: names and the concept lexicon (a small set, whatever the knowledge base's size).
        self._targets = sorted(
            {word for word in targets if len(word) >= 3}
            | {word for word in CONCEPT_WORDS if len(word) >= 4}
            | {"heartstopper", "forever"}
        )
        self._target_set = frozenset(self._targets)
        self._repaired: dict[str, str] = {}

    def repair(self, word: str) -> str:
        if word.endswith("'s") and word[:-2].isalpha() and word[:-2] not in self.known:
            # "osman's": a misspelt name's possessive is the name, as a known name's is ("oseman's" -> "oseman")
            base = self.repair(word[:-2])
            return base if base in self._targets else word
        if word in self.known or len(word) < 4 or not word.isalpha():
            return word
        if word.endswith("wise") and word[:-4] in self.known and len(word) > 7:
            return word[:-4]  # "storywise", "castwise": the story, the cast
        repaired = self._repaired.get(word)
        if repaired is None:
            repaired = word
            agent = re.sub(r"er(s?)$", r"or\1", word)
            if agent != word and agent in self._target_set:
                # "directer", "creaters": "-er" for "-or" is the commonest slip in a maker's name, and the edit
                # distance alone ties it with "directed"
                repaired = agent
            elif word not in english_words() and (nickname := _nickname_spelling(word, self._target_set)):
                repaired = nickname  # "charly", "charli": a name's ending spelt another way
            elif _g_dropped(word):
                repaired = word + "g"  # "talkin", "goin", "nothin": the final g dropped, as it is said
            elif word not in english_words() and (swapped := self._swapped(word)):
                repaired = swapped  # "wehn", "wrpa", "flim": two letters typed the wrong way round
            elif word not in english_words():
                # rapidfuzz is imported on the first word to repair, not at start-up (the bot's footprint).
                from rapidfuzz import fuzz, process

                match = process.extractOne(
                    word, self._targets, scorer=fuzz.ratio, score_cutoff=_REPAIR_CUTOFF
                )
                if match is not None:
                    repaired = match[0]
            if len(self._repaired) < _REPAIR_MEMO_LIMIT:
                self._repaired[word] = repaired
        return repaired

    def everyday_text(self, text: str) -> str:
        """``text`` with each word's everyday slip put right, before set phrases and shorthand are read ("in teh
        frist place" is "in the first place"), and "who many" read as "how many". Names and words of ours are
        left to :meth:`repair`."""
        return _WHO_FOR_HOW.sub("how", _LATIN_WORD.sub(lambda found: self._everyday(found[0]), text))

    def _everyday(self, word: str) -> str:
        folded = word.lower()
        if (
            len(folded) < 3
            or not folded.isalpha()
            or folded in self.known
            or folded in english_words()
            or folded in self._not_english
            # ("joes wrap post": a name's possessive without its apostrophe)
            or (folded.endswith("s") and folded[:-1] in self.known)
        ):
            return word
        if folded in SHORTHAND:
            # "teh", "hte": a slip shorthand already spells out ("wats" is "what is", spelt out later)
            meant = SHORTHAND[folded]
            return meant if _one_slip(folded, meant) else word
        return _everyday_spelling(folded) or word

    def _swapped(self, word: str) -> str | None:
        """The one word of ours (or everyday question word) the typo is with two neighbouring letters swapped
        back; None when there is none, or more than one."""
        found = {
            candidate
            for position in range(len(word) - 1)
            if (candidate := word[:position] + word[position + 1] + word[position] + word[position + 2 :])
            != word
            and (candidate in self.known or candidate in self._target_set)
        }
        return found.pop() if len(found) == 1 else None

    def join_split(self, tokens: list[str]) -> list[str]:
        """Two words a name was split into, joined again ("wash west moreland" -> "westmoreland", "heart
        stopper"): only where the two together are a name of ours that is no English word."""
        if len(tokens) < 2:
            return tokens
        joined: list[str] = []
        position = 0
        while position < len(tokens):
            pair = tokens[position : position + 2]
            whole = "".join(pair).removesuffix("'s")  # "west moreland's colette": the name's possessive
            if (
                len(pair) == 2
                and whole.isalpha()
                and whole in self._target_set
                and whole not in english_words()
                and len(whole) >= 7
            ):
                joined.append(whole)
                position += 2
                continue
            joined.append(tokens[position])
            position += 1
        return joined


_STARRED = re.compile(r"(?<![\w*])\*([a-z][a-z']+)\b(?!\*)", re.IGNORECASE)
# Words between a pair of "*" or "**" on one line: Discord's italics and bold, not a correction
_EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}([^*\n]+?)\*{1,2}(?![\w*])")


def apply_star_corrections(text: str) -> str:
    """ "when did it wrpa *wrap": a word after "*" corrects the earlier word most like it, as chat does; it
    is dropped where no earlier word is close enough to be the one it corrects ("*" around a word is
    emphasis: "*so* excited", untouched)."""
    from rapidfuzz import fuzz

    text = _EMPHASIS.sub(r"\1", text)  # "what year did *Still Alice* come out": markdown, a title in italics
    for match in reversed(list(_STARRED.finditer(text))):
        correction = match[1]
        before = text[: match.start()]
        spans = [(m.start(), m.end(), m[0]) for m in re.finditer(r"[\w']+", before)]
        scored = [
            (fuzz.ratio(word.casefold(), correction.casefold()), start, end) for start, end, word in spans
        ]
        best = max(scored, default=None)
        after = text[match.end() :]
        if best is not None and best[0] >= 60:
            _, start, end = best
            text = before[:start] + correction + before[end:].rstrip() + after
        else:
            text = before.rstrip() + after
    return text
