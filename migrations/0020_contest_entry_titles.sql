-- A contest entry may have a title (optional on /contest submit); older entries have none and
-- show an excerpt of their text in the results instead.
ALTER TABLE contest_entries ADD COLUMN title TEXT;
