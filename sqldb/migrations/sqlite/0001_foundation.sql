-- Foundation: catalogue, users, tokens, audit log.
CREATE TABLE units (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL,
    parent_code TEXT REFERENCES units(code),
    address     TEXT NOT NULL DEFAULT '',
    active      BOOLEAN NOT NULL DEFAULT 1,
    search_key  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX units_parent ON units(parent_code);

CREATE TABLE fields (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE procedures (
    code         TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    unit_code    TEXT NOT NULL REFERENCES units(code),
    field_code   TEXT NOT NULL REFERENCES fields(code),
    level        TEXT NOT NULL,
    time_limits  TEXT NOT NULL,
    fees         TEXT NOT NULL,
    papers       TEXT NOT NULL,
    result       TEXT NOT NULL DEFAULT '',
    channels     TEXT NOT NULL,
    four_on_spot BOOLEAN NOT NULL DEFAULT 0,
    chain        TEXT NOT NULL,
    steps        TEXT NOT NULL,
    legal_basis  TEXT NOT NULL DEFAULT '',
    active       BOOLEAN NOT NULL DEFAULT 1,
    version      INTEGER NOT NULL,
    updated_at   DATETIME NOT NULL,
    updated_by   TEXT NOT NULL DEFAULT '',
    search_key   TEXT NOT NULL
);
CREATE INDEX procedures_unit ON procedures(unit_code);
CREATE INDEX procedures_field ON procedures(field_code);

CREATE TABLE procedure_versions (
    code       TEXT NOT NULL REFERENCES procedures(code),
    version    INTEGER NOT NULL,
    body       TEXT NOT NULL,
    changed_at DATETIME NOT NULL,
    changed_by TEXT NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    unit_code     TEXT REFERENCES units(code),
    lang          TEXT NOT NULL DEFAULT 'vi',
    active        BOOLEAN NOT NULL DEFAULT 1,
    created_at    DATETIME NOT NULL
);

CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL,
    csrf        TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL,
    revoked_at  DATETIME
);
CREATE INDEX tokens_user ON tokens(user_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        DATETIME NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before    TEXT NOT NULL DEFAULT '',
    after     TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
