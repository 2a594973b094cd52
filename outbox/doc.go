// Package outbox carries dossier events from the database to NATS JetStream and on to
// the national public service portal (Cổng Dịch vụ công quốc gia).
//
// design.md: "Events leave through a transactional outbox; a relay publishes them to NATS
// JetStream (subjects per province and event type) for the national portal connector
// and other subscribers, at least once, consumers idempotent."
//
//	dossier action ──tx──▶ dossier_events + outbox row (sqldb, same transaction)
//	Relay:     outbox rows ──▶ JetStream stream MOTCUA_DOSSIERS, subject
//	           motcua.<province>.dossier.<action>, Nats-Msg-Id = outbox id
//	Connector: durable consumer "national-portal" ──▶ POST Record to the portal
//	           (bearer token), ack only after a 2xx
//
// Delivery guarantees:
//   - At least once. A row is marked published only after JetStream acknowledged it;
//     a crash in between publishes it again, and the stream drops the copy within its
//     duplicate window (Nats-Msg-Id, JetStream "Message Deduplication"). The connector
//     acks a message only after the portal answered 2xx; a crash in between posts it
//     again.
//   - Per-dossier order. The relay hands out only the first unpublished row of each
//     dossier (sqldb.DB.RelayOutbox), so event n+1 is never published before event n
//     was acknowledged — by this relay or any other sharing the PostgreSQL database
//     (FOR UPDATE SKIP LOCKED). The connector's consumer has MaxAckPending 1 and retries
//     a failing post in place, so the portal receives each dossier's events in order.
//   - Idempotent consumer. Every Record carries the outbox id and (dossier code, seq)
//     and an Idempotency-Key header "<code>#<seq>"; the portal (and portaltest.Portal)
//     keeps the first copy and answers 200 to repeats, so replaying the stream from the
//     start creates no duplicates.
package outbox
