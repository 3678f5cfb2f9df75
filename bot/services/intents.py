"""The everyday questions of /ask read from each language's own phrasings, before any word-by-word rewording.

Reading a Spanish or German question word by word through an English reader stops at the first word no lexicon
lists ("neta", "porca miseria", "gabs", "surtando"): the English reader takes it for a name it has no notes on.
Fans ask a handful of everyday things (who plays a character or which part an actor plays, who directs, who
wrote it, when it is out, where to watch it, what it is about, how many seasons came before, which volume it
adapts), and each language asks them with its own interrogatives, verbs in every tense, nouns and chat
spellings. Those are listed here per language, tagged with what they ask; a clause whose tagged words make up
one or more of these intents is read as the plain English question for it ("who directed heartstopper
forever"), and its other words are dropped, so a word nobody listed no longer stops an everyday question.

Dropping words is what could invent an answer ("cuándo sale barbie" is not about this film), so the reading
holds back and leaves the clause to the word-by-word rewording (multilingual.py) whenever it is not sure:

* a word of any other topic in the language's lexicon (music, trailer, filming, the series, a cinema, "first",
  a friend coming back, a poem, an opinion) or a topic no intent of the clause takes ("when does the first
  season come out") keeps the clause; so do a number and "why";
* a question about the film drops unknown words only when the clause names this film (hsf, heartstopper,
  "sto film", "das ding") and none of them may name something: a word after an article or a preposition ("la
  peli de barbie"), next to the verb ("tara sale en la peli", "kommt tara wieder"), or on English's word list
  (most first names are: "tara", "isaac", "barbie"); chatter ("neta", "porca miseria", "surtando") is none;
  another film named after the noun ("il film di barbie") is asked of by its name, for the English reading to
  refuse;
* who plays whom keeps its name as typed ("who plays pedro" is still "I don't know"): the unknown words next
  to the verb ("nick", "nick et charlie"); any other that may name something keeps the clause; a clause of
  names only after it asks the same ("quien hace de nick? y charlie?");
* a clause without an intent is reworded word by word, unless it asks nothing (no question word, no word of
  another topic: "no me suena el nombre", "to surtando"), and then it is dropped; a question with no intent
  at all is reworded exactly as before.

Typos are repaired against the language's own question words only (one letter in a short word, two in a long
one, the same first letter), never a word on English's list or one the language's lexicon knows, so no name
is ever repaired into another word and no listed word into another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from bot.services.language import FILLER_WORDS, STOP_WORDS, english_words, fold

# What a listed word says. Interrogatives: who, when, where, what (or which), how many, how, why.
Q_TAGS = frozenset(["who", "when", "where", "what", "howmany", "how", "why"])
# What a question is about; each intent below takes some of them
TOPIC_TAGS = frozenset(
    [
        "direct",  # directs, director, direction
        "write",  # writes, wrote, written (a verb: "escribe un poema" asks for writing, "quién escribe" who wrote)
        "script",  # script, screenwriter, writer
        "release",  # comes out, premieres, is released
        "date",  # date, release, premiere, year
        "watch",  # watch, see, stream
        "platform",  # platform, streaming service, Netflix
        "play",  # plays, portrays
        "do",  # does, makes: a part only when asked "who does nick" ("qui fait nick"), never "what does X do"
        "actor",  # actor, actress
        "role",  # character, part
        "about",  # is about, talks about, happens
        "plot",  # plot, synopsis, story
        "season",  # season(s)
        "before",  # before, previous
        "volume",  # volume, book, comic
        "adapt",  # adapts, is based on, is filmed
    ]
)
# Function words: articles and prepositions (an unknown word after one is a noun, maybe a title), the rest
ARTICLE, PREPOSITION, FUNCTION = "art", "prep", "func"
CONJUNCTION = "conj"  # "and": a new clause starts when a question word follows
FILM, OURS = "film", "ours"  # a film noun ("la peli", "das ding"), this film's own name (hsf, heartstopper)
FILL = "fill"  # everyday words asking nothing: "gente", "vale", "en gros"
OTHER = "other"  # another topic: filming, trailer, running time, music, the weather, a poem

# English words of a lexicon entry that ask nothing (articles, pronouns, "please")
_EMPTY_ENGLISH = STOP_WORDS | FILLER_WORDS | frozenset(["this", "least", "nothing", "something", "anything"])


def _vocabulary(text: str) -> tuple[dict[tuple[str, ...], str], dict[str, str]]:
    """``tag: word|two words|stem*`` lines as (phrase -> tag, stem -> tag); accents are left out when read."""
    phrases: dict[tuple[str, ...], str] = {}
    stems: dict[str, str] = {}
    for line in text.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        tag, _, words = line.partition(":")
        for entry in words.split("|"):
            entry = " ".join(fold(entry.replace("'", " ").replace("-", " ")).split())
            if entry.endswith("*"):
                stems[entry[:-1]] = tag.strip()
            elif entry:
                phrases.setdefault(tuple(entry.split()), tag.strip())
    return phrases, stems


# Written without accents: questions are read folded (fans leave accents out, and "dirigió" is "dirigio").
# A stem ("dirig*") takes every form of the verb ("dirige", "dirigió", "dirigirá", "dirigido").
SPANISH = """
other: cine|cines|en cines|primera|primer|primero|segunda|segundo|tercera|tercer|tercero|cuarta|cuarto|quinta
other: vuelv*|volver*|regres*|reaparec*|repite|repiten
other: gusta|gusto|gustan|gusto|encanta|encanto|opinas|piensas|crees|prefieres|prefiero|mejor|peor|odio|odias|guapo|guapa|lindo|linda|bonito|sexy|escribeme|escribime|hazme|haz|cuentame un|cuentame una|dime un|dime una|inventa|imagina
who: quien|quienes|kien|qien
when: cuando|cuado|cnd|cdo|para cuando|pa cuando|a partir de cuando
where: donde|adonde|en donde|dnd|en que plataforma|en q plataforma|en cual plataforma
what: que|q|k|ke|cual es|cual|cuales|que es|q es
howmany: cuantas|cuantos|cuanta
how: como
why: por que|porque|pq|xq|porq
direct: dirig*|director|directora|dire|direccion|detras de la camara|quien esta detras
write: escrib*|escrit*
script: guion|guionista|guiones|libreto|firmo el guion|escritor|escritora
release: sale|salio|saldra|salga|salen|salieron|saldran|salgan|salia|estren*|lanz*|sacan|saca|sacaran|sacaron|llega|llegara|llego|ya salio|ya esta
date: fecha|estreno|lanzamiento|ano|año de estreno|dia de estreno
watch: ver|verla|verlo|mirar|mirarla|mirarlo|veremos|vere|veo|se ve|se vera|streamear
platform: plataforma|plataformas|streaming|netflix|prime|amazon|hbo|max|disney|apple
play: interpret*|hace de|hizo de|hara de|hacer de|haciendo de|sale de|sale como|da vida a|encarna|protagoniz*|hace el papel de
do: hace|hacen|hara
other: forma parte|forman parte|formara parte
actor: actor|actriz|actores|actrices
role: personaje|papel|rol
about: trata|tratara|de que trata|de que va|va de|de q va|de q trata|que pasa en|q pasa en|pasa|cuenta|contara
plot: trama|sinopsis|argumento|resumen|historia|premisa
season: temporada|temporadas|temp|temps
before: antes|anteriores|previas|previo|previa
volume: tomo|tomos|volumen|volumenes|libro|libros|comic|comics|novela grafica|novela|parte del comic
adapt: adapt*|basa|basada|basado|basan|basaron
film: peli|pelicula|pelis|filme|film
ours: esta peli|esta pelicula|esa peli|la cosa|esto
ours: hsf|heartstopper|forever|hs
art: el|la|los|las|un|una|unos|unas|lo
prep: de|del|en|a|al|con|sobre|para|pa|por|desde|hasta|sin
conj: y|e|o|u
func: toco|le toco|les toco|tocara|hubo|habia|hubieron|tuvo|tuvieron|voy|vas|vamos|poder|puedo|puede|podemos|podre|podra|ir|estar|he|has|hemos|visto|es|son|fue|era|sera|va|van|a ser|se|me|te|le|les|nos|mi|su|sus|tu|ya|hay|habra|tiene|tienen|esta|este|ese|esa|eso|esto|al final|ha|han|no|si|mas
fill: x fa|por fa|en serio|oye|oigan|porfa|por favor|pls|plis|xfa|gracias|hola|holi|vale|bueno|pues|osea|o sea|tipo|jaja|jajaja|xd|wey|guey|tio|tia|che|q onda|que onda|o q onda|o que onda|alguien sabe|alguien|sabe|saben|sabes|alguno|me dicen|diganme|dime|me dices|porfis|ahora|ahorita|al fin|por fin|en serio|ya mismo|gente|chicos|chicas|amigos|exactamente|mas o menos|aprox|aproximadamente|la verdad|de verdad|mano|bro|plox|xfavor|x favor|al menos|aunque sea|por lo menos|siquiera|ya hay|hay|se sabe|sabemos|final|ultima|ultimo|nueva|nuevo|otra vez|porfavor|help|ayuda|dudas|duda|una duda|pregunta|tengo una duda
"""

PORTUGUESE = """
other: cinema|cinemas|no cinema|primeira|primeiro|segunda|terceira|terceiro|quarta
other: volta|voltam|voltar*|vai voltar|retorn*|reaparec*
other: gosta|gostou|gostei|curte|curtiu|acha|acham|achou|prefere|melhor|pior|odeio|bonito|bonita|lindo|linda|gato|gata|escreva|escreve um|escreve uma|me escreve|faz um|faca|inventa|imagina
who: quem|qm|kem
when: quando|qnd|qdo|qndo|qd|qdu
where: onde|aonde|em que plataforma|em qual plataforma|qual plataforma|qual streaming
what: que|q|o que|oq|o q|oque|qual|quais|qual e
howmany: quantas|quantos
how: como
why: por que|porque|pq|pk|porq
direct: dirig*|diretor|diretora|direcao|quem ta por tras|por tras das cameras|por tras da camera
write: escrev*|escrit*
script: roteiro|roteirista|roteiristas|script|escritor|escritora
release: sai|saiu|saira|sair|vai sair|lanc*|estrei*|chega|chegara|chegou|ja saiu|ja lancou
date: data|estreia|lancamento|ano|data de estreia|data de lancamento
watch: assistir|assisto|assistimos|assiste|ver|vejo|veremos|passa|passar|vai passar|vai estar|stremar|streamar
platform: plataforma|plataformas|streaming|netflix|prime|amazon|hbo|max|disney|globoplay
play: interpret*|faz o papel de|faz o papel do|faz o papel da|faz papel de|vive|da vida a|protagoniz*
do: faz o|faz a|faz|fara|fazer|fazendo|vai fazer
other: faz parte|fazem parte|fara parte
actor: ator|atriz|atores|atrizes
role: personagem|papel|personagens|papeis
about: trata|se trata|do que se trata|fala|fala sobre|e sobre|sobre o que|do que e|acontece|conta|vai acontecer|vai falar
plot: sinopse|enredo|trama|resumo|historia|premissa
season: temporada|temporadas|temp|temps
before: antes|anteriores|anterior
volume: volume|volumes|livro|livros|quadrinho|quadrinhos|hq|hqs|graphic novel|gibi
adapt: adapt*|baseado|baseada|baseia|inspirado|inspirada
film: filme|filmes|filminho|longa
ours: esse filme|nesse filme|desse filme|este filme|esse bagulho|bagulho|essa parada
ours: hsf|heartstopper|forever|hs
art: o|a|os|as|um|uma|uns|umas
prep: de|do|da|dos|das|em|no|na|nos|nas|com|sobre|para|pra|pro|por|pelo|pela|ate|sem
conj: e|ou
func: vou|poder|posso|pode|podemos|consigo|da pra|teve|tiveram|houve|tinha|tinham|e|eh|sao|foi|era|sera|vai|vao|se|me|te|lhe|nos|meu|minha|seu|sua|ja|tem|ta|esta|esse|essa|isso|este|esta|isto|nesse|nessa|desse|dessa|no final|nao|sim|mais|la
fill: gente|gnt|mds|meu deus|socorro|kkk|kkkk|kkkkk|rs|rsrs|ne|ai|tipo|entao|alguem sabe|alguem|sabe|sabem|me fala|me diz|me conta|fala ai|por favor|pfv|pf|porfavor|por favorzinho|please|pls|agora|finalmente|serio|mano|mana|migos|amigos|galera|pessoal|vcs|voces|voce|vc|final|ultimo|ultima|novo|nova|de novo|afinal|ja tem|tem|ja|duvida|pergunta|real|aff|af|ansioso|ansiosa|ansiosos|morrendo|chorando|nao aguento|n aguento|nao aguento mais|dessa vez|desta vez
"""

FRENCH = """
other: cinema|au cinema|salle|salles|en salle|premiere saison|deuxieme|troisieme|quatrieme|seconde
other: revient|reviennent|reviendra|reviendront|revenir|de retour|retour
other: aime|aimes|aimez|adore|prefere|preferes|penses|pensez|trouves|trouvez|meilleur|meilleure|pire|beau|belle|mignon|canon|ecris|ecrivez|fais moi|raconte moi une|invente|imagine
who: qui|ki|c qui|c'est qui|cest qui|qui est ce qui|qui c
when: quand|qd|kan|kand|a quand|c quand|c'est quand|cest quand
where: ou|ou ca|sur quelle plateforme|sur quelle plate forme|quelle plateforme
what: quoi|koi|que|qu|quel|quelle|quels|quelles|c quoi|c'est quoi|cest quoi|qu'est ce que|qu'est ce qu
howmany: combien|combien de|cb|cmb
how: comment
why: pourquoi|pk|pq|prq
direct: realis*|real|mise en scene|met en scene|derriere la camera
write: ecri*
script: scenar*|scenario|scenariste|script|ecrivain|auteur|autrice
release: sort|sortira|sortir|sorti|sortie|sortent|arrive|arrivera|debarque|debarquera|va sortir
date: date|date de sortie|annee|sortie|premiere
watch: voir|regarder|mater|streamer|le voir|le regarder|le mater|visionner|pourra voir|pourra le voir|pourra le mater
platform: plateforme|plateformes|streaming|netflix|prime|amazon|disney|canal|hbo|max|dispo|disponible
play: joue|jouera|jouer|jouait|incarn*|interpret*|fait le role de|fera le role de
do: fait|fera|fais
other: fait partie|font partie|fera partie
actor: acteur|actrice|acteurs|actrices|comedien|comedienne
role: personnage|role|personnages|roles
about: parle|parler|parlera|de quoi ca parle|ca parle de quoi|parle de quoi|raconte|racontera|se passe|passe|parle de|traite|il s'agit de|s'agit
plot: synopsis|pitch|histoire|intrigue|resume|scenario du film|premisse
season: saison|saisons|ssn
before: avant|precedentes|precedent|precedente
volume: tome|tomes|volume|volumes|livre|livres|bd|bds|roman graphique|comic|comics|manga
adapt: adapt*|base sur|basee sur|inspire de|inspire
film: film|films|long metrage
ours: ce film|le truc|truc|ce truc
ours: hsf|heartstopper|forever|hs
art: le|la|les|l|un|une|des
prep: de|du|d|en|dans|ds|a|au|aux|sur|pour|par|avec|chez|sans
conj: et|ou
func: occupe|s'occupe|occupera|s'occupera|y a eu|il y a eu|y a|il y a|avait|est|sont|etait|sera|va|vont|il|elle|ils|elles|on|ce|c|ca|se|s|me|m|te|t|lui|leur|y|ce|cet|cette|ces|son|sa|ses|mon|ma|mes|ne|n|pas|plus|deja|a ete|ete|t'il|t-il|est ce que|est ce qu|qu'il|qu'elle|qu'on|si|oui|non|peut|pourra|pourrait|peut on|on peut|je|j|tu|vous|nous|lequel|laquelle
fill: final|finale|en vrai|franchement|serieusement|en gros|svp|stp|s'il vous plait|s'il te plait|merci|bonjour|salut|coucou|hello|wsh|wesh|genre|bref|du coup|alors|bon|ptn|putain|mdr|ptdr|lol|jpp|oklm|trop|grave|vraiment|sérieux|serieux|enfin|finalement|dernier|derniere|nouveau|nouvelle|quelqu'un sait|qqn sait|quelqu'un|qqn|sait|savez|sais|vous savez|tu sais|jsp|je sais pas|dites moi|dis moi|fin|la fin|au final|cette fois|mtn|maintenant|gens|les gens|hate|j'ai hate|trop hate|impatient|impatiente|question|une question
"""

GERMAN = """
other: kino|kinos|im kino|erste|ersten|erster|zweite|zweiten|dritte|dritten|vierte|vierten
other: wieder|zuruck|wiederkommen|kehrt|kehren|dabei|mit dabei
other: gefallt|gefallen|mag|magst|findest|denkst|meinst|besser|beste|bester|schlechteste|hubsch|hubscher|sus|suss|susser|schreib|schreibe mir|schreib mir|erzahl mir einen|erzahl mir eine|erfinde|stell dir vor
who: wer|wen|wem|von wem|durch wen
when: wann|ab wann|bis wann|wann genau|wie bald
where: wo|wohin|auf welchem|auf welcher plattform|welcher streamingdienst|welcher anbieter|welcher dienst
what: was|wat|welche|welcher|welches|welchen|wie heisst|wie heißt
howmany: wie viele|wieviele|wie viel|wieviel
how: wie
why: warum|wieso|weshalb|weswegen
direct: regie|regisseur|regisseurin|regie gefuhrt|regie fuhrt|fuhrt regie|inszen*|hinter der kamera
write: schreib*|geschrieben|schrieb
script: drehbuch|drehbuchautor|drehbuchautorin|autor|autorin|script|skript
release: kommt|kam|kamen|kommt raus|kam raus|raus|heraus|kommt heraus|rauskommen|erschein*|erschien|startet|start|starten|lauft an|anlaufen|veroffentl*
date: datum|termin|jahr|filmstart|starttermin|release|releasedatum|premiere|erscheinungsjahr|erscheinungsdatum
watch: sehen|gucken|schauen|anschauen|angucken|ansehen|streamen|sehn|gucken kann|schauen kann|lauft|laufen|zeigt|gezeigt
platform: plattform|streamingdienst|streaming|anbieter|netflix|prime|amazon|disney|sender
play: spielt|spielen|gespielt|spielte|verkorpert|verkorpern|verkorperte|stellt dar|dargestellt|mimt|ubernimmt
actor: schauspieler|schauspielerin|darsteller|darstellerin|besetzung
role: rolle|figur|charakter|rollen
about: geht es|gehts|geht's|worum|um was|worum geht es|handelt|handelt es sich|dreht sich|passiert|erzahlt
plot: handlung|inhalt|story|geschichte|zusammenfassung|plot|prämisse|pramisse
season: staffel|staffeln|season|seasons
before: vor|vorher|davor|bisher|zuvor|vorige|vorherige
volume: band|bande|buch|bucher|comic|comics|graphic novel|teil|vorlage
adapt: verfilm*|adapt*|basiert|beruht|basiert auf|beruht auf|vorlage
film: film|filme|streifen|movie
ours: ding|das ding|dieser film|diesen film|dem ding
ours: hsf|heartstopper|forever|hs
art: der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|ne|n
prep: von|vom|im|in|bei|beim|mit|auf|fur|zu|zum|zur|nach|aus|uber|am|an|um
conj: und|oder
func: stammt|gab|gabs|gab es|gibt es|gibts|gibt|ist|sind|war|waren|wird|werden|wurde|wurden|hat|haben|hatte|es|er|sie|man|sich|mir|dir|uns|da|denn|eigentlich|eig|schon|noch|nun|jetzt|dann|also|doch|mal|nicht|ja|nein|kann|konnen|soll|sollte|wie|genau|dieser|diese|dieses|diesen|wieder|auch
fill: hey|hallo|moin|servus|bitte|pls|danke|leute|weiss jemand|weiß jemand|jemand|weiss|weiß|wisst|ihr|digga|alter|krass|endlich|lol|haha|xd|kurz|kurz gesagt|grob|ungefahr|ca|so|ey|boah|man|neue|neuen|letzte|letzten|finale|frage|eine frage|endlich mal|nochmal|eigtl|omg|kp|keine ahnung
"""

ITALIAN = """
other: cinema|al cinema|sala|sale|prima stagione|la prima stagione|seconda|secondo|terza|terzo|quarta|quarto
other: torna|tornano|tornera|torneranno|tornare|ritorn*|ci sara|ci saranno
other: piace|piaciuto|piaciuta|ami|adori|pensi|pensate|preferisci|migliore|meglio|peggiore|bello|bella|carino|carina|scrivi|scrivimi|scrivete|fammi|raccontami una|raccontami un|inventa|immagina
who: chi|ki|chi e che
when: quando|qnd|qdo|qnt|da quando|per quando
where: dove|su quale piattaforma|quale piattaforma|su che piattaforma|dove si puo
what: cosa|che|che cosa|ke|qual e|quale|quali|cos'e|cos e
howmany: quante|quanti
how: come
why: perche|xke|xche|pk|perchè
direct: dirig*|dirett*|regista|regia|dietro la macchina da presa|dietro la camera
write: scri*
script: sceneggiat*|copione|script|scrittore|scrittrice|autore|autrice
release: esce|usci*|escono|fanno uscire|arriva|arrivera|arrivato|debutta|debuttera|rilasc*
date: data|data di uscita|anno|uscita|premiere|debutto|rilascio
watch: vedere|vedra|vedremo|vedro|vedrà|guardare|guardarlo|vederlo|si vede|si vedra|streammare|trasmesso|trasmetteranno|danno|lo danno|lo fanno vedere
platform: piattaforma|piattaforme|streaming|netflix|prime|amazon|disney|sky|now
play: interpret*|fa la parte di|fa il ruolo di|fara la parte di|recita|impersona|veste i panni di
do: fa|fara|fa il|fa la
other: fa parte|fanno parte|fara parte
actor: attore|attrice|attori|attrici
role: personaggio|ruolo|parte|personaggi|ruoli
about: parla|parlera|di cosa parla|di che parla|parla di|tratta|racconta|raccontera|succede|succedera|accade
plot: trama|sinossi|storia|riassunto|premessa
season: stagione|stagioni
before: prima|precedenti|precedente
volume: volume|volumi|libro|libri|fumetto|fumetti|graphic novel|tomo
adapt: adatt*|tratto|tratto da|basato|basata|ispirato|ispirata
film: film|pellicola|lungometraggio
ours: sto film|questo film|sta roba|roba
ours: hsf|heartstopper|forever|hs
art: il|lo|la|i|gli|le|l|un|uno|una
prep: di|del|dello|della|dei|degli|delle|d|in|nel|nello|nella|nei|negli|nelle|su|sul|sulla|a|al|alla|da|dal|dalla|con|per|tra|fra
conj: e|ed|o|oppure
func: ci sono state|sono state|c'erano|ci sono|ci sono stati|e|è|sono|era|sara|sarà|ha|hanno|han|ho|si|ci|mi|ti|gli|lo|ne|suo|sua|suoi|mio|mia|questo|questa|quello|quella|sto|sta|gia|già|non|no|piu|più|ancora|poi|quindi|allora|ma|c'e|c|puo|può|posso|possiamo|fatto|hanno fatto|han fatto
fill: mannaggia|dai|raga|ragazzi|gente|ciao|grazie|per favore|perfavore|pls|plz|boh|bho|cmq|comunque|insomma|tipo|cioe|cioè|allora|finalmente|ultimo|ultima|nuovo|nuova|finale|qualcuno sa|qualcuno|sa|sapete|sai|ditemi|dimmi|ahah|ahahah|lol|xd|madonna|oddio|uffa|domanda|una domanda|in breve|in poche parole|stavolta|questa volta
"""

_TEXTS = {"es": SPANISH, "pt": PORTUGUESE, "fr": FRENCH, "de": GERMAN, "it": ITALIAN}


@lru_cache(maxsize=8)
def vocabulary(language: str) -> tuple[dict[tuple[str, ...], str], dict[str, str], int]:
    phrases, stems = _vocabulary(_TEXTS[language])
    return phrases, stems, max(len(key) for key in phrases)


# The plain English question for each intent, as the English reading answers it
QUESTIONS = {
    "director": "who directed heartstopper forever",
    "writer": "who wrote heartstopper forever",
    "release": "when does heartstopper forever come out",
    "platform": "where can i watch heartstopper forever",
    "plot": "what is heartstopper forever about",
    "seasons": "how many seasons were there before heartstopper forever",
    "volume": "which volume does heartstopper forever adapt",
}
# The topic tags each intent takes (a clause with a topic tag no intent of it takes is not read here)
TAKES = {
    "director": frozenset(["direct"]),
    "writer": frozenset(["write", "script"]),
    "release": frozenset(["release", "date"]),
    "platform": frozenset(["watch", "platform", "release", "date"]),
    "plot": frozenset(["about", "plot"]),
    "seasons": frozenset(["season", "before", "release", "date"]),  # "how many seasons came out before"
    "volume": frozenset(["volume", "adapt"]),
    "cast": frozenset(["play", "do", "actor", "role"]),
}
_STEM_ENDING = 6  # letters a verb's ending may add to a listed stem ("dirig" + "iendo")
_REPAIR_SHORTEST = 5  # shorter words are left as typed: too many short words are one letter apart


@dataclass(frozen=True)
class Word:
    text: str  # folded, as typed
    tag: str | None  # None: a word this reading does not know (a name, a title, or chatter)


def _stem_tag(language: str, word: str) -> str | None:
    _, stems, _ = vocabulary(language)
    for stem, tag in stems.items():
        if word.startswith(stem) and len(word) - len(stem) <= _STEM_ENDING:
            return tag
    return None


@lru_cache(maxsize=8)
def _repair_targets(language: str) -> tuple[str, ...]:
    phrases, _, _ = vocabulary(language)
    return tuple(
        key[0]
        for key, tag in phrases.items()
        if len(key) == 1 and len(key[0]) >= _REPAIR_SHORTEST and (tag in TOPIC_TAGS or tag in Q_TAGS)
    )


@lru_cache(maxsize=4096)
def _repair(language: str, word: str) -> str | None:
    """The listed word ``word`` is a typo of (one letter off, two in a word of eight letters or more)."""
    if len(word) < _REPAIR_SHORTEST or not word.isalpha() or word in english_words():
        return None
    allowed = 1 if len(word) < 8 else 2
    best: tuple[int, str] | None = None
    for target in _repair_targets(language):
        if abs(len(target) - len(word)) > allowed or target[0] != word[0]:
            continue
        distance = Levenshtein.distance(word, target, score_cutoff=allowed)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, target)
    return best[1] if best else None


def tag_words(language: str, tokens: Sequence[str], known: Callable[[str], str | None]) -> list[Word]:
    """The tokens (folded, chat spellings spelt out) as words with what each says, longest phrase first.

    ``known(word)`` is the language lexicon's English for a word this vocabulary lacks: a word of another
    topic there ("musica", "trailer") is OTHER, a function word there is FUNCTION."""
    phrases, _, longest = vocabulary(language)
    out: list[Word] = []
    position = 0
    while position < len(tokens):
        for size in range(min(longest, len(tokens) - position), 0, -1):
            tag = phrases.get(tuple(tokens[position : position + size]))
            if tag is not None:
                out += [Word(token, tag) for token in tokens[position : position + size]]
                position += size
                break
        else:
            word = tokens[position]
            out.append(Word(word, _word_tag(language, word, known)))
            position += 1
    return out


def _word_tag(language: str, word: str, known: Callable[[str], str | None]) -> str | None:
    if not word.isalpha():
        return OTHER if word.isalnum() else FUNCTION  # a number asks something this reading does not
    tag = _stem_tag(language, word)
    if tag:
        return tag
    english = known(word)
    if english is not None:
        empty = all(part in _EMPTY_ENGLISH for part in english.split())
        return FUNCTION if empty else OTHER
    repaired = _repair(language, word)
    if repaired:
        return vocabulary(language)[0][(repaired,)]
    return None


def clauses(words: list[Word]) -> list[list[Word]]:
    """A question split where a clause ends ("?", ",") and where "and" or "or" is followed by a question word."""
    out: list[list[Word]] = [[]]
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        ends = word.text in ("?", "!", ",", ";", ".", ":")
        joins = word.tag == CONJUNCTION and following is not None and following.tag in Q_TAGS
        if ends or joins:
            if out[-1]:
                out.append([])
            continue
        out[-1].append(word)
    return [clause for clause in out if clause]


# Tags of verbs: an unknown word next to one may be its subject or object ("kommt tara", "tara sale")
VERB_TAGS = frozenset(["release", "watch", "play", "do", "write", "about", "adapt"])


def _attached(words: list[Word], index: int) -> bool:
    """An unknown word right after an article, a preposition or a film noun (a noun, perhaps a title: "la peli
    de barbie", "il film barbie"), or next to a verb (its subject: "tara sale en la peli", "kommt tara")."""
    before = index > 0 and words[index - 1].tag in (ARTICLE, PREPOSITION, FILM, *VERB_TAGS)
    return before or (index + 1 < len(words) and words[index + 1].tag in VERB_TAGS)


def _may_be_named(words: list[Word], index: int) -> bool:
    """An unknown word that may say who or what is asked about: after an article or a preposition, next to the
    verb, or a word of English's list (most first names are: "tara", "isaac", "barbie"), not chatter."""
    text = words[index].text
    listed = text in english_words() and text not in _EMPTY_ENGLISH
    return listed or _attached(words, index)


def _runs(words: list[Word]) -> list[tuple[int, int]]:
    """Where the unknown words are, as (start, end) runs; names joined by "and" ("nick et charlie", "nick e o
    charlie", "a nick y a charlie") are one run."""
    runs: list[tuple[int, int]] = []
    for index, word in enumerate(words):
        if word.tag is not None:
            continue
        if runs:
            between = words[runs[-1][1] : index]
            joined = (
                bool(between)
                and between[0].tag == CONJUNCTION
                and all(other.tag in (ARTICLE, PREPOSITION) for other in between[1:])
            )
            if runs[-1][1] == index or joined:
                runs[-1] = (runs[-1][0], index + 1)
                continue
        runs.append((index, index + 1))
    return runs


def _names(words: list[Word]) -> str:
    """The unknown words of a run, "and" between names ("nick and charlie"), without the articles."""
    return " ".join(
        "and" if word.tag == CONJUNCTION else word.text for word in words if word.tag in (None, CONJUNCTION)
    )


def _cast_question(words: list[Word], tags: set[str]) -> str | None:
    """ "who plays <name>" or "which character does <name> play", the name being the run of unknown words
    next to the verb or noun that asks it; None when there is no such name or another run is a noun."""
    runs = _runs(words)
    if not runs:
        return None
    cue = next(index for index, word in enumerate(words) if word.tag in ("play", "do", "actor", "role"))
    after = [run for run in runs if run[0] > cue]
    slot = after[0] if after else runs[-1]
    if "play" not in tags and not (slot[0] > 0 and words[slot[0] - 1].tag == PREPOSITION):
        return None  # an actor noun asks of a name after "de", "von": "los actores principales" asks no name
    others = [run for run in runs if run != slot]
    if any(_may_be_named(words, index) for start, end in others for index in range(start, end)):
        return None
    name = _names(words[slot[0] : slot[1]])
    if "who" not in tags and "actor" not in tags and tags & {"role", "what"}:
        return f"which character does {name} play"
    return f"who plays {name}"


def _film_intents(tags: set[str], unknown: bool) -> list[str]:
    found: list[str] = []
    if "direct" in tags:
        found.append("director")
    if ("script" in tags or ("write" in tags and "who" in tags)) and not tags & {"volume", "adapt"}:
        found.append("writer")  # who wrote the books is their author, not the film's writer
    if tags & {"about", "plot"}:
        found.append("plot")
    if "season" in tags and tags & {"howmany", "before"}:
        found.append("seasons")
    if tags & {"volume", "adapt"}:
        found.append("volume")
    if tags & {"watch", "platform"} or ("where" in tags and tags & {"release", "date"}):
        found.append("platform")
    elif tags & {"release", "date"} or (tags & Q_TAGS == {"when"} and not tags & TOPIC_TAGS and not unknown):
        found.append("release")  # "hsf cuando??"; but "cuando hsf foi anunciado" asks of something unlisted
    return found


def read_clause(words: list[Word]) -> str | None:
    """The plain English question(s) a clause asks, or None when this reading is not sure."""
    tags = {word.tag for word in words if word.tag}
    if OTHER in tags or "why" in tags:
        return None
    if "do" in tags and "who" in tags:
        tags = (tags - {"do"}) | {"play"}
    cast = None
    if tags & {"play", "actor", "role"} and not tags & {"direct", "write", "script"}:
        cast = _cast_question(words, tags)
    intents = _film_intents(tags, any(word.tag is None for word in words))
    if "seasons" in intents and "release" in intents:
        intents.remove("release")  # the seasons that came out before it
    if "howmany" in tags and intents != ["seasons"]:
        return None
    taken = set().union(*(TAKES[intent] for intent in intents)) if intents else set()
    if cast:
        taken |= TAKES["cast"]
    if not intents and not cast:
        return None
    if (tags & TOPIC_TAGS) - taken:
        return None
    film = "heartstopper forever"
    if intents and not cast:
        unknown = [index for index, word in enumerate(words) if word.tag is None]
        named = [index for index in unknown if _may_be_named(words, index)]
        title = _film_title(words, named)
        if title:
            film = f"the {title} film"  # another film: asked of it by name, for the English reading to refuse
        elif named or (unknown and not tags & {OURS, FILM}):
            return None  # chatter is read past only in a question that names this film
    questions = [QUESTIONS[intent].replace("heartstopper forever", film) for intent in intents]
    if cast:
        questions.insert(0, cast)
    return " and ".join(questions)


def _film_title(words: list[Word], named: list[int]) -> str | None:
    """The title in "la peli de barbie", "il film di barbie", "le film barbie": the words that may name something
    are one run right after a film noun (and a preposition)."""
    if not named:
        return None
    start = end = named[0]
    while end < len(words) and words[end].tag is None:  # the whole title: "homem aranha"
        end += 1
    if named[-1] >= end:
        return None
    before = start - 1
    if before >= 0 and words[before].tag == PREPOSITION:
        before -= 1
    if before < 0 or words[before].tag != FILM:
        return None
    return " ".join(word.text for word in words[start:end])


def _asks(words: list[Word]) -> bool:
    """Whether a clause with no intent still asks something: a question word, or a word of another topic."""
    return any(word.tag in Q_TAGS or word.tag == OTHER for word in words)


def read(
    language: str,
    tokens: Sequence[str],
    known: Callable[[str], str | None],
    reword: Callable[[list[str]], str],
) -> str | None:
    """The English for a question in ``language`` read by its intents, or None when no clause has one (the
    word-by-word rewording then reads the whole question, as before).

    A clause with an intent is its plain English question; a clause without one is reworded word by word
    (``reword``), unless it asks nothing at all ("no me suena el nombre"): that is dropped."""
    words = tag_words(language, tokens, known)
    parts = clauses(words)
    read_parts = [read_clause(clause) for clause in parts]
    if not any(read_parts):
        return None
    out: list[str] = []
    previous: str | None = None
    for clause, english in zip(parts, read_parts, strict=True):
        follows_on = clause[0].tag == CONJUNCTION  # "y charlie?", "und wer charlie": asks on
        if not english and previous and previous.startswith("who plays "):
            english = _follow_on_cast(clause)
        if english:
            out.append(english)
        elif follows_on or _asks(clause):
            reworded = reword([word.text for word in clause])
            if reworded:
                out.append(reworded)
        previous = english
    return " and ".join(out)


def _follow_on_cast(clause: list[Word]) -> str | None:
    """ "y charlie?", ", a charlie y a tara" after "who plays nick": who plays them, when the clause is nothing
    but names."""
    if any(word.tag not in (None, CONJUNCTION, ARTICLE, PREPOSITION, FUNCTION, "who") for word in clause):
        return None
    runs = _runs(clause)
    if len(runs) != 1:
        return None
    return f"who plays {_names(clause[runs[0][0] : runs[0][1]])}"
