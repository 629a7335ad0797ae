-- SQL Server twin of db/sqlite/0005_rollout.sql. Period keys and instants stay ISO text as the
-- KPI engine writes and compares them; counts are integers, ratios and hours 8-byte floats.
-- Rollout management (issue #5): readiness confirmations, alerts, their webhook outbox, and the
-- last outcome of each scheduled job (the source of the failed-job alert).

-- SPEC §5: some readiness items can only be vouched for by a person (a budget approved, owners
-- who accepted the role…). One row per wave and item that someone confirmed.
CREATE TABLE wave_readiness_confirmations (
    wave_code    NVARCHAR(100) NOT NULL REFERENCES waves (code) ON DELETE CASCADE,
    item         NVARCHAR(100) NOT NULL,
    confirmed_by NVARCHAR(400) NOT NULL,
    confirmed_at NVARCHAR(40) NOT NULL,
    note         NVARCHAR(MAX) NULL,
    PRIMARY KEY (wave_code, item)
);

-- An alert is raised by a rule about one subject (a department, a champion, a use case, a
-- budget line and month, a wave, a job). While it is not resolved there is at most one per
-- (rule, subject): the partial unique index makes a duplicate impossible, not just unlikely.
CREATE TABLE alerts (
    id                BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    "rule"            NVARCHAR(100) NOT NULL,  -- RULE is reserved in T-SQL: shared SQL writes "rule"
    subject_key       NVARCHAR(300) NOT NULL,
    severity          NVARCHAR(20) NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    owner             NVARCHAR(400) NULL,
    title             NVARCHAR(400) NOT NULL,
    detail            NVARCHAR(MAX) NOT NULL,
    status            NVARCHAR(20) NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    raised_at         NVARCHAR(40) NOT NULL,
    last_evaluated_at NVARCHAR(40) NOT NULL,
    acknowledged_at   NVARCHAR(40) NULL,
    acknowledged_by   NVARCHAR(400) NULL,
    resolved_at       NVARCHAR(40) NULL
);
CREATE UNIQUE INDEX ux_alerts_unresolved ON alerts ("rule", subject_key) WHERE status <> 'resolved';
CREATE INDEX ix_alerts_status ON alerts (status, id);

-- Outbox of webhook notifications: written in the evaluation's transaction, delivered by a
-- background loop with retries, so that a slow or failing receiver never holds up a job.
CREATE TABLE alert_notifications (
    id              BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    alert_id        BIGINT NOT NULL REFERENCES alerts (id),
    event           NVARCHAR(20) NOT NULL CHECK (event IN ('raised', 'resolved')),
    payload         NVARCHAR(MAX) NOT NULL,
    created_at      NVARCHAR(40) NOT NULL,
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at NVARCHAR(40) NOT NULL,
    delivered_at    NVARCHAR(40) NULL,
    failed_at       NVARCHAR(40) NULL,
    last_error      NVARCHAR(MAX) NULL
);
CREATE INDEX ix_alert_notifications_pending ON alert_notifications (delivered_at, failed_at, next_attempt_at);

-- The last run of each scheduled job, recorded by a Quartz job listener.
CREATE TABLE job_outcomes (
    job         NVARCHAR(100) NOT NULL PRIMARY KEY,
    finished_at NVARCHAR(40) NOT NULL,
    succeeded   INT NOT NULL CHECK (succeeded IN (0, 1)),
    error       NVARCHAR(MAX) NULL
);
