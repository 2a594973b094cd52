-- The day close of the queue (queue.Expire, sqldb/queue_close.go): a ticket still
-- waiting, called or being served when its day ended is closed as 'expired', and
-- expired_from records which of the three it was, so the statistics can tell the
-- citizens never called from those called or being served at the close.
ALTER TABLE queue_tickets ADD COLUMN expired_from TEXT NOT NULL DEFAULT '';
