-- The premiere as a Guild Scheduled Event: one row per server that wants it (set up with /announcements setup).
-- The row is the delivery record of the event: 'creating' is written before Discord is asked (the claim), the
-- event id after it answers (the confirmation), so a crash in between is found on the next run (the bot then
-- looks for its own event by the marker in the description before creating one).
CREATE TABLE premiere_events (
    guild_id     INTEGER PRIMARY KEY,
    wanted       INTEGER NOT NULL DEFAULT 1,   -- the setup option `event`
    generation   INTEGER NOT NULL DEFAULT 1,   -- a new event after a cancelled one gets a new delivery key
    state        TEXT NOT NULL DEFAULT 'waiting'
                 CHECK (state IN ('waiting', 'creating', 'scheduled', 'canceled', 'deleted')),
    event_id     INTEGER,                      -- Discord's id, once created (or found after a crash)
    release_key  TEXT,                         -- ReleaseDate.key() the event shows
    reason       TEXT,                         -- why nothing is (or was) created, shown in status
    claimed_at   TEXT,                         -- when the create was claimed ('creating')
    updated_at   TEXT NOT NULL
);
