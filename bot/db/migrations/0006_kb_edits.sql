-- Every change made to the data file through /kb or `python -m bot kb`: who, when, what, on which source, and
-- the file's text before it, so `kb undo` can put the file back byte for byte (only while the file still has
-- the after-hash, i.e. nobody changed it since). The file stays the source of truth; this is its audit trail.
-- Timestamps are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (fixed width, so they sort and compare as text).
CREATE TABLE kb_edits (
    id            INTEGER PRIMARY KEY,
    made_at       TEXT NOT NULL,
    editor        TEXT NOT NULL,            -- a Discord user id, or 'cli:NAME' for the command line
    action        TEXT NOT NULL,            -- 'release', 'fact add', ..., 'undo'
    summary       TEXT NOT NULL,            -- one line: what changed
    source_url    TEXT NOT NULL,
    file_path     TEXT NOT NULL,
    before_text   TEXT NOT NULL,
    before_sha256 TEXT NOT NULL,
    after_sha256  TEXT NOT NULL,
    undoes        INTEGER REFERENCES kb_edits (id),  -- set on an undo: the change it reverted
    undone_by     INTEGER REFERENCES kb_edits (id)   -- set on a change once it was undone
);
