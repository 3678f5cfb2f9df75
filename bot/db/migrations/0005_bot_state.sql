-- Small facts the bot remembers about itself across restarts, by key: for now the hash of the slash-command
-- tree it last synced to Discord, so an unchanged tree is not synced again at every start.
CREATE TABLE bot_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
