package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// qualityIndicatorView is one indicator line of the quality-index page, with its
// numbers already written in the page's language.
type qualityIndicatorView struct {
	Code, Name, Formula, Working string
	Applicable, Scored           bool
	Rate, Points, Max, Threshold string
	Basis, Assumption            string
}

// qualityGroupView is one group of the page.
type qualityGroupView struct {
	ID                         string
	Name                       string
	Points, Max, ApplicableMax string
	AllNotApplicable           bool
	Indicators                 []qualityIndicatorView
}

// qualityPageView is the data of the quality-index page.
type qualityPageView struct {
	From, To                   string
	FromText, ToText           string
	Unit                       string
	UnitName                   string
	Units                      []unitOption
	AllUnits                   bool
	Points, Max, ApplicableMax string
	Score100                   string
	Groups                     []qualityGroupView
	APIQuery                   string
}

// decimal writes v with at most two decimals, with the decimal comma in Vietnamese.
func decimal(lang string, v float64) string {
	s := strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 2, 64), "0"), ".")
	if lang == "vi" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// percent writes a rate in [0, 1] as a percentage ("98,5%").
func percent(lang string, r float64) string { return decimal(lang, rate100(r)) + "%" }

// pageQualityIndex shows the service-quality index of Decision 766/QĐ-TTg for a period
// and a unit (default the current month and the actor's unit; unit-bound actors see
// only theirs): the six groups with points and maxima, each indicator with its name,
// formula, the numbers plugged in, rate and points, or "not applicable" with the
// reason; the total and the score over 100.
func (s *Server) pageQualityIndex(w http.ResponseWriter, r *http.Request) error {
	from, to, unit, res, err := s.qualityIndex(r)
	if err != nil {
		return err
	}
	lang := langOf(r)
	pick := func(vi, en string) string {
		if lang == "en" {
			return en
		}
		return vi
	}
	dateText := func(d calendar.Date) string {
		if lang == "en" {
			return d.String()
		}
		return d.Time().Format("02/01/2006")
	}
	v := qualityPageView{From: from.String(), To: to.String(), FromText: dateText(from), ToText: dateText(to), Unit: unit,
		Points: decimal(lang, res.Points), Max: decimal(lang, res.MaxPoints), ApplicableMax: decimal(lang, res.ApplicableMax)}
	if res.ApplicableMax > 0 {
		v.Score100 = decimal(lang, res.Score100)
	}
	v.APIQuery = "from=" + from.String() + "&to=" + to.String()
	if unit != "" {
		v.APIQuery += "&unit=" + unit
	}
	actor := motcua.ActorFrom(r.Context())
	v.AllUnits = actor == nil || actor.UnitCode == ""
	units, err := s.Catalog.ListUnits(r.Context())
	if err != nil {
		return err
	}
	for _, u := range units {
		if u.Code == unit {
			v.UnitName = u.Name
		}
		if u.Kind != catalog.UnitBranch && (v.AllUnits || u.Code == actor.UnitCode) {
			v.Units = append(v.Units, unitOption{u.Code, u.Name})
		}
	}
	for _, g := range res.Groups {
		gv := qualityGroupView{ID: string(g.ID), Name: pick(g.NameVI, g.NameEN), Points: decimal(lang, g.Points),
			Max: decimal(lang, g.MaxPoints), ApplicableMax: decimal(lang, g.ApplicableMax), AllNotApplicable: g.ApplicableMax == 0}
		for _, ind := range g.Indicators {
			iv := qualityIndicatorView{Code: ind.Code, Name: pick(ind.NameVI, ind.NameEN), Formula: pick(ind.FormulaVI, ind.FormulaEN),
				Working: pick(ind.WorkingVI, ind.WorkingEN), Applicable: ind.Applicable, Scored: ind.MaxPoints > 0,
				Max: decimal(lang, ind.MaxPoints), Basis: ind.Basis, Assumption: ind.Assumption}
			if ind.Threshold > 0 {
				iv.Threshold = percent(lang, ind.Threshold)
			}
			if ind.Applicable {
				iv.Rate = percent(lang, ind.Rate)
				iv.Points = decimal(lang, ind.Points)
			}
			gv.Indicators = append(gv.Indicators, iv)
		}
		v.Groups = append(v.Groups, gv)
	}
	return s.render(w, http.StatusOK, "quality_index", s.view(r, "report.quality.title", v))
}
