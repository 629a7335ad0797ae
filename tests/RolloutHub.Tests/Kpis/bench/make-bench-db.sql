-- Fills a migrated RolloutHub SQLite database for the KPI benchmark (see README.md).
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19)
INSERT INTO departments SELECT printf('D%02d', i), printf('Department %d', i) FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 29)
INSERT INTO use_cases (code, title, category, status, minutes_saved_per_use)
SELECT printf('U%02d', i), 'Use case', 'cat', 'production', (i % 7) * 2.5 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
INSERT INTO employees (employee_key, department_code, joined_on, left_on, has_seat)
SELECT printf('EMP%06d', i), printf('D%02d', i % 20),
       CASE WHEN i % 10 = 0 THEN date('2025-12-01', '+' || (i % 300) || ' days') END,
       CASE WHEN i % 17 = 0 THEN date('2026-06-01', '+' || (i % 150) || ' days') END,
       i % 3 = 0
FROM n;
INSERT INTO waves (code, name, kind, sequence, planned_start, planned_end, status)
VALUES ('W1', 'W1', 'pilot', 1, '2026-01-05', '2026-06-30', 'active');
INSERT INTO wave_departments SELECT 'W1', code FROM departments WHERE code < 'D10';
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4999999)
INSERT INTO usage_events (event_id, occurred_on, employee_key, use_case_code, uses, minutes_saved)
SELECT 'ev' || i, date('2025-11-24', '+' || (abs(random()) % 364) || ' days'), printf('EMP%06d', abs(random()) % 20000),
       printf('U%02d', abs(random()) % 30), 1 + abs(random()) % 3, CASE WHEN i % 5 = 0 THEN (abs(random()) % 40) / 2.0 END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
INSERT INTO outcome_reports (report_id, occurred_on, department_code, tickets_avoided, employees_helped)
SELECT 'r' || i, date('2025-11-24', '+' || (abs(random()) % 364) || ' days'), printf('D%02d', abs(random()) % 20),
       abs(random()) % 5, abs(random()) % 5
FROM n;
UPDATE data_version SET full_recompute = 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
COMMIT;
