-- Report rollups, metric-as-column (issue 7 "Speed"): replaces the one-row-per-metric
-- tables of 0004. Every dossier's contribution (package report) is summed into eight
-- levels: day, month and year periods (the period column is the integer YYYYMMDD,
-- YYYYMM or YYYY, Vietnam time) and all time (period 0, for the pending counts: every
-- day before a recent From is all time minus the days since), each with and without
-- the procedure, keyed also by resolving unit, receiving unit and channel, with one
-- BIGINT column per report.Metric (the column name is the metric's name; a test fails
-- if a metric has none). A report over any range reads the years, months and days
-- that tile it (and, for the pending counts, those that tile every earlier day, or all
-- time minus every later day) from the tables without the procedure unless it filters
-- or groups by procedure or field. The primary keys start with the
-- period so that "all units" over a range is one index range; the unit, receiving unit
-- and procedure indexes do the same for one of them. Writers upsert rows in primary-key
-- order, table by table in the order below, in the transaction of each dossier event.
--
-- report_state holds 'rebuild' while the rollups must be (re)built from the event log:
-- set here for databases that already hold dossiers, and by every RebuildReports until
-- it ends; Migrate runs the rebuild while the row is there.
DROP TABLE report_days;
DROP TABLE report_months;

CREATE TABLE report_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO report_state (name, value) SELECT 'rebuild', 'migration 0008' WHERE EXISTS (SELECT 1 FROM dossiers);

-- rollup_day_proc: per day (YYYYMMDD), resolving unit, receiving unit, procedure, channel.
CREATE TABLE rollup_day_proc (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_four_on_spot BIGINT NOT NULL DEFAULT 0,
    submitted_online BIGINT NOT NULL DEFAULT 0,
    resolved_early BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    resolved_late BIGINT NOT NULL DEFAULT 0,
    ahead_minutes BIGINT NOT NULL DEFAULT 0,
    behind_minutes BIGINT NOT NULL DEFAULT 0,
    results_ready BIGINT NOT NULL DEFAULT 0,
    ready_returned BIGINT NOT NULL DEFAULT 0,
    refused_intake BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    returned_post BIGINT NOT NULL DEFAULT 0,
    supplement_requests BIGINT NOT NULL DEFAULT 0,
    apologies BIGINT NOT NULL DEFAULT 0,
    fees_owed BIGINT NOT NULL DEFAULT 0,
    fees_paid BIGINT NOT NULL DEFAULT 0,
    ended BIGINT NOT NULL DEFAULT 0,
    due_passed BIGINT NOT NULL DEFAULT 0,
    ended_due_passed BIGINT NOT NULL DEFAULT 0,
    step_on_time BIGINT NOT NULL DEFAULT 0,
    step_late BIGINT NOT NULL DEFAULT 0,
    step_late_minutes BIGINT NOT NULL DEFAULT 0,
    unit_resolved BIGINT NOT NULL DEFAULT 0,
    unit_late BIGINT NOT NULL DEFAULT 0,
    fee_dossiers BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    electronic_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit, recv_unit, procedure_code, channel)
);
CREATE INDEX rollup_day_proc_unit ON rollup_day_proc(unit, period);
CREATE INDEX rollup_day_proc_recv_unit ON rollup_day_proc(recv_unit, period);
CREATE INDEX rollup_day_proc_procedure ON rollup_day_proc(procedure_code, period);

-- rollup_day: per day (YYYYMMDD), resolving unit, receiving unit, channel.
CREATE TABLE rollup_day (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_four_on_spot BIGINT NOT NULL DEFAULT 0,
    submitted_online BIGINT NOT NULL DEFAULT 0,
    resolved_early BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    resolved_late BIGINT NOT NULL DEFAULT 0,
    ahead_minutes BIGINT NOT NULL DEFAULT 0,
    behind_minutes BIGINT NOT NULL DEFAULT 0,
    results_ready BIGINT NOT NULL DEFAULT 0,
    ready_returned BIGINT NOT NULL DEFAULT 0,
    refused_intake BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    returned_post BIGINT NOT NULL DEFAULT 0,
    supplement_requests BIGINT NOT NULL DEFAULT 0,
    apologies BIGINT NOT NULL DEFAULT 0,
    fees_owed BIGINT NOT NULL DEFAULT 0,
    fees_paid BIGINT NOT NULL DEFAULT 0,
    ended BIGINT NOT NULL DEFAULT 0,
    due_passed BIGINT NOT NULL DEFAULT 0,
    ended_due_passed BIGINT NOT NULL DEFAULT 0,
    step_on_time BIGINT NOT NULL DEFAULT 0,
    step_late BIGINT NOT NULL DEFAULT 0,
    step_late_minutes BIGINT NOT NULL DEFAULT 0,
    unit_resolved BIGINT NOT NULL DEFAULT 0,
    unit_late BIGINT NOT NULL DEFAULT 0,
    fee_dossiers BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    electronic_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit, recv_unit, channel)
);
CREATE INDEX rollup_day_unit ON rollup_day(unit, period);
CREATE INDEX rollup_day_recv_unit ON rollup_day(recv_unit, period);

-- rollup_month_proc: per month (YYYYMM), resolving unit, receiving unit, procedure, channel.
CREATE TABLE rollup_month_proc (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_four_on_spot BIGINT NOT NULL DEFAULT 0,
    submitted_online BIGINT NOT NULL DEFAULT 0,
    resolved_early BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    resolved_late BIGINT NOT NULL DEFAULT 0,
    ahead_minutes BIGINT NOT NULL DEFAULT 0,
    behind_minutes BIGINT NOT NULL DEFAULT 0,
    results_ready BIGINT NOT NULL DEFAULT 0,
    ready_returned BIGINT NOT NULL DEFAULT 0,
    refused_intake BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    returned_post BIGINT NOT NULL DEFAULT 0,
    supplement_requests BIGINT NOT NULL DEFAULT 0,
    apologies BIGINT NOT NULL DEFAULT 0,
    fees_owed BIGINT NOT NULL DEFAULT 0,
    fees_paid BIGINT NOT NULL DEFAULT 0,
    ended BIGINT NOT NULL DEFAULT 0,
    due_passed BIGINT NOT NULL DEFAULT 0,
    ended_due_passed BIGINT NOT NULL DEFAULT 0,
    step_on_time BIGINT NOT NULL DEFAULT 0,
    step_late BIGINT NOT NULL DEFAULT 0,
    step_late_minutes BIGINT NOT NULL DEFAULT 0,
    unit_resolved BIGINT NOT NULL DEFAULT 0,
    unit_late BIGINT NOT NULL DEFAULT 0,
    fee_dossiers BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    electronic_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit, recv_unit, procedure_code, channel)
);
CREATE INDEX rollup_month_proc_unit ON rollup_month_proc(unit, period);
CREATE INDEX rollup_month_proc_recv_unit ON rollup_month_proc(recv_unit, period);
CREATE INDEX rollup_month_proc_procedure ON rollup_month_proc(procedure_code, period);

-- rollup_month: per month (YYYYMM), resolving unit, receiving unit, channel.
CREATE TABLE rollup_month (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_four_on_spot BIGINT NOT NULL DEFAULT 0,
    submitted_online BIGINT NOT NULL DEFAULT 0,
    resolved_early BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    resolved_late BIGINT NOT NULL DEFAULT 0,
    ahead_minutes BIGINT NOT NULL DEFAULT 0,
    behind_minutes BIGINT NOT NULL DEFAULT 0,
    results_ready BIGINT NOT NULL DEFAULT 0,
    ready_returned BIGINT NOT NULL DEFAULT 0,
    refused_intake BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    returned_post BIGINT NOT NULL DEFAULT 0,
    supplement_requests BIGINT NOT NULL DEFAULT 0,
    apologies BIGINT NOT NULL DEFAULT 0,
    fees_owed BIGINT NOT NULL DEFAULT 0,
    fees_paid BIGINT NOT NULL DEFAULT 0,
    ended BIGINT NOT NULL DEFAULT 0,
    due_passed BIGINT NOT NULL DEFAULT 0,
    ended_due_passed BIGINT NOT NULL DEFAULT 0,
    step_on_time BIGINT NOT NULL DEFAULT 0,
    step_late BIGINT NOT NULL DEFAULT 0,
    step_late_minutes BIGINT NOT NULL DEFAULT 0,
    unit_resolved BIGINT NOT NULL DEFAULT 0,
    unit_late BIGINT NOT NULL DEFAULT 0,
    fee_dossiers BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    electronic_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit, recv_unit, channel)
);
CREATE INDEX rollup_month_unit ON rollup_month(unit, period);
CREATE INDEX rollup_month_recv_unit ON rollup_month(recv_unit, period);

-- rollup_year_proc: per year (YYYY), resolving unit, receiving unit, procedure, channel.
CREATE TABLE rollup_year_proc (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_four_on_spot BIGINT NOT NULL DEFAULT 0,
    submitted_online BIGINT NOT NULL DEFAULT 0,
    resolved_early BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    resolved_late BIGINT NOT NULL DEFAULT 0,
    ahead_minutes BIGINT NOT NULL DEFAULT 0,
    behind_minutes BIGINT NOT NULL DEFAULT 0,
    results_ready BIGINT NOT NULL DEFAULT 0,
    ready_returned BIGINT NOT NULL DEFAULT 0,
    refused_intake BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    returned_post BIGINT NOT NULL DEFAULT 0,
    supplement_requests BIGINT NOT NULL DEFAULT 0,
    apologies BIGINT NOT NULL DEFAULT 0,
    fees_owed BIGINT NOT NULL DEFAULT 0,
    fees_paid BIGINT NOT NULL DEFAULT 0,
    ended BIGINT NOT NULL DEFAULT 0,
    due_passed BIGINT NOT NULL DEFAULT 0,
    ended_due_passed BIGINT NOT NULL DEFAULT 0,
    step_on_time BIGINT NOT NULL DEFAULT 0,
    step_late BIGINT NOT NULL DEFAULT 0,
    step_late_minutes BIGINT NOT NULL DEFAULT 0,
    unit_resolved BIGINT NOT NULL DEFAULT 0,
    unit_late BIGINT NOT NULL DEFAULT 0,
    fee_dossiers BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    electronic_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit, recv_unit, procedure_code, channel)
);
CREATE INDEX rollup_year_proc_unit ON rollup_year_proc(unit, period);
CREATE INDEX rollup_year_proc_recv_unit ON rollup_year_proc(recv_unit, period);
CREATE INDEX rollup_year_proc_procedure ON rollup_year_proc(procedure_code, period);

-- rollup_year: per year (YYYY), resolving unit, receiving unit, channel.
CREATE TABLE rollup_year (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_four_on_spot BIGINT NOT NULL DEFAULT 0,
    submitted_online BIGINT NOT NULL DEFAULT 0,
    resolved_early BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    resolved_late BIGINT NOT NULL DEFAULT 0,
    ahead_minutes BIGINT NOT NULL DEFAULT 0,
    behind_minutes BIGINT NOT NULL DEFAULT 0,
    results_ready BIGINT NOT NULL DEFAULT 0,
    ready_returned BIGINT NOT NULL DEFAULT 0,
    refused_intake BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    returned_post BIGINT NOT NULL DEFAULT 0,
    supplement_requests BIGINT NOT NULL DEFAULT 0,
    apologies BIGINT NOT NULL DEFAULT 0,
    fees_owed BIGINT NOT NULL DEFAULT 0,
    fees_paid BIGINT NOT NULL DEFAULT 0,
    ended BIGINT NOT NULL DEFAULT 0,
    due_passed BIGINT NOT NULL DEFAULT 0,
    ended_due_passed BIGINT NOT NULL DEFAULT 0,
    step_on_time BIGINT NOT NULL DEFAULT 0,
    step_late BIGINT NOT NULL DEFAULT 0,
    step_late_minutes BIGINT NOT NULL DEFAULT 0,
    unit_resolved BIGINT NOT NULL DEFAULT 0,
    unit_late BIGINT NOT NULL DEFAULT 0,
    fee_dossiers BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    electronic_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit, recv_unit, channel)
);
CREATE INDEX rollup_year_unit ON rollup_year(unit, period);
CREATE INDEX rollup_year_recv_unit ON rollup_year(recv_unit, period);

-- rollup_total_proc: for all time (period always 0), resolving unit, receiving unit, procedure, channel.
CREATE TABLE rollup_total_proc (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_four_on_spot BIGINT NOT NULL DEFAULT 0,
    submitted_online BIGINT NOT NULL DEFAULT 0,
    resolved_early BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    resolved_late BIGINT NOT NULL DEFAULT 0,
    ahead_minutes BIGINT NOT NULL DEFAULT 0,
    behind_minutes BIGINT NOT NULL DEFAULT 0,
    results_ready BIGINT NOT NULL DEFAULT 0,
    ready_returned BIGINT NOT NULL DEFAULT 0,
    refused_intake BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    returned_post BIGINT NOT NULL DEFAULT 0,
    supplement_requests BIGINT NOT NULL DEFAULT 0,
    apologies BIGINT NOT NULL DEFAULT 0,
    fees_owed BIGINT NOT NULL DEFAULT 0,
    fees_paid BIGINT NOT NULL DEFAULT 0,
    ended BIGINT NOT NULL DEFAULT 0,
    due_passed BIGINT NOT NULL DEFAULT 0,
    ended_due_passed BIGINT NOT NULL DEFAULT 0,
    step_on_time BIGINT NOT NULL DEFAULT 0,
    step_late BIGINT NOT NULL DEFAULT 0,
    step_late_minutes BIGINT NOT NULL DEFAULT 0,
    unit_resolved BIGINT NOT NULL DEFAULT 0,
    unit_late BIGINT NOT NULL DEFAULT 0,
    fee_dossiers BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    electronic_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit, recv_unit, procedure_code, channel)
);
CREATE INDEX rollup_total_proc_unit ON rollup_total_proc(unit, period);
CREATE INDEX rollup_total_proc_recv_unit ON rollup_total_proc(recv_unit, period);
CREATE INDEX rollup_total_proc_procedure ON rollup_total_proc(procedure_code, period);

-- rollup_total: for all time (period always 0), resolving unit, receiving unit, channel.
CREATE TABLE rollup_total (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    channel TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    received_four_on_spot BIGINT NOT NULL DEFAULT 0,
    submitted_online BIGINT NOT NULL DEFAULT 0,
    resolved_early BIGINT NOT NULL DEFAULT 0,
    resolved_on_time BIGINT NOT NULL DEFAULT 0,
    resolved_late BIGINT NOT NULL DEFAULT 0,
    ahead_minutes BIGINT NOT NULL DEFAULT 0,
    behind_minutes BIGINT NOT NULL DEFAULT 0,
    results_ready BIGINT NOT NULL DEFAULT 0,
    ready_returned BIGINT NOT NULL DEFAULT 0,
    refused_intake BIGINT NOT NULL DEFAULT 0,
    refused BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    cancelled BIGINT NOT NULL DEFAULT 0,
    returned BIGINT NOT NULL DEFAULT 0,
    returned_post BIGINT NOT NULL DEFAULT 0,
    supplement_requests BIGINT NOT NULL DEFAULT 0,
    apologies BIGINT NOT NULL DEFAULT 0,
    fees_owed BIGINT NOT NULL DEFAULT 0,
    fees_paid BIGINT NOT NULL DEFAULT 0,
    ended BIGINT NOT NULL DEFAULT 0,
    due_passed BIGINT NOT NULL DEFAULT 0,
    ended_due_passed BIGINT NOT NULL DEFAULT 0,
    step_on_time BIGINT NOT NULL DEFAULT 0,
    step_late BIGINT NOT NULL DEFAULT 0,
    step_late_minutes BIGINT NOT NULL DEFAULT 0,
    unit_resolved BIGINT NOT NULL DEFAULT 0,
    unit_late BIGINT NOT NULL DEFAULT 0,
    fee_dossiers BIGINT NOT NULL DEFAULT 0,
    paid_online BIGINT NOT NULL DEFAULT 0,
    electronic_results BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (period, unit, recv_unit, channel)
);
CREATE INDEX rollup_total_unit ON rollup_total(unit, period);
CREATE INDEX rollup_total_recv_unit ON rollup_total(recv_unit, period);
