package web

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// fetch GETs path with a bearer token and returns the response and its body.
func (e *testEnv) fetch(path, token string) (*http.Response, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// reportProvince receives three dossiers on Monday 9 March 2026 at the centre for the
// Department of Justice: one resolved early and returned the same day, one handed to
// the department, one left at the centre; then the clock moves to 31 March, when the
// two open ones (due 23 March) are overdue. March's figures: 3 received (600.000 đ
// owed), 1 resolved early (100 %), 2 pending and overdue, 1 returned.
func reportProvince(t *testing.T, e *testEnv) {
	clock := time.Date(2026, 3, 9, 8, 0, 0, 0, motcua.ICT)
	e.db.Now = func() time.Time { return clock }
	recv := map[string]any{
		"procedure_code": "1.004227",
		"applicant": map[string]any{"kind": "person", "full_name": "Hoàng Văn Thụ", "id_number": "020095001234",
			"phone": "0912345678", "address": "Phường Lương Văn Tri, Lạng Sơn"},
		"papers": []map[string]any{{"name": "Tờ khai", "originals": 1}},
	}
	var ds [3]dossierJSON
	for i := range ds {
		if res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &ds[i]); res.StatusCode != 201 {
			t.Fatalf("receive: %d", res.StatusCode)
		}
	}
	step := func(d *dossierJSON, role motcua.Role, action string, body any) {
		t.Helper()
		clock = clock.Add(30 * time.Minute)
		st, nd, p := e.act(role, d.Code, action, d.Version, body)
		if st != 200 {
			t.Fatalf("%s as %s: %d %+v", action, role, st, p)
		}
		*d = nd
	}
	step(&ds[0], motcua.RoleReceptionist, "transfer", nil)
	step(&ds[0], motcua.RoleLeader, "assign", map[string]any{"assignee": "u-processor"})
	step(&ds[0], motcua.RoleProcessor, "propose_result", map[string]any{"summary": "Đủ điều kiện"})
	step(&ds[0], motcua.RoleLeader, "approve", map[string]any{"document_sha256": strings.Repeat("ab", 32)})
	step(&ds[0], motcua.RoleReceptionist, "return_result", map[string]any{"recipient": map[string]any{"name": "Hoàng Văn Thụ", "id_number": "020095001234"}})
	step(&ds[1], motcua.RoleReceptionist, "transfer", nil)
	clock = time.Date(2026, 3, 31, 10, 0, 0, 0, motcua.ICT)
}

// column finds a column by its (flattened) header and fails when it is missing.
func column(t *testing.T, head []string, name string) int {
	t.Helper()
	for i, h := range head {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %q", name, head)
	return -1
}

func TestReportPagesAndExports(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		reportProvince(t, e)
		dir, lead := e.tokens[motcua.RoleDirector], e.tokens[motcua.RoleLeader]
		const period = "from=2026-03-01&to=2026-03-31"

		// The JSON the exports must agree with.
		var sum report.Summary
		if res := e.do("GET", "/api/v1/reports/summary?"+period+"&group_by=unit", dir, nil, &sum); res.StatusCode != 200 {
			t.Fatalf("summary: %d", res.StatusCode)
		}
		tot := sum.Total
		if tot.Received != 3 || tot.Resolved != 1 || tot.ResolvedEarly != 1 || tot.Pending != 2 || tot.PendingOverdue != 2 ||
			tot.Returned != 1 || tot.FeesOwed != 600_000 || tot.OnTimeRate == nil || *tot.OnTimeRate != 100 || tot.AverageHoursAhead == nil {
			t.Fatalf("figures: %+v", tot)
		}

		// CSV of the API and of the page: the same table, the same numbers as the JSON.
		for _, path := range []string{"/api/v1/reports/summary?" + period + "&group_by=unit&format=csv", "/reports/summary.csv?" + period + "&group_by=unit"} {
			res, body := e.fetch(path, dir)
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
				res.Header.Get("Content-Disposition") != `attachment; filename="bao-cao-tong-hop-2026-03-01-2026-03-31.csv"` {
				t.Fatalf("%s: %d %v", path, res.StatusCode, res.Header)
			}
			recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v\n%s", path, err, body)
			}
			head, last := recs[0], recs[len(recs)-1]
			if len(recs) != 2+len(sum.Groups) || last[0] != "Tổng cộng" || head[0] != "Đơn vị" || recs[1][0] != "Trung tâm Phục vụ hành chính công tỉnh" {
				t.Fatalf("%s: rows %q", path, recs)
			}
			for name, want := range map[string]string{
				"Tiếp nhận - Mới tiếp nhận":                          strconv.FormatInt(tot.Received, 10),
				"Đã giải quyết - Trước hạn":                          strconv.FormatInt(tot.ResolvedEarly, 10),
				"Đã giải quyết - Tỷ lệ đúng hạn":                     "100.00%",
				"Đang giải quyết (cuối kỳ) - Quá hạn":                strconv.FormatInt(tot.PendingOverdue, 10),
				"Trả kết quả - Đã trả":                               strconv.FormatInt(tot.Returned, 10),
				"Trả kết quả - Tỷ lệ trả kết quả":                    "100.00%",
				"Tỷ lệ - Trực tuyến":                                 "0.00%",
				"Cùng kỳ năm trước - Tiếp nhận so với cùng kỳ (lần)": "–",
				// A decimal figure: a number with ".", like the percentages, in Vietnamese too.
				"Thời gian trước hạn (giờ làm việc) - Bình quân mỗi hồ sơ": strconv.FormatFloat(*tot.AverageHoursAhead, 'f', 2, 64),
			} {
				if got := last[column(t, head, name)]; got != want {
					t.Errorf("%s: %s = %q, want %q", path, name, got, want)
				}
			}
		}

		// XLSX parses back with the same numbers (raw cell values).
		res, body := e.fetch("/api/v1/reports/summary?"+period+"&group_by=unit&format=xlsx", dir)
		if res.StatusCode != 200 || res.Header.Get("Content-Disposition") != `attachment; filename="bao-cao-tong-hop-2026-03-01-2026-03-31.xlsx"` {
			t.Fatalf("xlsx: %d %v", res.StatusCode, res.Header)
		}
		rows := xlsxRows(t, body)
		total := findRow(t, rows, 0, "Tổng cộng")
		if total[2] != "3" || total[7] != "1" || total[8] != "1" || total[14] != "2" || !strings.HasPrefix(total[11], "1") {
			t.Fatalf("xlsx total row %q", total)
		}

		// Ranking of units, as JSON and as files.
		var ranks struct{ Items []report.UnitRank }
		e.do("GET", "/api/v1/reports/late-units?"+period, dir, nil, &ranks)
		res, body = e.fetch("/api/v1/reports/late-units?"+period+"&format=csv", dir)
		recs, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
		if res.StatusCode != 200 || len(ranks.Items) == 0 || len(recs) != 1+len(ranks.Items) || recs[1][0] != "1" {
			t.Fatalf("late units csv: %d %q %+v", res.StatusCode, recs, ranks)
		}
		if got, want := recs[1][column(t, recs[0], "Hồ sơ đơn vị tham gia giải quyết - Tổng số")], strconv.FormatInt(ranks.Items[0].Handled, 10); got != want {
			t.Fatalf("late units handled %q, want %q", got, want)
		}
		if res, body = e.fetch("/reports/late-units.xlsx?"+period, dir); res.StatusCode != 200 || len(xlsxRows(t, body)) < 4 {
			t.Fatalf("late units xlsx: %d", res.StatusCode)
		}

		// The periodic report: JSON, CSV and XLSX agree.
		var per report.Periodic
		if res := e.do("GET", "/api/v1/reports/periodic?"+period, dir, nil, &per); res.StatusCode != 200 || per.GroupBy != report.ByUnit {
			t.Fatalf("periodic: %d %+v", res.StatusCode, per)
		}
		pt := per.Total
		if pt.ReceivedTotal != 3 || pt.ReceivedDirect != 3 || pt.Resolved != 1 || pt.ResolvedEarly != 1 || pt.Pending != 2 || pt.PendingOverdue != 2 ||
			pt.OnTimeRate == nil || *pt.OnTimeRate != 100 || pt.Name != "Tổng cộng" {
			t.Fatalf("periodic total %+v", pt)
		}
		res, body = e.fetch("/api/v1/reports/periodic?"+period+"&format=csv&lang=en", dir)
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("periodic csv: %d %v", res.StatusCode, err)
		}
		last := recs[len(recs)-1]
		if last[1] != "Total" || last[column(t, recs[0], "Dossiers to resolve - Total - (3)=(4)+(5)+(6)")] != "3" ||
			last[column(t, recs[0], "Pending - Overdue - (13)")] != "2" || last[13] != "100.00%" {
			t.Fatalf("periodic csv: %q", recs)
		}
		res, body = e.fetch("/reports/periodic.xlsx?"+period+"&group_by=field", dir)
		if res.StatusCode != 200 || res.Header.Get("Content-Disposition") != `attachment; filename="tinh-hinh-giai-quyet-tthc-2026-03-01-2026-03-31.xlsx"` {
			t.Fatalf("periodic xlsx: %d %v", res.StatusCode, res.Header)
		}
		rows = xlsxRows(t, body)
		if r := findRow(t, rows, 1, "Lý lịch tư pháp"); r[2] != "3" || r[10] != "2" {
			t.Fatalf("periodic xlsx field row %q", r)
		}
		e.problem("GET", "/api/v1/reports/periodic?group_by=procedure", dir, nil, 400)
		e.problem("GET", "/api/v1/reports/summary?format=pdf", dir, nil, 400)
		e.problem("GET", "/api/v1/reports/late-units?format=pdf", dir, nil, 400)

		// Scope: a department leader sees their unit only.
		e.problem("GET", "/api/v1/reports/periodic?unit="+tCenter, lead, nil, 403)
		e.problem("GET", "/api/v1/reports/summary?format=csv&unit="+tCenter, lead, nil, 403)
		var lper report.Periodic
		if res := e.do("GET", "/api/v1/reports/periodic?"+period, lead, nil, &lper); res.StatusCode != 200 || len(lper.Rows) != 1 || lper.Rows[0].Key != tDept {
			t.Fatalf("leader periodic: %d %+v", res.StatusCode, lper)
		}
		for _, p := range []string{"/reports?unit=" + tCenter, "/reports/periodic?unit=" + tCenter, "/reports/summary.xlsx?unit=" + tCenter} {
			res, body := e.fetch(p, lead)
			if res.StatusCode != 403 || !strings.Contains(string(body), "Hồ sơ không thuộc đơn vị của bạn.") {
				t.Fatalf("leader %s: %d %s", p, res.StatusCode, body)
			}
		}
		res, body = e.fetch("/reports?preset=month&group_by=unit", lead)
		if page := string(body); res.StatusCode != 200 || strings.Contains(page, "Trung tâm Phục vụ hành chính công tỉnh</option>") ||
			!strings.Contains(page, `<option value="`+tDept+`" selected>Sở Tư pháp</option>`) {
			t.Fatalf("leader page: %d %s", res.StatusCode, page)
		}

		// The page in Vietnamese and in English.
		for _, tc := range []struct {
			lang string
			want []string
		}{
			{"vi", []string{"Tỷ lệ giải quyết đúng hạn", "100,00%", "600.000 đ", "Sở Tư pháp", "<svg", `role="img"`, "Xếp hạng đơn vị theo tỷ lệ trễ hạn",
				`href="/reports/summary.xlsx?from=2026-03-01&amp;group_by=unit&amp;to=2026-03-31"`, `href="/reports/late-units.csv?from=2026-03-01&amp;to=2026-03-31"`,
				`<option value="month" selected>`, `/static/report.css`, `<tr class="total"><th scope="row">Tổng cộng</th>`}},
			{"en", []string{"On-time rate", "100.00%", "600,000 đ", "Units ranked by late rate", "Early and on-time rate by group", `<th scope="row">Total</th>`}},
		} {
			res, body := e.fetch("/reports?group_by=unit&lang="+tc.lang, dir)
			for _, w := range tc.want {
				if res.StatusCode != 200 || !strings.Contains(string(body), w) {
					t.Fatalf("%s page (%d) lacks %q:\n%s", tc.lang, res.StatusCode, w, body)
				}
			}
		}
		res, body = e.fetch("/reports/periodic?preset=month&lang=vi", dir)
		for _, w := range []string{"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Từ ngày 01/03/2026 đến ngày 31/03/2026", "(3)=(4)&#43;(5)&#43;(6)",
			`rowspan="3"`, `colspan="4"`, "Thông tư số 01/2020/TT-VPCP", `href="/reports/periodic.csv?from=2026-03-01&amp;group_by=unit&amp;to=2026-03-31"`} {
			if res.StatusCode != 200 || !strings.Contains(string(body), w) {
				t.Fatalf("periodic page (%d) lacks %q:\n%s", res.StatusCode, w, body)
			}
		}

		// Invalid filters: the form again with a readable message, status 400.
		for _, tc := range []struct{ path, want string }{
			{"/reports?preset=custom&from=2026-03-10&to=2026-03-01", "Đến ngày: Ngày kết thúc phải sau ngày bắt đầu."},
			{"/reports?preset=custom&from=2026-03-01&to=2026-04-30", "Ngày kết thúc không được sau hôm nay"},
			{"/reports?from=10/03/2026", "Từ ngày: Ngày phải có dạng"},
			{"/reports?preset=decade", "Kỳ báo cáo: Kỳ báo cáo không hợp lệ."},
			{"/reports?group_by=year", "Nhóm theo: Cách nhóm không hợp lệ"},
			{"/reports?channel=fax", "Kênh tiếp nhận: Kênh tiếp nhận không hợp lệ"},
			{"/reports/periodic?group_by=channel", "Nhóm theo: Cách nhóm không hợp lệ"},
		} {
			res, body := e.fetch(tc.path, dir)
			if page := string(body); res.StatusCode != 400 || !strings.Contains(page, tc.want) || !strings.Contains(page, `aria-invalid="true"`) || !strings.Contains(page, `<form method="get"`) {
				t.Errorf("%s: %d, want 400 with %q:\n%s", tc.path, res.StatusCode, tc.want, page)
			}
		}
		if res, _ := e.fetch("/reports/summary.csv?preset=decade", dir); res.StatusCode != 400 {
			t.Errorf("export with a bad preset: %d", res.StatusCode)
		}
	})
}

// xlsxRows opens an XLSX file and returns the raw cell values of its first sheet.
func xlsxRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("xlsx rows: %v", err)
	}
	return rows
}

// findRow returns the first row whose column col holds text.
func findRow(t *testing.T, rows [][]string, col int, text string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) > col && r[col] == text {
			return r
		}
	}
	t.Fatalf("no row with %q in column %d: %q", text, col, rows)
	return nil
}
