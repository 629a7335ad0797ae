-- SQL Server twin of db/sqlite/0012_activity_rollup.sql.
CREATE TABLE activity_rollup (
    week_start   DATE          NOT NULL,
    employee_key NVARCHAR(100) NOT NULL,
    day_mask     INT           NOT NULL CHECK (day_mask BETWEEN 1 AND 127),
    active_days  INT           NOT NULL CHECK (active_days BETWEEN 1 AND 7),
    events       INT           NOT NULL CHECK (events >= 1),
    PRIMARY KEY (week_start, employee_key)
);

-- 0001-01-01 was a Monday: days since then modulo 7 is the day of the week whatever DATEFIRST says.
INSERT INTO activity_rollup (week_start, employee_key, day_mask, active_days, events)
SELECT DATEADD(day, -(DATEDIFF(day, CAST('0001-01-01' AS DATE), occurred_on) % 7), occurred_on), employee_key,
       SUM(DISTINCT POWER(2, DATEDIFF(day, CAST('0001-01-01' AS DATE), occurred_on) % 7)),
       COUNT(DISTINCT occurred_on), COUNT(*)
FROM usage_events
GROUP BY DATEADD(day, -(DATEDIFF(day, CAST('0001-01-01' AS DATE), occurred_on) % 7), occurred_on), employee_key;

-- Each employee's first active week, and the first on or after a date (activation), by seek.
CREATE INDEX ix_activity_rollup_employee ON activity_rollup (employee_key, week_start, day_mask);
