package dossier

import (
	"testing"

	"github.com/motcua/motcua"
)

func TestApplicantValidate(t *testing.T) {
	org := func(id string) *Applicant {
		return &Applicant{Kind: ApplicantOrganisation, FullName: "Công ty Sữa Việt Nam", IDNumber: id, Phone: "028 5415 5555", Address: "Quận 7, TP HCM"}
	}
	mod := func(f func(*Applicant)) *Applicant { a := person(); f(a); return a }
	tests := []struct {
		name  string
		a     *Applicant
		field string // "" = valid
		key   string
	}{
		{"person ok", person(), "", ""},
		{"CCCD with spaces", mod(func(a *Applicant) { a.IDNumber = "037 095 001 234" }), "", ""},
		{"CCCD 11 digits", mod(func(a *Applicant) { a.IDNumber = "03709500123" }), "applicant.id_number", MsgApplicantIDInvalid},
		{"CCCD 13 digits", mod(func(a *Applicant) { a.IDNumber = "0370950012345" }), "applicant.id_number", MsgApplicantIDInvalid},
		{"old 9-digit CMND", mod(func(a *Applicant) { a.IDNumber = "164123456" }), "applicant.id_number", MsgApplicantIDInvalid},
		{"CCCD letters", mod(func(a *Applicant) { a.IDNumber = "03709500123A" }), "applicant.id_number", MsgApplicantIDInvalid},
		{"CCCD province 000", mod(func(a *Applicant) { a.IDNumber = "000095001234" }), "applicant.id_number", MsgApplicantIDInvalid},
		{"CCCD province 097", mod(func(a *Applicant) { a.IDNumber = "097095001234" }), "applicant.id_number", MsgApplicantIDInvalid},
		{"mobile 0912345678", mod(func(a *Applicant) { a.Phone = "0912345678" }), "", ""},
		{"mobile +84912345678", mod(func(a *Applicant) { a.Phone = "+84912345678" }), "", ""},
		{"mobile 84 912 345 678", mod(func(a *Applicant) { a.Phone = "84 912 345 678" }), "", ""},
		{"mobile 0387.123.456", mod(func(a *Applicant) { a.Phone = "0387.123.456" }), "", ""},
		{"landline 02053812345", mod(func(a *Applicant) { a.Phone = "02053812345" }), "", ""},
		{"landline (024) 3825 1234", mod(func(a *Applicant) { a.Phone = "(024) 3825 1234" }), "", ""},
		{"old 11-digit mobile", mod(func(a *Applicant) { a.Phone = "01689123456" }), "applicant.phone", MsgApplicantPhoneInvalid},
		{"mobile prefix 06", mod(func(a *Applicant) { a.Phone = "0612345678" }), "applicant.phone", MsgApplicantPhoneInvalid},
		{"short phone", mod(func(a *Applicant) { a.Phone = "091234567" }), "applicant.phone", MsgApplicantPhoneInvalid},
		{"phone letters", mod(func(a *Applicant) { a.Phone = "09123abc78" }), "applicant.phone", MsgApplicantPhoneInvalid},
		{"+ in the middle", mod(func(a *Applicant) { a.Phone = "09+12345678" }), "applicant.phone", MsgApplicantPhoneInvalid},
		{"email only", mod(func(a *Applicant) { a.Phone = "" }), "", ""},
		{"no contact", mod(func(a *Applicant) { a.Phone, a.Email = "", "" }), "applicant.phone", MsgApplicantContactRequired},
		{"bad email", mod(func(a *Applicant) { a.Email = "an@" }), "applicant.email", MsgApplicantEmailInvalid},
		{"email with name", mod(func(a *Applicant) { a.Email = "An <an@example.vn>" }), "applicant.email", MsgApplicantEmailInvalid},
		{"kind", mod(func(a *Applicant) { a.Kind = "robot" }), "applicant.kind", MsgApplicantKindInvalid},
		{"empty name", mod(func(a *Applicant) { a.FullName = "   " }), "applicant.full_name", MsgApplicantNameInvalid},
		{"digits name", mod(func(a *Applicant) { a.FullName = "12345" }), "applicant.full_name", MsgApplicantNameInvalid},
		{"control in name", mod(func(a *Applicant) { a.FullName = "An\x00" }), "applicant.full_name", MsgApplicantNameInvalid},
		{"no address", mod(func(a *Applicant) { a.Address = "" }), "applicant.address", MsgApplicantAddressInvalid},
		{"proxy without ID", mod(func(a *Applicant) { a.ProxyID = "" }), "applicant.proxy_name", MsgApplicantProxyIncomplete},
		{"proxy bad ID", mod(func(a *Applicant) { a.ProxyID = "1" }), "applicant.proxy_id", MsgApplicantIDInvalid},
		{"no proxy", mod(func(a *Applicant) { a.ProxyName, a.ProxyID = "", "" }), "", ""},
		{"org tax code", org("0300588569"), "", ""},
		{"org tax code bad check digit", org("0300588568"), "applicant.id_number", MsgApplicantIDInvalid},
		{"org FPT", org("0101248141"), "", ""},
		{"org branch hyphen", org("0300588569-001"), "", ""},
		{"org branch 13 digits", org("0300588569001"), "", ""},
		{"org branch 000", org("0300588569-000"), "applicant.id_number", MsgApplicantIDInvalid},
		{"org CCCD", org("037095001234"), "applicant.id_number", MsgApplicantIDInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.a.Validate()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			me := motcua.AsError(err)
			if me == nil || me.Code != motcua.EINVALID || me.Field != tc.field || me.Message != tc.key {
				t.Fatalf("got %v, want %s %s", err, tc.field, tc.key)
			}
		})
	}
}

func TestApplicantNormalises(t *testing.T) {
	a := person()
	a.FullName, a.Phone, a.IDNumber, a.Email = "  Nguyễn   Văn  An ", "+84 912 345 678", "037.095.001.234", "An@Example.VN"
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	if a.FullName != "Nguyễn Văn An" || a.Phone != "0912345678" || a.IDNumber != "037095001234" || a.Email != "An@example.vn" {
		t.Errorf("normalised to %+v", a)
	}
	o := &Applicant{Kind: ApplicantOrganisation, FullName: "Chi nhánh", IDNumber: "0300588569001", Email: "a@b.vn", Address: "x"}
	if err := o.Validate(); err != nil || o.IDNumber != "0300588569-001" {
		t.Errorf("branch code %q, %v", o.IDNumber, err)
	}
	for in, want := range map[string]string{"0912345678": "0912345678", "+84912345678": "0912345678", "84912345678": "0912345678", "02053812345": "02053812345", "+842053812345": "02053812345"} {
		if got, ok := NormalizePhone(in); !ok || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func FuzzApplicantValidate(f *testing.F) {
	f.Add("person", "Nguyễn Văn An", "037095001234", "0912345678", "an@example.vn", "Hà Nội")
	f.Add("organisation", "Công ty A", "0300588569-001", "+84 28 5415 5555", "", "TP HCM")
	f.Add("person", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, kind, name, id, phone, email, addr string) {
		a := &Applicant{Kind: ApplicantKind(kind), FullName: name, IDNumber: id, Phone: phone, Email: email, Address: addr}
		err := a.Validate()
		if err != nil {
			if me := motcua.AsError(err); me == nil || me.Code != motcua.EINVALID || me.Field == "" {
				t.Fatalf("error %v is not an EINVALID field error", err)
			}
			return
		}
		// A valid applicant stays valid and unchanged when validated again.
		b := *a
		if err := b.Validate(); err != nil || b != *a {
			t.Fatalf("not idempotent: %+v → %+v, %v", *a, b, err)
		}
		if a.Kind == ApplicantPerson && !ValidCitizenID(a.IDNumber) || a.Phone != "" && !ValidPhone(a.Phone) {
			t.Fatalf("accepted %+v", *a)
		}
	})
}
