-- PostgreSQL twin of db/sqlite/0003_kpi_snapshots.sql. Period keys and instants stay ISO text as the
-- KPI engine writes and compares them; counts are integers, ratios and hours 8-byte floats.
-- KPI snapshots (SPEC §3, §3b, §4): written by the KPI job, read by the KPI endpoints with one
-- primary-key range query. department_code '' is the organisation.

CREATE TABLE kpi_snapshots (
    grain                TEXT    NOT NULL CHECK (grain IN ('week', 'month')),
    department_code      TEXT    NOT NULL,
    period_start         TEXT    NOT NULL,
    period               TEXT    NOT NULL,
    period_end           TEXT    NOT NULL,
    headcount            INTEGER NOT NULL,
    active_employees     INTEGER NOT NULL,
    depth                DOUBLE PRECISION    NULL,
    adopting             INTEGER NULL,     -- departments only
    adopting_departments INTEGER NULL,     -- organisation only (breadth)
    departments          INTEGER NULL,     -- organisation only (breadth)
    breadth_ratio        DOUBLE PRECISION    NULL,     -- organisation only (breadth)
    use_cases_in_use     INTEGER NOT NULL,
    hours_saved          DOUBLE PRECISION    NOT NULL,
    tickets_avoided      INTEGER NOT NULL,
    employees_helped     INTEGER NOT NULL,
    value_saved          DOUBLE PRECISION    NOT NULL,
    trend                TEXT    NOT NULL CHECK (trend IN ('growing', 'stable', 'declining', 'insufficient-data', 'inactive')),
    slope                DOUBLE PRECISION    NULL,
    PRIMARY KEY (grain, department_code, period_start)
);

CREATE TABLE adoption_snapshots (
    grain            TEXT    NOT NULL CHECK (grain IN ('week', 'month')),
    department_code  TEXT    NOT NULL,
    period_start     TEXT    NOT NULL,
    period           TEXT    NOT NULL,
    period_end       TEXT    NOT NULL,
    headcount        INTEGER NOT NULL,
    habitual         INTEGER NULL,         -- bands: weeks only
    regular          INTEGER NULL,
    occasional       INTEGER NULL,
    non_user         INTEGER NULL,
    habit_rate       DOUBLE PRECISION    NULL,
    retained         INTEGER NOT NULL,
    new_active       INTEGER NOT NULL,
    reactivated      INTEGER NOT NULL,
    lapsed           INTEGER NOT NULL,
    dormant          INTEGER NOT NULL,
    eligible         INTEGER NOT NULL,
    activated        INTEGER NOT NULL,
    activation_rate  DOUBLE PRECISION    NULL,
    median_days      DOUBLE PRECISION    NULL,
    seats_held       INTEGER NOT NULL,
    seats_idle       INTEGER NOT NULL,
    unseated_active  INTEGER NOT NULL,
    PRIMARY KEY (grain, department_code, period_start)
);

-- What the snapshots reflect: when they were computed, and the data_version.changed_at they
-- were computed from (stale = data changed since).
CREATE TABLE kpi_state (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    computed_at         TEXT NULL,
    based_on_changed_at TEXT NULL
);
INSERT INTO kpi_state (id) VALUES (1);

-- Every run of a scheduled job (the KPI job first), queued by a request or a schedule.
CREATE TABLE job_runs (
    run_id          TEXT    PRIMARY KEY,
    job             TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    reason          TEXT    NOT NULL,      -- request, change, nightly, retry
    full_recompute  INTEGER NOT NULL DEFAULT 0,
    mode            TEXT    NULL,          -- what the run did: full, incremental, none
    requested_at    TEXT    NOT NULL,
    requested_by    TEXT    NULL,
    started_at      TEXT    NULL,
    finished_at     TEXT    NULL,
    periods_touched INTEGER NULL,
    attempt         INTEGER NOT NULL DEFAULT 1,
    retry_of        TEXT    NULL REFERENCES job_runs (run_id),
    error           TEXT    NULL
);
CREATE INDEX ix_job_runs_requested ON job_runs (requested_at);

-- The KPI job reads the events of a date range (an incremental run) or all of them (a full
-- run): a covering index in date order makes either an index-only scan, in place of the plain
-- date index it extends (same number of indexes for imports to maintain).
DROP INDEX IF EXISTS ix_usage_events_date;
CREATE INDEX ix_usage_events_date_cover ON usage_events (occurred_on, employee_key, use_case_code, uses, minutes_saved);
