-- The language of a channel's countdown posts, as a Discord locale ("es-ES", "pt-BR"), chosen with
-- `/announcements setup language`; NULL: the server's preferred locale (Guild.preferred_locale) at send time.
ALTER TABLE announcement_subscriptions ADD COLUMN language TEXT CHECK (language IS NULL OR language <> '');
-- A fan's reminder DMs: in the language of the Discord client they set it from (NULL: English, as before).
ALTER TABLE announcement_reminders ADD COLUMN language TEXT CHECK (language IS NULL OR language <> '');
