-- SQL Server twin of db/sqlite/0010_collectors.sql.
CREATE TABLE collector_days (
    collector    NVARCHAR(50) NOT NULL,
    day          NVARCHAR(10) NOT NULL,
    collected_at NVARCHAR(40) NOT NULL,
    run_id       NVARCHAR(64) NOT NULL,
    rows_read    BIGINT       NOT NULL,
    PRIMARY KEY (collector, day)
);
