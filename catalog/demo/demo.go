// Package demo builds a realistic, deterministic demo catalogue for one province
// (Lạng Sơn after the 1 July 2025 reorganisation): its People's Committee, Public
// Administrative Service Centre, departments, vertical agencies and the 65 communes and
// wards, about seventy fields, more than 1,300 procedures and a set of demo users.
//
// Agency codes follow the electronic identifier structure of Decision 20/2020/QĐ-TTg,
// M1M2M3.N1N2.P1P2.Q1Q2Q3, read from right to left: Q is the level-1 unit (the
// province, "H37" for Lạng Sơn), P the level-2 unit directly under it, N the level-3
// unit and M the level-4 unit; "000" and "00" fill unused levels. Thus the province is
// 000.00.00.H37, Sở Tư pháp 000.00.03.H37 and the land registration office under Sở
// Nông nghiệp và Môi trường 000.01.06.H37. The numbers below the province are this
// package's own allocation, not the ones Lạng Sơn published.
//
// Procedure codes have the national shape "1.001193". Codes that were checked against
// published provincial decisions are used as they are; every other procedure gets a
// generated code in the range 1.090001–1.099999 (and 2.09xxxx for commune-level kinds),
// which the national database has not reached, so a generated code never passes for
// a real one.
package demo

import (
	"math/rand/v2"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// Data is a complete demo catalogue: units (parents listed before children), fields,
// procedures, and the users to create for a demo installation.
type Data struct {
	ProvinceName string
	Units        []catalog.Unit
	Fields       []catalog.Field
	Procedures   []catalog.Procedure
	Staff        []StaffMember
}

// StaffMember is a demo user: a login name (ASCII), a Vietnamese full name, the role
// and the unit the role is scoped to ("" = the whole province).
type StaffMember struct {
	Username string
	FullName string
	Role     motcua.Role
	UnitCode string
}

// ProvinceName is the name of the demo province.
const ProvinceName = "Lạng Sơn"

// ProvinceLetterCode is the level-1 electronic identifier of Lạng Sơn under Decision
// 20/2020/QĐ-TTg (provinces are numbered H01… in Vietnamese alphabetical order: Kon Tum
// H35, Lai Châu H36, Lạng Sơn H37, Lào Cai H38).
const ProvinceLetterCode = "H37"

// catalogueDate is the date stamped on every generated procedure (the day the
// two-tier local government took effect).
var catalogueDate = time.Date(2025, 7, 1, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// Province returns the demo catalogue. The result depends only on seed: the same seed
// gives identical data; the seed varies the choice of channels, the "4 tại chỗ"
// procedures, the inactive procedures, the split of working time between steps and the
// staff names. Units, fields, procedure codes and names do not depend on the seed.
func Province(seed int64) *Data {
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x6d6f74637561))
	b := newBuilder(rng)
	b.addCore()
	b.addFamilies()
	b.addCommune()
	b.finish()
	return &Data{
		ProvinceName: ProvinceName,
		Units:        b.units,
		Fields:       buildFields(),
		Procedures:   b.procs,
		Staff:        buildStaff(rng),
	}
}
