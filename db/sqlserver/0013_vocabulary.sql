-- Which departments a use case applies to is stored once, in use_case_departments (no row: every
-- department). The pipe-joined copy on use_cases goes; first, any code it holds that the table
-- lacks is copied over (only codes of existing departments, as the foreign key wants).
INSERT INTO use_case_departments (use_case_code, department_code)
SELECT u.code, d.code
FROM use_cases u
JOIN departments d ON CHARINDEX(N'|' + d.code + N'|', N'|' + u.applicable_departments + N'|') > 0
WHERE u.applicable_departments IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM use_case_departments x WHERE x.use_case_code = u.code AND x.department_code = d.code);

ALTER TABLE use_cases DROP COLUMN applicable_departments;

-- KPI snapshot periods are dates, like every other date: compared and sent as DATE values.
-- The primary keys were declared inline (system-named) and block ALTER COLUMN on period_start:
-- they are dropped by lookup and declared again, named, after the change. ISO text
-- (YYYY-MM-DD) converts to DATE whatever the session's language and date format.
DECLARE @drop NVARCHAR(MAX) = N'';
SELECT @drop = @drop + N'ALTER TABLE ' + QUOTENAME(OBJECT_NAME(parent_object_id)) + N' DROP CONSTRAINT ' + QUOTENAME(name) + N'; '
FROM sys.key_constraints
WHERE type = 'PK'
  AND parent_object_id IN (OBJECT_ID(N'kpi_snapshots'), OBJECT_ID(N'adoption_snapshots'),
                           OBJECT_ID(N'tool_snapshots'), OBJECT_ID(N'tool_period_snapshots'));
EXEC sp_executesql @drop;

ALTER TABLE kpi_snapshots         ALTER COLUMN period_start DATE NOT NULL;
ALTER TABLE kpi_snapshots         ALTER COLUMN period_end   DATE NOT NULL;
ALTER TABLE adoption_snapshots    ALTER COLUMN period_start DATE NOT NULL;
ALTER TABLE adoption_snapshots    ALTER COLUMN period_end   DATE NOT NULL;
ALTER TABLE tool_snapshots        ALTER COLUMN period_start DATE NOT NULL;
ALTER TABLE tool_snapshots        ALTER COLUMN period_end   DATE NOT NULL;
ALTER TABLE tool_period_snapshots ALTER COLUMN period_start DATE NOT NULL;
ALTER TABLE tool_period_snapshots ALTER COLUMN period_end   DATE NOT NULL;

ALTER TABLE kpi_snapshots         ADD CONSTRAINT pk_kpi_snapshots         PRIMARY KEY (grain, department_code, period_start);
ALTER TABLE adoption_snapshots    ADD CONSTRAINT pk_adoption_snapshots    PRIMARY KEY (grain, department_code, period_start);
ALTER TABLE tool_snapshots        ADD CONSTRAINT pk_tool_snapshots        PRIMARY KEY (grain, department_code, period_start, tool);
ALTER TABLE tool_period_snapshots ADD CONSTRAINT pk_tool_period_snapshots PRIMARY KEY (grain, department_code, period_start);
