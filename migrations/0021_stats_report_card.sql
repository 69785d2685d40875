-- The report card: the share of negative messages per channel and day (a weighted count, like
-- sentiment_n; NULL for days counted before it existed, so their share stays unknown rather than
-- zero), and the members active in the 7 and 30 days up to each day, rolled up once the day is
-- over (NULL: not rolled up yet).
ALTER TABLE stats_channel_daily ADD COLUMN sentiment_neg REAL;
ALTER TABLE stats_guild_daily ADD COLUMN active_7d INTEGER;
ALTER TABLE stats_guild_daily ADD COLUMN active_30d INTEGER;
