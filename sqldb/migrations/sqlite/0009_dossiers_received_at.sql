-- The dossiers received in a period, whatever their unit (the service-quality index's
-- digitisation and portal-sync counts, sqldb/qualityindex.go): without it that query
-- scans every dossier.
CREATE INDEX dossiers_received_at ON dossiers(received_at);
