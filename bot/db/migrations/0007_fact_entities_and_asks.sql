-- What each /ask fact is about and which kinds of question it answers, in their own tables. Until now they
-- were packed into facts.topic as "topic|asks,...|entity,...": this moves them out of existing rows and
-- leaves topic holding only the topic. Source materials keep their aliases too ("Volume 6", "the novella"),
-- so /ask knows the books by the names fans use.

-- The people, characters, works and source materials a fact is about (entity keys, as the answerer names them).
CREATE TABLE fact_entities (
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    entity  TEXT NOT NULL CHECK (entity <> ''),
    PRIMARY KEY (fact_id, entity)
) WITHOUT ROWID;
CREATE INDEX fact_entities_by_entity ON fact_entities(entity);

-- The kinds of question a fact answers ("who plays Nick?" is a who; "is Kit in it?" a whether).
CREATE TABLE fact_asks (
    fact_id INTEGER NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL
            CHECK (kind IN ('who', 'when', 'where', 'why', 'how-many', 'what', 'whether', 'which')),
    PRIMARY KEY (fact_id, kind)
) WITHOUT ROWID;

-- Existing rows: split "topic|asks|entities" (the two lists comma-separated) into the tables above.
INSERT OR IGNORE INTO fact_asks (fact_id, kind)
WITH RECURSIVE
    packed (fact_id, lists) AS (
        SELECT id, substr(topic, instr(topic, '|') + 1) FROM facts WHERE instr(topic, '|') > 0
    ),
    asks (fact_id, item, rest) AS (
        SELECT fact_id, '', substr(lists, 1, instr(lists || '|', '|') - 1) || ',' FROM packed
        UNION ALL
        SELECT fact_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
        FROM asks WHERE rest <> ''
    )
SELECT fact_id, item FROM asks WHERE item <> '';

INSERT OR IGNORE INTO fact_entities (fact_id, entity)
WITH RECURSIVE
    packed (fact_id, lists) AS (
        SELECT id, substr(topic, instr(topic, '|') + 1) FROM facts WHERE instr(topic, '|') > 0
    ),
    entities (fact_id, item, rest) AS (
        SELECT fact_id, '', substr(lists, instr(lists || '|', '|') + 1) || ',' FROM packed
        UNION ALL
        SELECT fact_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
        FROM entities WHERE rest <> ''
    )
SELECT fact_id, item FROM entities WHERE item <> '';

UPDATE facts SET topic = substr(topic, 1, instr(topic, '|') - 1) WHERE instr(topic, '|') > 0;

-- Comma-separated, like people.aliases; filled by the next import of the data file (until then the titles alone
-- name the books, as before).
ALTER TABLE source_materials ADD COLUMN aliases TEXT NOT NULL DEFAULT '';
