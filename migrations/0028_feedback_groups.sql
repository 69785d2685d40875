-- One voice per topic: new criticism about the same topic as an open inbox item (same channel,
-- within a window) joins that item's group instead of becoming an item of its own; the team
-- answers the group at once and can split an item out again.

ALTER TABLE feedback_items ADD COLUMN group_id INTEGER REFERENCES feedback_items(id) ON DELETE SET NULL;

CREATE INDEX feedback_items_group ON feedback_items (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX feedback_items_recent ON feedback_items (guild_id, kind, created_at);
