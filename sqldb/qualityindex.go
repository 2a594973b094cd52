package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/qualityindex"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/report"
)

// QualityIndexInputs returns the inputs of the service-quality index of Decision
// 766/QĐ-TTg (package qualityindex) for the days [from, to] (Vietnam time, both
// inclusive) and one unit ("" = the whole province), from the system's own data.
// Dossier figures are filed under the resolving unit, as in ReportSummary. Indicators
// whose counts the system does not hold are listed in Inputs.Unavailable with the
// reason, so that they are not applicable rather than scored zero.
//
// What each input is taken from:
//
//   - Public information. ProceduresPublic: the active procedures of the unit's
//     catalogue scope (every active procedure for the province; otherwise
//     report.InScope); ProceduresPublicComplete: those with every component of Art.
//     8(2) Decree 63/2010/NĐ-CP the catalogue records (qualityindex.MissingComponents).
//     DossiersReceived: the report's received count. DossiersSynced: of the dossiers
//     received in the period, those whose receipt has left the outbox for the
//     national portal — no receipt event (receive, submit_online, accept_online)
//     still unpublished. Published rows are pruned after a while, unpublished ones
//     never, so this stays exact for old periods; a dossier imported from another
//     system without outbox rows counts as synchronised by the system it came from.
//     Publication decisions (ProceduresPublished…, ProceduresToUpdate…) are made in
//     the national procedure database, not here: left zero, and 1.1 and 1.2 marked
//     unavailable.
//   - Progress: resolved early, on time, late, and pending within the deadline and
//     overdue at the end of the period, from ReportSummary.
//   - Online service. ProceduresTotal and ProceduresOnline: the active procedures of
//     the scope, and those offered online (full or partial channel).
//     DossiersFullOnlineEligible: dossiers received in the period of the procedures
//     the catalogue now offers as a full online service; DossiersFullOnline: those of
//     them received through that channel; DossiersOnline: received online.
//   - Online payment. ProceduresWithFees: active procedures of the scope with a fee
//     or charge line; ProceduresWithFeesPayableOnline: those of them offered online —
//     the catalogue does not record the portal's payment integration per procedure,
//     and an online dossier can be paid through the portal's payment platform
//     (dossier.PayOnline). ProceduresWithFeeDossiers and ProceduresWithOnlinePayments:
//     procedures with at least one dossier owing fees received in the period, and with
//     at least one of those paid online; DossiersWithFees and DossiersPaidOnline: the
//     report's fee_dossiers and paid_online.
//   - Satisfaction. Ratings*: the ratings given in the period (attributed to the
//     unit, see ReportSatisfaction), by report.ClassOf. DossiersComplainedOrDisliked:
//     the dossiers handled in the period (resolved in it, or pending at its end) with a
//     rating in the dissatisfied class. The system has no feedback (phản ánh, kiến
//     nghị) register: Feedback* are zero, and 5.2 and 5.3 marked unavailable.
//   - Digitisation. DossiersRequiringResultDocument and DossiersWithElectronicResult:
//     the report's results_ready and electronic_results (every result of a procedure
//     is a document; an approval signs an electronic one). DossiersDigitised: of the
//     dossiers received in the period, those with at least one paper scanned or
//     uploaded at intake (an attachment of a submit_online, receive, accept_online or
//     supplement_received event); the result condition of the formula holds for every
//     dossier, as approval requires the signed document's SHA-256 (dossier.Decide).
//     Not known here, left zero and marked unavailable (4.3, 4.4, 4.5a, 4.5b, 4.6):
//     certified copies, reuse of data from a store of applicants' digitised papers, the
//     personal data store on the portal, applicant kinds of procedures, and the
//     national population database.
func (db *DB) QualityIndexInputs(ctx context.Context, from, to calendar.Date, unit string) (qualityindex.Inputs, error) {
	in := qualityindex.Inputs{Unavailable: maps.Clone(unavailableIndicators)}
	if to.Before(from) {
		return in, motcua.FieldError(motcua.EINVALID, "to", "request.date_order")
	}
	sum, err := db.ReportSummary(ctx, report.Query{From: from, To: to, Unit: unit, GroupBy: report.ByProcedure})
	if err != nil {
		return in, fmt.Errorf("quality index inputs: %w", err)
	}
	f := sum.Total
	in.ResolvedEarly, in.ResolvedOnTime, in.ResolvedLate = f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate
	in.PendingWithinDeadline, in.PendingOverdue = f.PendingWithinDeadline, f.PendingOverdue
	in.DossiersReceived, in.DossiersOnline = f.Received, f.ReceivedOnline
	in.DossiersWithFees, in.DossiersPaidOnline = f.FeeDossiers, f.PaidOnline
	in.DossiersRequiringResultDocument, in.DossiersWithElectronicResult = f.ResultsReady, f.ElectronicResults

	all, err := db.allProcedures(ctx)
	if err != nil {
		return in, fmt.Errorf("quality index inputs: %w", err)
	}
	byCode := make(map[string]*catalog.Procedure, len(all))
	for i := range all {
		byCode[all[i].Code] = &all[i]
	}
	for _, g := range sum.Groups {
		if p := byCode[g.Key]; p != nil && p.Allows(catalog.ChannelOnlineFull) {
			in.DossiersFullOnlineEligible += g.Received
			in.DossiersFullOnline += g.ReceivedOnlineFull
		}
		if g.FeeDossiers > 0 {
			in.ProceduresWithFeeDossiers++
			if g.PaidOnline > 0 {
				in.ProceduresWithOnlinePayments++
			}
		}
	}

	kind, err := db.unitKind(ctx, unit)
	if err != nil {
		return in, fmt.Errorf("quality index inputs: %w", err)
	}
	for i := range all {
		p := &all[i]
		if !p.Active || (unit != "" && !report.InScope(p, unit, kind)) {
			continue
		}
		in.ProceduresTotal++
		in.ProceduresPublic++
		if len(qualityindex.MissingComponents(p)) == 0 {
			in.ProceduresPublicComplete++
		}
		online := p.Allows(catalog.ChannelOnlineFull) || p.Allows(catalog.ChannelOnlinePartial)
		if online {
			in.ProceduresOnline++
		}
		if len(p.Fees) > 0 {
			in.ProceduresWithFees++
			if online {
				in.ProceduresWithFeesPayableOnline++
			}
		}
	}

	sc, err := db.Ratings().Scale(ctx)
	if err != nil {
		return in, fmt.Errorf("quality index inputs: %w", err)
	}
	groups, err := db.Ratings().RatingCounts(ctx, ratingFilterOf(from, to, unit), "")
	if err != nil {
		return in, fmt.Errorf("quality index inputs: %w", err)
	}
	for _, g := range groups {
		for level, n := range g.Counts {
			switch report.ClassOf(sc, level) {
			case report.ClassVerySatisfied:
				in.RatingsVerySatisfied += int64(n)
			case report.ClassSatisfied:
				in.RatingsSatisfied += int64(n)
			default:
				in.RatingsDissatisfied += int64(n)
			}
		}
	}

	if err := db.qualityReceived(ctx, from, to, unit, &in); err != nil {
		return in, fmt.Errorf("quality index inputs: %w", err)
	}
	if err := db.qualityDisliked(ctx, from, to, unit, sc, &in); err != nil {
		return in, fmt.Errorf("quality index inputs: %w", err)
	}
	return in, nil
}

// unavailableIndicators are the indicators whose counts the one-stop system does not
// hold (see QualityIndexInputs).
var unavailableIndicators = map[string]qualityindex.Unavailable{
	"1.1": {VI: "quyết định công bố TTHC do cơ quan có thẩm quyền ban hành, hệ thống một cửa không lưu ngày công bố và hạn công bố.",
		EN: "procedure publication decisions are issued elsewhere; the one-stop system does not hold their dates and deadlines."},
	"1.2": {VI: "việc cập nhật, công khai TTHC trên CSDL quốc gia về TTHC diễn ra ngoài hệ thống một cửa.",
		EN: "procedures are updated and made public in the national procedure database, outside the one-stop system."},
	"5.2": {VI: "hệ thống chưa có sổ tiếp nhận, xử lý phản ánh, kiến nghị.",
		EN: "the system has no register of feedback and petitions."},
	"5.3": {VI: "hệ thống chưa có sổ tiếp nhận, xử lý phản ánh, kiến nghị.",
		EN: "the system has no register of feedback and petitions."},
	"4.3": {VI: "hệ thống chưa có kho giấy tờ đã số hóa của người nộp để khai thác, sử dụng lại.",
		EN: "the system keeps no store of applicants' digitised papers to reuse."},
	"4.4": {VI: "hệ thống chưa kết nối kho dữ liệu cá nhân trên Cổng Dịch vụ công quốc gia.",
		EN: "the system is not connected to the personal data store of the National Public Service Portal."},
	"4.5a": {VI: "danh mục TTHC chưa ghi đối tượng thực hiện và việc kết nối CSDL quốc gia về dân cư.",
		EN: "the catalogue records neither applicant kinds nor connections to the national population database."},
	"4.5b": {VI: "hệ thống chưa kết nối CSDL quốc gia về dân cư.",
		EN: "the system is not connected to the national population database."},
	"4.6": {VI: "hệ thống chưa cấp bản sao chứng thực điện tử.",
		EN: "the system does not issue electronic certified copies."},
}

// intakeActions are the events whose attachments are the applicant's papers, scanned
// at the counter or uploaded online.
const intakeActions = `'submit_online', 'receive', 'accept_online', 'supplement_received'`

// receiptEventTypes are the outbox event types up to a dossier's receipt.
const receiptEventTypes = `'dossier.submit_online', 'dossier.receive', 'dossier.accept_online'`

// resolvingColumns are two SQL columns from which resolvingUnitOf finds the resolving
// unit of dossier d when the unit filter needs it (else two empty strings): the unit
// of its first processing step run — the first processing step of its plan, the step
// a transfer starts — and, only for a dossier that never reached processing (not yet
// transferred, or withdrawn or cancelled before), its plan as JSON. Reading the plan
// out of every dossier's body would cost seconds over a year of dossiers.
func (db *DB) resolvingColumns(unit string) string {
	if unit == "" {
		return `'', ''`
	}
	plan := `COALESCE(json_extract(d.body, '$.plan'), '')`
	if db.Dialect == Postgres {
		plan = `COALESCE((d.body::jsonb -> 'plan')::text, '')`
	}
	first := `(SELECT st.unit_code FROM dossier_steps st WHERE st.dossier_code = d.code AND st.phase = 'processing' ORDER BY st.run LIMIT 1)`
	return `COALESCE(` + first + `, ''), CASE WHEN ` + first + ` IS NULL THEN ` + plan + ` ELSE '' END`
}

// resolvingUnitOf returns report.ResolvingUnit of the dossier received at recv, from
// the columns of resolvingColumns.
func resolvingUnitOf(recv, firstRun, plan string) (string, error) {
	if firstRun != "" {
		return firstRun, nil
	}
	d := dossier.Dossier{UnitCode: recv}
	if plan != "" && plan != "null" {
		if err := json.Unmarshal([]byte(plan), &d.Plan); err != nil {
			return "", fmt.Errorf("plan: %w", err)
		}
	}
	return report.ResolvingUnit(&d), nil
}

// qualityReceived counts, over the dossiers received in the period (of unit's
// resolving unit), those synchronised and those digitised.
func (db *DB) qualityReceived(ctx context.Context, from, to calendar.Date, unit string, in *qualityindex.Inputs) error {
	rows, err := db.QueryContext(ctx, `SELECT d.code, d.unit_code, `+db.resolvingColumns(unit)+`,
		EXISTS (SELECT 1 FROM dossier_attachments a WHERE a.dossier_code = d.code AND a.kind IN (`+intakeActions+`)),
		EXISTS (SELECT 1 FROM outbox o WHERE o.aggregate = d.code AND o.published_at IS NULL AND o.event_type IN (`+receiptEventTypes+`))
		FROM dossiers d WHERE d.received_at >= $1 AND d.received_at < $2`, from.Time().UTC(), to.AddDays(1).Time().UTC())
	if err != nil {
		return fmt.Errorf("dossiers received: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var code, recv, firstRun, plan string
		var digitised, unsynced bool
		if err := rows.Scan(&code, &recv, &firstRun, &plan, &digitised, &unsynced); err != nil {
			return fmt.Errorf("dossiers received: %w", err)
		}
		if unit != "" {
			if u, err := resolvingUnitOf(recv, firstRun, plan); err != nil {
				return fmt.Errorf("dossier %s: %w", code, err)
			} else if u != unit {
				continue
			}
		}
		if !unsynced {
			in.DossiersSynced++
		}
		if digitised {
			in.DossiersDigitised++
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("dossiers received: %w", mapErr(err))
	}
	return nil
}

// qualityDisliked counts the dossiers handled in the period — resolved in it, or
// received and neither resolved nor withdrawn or cancelled by its end — that were
// rated in the dissatisfied class (each dossier once, whenever the rating was given).
func (db *DB) qualityDisliked(ctx context.Context, from, to calendar.Date, unit string, sc rating.Scale, in *qualityindex.Inputs) error {
	start, end := from.Time().UTC(), to.AddDays(1).Time().UTC()
	rows, err := db.QueryContext(ctx, `SELECT d.code, d.unit_code, `+db.resolvingColumns(unit)+`, r.level
		FROM ratings r JOIN dossiers d ON d.code = r.dossier_code
		WHERE d.received_at IS NOT NULL AND d.received_at < $2
		AND ((d.completed_at >= $1 AND d.completed_at < $2)
			OR ((d.completed_at IS NULL OR d.completed_at >= $2) AND (d.closed_at IS NULL OR d.closed_at >= $2)))`, start, end)
	if err != nil {
		return fmt.Errorf("rated dossiers: %w", mapErr(err))
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var code, recv, firstRun, plan, level string
		if err := rows.Scan(&code, &recv, &firstRun, &plan, &level); err != nil {
			return fmt.Errorf("rated dossiers: %w", err)
		}
		if seen[code] || report.ClassOf(sc, level) != report.ClassDissatisfied {
			continue
		}
		if unit != "" {
			if u, err := resolvingUnitOf(recv, firstRun, plan); err != nil {
				return fmt.Errorf("dossier %s: %w", code, err)
			} else if u != unit {
				continue
			}
		}
		seen[code] = true
		in.DossiersComplainedOrDisliked++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rated dossiers: %w", mapErr(err))
	}
	return nil
}
