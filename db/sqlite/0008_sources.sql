-- Sources (the AI tools' own exports): who is who in each tool, which tool a use case belongs
-- to, what each source import brought, and the tools' KPI snapshots.

-- Stored trimmed and lowercased: e-mail addresses are compared without case.
ALTER TABLE employees ADD COLUMN email TEXT NULL;
CREATE UNIQUE INDEX ux_employees_email ON employees (email) WHERE email IS NOT NULL;

-- An employee's identifier in another system (email, github, viva…); system and external_id
-- are stored trimmed and lowercased, the key compares them without case.
CREATE TABLE identities (
    system       TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    employee_key TEXT NOT NULL REFERENCES employees (employee_key) ON DELETE CASCADE,
    PRIMARY KEY (system, external_id)
);
CREATE INDEX ix_identities_employee ON identities (employee_key);

-- The tool a use case belongs to (Microsoft 365 Copilot, GitHub Copilot…), NULL for none.
ALTER TABLE use_cases ADD COLUMN tool TEXT NULL;

-- Every successful (not dry-run) source import: what GET /api/v1/sources reports.
CREATE TABLE source_imports (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    source           TEXT    NOT NULL,
    imported_at      TEXT    NOT NULL,
    imported_by      TEXT    NOT NULL,
    rows_read        INTEGER NOT NULL,
    skipped          INTEGER NOT NULL,
    unmatched_users  INTEGER NOT NULL,
    unmatched_sample TEXT    NULL,      -- JSON array of up to 20 identifiers
    inserted         INTEGER NOT NULL,
    updated          INTEGER NOT NULL,
    unchanged        INTEGER NOT NULL,
    first_date       TEXT    NULL,
    last_date        TEXT    NULL
);
CREATE INDEX ix_source_imports_source ON source_imports (source, imported_at);

-- Tools KPIs per period, for the organisation and each department, written by the KPI job with the other snapshots.
CREATE TABLE tool_snapshots (
    department_code  TEXT    NOT NULL,  -- '' for the organisation
    grain            TEXT    NOT NULL CHECK (grain IN ('week', 'month')),
    period_start     TEXT    NOT NULL,
    tool             TEXT    NOT NULL,
    period           TEXT    NOT NULL,
    period_end       TEXT    NOT NULL,
    active_employees INTEGER NOT NULL,
    depth            REAL    NULL,
    uses             INTEGER NOT NULL,
    hours_saved      REAL    NOT NULL,
    PRIMARY KEY (grain, department_code, period_start, tool)
) WITHOUT ROWID;

CREATE TABLE tool_period_snapshots (
    department_code        TEXT    NOT NULL,  -- '' for the organisation
    grain                  TEXT    NOT NULL CHECK (grain IN ('week', 'month')),
    period_start           TEXT    NOT NULL,
    period                 TEXT    NOT NULL,
    period_end             TEXT    NOT NULL,
    multi_tool_employees   INTEGER NOT NULL,
    PRIMARY KEY (grain, department_code, period_start)
) WITHOUT ROWID;
