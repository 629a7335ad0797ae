-- Rollout management (issue #5), SQL Server dialect: the same tables as db/sqlite/0005_rollout.sql.
-- Instants are fixed-width ISO 8601 UTC text, as everywhere (see 0001). One batch, no GO.

CREATE TABLE wave_readiness_confirmations (
    wave_code    NVARCHAR(100) NOT NULL REFERENCES waves (code) ON DELETE CASCADE,
    item         NVARCHAR(50) NOT NULL,
    confirmed_by NVARCHAR(200) NOT NULL,
    confirmed_at NVARCHAR(40) NOT NULL,
    note         NVARCHAR(2000) NULL,
    PRIMARY KEY (wave_code, item)
);

CREATE TABLE alerts (
    id                BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    [rule]            NVARCHAR(50) NOT NULL,
    subject_key       NVARCHAR(200) NOT NULL,
    severity          NVARCHAR(20) NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    owner             NVARCHAR(200) NULL,
    title             NVARCHAR(400) NOT NULL,
    detail            NVARCHAR(4000) NOT NULL,
    status            NVARCHAR(20) NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    raised_at         NVARCHAR(40) NOT NULL,
    last_evaluated_at NVARCHAR(40) NOT NULL,
    acknowledged_at   NVARCHAR(40) NULL,
    acknowledged_by   NVARCHAR(200) NULL,
    resolved_at       NVARCHAR(40) NULL
);
-- At most one unresolved alert per rule and subject (a filtered index).
CREATE UNIQUE INDEX ux_alerts_unresolved ON alerts ([rule], subject_key) WHERE status <> 'resolved';
CREATE INDEX ix_alerts_status ON alerts (status, id);

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
    last_error      NVARCHAR(2000) NULL
);
CREATE INDEX ix_alert_notifications_pending ON alert_notifications (delivered_at, failed_at, next_attempt_at);
