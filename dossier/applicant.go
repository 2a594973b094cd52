package dossier

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// ApplicantKind says whether the applicant is a natural person or an organisation.
type ApplicantKind string

// Applicant kinds.
const (
	ApplicantPerson       ApplicantKind = "person"
	ApplicantOrganisation ApplicantKind = "organisation"
)

// Applicant is the person or organisation the dossier is for, as written on the
// receipt slip (Mẫu 01, Circular 01/2018/TT-VPCP). A proxy (người được ủy quyền) may
// submit for them; the proxy's name and ID number are then both given.
type Applicant struct {
	Kind     ApplicantKind `json:"kind"`
	FullName string        `json:"full_name"`
	// IDNumber: for a person the 12-digit citizen identity number (số định danh cá
	// nhân / CCCD, Law on Identification 2023); for an organisation its 10-digit tax
	// (enterprise) code or a 13-digit branch code written NNNNNNNNNN-NNN.
	IDNumber  string `json:"id_number"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
	Address   string `json:"address"`
	ProxyName string `json:"proxy_name,omitempty"`
	ProxyID   string `json:"proxy_id,omitempty"`
}

// Limits on applicant text fields, in runes.
const (
	maxNameLen    = 200
	maxAddressLen = 500
	maxEmailLen   = 254
)

// Validate normalises a (trims text and collapses inner spaces in names, removes
// separators from ID numbers and phones, writes phones in the national 0… form, lower-
// cases the email's domain) and checks it. It returns a *motcua.Error (EINVALID) whose
// Field names the offending field under "applicant." and whose Message is a key like
// "dossier.applicant.id_invalid".
//
// Rules: kind person or organisation; full name 1–200 letters without control
// characters; ID number as described on Applicant (a person's CCCD: 12 digits whose
// first three are a province code 001–096); address 1–500 characters; at least one of
// phone and email; a phone is a Vietnamese mobile number (0[35789]XXXXXXXX, also
// written +84… or 84…) or a landline with its 02XX area code (11 digits, e.g.
// 02053812345, the national numbering plan after the 2017 area-code conversion); an
// email is one bare address; the proxy's name and 12-digit ID are given together.
func (a *Applicant) Validate() error {
	a.FullName = collapseSpaces(a.FullName)
	a.Address = collapseSpaces(a.Address)
	a.ProxyName = collapseSpaces(a.ProxyName)
	a.IDNumber = stripSeparators(a.IDNumber, a.Kind == ApplicantOrganisation)
	a.ProxyID = stripSeparators(a.ProxyID, false)
	a.Email = strings.TrimSpace(a.Email)
	if p, ok := NormalizePhone(a.Phone); ok {
		a.Phone = p
	} else {
		a.Phone = strings.TrimSpace(a.Phone)
	}
	switch {
	case a.Kind != ApplicantPerson && a.Kind != ApplicantOrganisation:
		return applicantErr("kind", MsgApplicantKindInvalid)
	case !validName(a.FullName):
		return applicantErr("full_name", MsgApplicantNameInvalid)
	case a.Kind == ApplicantPerson && !ValidCitizenID(a.IDNumber):
		return applicantErr("id_number", MsgApplicantIDInvalid)
	case a.Kind == ApplicantOrganisation && !ValidTaxCode(a.IDNumber):
		return applicantErr("id_number", MsgApplicantIDInvalid)
	case a.Address == "" || utf8.RuneCountInString(a.Address) > maxAddressLen || hasControl(a.Address):
		return applicantErr("address", MsgApplicantAddressInvalid)
	case a.Phone == "" && a.Email == "":
		return applicantErr("phone", MsgApplicantContactRequired)
	case a.Phone != "" && !ValidPhone(a.Phone):
		return applicantErr("phone", MsgApplicantPhoneInvalid)
	case a.Email != "" && !validEmail(a.Email):
		return applicantErr("email", MsgApplicantEmailInvalid)
	case (a.ProxyName == "") != (a.ProxyID == ""):
		return applicantErr("proxy_name", MsgApplicantProxyIncomplete)
	case a.ProxyName != "" && !validName(a.ProxyName):
		return applicantErr("proxy_name", MsgApplicantNameInvalid)
	case a.ProxyID != "" && !ValidCitizenID(a.ProxyID):
		return applicantErr("proxy_id", MsgApplicantIDInvalid)
	}
	if at := strings.LastIndexByte(a.Email, '@'); at > 0 {
		a.Email = a.Email[:at] + strings.ToLower(a.Email[at:])
	}
	return nil
}

func applicantErr(field, key string) error {
	return motcua.FieldError(motcua.EINVALID, "applicant."+field, key)
}

// ValidCitizenID reports whether s is a 12-digit personal identification number whose
// first three digits are the code of a province of birth, 001–096 (Circular
// 07/2016/TT-BCA, kept by Circular 59/2021/TT-BCA).
func ValidCitizenID(s string) bool {
	if len(s) != 12 || !allDigits(s) {
		return false
	}
	p := int(s[0]-'0')*100 + int(s[1]-'0')*10 + int(s[2]-'0')
	return p >= 1 && p <= 96
}

// taxWeights are the weights of the check digit of a Vietnamese tax code: the tenth
// digit is 10 − (Σ dᵢ·wᵢ mod 11) over the first nine; codes for which that is 10 are
// not issued.
var taxWeights = [9]int{31, 29, 23, 19, 17, 13, 7, 5, 3}

// ValidTaxCode reports whether s is an organisation's tax code: 10 digits with a valid
// check digit, or a dependent unit's code of those 10 digits, a hyphen and 3 digits
// (the enterprise code is the tax code, Law on Enterprises 2020 art. 29; Law on Tax
// Administration 2019 art. 30). A 13-digit code without the hyphen is accepted by
// Validate and normalised to the hyphenated form.
func ValidTaxCode(s string) bool {
	switch {
	case len(s) == 10:
	case len(s) == 14 && s[10] == '-' && allDigits(s[11:]) && s[11:] != "000":
		s = s[:10]
	default:
		return false
	}
	if !allDigits(s) {
		return false
	}
	sum := 0
	for i, w := range taxWeights {
		sum += int(s[i]-'0') * w
	}
	check := 10 - sum%11
	return check < 10 && int(s[9]-'0') == check
}

// NormalizePhone returns the national form of a Vietnamese phone number written with
// optional spaces, dots, hyphens or parentheses and an optional +84 or 84 prefix, and
// whether it is valid (see ValidPhone).
func NormalizePhone(s string) (string, bool) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	p := b.String()
	switch {
	case strings.HasPrefix(p, "+84"):
		p = "0" + p[3:]
	case strings.HasPrefix(p, "84") && (len(p) == 11 || len(p) == 12):
		p = "0" + p[2:]
	}
	return p, ValidPhone(p)
}

// ValidPhone reports whether p, in national form without separators, is a Vietnamese
// mobile number (10 digits: 0 then 3, 5, 7, 8 or 9) or a fixed-line number (11 digits:
// 02 then the area code and subscriber number): the national numbering plan of the
// Ministry of Information and Communications after the 2017 area-code and 2018
// mobile-prefix conversions (the old 11-digit 01XX mobile numbers are no longer valid).
func ValidPhone(p string) bool {
	if !allDigits(p) || len(p) < 10 || p[0] != '0' {
		return false
	}
	switch {
	case len(p) == 10:
		return strings.IndexByte("35789", p[1]) >= 0
	case len(p) == 11:
		return p[1] == '2'
	}
	return false
}

func validEmail(s string) bool {
	if len(s) > maxEmailLen || strings.ContainsAny(s, " <>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.HasSuffix(s, ".")
}

func validName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n == 0 || n > maxNameLen || hasControl(s) || !utf8.ValidString(s) {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		} else if unicode.IsDigit(r) && r > unicode.MaxASCII {
			return false
		}
	}
	return letters > 0
}

func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// collapseSpaces trims s and replaces runs of white space by one space.
func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// stripSeparators removes spaces and dots from an ID number; for an organisation it
// also writes a 13-digit branch code as NNNNNNNNNN-NNN.
func stripSeparators(s string, org bool) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if org && len(s) == 13 && allDigits(s) {
		s = s[:10] + "-" + s[10:]
	}
	return s
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
