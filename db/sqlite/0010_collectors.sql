-- Collectors (the vendors' APIs read on a schedule): the days each collector holds, so that a
-- run catches up from the last one and GET /api/v1/collectors can say what it has.
-- Days are 'YYYY-MM-DD' text on every dialect, so that they compare and sort the same way.
CREATE TABLE collector_days (
    collector    TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    collected_at TEXT    NOT NULL,
    run_id       TEXT    NOT NULL,
    rows_read    INTEGER NOT NULL,
    PRIMARY KEY (collector, day)
);
