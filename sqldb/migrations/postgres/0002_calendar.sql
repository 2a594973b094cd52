-- Working calendar: Government schedules loaded by administrators (every version kept)
-- and per-unit weekly shifts. calendar_changes gives a revision number caches watch.
CREATE TABLE calendar_schedules (
    id        BIGSERIAL PRIMARY KEY,
    year      INTEGER NOT NULL,
    version   TEXT NOT NULL,
    body      TEXT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL,
    loaded_by TEXT NOT NULL,
    UNIQUE (year, version)
);
CREATE TABLE unit_shifts (
    unit_code  TEXT PRIMARY KEY REFERENCES units(code),
    shifts     TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE TABLE calendar_changes (
    id   BIGSERIAL PRIMARY KEY,
    at   TIMESTAMPTZ NOT NULL,
    what TEXT NOT NULL
);
