-- How a server's countdown posts look: 'card' (Discord's layout components with a picture, the default) or
-- 'classic' (the embed of earlier versions). A server-wide choice of /announcements setup, kept on each of the
-- server's channels (setup writes it to all of them) so the dispatcher reads it with the rest of the channel.
ALTER TABLE announcement_subscriptions ADD COLUMN post_style TEXT NOT NULL DEFAULT 'card'
    CHECK (post_style IN ('card', 'classic'));
