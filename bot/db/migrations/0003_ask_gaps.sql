-- What fans asked that /ask could not answer, and answers a fan flagged "Not what I asked": the knowledge
-- base's to-do list for its owners. No user ids: only the normalised question, how often, and when.
-- Timestamps are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (fixed width, so they sort and compare as text).
CREATE TABLE ask_gaps (
    id          INTEGER PRIMARY KEY,
    question    TEXT NOT NULL,           -- normalised (bot.services.gaps.normalise_question)
    kind        TEXT NOT NULL CHECK (kind IN ('unanswered', 'not_what_i_asked')),
    count       INTEGER NOT NULL DEFAULT 1 CHECK (count > 0),
    first_asked TEXT NOT NULL,
    last_asked  TEXT NOT NULL,
    UNIQUE (question, kind)
);

-- The purge (older than the retention) and the cap (evict the least recently asked) both walk this.
CREATE INDEX ask_gaps_by_last_asked ON ask_gaps (last_asked);
