-- Money is exact: budget lines and spend move from FLOAT to DECIMAL(18,4).
-- Four decimals hold per-use prices such as 0.0035 and keep sums exact to the cent; fourteen
-- integer digits hold amounts up to 10^14, above the 10^12 a planned amount may reach.
-- Each stored float is rounded to four decimals, which gives back the value that was entered.
-- The columns' CHECK constraints were declared inline (system-named) and block ALTER COLUMN:
-- they are dropped by lookup and declared again, named, after the change.
DECLARE @drop NVARCHAR(MAX) = N'';
SELECT @drop = @drop + N'ALTER TABLE ' + QUOTENAME(OBJECT_NAME(cc.parent_object_id)) + N' DROP CONSTRAINT ' + QUOTENAME(cc.name) + N'; '
FROM sys.check_constraints cc
JOIN sys.columns c ON c.object_id = cc.parent_object_id AND c.column_id = cc.parent_column_id
WHERE (cc.parent_object_id = OBJECT_ID(N'budget_lines') AND c.name IN (N'unit_price', N'planned_units', N'planned_amount'))
   OR (cc.parent_object_id = OBJECT_ID(N'spend') AND c.name = N'amount');
EXEC sp_executesql @drop;

UPDATE budget_lines SET unit_price = ROUND(unit_price, 4), planned_units = ROUND(planned_units, 4), planned_amount = ROUND(planned_amount, 4);
UPDATE spend SET amount = ROUND(amount, 4);

ALTER TABLE budget_lines ALTER COLUMN unit_price     DECIMAL(18, 4) NOT NULL;
ALTER TABLE budget_lines ALTER COLUMN planned_units  DECIMAL(18, 4) NOT NULL;
ALTER TABLE budget_lines ALTER COLUMN planned_amount DECIMAL(18, 4) NOT NULL;
ALTER TABLE spend        ALTER COLUMN amount         DECIMAL(18, 4) NOT NULL;

ALTER TABLE budget_lines ADD
    CONSTRAINT ck_budget_lines_unit_price     CHECK (unit_price >= 0),
    CONSTRAINT ck_budget_lines_planned_units  CHECK (planned_units >= 0),
    CONSTRAINT ck_budget_lines_planned_amount CHECK (planned_amount >= 0);
