-- Which departments a use case applies to is stored once, in use_case_departments (no row: every
-- department). The pipe-joined copy on use_cases goes; first, any code it holds that the table
-- lacks is copied over (only codes of existing departments, as the foreign key wants).
INSERT INTO use_case_departments (use_case_code, department_code)
SELECT u.code, d.code
FROM use_cases u
JOIN departments d ON instr('|' || u.applicable_departments || '|', '|' || d.code || '|') > 0
WHERE u.applicable_departments IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM use_case_departments x WHERE x.use_case_code = u.code AND x.department_code = d.code);

-- The column has no index or constraint, so SQLite (3.35 and later) drops it without a rebuild.
ALTER TABLE use_cases DROP COLUMN applicable_departments;

-- KPI snapshot periods: on SQLite every date is ISO text (YYYY-MM-DD), which the snapshots
-- already hold; nothing to convert here. PostgreSQL and SQL Server turn the columns into DATE.
