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
    four_on_spot      BOOLEAN NOT NULL DEFAULT FALSE,
    submitted_at      TIMESTAMPTZ,
    received_at       TIMESTAMPTZ,
    due_at            TIMESTAMPTZ,
    step_index        INTEGER NOT NULL DEFAULT -1,
    step_due          TIMESTAMPTZ,
    outcome           TEXT NOT NULL DEFAULT '',
    completed_at      TIMESTAMPTZ,
    ahead_minutes     INTEGER,
    returned_at       TIMESTAMPTZ,
    closed_at         TIMESTAMPTZ,
    overdue_at_close  BOOLEAN NOT NULL DEFAULT FALSE,
    fees_owed         BIGINT NOT NULL DEFAULT 0,
    fees_paid         BIGINT NOT NULL DEFAULT 0,
    body              TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
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
    at           TIMESTAMPTZ NOT NULL,
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
    started_at    TIMESTAMPTZ NOT NULL,
    due           TIMESTAMPTZ,
    ended_at      TIMESTAMPTZ,
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
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE TABLE dossier_attachments (
    dossier_code TEXT NOT NULL REFERENCES dossiers(code),
    sha256       TEXT NOT NULL REFERENCES attachments(sha256),
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    added_at     TIMESTAMPTZ NOT NULL,
    added_by     TEXT NOT NULL,
    PRIMARY KEY (dossier_code, sha256)
);
CREATE FUNCTION dossier_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'dossier events are append-only'; END $$;
CREATE TRIGGER dossier_events_no_change BEFORE UPDATE OR DELETE ON dossier_events
FOR EACH ROW EXECUTE FUNCTION dossier_events_append_only();
