package importer_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
)

// want is the part of a RowError a test pins down.
type want struct {
	Row    int
	Column string
	Key    string
}

func pin(errs []importer.RowError) []want {
	var out []want
	for _, e := range errs {
		out = append(out, want{e.Row, e.Column, e.Key})
	}
	return out
}

func TestParseRows(t *testing.T) {
	tests := []struct {
		name string
		rows []map[string]string
		want []want
	}{
		{"good", []map[string]string{goodRow()}, nil},
		{"wrong level", []map[string]string{with("level", "city")},
			[]want{{2, "level", importer.KeyLevel}}},
		{"unknown channel", []map[string]string{with("channels", "counter; fax")},
			[]want{{2, "channels", importer.KeyChannel}}},
		{"duplicate channel", []map[string]string{with("channels", "counter; counter", "time_limits", "5")},
			[]want{{2, "channels", "catalog.procedure.channel_duplicate"}}},
		{"bad fee amount", []map[string]string{with("fees", "charge:Lệ phí:2O0000")},
			[]want{{2, "fees", importer.KeyFeeAmount}}},
		{"negative fee", []map[string]string{with("fees", "fee:Phí:-5")},
			[]want{{2, "fees", importer.KeyFeeAmount}}},
		{"decimal fee", []map[string]string{with("fees", "fee:Phí:200.5")},
			[]want{{2, "fees", importer.KeyFeeAmount}}},
		{"fee too large", []map[string]string{with("fees", "fee:Phí:2000000000000")},
			[]want{{2, "fees", "catalog.procedure.amount_range"}}},
		{"fee kind", []map[string]string{with("fees", "tax:Thuế:1000")},
			[]want{{2, "fees", importer.KeyFeeKind}}},
		{"fee shape", []map[string]string{with("fees", "charge:200000")},
			[]want{{2, "fees", importer.KeyFee}}},
		{"negative copies", []map[string]string{with("papers", "Tờ khai (bản chính 1, bản sao -1)")},
			[]want{{2, "papers", importer.KeyPaperCount}}},
		{"too many copies", []map[string]string{with("papers", "Tờ khai (101 bản sao)")},
			[]want{{2, "papers", importer.KeyPaperCount}}},
		{"paper without name", []map[string]string{with("papers", "(bản chính 1)")},
			[]want{{2, "papers", importer.KeyPaper}}},
		{"missing code", []map[string]string{with("code", "")},
			[]want{{2, "code", importer.KeyRequired}}},
		{"missing name", []map[string]string{with("name", "   ")},
			[]want{{2, "name", importer.KeyRequired}}},
		{"bad code", []map[string]string{with("code", "abc")},
			[]want{{2, "code", "catalog.procedure.code_invalid"}}},
		{"bad unit code", []map[string]string{with("unit_code", "h37 25")},
			[]want{{2, "unit_code", "catalog.unit.code_invalid"}}},
		{"bad field code", []map[string]string{with("field_code", "hộ tịch")},
			[]want{{2, "field_code", "catalog.field.code_invalid"}}},
		{"time limit out of range", []map[string]string{with("time_limits", "counter=5000; online_full=1")},
			[]want{{2, "time_limits", "catalog.procedure.amount_range"}}},
		{"time unit", []map[string]string{with("time_limits", "counter=2 weeks")},
			[]want{{2, "time_limits", importer.KeyTimeUnit}}},
		{"time limit shape", []map[string]string{with("time_limits", "counter=soon")},
			[]want{{2, "time_limits", importer.KeyTimeLimit}}},
		{"time limit channel", []map[string]string{with("time_limits", "fax=3")},
			[]want{{2, "time_limits", importer.KeyChannel}}},
		{"bad role", []map[string]string{with("steps", "Tiếp nhận|janitor|4h")},
			[]want{{2, "steps", importer.KeyRole}}},
		{"bad duration", []map[string]string{with("steps", "Tiếp nhận|receptionist|2 tuần")},
			[]want{{2, "steps", importer.KeyStepDuration}}},
		{"step shape", []map[string]string{with("steps", "Tiếp nhận")},
			[]want{{2, "steps", importer.KeyStep}}},
		{"step unit", []map[string]string{with("steps", "Tiếp nhận|receptionist|4h|h37")},
			[]want{{2, "steps", "catalog.unit.code_invalid"}}},
		{"bad chain", []map[string]string{with("chain", "H37.25; h37")},
			[]want{{2, "chain", "catalog.unit.code_invalid"}}},
		{"bad bool", []map[string]string{with("four_on_spot", "maybe")},
			[]want{{2, "four_on_spot", importer.KeyBool}}},
		{"result too long", []map[string]string{with("result", strings.Repeat("a", 1001))},
			[]want{{2, "result", importer.KeyTextTooLong}}},
		{"legal basis too long", []map[string]string{with("legal_basis", strings.Repeat("đ", 4001))},
			[]want{{2, "legal_basis", importer.KeyTextTooLong}}},
		{"cell too long", []map[string]string{with("papers", strings.Repeat("x", 10_001))},
			[]want{{2, "papers", importer.KeyCellTooLong}}},
		{"name too long", []map[string]string{with("name", strings.Repeat("n", 501))},
			[]want{{2, "name", "catalog.name_length"}}},
		{"every bad column of a row", []map[string]string{
			with("code", "x", "field_code", "?", "level", "city", "channels", "fax", "fees", "fee:a:b", "active", "perhaps"),
		}, []want{
			{2, "code", "catalog.procedure.code_invalid"},
			{2, "field_code", "catalog.field.code_invalid"},
			{2, "level", importer.KeyLevel},
			{2, "channels", importer.KeyChannel},
			{2, "fees", importer.KeyFeeAmount},
			{2, "active", importer.KeyBool},
		}},
		{"duplicate code", []map[string]string{goodRow(), with("code", "1.004228"), goodRow()},
			[]want{{4, "code", importer.KeyDuplicateCode}}},
		{"errors in several rows", []map[string]string{with("level", ""), with("code", "1.000002"), with("code", "1.1", "channels", "")},
			[]want{{2, "level", importer.KeyRequired}, {4, "channels", importer.KeyRequired}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, errs, err := parseBytes(t, csvFile(t, header, tt.rows...), importer.FormatCSV)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, pin(errs)); diff != "" {
				t.Fatalf("row errors (-want +got):\n%s\n%v", diff, errs)
			}
			if tt.want == nil && len(ps) != len(tt.rows) {
				t.Fatalf("got %d procedures, want %d", len(ps), len(tt.rows))
			}
			if tt.want != nil && ps != nil {
				t.Fatalf("procedures returned despite errors: %v", ps)
			}
			for _, e := range errs {
				if e.Message == "" || e.MessageVI == "" || strings.Contains(e.Message, "%!") {
					t.Errorf("bad messages in %+v", e)
				}
			}
		})
	}
}

func TestParseGoodRowValues(t *testing.T) {
	ps, errs, err := parseBytes(t, csvFile(t, header, goodRow()), importer.FormatAuto)
	if err != nil || errs != nil {
		t.Fatal(err, errs)
	}
	want := catalog.Procedure{
		Code: "1.004227", Name: "Đăng ký khai sinh", UnitCode: "H37.25", FieldCode: "HOTICH",
		Level:    catalog.LevelCommune,
		Channels: []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlineFull},
		TimeLimits: []catalog.TimeLimit{
			{Channel: catalog.ChannelCounter, Amount: 1, Unit: catalog.WorkingDays},
			{Channel: catalog.ChannelOnlineFull, Amount: 1, Unit: catalog.WorkingDays},
		},
		Fees:       []catalog.Fee{{Kind: catalog.FeeCharge, Name: "Lệ phí đăng ký", Amount: 8000}},
		Papers:     []catalog.Paper{{Name: "Tờ khai đăng ký khai sinh", Originals: 1, Mandatory: true}},
		Result:     "Giấy khai sinh",
		FourOnSpot: true,
		Chain:      []string{},
		Steps:      []catalog.Step{{Name: "Tiếp nhận", Role: motcua.RoleReceptionist, Minutes: 240}},
		LegalBasis: "Luật Hộ tịch 2014",
		Active:     true,
	}
	if diff := cmp.Diff([]catalog.Procedure{want}, ps); diff != "" {
		t.Fatal(diff)
	}
}

// TestVietnameseSheet uses Vietnamese headers (in other case and without diacritics),
// a ";" separator and Vietnamese words in the cells.
func TestVietnameseSheet(t *testing.T) {
	data := "\uFEFFMã thủ tục;TÊN THỦ TỤC;ma don vi;Mã lĩnh vực;Cấp thực hiện;Kênh nộp;Thời hạn giải quyết;Phí, lệ phí;Thành phần hồ sơ;Bốn tại chỗ;Quy trình nội bộ;Đang áp dụng\r\n" +
		"2.000889;Cấp giấy phép;000.00.20.H37;XAYDUNG;Cấp tỉnh;Trực tiếp, Trực tuyến toàn trình, Bưu chính;" +
		"\"15 ngày làm việc; bưu chính=20\";\"Lệ phí:Cấp phép:150.000 đ;Phí:Thẩm định:1,500,000 VNĐ:nộp khi nhận\";" +
		"\"Đơn đề nghị (Mẫu số 01); Bản vẽ (02 bản chính, 1 bản sao); Giấy ủy quyền (nếu có)\";Có;" +
		"\"Thẩm định|chuyên viên|1,5 ngày|H37.25;Ký|lãnh đạo|90 phút\";không\r\n"
	ps, errs, err := parseBytes(t, []byte(data), importer.FormatCSV)
	if err != nil || errs != nil {
		t.Fatal(err, errs)
	}
	p := ps[0]
	want := catalog.Procedure{
		Code: "2.000889", Name: "Cấp giấy phép", UnitCode: "000.00.20.H37", FieldCode: "XAYDUNG",
		Level:    catalog.LevelProvince,
		Channels: []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlineFull, catalog.ChannelPost},
		TimeLimits: []catalog.TimeLimit{
			{Channel: catalog.ChannelPost, Amount: 20, Unit: catalog.WorkingDays},
			{Channel: catalog.ChannelCounter, Amount: 15, Unit: catalog.WorkingDays},
			{Channel: catalog.ChannelOnlineFull, Amount: 15, Unit: catalog.WorkingDays},
		},
		Fees: []catalog.Fee{
			{Kind: catalog.FeeCharge, Name: "Cấp phép", Amount: 150000},
			{Kind: catalog.FeeFee, Name: "Thẩm định", Amount: 1500000, Note: "nộp khi nhận"},
		},
		Papers: []catalog.Paper{
			{Name: "Đơn đề nghị (Mẫu số 01)", Originals: 1, Mandatory: true},
			{Name: "Bản vẽ", Originals: 2, Copies: 1, Mandatory: true},
			{Name: "Giấy ủy quyền", Originals: 1, Mandatory: false},
		},
		FourOnSpot: true,
		Chain:      []string{},
		Steps: []catalog.Step{
			{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 720, UnitCode: "H37.25"},
			{Name: "Ký", Role: motcua.RoleLeader, Minutes: 90},
		},
		Active: false,
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Fatal(diff)
	}
}

// TestInjectionIsText: SQL and HTML in names are data, taken verbatim.
func TestInjectionIsText(t *testing.T) {
	names := []string{
		`Robert'); DROP TABLE procedures;--`,
		`<script>alert("x")</script>`,
		`=HYPERLINK("http://evil","click")`,
		`' OR 1=1 --`,
		`@SUM(A1:A9)`,
	}
	var rows []map[string]string
	for i, n := range names {
		rows = append(rows, with("code", "1.00000"+string(rune('0'+i)), "name", n))
	}
	ps, errs, err := parseBytes(t, csvFile(t, header, rows...), importer.FormatCSV)
	if err != nil || errs != nil {
		t.Fatal(err, errs)
	}
	for i, p := range ps {
		if p.Name != names[i] {
			t.Errorf("name %d = %q, want %q", i, p.Name, names[i])
		}
	}
	// Written and read again, through CSV (with formula protection) and XLSX.
	for _, f := range []importer.Format{importer.FormatCSV, importer.FormatXLSX} {
		var b bytes.Buffer
		if err := importer.Write(&b, f, ps); err != nil {
			t.Fatal(err)
		}
		if f == importer.FormatCSV && !strings.Contains(b.String(), `"'=HYPERLINK(""http://evil"",""click"")"`) {
			t.Errorf("formula not protected in CSV:\n%s", b.String())
		}
		got, errs, err := parseBytes(t, b.Bytes(), importer.FormatAuto)
		if err != nil || errs != nil {
			t.Fatal(err, errs)
		}
		if diff := cmp.Diff(ps, got); diff != "" {
			t.Errorf("%s: %s", f, diff)
		}
	}
}

func TestHeaderErrors(t *testing.T) {
	tests := []struct {
		name string
		hdr  []string
		want []want
	}{
		{"unknown column", append(append([]string{}, header...), "color"),
			[]want{{1, "color", importer.KeyUnknownColumn}}},
		{"missing required", []string{"code", "name", "level", "channels", "papers"},
			[]want{
				{1, "unit_code", importer.KeyMissingColumn},
				{1, "field_code", importer.KeyMissingColumn},
				{1, "time_limits", importer.KeyMissingColumn},
			}},
		{"duplicate", append(append([]string{}, header...), "Mã Thủ Tục"),
			[]want{{1, "code", importer.KeyDuplicateColumn}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, errs, err := parseBytes(t, csvFile(t, tt.hdr, goodRow()), importer.FormatCSV)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, pin(errs)); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
			if ps != nil {
				t.Fatal("procedures returned")
			}
		})
	}
}

func TestOptionalColumnsMayBeLeftOut(t *testing.T) {
	hdr := []string{"code", "name", "unit_code", "field_code", "level", "channels", "time_limits"}
	ps, errs, err := parseBytes(t, csvFile(t, hdr, goodRow()), importer.FormatCSV)
	if err != nil || errs != nil {
		t.Fatal(err, errs)
	}
	if !ps[0].Active || ps[0].FourOnSpot || len(ps[0].Fees) != 0 || ps[0].Fees == nil {
		t.Fatalf("defaults: %+v", ps[0])
	}
}

// TestRowNumbers: rows are numbered as a spreadsheet shows them, counting blank lines
// and records spanning several lines once.
func TestRowNumbers(t *testing.T) {
	data := strings.Join(header, ",") + "\n" +
		"1.000001,\"Tên\nhai dòng\",H37,F,province,counter,1,,,,,,,,\n" +
		"\n" +
		",,,,,,,,,,,,,,\n" +
		"1.000002,Tên,H37,F,city,counter,1,,,,,,,,,extra\n"
	_, errs, err := parseBytes(t, []byte(data), importer.FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	want := []want{{5, "level", importer.KeyLevel}, {5, "P", importer.KeyExtraCell}}
	if diff := cmp.Diff(want, pin(errs)); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
}

func TestSeparatorsAndBOM(t *testing.T) {
	good := csvFile(t, header, goodRow())
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	_ = w.Write(header)
	var rec []string
	for _, h := range header {
		rec = append(rec, goodRow()[h])
	}
	_ = w.Write(rec)
	w.Flush()
	semi := b.String()
	for name, data := range map[string]string{
		"comma":     string(good),
		"bom":       "\uFEFF" + string(good),
		"semicolon": semi,
		"sep line":  "sep=;\r\n" + semi,
		"tab":       strings.ReplaceAll(strings.ReplaceAll(string(good), ",", "\t"), "(bản chính 1\t bản sao 0\t", "(bản chính 1, bản sao 0, "),
		"crlf":      strings.ReplaceAll(string(good), "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			ps, errs, err := parseBytes(t, []byte(data), importer.FormatAuto)
			if err != nil || errs != nil || len(ps) != 1 {
				t.Fatal(err, errs, ps)
			}
		})
	}
}

func TestTooManyErrors(t *testing.T) {
	rows := make([]map[string]string, 1500)
	for i := range rows {
		rows[i] = with("code", "")
	}
	_, errs, err := parseBytes(t, csvFile(t, header, rows...), importer.FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != importer.MaxErrors+1 || errs[importer.MaxErrors].Key != importer.KeyTooManyErrors {
		t.Fatalf("got %d errors, last %+v", len(errs), errs[len(errs)-1])
	}
}

func TestProgress(t *testing.T) {
	rows := make([]map[string]string, 250)
	for i := range rows {
		rows[i] = with("code", "P-"+strings.Repeat("1", 1+i%30)+string(rune('A'+i/30)))
	}
	var calls [][2]int
	ps, errs, err := importer.Parse(bytes.NewReader(csvFile(t, header, rows...)), importer.FormatCSV,
		func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil || errs != nil || len(ps) != 250 {
		t.Fatal(err, errs, len(ps))
	}
	want := [][2]int{{0, 250}, {100, 250}, {200, 250}, {250, 250}}
	if diff := cmp.Diff(want, calls); diff != "" {
		t.Fatal(diff)
	}
}

func TestAsError(t *testing.T) {
	if importer.AsError(nil) != nil {
		t.Fatal("nil for no errors")
	}
	_, errs, _ := parseBytes(t, csvFile(t, header, with("level", "x")), importer.FormatCSV)
	e := motcua.AsError(importer.AsError(errs))
	if e == nil || e.Code != motcua.EUNPROCESSABLE || len(e.Details.([]importer.RowError)) != 1 {
		t.Fatalf("%+v", e)
	}
	if s := errs[0].Error(); !strings.Contains(s, "row 2, column level") {
		t.Fatal(s)
	}
}
