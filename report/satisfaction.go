package report

import (
	"slices"
	"sort"

	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/rating"
)

// SatisfactionClass is one of the three classes in which satisfaction is published
// ("Tỷ lệ đánh giá mức độ rất hài lòng … đạt 96,29%; hài lòng đạt 3,69%") and in which
// Decision 766/QĐ-TTg counts ratings (group "Mức độ hài lòng").
type SatisfactionClass string

// The classes.
const (
	ClassVerySatisfied SatisfactionClass = "very_satisfied"
	ClassSatisfied     SatisfactionClass = "satisfied"
	ClassDissatisfied  SatisfactionClass = "dissatisfied"
)

// ClassOf maps a rating level to its class on scale s: the level coded
// rating.VerySatisfied is very satisfied; every other level the scale marks positive
// is satisfied; every level not marked positive — "dissatisfied", a neutral level a
// centre added, or a level since removed from the scale — is dissatisfied. This keeps
// very satisfied + satisfied equal to the positive share of rating.Summarize, so the
// combined satisfaction published beside the index ("99,71% hài lòng") is the same
// number everywhere.
func ClassOf(s rating.Scale, level string) SatisfactionClass {
	l, ok := s.Level(level)
	switch {
	case !ok || !l.Positive:
		return ClassDissatisfied
	case l.Code == rating.VerySatisfied:
		return ClassVerySatisfied
	}
	return ClassSatisfied
}

// LevelCount is the number of ratings at one level of the scale and its share of all
// ratings, in percent (Percent: two decimals, null when there is no rating).
type LevelCount struct {
	Code     string            `json:"code"`
	Name     string            `json:"name"`
	NameEn   string            `json:"name_en"`
	Positive bool              `json:"positive"`
	Class    SatisfactionClass `json:"class"`
	Count    int64             `json:"count"`
	Share    *float64          `json:"share"`
}

// Satisfaction is the satisfaction figures of a period (domain.md "Ratings": "Reports
// give shares per level"; issue 7 "satisfaction shares"): the ratings per level of
// the configured scale, then per class (very satisfied, satisfied, dissatisfied — see
// ClassOf), with their shares of the total in percent rounded to two decimals (exact
// integer arithmetic, Percent). Key names the group (a unit code) when the figures
// are split; Levels lists the scale's levels in order, then codes found in the data
// but no longer on the scale, so the counts always add up to Total.
type Satisfaction struct {
	Key                    string       `json:"key,omitempty"`
	Total                  int64        `json:"total"`
	Levels                 []LevelCount `json:"levels"`
	VerySatisfied          int64        `json:"very_satisfied"`
	Satisfied              int64        `json:"satisfied"`
	Dissatisfied           int64        `json:"dissatisfied"`
	VerySatisfiedShare     *float64     `json:"very_satisfied_share"`
	SatisfiedShare         *float64     `json:"satisfied_share"`
	DissatisfiedShare      *float64     `json:"dissatisfied_share"`
	SatisfiedOrBetterShare *float64     `json:"satisfied_or_better_share"`
}

// NewSatisfaction builds the satisfaction figures from counts (level code → number of
// ratings) on scale s. Negative counts are taken as zero.
func NewSatisfaction(s rating.Scale, counts map[string]int64) Satisfaction {
	out := Satisfaction{Levels: []LevelCount{}}
	n := func(code string) int64 { return max(counts[code], 0) }
	for code := range counts {
		out.Total += n(code)
	}
	add := func(code, name, nameEn string, positive bool) {
		c := n(code)
		cl := ClassOf(s, code)
		out.Levels = append(out.Levels, LevelCount{Code: code, Name: name, NameEn: nameEn, Positive: positive, Class: cl,
			Count: c, Share: Percent(c, out.Total)})
		switch cl {
		case ClassVerySatisfied:
			out.VerySatisfied += c
		case ClassSatisfied:
			out.Satisfied += c
		default:
			out.Dissatisfied += c
		}
	}
	for _, l := range s.Levels {
		add(l.Code, l.Name, l.NameEn, l.Positive)
	}
	var extra []string
	for code := range counts {
		if _, ok := s.Level(code); !ok {
			extra = append(extra, code)
		}
	}
	sort.Strings(extra)
	for _, code := range extra {
		add(code, code, code, false)
	}
	out.VerySatisfiedShare = Percent(out.VerySatisfied, out.Total)
	out.SatisfiedShare = Percent(out.Satisfied, out.Total)
	out.DissatisfiedShare = Percent(out.Dissatisfied, out.Total)
	out.SatisfiedOrBetterShare = Percent(out.VerySatisfied+out.Satisfied, out.Total)
	return out
}

// ProcedureCoverage is how the procedures of a scope are offered (issue 7 "share of
// procedures handled fully at the center"; the seeds' targets: "đạt tối thiểu 20% số
// thủ tục hành chính được thực hiện toàn bộ quy trình tại Trung tâm", then 30%):
// Procedures active procedures in the scope; FourOnSpot of them received, appraised,
// approved and returned at the one-stop department ("4 tại chỗ": catalog.Procedure's
// FourOnSpot flag); OnlineFull of them offered as a full online public service
// (toàn trình), OnlinePartial as a partial one and not a full one, Online the two
// together (Decree 42/2022/NĐ-CP). Shares are percentages of Procedures, two
// decimals, null when the scope has no procedure.
type ProcedureCoverage struct {
	Unit            string   `json:"unit,omitempty"`
	Procedures      int64    `json:"procedures"`
	FourOnSpot      int64    `json:"four_on_spot"`
	FourOnSpotShare *float64 `json:"four_on_spot_share"`
	OnlineFull      int64    `json:"online_full"`
	OnlinePartial   int64    `json:"online_partial"`
	Online          int64    `json:"online"`
	OnlineFullShare *float64 `json:"online_full_share"`
	OnlineShare     *float64 `json:"online_share"`
}

// NewProcedureCoverage builds the coverage figures from counts.
func NewProcedureCoverage(unit string, procedures, fourOnSpot, onlineFull, onlinePartial int64) ProcedureCoverage {
	c := ProcedureCoverage{Unit: unit, Procedures: procedures, FourOnSpot: fourOnSpot, OnlineFull: onlineFull, OnlinePartial: onlinePartial}
	c.Online = onlineFull + onlinePartial
	c.FourOnSpotShare = Percent(fourOnSpot, procedures)
	c.OnlineFullShare = Percent(onlineFull, procedures)
	c.OnlineShare = Percent(c.Online, procedures)
	return c
}

// CoverageOf counts the active procedures of ps (the caller chooses the scope, see
// InScope) into a ProcedureCoverage for unit.
func CoverageOf(unit string, ps []catalog.Procedure) ProcedureCoverage {
	var n, four, full, partial int64
	for i := range ps {
		p := &ps[i]
		if !p.Active {
			continue
		}
		n++
		if p.FourOnSpot {
			four++
		}
		switch {
		case p.Allows(catalog.ChannelOnlineFull):
			full++
		case p.Allows(catalog.ChannelOnlinePartial):
			partial++
		}
	}
	return NewProcedureCoverage(unit, n, four, full, partial)
}

// InScope reports whether procedure p belongs to the catalogue scope of unit (kind its
// kind): with no unit, the procedures received at the provincial centre — every level
// but the commune (and the district level kept for history before 1 July 2025),
// whose dossiers go to the communes' one-stop departments; for a commune, the
// commune-level procedures, which the province publishes once for every commune
// (catalog/demo: one entry per kind, filed under a representative commune) and those
// filed under the commune itself; for any other unit, the procedures filed under it.
func InScope(p *catalog.Procedure, unit string, kind catalog.UnitKind) bool {
	switch {
	case unit == "":
		return !slices.Contains([]catalog.Level{catalog.LevelCommune, catalog.LevelDistrict}, p.Level)
	case kind == catalog.UnitCommune:
		return p.Level == catalog.LevelCommune || p.UnitCode == unit
	}
	return p.UnitCode == unit
}
