-- Which departments a use case applies to is stored once, in use_case_departments (no row: every
-- department). The pipe-joined copy on use_cases goes; first, any code it holds that the table
-- lacks is copied over (only codes of existing departments, as the foreign key wants).
INSERT INTO use_case_departments (use_case_code, department_code)
SELECT u.code, d.code
FROM use_cases u
JOIN departments d ON strpos('|' || u.applicable_departments || '|', '|' || d.code || '|') > 0
WHERE u.applicable_departments IS NOT NULL
ON CONFLICT (use_case_code, department_code) DO NOTHING;

ALTER TABLE use_cases DROP COLUMN applicable_departments;

-- KPI snapshot periods are dates, like every other date: compared and sent as DATE values.
-- The primary keys that include period_start are rebuilt by ALTER TYPE.
ALTER TABLE kpi_snapshots
    ALTER COLUMN period_start TYPE DATE USING period_start::date,
    ALTER COLUMN period_end TYPE DATE USING period_end::date;
ALTER TABLE adoption_snapshots
    ALTER COLUMN period_start TYPE DATE USING period_start::date,
    ALTER COLUMN period_end TYPE DATE USING period_end::date;
ALTER TABLE tool_snapshots
    ALTER COLUMN period_start TYPE DATE USING period_start::date,
    ALTER COLUMN period_end TYPE DATE USING period_end::date;
ALTER TABLE tool_period_snapshots
    ALTER COLUMN period_start TYPE DATE USING period_start::date,
    ALTER COLUMN period_end TYPE DATE USING period_end::date;
