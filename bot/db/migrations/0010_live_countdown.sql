-- The live countdown (schedule 'live'): one message per channel, edited every day instead of a new post.
-- `live_message_id` is the message the next update edits (NULL: none yet, or the schedule is not live; the next
-- update posts one). It is written in the same transaction that marks the delivery sent, so a crash between a
-- post and this write leaves the delivery 'sending', and its nonce (or marker) finds the post again.
-- `live_digest` is a digest of what the message shows, so an update that would change nothing is not sent.
ALTER TABLE announcement_subscriptions ADD COLUMN live_message_id INTEGER;
ALTER TABLE announcement_subscriptions ADD COLUMN live_digest TEXT;
