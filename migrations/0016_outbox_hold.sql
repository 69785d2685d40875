-- An outbox post may wait until a moment (not_before): the DM about an automatic removal waits
-- a little, so that a ladder step following in the same burst tells the member everything in
-- one message instead of two.
ALTER TABLE outbox ADD COLUMN not_before TEXT;
