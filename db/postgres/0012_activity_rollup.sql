-- PostgreSQL twin of db/sqlite/0012_activity_rollup.sql.
CREATE TABLE activity_rollup (
    week_start   DATE    NOT NULL,
    employee_key TEXT    NOT NULL,
    day_mask     INTEGER NOT NULL CHECK (day_mask BETWEEN 1 AND 127),
    active_days  INTEGER NOT NULL CHECK (active_days BETWEEN 1 AND 7),
    events       INTEGER NOT NULL CHECK (events >= 1),
    PRIMARY KEY (week_start, employee_key)
);

-- date_trunc('week') is the ISO week's Monday; ISODOW is 1 (Monday) to 7 (Sunday).
INSERT INTO activity_rollup (week_start, employee_key, day_mask, active_days, events)
SELECT CAST(date_trunc('week', occurred_on) AS DATE), employee_key,
       SUM(DISTINCT 1 << (CAST(EXTRACT(ISODOW FROM occurred_on) AS INTEGER) - 1)),
       COUNT(DISTINCT occurred_on), COUNT(*)
FROM usage_events
GROUP BY CAST(date_trunc('week', occurred_on) AS DATE), employee_key;

-- Each employee's first active week, and the first on or after a date (activation), by seek.
CREATE INDEX ix_activity_rollup_employee ON activity_rollup (employee_key, week_start, day_mask);
