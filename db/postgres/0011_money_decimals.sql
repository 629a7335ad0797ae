-- Money is exact: budget lines and spend move from binary floating point to NUMERIC(18,4).
-- Four decimals hold per-use prices such as 0.0035 and keep sums exact to the cent; fourteen
-- integer digits hold amounts up to 10^14, above the 10^12 a planned amount may reach.
-- Each stored double is rounded to four decimals, which gives back the value that was entered
-- (1234.5678 stored as 1234.567799999… reads 1234.5678 again).
ALTER TABLE budget_lines
    ALTER COLUMN unit_price     TYPE NUMERIC(18, 4) USING ROUND(unit_price::numeric, 4),
    ALTER COLUMN planned_units  TYPE NUMERIC(18, 4) USING ROUND(planned_units::numeric, 4),
    ALTER COLUMN planned_amount TYPE NUMERIC(18, 4) USING ROUND(planned_amount::numeric, 4);

ALTER TABLE spend
    ALTER COLUMN amount TYPE NUMERIC(18, 4) USING ROUND(amount::numeric, 4);
