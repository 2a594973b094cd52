package demo

import (
	"math/rand/v2"
	"strconv"

	"github.com/motcua/motcua"
)

// Name parts common in Lạng Sơn (Kinh, Tày and Nùng family names).
var (
	familyNames = []string{"Nguyễn", "Hoàng", "Nông", "Lương", "Vi", "Hà", "Lăng", "Lộc", "Triệu", "Chu", "Mã", "Lê", "Trần", "Phạm", "Đinh", "Dương", "Hứa", "Bế", "Lục", "Đàm"}
	maleMiddle  = []string{"Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Tiến"}
	femMiddle   = []string{"Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh"}
	maleGiven   = []string{"Hùng", "Tuấn", "Dũng", "Cường", "Hải", "Quân", "Long", "Thắng", "Phong", "Sơn", "Tùng", "Khánh", "Nam", "Bình", "Trung", "Việt"}
	femGiven    = []string{"Lan", "Hương", "Mai", "Thảo", "Trang", "Linh", "Hà", "Huyền", "Nga", "Yến", "Phương", "Thủy", "Hằng", "Nhung", "Loan", "Vân"}
)

func fullName(rng *rand.Rand) string {
	f := familyNames[rng.IntN(len(familyNames))]
	if rng.IntN(2) == 0 {
		return f + " " + maleMiddle[rng.IntN(len(maleMiddle))] + " " + maleGiven[rng.IntN(len(maleGiven))]
	}
	return f + " " + femMiddle[rng.IntN(len(femMiddle))] + " " + femGiven[rng.IntN(len(femGiven))]
}

// staffUnits are the units that get a leader and processors, with their login prefix.
var staffUnits = []struct{ prefix, key string }{
	{"vp", "VP"}, {"snv", "SNV"}, {"stp", "STP"}, {"stc", "STC"}, {"sct", "SCT"}, {"snnmt", "SNNMT"}, {"sxd", "SXD"},
	{"skhcn", "SKHCN"}, {"sgddt", "SGDDT"}, {"syt", "SYT"}, {"svhttdl", "SVHTTDL"}, {"sdttg", "SDTTG"}, {"sngv", "SNGV"},
	{"ttra", "TTRA"}, {"bqlkkt", "BQLKKT"}, {"vpdkdd", "VPDKDD"}, {"cccnty", "CCCNTY"}, {"ttdvvl", "TTDVVL"},
	{"ca", "CA"}, {"pv06", "PV06"}, {"pc06", "PC06"}, {"pc07", "PC07"}, {"pc08", "PC08"}, {"pa08", "PA08"},
	{"bhxh", "BHXH"}, {"thue", "THUE"}, {"bchqs", "BCHQS"}, {"bdbp", "BDBP"}, {"ubnd", "UBND"},
}

// buildStaff returns the demo users: an administrator, the centre director and
// receptionists, a leader and two processors for each resolving unit, a receptionist
// for every commune (and leader and processor for the first ones), and an inspector.
func buildStaff(rng *rand.Rand) []StaffMember {
	_, byKey := buildUnits()
	center := byKey["TTPVHCC"].Code
	out := []StaffMember{
		{Username: "admin", FullName: "Quản trị hệ thống", Role: motcua.RoleAdmin},
		{Username: "giamdoc", FullName: fullName(rng), Role: motcua.RoleDirector},
		{Username: "phogiamdoc", FullName: fullName(rng), Role: motcua.RoleDirector, UnitCode: center},
	}
	for i := 1; i <= 6; i++ {
		out = append(out, StaffMember{Username: "motcua" + strconv.Itoa(i), FullName: fullName(rng), Role: motcua.RoleReceptionist, UnitCode: center})
	}
	// The centre's own leader and processors resolve "4 tại chỗ" dossiers on the spot.
	out = append(out,
		StaffMember{Username: "ttpvhcc.lanhdao", FullName: fullName(rng), Role: motcua.RoleLeader, UnitCode: center},
		StaffMember{Username: "ttpvhcc.chuyenvien", FullName: fullName(rng), Role: motcua.RoleProcessor, UnitCode: center},
		StaffMember{Username: "ttpvhcc.chuyenvien2", FullName: fullName(rng), Role: motcua.RoleProcessor, UnitCode: center},
	)
	for _, s := range staffUnits {
		unit := byKey[s.key].Code
		out = append(out,
			StaffMember{Username: s.prefix + ".lanhdao", FullName: fullName(rng), Role: motcua.RoleLeader, UnitCode: unit},
			StaffMember{Username: s.prefix + ".chuyenvien", FullName: fullName(rng), Role: motcua.RoleProcessor, UnitCode: unit},
			StaffMember{Username: s.prefix + ".chuyenvien2", FullName: fullName(rng), Role: motcua.RoleProcessor, UnitCode: unit},
		)
	}
	for i, c := range communeDefs {
		unit := communeCode(i)
		out = append(out, StaffMember{Username: c.slug + ".motcua", FullName: fullName(rng), Role: motcua.RoleReceptionist, UnitCode: unit})
		out = append(out,
			StaffMember{Username: c.slug + ".lanhdao", FullName: fullName(rng), Role: motcua.RoleLeader, UnitCode: unit},
			StaffMember{Username: c.slug + ".chuyenvien", FullName: fullName(rng), Role: motcua.RoleProcessor, UnitCode: unit},
		)
	}
	out = append(out, StaffMember{Username: "thanhtra", FullName: fullName(rng), Role: motcua.RoleViewer})
	return out
}
