-- SQL Server twin of db/sqlite/0008_sources.sql.

ALTER TABLE employees ADD email NVARCHAR(320) NULL;
CREATE UNIQUE INDEX ux_employees_email ON employees (email) WHERE email IS NOT NULL;

CREATE TABLE identities (
    system       NVARCHAR(50)  NOT NULL,
    external_id  NVARCHAR(320) NOT NULL,
    employee_key NVARCHAR(100) NOT NULL REFERENCES employees (employee_key) ON DELETE CASCADE,
    PRIMARY KEY (system, external_id)
);
CREATE INDEX ix_identities_employee ON identities (employee_key);

ALTER TABLE use_cases ADD tool NVARCHAR(100) NULL;

CREATE TABLE source_imports (
    id               BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    source           NVARCHAR(50)  NOT NULL,
    imported_at      NVARCHAR(40)  NOT NULL,
    imported_by      NVARCHAR(200) NOT NULL,
    rows_read        BIGINT NOT NULL,
    skipped          BIGINT NOT NULL,
    unmatched_users  BIGINT NOT NULL,
    unmatched_sample NVARCHAR(MAX) NULL,
    inserted         BIGINT NOT NULL,
    updated          BIGINT NOT NULL,
    unchanged        BIGINT NOT NULL,
    first_date       DATE NULL,
    last_date        DATE NULL
);
CREATE INDEX ix_source_imports_source ON source_imports (source, imported_at);

CREATE TABLE tool_snapshots (
    department_code  NVARCHAR(100) NOT NULL,  -- '' for the organisation
    grain            NVARCHAR(10)  NOT NULL CHECK (grain IN ('week', 'month')),
    period_start     NVARCHAR(10)  NOT NULL,
    tool             NVARCHAR(100) NOT NULL,
    period           NVARCHAR(10)  NOT NULL,
    period_end       NVARCHAR(10)  NOT NULL,
    active_employees BIGINT NOT NULL,
    depth            FLOAT NULL,
    uses             BIGINT NOT NULL,
    hours_saved      FLOAT NOT NULL,
    PRIMARY KEY (grain, department_code, period_start, tool)
);

CREATE TABLE tool_period_snapshots (
    department_code        NVARCHAR(100) NOT NULL,  -- '' for the organisation
    grain                  NVARCHAR(10) NOT NULL CHECK (grain IN ('week', 'month')),
    period_start           NVARCHAR(10) NOT NULL,
    period                 NVARCHAR(10) NOT NULL,
    period_end             NVARCHAR(10) NOT NULL,
    multi_tool_employees   BIGINT NOT NULL,
    PRIMARY KEY (grain, department_code, period_start)
);
