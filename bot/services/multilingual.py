"""/ask in Spanish, Brazilian Portuguese, French, German and Italian: a question is reworded into the plain
English the answerer already reads, before anything else looks at it. The everyday questions are read first
from the language's own phrasings (bot/services/intents.py); what that reading is not sure of is reworded
here, word by word and phrase by phrase.

Rewording at the level of words keeps one reading of questions for every language: the question kinds,
concepts, entities, typo repair, off-topic refusal and multi-part splitting all stay the English ones, and a
name (Nick, Joe Locke) passes through untouched. Each language has its own lexicon because the same word means
different things in each ("e" is "and" in Italian, "es" is "is" in Spanish and "it" in German); the language
is told from the function words only these languages use, and a question with none of them (every English
question) is not touched at all.

The lexicons map every function word of a language (articles, prepositions, pronouns, auxiliaries) to its
English counterpart or to nothing, so none is left over to be taken for a title or "repaired" into a name;
a content word with no entry is read as a diminutive ("filminho") or a German compound ("Erscheinungsjahr") of
listed words when it is one, and otherwise passes through and is read as the English pipeline reads any
unknown word (a name the notes do not have: "I don't know"). A film named after the noun ("la peli de barbie")
is reworded in English order ("barbie film"), so another film is still refused.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.services import intents
from bot.services.language import (
    COMMON_RANK,
    CONCEPT_WORDS,
    FILLER_WORDS,
    FILM_WORDS,
    SHORTHAND,
    STOP_WORDS,
    english_words,
    strip_mentions,
)

# English words that only join others: one of them alone says little of the language it was written in
_GLUE = frozenset(["and", "or", "the", "a", "an", "of", "to", "in", "on", "with", "for", "is", "but"])
# Words that read the same in English and carry no meaning of their own: never a sign of another language.
_SHARED = frozenset(["a", "o", "e", "i", "y", "u", "x", "k", "q"])


def _lexicon(text: str) -> dict[str, str]:
    """``foreign phrase = english words`` lines (an empty right side drops the phrase) as a dict."""
    entries: dict[str, str] = {}
    for line in text.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        foreign, _, english = line.partition("=")
        for variant in foreign.split("|"):
            entries[" ".join(variant.split())] = " ".join(english.split())
    return entries


# Everyday question words, verbs and nouns of each language, mapped to what an English fan would type.
# Spelling variants are separated by "|"; an entry written without accents also matches the accented word
# (fans often leave accents out), one written with them matches only that spelling ("è" is "is", "e" "and").
SPANISH = _lexicon(
    """
    recaudo|recaudó|recaudado|gano|ganó|ganado|gana = earn
    dinero|sueldo|salario = money
    cuesta|costo|costó = cost
    musica|música|banda sonora = music
    edad = age
    cuantos años tiene|cuántos años tiene|cuantos anos tiene = how old is
    genero|género = genre
    autor|autora|autores = author
    sera|será|seran|serán = will be
    oigan|oiga|mira|miren = please
    altura|cuanto mide|cuánto mide = height
    secuela|spin off = sequel
    premios|premio|nominaciones = awards
    doblaje|subtitulos|subtítulos|en español|en castellano|en latino = dubs
    ahora|ahorita = now
    cuando sera|cuándo será = when will it be
    entonces|pues|bueno|osea|o sea|tipo|jaja|jajaja|xd|wey|güey|tio|tía|tia|che =
    sobre|acerca de = about
    hasta = until
    desde = since
    antes = before
    despues|después = after
    todo|todos|toda|todas = all
    nada = nothing
    algo = something
    solo|sólo = only
    mas|más = more
    asi|así = so
    bien = well
    segun|según = according to
    quiero|quisiera = want
    saber = know
    dime|dinos|me dices|decir|me puedes decir|cuentame|cuéntame|contar = tell me
    alguno|alguna|algun|algún = any
    mismo|misma = same
    quien|quién|quienes|quiénes|kien = who
    que|qué|q|k|ke = what
    cual|cuál|cuales|cuáles = which
    cuando|cuándo|cuado|cnd|cdo = when
    donde|dónde|dnd|adonde = where
    por que|por qué|porque|porqué|pq|xq|porq = why
    como|cómo = how
    cuanto|cuánto|cuanta|cuánta = how much
    cuantos|cuántos|cuantas|cuántas = how many
    cuanto dura|cuánto dura|duracion|duración = how long is it
    cuanto tiempo dura = how long is it
    dirige|dirigirá|dirigira|dirigiendo = directs
    dirigio|dirigió|dirigida|dirigido = directed
    director|directora|directores|dire = director
    direccion|dirección = direction
    interpreta|interpretará|interpretan|actua como|actúa como|hace de|hara de|hará de|da vida a = plays
    hace el papel de|hace el papel del|tiene el papel de|interpreta a = plays
    interpreto|interpretó|interpretado|interpretada = played
    papel|personaje = role
    hace|hacen|hizo|hara|hará = plays
    papeles|personajes = roles
    actor = actor
    actores|actrices = actors
    actriz = actress
    reparto|elenco = cast
    vuelve|vuelven|regresa|regresan|repite|repiten = return
    estara|estará|estaran|estarán|aparece|aparecen = in it
    sale en la peli|sale en la pelicula|sale en la película|salen en la peli|salen en la pelicula|salen en la película = in it
    esta en|está en|estan en|están en = in it
    guionista|guionistas = screenwriter
    guion|guión = script
    escribe|escribir|escribeme|escríbeme = write
    escribio|escribió|escrita|escrito = wrote
    dijo|dijeron|ha dicho = said
    novio = boyfriend
    novia = girlfriend
    receta|recetas = recipe
    dame|damos = give me
    favorito|favorita|preferido|preferida = favourite
    creador|creadora|creo|creó = creator
    productor|productora|productores|productoras|produce = producer
    productores ejecutivos|productor ejecutivo = executive producers
    sale|saldra|saldrá|salga|estrena|estrenan|estrenara|estrenará|se estrena|llega|llegara|llegará = comes out
    estreno|estreno de|lanzamiento|lanza|lanzan = release
    fecha de estreno|fecha de lanzamiento|fecha de salida = release date
    ya salio|ya salió|ya esta|ya está = is it out
    fecha = date
    año|ano = year
    mes = month
    dia|día = day
    de que trata|de qué trata|de que va|de qué va|que pasa en|qué pasa en = what is it about
    trata|tratara|tratará = is about
    sinopsis|resumen = synopsis
    trama|argumento = plot
    historia = story
    rodaje|grabacion|grabación|filmacion|filmación|grabaciones|rodajes = filming
    rodar|grabar|filmar = film
    rodaron|grabaron|filmaron|rodada|grabada|filmada|rodado|grabado|filmado = filmed
    empezo|empezó|empezaron|comenzo|comenzó|comenzaron|inicio|inició|iniciaron|empieza|comienza = started
    termino|terminó|terminaron|acabo|acabó|acabaron|finalizo|finalizó|terminado|acabado = finished
    terminaron de|acabaron de = finished
    pelicula|película|peli|pelis|películas|peliculas|filme = film
    serie|series = series
    temporada = season
    temporadas = seasons
    cuarta temporada|temporada 4 = fourth season
    capitulo|capítulo|episodio = episode
    libro|libros|comic|cómic|comics|cómics|novela grafica|novela gráfica|novelas graficas = books
    basada en|basado en = based on
    basa|basada|basado|adaptada|adaptado|adapta = adapted
    ver|verla|mirar|verlo = watch
    donde puedo ver|dónde puedo ver|donde se puede ver|dónde se puede ver|donde la puedo ver = where can i watch
    plataforma = platform
    confirmado|confirmada|confirmados|oficial = confirmed
    amigos|amigas|amigo|amiga = friends
    taquilla|recaudacion|recaudación = box office
    presupuesto = budget
    trailer|tráiler|avance = trailer
    poema = poem
    cancion|canción = song
    chiste|chistes = joke
    cuento = story
    tiempo = time
    que tiempo hace|qué tiempo hace|clima = weather
    capital de = capital of
    mas guapo|más guapo|mas guapa|más guapa|mas lindo|más lindo|mas bonito|más bonito|mas sexy|más sexy = cutest
    mejor = best
    peor = worst
    opinas|piensas|crees = do you think
    el|la|los|las|lo|un|una|unos|unas =
    al|del = of the
    de = of
    y = and
    o|u = or
    en = in
    con = with
    sin = without
    para = for
    por = by
    a = to
    es = is
    son = are
    era|fue = was
    ser = be
    esta|está = is
    estan|están = are
    hay = is there
    hubo|habia|había|hubieron = were there
    va|van|ira|irá = will
    tiene|tienen = has
    se|me|te|le|les|nos|lo|la =
    su|sus = their
    mi|mis = my
    tu|tus = your
    yo = i
    nosotros = we
    ellos|ellas = they
    él = he
    ella = she
    alguien = anyone
    sabe|sabes|saben = know
    puedo|puede|pueden|podemos = can
    ya = already
    aun|aún|todavia|todavía = yet
    no = not
    si|sí = yes
    pero = but
    tambien|también|tmb|tb = also
    hola|holi|oye|porfa|porfavor|por favor|xfa|pls|gracias|plis = please
    otro|otra|otros|otras = other
    nuevo|nueva = new
    este|esta|esto|ese|esa|eso = this
    muy|mucho|muchos = very
    # Everyday words of fans a blind set found missing: verbs in common tenses, chat spellings, filler;
    # "the final film" is this one (not the final volume), and "roughly" or "a bit" asks nothing more
    peli final|pelicula final|película final|ultima peli|última peli|ultima pelicula|última película = film
    toco|tocó|le toco|le tocó|les toco|les tocó|tocara|tocará = got
    conozco|conoces|conoce|conocen|conocemos|conocer = know
    conocido|conocida|conocidos = known
    hecho|haya hecho|ha hecho|han hecho|hayan hecho = made
    de hecho =
    haya|hayan = has
    aunque sea|aunq sea|aunk sea|al menos|por lo menos|minimo|mínimo = at least
    aunque|aunq|aunk = even
    sea = be
    para cuando|pa cuando = when
    desde cuando hasta cuando|desde cuándo hasta cuándo|de cuando a cuando|de cuándo a cuándo = from when until when
    cuentan|cuentas|cuenten|cuenta|contas|cuentenme|cuéntenme|cuentanos|cuéntanos = tell me
    un poco|un poquito|poquito|un toque|brevemente|en resumen|resumido|resumida =
    anunciaron|anuncio|anunció|anunciado|anunciada|anunciar|anunciaran|dieron a conocer = announced
    cambio|cambió|cambiaron|cambiado = changed
    escuche|escuché|dicen|dijeron = heard
    vez = time
    esta vez|ahora esta vez = this time
    disponible|disponibles = available
    directo|directamente = straight
    cine|cines|en cines = cinema
    titulo|título = title
    se llama|se llamaba|llama|llamaba|llamo|llamó|llamado|llamada = called
    anterior|previo|previa|de antes = previous
    detras de la camara|detrás de la cámara = director
    detras|detrás = behind
    camara|cámara = camera
    firmo|firmó|firmado = wrote
    libreto = script
    protagoniza|protagonizan|protagonista|protagonistas = stars
    va a hacer de|van a hacer de|hacer de|haciendo de = play
    trabajo|trabajó|trabajaron|trabajado = worked
    sale de|salen de|sale como|sale haciendo de = plays
    sabian|sabían|sabia|sabía|sabemos|sabrán|sabran = know
    sacan|saca|sacar|sacaran|sacarán|sacaron|la sacan|lo sacan = comes out
    de que se trata|de qué se trata|de q se trata = what is it about
    podrian|podrían|podria|podría|podrias|podrías = can
    que onda con|qué onda con|q onda con =
    me dicen|diganme|díganme|me dicen porfa = tell me
    porfis|porfi = please
    que mas hizo|qué más hizo|que otras pelis hizo|qué otras pelis hizo|que otras peliculas hizo|qué otras películas hizo = what has he made before
    # "a film instead of a fourth season": why the series ended in a film
    en vez de|en lugar de = instead of
    """
)

PORTUGUESE = _lexicon(
    """
    arrecadou|arrecadado|faturou|rendeu|ganhou|ganha = earn
    dinheiro|salario|salário|cache|cachê = money
    custa|custou = cost
    musica|música|trilha sonora = music
    idade = age
    quantos anos tem|quantos anos o|quantos anos a = how old is
    genero|gênero = genre
    autor|autora|autores = author
    sera|será|serao|serão = will be
    altura = height
    sequencia|sequência|continuacao|continuação|spin off = sequel
    premios|prêmios|premio|prêmio|indicacoes|indicações = awards
    dublagem|dublado|legendas|legendado|em portugues|em português = dubs
    agora = now
    entao|então|tipo|kkk|kkkk|kkkkk|rs|rsrs|né|ne|ai|aí|gnt|mds|meu deus =
    sobre = about
    ate|até = until
    desde = since
    antes = before
    depois = after
    tudo|todos|todo|toda|todas = all
    nada = nothing
    algo|alguma coisa = something
    so|só = only
    mais = more
    assim = so
    bem = well
    quero|queria = want
    saber = know
    me diz|me fala|fala|diz|dizer|me dizer|contar|me conta|conta = tell me
    algum|alguma = any
    mesmo|mesma = same
    quem|qm|kem = who
    que|quê|q|oq|o que|o q|oque = what
    qual|quais = which
    quando|qdo|qnd|qndo|qd = when
    onde|aonde = where
    por que|por quê|porque|porquê|pq|pk = why
    como = how
    quanto|quanta = how much
    quantos|quantas = how many
    quanto tempo dura|quanto dura|duracao|duração = how long is it
    dirige|dirigir|dirigindo|vai dirigir = directs
    dirigiu|dirigido = directed
    diretor|diretora|diretores|direcao|direção = director
    interpreta|interpretam|faz o papel de|faz o papel do|faz o papel da|faz papel de|faz o = plays
    quem faz = who plays
    interpretou|interpretado = played
    papel|personagem = role
    faz|fazem|fara|fará = plays
    fez = played
    papeis|papéis|personagens = roles
    ator = actor
    atores|atrizes = actors
    atriz = actress
    elenco = cast
    volta|voltam|retorna|retornam|vai voltar|vao voltar|vão voltar = return
    esta no filme|está no filme|estara|estará|aparece|aparecem = in it
    roteirista|roteiristas = screenwriter
    roteiro = script
    escreve|escrever|escreva|escreve pra mim = write
    escreveu|escrito|escrita = wrote
    disse|disseram = said
    namorado = boyfriend
    namorada = girlfriend
    receita = recipe
    assinatura = subscription
    cancelo|cancelar = cancel
    favorito|favorita|preferido|preferida = favourite
    criador|criadora|criou = creator
    produtor|produtora|produtores|produz = producer
    produtores executivos|produtor executivo = executive producers
    sai|saira|sairá|lanca|lança|lançam|lancam|estreia|estreiam|estreara|estreará|chega|chegara|chegará = comes out
    lancamento|lançamento|estreia do = release
    data de estreia|data de lancamento|data de lançamento|data de saida|data de saída = release date
    ja saiu|já saiu|ja lancou|já lançou = is it out
    data = date
    ano = year
    mes|mês = month
    dia = day
    do que se trata|do que trata|sobre o que e|sobre o que é|e sobre o que|é sobre o que|fala sobre o que|fala do que = what is it about
    do que fala|sobre oq e|sobre oq é|o que acontece no = what is it about
    trata|fala sobre = is about
    sinopse|resumo = synopsis
    enredo|trama = plot
    historia|história = story
    filmagens|filmagem|gravacoes|gravações|gravacao|gravação = filming
    filmar|gravar = film
    filmaram|gravaram|filmado|gravado = filmed
    comecaram|começaram|comecou|começou|iniciaram|iniciou|comeca|começa = started
    terminaram|terminou|acabaram|acabou|encerraram|terminado|acabado = finished
    terminaram de|acabaram de = finished
    filme|filmes = film
    serie|série|series|séries = series
    temporada = season
    temporadas = seasons
    quarta temporada|temporada 4 = fourth season
    episodio|episódio = episode
    livro|livros|quadrinhos|hq|hqs|graphic novel = books
    baseado em|baseada em = based on
    baseado|baseada|baseia|adaptado|adaptada|adapta = adapted
    teve|tinha|tiveram = had
    assistir|ver|assisto = watch
    onde posso assistir|onde da pra assistir|onde dá pra assistir|onde vai passar = where can i watch
    plataforma = platform
    confirmado|confirmada|confirmados|oficial = confirmed
    amigos|amigas|amigo|amiga|amizades = friends
    bilheteria = box office
    orcamento|orçamento = budget
    trailer = trailer
    poema = poem
    musica|música|cancao|canção = song
    piada|piadas = joke
    conto = story
    tempo = time
    previsao do tempo|previsão do tempo|clima = weather
    capital da|capital do|capital de = capital of
    mais bonito|mais bonita|mais lindo|mais linda|mais gato|mais gata|mais gostoso = cutest
    melhor = best
    pior = worst
    voce acha|você acha|vc acha|acha = do you think
    o|a|os|as|um|uma|uns|umas =
    do|da|dos|das = of the
    de = of
    no|na|nos|nas = in the
    em = in
    e = and
    é|eh = is
    ou = or
    passar|passa|passando|passará|passara = be on
    vai passar|vao passar|vão passar = will be on
    com = with
    sem = without
    para|pra|pro = for
    por|pelo|pela = by
    sao|são = are
    era|foi = was
    ser = be
    esta|está|ta|tá = is
    estao|estão = are
    tem|têm = is there
    vai|vão|vao = will
    se|me|te|lhe =
    seu|sua|seus|suas = their
    teu|tua|teus|tuas = your
    meu|minha = my
    vc|voce|você|vcs|voces|vocês = you
    eu = i
    nos|nós|a gente = we
    eles|elas = they
    ele = he
    ela = she
    alguem|alguém = anyone
    sabe|sabem|sei = know
    posso|pode|podem|podemos|da pra|dá pra = can
    ja|já = already
    ainda = yet
    nao|não|n = not
    sim = yes
    mas = but
    tambem|também|tb|tbm = also
    oi|ola|olá|gente|pfv|pf|por favor|obrigado|obrigada|vlw|mano|mana = please
    outro|outra|outros|outras = other
    novo|nova = new
    esse|essa|isso|este|esta|isto = this
    muito|mt|mto|muitos = very
    # Everyday words of fans a blind set found missing: verbs in common tenses, chat spellings, filler;
    # "the final film" is this one (not the final volume), and "roughly" or "a bit" asks nothing more
    filme final|ultimo filme|último filme = film
    nesse|nessa|neste|nesta|nisso|nisto = in this
    desse|dessa|deste|desta|disso|disto = of this
    vez = time
    dessa vez|desta vez|essa vez|esta vez = this time
    ouvi|ouvi falar|ouvi dizer|escutei|falaram|disseram|dizem = heard
    mudou|mudaram|mudado|trocou|trocaram|trocado = changed
    por favorzinho|favorzinho|pfvr|pfvzinho|porfa = please
    lancar|lançar = come out
    lancou|lançou|lancaram|lançaram|lancado|lançado|lancada|lançada|saiu = came out
    direto|diretamente|direto na|direto no = straight
    cinemas|telona = cinema
    anunciaram|anunciou|anunciado|anunciada|anunciar|anuncio|anúncio = announced
    titulo|título = title
    se chama|se chamava|chama|chamava|chamou|chamado|chamada = called
    anterior|de antes = previous
    atras da camera|atrás da câmera|atras das cameras|atrás das câmeras = director
    atras|atrás = behind
    camera|câmera = camera
    disponivel|disponível|disponiveis|disponíveis = available
    assinou|assinado = wrote
    resumidamente|em resumo|rapidinho|por cima =
    conheco|conheço|conhece|conhecem|conhecer = know
    conhecido|conhecida = known
    feito|fizeram = made
    pelo menos|ao menos = at least
    de quando ate quando|de quando até quando|desde quando ate quando|desde quando até quando = from when until when
    protagoniza|protagonizam|protagonista|protagonistas|estrela|estrelam = stars
    trabalhou|trabalharam = worked
    fazer|fazendo|fazer o papel de = play
    bagaca|bagaça|bagulho = film
    cade|cadê = where is
    acontecer|acontece|acontecem|vai acontecer = happen
    # "a film instead of a fourth season": why the series ended in a film
    em vez de|ao inves de|ao invés de|em lugar de = instead of
    """
)

FRENCH = _lexicon(
    """
    rapporte|rapporté|gagne|gagné = earn
    argent|salaire|cachet = money
    coute|coûte|coûté = cost
    musique|bande originale|bo = music
    age|âge = age
    quel age a|quel âge a|quel age|quel âge = how old is
    quel genre|genre de film|le genre = genre
    auteur|autrice|auteure = author
    sera|seront = will be
    taille|mesure combien = height
    suite|spin off = sequel
    prix|recompenses|récompenses|nominations = awards
    doublage|vf|vostfr|sous titres|sous-titres|en francais|en français = dubs
    maintenant = now
    alors|bah|ben|genre|mdr|ptdr|lol|hein|bref|du coup =
    sur = on
    sur quoi = about what
    jusqu|jusque = until
    depuis = since
    avant = before
    apres|après = after
    tout|tous|toute|toutes = all
    rien = nothing
    quelque chose = something
    seulement = only
    plus = more
    ainsi|si = so
    bien = well
    veux|voudrais = want
    savoir = know
    dis moi|dites moi|dis-moi|dire|me dire|raconter = tell me
    quelques = any
    meme|même = same
    qui|ki = who
    que|quoi|koi|qu|quel|quelle|quels|quelles = what
    lequel|laquelle = which
    quand|qd|kan = when
    ou|où = where
    ou pas|ou non|ou pas encore = or not
    prises de vue|prise de vue = filming
    finies|finie|finis|fini = finished
    pourra|pourrai|pourrons|pourrait|pourrais|pourront = can
    pourquoi|pk|pq = why
    comment = how
    combien = how many
    combien de temps dure|ca dure combien|ça dure combien|duree|durée = how long is it
    realise|réalise|realisera|réalisera|dirige = directs
    realise par|réalisé par|realisee par|réalisée par = directed by
    realisateur|réalisateur|realisatrice|réalisatrice|realisation|réalisation = director
    joue|jouent|jouera|incarne|interprete|interprète|joue le role de|joue le rôle de = plays
    qui joue = who plays
    a joue|a joué|joué = played
    role|rôle|personnage = role
    roles|rôles|personnages = roles
    acteur = actor
    acteurs|actrices = actors
    actrice = actress
    casting|distribution = cast
    revient|reviennent|retour = return
    scenariste|scénariste|scenaristes|scénaristes = screenwriter
    scenario|scénario = script
    ecrit|écrit|a ecrit|a écrit|ecrite|écrite = wrote
    a dit|dit = said
    petit ami = boyfriend
    petite amie = girlfriend
    recette = recipe
    prefere|préféré|preferee|préférée|preferes|préférés|favori|favorite = favourite
    ecris|écris|ecrire|écrire|ecris moi|écris moi|ecris-moi|écris-moi = write
    createur|créateur|creatrice|créatrice|cree|créé = creator
    producteur|productrice|producteurs = producer
    producteurs executifs|producteurs exécutifs = executive producers
    sort|sortira|sortent|arrive|arrivera = comes out
    sortie|lancement = release
    date de sortie = release date
    deja sorti|déjà sorti|est sorti = is it out
    date = date
    annee|année|an = year
    mois = month
    jour = day
    de quoi ca parle|de quoi ça parle|ca parle de quoi|ça parle de quoi|ca raconte quoi|ça raconte quoi = what is it about
    de quoi parle|parle de quoi = what is it about
    parle|raconte = is about
    synopsis|resume|résumé = synopsis
    intrigue = plot
    histoire = story
    tournage|tournages = filming
    tourner|filmer = film
    tourne|tourné|filme|filmé = filmed
    commence|commencé|debute|débuté|a commence|a commencé = started
    fini|finit|termine|terminé|a fini|a termine|a terminé|fin = finished
    film|films = film
    serie|série|series|séries = series
    saison = season
    saisons = seasons
    saison 4|quatrieme saison|quatrième saison = fourth season
    episode|épisode = episode
    livre|livres|bd|bande dessinee|bande dessinée|roman graphique|romans graphiques = books
    base sur|basé sur|adapte de|adapté de = based on
    base|basé|basee|basée|adapte|adapté|adaptee|adaptée = adapted
    est ce que|est ce qu = does
    qu est ce que|qu est ce qu|qu est ce = what is
    regarder|voir = watch
    ou regarder|où regarder|ou le voir|où le voir|ou peut on le voir|où peut-on le voir = where can i watch
    plateforme = platform
    confirme|confirmé|officiel = confirmed
    amis|amies|ami|amie|potes = friends
    box office|recettes = box office
    budget = budget
    bande annonce|bande-annonce = trailer
    poeme|poème = poem
    chanson = song
    blague|blagues = joke
    temps = time
    meteo|météo|quel temps = weather
    combien de temps|dure combien de temps|combien de temps dure|dure combien|ca dure combien de temps = how long is it
    font|fait = make
    capitale de|capitale du = capital of
    plus beau|plus belle|plus mignon|plus sexy = cutest
    meilleur|meilleure = best
    pire = worst
    tu penses|vous pensez|penses tu|penses-tu = do you think
    le|la|les|l|un|une|des =
    du|de la = of the
    de|d = of
    au|aux = in the
    a|à|en|dans = in
    et = and
    avec = with
    sans = without
    pour = for
    par = by
    est|c'est|c est|cest|c = is
    sont = are
    etait|était|a ete|a été = was
    etre|être = be
    va|vont = will
    il y a|y a = is there
    a|as|ont = has
    se|s|me|m|te|t|lui|y =
    son|sa|ses|leur|leurs = their
    mon|ma|mes = my
    ton|ta|tes|votre|vos = your
    tu|vous = you
    je|j = i
    on|nous = we
    ils|elles = they
    il = he
    elle = she
    quelqu un|quelqu'un = anyone
    sait|sais|savez = know
    peut|peux|pouvons|peut-on = can
    deja|déjà = already
    encore = yet
    ne|n|pas = not
    oui = yes
    mais = but
    aussi = also
    salut|coucou|svp|stp|merci|s'il vous plait|s'il te plait|bonjour|wsh = please
    autre|autres = other
    nouveau|nouvelle = new
    ce|cet|cette|ca|ça|cela = this
    tres|très|beaucoup = very
    # Everyday words of fans a blind set found missing: verbs in common tenses, chat spellings, filler;
    # "the final film" is this one (not the final volume), and "roughly" or "a bit" asks nothing more
    film final|dernier film = film
    derriere la camera|derrière la caméra|derriere la cam|derrière la cam = director
    derriere|derrière = behind
    camera|caméra = camera
    signe|signé|signée|a signe|a signé|ont signé = wrote
    scenar|scénar|scenars|scénars = script
    en gros|grosso modo|en bref|vite fait|rapidement|en resume|en résumé|rapido =
    pitch|le pitch = synopsis
    dispo|dispos|disponible|disponibles = available
    annonce|annoncé|annoncee|annoncée|a annonce|a annoncé|ont annoncé|annoncer = announced
    titre = title
    appelle|appelait|s appelle|s appelait|appelé|appelée = called
    precedent|précédent|precedente|précédente|d avant = previous
    connais|connait|connaît|connaissez|connu|connue = know
    cine|ciné|cinéma = cinema
    directement|direct = straight
    change|changé = changed
    entendu|j ai entendu|j ai lu = heard
    cette fois|cette fois ci = this time
    fois = time
    au moins = at least
    de quand a quand|de quand à quand|depuis quand jusqu a quand = from when until when
    real|réal|reals|réals = director
    dirige par|dirigé par = directed by
    qui fait|ki fait = who plays
    il a fait quoi|elle a fait quoi|qu a t il fait|qu est ce qu il a fait = what has he made
    a fait|ont fait = made
    # "a film instead of a fourth season": why the series ended in a film
    au lieu de|au lieu d = instead of
    """
)

GERMAN = _lexicon(
    """
    eingespielt|verdient|verdienen = earn
    geld|gehalt|gage = money
    kostet|gekostet|kosten = cost
    musik|filmmusik|soundtrack = music
    alter = age
    wie alt = how old
    genre = genre
    autor|autorin = author
    erfunden|geschaffen|erschaffen|erfand|schuf = created
    grosse|größe|wie groß|wie gross = height
    fortsetzung|spin off = sequel
    ende = end
    preise|auszeichnungen|nominierungen = awards
    synchro|synchronisation|untertitel|auf deutsch = dubs
    jetzt = now
    denn|eigentlich|mal|halt|eben|doch|ja|also|na|nun|endlich|genau|schon mal|lol|digga =
    bei|beim = in
    zu|zum|zur = to
    um = at
    an|am = on
    aus = from
    nach = after
    vor = before
    uber|über = about
    bis = until
    seit = since
    alle|alles = all
    nichts = nothing
    etwas|was anderes = something
    nur = only
    mehr = more
    so = so
    gut = well
    will|mochte|möchte = want
    wissen = know
    sag mir|sagt mir|sagen|erzahlen|erzählen|erzahl mir|erzähl mir = tell me
    wurde|wurden = was
    irgendwelche = any
    gleiche = same
    man = anyone
    wer = who
    was|wat = what
    welche|welcher|welches|welchen|welchem = which
    wann = when
    wo|wohin = where
    warum|wieso|weshalb = why
    wie = how
    wie viel|wieviel|wie hoch = how much
    wie viele|wieviele = how many
    wie lang|wie lange|laufzeit|dauer|wie lange dauert = how long is it
    fuhrt regie|führt regie|fuehrt regie|fuhrt die regie|führt die regie|macht die regie = directs
    fuhrte regie|führte regie|hat regie gefuhrt|hat regie geführt = directed
    regie = director
    regie fuhrt|regie führt|regie fuehrt = directs
    regie gefuhrt|regie geführt|regie gefuehrt = directed
    fuhrt|führt|fuehrt =
    regisseur|regisseurin = director
    spielt|spielen|spielte|verkorpert|verkörpert = plays
    gespielt = played
    rolle|figur = role
    rollen|figuren = roles
    regie gemacht|die regie gemacht|regie gehabt = directed
    streamingdienst|streaming dienst|streaminganbieter|streamingplattform|anbieter|plattform = platform
    sondern = instead
    zeigt|zeigen|streamt|streamen|bringt|bringen = shows
    da|dann|mal eben =
    nen|ne|n = a
    schauspieler = actors
    schauspielerin = actress
    besetzung|cast = cast
    kommt zuruck|kommt zurück|kommen zuruck|kommen zurück|ist wieder dabei|sind wieder dabei = return
    dabei = in it
    drehbuch = script
    drehbuchautor|drehbuchautorin = screenwriter
    schreibt|schreiben = writes
    schrieb|geschrieben = wrote
    gab es = were there
    gibt es = is there
    sagte|gesagt = said
    rezept = recipe
    lieblings = favourite
    schreib|schreibe|schreib mir|schreibe mir = write
    erfinderin|erfinder|schopferin|schöpferin = creator
    produzent|produzentin|produzenten = producer
    ausfuhrende produzenten|ausführende produzenten = executive producers
    erscheint|erscheinen|startet|rauskommt = comes out
    kommt raus|kommt heraus|raus|heraus = comes out
    kommt =
    erscheinungsdatum|veroffentlichung|veröffentlichung|release|start|starttermin|premiere = release
    datum = date
    jahr = year
    monat = month
    tag = day
    worum geht es|worum gehts|worum geht's|um was geht es|um was gehts|was passiert = what is it about
    worum|handelt = about
    handlung|inhalt|zusammenfassung = plot
    geschichte = story
    dreharbeiten|dreh = filming
    drehstart|drehbeginn = filming start
    drehschluss|drehende = filming wrap
    drehen = film
    gedreht = filmed
    angefangen|begonnen|beginnen|begannen|fingen an|fingen|fing|fangen|fangt|fängt|beginnt|begann = started
    aufgehort|aufgehört|horten|hörten|endeten|endete|endet = finished
    beendet|abgeschlossen|fertig|zu ende = finished
    film|filme = film
    serie = series
    staffel = season
    staffeln = seasons
    staffel 4|vierte staffel = fourth season
    folge|episode = episode
    buch|bucher|bücher|comic|comics|graphic novel = books
    basiert auf|beruht auf = based on
    basiert|beruht|adaptiert = adapted
    wieder = again
    anschauen|gucken|schauen|sehen|ansehen = watch
    wo kann ich|wo kann man = where can i
    plattform = platform
    bestatigt|bestätigt|offiziell = confirmed
    freunde|freundinnen|freundeskreis = friends
    einspielergebnis|einnahmen = box office
    budget = budget
    trailer = trailer
    gedicht = poem
    lied|song = song
    witz|witze = joke
    wetter = weather
    hauptstadt von = capital of
    am schonsten|am schönsten|am hubschesten|am hübschesten|hubscheste|hübscheste|schonste|schönste|heißeste|heisseste = cutest
    beste|bester|bestes = best
    schlechteste = worst
    denkst du|meinst du|findest du = do you think
    der|die|das|den|dem|des|ein|eine|einen|einem|einer =
    vom = of the
    von = of
    im = in the
    in = in
    auf = on
    und = and
    oder = or
    mit = with
    ohne = without
    fur|für = for
    ist = is
    sind = are
    war|waren = was
    sein = be
    wird|werden = will
    gibt es|gibts|gibt's = is there
    hat|haben = has
    es = it
    sich|mich|mir|dich|dir|ihm|ihn =
    sein|seine|ihr|ihre = their
    mein|meine = my
    dein|deine = your
    du|ihr = you
    ich = i
    wir = we
    sie = they
    er = he
    jemand = anyone
    weiss|weiß|weisst|weißt|wisst|wissen = know
    kann|kannst|konnen|können = can
    schon|bereits = already
    noch = yet
    nicht|kein|keine = not
    ja = yes
    aber = but
    auch = also
    hallo|hey|bitte|danke|leute = please
    andere|anderen = other
    neue|neuen = new
    dieser|diese|dieses = this
    sehr|viel = very
    # Everyday words of fans a blind set found missing: verbs in common tenses, chat spellings, filler;
    # "the final film" is this one (not the final volume), and "roughly" or "a bit" asks nothing more
    finale film|finalen film|letzte film|letzten film|abschlussfilm = film
    wem|wen = whom
    von wem = by whom
    erscheinung|erscheinungs = release
    erscheinungsjahr = release year
    erscheinungsdatum|erscheinungstermin|startdatum|veroffentlichungsdatum|veröffentlichungsdatum = release date
    kinostart = cinema release
    bekannt gegeben|bekanntgegeben|angekundigt|angekündigt|verkundet|verkündet|enthullt|enthüllt|veroffentlicht|veröffentlicht = announced
    bekannt = known
    titel|filmtitel = title
    hiess|hieß|heisst|heißt|genannt = called
    davor|vorher|zuvor = before
    vorherige|vorige|vorigen|vorherigen = previous
    hinter der kamera = director
    hinter = behind
    kamera = camera
    verfugbar|verfügbar = available
    kino|im kino|ins kino = cinema
    direkt = straight
    kenn|kenne|kennt|kennst|kennen = know
    gemacht = made
    geandert|geändert|gewechselt = changed
    gehort|gehört|gelesen = heard
    diesmal|dieses mal = this time
    kurz|kurz gesagt|kurz zusammengefasst|zusammengefasst|zsmgefasst =
    wenigstens|mindestens|zumindest = at least
    von wann bis wann = from when until when
    vorbei|abgedreht|abgeschlossen = finished
    passiert|passieren = happens
    ab wann = when
    lauft|läuft|laufen|lauft im kino|läuft im kino = be on
    vorher gemacht|davor gemacht|zuvor gemacht|sonst gemacht|sonst so gemacht = made before
    # "a film instead of a fourth season": why the series ended in a film
    statt|anstatt|statt einer|anstatt einer = instead of
    """
)

ITALIAN = _lexicon(
    """
    incassato|guadagnato|guadagna = earn
    soldi|stipendio|cachet = money
    costa|costato = cost
    musica|colonna sonora = music
    eta|età = age
    quanti anni ha = how old is
    genere = genre
    autore|autrice = author
    altezza|quanto è alto|quanto e alto = height
    sequel|seguito|spin off = sequel
    premi|premio|nomination|candidature = awards
    doppiaggio|sottotitoli|in italiano = dubs
    adesso|ora = now
    allora|tipo|boh|cmq|comunque|ahah|ahahah|ragaa =
    sopra|riguardo = about
    fino|fino a = until
    da quando = since when
    prima = before
    dopo = after
    tutto|tutti|tutta|tutte = all
    niente|nulla = nothing
    qualcosa = something
    solo|soltanto = only
    più|piu = more
    cosi|così = so
    bene = well
    voglio|vorrei = want
    sapere = know
    dimmi|ditemi|dirmi|dire|raccontare|raccontami = tell me
    qualche = any
    stesso|stessa = same
    chi = who
    che|cosa|che cosa|cos|ke = what
    quale|quali|qual = which
    quando|qnd|qdo = when
    dove = where
    perche|perché|xke|xké|pk = why
    come = how
    quanto|quanta = how much
    quanti|quante = how many
    quanto dura|durata = how long is it
    dirige|dirigera|dirigerà = directs
    diretto|diretto da|ha diretto = directed
    regista|regia = director
    interpreta|interpretano|fa la parte di|fa la parte del|fa la parte della|fa il ruolo di = plays
    chi fa = who plays
    interpretato|ha interpretato = played
    ruolo|parte|personaggio = role
    ruoli|personaggi = roles
    attore = actor
    attori = actors
    attrice = actress
    cast = cast
    torna|tornano|ritorna|ritornano = return
    ci sara|ci sarà|ci saranno|appare = in it
    sceneggiatore|sceneggiatrice|sceneggiatori = screenwriter
    sceneggiatura|copione = script
    scrive|scrivere|scrivi|scrivimi = write
    ha scritto|scritto|scritta = wrote
    detto|ha detto = said
    ricetta = recipe
    preferito|preferita = favourite
    creatore|creatrice|ha creato = creator
    produttore|produttrice|produttori = producer
    produttori esecutivi = executive producers
    esce|uscira|uscirà|escono|arriva|arrivera|arriverà = comes out
    uscita|lancio = release
    data di uscita = release date
    e gia uscito|è già uscito|gia uscito|già uscito = is it out
    data = date
    anno = year
    mese = month
    giorno = day
    di cosa parla|di che parla|di cosa tratta|cosa parla|di che cosa parla|cosa succede = what is it about
    parla|tratta = is about
    trama|riassunto = plot
    sinossi = synopsis
    storia = story
    riprese = filming
    girare|filmare = film
    girato|girata|girati|filmato = filmed
    iniziate|iniziato|iniziano|cominciate|cominciato|inizio = started
    finite|finito|terminate|terminato|concluse|fine = finished
    film = film
    serie = series
    stagione = season
    stagioni = seasons
    stagione 4|quarta stagione = fourth season
    episodio|puntata = episode
    libro|libri|fumetto|fumetti|graphic novel = books
    basato su|tratto da = based on
    basato|basata|tratto|tratta da|adattato|adattata = adapted
    guardare|vedere|guardarlo|vederlo = watch
    dove posso guardare|dove posso vederlo|dove si puo vedere|dove si può vedere = where can i watch
    piattaforma = platform
    danno|lo danno|la danno|lo fanno|la fanno|trasmettono|trasmesso|fanno vedere = be on
    tra|fra = between
    confermato|confermata|confermati|ufficiale = confirmed
    amici|amiche|amico|amica = friends
    incassi|botteghino = box office
    budget = budget
    trailer = trailer
    poesia = poem
    canzone = song
    barzelletta|barzellette = joke
    tempo = time
    meteo|che tempo fa|che tempo farà|che tempo fara = weather
    quanto fa = how much is
    fa = does
    capitale di|capitale della|capitale del = capital of
    piu bello|più bello|piu bella|più bella|piu carino|più carino|piu figo|più figo = cutest
    migliore = best
    peggiore = worst
    pensi|secondo te|ne pensi = do you think
    il|lo|la|i|gli|le|l|un|uno|una|un' =
    del|dello|della|dei|degli|delle|dell = of the
    di = of
    nel|nello|nella|nei|negli|nelle|nell = in the
    in = in
    su|sul|sulla = on
    a|ad|al|alla|allo = to
    e|ed = and
    è|e' = is
    chi e = who is
    cos e|cosa e|che cos e|che cosa e|cos'è = what is
    quando e = when is
    o|oppure = or
    con = with
    senza = without
    per = for
    da = by
    sono = are
    era|stato|stata = was
    essere = be
    sara|sarà = will be
    c e|c'è|ce|ci sono = is there
    ha|hanno = has
    si|mi|ti|ci|vi|ne =
    suo|sua|suoi|sue|loro = their
    mio|mia = my
    tuo|tua = your
    tu|voi = you
    io = i
    noi = we
    lui = he
    lei = she
    qualcuno = anyone
    sa|sai|sapete = know
    posso|puo|può|possiamo = can
    gia|già = already
    ancora = yet
    non = not
    sì = yes
    ma = but
    anche = also
    ciao|raga|ragazzi|grazie|per favore|perfavore = please
    altro|altra|altri|altre = other
    nuovo|nuova = new
    questo|questa|quello|quella = this
    molto|tanto = very
    # Everyday words of fans a blind set found missing: verbs in common tenses, chat spellings, filler;
    # "the final film" is this one (not the final volume), and "roughly" or "a bit" asks nothing more
    film finale|ultimo film = film
    dietro la macchina da presa|dietro la camera|dietro le quinte = director
    dietro = behind
    annunciato|annunciata|annunciano|hanno annunciato|annunciare|annuncio = announced
    titolo = title
    si chiama|si chiamava|chiamava|chiama|chiamato|chiamata = called
    precedente|prima di questo = previous
    disponibile|disponibili = available
    direttamente|diretto su = straight
    conosco|conosci|conosce|conoscete|conosciuto = know
    cambiato|cambiata|cambiati = changed
    sentito|ho sentito|letto|ho letto = heard
    stavolta|questa volta = this time
    volta = time
    in breve|in poche parole|riassumendo|brevemente|in sintesi =
    almeno = at least
    da quando a quando|dal quando al quando = from when until when
    firmato|ha firmato = wrote
    fanno uscire|faranno uscire|fanno uscire il film = comes out
    uscire = come out
    fatto|ha fatto = made
    # "a film instead of a fourth season": why the series ended in a film
    invece di|invece della|invece del|invece dello|invece = instead of
    han = have
    vedra|vedrà|vedremo|vedrò|vedro|si vedra|si vedrà = watch
    """
)

# Chat spellings, read as the word they stand for before phrases are matched ("de q va" is "de que va")
SLANG: dict[str, dict[str, str]] = {
    "es": {
        "q": "que",
        "k": "que",
        "ke": "que",
        "xq": "porque",
        "pq": "porque",
        "cdo": "cuando",
        "cnd": "cuando",
        "tmb": "tambien",
        "tb": "tambien",
        "x": "por",
        "pa": "para",
        "d": "de",
        "peli": "pelicula",
        "dnd": "donde",
        "kien": "quien",
        "sta": "esta",
    },
    "pt": {
        "q": "que",
        "oq": "o que",
        "vc": "voce",
        "vcs": "voces",
        "qdo": "quando",
        "qnd": "quando",
        "qndo": "quando",
        "qd": "quando",
        "pq": "porque",
        "qm": "quem",
        "qnt": "quanto",
        "qnto": "quanto",
        "tb": "tambem",
        "tbm": "tambem",
        "n": "nao",
        "eh": "é",
        "ta": "está",
        "tá": "está",
        "pra": "para",
        "pro": "para o",
        "mt": "muito",
        "mto": "muito",
        "cm": "como",
        "hj": "hoje",
        "d": "de",
    },
    "fr": {
        "ki": "qui",
        "koi": "quoi",
        "qd": "quand",
        "kan": "quand",
        "pk": "pourquoi",
        "pq": "pourquoi",
        "ds": "dans",
        "ya": "il y a",
        "g": "j'ai",
        "jsp": "je ne sais pas",
        "bcp": "beaucoup",
        "tt": "tout",
        "pr": "pour",
        "qqn": "quelqu'un",
        "vs": "vous",
        "ke": "que",
    },
    "de": {
        "wat": "was",
        "nich": "nicht",
        "ne": "eine",
        "n": "ein",
        "gehts": "geht es",
        "gibts": "gibt es",
        "weiss": "weiß",
        "kp": "keine ahnung",
    },
    "it": {
        "ke": "che",
        "xke": "perche",
        "xché": "perche",
        "xche": "perche",
        "pk": "perche",
        "qnd": "quando",
        "qdo": "quando",
        "nn": "non",
        "cmq": "comunque",
        "x": "per",
        "tt": "tutti",
        "qlc": "qualche",
    },
}

LEXICONS: dict[str, dict[str, str]] = {
    "es": SPANISH,
    "pt": PORTUGUESE,
    "fr": FRENCH,
    "de": GERMAN,
    "it": ITALIAN,
}

# Words that read as English too ("come", "was", "die", "sale", "son"): no evidence of another language
_ENGLISH = STOP_WORDS | FILLER_WORDS | CONCEPT_WORDS | FILM_WORDS | frozenset(SHORTHAND) | _SHARED
_ENGLISH_LOOKALIKES = frozenset(
    """
    come sale son era fin ver dire die war sein hat man data date ton mes tag sort film films mir
    lie trailer budget cast casting comics release start premiere episode series serie drama song
    sea anterior change pitch precedent real direct camera cinema wen
    """.split()  # noqa: SIM905
)


def _fold(text: str) -> str:
    if text.isascii():  # nearly every word, and the costly part below does nothing for it
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def _markers() -> dict[str, frozenset[str]]:
    """Each language's own words: in its lexicon, and not something an English question would use."""
    markers: dict[str, frozenset[str]] = {}
    for language, lexicon in LEXICONS.items():
        # Not a letter on its own: English contractions leave those too ("what's", "don't")
        singles = {_fold(key) for key in lexicon if " " not in key and "'" not in key and len(key) > 1}
        markers[language] = frozenset(singles - _ENGLISH - _ENGLISH_LOOKALIKES)
    return markers


@lru_cache(maxsize=1)
def _any_marker() -> frozenset[str]:
    return frozenset().union(*_markers().values())


# Words, and each other character on its own: "l'histoire" (French and Italian elision) is "l", "'", "histoire"
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")  # "peut-on", "bande-annonce": two words


def _tokens(text: str) -> list[str]:
    lowered = _HYPHEN.sub(" ", strip_mentions(text).casefold().replace("’", "'"))
    return [token for token in _TOKEN.findall(lowered) if token != "'"]


def detect(text: str) -> str | None:
    """The language of a question ("es", "pt", "fr", "de", "it"), or None for English (or too little to tell).

    Only a language whose own words outnumber the question's English function words is considered, so an
    English question quoting a foreign word stays English. Among those, the words fewer languages share and
    the longer phrases a lexicon recognises ("do que se trata" is Portuguese) decide."""
    raw = _tokens(text)
    folded = [_fold(token) for token in raw if token.isalnum()]
    compounds = _german_compounds(folded)
    if _any_marker().isdisjoint(folded) and not compounds:  # every English question: nothing more to weigh
        return None
    markers = _markers()
    # Distinct words: "la la land" is one word of Italian, not two
    hits = {language: {token for token in folded if token in words} for language, words in markers.items()}
    hits["de"] |= compounds
    # English function words, leaving out those the language has too ("was" is German for "what")
    english = {
        language: sum(token in STOP_WORDS and (token,) not in _phrases(language)[0] for token in folded)
        for language in markers
    }
    candidates = [language for language, found in hits.items() if len(found) > english[language]]
    # a lone "and" or "the" of a language among everyday English words is an English question ("sex ed cast",
    # "ed" being Italian for "and"): not a sign of that language
    english_content = sum(
        token not in STOP_WORDS
        and not any(token in words for words in markers.values())
        and english_words().get(token, COMMON_RANK + 1) <= COMMON_RANK
        for token in folded
    )
    candidates = [
        language
        for language in candidates
        if not (
            english_content >= 2
            and len(hits[language]) == 1
            and _phrases(language)[0].get((next(iter(hits[language])),)) in _GLUE
        )
    ]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]

    def weight(language: str) -> float:
        # a German compound is in no list of markers: a word of German alone
        shared = sum(1 / (sum(token in words for words in markers.values()) or 1) for token in hits[language])
        return shared + _scan(language, raw)[1]

    return max(candidates, key=weight)


def _german_compounds(folded: list[str]) -> set[str]:
    """Words that are German compounds of two listed words and no English word ("hsf erscheinungsjahr")."""
    found = {token for token in folded if token not in _ENGLISH and _derived("de", token)}
    return found - set(english_words()) if found else found


@lru_cache(maxsize=8)
def _phrases(language: str) -> tuple[dict[tuple[str, ...], str], int]:
    """The lexicon keyed by word tuples (accents kept), and its longest phrase's length."""
    table: dict[tuple[str, ...], str] = {}
    for phrase, english in LEXICONS[language].items():
        table.setdefault(tuple(_tokens(phrase)), english)
    # Accents are optional: "pelicula" is "película", unless the plain spelling is a word of its own ("e")
    for key, english in list(table.items()):
        table.setdefault(tuple(_fold(token) for token in key), english)
    return table, max(len(key) for key in table)


def _scan(language: str, raw: list[str]) -> tuple[list[str], int]:
    """The English words for ``raw`` (longest phrase first; an exact spelling before its plain one) and how
    many of its words were read as part of a phrase of two words or more."""
    table, longest = _phrases(language)
    slang = SLANG[language]
    raw = [word for token in raw for word in (_tokens(slang[token]) if token in slang else (token,))]
    folded = [_fold(token) for token in raw]
    out: list[str] = []
    kept: set[int] = set()  # where in ``out`` a word no lexicon knows passed through as it was typed
    in_phrases = 0
    position = 0
    between_numbers = _BETWEEN_NUMBERS[language]
    while position < len(raw):
        word = folded[position]
        if (
            word in between_numbers
            and 0 < position < len(raw) - 1
            and raw[position - 1].isdigit()
            and raw[position + 1].isdigit()
        ):
            out.append(between_numbers[word])
            position += 1
            continue
        for size in range(min(longest, len(raw) - position), 0, -1):
            english = table.get(tuple(raw[position : position + size]))
            if english is None:
                english = table.get(tuple(folded[position : position + size]))
            if english is not None:
                if english:
                    out.append(english)
                if size > 1:
                    in_phrases += size
                position += size
                break
        else:
            inflected = _inflected(language, folded[position]) or _derived(language, folded[position])
            if inflected is None:
                kept.add(len(out))
            out.append(inflected or folded[position])
            position += 1
    return _title_first(out, kept), in_phrases


_FILM_NOUNS = frozenset(["film", "series"])


def _title_first(words: list[str], kept: set[int]) -> list[str]:
    """Reads "film of barbie" as "barbie film": these languages name a film after the noun ("la peli de barbie"),
    where the English reading looks for another film's title before it; words a lexicon read stay put."""
    out: list[str] = []
    position = 0
    while position < len(words):
        word = words[position]
        after = position + 1
        if word in _FILM_NOUNS and after < len(words) and words[after] in ("of", "of the"):
            end = after + 1
            while end < len(words) and end in kept and words[end].isalpha():
                end += 1
            if end > after + 1:
                out += [*words[after + 1 : end], word]
                position = end
                continue
        out.append(word)
        position += 1
    return out


# Arithmetic words between two numbers ("17 mal 3", "cuanto es 3 mas 4"): read as the English the refusal of
# arithmetic knows; elsewhere the same words mean something else ("mal" is filler, "mas" is "more").
_BETWEEN_NUMBERS: dict[str, dict[str, str]] = {
    "es": {"por": "times", "x": "times", "mas": "plus", "menos": "minus", "entre": "divided by"},
    "pt": {"vezes": "times", "x": "times", "mais": "plus", "menos": "minus", "dividido": "divided by"},
    "fr": {"fois": "times", "x": "times", "plus": "plus", "moins": "minus", "divise": "divided by"},
    "de": {"mal": "times", "x": "times", "plus": "plus", "minus": "minus", "durch": "divided by"},
    "it": {"per": "times", "x": "times", "piu": "plus", "meno": "minus", "diviso": "divided by"},
}


_STEM = 7  # letters two forms of one verb or noun share before their endings differ ("interpretar")


@lru_cache(maxsize=8)
def _singles(language: str) -> tuple[tuple[str, str], ...]:
    table, _ = _phrases(language)
    return tuple(
        (key[0], english) for key, english in table.items() if len(key) == 1 and len(key[0]) >= _STEM
    )


@lru_cache(maxsize=4096)
def _inflected(language: str, word: str) -> str | None:
    """The English for another form of a long word the lexicon lists ("interpretar" of "interpreta",
    "estrenaron" of "estrenara"): the same stem of seven letters or more, with endings of three at most."""
    if len(word) < _STEM or not word.isalpha():
        return None
    best: tuple[int, str] | None = None
    for key, english in _singles(language):
        shared = next(
            (i for i, (a, b) in enumerate(zip(key, word, strict=False)) if a != b), min(len(key), len(word))
        )
        fits = shared >= _STEM and len(key) - shared <= 3 and len(word) - shared <= 3
        if fits and (best is None or shared > best[0]):
            best = (shared, english)
    return best[1] if best else None


# Diminutives fans use for warmth ("peliculita", "filminho", "resumito"): the word without its ending
_DIMINUTIVES: dict[str, tuple[str, ...]] = {
    "es": ("cito", "cita", "ito", "ita"),
    "pt": ("zinho", "zinha", "inho", "inha"),
}
_DIMINUTIVE_STEMS = ("", "o", "a", "e")  # "filminho" is "filme", "peliculita" "pelicula"
# German joins nouns into one word ("Erscheinungsjahr", "Kinodatum"), often with a linking s, n or en
_COMPOUND_LINKS = ("", "s", "n", "en", "es")
_COMPOUND_PART = 3  # letters of the shortest part: "tag", "kino"


def _single(language: str, word: str) -> str | None:
    """The English of one word the lexicon lists on its own (None: not listed, or listed as nothing)."""
    return _phrases(language)[0].get((word,)) or None


@lru_cache(maxsize=4096)
def _derived(language: str, word: str) -> str | None:
    """The English of a diminutive of a listed word, or of a German compound of two listed words
    ("erscheinungsjahr": "release year"); None when the word is neither (a name, a title)."""
    if not word.isalpha():
        return None
    for ending in _DIMINUTIVES.get(language, ()):
        if word.endswith(ending) and len(word) - len(ending) >= _COMPOUND_PART:
            stem = word[: -len(ending)]
            for vowel in _DIMINUTIVE_STEMS:
                english = _single(language, stem + vowel)
                if english:
                    return english
    if language != "de" or len(word) < 2 * _COMPOUND_PART + 1:
        return None
    for split in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1):
        head, tail = word[:split], word[split:]
        tail_english = _single(language, tail)
        if not tail_english:
            continue
        for link in _COMPOUND_LINKS:
            if link and not head.endswith(link):
                continue
            head_english = _single(language, head[: len(head) - len(link)] if link else head)
            if head_english and len(head) - len(link) >= _COMPOUND_PART:
                return f"{head_english} {tail_english}"
    return None


@lru_cache(maxsize=256)  # a few popular questions in each language, asked again and again
def to_english(text: str, language: str | None = None) -> tuple[str, str] | None:
    """``(language, English rewording)`` of a question in one of the five languages, or None for English."""
    language = language or detect(text)
    if language is None:
        return None
    raw = _tokens(text)
    slang = SLANG[language]
    spelt = [_fold(word) for token in raw for word in (_tokens(slang[token]) if token in slang else (token,))]
    table = _phrases(language)[0]

    def reword(tokens: list[str]) -> str:
        return " ".join(_scan(language, tokens)[0])

    # The everyday questions, read from the language's own phrasings; anything else word by word, as before
    english = intents.read(language, spelt, lambda word: table.get((word,)), reword)
    return language, english if english is not None else reword(raw)


# A loanword is looked for only in a word at least this long: a short one is too often a name or slang
_LOANWORD_LENGTH = 4
_LOANWORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _loanwords() -> dict[str, str]:
    """Content words of the five lexicons with one English meaning in all of them, that are no English word
    ("estreno" release, "drehbuch" script; not "film", not "date"). A function word ("esta" is, "cade" where
    is) is left out: alone in an English question it is more likely a name or slang."""
    meanings: dict[str, set[str]] = {}
    for language in LEXICONS:
        for key, english in _phrases(language)[0].items():
            word = key[0]
            if len(key) == 1 and english and len(word) >= _LOANWORD_LENGTH and word.isalpha():
                meanings.setdefault(word, set()).add(english)
    ordinary = english_words()
    return {
        word: next(iter(english))
        for word, english in meanings.items()
        if len(english) == 1
        and word not in ordinary
        and word not in _ENGLISH | _ENGLISH_LOOKALIKES
        and (
            set(next(iter(english)).split()) - STOP_WORDS - FILLER_WORDS
            # a long question word is no name either: "quantas temporadas had the serie", "cuando sale"
            or (next(iter(english)) in _QUESTION_MEANINGS and len(word) >= _QUESTION_LOANWORD_LENGTH)
        )
    }


_QUESTION_MEANINGS = frozenset(["how many", "how much", "when", "where", "who", "why"])
_QUESTION_LOANWORD_LENGTH = 5


def with_loanwords_in_english(text: str, names: frozenset[str]) -> str:
    """An English question with a word of one of the five languages in it, as fans who speak them type
    ("it has a date of estreno?", "who writed the drehbuch"): that word in English. A word that is one of
    ``names`` (a name in the notes) is never touched."""
    table = _loanwords()

    def english(match: re.Match[str]) -> str:
        word = _fold(match[0].casefold())
        meaning = table.get(word)
        return meaning if meaning and word not in names else match[0]

    return _LOANWORD.sub(english, text)


# Where a message written in two languages changes language: at punctuation, or at a word joining two clauses
_CLAUSE_BREAK = re.compile(r"([,;:?!]+|\s+(?:and|y|e|et|und|ed)\s+)", re.IGNORECASE)
_JOINING_WORDS = frozenset(["y", "e", "et", "und", "ed"])
# What an everyday question's reading names when the fan's clause only says "it", "la", "den"
_OUR_FILM_READ = "heartstopper forever"
_OUR_FILM_TYPED = re.compile(r"\b(?:heartstopper|hsf|hs forever)\b", re.IGNORECASE)


def clauses_in_english(text: str) -> str | None:
    """A message that switches between English and one of the five languages ("who directs and when does it drop?
    qui réalise et c'est pour quand", "el novio de nick, who plays him"): each clause in another language read in
    English, the English ones as typed. None unless the message has a clause in each.

    A clause read as an everyday question names our film where it only said "it" ("quién la dirigió"); after
    an earlier clause, that "it" may be whatever the earlier clause named ("who directed young royals"), so it
    stays "it" there, as an English fan would have typed it."""
    folded = [_fold(token) for token in _tokens(text) if token.isalnum()]
    if _any_marker().isdisjoint(folded) and not _german_compounds(folded):
        return None  # no word of another language at all (every English question): nothing to split
    pieces = _CLAUSE_BREAK.split(text)
    languages = [
        None if index % 2 or not piece.strip() else detect(piece) for index, piece in enumerate(pieces)
    ]
    if not any(languages) or not any(
        index % 2 == 0 and languages[index] is None and _english_clause(piece)
        for index, piece in enumerate(pieces)
    ):
        return None
    english: list[str] = []
    for index, piece in enumerate(pieces):
        language = languages[index]
        if index % 2:  # a break: a joining word of the other language is "and"
            english.append(" and " if piece.strip().casefold() in _JOINING_WORDS else piece)
        elif language is None:
            english.append(piece)
        else:
            reworded = to_english(piece, language)
            read = reworded[1] if reworded else piece
            if index and not _OUR_FILM_TYPED.search(piece):
                read = read.replace(_OUR_FILM_READ, "it")
            english.append(f" {read} ")
    return " ".join("".join(english).split())


def _english_clause(clause: str) -> bool:
    """Whether a clause is English in its own right: two everyday English words that no lexicon of the five
    languages has ("no he visto nada" is Spanish throughout: "no" and "he" are Spanish words too)."""
    foreign = words_of_other_languages()
    folded = [_fold(token) for token in _tokens(clause) if token.isalnum()]
    return (
        sum(
            token not in foreign and english_words().get(token, COMMON_RANK + 1) <= COMMON_RANK
            for token in folded
        )
        >= 2
    )


@lru_cache(maxsize=1)
def words_of_other_languages() -> frozenset[str]:
    """Every single word the five lexicons read, and the words that mark each language ("wann", "quando",
    "película" folded): never an English word, nor an English typo."""
    return (
        frozenset(
            word for language in LEXICONS for key in _phrases(language)[0] if len(key) == 1 for word in key
        )
        | _any_marker()
    )
