-- One moderation pipeline (bot/moderation/pipeline.py): a case is recorded *pending* before
-- anything is sent to Discord and marked applied, failed or refused afterwards; a crash leaves
-- it pending and the next start finishes it. ``outcome`` now holds a code (done, gone,
-- hierarchy, missing_permission:ban_members, failed:403/50013, ...), shown in the reader's
-- language; older rows keep their text.
ALTER TABLE cases ADD COLUMN state TEXT NOT NULL DEFAULT 'applied';
CREATE INDEX cases_pending ON cases (guild_id, number) WHERE state = 'pending';

-- Outbox rows that are drawn at delivery (a case's log post shows the case as it is then) and
-- rows whose delivery is written back (a case's DM status, its log message).
ALTER TABLE outbox ADD COLUMN renderer TEXT;
ALTER TABLE outbox ADD COLUMN on_sent TEXT;
ALTER TABLE outbox ADD COLUMN ref TEXT;
