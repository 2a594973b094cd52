-- Field-level report rollups (issue 7 "Speed"): a report grouped or filtered by field
-- (lĩnh vực) without a procedure filter or grouping reads these instead of the *_proc
-- levels of 0008, whose rows are ~50 times as many. Same periods as 0008 (day, month,
-- year, all time), keyed by resolving unit, receiving unit, field and channel, one
-- BIGINT column per report.Metric. A row holds the sum of the *_proc rows of the
-- procedures whose field is field_code now: the writers add each dossier event's cells
-- under its procedure's current field (read in the event's transaction), and a
-- procedure moved to another field has its *_proc sums moved from the old field's rows
-- to the new one's in the transaction of the catalogue update. They are filled here
-- from the existing *_proc rows, so no rebuild is needed.

-- rollup_day_field: per day (YYYYMMDD), resolving unit, receiving unit, field, channel.
CREATE TABLE rollup_day_field (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    field_code TEXT NOT NULL,
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
    PRIMARY KEY (period, unit, recv_unit, field_code, channel)
) WITHOUT ROWID;
CREATE INDEX rollup_day_field_unit ON rollup_day_field(unit, period);
CREATE INDEX rollup_day_field_recv_unit ON rollup_day_field(recv_unit, period);
CREATE INDEX rollup_day_field_field ON rollup_day_field(field_code, period);
INSERT INTO rollup_day_field (period, unit, recv_unit, field_code, channel, received, received_four_on_spot, submitted_online, resolved_early, resolved_on_time, resolved_late, ahead_minutes, behind_minutes, results_ready, ready_returned, refused_intake, refused, withdrawn, cancelled, returned, returned_post, supplement_requests, apologies, fees_owed, fees_paid, ended, due_passed, ended_due_passed, step_on_time, step_late, step_late_minutes, unit_resolved, unit_late, fee_dossiers, paid_online, electronic_results)
SELECT r.period, r.unit, r.recv_unit, p.field_code, r.channel, SUM(r.received), SUM(r.received_four_on_spot), SUM(r.submitted_online), SUM(r.resolved_early), SUM(r.resolved_on_time), SUM(r.resolved_late), SUM(r.ahead_minutes), SUM(r.behind_minutes), SUM(r.results_ready), SUM(r.ready_returned), SUM(r.refused_intake), SUM(r.refused), SUM(r.withdrawn), SUM(r.cancelled), SUM(r.returned), SUM(r.returned_post), SUM(r.supplement_requests), SUM(r.apologies), SUM(r.fees_owed), SUM(r.fees_paid), SUM(r.ended), SUM(r.due_passed), SUM(r.ended_due_passed), SUM(r.step_on_time), SUM(r.step_late), SUM(r.step_late_minutes), SUM(r.unit_resolved), SUM(r.unit_late), SUM(r.fee_dossiers), SUM(r.paid_online), SUM(r.electronic_results)
FROM rollup_day_proc r JOIN procedures p ON p.code = r.procedure_code
GROUP BY r.period, r.unit, r.recv_unit, p.field_code, r.channel;

-- rollup_month_field: per month (YYYYMM), resolving unit, receiving unit, field, channel.
CREATE TABLE rollup_month_field (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    field_code TEXT NOT NULL,
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
    PRIMARY KEY (period, unit, recv_unit, field_code, channel)
) WITHOUT ROWID;
CREATE INDEX rollup_month_field_unit ON rollup_month_field(unit, period);
CREATE INDEX rollup_month_field_recv_unit ON rollup_month_field(recv_unit, period);
CREATE INDEX rollup_month_field_field ON rollup_month_field(field_code, period);
INSERT INTO rollup_month_field (period, unit, recv_unit, field_code, channel, received, received_four_on_spot, submitted_online, resolved_early, resolved_on_time, resolved_late, ahead_minutes, behind_minutes, results_ready, ready_returned, refused_intake, refused, withdrawn, cancelled, returned, returned_post, supplement_requests, apologies, fees_owed, fees_paid, ended, due_passed, ended_due_passed, step_on_time, step_late, step_late_minutes, unit_resolved, unit_late, fee_dossiers, paid_online, electronic_results)
SELECT r.period, r.unit, r.recv_unit, p.field_code, r.channel, SUM(r.received), SUM(r.received_four_on_spot), SUM(r.submitted_online), SUM(r.resolved_early), SUM(r.resolved_on_time), SUM(r.resolved_late), SUM(r.ahead_minutes), SUM(r.behind_minutes), SUM(r.results_ready), SUM(r.ready_returned), SUM(r.refused_intake), SUM(r.refused), SUM(r.withdrawn), SUM(r.cancelled), SUM(r.returned), SUM(r.returned_post), SUM(r.supplement_requests), SUM(r.apologies), SUM(r.fees_owed), SUM(r.fees_paid), SUM(r.ended), SUM(r.due_passed), SUM(r.ended_due_passed), SUM(r.step_on_time), SUM(r.step_late), SUM(r.step_late_minutes), SUM(r.unit_resolved), SUM(r.unit_late), SUM(r.fee_dossiers), SUM(r.paid_online), SUM(r.electronic_results)
FROM rollup_month_proc r JOIN procedures p ON p.code = r.procedure_code
GROUP BY r.period, r.unit, r.recv_unit, p.field_code, r.channel;

-- rollup_year_field: per year (YYYY), resolving unit, receiving unit, field, channel.
CREATE TABLE rollup_year_field (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    field_code TEXT NOT NULL,
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
    PRIMARY KEY (period, unit, recv_unit, field_code, channel)
) WITHOUT ROWID;
CREATE INDEX rollup_year_field_unit ON rollup_year_field(unit, period);
CREATE INDEX rollup_year_field_recv_unit ON rollup_year_field(recv_unit, period);
CREATE INDEX rollup_year_field_field ON rollup_year_field(field_code, period);
INSERT INTO rollup_year_field (period, unit, recv_unit, field_code, channel, received, received_four_on_spot, submitted_online, resolved_early, resolved_on_time, resolved_late, ahead_minutes, behind_minutes, results_ready, ready_returned, refused_intake, refused, withdrawn, cancelled, returned, returned_post, supplement_requests, apologies, fees_owed, fees_paid, ended, due_passed, ended_due_passed, step_on_time, step_late, step_late_minutes, unit_resolved, unit_late, fee_dossiers, paid_online, electronic_results)
SELECT r.period, r.unit, r.recv_unit, p.field_code, r.channel, SUM(r.received), SUM(r.received_four_on_spot), SUM(r.submitted_online), SUM(r.resolved_early), SUM(r.resolved_on_time), SUM(r.resolved_late), SUM(r.ahead_minutes), SUM(r.behind_minutes), SUM(r.results_ready), SUM(r.ready_returned), SUM(r.refused_intake), SUM(r.refused), SUM(r.withdrawn), SUM(r.cancelled), SUM(r.returned), SUM(r.returned_post), SUM(r.supplement_requests), SUM(r.apologies), SUM(r.fees_owed), SUM(r.fees_paid), SUM(r.ended), SUM(r.due_passed), SUM(r.ended_due_passed), SUM(r.step_on_time), SUM(r.step_late), SUM(r.step_late_minutes), SUM(r.unit_resolved), SUM(r.unit_late), SUM(r.fee_dossiers), SUM(r.paid_online), SUM(r.electronic_results)
FROM rollup_year_proc r JOIN procedures p ON p.code = r.procedure_code
GROUP BY r.period, r.unit, r.recv_unit, p.field_code, r.channel;

-- rollup_total_field: for all time (period always 0), resolving unit, receiving unit, field, channel.
CREATE TABLE rollup_total_field (
    period INTEGER NOT NULL,
    unit TEXT NOT NULL,
    recv_unit TEXT NOT NULL,
    field_code TEXT NOT NULL,
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
    PRIMARY KEY (period, unit, recv_unit, field_code, channel)
) WITHOUT ROWID;
CREATE INDEX rollup_total_field_unit ON rollup_total_field(unit, period);
CREATE INDEX rollup_total_field_recv_unit ON rollup_total_field(recv_unit, period);
CREATE INDEX rollup_total_field_field ON rollup_total_field(field_code, period);
INSERT INTO rollup_total_field (period, unit, recv_unit, field_code, channel, received, received_four_on_spot, submitted_online, resolved_early, resolved_on_time, resolved_late, ahead_minutes, behind_minutes, results_ready, ready_returned, refused_intake, refused, withdrawn, cancelled, returned, returned_post, supplement_requests, apologies, fees_owed, fees_paid, ended, due_passed, ended_due_passed, step_on_time, step_late, step_late_minutes, unit_resolved, unit_late, fee_dossiers, paid_online, electronic_results)
SELECT r.period, r.unit, r.recv_unit, p.field_code, r.channel, SUM(r.received), SUM(r.received_four_on_spot), SUM(r.submitted_online), SUM(r.resolved_early), SUM(r.resolved_on_time), SUM(r.resolved_late), SUM(r.ahead_minutes), SUM(r.behind_minutes), SUM(r.results_ready), SUM(r.ready_returned), SUM(r.refused_intake), SUM(r.refused), SUM(r.withdrawn), SUM(r.cancelled), SUM(r.returned), SUM(r.returned_post), SUM(r.supplement_requests), SUM(r.apologies), SUM(r.fees_owed), SUM(r.fees_paid), SUM(r.ended), SUM(r.due_passed), SUM(r.ended_due_passed), SUM(r.step_on_time), SUM(r.step_late), SUM(r.step_late_minutes), SUM(r.unit_resolved), SUM(r.unit_late), SUM(r.fee_dossiers), SUM(r.paid_online), SUM(r.electronic_results)
FROM rollup_total_proc r JOIN procedures p ON p.code = r.procedure_code
GROUP BY r.period, r.unit, r.recv_unit, p.field_code, r.channel;
