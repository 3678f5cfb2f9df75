-- Outages: a post that failed for a passing reason (Discord 5xx, a long rate limit, a refused token) stays
-- 'sending' and is retried with backoff until its grace window closes. The row keeps when the next attempt is
-- due; `error` keeps the last attempt's reason (shown in /announcements status) and `attempts` counts them.
ALTER TABLE announcement_deliveries ADD COLUMN next_attempt_at TEXT;

CREATE INDEX announcement_deliveries_retry ON announcement_deliveries (next_attempt_at)
    WHERE state = 'sending' AND next_attempt_at IS NOT NULL;

-- Something an admin should know about a channel that is still posting (a ping role that was deleted).
ALTER TABLE announcement_subscriptions ADD COLUMN notice TEXT;
