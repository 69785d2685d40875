-- A member's answer is posted in the team's thread exactly once: the bot notes that it began to
-- post it, and a retry after a crash looks for the post before posting again.

ALTER TABLE feedback_messages ADD COLUMN posting_at TEXT;  -- NULL: never tried
