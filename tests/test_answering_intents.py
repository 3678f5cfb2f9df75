"""/ask's everyday questions read from each language's own phrasings (bot/services/intents.py): who plays whom,
who directs and wrote it, when it is out, where to watch it, what it is about, how many seasons came before,
which volume it adapts, asked the way fans chat (chat spellings, no accents, words nobody listed, typos), and
what is not about this film is still refused.

The wordings are this module's own, written for it: none is a row of the evaluation sets."""

from __future__ import annotations

import pytest

from bot import rendering
from bot.services.answering import Answer, Answerer, NoAnswer, PartialAnswer, Refusal
from bot.services.multilingual import to_english

DIRECTOR = ("crew-director", "Wash Westmoreland")
WRITER = ("crew-writer", "Alice Oseman")
RELEASE = ("release", "2026")
PLATFORM = ("release", "Netflix")
PLOT = ("synopsis", "university")
SEASONS = ("seasons-before", "three seasons")
VOLUME = ("material-nick-and-charlie", "Volume 6")
NICK = ("cast-nick-nelson", "Kit Connor")
CHARLIE = ("cast-charlie-spring", "Joe Locke")

EVERYDAY = [
    # Spanish
    ("neta nadie sabe quien hace de charlie en hsf", CHARLIE),
    ("oigan y el actor de nick quien es??", NICK),
    ("q personaje le toco a kit connor", NICK),
    ("quien dirigira la peli final de heartstopper", DIRECTOR),
    ("quien escribio el guion de hsf alguien sabe", WRITER),
    ("ya confirmaron fecha de estreno de hsf?", RELEASE),
    ("donde voy a poder ver hsf cuando salga", PLATFORM),
    ("hsf va a estar en netflix?", PLATFORM),
    ("de q se trata hsf, no he visto nada", PLOT),
    ("cuantas temporadas tuvo heartstopper antes de la peli", SEASONS),
    ("en que tomo se basa hsf", VOLUME),
    # Brazilian Portuguese
    ("gente quem faz o charlie no filme", CHARLIE),
    ("qm é o ator do nick em hsf", NICK),
    ("quem vai dirigir hsf mano", DIRECTOR),
    ("quem escreveu o roteiro de hsf?", WRITER),
    ("hsf lança quando afinal", RELEASE),
    ("onde eu assisto hsf quando lançar", PLATFORM),
    ("sobre oq vai ser hsf", PLOT),
    ("quantas temporadas teve antes de hsf", SEASONS),
    ("hsf adapta qual livro", VOLUME),
    # French
    ("wsh c ki qui joue charlie ds hsf", CHARLIE),
    ("qui incarne nick dans le film", NICK),
    ("c'est qui le réal de hsf", DIRECTOR),
    ("qui a écrit le scénario de hsf svp", WRITER),
    ("hsf sort quand en vrai", RELEASE),
    ("y a une date de sortie pour hsf ?", RELEASE),
    ("on peut regarder hsf où", PLATFORM),
    ("ça raconte quoi hsf", PLOT),
    ("combien de saisons avant hsf", SEASONS),
    ("hsf c'est adapté de quel tome", VOLUME),
    # German
    ("wer spielt eigentlich nick in hsf", NICK),
    ("wer ist der schauspieler von charlie", CHARLIE),
    ("wer macht bei hsf regie", DIRECTOR),
    ("wer hat hsf geschrieben", WRITER),
    ("wann kommt hsf endlich raus", RELEASE),
    ("gibts schon ein datum für hsf", RELEASE),
    ("wo kann ich hsf gucken", PLATFORM),
    ("worum gehts in hsf eigentlich", PLOT),
    ("wie viele staffeln gab es vor hsf", SEASONS),
    ("auf welchem band basiert hsf", VOLUME),
    # Italian
    ("raga chi interpreta charlie in hsf", CHARLIE),
    ("chi è l'attore che fa nick", NICK),
    ("chi ha diretto sto film", DIRECTOR),
    ("chi l'ha scritto hsf", WRITER),
    ("hsf quando esce???", RELEASE),
    ("c'è già una data d'uscita per hsf", RELEASE),
    ("dove posso vedere hsf", PLATFORM),
    ("di cosa parla hsf in breve", PLOT),
    ("quante stagioni ci sono state prima di hsf", SEASONS),
    ("da quale volume è tratto hsf", VOLUME),
    # Verbs in other tenses, and "this film" said with a demonstrative
    ("cuantas temporadas salieron antes de hsf", SEASONS),
    ("wieviele staffeln kamen vor dem film", SEASONS),
    ("quante stagioni sono uscite prima del film", SEASONS),
    ("vou poder assistir na netflix?", PLATFORM),
    ("ça va parler de quoi le film final", PLOT),
    ("wer hat bei dem film die regie übernommen", DIRECTOR),
    ("ma si sa quando uscirà sto film??", RELEASE),
    # Chatter nobody listed, around a question that names this film: read past it
    ("hsf sale cuando? estoy re ansiosa", RELEASE),
    ("wann kommt hsf raus digga ich sterbe", RELEASE),
    # Typos of the language's own words, repaired against its own vocabulary
    ("me pasan la sinopisis de hsf", PLOT),
    ("wer ist der regiseur von hsf", DIRECTOR),
    ("quantas temporadsa teve antes de hsf", SEASONS),
    ("chi è il regissta di hsf", DIRECTOR),
]


@pytest.mark.parametrize(("question", "expected"), EVERYDAY)
async def test_everyday_questions_are_read_from_each_languages_own_phrasings(
    answerer: Answerer, question: str, expected: tuple[str, str]
) -> None:
    slug, snippet = expected
    result = await answerer.answer(question)
    assert isinstance(result, Answer) and not isinstance(result, PartialAnswer), f"{question!r}: {result}"
    assert slug in {statement.fact_slug for statement in result.all_statements}, (
        f"{question!r}: {result.text}"
    )
    assert snippet in result.text


@pytest.mark.parametrize(
    ("question", "snippets"),
    [
        ("quien hace de nick? y charlie?", ["Kit Connor", "Joe Locke"]),
        ("qui joue nick et charlie", ["Kit Connor", "Joe Locke"]),
        ("wer spielt nick und charlie in hsf", ["Kit Connor", "Joe Locke"]),
        ("vale y q tomo adaptan y quien escribe el guion", ["Volume 6", "Alice Oseman"]),
        ("chi dirige hsf e di cosa parla", ["Wash Westmoreland", "university"]),
        ("qual é a data de estreia e quem dirige", ["2026", "Wash Westmoreland"]),
    ],
)
async def test_each_part_of_a_question_is_read(
    answerer: Answerer, question: str, snippets: list[str]
) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, Answer) and not isinstance(result, PartialAnswer), f"{question!r}: {result}"
    for snippet in snippets:
        assert snippet in result.text, f"{question!r}: {result.text}"


REFUSED = [
    # Spanish
    "quien es mas guapo nick o charlie",
    "escribeme un poema sobre hsf",
    "cuando sale barbie 2",
    "quien dirigio la peli de barbie",
    # Brazilian Portuguese
    "qual é o melhor filme da netflix",
    "me escreve uma história do nick",
    "quem faz o homem aranha",
    "quando sai o filme do homem aranha",
    # French
    "c'est quoi le meilleur film de 2025",
    "écris une chanson sur hsf",
    "qui joue dans barbie",
    "quand sort dune 3",
    # German
    "wer ist hübscher kit oder joe",
    "schreib mir ein gedicht über hsf",
    "wann kommt avatar 3 raus",
    "wer spielt in barbie mit",
    # Italian
    "scrivimi una poesia su hsf",
    "chi è più carino nick o charlie",
    "quando esce il film di barbie",
    "chi interpreta batman",
    # Another film named after the noun, asked with the everyday words
    "di cosa parla il film di barbie",
    "quando sai o filme do homem aranha",
]


@pytest.mark.parametrize("question", REFUSED)
async def test_what_is_not_about_this_film_stays_refused(answerer: Answerer, question: str) -> None:
    result = await answerer.answer(question)
    assert isinstance(result, Refusal), f"{question!r}: {result}"


@pytest.mark.parametrize(
    "question",
    [
        "neta quien hace de pedro en hsf",  # a name the notes lack stays the name asked about
        "quem interpreta o giovanni no filme",
        "tara sale en la peli cuando?",  # a friend asked about is not dropped for the release date
        "kommt tara auch wieder in hsf",
        "quando sai o filme da tara",
    ],
)
async def test_a_name_is_never_dropped_to_answer_something_else(answerer: Answerer, question: str) -> None:
    result = await answerer.answer(question)
    embed = rendering.answer_embed(question, result)
    text = f"{embed.title} {embed.description}"
    assert "Kit Connor" not in text and "2026" not in text, f"{question!r}: {text}"
    assert isinstance(result, NoAnswer | Refusal | PartialAnswer) or "Tara" in text, f"{question!r}: {text}"


def test_another_topic_is_left_to_the_word_by_word_reading() -> None:
    """A word of another topic (filming, the trailer, the series) keeps the question from being read as an
    everyday one it is not: "when is the trailer out" is not "when is the film out"."""
    for question, language in [
        ("cuando sale el trailer de hsf", "es"),
        ("quando começaram as gravações de hsf", "pt"),
        ("quand est sortie la première saison", "fr"),
        ("wann war drehschluss bei hsf", "de"),
        ("quando è uscita la prima stagione", "it"),
    ]:
        reworded = to_english(question, language)
        assert reworded is not None
        assert "when does heartstopper forever come out" not in reworded[1], question


async def test_a_character_name_is_never_repaired_into_another_word(answerer: Answerer) -> None:
    for question in ["quien hace de isaac", "wer spielt darcy", "chi interpreta isaac"]:
        result = await answerer.answer(question)
        embed = rendering.answer_embed(question, result)
        text = f"{embed.title} {embed.description}"
        assert "Isaac" in text or "Darcy" in text, f"{question!r}: {text}"
