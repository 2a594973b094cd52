-- Queue numbers, counters, the realtime event log, rating terminals and ratings.
CREATE TABLE queue_services (
    id          BIGSERIAL PRIMARY KEY,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    unit_code   TEXT NOT NULL REFERENCES units(code),
    fields      TEXT NOT NULL DEFAULT '[]',
    procedures  TEXT NOT NULL DEFAULT '[]',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (unit_code, code)
);

CREATE TABLE queue_counters (
    id          BIGSERIAL PRIMARY KEY,
    unit_code   TEXT NOT NULL REFERENCES units(code),
    number      INTEGER NOT NULL,
    name        TEXT NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (unit_code, number)
);

CREATE TABLE queue_counter_services (
    counter_id  BIGINT NOT NULL REFERENCES queue_counters(id),
    service_id  BIGINT NOT NULL REFERENCES queue_services(id),
    PRIMARY KEY (counter_id, service_id)
);
CREATE INDEX queue_counter_services_service ON queue_counter_services(service_id);

-- The gapless daily series of each service, like dossier_sequences.
CREATE TABLE queue_sequences (
    service_id  BIGINT NOT NULL REFERENCES queue_services(id),
    day         TEXT NOT NULL,
    last_seq    INTEGER NOT NULL,
    PRIMARY KEY (service_id, day)
);

CREATE TABLE queue_tickets (
    id                BIGSERIAL PRIMARY KEY,
    service_id        BIGINT NOT NULL REFERENCES queue_services(id),
    unit_code         TEXT NOT NULL,
    day               TEXT NOT NULL,
    series_id         BIGINT NOT NULL,
    seq               INTEGER NOT NULL,
    hop               INTEGER NOT NULL DEFAULT 0,
    number            TEXT NOT NULL,
    priority          TEXT NOT NULL DEFAULT '',
    prio              INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL,
    issued_at         TIMESTAMPTZ NOT NULL,
    queued_at         TIMESTAMPTZ NOT NULL,
    called_at         TIMESTAMPTZ,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    counter_id        BIGINT REFERENCES queue_counters(id),
    target_counter_id BIGINT REFERENCES queue_counters(id),
    officer           TEXT NOT NULL DEFAULT '',
    recalls           INTEGER NOT NULL DEFAULT 0,
    dossier_code      TEXT NOT NULL DEFAULT '',
    transferred_from  BIGINT,
    transferred_to    BIGINT,
    version           INTEGER NOT NULL,
    UNIQUE (series_id, day, seq, hop)
);
CREATE INDEX queue_tickets_waiting ON queue_tickets(status, service_id, prio, issued_at);
CREATE INDEX queue_tickets_counter ON queue_tickets(counter_id, status);
CREATE INDEX queue_tickets_day ON queue_tickets(day, unit_code);

-- Append-only log of queue events: the display boards' feed (SSE), replayed after a
-- reconnect from Last-Event-ID.
CREATE TABLE queue_events (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    unit_code   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    ticket_id   BIGINT NOT NULL,
    counter_id  BIGINT,
    body        TEXT NOT NULL
);
CREATE INDEX queue_events_unit ON queue_events(unit_code, id);

-- Rating terminals: a device secret per counter; only its hash is stored.
CREATE TABLE queue_terminals (
    id          BIGSERIAL PRIMARY KEY,
    counter_id  BIGINT NOT NULL REFERENCES queue_counters(id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TIMESTAMPTZ
);

CREATE TABLE rating_scale (
    id          INTEGER PRIMARY KEY,
    body        TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT NOT NULL
);

CREATE TABLE ratings (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL,
    level        TEXT NOT NULL,
    reasons      TEXT NOT NULL DEFAULT '[]',
    comment      TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL,
    ticket_id    BIGINT UNIQUE REFERENCES queue_tickets(id),
    dossier_code TEXT UNIQUE,
    counter_id   BIGINT,
    terminal_id  BIGINT,
    officer      TEXT NOT NULL DEFAULT '',
    unit_code    TEXT NOT NULL
);
CREATE INDEX ratings_at ON ratings(at);
CREATE INDEX ratings_unit ON ratings(unit_code, at);

-- Per-dossier online rating tokens, issued when the result is returned.
CREATE TABLE rating_tokens (
    dossier_code TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    issued_at    TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION queue_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'queue_events is append-only'; END $$;
CREATE TRIGGER queue_events_no_change BEFORE UPDATE OR DELETE ON queue_events
FOR EACH ROW EXECUTE FUNCTION queue_events_append_only();
