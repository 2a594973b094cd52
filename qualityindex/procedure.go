package qualityindex

import (
	"strings"

	"github.com/motcua/motcua/catalog"
)

// Component names one part of a procedure that Art. 8(2) of Decree 63/2010/NĐ-CP
// (as amended by Decree 48/2013/NĐ-CP) requires to be laid down and made public.
type Component string

// The components the catalogue can show. The article lists eight: name, sequence of
// steps (trình tự thực hiện), channels (cách thức thực hiện), dossier components (hồ
// sơ), time limit, applicants (đối tượng thực hiện), agency (cơ quan thực hiện) and
// result. The catalogue records no applicant kinds, so that one is not checked; the
// sequence of steps is the procedure's published internal process (catalog.Step).
const (
	CompName      Component = "name"
	CompSteps     Component = "steps"
	CompChannels  Component = "channels"
	CompPapers    Component = "papers"
	CompTimeLimit Component = "time_limit"
	CompAgency    Component = "agency"
	CompResult    Component = "result"
)

// MissingComponents returns the components of Art. 8(2) Decree 63/2010/NĐ-CP that
// procedure p lacks, in the article's order; none means p is complete for indicator
// 1.3 (Inputs.ProceduresPublicComplete).
func MissingComponents(p *catalog.Procedure) []Component {
	var out []Component
	blank := func(s string) bool { return strings.TrimSpace(s) == "" }
	if blank(p.Name) {
		out = append(out, CompName)
	}
	if len(p.Steps) == 0 {
		out = append(out, CompSteps)
	}
	if len(p.Channels) == 0 {
		out = append(out, CompChannels)
	}
	if len(p.Papers) == 0 {
		out = append(out, CompPapers)
	}
	if len(p.TimeLimits) == 0 {
		out = append(out, CompTimeLimit)
	}
	if blank(p.UnitCode) {
		out = append(out, CompAgency)
	}
	if blank(p.Result) {
		out = append(out, CompResult)
	}
	return out
}
