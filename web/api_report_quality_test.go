package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// qualityEnv is a server with two dossiers of the department's procedure received
// at the centre on Mon 9 Mar 2026 (fee owed, unpaid, pending within the deadline),
// the second rated very satisfied online, and no outbox row published.
func qualityEnv(t *testing.T, db *sqldb.DB) *testEnv {
	t.Helper()
	e := newTestEnv(t, db)
	clock := time.Date(2026, 3, 9, 8, 0, 0, 0, motcua.ICT)
	db.Now = func() time.Time { return clock }
	recv := map[string]any{
		"procedure_code": "1.004227",
		"applicant": map[string]any{"kind": "person", "full_name": "Hoàng Văn Thụ", "id_number": "020095001234",
			"phone": "0912345678", "address": "Phường Lương Văn Tri, Lạng Sơn"},
		"papers": []map[string]any{{"name": "Tờ khai", "originals": 1}},
	}
	var d dossierJSON
	for i := 0; i < 2; i++ {
		if res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &d); res.StatusCode != 201 && res.StatusCode != 200 {
			t.Fatalf("receive: %d", res.StatusCode)
		}
	}
	clock = clock.Add(time.Hour)
	tok, err := db.IssueDossierRatingToken(context.Background(), d.Code)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Ratings().SubmitOnline(context.Background(), tok, &rating.Rating{DossierCode: d.Code, Level: rating.VerySatisfied}); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestQualityIndexAPI checks the index over HTTP with figures worked out by hand, the
// unit scope, and the errors. 1–9 March 2026: 2 dossiers received, both pending within
// the deadline at the end of the 9th (2.1: 2/2 → 20 points), none synchronised (1.4: 0/2, 0 of 6), the one
// procedure complete (1.3: 2), payable online (3.5: 2), eligible for the full online
// service but received at the counter (3.4: 0/2, 0 of 12), fees owed and not paid
// online (3.5b: 0/1, 3.6: 0/2), neither late nor disliked (5.4: 6), not digitised
// (4.2: 0/2, 0 of 4); no result yet (4.1 not applicable). 30 of 60 applicable points:
// 50 on a scale of 100.
func TestQualityIndexAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := qualityEnv(t, db)
		var got qualityIndexJSON
		path := "/api/v1/reports/quality-index?from=2026-03-01&to=2026-03-09"
		if res := e.do("GET", path, e.tokens[motcua.RoleDirector], nil, &got); res.StatusCode != 200 {
			t.Fatalf("quality index: %d", res.StatusCode)
		}
		if got.Points != 30 || got.ApplicableMax != 60 || got.MaxPoints != 100 || got.Score100 == nil || *got.Score100 != 50 || len(got.Groups) != 6 {
			t.Fatalf("total %v / %v (max %v), score %v, %d groups", got.Points, got.ApplicableMax, got.MaxPoints, got.Score100, len(got.Groups))
		}
		byCode := map[string]qualityIndicatorJSON{}
		for _, g := range got.Groups {
			for _, ind := range g.Indicators {
				byCode[ind.Code] = ind
			}
		}
		val := func(p *float64) float64 {
			if p == nil {
				return -1
			}
			return *p
		}
		for _, c := range []struct {
			code         string
			num, den     int64
			rate, points float64 // -1: null
		}{
			{"1.3", 1, 1, 100, 2}, {"1.4", 0, 2, 0, 0}, {"2.1", 2, 2, 100, 20}, {"3.4", 0, 2, 0, 0},
			{"3.5", 1, 1, 100, 2}, {"3.5b", 0, 1, 0, 0}, {"3.6", 0, 2, 0, 0}, {"5.4", 2, 2, 100, 6},
			{"HL", 1, 1, 100, -1}, {"4.2", 0, 2, 0, 0},
			{"4.1", 0, 0, -1, -1}, {"1.1", 0, 0, -1, -1}, {"4.3", 0, 0, -1, -1},
		} {
			ind, ok := byCode[c.code]
			if !ok {
				t.Fatalf("no indicator %s", c.code)
			}
			if ind.Numerator != c.num || ind.Denominator != c.den || val(ind.Rate) != c.rate || val(ind.Points) != c.points ||
				ind.FormulaVI == "" || ind.FormulaEN == "" || ind.WorkingVI == "" {
				t.Errorf("%s: %d/%d rate %v points %v, want %d/%d %v %v (%+v)", c.code, ind.Numerator, ind.Denominator,
					val(ind.Rate), val(ind.Points), c.num, c.den, c.rate, c.points, ind)
			}
		}
		if w := byCode["4.3"].WorkingVI; !strings.HasPrefix(w, "Không áp dụng: ") || !strings.HasPrefix(byCode["4.3"].WorkingEN, "Not applicable: ") {
			t.Errorf("4.3 reason: %q", w)
		}
		if w := byCode["2.1"].WorkingVI; !strings.Contains(w, "2 / 2 × 100% = 100%") {
			t.Errorf("2.1 working: %q", w)
		}

		// A leader of the department gets the department (every dossier is its own);
		// another unit, no report permission, no login: refused.
		var own qualityIndexJSON
		// The ratings are attributed to the receiving centre: the monitored HL is not
		// applicable for the department; the scored indicators are the same.
		if res := e.do("GET", path, e.tokens[motcua.RoleLeader], nil, &own); res.StatusCode != 200 || own.Unit != tDept || own.Points != 30 ||
			own.ApplicableMax != 60 || own.Groups[4].Indicators[3].Code != "HL" || own.Groups[4].Indicators[3].Applicable {
			t.Errorf("leader: %d unit %q points %v of %v", res.StatusCode, own.Unit, own.Points, own.ApplicableMax)
		}
		e.problem("GET", path+"&unit="+tCenter, e.tokens[motcua.RoleLeader], nil, http.StatusForbidden)
		e.problem("GET", path, e.tokens[motcua.RoleReceptionist], nil, http.StatusForbidden)
		e.problem("GET", path, "", nil, http.StatusUnauthorized)
		e.problem("GET", "/api/v1/reports/quality-index?from=2026-03-31&to=2026-03-01", e.tokens[motcua.RoleDirector], nil, http.StatusBadRequest)
	})
}

// TestSatisfactionAndCoverageAPI checks the satisfaction shares and the procedure
// coverage over HTTP, with the unit scope.
func TestSatisfactionAndCoverageAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := qualityEnv(t, db)
		var sat struct {
			Unit  string `json:"unit"`
			Total struct {
				Total              int64    `json:"total"`
				VerySatisfied      int64    `json:"very_satisfied"`
				VerySatisfiedShare *float64 `json:"very_satisfied_share"`
				SatisfiedShare     *float64 `json:"satisfied_share"`
			} `json:"total"`
			Groups []struct {
				Key   string `json:"key"`
				Total int64  `json:"total"`
			} `json:"groups"`
		}
		path := "/api/v1/reports/satisfaction?from=2026-03-01&to=2026-03-31"
		if res := e.do("GET", path+"&group_by=unit", e.tokens[motcua.RoleDirector], nil, &sat); res.StatusCode != 200 ||
			sat.Total.Total != 1 || sat.Total.VerySatisfied != 1 || sat.Total.VerySatisfiedShare == nil || *sat.Total.VerySatisfiedShare != 100 ||
			*sat.Total.SatisfiedShare != 0 || len(sat.Groups) != 1 || sat.Groups[0].Key != tCenter || sat.Groups[0].Total != 1 {
			t.Fatalf("satisfaction: %d %+v", res.StatusCode, sat)
		}
		sat.Total.Total, sat.Total.VerySatisfiedShare = -1, nil
		if res := e.do("GET", path, e.tokens[motcua.RoleLeader], nil, &sat); res.StatusCode != 200 || sat.Unit != tDept || sat.Total.Total != 0 ||
			sat.Total.VerySatisfiedShare != nil {
			t.Errorf("leader's unit has no ratings: %d %+v", res.StatusCode, sat)
		}
		e.problem("GET", path+"&unit="+tCenter, e.tokens[motcua.RoleLeader], nil, http.StatusForbidden)
		e.problem("GET", path+"&group_by=field", e.tokens[motcua.RoleDirector], nil, http.StatusBadRequest)
		e.problem("GET", path, e.tokens[motcua.RoleProcessor], nil, http.StatusForbidden)

		var cov struct {
			Unit            string   `json:"unit"`
			Procedures      int64    `json:"procedures"`
			FourOnSpot      int64    `json:"four_on_spot"`
			FourOnSpotShare *float64 `json:"four_on_spot_share"`
			OnlineFull      int64    `json:"online_full"`
			OnlineShare     *float64 `json:"online_share"`
		}
		if res := e.do("GET", "/api/v1/reports/procedure-coverage", e.tokens[motcua.RoleDirector], nil, &cov); res.StatusCode != 200 ||
			cov.Procedures != 1 || cov.FourOnSpot != 0 || cov.FourOnSpotShare == nil || *cov.FourOnSpotShare != 0 || cov.OnlineFull != 1 || *cov.OnlineShare != 100 {
			t.Fatalf("coverage: %d %+v", res.StatusCode, cov)
		}
		if res := e.do("GET", "/api/v1/reports/procedure-coverage", e.tokens[motcua.RoleLeader], nil, &cov); res.StatusCode != 200 || cov.Unit != tDept || cov.Procedures != 1 {
			t.Errorf("leader coverage: %d %+v", res.StatusCode, cov)
		}
		if res := e.do("GET", "/api/v1/reports/procedure-coverage?unit="+tCenter, e.tokens[motcua.RoleDirector], nil, &cov); res.StatusCode != 200 || cov.Procedures != 0 || cov.FourOnSpotShare != nil {
			t.Errorf("centre has no procedure of its own: %d %+v", res.StatusCode, cov)
		}
		e.problem("GET", "/api/v1/reports/procedure-coverage?unit="+tCenter, e.tokens[motcua.RoleLeader], nil, http.StatusForbidden)
	})
}

// TestQualityIndexPage renders the page in Vietnamese and English with the numbers of
// TestQualityIndexAPI, and checks the unit scope of a department leader.
func TestQualityIndexPage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := qualityEnv(t, db)
		// Web sessions are logged in at the real time: a cookie expiring in March
		// 2026 would be dropped by the client.
		clock := db.Now
		db.Now = time.Now
		dir := e.browserLogin("u-" + string(motcua.RoleDirector))
		ld := e.browserLogin("u-" + string(motcua.RoleLeader))
		rc := e.browserLogin("u-" + string(motcua.RoleReceptionist))
		db.Now = clock
		path := "/reports/quality-index?from=2026-03-01&to=2026-03-09"
		st, body := e.page(dir, path)
		if st != 200 {
			t.Fatalf("page: %d", st)
		}
		for _, want := range []string{`lang="vi"`, "Chỉ số chất lượng phục vụ người dân, doanh nghiệp", "Toàn tỉnh", "Kỳ đánh giá: 01/03/2026 – 09/03/2026", "30 / 60 điểm",
			"quy đổi thang 100: 50 điểm", "tối đa theo bộ chỉ số: 100 điểm", "Tiến độ giải quyết", "Số hóa hồ sơ",
			"2 / 2 × 100% = 100%", "20 / 20", "Không áp dụng: hệ thống chưa có sổ tiếp nhận", "đạt điểm tối đa từ 80%",
			"Theo dõi, không tính điểm", "Mẫu số bằng 0"} {
			if !strings.Contains(body, want) {
				t.Errorf("vi page lacks %q", want)
			}
		}
		st, body = e.page(dir, path+"&lang=en")
		if st != 200 {
			t.Fatalf("en page: %d", st)
		}
		for _, want := range []string{`lang="en"`, "Service quality index", "Whole province", "30 / 60 points", "on a scale of 100: 50",
			"Processing progress", "Digitisation of dossiers", "Not applicable: the system has no register", "full points from 80%",
			"Monitored, not scored", "The denominator is zero"} {
			if !strings.Contains(body, want) {
				t.Errorf("en page lacks %q", want)
			}
		}
		if strings.Contains(body, "Hoàng Văn Thụ") || strings.Contains(body, "020095001234") {
			t.Error("the page shows personal data")
		}

		st, body = e.page(ld, path)
		if st != 200 || strings.Contains(body, "Toàn tỉnh</option>") || !strings.Contains(body, `value="`+tDept+`" selected`) ||
			strings.Contains(body, `value="`+tCenter+`"`) {
			t.Errorf("leader page: %d", st)
		}
		if st, _ := e.page(ld, path+"&unit="+tCenter); st != http.StatusForbidden {
			t.Errorf("leader asking for the centre: %d", st)
		}
		if st, _ := e.page(rc, path); st != http.StatusForbidden {
			t.Errorf("receptionist: %d", st)
		}
	})
}
