-- Secrets of the demonstration tokens, kept only in a demonstration database (Demo:Seed) so
-- that the dashboard can offer one-click sign-in as each role. Empty everywhere else.
CREATE TABLE demo_credentials (
    role             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    token            TEXT NOT NULL,
    department_codes TEXT NOT NULL DEFAULT ''
);
