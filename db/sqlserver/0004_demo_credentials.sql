-- Secrets of the demonstration tokens, kept only in a demonstration database (Demo:Seed) so
-- that the dashboard can offer one-click sign-in as each role. Empty everywhere else.
CREATE TABLE demo_credentials (
    role             NVARCHAR(20) NOT NULL PRIMARY KEY,
    name             NVARCHAR(200) NOT NULL,
    token            NVARCHAR(200) NOT NULL,
    department_codes NVARCHAR(4000) NOT NULL DEFAULT ''
);
