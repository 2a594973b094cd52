// Package catalog holds the administrative-procedure catalogue of a province: units
// (the centre, departments, vertical agencies, communes), fields, and procedures with
// their time limits, fees, required papers, channels and internal steps. It has no I/O;
// sqldb implements Store and web serves it.
package catalog

import (
	"regexp"
	"strings"
)

// UnitKind is the place of a unit in the province's hierarchy. Since 1 July 2025 local
// government has two tiers, province and commune (Law on Organisation of Local
// Government 2025); the kinds below model both tiers plus the vertical agencies.
type UnitKind string

// Unit kinds.
const (
	UnitProvince   UnitKind = "province"   // the provincial People's Committee
	UnitCenter     UnitKind = "center"     // Public Administrative Service Centre
	UnitDepartment UnitKind = "department" // sở, ban, ngành
	UnitVertical   UnitKind = "vertical"   // vertical agency: police, tax, social insurance
	UnitCommune    UnitKind = "commune"    // commune/ward People's Committee (one-stop dept.)
	UnitBranch     UnitKind = "branch"     // a sub-unit of any of the above
)

// UnitKinds lists the valid kinds.
var UnitKinds = []UnitKind{UnitProvince, UnitCenter, UnitDepartment, UnitVertical, UnitCommune, UnitBranch}

// Unit is an agency that receives or resolves dossiers. Code is its electronic
// identifier (mã định danh điện tử, e.g. "000.00.20.H37" or "H37.25.10"), which also
// prefixes its dossier codes (Circular 03/2025/TT-VPCP).
type Unit struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	ShortName  string   `json:"short_name,omitempty"`
	Kind       UnitKind `json:"kind"`
	ParentCode string   `json:"parent_code,omitempty"`
	Address    string   `json:"address,omitempty"`
	Active     bool     `json:"active"`
}

// unitCodeRE: dotted groups of letters and digits, e.g. 000.00.20.H37, H37.25.10, H37.
var unitCodeRE = regexp.MustCompile(`^[A-Z0-9]{1,6}(\.[A-Z0-9]{1,6}){0,5}$`)

// ValidUnitCode reports whether code has the shape of an agency identifier.
func ValidUnitCode(code string) bool { return unitCodeRE.MatchString(code) }

// Validate checks u and returns a field error (code EINVALID or EUNPROCESSABLE).
func (u *Unit) Validate() error {
	u.Code = strings.TrimSpace(u.Code)
	u.Name = strings.TrimSpace(u.Name)
	u.ParentCode = strings.TrimSpace(u.ParentCode)
	switch {
	case !ValidUnitCode(u.Code):
		return invalid("code", "catalog.unit.code_invalid")
	case u.Name == "" || len([]rune(u.Name)) > 300:
		return invalid("name", "catalog.name_length")
	case !validKind(u.Kind):
		return invalid("kind", "catalog.unit.kind_invalid")
	case u.ParentCode != "" && !ValidUnitCode(u.ParentCode):
		return invalid("parent_code", "catalog.unit.code_invalid")
	case u.ParentCode == u.Code:
		return invalid("parent_code", "catalog.unit.parent_self")
	}
	return nil
}

func validKind(k UnitKind) bool {
	for _, x := range UnitKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Field is a grouping of procedures (lĩnh vực): land, construction, justice, …
type Field struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en,omitempty"`
}

var fieldCodeRE = regexp.MustCompile(`^[A-Z0-9_]{1,20}$`)

// Validate checks f.
func (f *Field) Validate() error {
	f.Code = strings.TrimSpace(f.Code)
	f.Name = strings.TrimSpace(f.Name)
	switch {
	case !fieldCodeRE.MatchString(f.Code):
		return invalid("code", "catalog.field.code_invalid")
	case f.Name == "" || len([]rune(f.Name)) > 300:
		return invalid("name", "catalog.name_length")
	}
	return nil
}
