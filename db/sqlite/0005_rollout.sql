-- Rollout management (issue #5): readiness confirmations, alerts and their webhook outbox.
-- (The failed-job alert reads job_runs, written by the jobs themselves.)

-- SPEC §5: some readiness items can only be vouched for by a person (a budget approved, owners
-- who accepted the role…). One row per wave and item that someone confirmed.
CREATE TABLE wave_readiness_confirmations (
    wave_code    TEXT NOT NULL REFERENCES waves (code) ON DELETE CASCADE,
    item         TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    note         TEXT NULL,
    PRIMARY KEY (wave_code, item)
);

-- An alert is raised by a rule about one subject (a department, a champion, a use case, a
-- budget line and month, a wave, a job). While it is not resolved there is at most one per
-- (rule, subject): the partial unique index makes a duplicate impossible, not just unlikely.
CREATE TABLE alerts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    rule              TEXT NOT NULL,
    subject_key       TEXT NOT NULL,
    severity          TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    owner             TEXT NULL,
    title             TEXT NOT NULL,
    detail            TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    raised_at         TEXT NOT NULL,
    last_evaluated_at TEXT NOT NULL,
    acknowledged_at   TEXT NULL,
    acknowledged_by   TEXT NULL,
    resolved_at       TEXT NULL
);
CREATE UNIQUE INDEX ux_alerts_unresolved ON alerts (rule, subject_key) WHERE status <> 'resolved';
CREATE INDEX ix_alerts_status ON alerts (status, id);

-- Outbox of webhook notifications: written in the evaluation's transaction, delivered by a
-- background loop with retries, so that a slow or failing receiver never holds up a job.
CREATE TABLE alert_notifications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id        INTEGER NOT NULL REFERENCES alerts (id),
    event           TEXT NOT NULL CHECK (event IN ('raised', 'resolved')),
    payload         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at    TEXT NULL,
    failed_at       TEXT NULL,
    last_error      TEXT NULL
);
CREATE INDEX ix_alert_notifications_pending ON alert_notifications (delivered_at, failed_at, next_attempt_at);
