package qualityindex

import (
	"math"
	"strconv"
	"strings"
)

// Inputs are the counts for one unit (or the whole centre) and one period. All
// counts are of distinct things in the period; negative values count as zero.
// Counts the system cannot know (those kept by the national portal or the
// national databases) may be left at zero: the indicators that need them are
// then marked not applicable rather than scored zero.
type Inputs struct {
	// Public information (Công khai, minh bạch).

	// ProceduresPublished is the number of procedures in publication decisions
	// (quyết định công bố: new, amended or abolished) dated in the period, each
	// counted once.
	ProceduresPublished int64
	// ProceduresPublishedOnTime is how many of them were published on time
	// (by the effective date of their legal basis less 5 working days for a
	// province, 20 for a ministry).
	ProceduresPublishedOnTime int64
	// ProceduresToUpdate is the number of procedures that had to be updated
	// and made public in the national procedure database in the period.
	ProceduresToUpdate int64
	// ProceduresUpdatedOnTime is how many of them were made public on time
	// (within 5 working days of the decision for a province, 10 for a ministry).
	ProceduresUpdatedOnTime int64
	// ProceduresPublic is the number of procedures currently public.
	ProceduresPublic int64
	// ProceduresPublicComplete is how many of them carry every component
	// required by Art. 8(2) of Decree 63/2010/NĐ-CP (name, steps, channels,
	// dossier components, time limit, applicants, agency).
	ProceduresPublicComplete int64
	// DossiersReceived is the number of dossiers received in the period.
	DossiersReceived int64
	// DossiersSynced is how many of those were synchronised to the National
	// Public Service Portal.
	DossiersSynced int64

	// Processing progress (Tiến độ giải quyết). Dossiers handled in the period:
	// resolved in it, or still pending at its end.

	// ResolvedEarly is the number of dossiers resolved before the due time.
	ResolvedEarly int64
	// ResolvedOnTime is the number resolved at or just before the due time
	// (not early, not late).
	ResolvedOnTime int64
	// ResolvedLate is the number resolved after the due time.
	ResolvedLate int64
	// PendingWithinDeadline is the number still pending and not yet due.
	PendingWithinDeadline int64
	// PendingOverdue is the number still pending and already overdue.
	PendingOverdue int64

	// Online public services (Dịch vụ công trực tuyến).

	// ProceduresTotal is the number of procedures within the unit's competence.
	ProceduresTotal int64
	// ProceduresOnline is how many of them have a partial or full online
	// public service.
	ProceduresOnline int64
	// DossiersFullOnlineEligible is the number of dossiers received for
	// procedures eligible for a full online service (toàn trình).
	DossiersFullOnlineEligible int64
	// DossiersFullOnline is how many of those were handled fully online.
	DossiersFullOnline int64
	// DossiersOnline is the number of dossiers received online (any level).
	DossiersOnline int64

	// Online payment (Thanh toán trực tuyến).

	// ProceduresWithFees is the number of procedures with fees or charges.
	ProceduresWithFees int64
	// ProceduresWithFeesPayableOnline is how many of them can be paid online
	// through the national portal's payment platform.
	ProceduresWithFeesPayableOnline int64
	// ProceduresWithFeeDossiers is the number of fee-bearing procedures that
	// had at least one dossier with fees in the period.
	ProceduresWithFeeDossiers int64
	// ProceduresWithOnlinePayments is how many of those had at least one
	// successful online payment in the period.
	ProceduresWithOnlinePayments int64
	// DossiersWithFees is the number of dossiers of the period with a non-zero
	// fee or charge.
	DossiersWithFees int64
	// DossiersPaidOnline is how many of them were paid online.
	DossiersPaidOnline int64

	// Satisfaction (Mức độ hài lòng).

	// FeedbackReceived is the number of feedback and petitions (phản ánh,
	// kiến nghị) first received in the period.
	FeedbackReceived int64
	// FeedbackHandledOnTime is how many were handled, or are being handled,
	// within their time limit.
	FeedbackHandledOnTime int64
	// FeedbackUnsatisfied is how many ended unsatisfied: rated dissatisfied,
	// raised again about the answer, or handled late (each counted once).
	FeedbackUnsatisfied int64
	// DossiersComplainedOrDisliked is the number of dossiers handled in the
	// period that drew feedback or a "dissatisfied" rating, each counted once.
	DossiersComplainedOrDisliked int64
	// RatingsVerySatisfied, RatingsSatisfied and RatingsDissatisfied count the
	// ratings given in the period at each level.
	RatingsVerySatisfied, RatingsSatisfied, RatingsDissatisfied int64

	// Digitisation (Số hóa hồ sơ).

	// DossiersRequiringResultDocument is the number of dossiers of procedures
	// whose result is a document or paper.
	DossiersRequiringResultDocument int64
	// DossiersWithElectronicResult is how many of them were given an
	// electronic result.
	DossiersWithElectronicResult int64
	// DossiersDigitised is the number of dossiers received whose components
	// were digitised and, where the procedure's result is a document, whose
	// result was issued electronically.
	DossiersDigitised int64
	// CertificationDossiers is the number of requests to certify copies from
	// originals (chứng thực bản sao từ bản chính).
	CertificationDossiers int64
	// CertificationElectronic is how many of them were issued as electronic
	// certified copies.
	CertificationElectronic int64
	// DossiersReusingData is the number of dossiers received with at least one
	// component reused from digitised data instead of being submitted again.
	DossiersReusingData int64
	// DossiersSharedToPersonalStore is the number of dossiers received with a
	// component taken from, or an electronic result pushed to, the applicant's
	// personal data store on the national portal.
	DossiersSharedToPersonalStore int64
	// ProceduresForCitizens is the number of procedures whose applicants are
	// individuals.
	ProceduresForCitizens int64
	// ProceduresPopulationDataConnected is how many of them use the national
	// population database (VNeID accounts or population data).
	ProceduresPopulationDataConnected int64
	// DossiersUsingPopulationData is the number of dossiers received that used
	// data from the national population database.
	DossiersUsingPopulationData int64

	// Unavailable marks indicators, by code, whose counts the data source does not
	// hold, with the reason: they are not applicable (shown with the reason) even
	// when their denominator is known, instead of being scored zero.
	Unavailable map[string]Unavailable
}

// GroupID identifies a component group of the index.
type GroupID string

// The six groups, in the order the national portal shows them.
const (
	GroupTransparency  GroupID = "transparency"   // Công khai, minh bạch — 18 points
	GroupProgress      GroupID = "progress"       // Tiến độ giải quyết — 20 points
	GroupOnlineService GroupID = "online-service" // Dịch vụ công trực tuyến — 12 points
	GroupOnlinePayment GroupID = "online-payment" // Thanh toán trực tuyến — 10 points
	GroupSatisfaction  GroupID = "satisfaction"   // Mức độ hài lòng — 18 points
	GroupDigitisation  GroupID = "digitisation"   // Số hóa hồ sơ — 22 points
)

// Indicator is one computed indicator with everything the UI needs to show
// "the formula".
type Indicator struct {
	// Code is the indicator's number in the Government Office's formula
	// document ("2.1"); codes the document does not give are marked in
	// Assumption.
	Code string
	// NameVI and NameEN name the indicator.
	NameVI, NameEN string
	// MaxPoints is the indicator's maximum; 0 means monitored, not scored.
	MaxPoints float64
	// Threshold is the rate from which the maximum is earned (0.8 for 80 %);
	// 0 means points grow linearly with the rate.
	Threshold float64
	// FormulaVI and FormulaEN state the formula in words.
	FormulaVI, FormulaEN string
	// Numerator and Denominator are the counts plugged in (after negative
	// inputs were taken as zero). For 5.4, whose formula is not a single
	// fraction, Numerator is the dossiers neither late nor complained about.
	Numerator, Denominator int64
	// Applicable is false when the denominator is zero; Rate and Points are
	// then zero and must be shown as "không áp dụng", not as 0.
	Applicable bool
	// Rate is the indicator's rate in [0, 1].
	Rate float64
	// Points is the score earned, rounded to two decimals (0 when monitored).
	Points float64
	// WorkingVI and WorkingEN show the numbers plugged into the formula and
	// the points, e.g. "9.850 / 10.000 × 100% = 98,5%; điểm = 98,5% × 20 = 19,7".
	WorkingVI, WorkingEN string
	// Basis says where the formula and points come from.
	Basis string
	// Assumption is non-empty when the formula, threshold or code is our
	// reading rather than found in a source; it says what was assumed.
	Assumption string
}

// Group is a component group with its indicators.
type Group struct {
	// ID identifies the group.
	ID GroupID
	// NameVI and NameEN name the group.
	NameVI, NameEN string
	// MaxPoints is the group's nominal maximum.
	MaxPoints float64
	// ApplicableMax is the maximum of the group's applicable scored indicators.
	ApplicableMax float64
	// Points is the sum of the indicators' points.
	Points float64
	// Indicators are in the order of the formula document.
	Indicators []Indicator
}

// Result is the computed index.
type Result struct {
	// Groups are in the portal's order: transparency, progress, online
	// service, online payment, satisfaction, digitisation.
	Groups []Group
	// Points is the total earned, the sum of the groups' points.
	Points float64
	// MaxPoints is the nominal maximum, 100.
	MaxPoints float64
	// ApplicableMax is the maximum of the applicable scored indicators.
	ApplicableMax float64
	// Score100 is Points rescaled to 100 over ApplicableMax (our convention
	// for periods where some indicators are not applicable); 0 when nothing
	// is applicable.
	Score100 float64
}

// Group returns the group with the given id and whether it exists.
func (r Result) Group(id GroupID) (Group, bool) {
	for _, g := range r.Groups {
		if g.ID == id {
			return g, true
		}
	}
	return Group{}, false
}

// Indicator returns the indicator with the given code and whether it exists.
func (r Result) Indicator(code string) (Indicator, bool) {
	for _, g := range r.Groups {
		for _, ind := range g.Indicators {
			if ind.Code == code {
				return ind, true
			}
		}
	}
	return Indicator{}, false
}

// Compute computes the index from in.
func Compute(in Inputs) Result {
	res := Result{}
	for _, gs := range groupSpecs {
		g := Group{ID: gs.id, NameVI: gs.nameVI, NameEN: gs.nameEN, MaxPoints: gs.max}
		for _, s := range specs {
			if s.group != gs.id {
				continue
			}
			ind := s.compute(in)
			g.Indicators = append(g.Indicators, ind)
			if ind.Applicable && ind.MaxPoints > 0 {
				g.ApplicableMax += ind.MaxPoints
				g.Points += ind.Points
			}
		}
		g.Points = round2(g.Points)
		res.Groups = append(res.Groups, g)
		res.MaxPoints += g.MaxPoints
		res.ApplicableMax += g.ApplicableMax
		res.Points += g.Points
	}
	res.Points = round2(res.Points)
	if res.ApplicableMax > 0 {
		res.Score100 = round2(res.Points / res.ApplicableMax * 100)
	}
	return res
}

// compute evaluates one indicator.
func (s spec) compute(in Inputs) Indicator {
	ind := Indicator{
		Code: s.code, NameVI: s.nameVI, NameEN: s.nameEN,
		MaxPoints: s.max, Threshold: s.threshold,
		FormulaVI: s.formulaVI, FormulaEN: s.formulaEN,
		Basis: s.basis, Assumption: s.assumption,
	}
	if u, ok := in.Unavailable[s.code]; ok {
		ind.WorkingVI = "Không áp dụng: " + u.VI
		ind.WorkingEN = "Not applicable: " + u.EN
		return ind
	}
	var rateVI, rateEN string
	if s.custom != nil {
		c := s.custom(in)
		ind.Numerator, ind.Denominator = c.num, c.den
		ind.Applicable = c.den > 0
		ind.Rate = clamp01(c.rate)
		rateVI, rateEN = c.workingVI, c.workingEN
	} else {
		num, den := pos(s.num(in)), pos(s.den(in))
		ind.Numerator, ind.Denominator = num, den
		ind.Applicable = den > 0
		if ind.Applicable {
			ind.Rate = clamp01(float64(num) / float64(den))
			rateVI = intVI(num) + " / " + intVI(den) + " × 100% = " + pctVI(ind.Rate)
			rateEN = intEN(num) + " / " + intEN(den) + " × 100% = " + pctEN(ind.Rate)
			if num > den {
				rateVI += " (tử số lớn hơn mẫu số, tính 100%)"
				rateEN += " (numerator exceeds denominator, capped at 100%)"
			}
		}
	}
	if !ind.Applicable {
		ind.Rate = 0
		ind.WorkingVI = "Mẫu số bằng 0: chỉ số không áp dụng trong kỳ."
		ind.WorkingEN = "The denominator is zero: not applicable in this period."
		return ind
	}
	if s.max <= 0 {
		ind.WorkingVI = rateVI + "; chỉ số theo dõi, không tính điểm."
		ind.WorkingEN = rateEN + "; monitored, not scored."
		return ind
	}
	switch {
	case s.threshold > 0 && ind.Rate >= s.threshold:
		ind.Points = s.max
		ind.WorkingVI = rateVI + "; " + pctVI(ind.Rate) + " ≥ " + pctVI(s.threshold) + " nên đạt tối đa " + numVI(s.max) + " điểm"
		ind.WorkingEN = rateEN + "; " + pctEN(ind.Rate) + " ≥ " + pctEN(s.threshold) + " earns the maximum " + numEN(s.max) + " points"
	case s.threshold > 0:
		ind.Points = round2(ind.Rate / s.threshold * s.max)
		ind.WorkingVI = rateVI + "; điểm = " + pctVI(ind.Rate) + " × " + numVI(s.max) + " / " + pctVI(s.threshold) + " = " + numVI(ind.Points)
		ind.WorkingEN = rateEN + "; points = " + pctEN(ind.Rate) + " × " + numEN(s.max) + " / " + pctEN(s.threshold) + " = " + numEN(ind.Points)
	default:
		ind.Points = round2(ind.Rate * s.max)
		ind.WorkingVI = rateVI + "; điểm = " + pctVI(ind.Rate) + " × " + numVI(s.max) + " = " + numVI(ind.Points)
		ind.WorkingEN = rateEN + "; points = " + pctEN(ind.Rate) + " × " + numEN(s.max) + " = " + numEN(ind.Points)
	}
	return ind
}

func pos(v int64) int64 {
	if v < 0 {
		return 0
	}
	return v
}

func clamp01(v float64) float64 {
	if math.IsNaN(v) || v < 0 {
		return 0
	}
	return math.Min(v, 1)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// number formatting for the working text: Vietnamese "1.234,5" and English
// "1,234.5"; rates with up to two decimals, points with up to two.

func group3(s, sep string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func fmtNum(v float64, thou, dec string) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	i, f, _ := strings.Cut(s, ".")
	f = strings.TrimRight(f, "0")
	out := group3(i, thou)
	if f != "" {
		out += dec + f
	}
	if v < 0 && out != "0" {
		out = "-" + out
	}
	return out
}

func intVI(v int64) string   { return group3(strconv.FormatInt(v, 10), ".") }
func intEN(v int64) string   { return group3(strconv.FormatInt(v, 10), ",") }
func numVI(v float64) string { return fmtNum(v, ".", ",") }
func numEN(v float64) string { return fmtNum(v, ",", ".") }
func pctVI(r float64) string { return numVI(r*100) + "%" }
func pctEN(r float64) string { return numEN(r*100) + "%" }
