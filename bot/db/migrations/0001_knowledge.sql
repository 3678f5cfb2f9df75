-- The knowledge base: what the bot knows about the film, every statement tied to a source and an as-of date.
-- Rows here are replaced wholesale by an import of data/heartstopper_forever.toml.

CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    publisher    TEXT,
    url          TEXT,
    published_on TEXT,
    as_of        TEXT NOT NULL
);

CREATE TABLE films (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL UNIQUE,
    series           TEXT NOT NULL,
    episode_number   INTEGER,
    previous_episode TEXT,
    kind             TEXT NOT NULL,
    role_in_series   TEXT,
    instead_of       TEXT,
    genre            TEXT,
    synopsis         TEXT NOT NULL,
    source_id        INTEGER NOT NULL REFERENCES sources(id),
    as_of            TEXT NOT NULL
);

CREATE TABLE releases (
    film_id      INTEGER PRIMARY KEY REFERENCES films(id) ON DELETE CASCADE,
    platform     TEXT NOT NULL,
    platform_url TEXT,
    -- "2026", "2026-05", "2026-05-01" or "2026-05-01T08:00"; precision says which.
    release_on   TEXT NOT NULL,
    precision    TEXT NOT NULL CHECK (precision IN ('year', 'month', 'day', 'instant')),
    timezone     TEXT,
    status       TEXT NOT NULL CHECK (status IN ('expected', 'confirmed', 'released')),
    source_id    INTEGER NOT NULL REFERENCES sources(id),
    as_of        TEXT NOT NULL
);

CREATE TABLE source_materials (
    id        INTEGER PRIMARY KEY,
    film_id   INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    author    TEXT,
    note      TEXT,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    as_of     TEXT NOT NULL
);

CREATE TABLE people (
    id      INTEGER PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT ''   -- comma-separated, for lookup and autocomplete
);

CREATE TABLE person_works (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    year      INTEGER
);

CREATE TABLE characters (
    id      INTEGER PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT ''
);

CREATE TABLE credits (
    id           INTEGER PRIMARY KEY,
    film_id      INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('cast', 'director', 'writer', 'creator', 'executive-producer')),
    person_id    INTEGER REFERENCES people(id) ON DELETE CASCADE,
    character_id INTEGER REFERENCES characters(id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('confirmed', 'expected', 'reported')),
    reprises     INTEGER NOT NULL DEFAULT 0 CHECK (reprises IN (0, 1)),
    note         TEXT,
    source_id    INTEGER NOT NULL REFERENCES sources(id),
    as_of        TEXT NOT NULL,
    -- A cast credit may name only the character while the actor is unannounced; any other names a person.
    CHECK (person_id IS NOT NULL OR (role = 'cast' AND character_id IS NOT NULL)),
    CHECK (character_id IS NULL OR role = 'cast')
);
CREATE INDEX credits_by_role ON credits(film_id, role);

CREATE TABLE timeline_events (
    id          INTEGER PRIMARY KEY,
    film_id     INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    slug        TEXT NOT NULL UNIQUE,
    happened_on TEXT NOT NULL,           -- ISO date text, as precise as the precision column says
    precision   TEXT NOT NULL CHECK (precision IN ('day', 'month', 'year')),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    as_of       TEXT NOT NULL
);
CREATE INDEX timeline_by_date ON timeline_events(film_id, happened_on);

-- Answerable statements: the authored facts of the data file and those derived from the structured entries
-- above (one per credit, event, ...). /ask searches these.
CREATE TABLE facts (
    id        INTEGER PRIMARY KEY,
    slug      TEXT NOT NULL UNIQUE,
    topic     TEXT NOT NULL,
    statement TEXT NOT NULL,
    keywords  TEXT NOT NULL DEFAULT '',
    source_id INTEGER NOT NULL REFERENCES sources(id),
    as_of     TEXT NOT NULL
);

-- Full-text index over the facts (external content: the facts table holds the text).
CREATE VIRTUAL TABLE facts_fts USING fts5(
    statement, keywords,
    content = 'facts', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER facts_ai AFTER INSERT ON facts BEGIN
    INSERT INTO facts_fts(rowid, statement, keywords) VALUES (new.id, new.statement, new.keywords);
END;
CREATE TRIGGER facts_ad AFTER DELETE ON facts BEGIN
    INSERT INTO facts_fts(facts_fts, rowid, statement, keywords) VALUES ('delete', old.id, old.statement, old.keywords);
END;
CREATE TRIGGER facts_au AFTER UPDATE ON facts BEGIN
    INSERT INTO facts_fts(facts_fts, rowid, statement, keywords) VALUES ('delete', old.id, old.statement, old.keywords);
    INSERT INTO facts_fts(rowid, statement, keywords) VALUES (new.id, new.statement, new.keywords);
END;

-- One row per successful import, so start-up can tell whether the data file changed since.
CREATE TABLE data_imports (
    id          INTEGER PRIMARY KEY,
    file_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    summary     TEXT NOT NULL
);
