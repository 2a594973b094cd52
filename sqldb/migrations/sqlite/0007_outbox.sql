-- Transactional outbox (design.md: "Events leave through a transactional outbox; a
-- relay publishes them to NATS JetStream … at least once"). One row per dossier event,
-- written in the same transaction as the event (sqldb/outbox.go). The relay publishes
-- unpublished rows in id order with Nats-Msg-Id = id and sets published_at; a failed
-- publish raises attempts, keeps last_error and waits until next_attempt_at.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    aggregate       TEXT NOT NULL,      -- dossier code
    seq             INTEGER NOT NULL,   -- the event's seq in its dossier
    event_type      TEXT NOT NULL,      -- dossier.<action>
    subject         TEXT NOT NULL,      -- motcua.<province>.dossier.<action>
    payload         TEXT NOT NULL,      -- JSON (sqldb.OutboxMessage)
    created_at      DATETIME NOT NULL,
    published_at    DATETIME,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    next_attempt_at DATETIME,
    UNIQUE (aggregate, seq)
);
-- Unpublished rows in id order, and the head of each dossier's unpublished rows.
CREATE INDEX outbox_unpublished ON outbox(id) WHERE published_at IS NULL;
CREATE INDEX outbox_unpublished_aggregate ON outbox(aggregate, id) WHERE published_at IS NULL;
