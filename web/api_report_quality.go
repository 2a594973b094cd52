package web

import (
	"math"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/qualityindex"
)

// qualityIndicatorJSON is one indicator of the index as the API shows it: the formula
// in both languages, the numbers plugged in, the rate and the points (null when the
// indicator is not applicable; Working then gives the reason).
type qualityIndicatorJSON struct {
	Code        string   `json:"code"`
	NameVI      string   `json:"name_vi"`
	NameEN      string   `json:"name_en"`
	MaxPoints   float64  `json:"max_points"`
	Scored      bool     `json:"scored"`
	Threshold   *float64 `json:"threshold"`
	FormulaVI   string   `json:"formula_vi"`
	FormulaEN   string   `json:"formula_en"`
	Numerator   int64    `json:"numerator"`
	Denominator int64    `json:"denominator"`
	Applicable  bool     `json:"applicable"`
	Rate        *float64 `json:"rate"`
	Points      *float64 `json:"points"`
	WorkingVI   string   `json:"working_vi"`
	WorkingEN   string   `json:"working_en"`
	Basis       string   `json:"basis"`
	Assumption  string   `json:"assumption,omitempty"`
}

// qualityGroupJSON is one group of the index.
type qualityGroupJSON struct {
	ID            qualityindex.GroupID   `json:"id"`
	NameVI        string                 `json:"name_vi"`
	NameEN        string                 `json:"name_en"`
	MaxPoints     float64                `json:"max_points"`
	ApplicableMax float64                `json:"applicable_max"`
	Points        float64                `json:"points"`
	Indicators    []qualityIndicatorJSON `json:"indicators"`
}

// qualityIndexJSON is the answer of GET /reports/quality-index.
type qualityIndexJSON struct {
	From          calendar.Date      `json:"from"`
	To            calendar.Date      `json:"to"`
	Unit          string             `json:"unit"`
	Points        float64            `json:"points"`
	MaxPoints     float64            `json:"max_points"`
	ApplicableMax float64            `json:"applicable_max"`
	Score100      *float64           `json:"score_100"`
	Groups        []qualityGroupJSON `json:"groups"`
}

// rate100 is a rate in [0, 1] as a percentage rounded to two decimals.
func rate100(r float64) float64 { return math.Round(r*10000) / 100 }

// qualityJSON converts a computed index.
func qualityJSON(from, to calendar.Date, unit string, res qualityindex.Result) qualityIndexJSON {
	out := qualityIndexJSON{From: from, To: to, Unit: unit, Points: res.Points, MaxPoints: res.MaxPoints,
		ApplicableMax: res.ApplicableMax, Groups: []qualityGroupJSON{}}
	if res.ApplicableMax > 0 {
		v := res.Score100
		out.Score100 = &v
	}
	for _, g := range res.Groups {
		gj := qualityGroupJSON{ID: g.ID, NameVI: g.NameVI, NameEN: g.NameEN, MaxPoints: g.MaxPoints, ApplicableMax: g.ApplicableMax,
			Points: g.Points, Indicators: []qualityIndicatorJSON{}}
		for _, ind := range g.Indicators {
			ij := qualityIndicatorJSON{Code: ind.Code, NameVI: ind.NameVI, NameEN: ind.NameEN, MaxPoints: ind.MaxPoints,
				Scored: ind.MaxPoints > 0, FormulaVI: ind.FormulaVI, FormulaEN: ind.FormulaEN, Numerator: ind.Numerator,
				Denominator: ind.Denominator, Applicable: ind.Applicable, WorkingVI: ind.WorkingVI, WorkingEN: ind.WorkingEN,
				Basis: ind.Basis, Assumption: ind.Assumption}
			if ind.Threshold > 0 {
				t := rate100(ind.Threshold)
				ij.Threshold = &t
			}
			if ind.Applicable {
				r, p := rate100(ind.Rate), ind.Points
				ij.Rate = &r
				if ij.Scored {
					ij.Points = &p
				}
			}
			gj.Indicators = append(gj.Indicators, ij)
		}
		out.Groups = append(out.Groups, gj)
	}
	return out
}

// qualityIndex reads the period and unit of a quality request and computes the index.
func (s *Server) qualityIndex(r *http.Request) (from, to calendar.Date, unit string, res qualityindex.Result, err error) {
	if from, to, err = s.reportPeriod(r); err != nil {
		return
	}
	if unit, err = reportScope(r, strings.TrimSpace(r.URL.Query().Get("unit")), ""); err != nil {
		return
	}
	in, err := s.DB.QualityIndexInputs(r.Context(), from, to, unit)
	if err != nil {
		return
	}
	return from, to, unit, qualityindex.Compute(in), nil
}

// apiReportQualityIndex answers GET /reports/quality-index: the service-quality index
// of Decision 766/QĐ-TTg for the days from..to and the unit (default the actor's),
// every indicator with its formula, the numbers plugged in, its rate and points.
func (s *Server) apiReportQualityIndex(w http.ResponseWriter, r *http.Request) error {
	from, to, unit, res, err := s.qualityIndex(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, qualityJSON(from, to, unit, res))
	return nil
}

// apiReportSatisfaction answers GET /reports/satisfaction: the ratings of the days
// from..to per level and per class (very satisfied, satisfied, dissatisfied) with
// their shares, in total and, with group_by=unit, per unit the ratings are attributed
// to.
func (s *Server) apiReportSatisfaction(w http.ResponseWriter, r *http.Request) error {
	from, to, err := s.reportPeriod(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	unit, err := reportScope(r, strings.TrimSpace(q.Get("unit")), "")
	if err != nil {
		return err
	}
	groupBy := strings.TrimSpace(q.Get("group_by"))
	if groupBy != "" && groupBy != "none" && groupBy != "unit" {
		return motcua.FieldError(motcua.EINVALID, "group_by", "report.satisfaction_group_by_invalid")
	}
	total, err := s.DB.ReportSatisfaction(r.Context(), from, to, unit)
	if err != nil {
		return err
	}
	out := map[string]any{"from": from, "to": to, "unit": unit, "total": total}
	if groupBy == "unit" {
		groups, err := s.DB.ReportSatisfactionByUnit(r.Context(), from, to, unit)
		if err != nil {
			return err
		}
		out["group_by"], out["groups"] = groupBy, groups
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiReportProcedureCoverage answers GET /reports/procedure-coverage: the active
// procedures received at the centre (or of the unit), those handled fully at the
// one-stop department ("4 tại chỗ") and those offered online, with their shares.
func (s *Server) apiReportProcedureCoverage(w http.ResponseWriter, r *http.Request) error {
	unit, err := reportScope(r, strings.TrimSpace(r.URL.Query().Get("unit")), "")
	if err != nil {
		return err
	}
	c, err := s.DB.ProcedureCoverage(r.Context(), unit)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}
