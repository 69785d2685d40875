-- A team message in a conversation's thread is relayed to the member exactly once: the relay
-- remembers the Discord message it came from (NULL: written in the inbox's Reply form), and
-- after a restart the bot reads the thread from the last relayed message on.

ALTER TABLE feedback_messages ADD COLUMN source_id INTEGER;

CREATE UNIQUE INDEX feedback_messages_source ON feedback_messages (source_id)
    WHERE source_id IS NOT NULL;
