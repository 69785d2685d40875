-- The top-helper role is moved on separately from the monthly post, so a stop between the post
-- and the role (or a post found in the channel after a stop) still gives the month's helpers
-- their role at the next start. Months posted before this version had their role moved already.
ALTER TABLE thanks_posts ADD COLUMN role_done INTEGER NOT NULL DEFAULT 0;
UPDATE thanks_posts SET role_done = 1 WHERE message_id IS NOT NULL;
