-- What an alert's title is made of (a department's name, a budget line and month, a wave's
-- code…), as a JSON object of strings, so that the dashboard can word the title in the reader's
-- language. Alerts raised before this migration have none and keep their English title.
ALTER TABLE alerts ADD COLUMN facts TEXT NULL;
