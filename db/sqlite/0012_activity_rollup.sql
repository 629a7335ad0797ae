-- Each employee's activity per ISO week, kept by the application in the same transaction as
-- every write of usage events (Features/Kpis/Engine/ActivityRollup.cs). The KPI job reads it
-- for the weeks before the periods it rewrites, instead of the raw events of those weeks.
-- day_mask: bit 0 is Monday ... bit 6 Sunday, set when the employee has a usage event that day,
-- so the active days (the idle-seat window and months cut weeks) stay exact to the day.
-- active_days is the number of bits set; events the number of usage events that week.
-- Ordered by week first: the KPI job reads a range of weeks for every employee.
CREATE TABLE activity_rollup (
    week_start   TEXT    NOT NULL,
    employee_key TEXT    NOT NULL,
    day_mask     INTEGER NOT NULL CHECK (day_mask BETWEEN 1 AND 127),
    active_days  INTEGER NOT NULL CHECK (active_days BETWEEN 1 AND 7),
    events       INTEGER NOT NULL CHECK (events >= 1),
    PRIMARY KEY (week_start, employee_key)
) WITHOUT ROWID;

-- The Monday of an event's week: 'weekday 0' moves to the Sunday ending it, then back six days.
-- Distinct days give distinct bits, so the sum of the distinct bits is their union.
INSERT INTO activity_rollup (week_start, employee_key, day_mask, active_days, events)
SELECT date(occurred_on, 'weekday 0', '-6 days'), employee_key,
       SUM(DISTINCT 1 << ((CAST(strftime('%w', occurred_on) AS INTEGER) + 6) % 7)),
       COUNT(DISTINCT occurred_on), COUNT(*)
FROM usage_events
GROUP BY date(occurred_on, 'weekday 0', '-6 days'), employee_key;

-- Each employee's first active week, and the first on or after a date (activation), by seek.
CREATE INDEX ix_activity_rollup_employee ON activity_rollup (employee_key, week_start, day_mask);
