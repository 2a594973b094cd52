-- Report rollups (issue 7): the sums of every dossier's contribution (package report),
-- maintained in the same transaction as each dossier event and rebuilt from the event
-- log by `motcua report rebuild`. report_days has one row per day (YYYY-MM-DD, Vietnam
-- time), resolving unit, receiving unit, procedure, channel and metric; report_months
-- the same per month (YYYY-MM) without the procedure, for fast long-range sums. The
-- primary keys start with the metric so that a range of days of one metric is one
-- index range; writers upsert rows in primary-key order.
CREATE TABLE report_days (
    metric         TEXT NOT NULL,
    day            TEXT NOT NULL,
    unit           TEXT NOT NULL,
    recv_unit      TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    channel        TEXT NOT NULL,
    value          BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (metric, day, unit, recv_unit, procedure_code, channel)
);
CREATE INDEX report_days_unit ON report_days(unit, metric, day);

CREATE TABLE report_months (
    metric    TEXT NOT NULL,
    month     TEXT NOT NULL,
    unit      TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    channel   TEXT NOT NULL,
    value     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (metric, month, unit, recv_unit, channel)
);
