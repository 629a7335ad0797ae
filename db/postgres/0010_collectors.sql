-- PostgreSQL twin of db/sqlite/0010_collectors.sql.
CREATE TABLE collector_days (
    collector    TEXT   NOT NULL,
    day          TEXT   NOT NULL,
    collected_at TEXT   NOT NULL,
    run_id       TEXT   NOT NULL,
    rows_read    BIGINT NOT NULL,
    PRIMARY KEY (collector, day)
);
