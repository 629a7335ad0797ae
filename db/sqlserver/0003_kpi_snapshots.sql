-- SQL Server twin of db/sqlite/0003_kpi_snapshots.sql. Period keys and instants stay ISO text as the
-- KPI engine writes and compares them; counts are integers, ratios and hours 8-byte floats.
-- KPI snapshots (SPEC §3, §3b, §4): written by the KPI job, read by the KPI endpoints with one
-- primary-key range query. department_code '' is the organisation.

CREATE TABLE kpi_snapshots (
    grain                NVARCHAR(10)    NOT NULL CHECK (grain IN ('week', 'month')),
    department_code      NVARCHAR(100)    NOT NULL,
    period_start         NVARCHAR(10)    NOT NULL,
    period               NVARCHAR(10)    NOT NULL,
    period_end           NVARCHAR(10)    NOT NULL,
    headcount            INT NOT NULL,
    active_employees     INT NOT NULL,
    depth                FLOAT    NULL,
    adopting             INT NULL,     -- departments only
    adopting_departments INT NULL,     -- organisation only (breadth)
    departments          INT NULL,     -- organisation only (breadth)
    breadth_ratio        FLOAT    NULL,     -- organisation only (breadth)
    use_cases_in_use     INT NOT NULL,
    hours_saved          FLOAT    NOT NULL,
    tickets_avoided      INT NOT NULL,
    employees_helped     INT NOT NULL,
    value_saved          FLOAT    NOT NULL,
    trend                NVARCHAR(20)    NOT NULL CHECK (trend IN ('growing', 'stable', 'declining', 'insufficient-data', 'inactive')),
    slope                FLOAT    NULL,
    PRIMARY KEY (grain, department_code, period_start)
);

CREATE TABLE adoption_snapshots (
    grain            NVARCHAR(10)    NOT NULL CHECK (grain IN ('week', 'month')),
    department_code  NVARCHAR(100)    NOT NULL,
    period_start     NVARCHAR(10)    NOT NULL,
    period           NVARCHAR(10)    NOT NULL,
    period_end       NVARCHAR(10)    NOT NULL,
    headcount        INT NOT NULL,
    habitual         INT NULL,         -- bands: weeks only
    regular          INT NULL,
    occasional       INT NULL,
    non_user         INT NULL,
    habit_rate       FLOAT    NULL,
    retained         INT NOT NULL,
    new_active       INT NOT NULL,
    reactivated      INT NOT NULL,
    lapsed           INT NOT NULL,
    dormant          INT NOT NULL,
    eligible         INT NOT NULL,
    activated        INT NOT NULL,
    activation_rate  FLOAT    NULL,
    median_days      FLOAT    NULL,
    seats_held       INT NOT NULL,
    seats_idle       INT NOT NULL,
    unseated_active  INT NOT NULL,
    PRIMARY KEY (grain, department_code, period_start)
);

-- What the snapshots reflect: when they were computed, and the data_version.changed_at they
-- were computed from (stale = data changed since).
CREATE TABLE kpi_state (
    id                  INT NOT NULL PRIMARY KEY CHECK (id = 1),
    computed_at         NVARCHAR(40) NULL,
    based_on_changed_at NVARCHAR(40) NULL
);
INSERT INTO kpi_state (id) VALUES (1);

-- Every run of a scheduled job (the KPI job first), queued by a request or a schedule.
CREATE TABLE job_runs (
    run_id          NVARCHAR(100)    NOT NULL PRIMARY KEY,
    job             NVARCHAR(100)    NOT NULL,
    status          NVARCHAR(20)    NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    reason          NVARCHAR(50)    NOT NULL,      -- request, change, nightly, retry
    full_recompute  INT NOT NULL DEFAULT 0,
    mode            NVARCHAR(20)    NULL,          -- what the run did: full, incremental, none
    requested_at    NVARCHAR(40)    NOT NULL,
    requested_by    NVARCHAR(400)    NULL,
    started_at      NVARCHAR(40)    NULL,
    finished_at     NVARCHAR(40)    NULL,
    periods_touched INT NULL,
    attempt         INT NOT NULL DEFAULT 1,
    retry_of        NVARCHAR(100)    NULL REFERENCES job_runs (run_id),
    error           NVARCHAR(MAX)    NULL
);
CREATE INDEX ix_job_runs_requested ON job_runs (requested_at);

-- The KPI job reads the events of a date range (an incremental run) or all of them (a full
-- run): a covering index in date order makes either an index-only scan, in place of the plain
-- date index it extends (same number of indexes for imports to maintain).
DROP INDEX IF EXISTS ix_usage_events_date ON usage_events;
CREATE INDEX ix_usage_events_date_cover ON usage_events (occurred_on, employee_key, use_case_code, uses, minutes_saved);
