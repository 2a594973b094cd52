package importer_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
)

// awkward texts: separators, escapes, parentheses, quotes, formulas, line breaks.
var awkward = []string{
	"Tờ khai", "Giấy phép; bản sao", "Phí: thẩm định", "A|B", `C:\hồ sơ\`, `\;`, `\\`,
	"Đơn (Mẫu số 01)", "Bản vẽ (bản sao 1)", "(nếu có) x", "=SUM(A1)", "-5 ngày", "+84", "@x",
	"'=quoted", `"trích dẫn"`, "hai\ndòng", "a,b,c", "tab\tin", "x = y", "<b>đậm</b>", "ĐƯỜNG",
}

func text(r *rand.Rand) string {
	if r.IntN(3) == 0 {
		return awkward[r.IntN(len(awkward))]
	}
	return fmt.Sprintf("Văn bản %d %s", r.IntN(1000), awkward[r.IntN(len(awkward))])
}

// genProcedure returns a random procedure that passes Validate.
func genProcedure(t testing.TB, r *rand.Rand, i int) catalog.Procedure {
	units := []string{"H37", "H37.25", "000.00.20.H37", "H37.25.10"}
	levels := []catalog.Level{catalog.LevelCentral, catalog.LevelProvince, catalog.LevelDistrict, catalog.LevelCommune}
	p := catalog.Procedure{
		Code:       fmt.Sprintf("%d.%06d", 1+r.IntN(2), i),
		Name:       text(r),
		UnitCode:   units[r.IntN(len(units))],
		FieldCode:  []string{"HOTICH", "DAT_DAI", "XD", "F1"}[r.IntN(4)],
		Level:      levels[r.IntN(len(levels))],
		FourOnSpot: r.IntN(2) == 0,
		Active:     r.IntN(4) != 0,
		Version:    1 + r.IntN(5),
		UpdatedAt:  time.Unix(int64(r.IntN(1e9)), 0),
	}
	if r.IntN(3) > 0 {
		p.Result = text(r)
	}
	if r.IntN(3) > 0 {
		p.LegalBasis = text(r) + "; " + text(r)
	}
	for _, c := range r.Perm(len(catalog.AllChannels))[:1+r.IntN(len(catalog.AllChannels))] {
		p.Channels = append(p.Channels, catalog.AllChannels[c])
	}
	units3 := []catalog.TimeUnit{catalog.WorkingDays, catalog.WorkingHours, catalog.CalendarDays}
	for _, c := range p.Channels {
		p.TimeLimits = append(p.TimeLimits, catalog.TimeLimit{Channel: c, Amount: r.IntN(60), Unit: units3[r.IntN(3)]})
	}
	for range r.IntN(4) {
		p.Fees = append(p.Fees, catalog.Fee{
			Kind: []catalog.FeeKind{catalog.FeeFee, catalog.FeeCharge}[r.IntN(2)], Name: text(r),
			Amount: int64(r.IntN(5_000_000)), Note: []string{"", text(r)}[r.IntN(2)],
		})
	}
	for range r.IntN(5) {
		p.Papers = append(p.Papers, catalog.Paper{Name: text(r), Originals: r.IntN(4), Copies: r.IntN(4), Mandatory: r.IntN(3) > 0})
	}
	for range r.IntN(4) {
		p.Chain = append(p.Chain, units[r.IntN(len(units))])
	}
	for range r.IntN(5) {
		p.Steps = append(p.Steps, catalog.Step{
			Name: text(r), Role: motcua.Roles[r.IntN(len(motcua.Roles))],
			Minutes: []int{0, 15, 90, 240, 480, 1440, 125}[r.IntN(7)], UnitCode: []string{"", units[r.IntN(len(units))]}[r.IntN(2)],
		})
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("generated procedure invalid: %v: %+v", err, p)
	}
	return p
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ps := make([]catalog.Procedure, 300)
	for i := range ps {
		ps[i] = genProcedure(t, r, i)
	}
	ignore := cmpopts.IgnoreFields(catalog.Procedure{}, "Version", "UpdatedAt", "UpdatedBy")
	for _, f := range []importer.Format{importer.FormatCSV, importer.FormatXLSX} {
		t.Run(string(f), func(t *testing.T) {
			var b bytes.Buffer
			if err := importer.Write(&b, f, ps); err != nil {
				t.Fatal(err)
			}
			got, errs, err := importer.Parse(bytes.NewReader(b.Bytes()), importer.FormatAuto, nil)
			if err != nil || errs != nil {
				t.Fatal(err, errs)
			}
			if diff := cmp.Diff(ps, got, ignore); diff != "" {
				t.Fatalf("round trip (-want +got):\n%s", diff)
			}
			// Writing again gives the same file (CSV; XLSX holds timestamps).
			if f == importer.FormatCSV {
				var b2 bytes.Buffer
				if err := importer.Write(&b2, f, got); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(b.Bytes(), b2.Bytes()) {
					t.Fatal("second export differs")
				}
			}
		})
	}
}

func TestTemplate(t *testing.T) {
	for _, f := range []importer.Format{importer.FormatCSV, importer.FormatXLSX} {
		var b bytes.Buffer
		if err := importer.WriteTemplate(&b, f); err != nil {
			t.Fatal(err)
		}
		ps, errs, err := importer.Parse(bytes.NewReader(b.Bytes()), f, nil)
		if err != nil || errs != nil || len(ps) != 1 {
			t.Fatalf("%s: %v %v %v", f, err, errs, ps)
		}
	}
	if err := importer.WriteTemplate(&bytes.Buffer{}, importer.FormatAuto); fileKey(err) != importer.KeyFormatUnknown {
		t.Fatal(err)
	}
}

func TestWriteRejectsOverlongCell(t *testing.T) {
	p := genProcedure(t, rand.New(rand.NewPCG(3, 4)), 1)
	for range 200 {
		p.Papers = append(p.Papers, catalog.Paper{Name: strings.Repeat("giấy ", 20), Originals: 1})
	}
	err := importer.Write(&bytes.Buffer{}, importer.FormatCSV, []catalog.Procedure{p})
	if e := motcua.AsError(err); e == nil || e.Message != importer.KeyCellTooLong || e.Field != "papers" {
		t.Fatal(err)
	}
}

// TestXLSXSheetChoice reads the sheet named "Thủ tục" of a workbook with several, with
// Vietnamese headers below a blank row.
func TestXLSXSheetChoice(t *testing.T) {
	data := xlsxWith(t, map[string][][]string{
		"Ghi chú": {{"không phải dữ liệu"}},
		"Thủ tục": {{}, {"Mã thủ tục", "Tên thủ tục", "Mã đơn vị", "Mã lĩnh vực", "Cấp thực hiện", "Kênh nộp", "Thời hạn giải quyết"},
			{"1.000001", "Tên", "H37", "F", "xã", "trực tiếp", "3"},
			{"1.000002", "Tên", "H37", "F", "tỉnh", "bưu chính", "3 tuần"}},
	}, []string{"Ghi chú", "Thủ tục"})
	_, errs, err := importer.Parse(bytes.NewReader(data), importer.FormatXLSX, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]want{{4, "time_limits", importer.KeyTimeUnit}}, pin(errs)); diff != "" {
		t.Fatal(diff)
	}
}
