-- Release-countdown announcements: per-channel schedules, personal DM reminders, the release date last seen,
-- date-change news, and one row per delivery so nothing is ever posted twice.
-- Timestamps are UTC text 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (fixed width, so they sort and compare as text).

-- One countdown configuration per (guild, channel).
CREATE TABLE announcement_subscriptions (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    channel_id    INTEGER NOT NULL,
    role_id       INTEGER,
    schedule      TEXT NOT NULL,           -- Schedule.key(): 'milestones:100,30,7' | 'daily:14' | 'weekly:friday'
    local_time    TEXT NOT NULL,           -- 'HH:MM', wall time in `timezone`
    timezone      TEXT NOT NULL,           -- IANA name
    state         TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'disabled')),
    state_reason  TEXT,                    -- why paused/disabled, shown in status
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    handled_until TEXT NOT NULL,           -- every countdown occasion due at or before this has a delivery row
    news_seen     INTEGER NOT NULL DEFAULT 0, -- id of the last announcement_news row handled for this channel
    UNIQUE (guild_id, channel_id)
);

CREATE INDEX announcement_subscriptions_state ON announcement_subscriptions (state);

-- A fan's personal DM reminder.
CREATE TABLE announcement_reminders (
    user_id        INTEGER PRIMARY KEY,
    milestone_days INTEGER CHECK (milestone_days IS NULL OR milestone_days > 0),
    timezone       TEXT NOT NULL DEFAULT 'Etc/UTC',
    state          TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'closed_dm', 'gone')),
    state_reason   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    handled_until  TEXT NOT NULL
);

CREATE INDEX announcement_reminders_state ON announcement_reminders (state);

-- The release date as last seen by the dispatcher (a single row).
CREATE TABLE announcement_release_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    release_key  TEXT NOT NULL,            -- ReleaseDate.key()
    release_json TEXT NOT NULL,
    changed_at   TEXT,                     -- when the date last changed; NULL for the first observation
    observed_at  TEXT NOT NULL
);

-- One row per change of the release date; every subscribed channel gets one news post per row.
CREATE TABLE announcement_news (
    id            INTEGER PRIMARY KEY,
    previous_key  TEXT NOT NULL,
    previous_json TEXT NOT NULL,
    current_key   TEXT NOT NULL,
    current_json  TEXT NOT NULL,
    created_at    TEXT NOT NULL
);

-- One row per (target, occasion), inserted before the send: the UNIQUE key is what prevents double posts.
CREATE TABLE announcement_deliveries (
    id           INTEGER PRIMARY KEY,
    delivery_key TEXT NOT NULL UNIQUE,     -- '<target_kind>:<target_id>:<occasion>'
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('channel', 'user')),
    target_id    INTEGER NOT NULL,         -- channel id or user id
    guild_id     INTEGER,                  -- channel deliveries only (forget_guild)
    occasion     TEXT NOT NULL,            -- 'countdown:7:2026-05-01' | 'news:3' | 'reminder:0:2026-05-01'
    kind         TEXT NOT NULL,            -- AnnouncementKind
    days_left    INTEGER,
    news_id      INTEGER,
    due_at       TEXT NOT NULL,
    state        TEXT NOT NULL
                 CHECK (state IN ('sending', 'sent', 'skipped', 'folded', 'failed', 'closed_dm')),
    nonce        TEXT NOT NULL,            -- derived from delivery_key; sent to Discord with enforce_nonce
    late         INTEGER NOT NULL DEFAULT 0,
    folded_count INTEGER NOT NULL DEFAULT 0,
    attempts     INTEGER NOT NULL DEFAULT 0,
    message_id   INTEGER,
    error        TEXT,                     -- failure, skip or fold reason
    owner        TEXT,                     -- dispatcher instance that claimed a 'sending' row
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE INDEX announcement_deliveries_sending ON announcement_deliveries (state) WHERE state = 'sending';
CREATE INDEX announcement_deliveries_target ON announcement_deliveries (target_kind, target_id, updated_at);
CREATE INDEX announcement_deliveries_guild ON announcement_deliveries (guild_id) WHERE guild_id IS NOT NULL;
