-- The reasons and notes the services record (why a channel's posts are paused, why a post failed, why the
-- premiere event is not there) are stored as a code with its parameters (JSON: {"code", "params", "en"}, see
-- bot/phrases.py) and worded in the reader's language when shown. This maps the English rows written before: the
-- fixed sentences and the usual "what happened: why" pairs of a failed post. Any other old row (a missed or folded
-- post's note, an unexpected error) stays as written and is shown in English, as before.
CREATE TEMP TABLE phrase_codes (english TEXT PRIMARY KEY, code TEXT NOT NULL);

INSERT INTO phrase_codes (english, code) VALUES
    ('the member does not accept direct messages from the bot', 'delivery.closed_dm_member'),
    ('Discord refused the bot''s token (401)', 'delivery.token_refused'),
    ('held', 'delivery.held'),
    ('interrupted before Discord confirmed it, and too late to send again', 'delivery.interrupted'),
    ('the channel''s countdown was stopped or paused before this post could be confirmed', 'delivery.channel_stopped'),
    ('the reminder was cancelled before it could be confirmed', 'delivery.reminder_cancelled'),
    ('the news it announced is gone', 'delivery.news_gone'),
    ('the release date changed before this post could be confirmed', 'delivery.release_moved'),
    ('the ping role was deleted, so posts ping nobody; run setup again to choose another role', 'notice.ping_role_deleted'),
    ('waiting for the exact release time (only the day is known)', 'event.waiting_for_time'),
    ('waiting for the release date and time to be announced', 'event.waiting_for_date'),
    ('the premiere time has passed', 'event.passed'),
    ('I need the Create Events permission in this server to create the premiere event', 'event.no_permission'),
    ('the release no longer has an exact time', 'event.withdrawn'),
    ('the premiere moved earlier, to a time already past', 'event.moved_past'),
    ('deleted by a moderator; I won''t create it again (run setup with event: True to have a new one)', 'event.deleted');

UPDATE announcement_subscriptions SET state_reason = (
    SELECT json_object('code', code, 'params', json_object(), 'en', english) FROM phrase_codes WHERE english = state_reason
) WHERE state_reason IN (SELECT english FROM phrase_codes);

UPDATE announcement_subscriptions SET notice = (
    SELECT json_object('code', code, 'params', json_object(), 'en', english) FROM phrase_codes WHERE english = notice
) WHERE notice IN (SELECT english FROM phrase_codes);

UPDATE announcement_reminders SET state_reason = (
    SELECT json_object('code', code, 'params', json_object(), 'en', english) FROM phrase_codes WHERE english = state_reason
) WHERE state_reason IN (SELECT english FROM phrase_codes);

UPDATE announcement_deliveries SET error = (
    SELECT json_object('code', code, 'params', json_object(), 'en', english) FROM phrase_codes WHERE english = error
) WHERE error IN (SELECT english FROM phrase_codes);

UPDATE premiere_events SET reason = (
    SELECT json_object('code', code, 'params', json_object(), 'en', english) FROM phrase_codes WHERE english = reason
) WHERE reason IN (SELECT english FROM phrase_codes);

UPDATE announcement_subscriptions SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.channel_forbidden', 'params', json_object(), 'en', 'the bot may not post in this channel'),
        'reason', json_object('code', 'delivery.missing_permission', 'params', json_object('detail', substr(state_reason, 73, length(state_reason) - 73)), 'en', substr(state_reason, 39))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'the bot may not post in this channel: missing permission to post there (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_subscriptions SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.channel_gone', 'params', json_object(), 'en', 'channel no longer exists'),
        'reason', json_object('code', 'delivery.channel_gone', 'params', json_object('detail', substr(state_reason, 57, length(state_reason) - 57)), 'en', substr(state_reason, 27))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'channel no longer exists: the channel no longer exists (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_subscriptions SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.post_failed', 'params', json_object(), 'en', 'this post failed'),
        'reason', json_object('code', 'delivery.post_refused', 'params', json_object('detail', substr(state_reason, 46, length(state_reason) - 46)), 'en', substr(state_reason, 19))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'this post failed: Discord refused this post (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_subscriptions SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.reminder_failed', 'params', json_object(), 'en', 'this reminder failed'),
        'reason', json_object('code', 'delivery.post_refused', 'params', json_object('detail', substr(state_reason, 50, length(state_reason) - 50)), 'en', substr(state_reason, 23))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'this reminder failed: Discord refused this post (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_subscriptions SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.user_gone', 'params', json_object(), 'en', 'user no longer exists'),
        'reason', json_object('code', 'delivery.channel_gone', 'params', json_object('detail', substr(state_reason, 54, length(state_reason) - 54)), 'en', substr(state_reason, 24))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'user no longer exists: the channel no longer exists (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_subscriptions SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.dm_closed', 'params', json_object(), 'en', 'direct messages are closed'),
        'reason', json_object('code', 'delivery.closed_dm_member', 'params', json_object(), 'en', 'the member does not accept direct messages from the bot')
    ),
    'en', state_reason
) WHERE state_reason = 'direct messages are closed: the member does not accept direct messages from the bot';

UPDATE announcement_reminders SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.channel_forbidden', 'params', json_object(), 'en', 'the bot may not post in this channel'),
        'reason', json_object('code', 'delivery.missing_permission', 'params', json_object('detail', substr(state_reason, 73, length(state_reason) - 73)), 'en', substr(state_reason, 39))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'the bot may not post in this channel: missing permission to post there (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_reminders SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.channel_gone', 'params', json_object(), 'en', 'channel no longer exists'),
        'reason', json_object('code', 'delivery.channel_gone', 'params', json_object('detail', substr(state_reason, 57, length(state_reason) - 57)), 'en', substr(state_reason, 27))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'channel no longer exists: the channel no longer exists (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_reminders SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.post_failed', 'params', json_object(), 'en', 'this post failed'),
        'reason', json_object('code', 'delivery.post_refused', 'params', json_object('detail', substr(state_reason, 46, length(state_reason) - 46)), 'en', substr(state_reason, 19))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'this post failed: Discord refused this post (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_reminders SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.reminder_failed', 'params', json_object(), 'en', 'this reminder failed'),
        'reason', json_object('code', 'delivery.post_refused', 'params', json_object('detail', substr(state_reason, 50, length(state_reason) - 50)), 'en', substr(state_reason, 23))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'this reminder failed: Discord refused this post (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_reminders SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.user_gone', 'params', json_object(), 'en', 'user no longer exists'),
        'reason', json_object('code', 'delivery.channel_gone', 'params', json_object('detail', substr(state_reason, 54, length(state_reason) - 54)), 'en', substr(state_reason, 24))
    ),
    'en', state_reason
) WHERE state_reason LIKE 'user no longer exists: the channel no longer exists (' || '%)' AND state_reason NOT LIKE '{%';

UPDATE announcement_reminders SET state_reason = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.dm_closed', 'params', json_object(), 'en', 'direct messages are closed'),
        'reason', json_object('code', 'delivery.closed_dm_member', 'params', json_object(), 'en', 'the member does not accept direct messages from the bot')
    ),
    'en', state_reason
) WHERE state_reason = 'direct messages are closed: the member does not accept direct messages from the bot';

UPDATE announcement_deliveries SET error = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.channel_forbidden', 'params', json_object(), 'en', 'the bot may not post in this channel'),
        'reason', json_object('code', 'delivery.missing_permission', 'params', json_object('detail', substr(error, 73, length(error) - 73)), 'en', substr(error, 39))
    ),
    'en', error
) WHERE error LIKE 'the bot may not post in this channel: missing permission to post there (' || '%)' AND error NOT LIKE '{%';

UPDATE announcement_deliveries SET error = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.channel_gone', 'params', json_object(), 'en', 'channel no longer exists'),
        'reason', json_object('code', 'delivery.channel_gone', 'params', json_object('detail', substr(error, 57, length(error) - 57)), 'en', substr(error, 27))
    ),
    'en', error
) WHERE error LIKE 'channel no longer exists: the channel no longer exists (' || '%)' AND error NOT LIKE '{%';

UPDATE announcement_deliveries SET error = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.post_failed', 'params', json_object(), 'en', 'this post failed'),
        'reason', json_object('code', 'delivery.post_refused', 'params', json_object('detail', substr(error, 46, length(error) - 46)), 'en', substr(error, 19))
    ),
    'en', error
) WHERE error LIKE 'this post failed: Discord refused this post (' || '%)' AND error NOT LIKE '{%';

UPDATE announcement_deliveries SET error = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.reminder_failed', 'params', json_object(), 'en', 'this reminder failed'),
        'reason', json_object('code', 'delivery.post_refused', 'params', json_object('detail', substr(error, 50, length(error) - 50)), 'en', substr(error, 23))
    ),
    'en', error
) WHERE error LIKE 'this reminder failed: Discord refused this post (' || '%)' AND error NOT LIKE '{%';

UPDATE announcement_deliveries SET error = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.user_gone', 'params', json_object(), 'en', 'user no longer exists'),
        'reason', json_object('code', 'delivery.channel_gone', 'params', json_object('detail', substr(error, 54, length(error) - 54)), 'en', substr(error, 24))
    ),
    'en', error
) WHERE error LIKE 'user no longer exists: the channel no longer exists (' || '%)' AND error NOT LIKE '{%';

UPDATE announcement_deliveries SET error = json_object(
    'code', 'outcome',
    'params', json_object(
        'explanation', json_object('code', 'outcome.dm_closed', 'params', json_object(), 'en', 'direct messages are closed'),
        'reason', json_object('code', 'delivery.closed_dm_member', 'params', json_object(), 'en', 'the member does not accept direct messages from the bot')
    ),
    'en', error
) WHERE error = 'direct messages are closed: the member does not accept direct messages from the bot';

DROP TABLE phrase_codes;
