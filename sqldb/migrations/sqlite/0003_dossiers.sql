-- Dossiers: the append-only event log is the record; dossiers and dossier_steps are
-- projections rebuilt from it in the same transaction as each event.
CREATE TABLE dossier_sequences (
    unit_code TEXT NOT NULL,
    day       TEXT NOT NULL,
    last_seq  INTEGER NOT NULL,
    PRIMARY KEY (unit_code, day)
);

CREATE TABLE dossiers (
    code              TEXT PRIMARY KEY,
    procedure_code    TEXT NOT NULL REFERENCES procedures(code),
    procedure_version INTEGER NOT NULL,
    unit_code         TEXT NOT NULL REFERENCES units(code),
    current_unit      TEXT NOT NULL,
    channel           TEXT NOT NULL,
    state             TEXT NOT NULL,
    version           INTEGER NOT NULL,
    assignee          TEXT NOT NULL DEFAULT '',
    applicant_name    TEXT NOT NULL,
    applicant_id      TEXT NOT NULL DEFAULT '',
    search_key        TEXT NOT NULL,
    four_on_spot      BOOLEAN NOT NULL DEFAULT 0,
    submitted_at      DATETIME,
    received_at       DATETIME,
    due_at            DATETIME,
    step_index        INTEGER NOT NULL DEFAULT -1,
    step_due          DATETIME,
    outcome           TEXT NOT NULL DEFAULT '',
    completed_at      DATETIME,
    ahead_minutes     INTEGER,
    returned_at       DATETIME,
    closed_at         DATETIME,
    overdue_at_close  BOOLEAN NOT NULL DEFAULT 0,
    fees_owed         BIGINT NOT NULL DEFAULT 0,
    fees_paid         BIGINT NOT NULL DEFAULT 0,
    body              TEXT NOT NULL,
    created_at        DATETIME NOT NULL,
    updated_at        DATETIME NOT NULL
);
CREATE INDEX dossiers_unit_received ON dossiers(unit_code, received_at);
CREATE INDEX dossiers_current_state ON dossiers(current_unit, state);
CREATE INDEX dossiers_state_due ON dossiers(state, due_at);
CREATE INDEX dossiers_procedure ON dossiers(procedure_code);
CREATE INDEX dossiers_created ON dossiers(created_at);

CREATE TABLE dossier_events (
    dossier_code TEXT NOT NULL REFERENCES dossiers(code),
    seq          INTEGER NOT NULL,
    action       TEXT NOT NULL,
    actor        TEXT NOT NULL,
    role         TEXT NOT NULL,
    unit_code    TEXT NOT NULL,
    at           DATETIME NOT NULL,
    from_state   TEXT NOT NULL,
    to_state     TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    PRIMARY KEY (dossier_code, seq)
);
CREATE INDEX dossier_events_at ON dossier_events(at);

CREATE TABLE dossier_steps (
    dossier_code  TEXT NOT NULL REFERENCES dossiers(code),
    run           INTEGER NOT NULL,
    step_index    INTEGER NOT NULL,
    unit_code     TEXT NOT NULL,
    role          TEXT NOT NULL,
    phase         TEXT NOT NULL,
    started_at    DATETIME NOT NULL,
    due           DATETIME,
    ended_at      DATETIME,
    outcome       TEXT NOT NULL DEFAULT '',
    ahead_minutes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dossier_code, run)
);
CREATE INDEX dossier_steps_unit ON dossier_steps(unit_code, outcome);

CREATE TABLE attachments (
    sha256       TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    size         BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    created_at   DATETIME NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE TABLE dossier_attachments (
    dossier_code TEXT NOT NULL REFERENCES dossiers(code),
    sha256       TEXT NOT NULL REFERENCES attachments(sha256),
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    added_at     DATETIME NOT NULL,
    added_by     TEXT NOT NULL,
    PRIMARY KEY (dossier_code, sha256)
);
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN SELECT RAISE(ABORT, 'dossier events are append-only'); END;
