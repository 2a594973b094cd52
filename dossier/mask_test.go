package dossier

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMaskName(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyễn Văn An":          "N*** V** A*",
		"  Lê   Thị  Hồng Nhung": "L* T** H*** N***",
		"Ý":                      "Ý",
		"Đặng":                   "Đ***",
		"":                       "",
	} {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPublicViewLeaksNothing(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.toProcessing(jul(14, 9, 0))
	h.do(Command{Action: ActRequestSupplement, Reason: "Thiếu bản sao CCCD 037095001234"}, proc0, jul(14, 11, 0))
	h.do(Command{Action: ActSupplementReceived}, rcpt, jul(15, 9, 0))
	h.do(Command{Action: ActProposeResult}, proc0, jul(15, 10, 0))
	h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, lead0, jul(15, 11, 0))
	h.do(Command{Action: ActReturnResult, Recipient: &Recipient{Name: "Trần Thị Bình", IDNumber: "037190004321"}}, rcpt, jul(16, 9, 0))
	pv := PublicView(h.d)
	b, err := json.Marshal(pv)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	a := person()
	for _, secret := range []string{a.IDNumber, a.Phone, "912345678", a.Email, a.Address, "Trần Hưng Đạo", a.ProxyName, a.ProxyID, "Nguyễn Văn An", "Văn", proc0.Username, lead0.Username, "Thiếu bản sao"} {
		if strings.Contains(s, secret) {
			t.Errorf("public view contains %q: %s", secret, s)
		}
	}
	if pv.Applicant != "N*** V** A*" || pv.State != StateReturned || len(pv.Timeline) != len(h.events) {
		t.Errorf("public view %+v", pv)
	}
	if pv.Timeline[1].UnitCode != u0 || pv.Timeline[0].UnitCode != centre {
		t.Errorf("timeline units %+v", pv.Timeline[:2])
	}
	pv.ResolveUnits(func(c string) string {
		if c == u0 {
			return "Sở Thử nghiệm"
		}
		return ""
	})
	if pv.Timeline[1].UnitName != "Sở Thử nghiệm" {
		t.Errorf("resolve: %+v", pv.Timeline[1])
	}
}
