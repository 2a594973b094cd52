package report

import (
	"fmt"
	"math"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/tablexport"
)

// Label is a text in Vietnamese and English.
type Label struct{ VI, EN string }

// In returns the label in lang ("en" gives English, anything else Vietnamese).
func (l Label) In(lang string) string {
	if lang == "en" && l.EN != "" {
		return l.EN
	}
	return l.VI
}

// PeriodicRow is one line of the official periodic report: a unit or a field, or the
// total. The column numbers of the form are given in brackets; the identities
// (3) = (4) + (5) + (6), (7) = (8) + (9) + (10) and (11) = (12) + (13) hold by
// construction.
type PeriodicRow struct {
	// Key is the unit or field code ("" for the total line, and for dossiers whose
	// procedure has no field); Name its name in the report's language.
	Key  string `json:"key"`
	Name string `json:"name"`
	// ReceivedTotal (3): dossiers to resolve in the period = carried over (4) + newly
	// received online (5) + newly received directly or by post (6).
	ReceivedTotal  int64 `json:"received_total"`
	CarriedOver    int64 `json:"carried_over"`
	ReceivedOnline int64 `json:"received_online"`
	ReceivedDirect int64 `json:"received_direct_or_post"`
	// Resolved (7) = early (8) + on time (9) + late (10), completed in the period.
	Resolved       int64 `json:"resolved"`
	ResolvedEarly  int64 `json:"resolved_early"`
	ResolvedOnTime int64 `json:"resolved_on_time"`
	ResolvedLate   int64 `json:"resolved_late"`
	// Pending (11) at the end of the period = within the deadline (12) + overdue (13).
	Pending               int64 `json:"pending"`
	PendingWithinDeadline int64 `json:"pending_within_deadline"`
	PendingOverdue        int64 `json:"pending_overdue"`
	// OnTimeRate (14) = ((8) + (9)) / (7) in percent, two decimals; null when nothing
	// was resolved. Not a column of the Circular's form, but published with it by
	// every centre (the seeds' "99,68% đúng hạn").
	OnTimeRate *float64 `json:"on_time_rate"`
}

// periodicRow takes the columns of the form from a group's figures.
func periodicRow(key, name string, f Figures) PeriodicRow {
	return PeriodicRow{
		Key: key, Name: name,
		ReceivedTotal: f.CarriedOver + f.Received, CarriedOver: f.CarriedOver,
		ReceivedOnline: f.ReceivedOnline, ReceivedDirect: f.Received - f.ReceivedOnline,
		Resolved: f.Resolved, ResolvedEarly: f.ResolvedEarly, ResolvedOnTime: f.ResolvedOnTime, ResolvedLate: f.ResolvedLate,
		Pending: f.Pending, PendingWithinDeadline: f.PendingWithinDeadline, PendingOverdue: f.PendingOverdue,
		OnTimeRate: f.OnTimeRate,
	}
}

// Periodic is the official periodic report on handling administrative procedures
// ("Tình hình, kết quả giải quyết thủ tục hành chính"), the form the annex of Circular
// 01/2020/TT-VPCP prescribes for the periodic reports of Decree 61/2018/NĐ-CP (now
// Decree 118/2025/NĐ-CP): per unit or per field, the dossiers received (carried over,
// newly received online and directly or by post), resolved (early, on time, late) and
// pending (within the deadline, overdue), with a total line.
type Periodic struct {
	From    calendar.Date `json:"from"`
	To      calendar.Date `json:"to"`
	GroupBy GroupBy       `json:"group_by"`
	Rows    []PeriodicRow `json:"rows"`
	Total   PeriodicRow   `json:"total"`
}

// NewPeriodic builds the periodic report from a summary grouped by unit or field
// (Assemble: the total line comes from the summed sums, so its rate is the exact rate
// of the whole, never a sum or average of rounded figures). name gives the name of a
// unit or field code in the report's language; totalName names the total line.
func NewPeriodic(s *Summary, name func(key string) string, totalName string) (*Periodic, error) {
	if s.GroupBy != ByUnit && s.GroupBy != ByField {
		return nil, fmt.Errorf("periodic report: grouped by %q, want unit or field", s.GroupBy)
	}
	p := &Periodic{From: s.From, To: s.To, GroupBy: s.GroupBy, Rows: make([]PeriodicRow, 0, len(s.Groups))}
	for _, g := range s.Groups {
		p.Rows = append(p.Rows, periodicRow(g.Key, name(g.Key), g.Figures))
	}
	p.Total = periodicRow("", totalName, s.Total)
	return p, nil
}

// Periodic report texts: the title and the column headers of the form, in Vietnamese
// (the Circular's wording) and English.
var (
	PeriodicTitle  = Label{"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "HANDLING OF ADMINISTRATIVE PROCEDURES: SITUATION AND RESULTS"}
	PeriodicTotal  = Label{"Tổng cộng", "Total"}
	PeriodicNoName = Label{"Chưa xác định", "Not specified"}
	periodicNo     = Label{"STT", "No."}
	periodicUnit   = Label{"Cơ quan, đơn vị", "Agency, unit"}
	periodicField  = Label{"Lĩnh vực giải quyết", "Field"}
	periodicRecv   = Label{"Số hồ sơ nhận giải quyết", "Dossiers to resolve"}
	periodicDone   = Label{"Kết quả giải quyết", "Resolved"}
	periodicOpen   = Label{"Số hồ sơ đang giải quyết", "Pending"}
	periodicRate   = Label{"Tỷ lệ giải quyết trước hạn và đúng hạn", "Resolved early or on time"}
	periodicSum    = Label{"Tổng số", "Total"}
	periodicPrev   = Label{"Từ kỳ trước chuyển qua", "Carried over"}
	periodicNew    = Label{"Mới tiếp nhận", "Newly received"}
	periodicOnline = Label{"Trực tuyến", "Online"}
	periodicDirect = Label{"Trực tiếp, bưu chính", "In person, by post"}
	periodicEarly  = Label{"Trước hạn", "Early"}
	periodicOnTime = Label{"Đúng hạn", "On time"}
	periodicLate   = Label{"Quá hạn", "Late"}
	periodicWithin = Label{"Trong hạn", "Within deadline"}
	periodicOver   = Label{"Quá hạn", "Overdue"}
)

// PeriodicColumnNumbers are the numbers of the 14 columns with the identities between
// them, written under the headers as official forms do.
var PeriodicColumnNumbers = []string{"(1)", "(2)", "(3)=(4)+(5)+(6)", "(4)", "(5)", "(6)", "(7)=(8)+(9)+(10)", "(8)", "(9)", "(10)", "(11)=(12)+(13)", "(12)", "(13)", "(14)=((8)+(9))/(7)"}

// Header returns the header rows of the form in lang: the three groups over their
// sub-columns, then the column numbers.
func (p *Periodic) Header(lang string) [][]tablexport.HeaderCell {
	h := func(l Label, cs, rs int) tablexport.HeaderCell {
		return tablexport.HeaderCell{Text: l.In(lang), ColSpan: cs, RowSpan: rs}
	}
	first := periodicUnit
	if p.GroupBy == ByField {
		first = periodicField
	}
	nums := make([]tablexport.HeaderCell, len(PeriodicColumnNumbers))
	for i, n := range PeriodicColumnNumbers {
		nums[i] = tablexport.HeaderCell{Text: n}
	}
	return [][]tablexport.HeaderCell{
		{h(periodicNo, 1, 3), h(first, 1, 3), h(periodicRecv, 4, 1), h(periodicDone, 4, 1), h(periodicOpen, 3, 1), h(periodicRate, 1, 3)},
		{h(periodicSum, 1, 2), h(periodicPrev, 1, 2), h(periodicNew, 2, 1),
			h(periodicSum, 1, 2), h(periodicEarly, 1, 2), h(periodicOnTime, 1, 2), h(periodicLate, 1, 2),
			h(periodicSum, 1, 2), h(periodicWithin, 1, 2), h(periodicOver, 1, 2)},
		{h(periodicOnline, 1, 1), h(periodicDirect, 1, 1)},
		nums,
	}
}

// PercentCell returns a rate in percent (99.68) as a table cell holding the fraction
// (0.9968); an undefined rate (nil) becomes a cell written "–".
func PercentCell(v *float64) tablexport.Cell {
	if v == nil {
		return tablexport.PercentCell(math.NaN())
	}
	return tablexport.PercentCell(*v / 100)
}

func (r PeriodicRow) cells(no tablexport.Cell) []tablexport.Cell {
	n := tablexport.IntCell
	return []tablexport.Cell{no, tablexport.TextCell(r.Name),
		n(r.ReceivedTotal), n(r.CarriedOver), n(r.ReceivedOnline), n(r.ReceivedDirect),
		n(r.Resolved), n(r.ResolvedEarly), n(r.ResolvedOnTime), n(r.ResolvedLate),
		n(r.Pending), n(r.PendingWithinDeadline), n(r.PendingOverdue), PercentCell(r.OnTimeRate)}
}

// PeriodFormat writes the period of a report: "Từ ngày 01/01/2026 đến ngày
// 31/03/2026", "From 01/01/2026 to 31/03/2026".
func PeriodFormat(lang string, from, to calendar.Date) string {
	d := func(x calendar.Date) string { return fmt.Sprintf("%02d/%02d/%04d", x.Day, int(x.Month), x.Year) }
	if lang == "en" {
		return "From " + d(from) + " to " + d(to)
	}
	return "Từ ngày " + d(from) + " đến ngày " + d(to)
}

// Table returns the report as a table in lang — the form's headers, one numbered line
// per unit or field and the total line — for the page, XLSX and CSV alike. notes are
// written under the table (the legal basis, the unit that compiled it); generated is
// the time the figures were read (zero leaves it out).
func (p *Periodic) Table(lang string, generated time.Time, notes ...string) tablexport.Table {
	t := tablexport.Table{
		Title: PeriodicTitle.In(lang), Period: PeriodFormat(lang, p.From, p.To), GeneratedAt: generated,
		Sheet: Label{"Tình hình giải quyết TTHC", "Procedures handled"}.In(lang), Header: p.Header(lang),
		TotalRows: 1, Notes: notes, Widths: []float64{6, 40},
	}
	for i, r := range p.Rows {
		t.Rows = append(t.Rows, r.cells(tablexport.IntCell(int64(i+1))))
	}
	t.Rows = append(t.Rows, p.Total.cells(tablexport.TextCell("")))
	return t
}

// Preset names a usual reporting period.
type Preset string

// Reporting period presets, each ending today at the latest (figures of days to come
// do not exist yet, and a pending count at a future day would count every dossier due
// before it as overdue).
const (
	PresetMonth     Preset = "month"      // this month up to today
	PresetPrevMonth Preset = "prev_month" // the whole previous month
	PresetQuarter   Preset = "quarter"    // this quarter up to today
	PresetHalfYear  Preset = "half_year"  // this half-year (January–June or July–December) up to today
	PresetYear      Preset = "year"       // this year up to today
)

// Presets lists the presets in the order a form offers them.
var Presets = []Preset{PresetMonth, PresetPrevMonth, PresetQuarter, PresetHalfYear, PresetYear}

// Period returns the days [from, to] of preset p on day today; ok is false for an
// unknown preset.
func (p Preset) Period(today calendar.Date) (from, to calendar.Date, ok bool) {
	y, m := today.Year, today.Month
	switch p {
	case PresetMonth:
		return calendar.D(y, m, 1), today, true
	case PresetPrevMonth:
		first := calendar.D(y, m, 1)
		last := first.AddDays(-1)
		return calendar.D(last.Year, last.Month, 1), last, true
	case PresetQuarter:
		return calendar.D(y, time.Month((int(m)-1)/3*3+1), 1), today, true
	case PresetHalfYear:
		return calendar.D(y, time.Month((int(m)-1)/6*6+1), 1), today, true
	case PresetYear:
		return calendar.D(y, time.January, 1), today, true
	}
	return calendar.Date{}, calendar.Date{}, false
}
