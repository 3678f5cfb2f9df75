-- A fact's statement in other languages, from the data file ([[facts]] translations = { pt_BR = "..." }):
-- /ask gives a reader the one in their language, and the English statement (with a note) where there is none.
-- `language` is a catalog code of bot/locales (es, pt_BR, fr, de, it).
CREATE TABLE fact_translations (
    fact_id   INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    language  TEXT NOT NULL CHECK (language <> ''),
    statement TEXT NOT NULL CHECK (statement <> ''),
    PRIMARY KEY (fact_id, language)
) WITHOUT ROWID;
