package demo

import (
	"strings"

	"github.com/motcua/motcua/catalog"
)

// actKind says how an action changes the dossier and the time limit.
type actKind int

const (
	actIssue   actKind = iota // first issue, registration, approval
	actReissue                // re-issue after loss or damage, or on expiry
	actAdjust                 // amendment, adjustment of content
	actExtend                 // extension
	actOther                  // notice, termination, withdrawal
)

// act is one sub-case of a family: the label that starts the procedure name, its kind,
// and the share of the family's time limit and fee it takes.
type act struct {
	label string
	kind  actKind
	time  float64
	fee   float64
}

var (
	aCap       = act{"Cấp", actIssue, 1, 1}
	aCapMoi    = act{"Cấp mới", actIssue, 1, 1}
	aCapLai    = act{"Cấp lại", actReissue, 0.5, 0.5}
	aCapDoi    = act{"Cấp đổi", actReissue, 0.5, 0.5}
	aDieuChinh = act{"Cấp điều chỉnh", actAdjust, 0.7, 0.5}
	aSuaDoi    = act{"Cấp sửa đổi, bổ sung", actAdjust, 0.7, 0.5}
	aGiaHan    = act{"Gia hạn", actExtend, 0.6, 0.5}
	aThuHoi    = act{"Thu hồi", actOther, 0.5, 0}
)

// fam is a family of procedure variants: the name is pat with {a} replaced by the
// action label, {o} by obj and {s} by each subject (a family without subjects has one
// variant per action).
type fam struct {
	unit, field string
	pat         string // default "{a} {o}" or "{a} {o} {s}"
	obj         string
	acts        []act
	subj        []string
	lim         lim
	fees        []catalog.Fee
	papers      []catalog.Paper
	result      string
	ch          string
	four        bool
	chain       []string
	legal       string
	level       catalog.Level
}

// scaleLim scales a limit, keeping at least one unit.
func scaleLim(l lim, f float64) lim {
	n := int(float64(l.n)*f + 0.5)
	if n < 1 {
		n = 1
	}
	return lim{n, l.u}
}

func scaleFees(fs []catalog.Fee, f float64) []catalog.Fee {
	if f == 0 {
		return nil
	}
	out := make([]catalog.Fee, len(fs))
	for i, x := range fs {
		x.Amount = int64(float64(x.Amount)*f/1000+0.5) * 1000
		out[i] = x
	}
	return out
}

// expand returns the kinds of a family.
func (f fam) expand() []kind {
	subj := f.subj
	if len(subj) == 0 {
		subj = []string{""}
	}
	pat := f.pat
	if pat == "" {
		pat = "{a} {o} {s}"
	}
	acts := f.acts
	if len(acts) == 0 {
		acts = []act{{"", actIssue, 1, 1}}
	}
	var out []kind
	for _, s := range subj {
		for _, a := range acts {
			obj := f.obj
			name := strings.NewReplacer("{a}", a.label, "{o}", obj, "{s}", s).Replace(pat)
			name = upperFirst(join(strings.Fields(name)...))
			l := scaleLim(f.lim, a.time)
			out = append(out, kind{
				name: name, unit: f.unit, field: f.field, level: f.level,
				lim: l, fees: scaleFees(f.fees, a.fee), papers: f.papersFor(a, name),
				result: f.resultFor(a), ch: f.ch,
				four:  f.four || l.u == catalog.WorkingHours || (l.u == catalog.WorkingDays && l.n <= 5),
				chain: f.chain, legal: f.legal,
			})
		}
	}
	return out
}

// papersFor derives the dossier of a variant: an application named after the
// procedure, then the family's papers (issue, adjustment) or the papers a re-issue or
// extension needs.
func (f fam) papersFor(a act, name string) []catalog.Paper {
	form := "Đơn đề nghị " + lowerFirst(name)
	if strings.HasPrefix(name, "Đăng ký") || strings.HasPrefix(name, "Thông báo") {
		form = "Văn bản " + lowerFirst(name) + " (theo mẫu)"
	}
	out := []catalog.Paper{pp(form, 1, 0)}
	obj := lowerFirst(f.result)
	switch a.kind {
	case actIssue:
		out = append(out, f.papers...)
	case actReissue:
		out = append(out, op("Bản gốc "+obj+" đã được cấp (trường hợp bị hỏng, rách nát hoặc hết hạn)", 1, 0))
	case actAdjust:
		out = append(out, pp("Tài liệu chứng minh nội dung đề nghị điều chỉnh, sửa đổi, bổ sung", 0, 1), op("Bản gốc "+obj+" đã được cấp", 1, 0))
	case actExtend:
		out = append(out, pp("Báo cáo tình hình hoạt động trong thời gian được cấp phép", 1, 0), pp("Bản gốc "+obj+" đã được cấp", 1, 0))
	case actOther:
		out = append(out, op("Tài liệu, giấy tờ có liên quan", 0, 1))
	}
	return out
}

func (f fam) resultFor(a act) string {
	switch a.kind {
	case actExtend:
		return f.result + " (được gia hạn)"
	case actOther:
		if a.label == aThuHoi.label {
			return "Quyết định thu hồi " + lowerFirst(f.result)
		}
		return "Văn bản xác nhận của cơ quan có thẩm quyền"
	}
	return f.result
}

func (b *builder) addFamilies() {
	for _, fs := range [][]fam{famBusiness(), famConstruction(), famAgriEnv(), famTrade(), famHealth(), famEducation(), famHomeAffairs(), famCulture(), famScience(), famJustice(), famOthers()} {
		for _, f := range fs {
			for _, k := range f.expand() {
				b.add(k)
			}
		}
	}
}
