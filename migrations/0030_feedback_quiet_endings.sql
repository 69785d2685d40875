-- An anonymous member's ending of a conversation (or their forget) shows to the team only at
-- the next slot, like their answers: until then the conversation looks open to the team, and
-- what the team writes meanwhile goes nowhere, silently.

ALTER TABLE feedback_conversations ADD COLUMN ending TEXT CHECK (ending IN ('member', 'forgotten'));
ALTER TABLE feedback_conversations ADD COLUMN ending_at TEXT;  -- NULL with ending: the next slot
