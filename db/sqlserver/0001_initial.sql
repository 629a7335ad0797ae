-- RolloutHub schema, SQL Server dialect (2022 or later: IS DISTINCT FROM): the same tables as
-- db/sqlite/0001_initial.sql. Dates are DATE; instants stay ISO 8601 UTC text in one
-- fixed-width format (written by the Dapper DateTimeOffset handler) so that they compare as
-- text exactly as on SQLite and PostgreSQL. Reals are FLOAT (8 bytes), booleans BIT.
-- Create the database with a case-sensitive collation (docs/DATABASES.md): keys are
-- case-sensitive on the other dialects. No GO separators: each script is one batch.

CREATE TABLE departments (
    code        NVARCHAR(100) NOT NULL PRIMARY KEY,
    name        NVARCHAR(200) NOT NULL
);

CREATE TABLE employees (
    employee_key    NVARCHAR(100) NOT NULL PRIMARY KEY,
    department_code NVARCHAR(100) NOT NULL REFERENCES departments (code),
    joined_on       DATE NULL,
    left_on         DATE NULL,
    training_tier   NVARCHAR(20) NULL CHECK (training_tier IN ('power', 'casual')),
    has_seat        BIT NULL
);
CREATE INDEX ix_employees_department ON employees (department_code);

CREATE TABLE use_cases (
    code                  NVARCHAR(100) NOT NULL PRIMARY KEY,
    title                 NVARCHAR(200) NOT NULL,
    description           NVARCHAR(4000) NULL,
    category              NVARCHAR(100) NOT NULL,
    status                NVARCHAR(20) NOT NULL CHECK (status IN ('idea', 'pilot', 'production', 'retired')),
    minutes_saved_per_use FLOAT NOT NULL CHECK (minutes_saved_per_use >= 0),
    owner                 NVARCHAR(200) NULL,
    -- Sorted department codes joined by '|', NULL for every department (see the SQLite script).
    applicable_departments NVARCHAR(4000) NULL,
    training_url          NVARCHAR(2000) NULL,
    review_every_days     INT NULL CHECK (review_every_days > 0),
    last_reviewed_on      DATE NULL
);

CREATE TABLE use_case_departments (
    use_case_code   NVARCHAR(100) NOT NULL REFERENCES use_cases (code) ON DELETE CASCADE,
    department_code NVARCHAR(100) NOT NULL REFERENCES departments (code),
    PRIMARY KEY (use_case_code, department_code)
);

CREATE TABLE usage_events (
    event_id      NVARCHAR(100) NOT NULL PRIMARY KEY,
    occurred_on   DATE NOT NULL,
    employee_key  NVARCHAR(100) NOT NULL REFERENCES employees (employee_key),
    use_case_code NVARCHAR(100) NOT NULL REFERENCES use_cases (code),
    uses          INT NOT NULL CHECK (uses >= 1),
    minutes_saved FLOAT NULL CHECK (minutes_saved >= 0)
);
CREATE INDEX ix_usage_events_employee_date ON usage_events (employee_key, occurred_on);
CREATE INDEX ix_usage_events_date ON usage_events (occurred_on);

CREATE TABLE outcome_reports (
    report_id        NVARCHAR(100) NOT NULL PRIMARY KEY,
    occurred_on      DATE NOT NULL,
    department_code  NVARCHAR(100) NOT NULL REFERENCES departments (code),
    use_case_code    NVARCHAR(100) NULL REFERENCES use_cases (code),
    tickets_avoided  INT NOT NULL CHECK (tickets_avoided >= 0),
    employees_helped INT NOT NULL CHECK (employees_helped >= 0),
    satisfaction     INT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    blockers         NVARCHAR(4000) NULL,
    note             NVARCHAR(4000) NULL
);
CREATE INDEX ix_outcome_reports_department_date ON outcome_reports (department_code, occurred_on);

CREATE TABLE champions (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    display_name    NVARCHAR(200) NOT NULL,
    contact         NVARCHAR(200) NULL,
    department_code NVARCHAR(100) NOT NULL REFERENCES departments (code),
    status          NVARCHAR(20) NOT NULL CHECK (status IN ('identified', 'equipped', 'active', 'inactive')),
    since           DATE NULL
);
CREATE INDEX ix_champions_department ON champions (department_code);

CREATE TABLE waves (
    code              NVARCHAR(100) NOT NULL PRIMARY KEY,
    name              NVARCHAR(200) NOT NULL,
    kind              NVARCHAR(20) NOT NULL CHECK (kind IN ('pilot', 'rollout')),
    sequence          INT NOT NULL,
    planned_start     DATE NOT NULL,
    planned_end       DATE NOT NULL,
    status            NVARCHAR(20) NOT NULL CHECK (status IN ('planned', 'active', 'review', 'completed', 'paused')),
    target_depth      FLOAT NULL CHECK (target_depth BETWEEN 0 AND 1),
    target_breadth    FLOAT NULL CHECK (target_breadth BETWEEN 0 AND 1),
    executive_sponsor NVARCHAR(200) NULL,
    technical_owner   NVARCHAR(200) NULL,
    adoption_owner    NVARCHAR(200) NULL,
    content_owner     NVARCHAR(200) NULL,
    governance_owner  NVARCHAR(200) NULL
);

CREATE TABLE wave_departments (
    wave_code       NVARCHAR(100) NOT NULL REFERENCES waves (code) ON DELETE CASCADE,
    department_code NVARCHAR(100) NOT NULL REFERENCES departments (code),
    PRIMARY KEY (wave_code, department_code)
);

CREATE TABLE gate_reviews (
    id         BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    wave_code  NVARCHAR(100) NOT NULL REFERENCES waves (code) ON DELETE CASCADE,
    decided_on DATE NOT NULL,
    decision   NVARCHAR(20) NOT NULL CHECK (decision IN ('go', 'adjust', 'hold', 'stop')),
    rationale  NVARCHAR(4000) NOT NULL,
    decided_by NVARCHAR(200) NOT NULL
);

CREATE TABLE budget_lines (
    code            NVARCHAR(100) NOT NULL PRIMARY KEY,
    name            NVARCHAR(200) NOT NULL,
    wave_code       NVARCHAR(100) NULL REFERENCES waves (code),
    department_code NVARCHAR(100) NULL REFERENCES departments (code),
    category        NVARCHAR(20) NOT NULL CHECK (category IN ('licenses', 'integration', 'training', 'support', 'other')),
    pricing_model   NVARCHAR(20) NOT NULL CHECK (pricing_model IN ('per-seat', 'usage', 'fixed')),
    unit_price      FLOAT NOT NULL CHECK (unit_price >= 0),
    planned_units   FLOAT NOT NULL CHECK (planned_units >= 0),
    planned_amount  FLOAT NOT NULL CHECK (planned_amount >= 0),
    period_start    DATE NOT NULL,
    period_end      DATE NOT NULL
);

CREATE TABLE spend (
    spend_id         NVARCHAR(100) NOT NULL PRIMARY KEY,
    occurred_on      DATE NOT NULL,
    budget_line_code NVARCHAR(100) NOT NULL REFERENCES budget_lines (code),
    amount           FLOAT NOT NULL
);
CREATE INDEX ix_spend_line_date ON spend (budget_line_code, occurred_on);

CREATE TABLE training_completions (
    employee_key NVARCHAR(100) NOT NULL REFERENCES employees (employee_key),
    module_code  NVARCHAR(100) NOT NULL,
    completed_on DATE NOT NULL,
    PRIMARY KEY (employee_key, module_code)
);

-- One row per installation (SPEC §3 defaults).
CREATE TABLE settings (
    id                        INT NOT NULL PRIMARY KEY CHECK (id = 1),
    adopting_depth_threshold  FLOAT NOT NULL DEFAULT 0.10,
    hourly_cost               FLOAT NOT NULL DEFAULT 45.0,
    currency                  NVARCHAR(3) NOT NULL DEFAULT 'EUR',
    min_group_size            INT NOT NULL DEFAULT 5,
    week_window               INT NOT NULL DEFAULT 8,
    week_threshold            FLOAT NOT NULL DEFAULT 0.02,
    month_window              INT NOT NULL DEFAULT 6,
    month_threshold           FLOAT NOT NULL DEFAULT 0.05,
    min_periods               INT NOT NULL DEFAULT 4,
    activation_window_days    INT NOT NULL DEFAULT 30
);
INSERT INTO settings (id) VALUES (1);

CREATE TABLE api_tokens (
    id               NVARCHAR(100) NOT NULL PRIMARY KEY,
    name             NVARCHAR(200) NOT NULL,
    role             NVARCHAR(20) NOT NULL CHECK (role IN ('admin', 'executive', 'champion', 'hr')),
    department_codes NVARCHAR(4000) NOT NULL DEFAULT '',
    token_hash       NVARCHAR(200) NOT NULL UNIQUE,
    created_at       NVARCHAR(40) NOT NULL,
    expires_at       NVARCHAR(40) NULL,
    revoked_at       NVARCHAR(40) NULL
);

CREATE TABLE audit_log (
    id          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    occurred_at NVARCHAR(40) NOT NULL,
    actor       NVARCHAR(200) NOT NULL,
    role        NVARCHAR(20) NOT NULL,
    action      NVARCHAR(100) NOT NULL,
    entity      NVARCHAR(100) NOT NULL,
    entity_key  NVARCHAR(200) NULL,
    changes     NVARCHAR(MAX) NULL
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity, occurred_at);

-- Every write marks the dates it touches; the KPI job recomputes the periods containing them.
CREATE TABLE kpi_dirty_dates (
    occurred_on DATE NOT NULL PRIMARY KEY
);

-- When the data last changed, and whether a change (roster, settings…) moves every period.
CREATE TABLE data_version (
    id             INT NOT NULL PRIMARY KEY CHECK (id = 1),
    changed_at     NVARCHAR(40) NOT NULL,
    full_recompute INT NOT NULL DEFAULT 1 CHECK (full_recompute IN (0, 1))
);
INSERT INTO data_version (id, changed_at) VALUES (1, '1970-01-01T00:00:00.0000000Z');
