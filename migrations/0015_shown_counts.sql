-- What a message shows, written after each successful edit: a restart refreshes exactly the
-- messages whose shown count differs from the database (edits pending in memory when the
-- process died are not lost).
ALTER TABLE qa_questions ADD COLUMN shown_votes INTEGER;
ALTER TABLE giveaways ADD COLUMN shown_entries INTEGER;

-- Outbox posts that may ping a role (a scheduled announcement for a mentionable role, checked
-- when the run is claimed).
ALTER TABLE outbox ADD COLUMN ping_roles TEXT NOT NULL DEFAULT '[]';
