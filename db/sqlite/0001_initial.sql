-- RolloutHub schema, SQLite dialect. Dates are ISO 8601 text ('YYYY-MM-DD'), instants are
-- ISO 8601 UTC text; both sort and compare correctly as text.

CREATE TABLE departments (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL
);

CREATE TABLE employees (
    employee_key    TEXT PRIMARY KEY,
    department_code TEXT NOT NULL REFERENCES departments (code),
    joined_on       TEXT NULL,
    left_on         TEXT NULL,
    training_tier   TEXT NULL CHECK (training_tier IN ('power', 'casual')),
    has_seat        INTEGER NULL CHECK (has_seat IN (0, 1))
);
CREATE INDEX ix_employees_department ON employees (department_code);

CREATE TABLE use_cases (
    code                  TEXT PRIMARY KEY,
    title                 TEXT NOT NULL,
    description           TEXT NULL,
    category              TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('idea', 'pilot', 'production', 'retired')),
    minutes_saved_per_use REAL NOT NULL CHECK (minutes_saved_per_use >= 0),
    owner                 TEXT NULL,
    -- Sorted department codes joined by '|', NULL for every department: the form the CSV
    -- import compares; use_case_departments holds the same list for joins.
    applicable_departments TEXT NULL,
    training_url          TEXT NULL,
    review_every_days     INTEGER NULL CHECK (review_every_days > 0),
    last_reviewed_on      TEXT NULL
);

-- No row for a use case means it applies to every department.
CREATE TABLE use_case_departments (
    use_case_code   TEXT NOT NULL REFERENCES use_cases (code) ON DELETE CASCADE,
    department_code TEXT NOT NULL REFERENCES departments (code),
    PRIMARY KEY (use_case_code, department_code)
);

CREATE TABLE usage_events (
    event_id      TEXT PRIMARY KEY,
    occurred_on   TEXT NOT NULL,
    employee_key  TEXT NOT NULL REFERENCES employees (employee_key),
    use_case_code TEXT NOT NULL REFERENCES use_cases (code),
    uses          INTEGER NOT NULL CHECK (uses >= 1),
    minutes_saved REAL NULL CHECK (minutes_saved >= 0)
);
CREATE INDEX ix_usage_events_employee_date ON usage_events (employee_key, occurred_on);
CREATE INDEX ix_usage_events_date ON usage_events (occurred_on);

CREATE TABLE outcome_reports (
    report_id        TEXT PRIMARY KEY,
    occurred_on      TEXT NOT NULL,
    department_code  TEXT NOT NULL REFERENCES departments (code),
    use_case_code    TEXT NULL REFERENCES use_cases (code),
    tickets_avoided  INTEGER NOT NULL CHECK (tickets_avoided >= 0),
    employees_helped INTEGER NOT NULL CHECK (employees_helped >= 0),
    satisfaction     INTEGER NULL CHECK (satisfaction BETWEEN 1 AND 5),
    blockers         TEXT NULL,
    note             TEXT NULL
);
CREATE INDEX ix_outcome_reports_department_date ON outcome_reports (department_code, occurred_on);

CREATE TABLE champions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    display_name    TEXT NOT NULL,
    contact         TEXT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    status          TEXT NOT NULL CHECK (status IN ('identified', 'equipped', 'active', 'inactive')),
    since           TEXT NULL
);
CREATE INDEX ix_champions_department ON champions (department_code);

CREATE TABLE waves (
    code              TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('pilot', 'rollout')),
    sequence          INTEGER NOT NULL,
    planned_start     TEXT NOT NULL,
    planned_end       TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('planned', 'active', 'review', 'completed', 'paused')),
    target_depth      REAL NULL CHECK (target_depth BETWEEN 0 AND 1),
    target_breadth    REAL NULL CHECK (target_breadth BETWEEN 0 AND 1),
    executive_sponsor TEXT NULL,
    technical_owner   TEXT NULL,
    adoption_owner    TEXT NULL,
    content_owner     TEXT NULL,
    governance_owner  TEXT NULL
);

CREATE TABLE wave_departments (
    wave_code       TEXT NOT NULL REFERENCES waves (code) ON DELETE CASCADE,
    department_code TEXT NOT NULL REFERENCES departments (code),
    PRIMARY KEY (wave_code, department_code)
);

CREATE TABLE gate_reviews (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    wave_code  TEXT NOT NULL REFERENCES waves (code) ON DELETE CASCADE,
    decided_on TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('go', 'adjust', 'hold', 'stop')),
    rationale  TEXT NOT NULL,
    decided_by TEXT NOT NULL
);

CREATE TABLE budget_lines (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    wave_code       TEXT NULL REFERENCES waves (code),
    department_code TEXT NULL REFERENCES departments (code),
    category        TEXT NOT NULL CHECK (category IN ('licenses', 'integration', 'training', 'support', 'other')),
    pricing_model   TEXT NOT NULL CHECK (pricing_model IN ('per-seat', 'usage', 'fixed')),
    unit_price      REAL NOT NULL CHECK (unit_price >= 0),
    planned_units   REAL NOT NULL CHECK (planned_units >= 0),
    planned_amount  REAL NOT NULL CHECK (planned_amount >= 0),
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL
);

CREATE TABLE spend (
    spend_id         TEXT PRIMARY KEY,
    occurred_on      TEXT NOT NULL,
    budget_line_code TEXT NOT NULL REFERENCES budget_lines (code),
    amount           REAL NOT NULL
);
CREATE INDEX ix_spend_line_date ON spend (budget_line_code, occurred_on);

CREATE TABLE training_completions (
    employee_key TEXT NOT NULL REFERENCES employees (employee_key),
    module_code  TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    PRIMARY KEY (employee_key, module_code)
);

-- One row per installation (SPEC §3 defaults).
CREATE TABLE settings (
    id                        INTEGER PRIMARY KEY CHECK (id = 1),
    adopting_depth_threshold  REAL NOT NULL DEFAULT 0.10,
    hourly_cost               REAL NOT NULL DEFAULT 45.0,
    currency                  TEXT NOT NULL DEFAULT 'EUR',
    min_group_size            INTEGER NOT NULL DEFAULT 5,
    week_window               INTEGER NOT NULL DEFAULT 8,
    week_threshold            REAL NOT NULL DEFAULT 0.02,
    month_window              INTEGER NOT NULL DEFAULT 6,
    month_threshold           REAL NOT NULL DEFAULT 0.05,
    min_periods               INTEGER NOT NULL DEFAULT 4,
    activation_window_days    INTEGER NOT NULL DEFAULT 30
);
INSERT INTO settings (id) VALUES (1);

CREATE TABLE api_tokens (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'executive', 'champion', 'hr')),
    department_codes TEXT NOT NULL DEFAULT '',
    token_hash       TEXT NOT NULL UNIQUE,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NULL,
    revoked_at       TEXT NULL
);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_key  TEXT NULL,
    changes     TEXT NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity, occurred_at);

-- Every write marks the dates it touches; the KPI job recomputes the periods containing them.
CREATE TABLE kpi_dirty_dates (
    occurred_on TEXT PRIMARY KEY
);

-- When the data last changed, and whether a change (roster, settings…) moves every period.
CREATE TABLE data_version (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    changed_at     TEXT NOT NULL,
    full_recompute INTEGER NOT NULL DEFAULT 1
);
INSERT INTO data_version (id, changed_at) VALUES (1, '1970-01-01T00:00:00.0000000Z');
