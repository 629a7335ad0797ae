-- Money is exact: budget lines and spend move from REAL to the exact decimal written as TEXT
-- ('1234.5678', '-0.1'). SQLite has no fixed-point type (NUMERIC affinity would turn '0.1' back
-- into a double), and TEXT keeps whatever scale a value has. The application reads these
-- columns as C# decimal and adds them up itself: SUM() in SQL would go back through floating
-- point, so no query sums or compares them in SQL beyond the sign checks below.
-- Each stored REAL is written with four decimals (the scale of the server dialects) and its
-- trailing zeros dropped, which gives back the value that was entered (1234.5678 stored as
-- 1234.567799999… becomes '1234.5678'; 100.0 becomes '100').
-- SQLite cannot change a column's type: both tables are rebuilt, child first so that no
-- foreign key points at a missing table, with their CHECKs, foreign key and index.
CREATE TEMPORARY TABLE money_budget_lines AS SELECT * FROM budget_lines;
CREATE TEMPORARY TABLE money_spend AS SELECT * FROM spend;

DROP TABLE spend;
DROP TABLE budget_lines;

CREATE TABLE budget_lines (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    wave_code       TEXT NULL REFERENCES waves (code),
    department_code TEXT NULL REFERENCES departments (code),
    category        TEXT NOT NULL CHECK (category IN ('licenses', 'integration', 'training', 'support', 'other')),
    pricing_model   TEXT NOT NULL CHECK (pricing_model IN ('per-seat', 'usage', 'fixed')),
    unit_price      TEXT NOT NULL CHECK (CAST(unit_price AS NUMERIC) >= 0),
    planned_units   TEXT NOT NULL CHECK (CAST(planned_units AS NUMERIC) >= 0),
    planned_amount  TEXT NOT NULL CHECK (CAST(planned_amount AS NUMERIC) >= 0),
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL
);

CREATE TABLE spend (
    spend_id         TEXT PRIMARY KEY,
    occurred_on      TEXT NOT NULL,
    budget_line_code TEXT NOT NULL REFERENCES budget_lines (code),
    amount           TEXT NOT NULL
);
CREATE INDEX ix_spend_line_date ON spend (budget_line_code, occurred_on);

INSERT INTO budget_lines (code, name, wave_code, department_code, category, pricing_model,
                          unit_price, planned_units, planned_amount, period_start, period_end)
SELECT code, name, wave_code, department_code, category, pricing_model,
       RTRIM(RTRIM(PRINTF('%.4f', unit_price), '0'), '.'),
       RTRIM(RTRIM(PRINTF('%.4f', planned_units), '0'), '.'),
       RTRIM(RTRIM(PRINTF('%.4f', planned_amount), '0'), '.'),
       period_start, period_end
FROM money_budget_lines;

INSERT INTO spend (spend_id, occurred_on, budget_line_code, amount)
SELECT spend_id, occurred_on, budget_line_code, RTRIM(RTRIM(PRINTF('%.4f', amount), '0'), '.')
FROM money_spend;

DROP TABLE money_spend;
DROP TABLE money_budget_lines;
