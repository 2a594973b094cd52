package demo

import (
	"fmt"

	"github.com/motcua/motcua/catalog"
)

// unitDef is one unit of the demo province; key is this package's short handle used
// by the procedure tables.
type unitDef struct {
	key, code, name, short string
	kind                   catalog.UnitKind
	parent                 string // key of the parent, "" for none
	active                 bool
	address                string
}

func code(p string) string { return "000.00." + p + "." + ProvinceLetterCode }

func subcode(n, p string) string { return "000." + n + "." + p + "." + ProvinceLetterCode }

// unitDefs lists the provincial units in parent-before-child order. Departments are
// the specialised agencies of the provincial People's Committee after Resolution
// 04/NQ-HĐND of 18 February 2025 (in force 1 March 2025): six new merged departments
// (Tài chính, Xây dựng, Nông nghiệp và Môi trường, Khoa học và Công nghệ, Nội vụ, Dân
// tộc và Tôn giáo) and the reorganised ones. The seven pre-merger departments are kept
// as inactive units so that dossiers received before March 2025 still resolve.
var unitDefs = []unitDef{
	{"UBND", code("00"), "Ủy ban nhân dân tỉnh Lạng Sơn", "UBND tỉnh", catalog.UnitProvince, "", true, "Phường Lương Văn Tri, tỉnh Lạng Sơn"},
	{"TTPVHCC", code("25"), "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn", "TTPVHCC", catalog.UnitCenter, "UBND", true, "Phường Lương Văn Tri, tỉnh Lạng Sơn"},

	{"VP", code("01"), "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND", catalog.UnitDepartment, "UBND", true, ""},
	{"SNV", code("02"), "Sở Nội vụ", "SNV", catalog.UnitDepartment, "UBND", true, ""},
	{"STP", code("03"), "Sở Tư pháp", "STP", catalog.UnitDepartment, "UBND", true, ""},
	{"STC", code("04"), "Sở Tài chính", "STC", catalog.UnitDepartment, "UBND", true, ""},
	{"SCT", code("05"), "Sở Công Thương", "SCT", catalog.UnitDepartment, "UBND", true, ""},
	{"SNNMT", code("06"), "Sở Nông nghiệp và Môi trường", "SNNMT", catalog.UnitDepartment, "UBND", true, ""},
	{"SXD", code("07"), "Sở Xây dựng", "SXD", catalog.UnitDepartment, "UBND", true, ""},
	{"SKHCN", code("08"), "Sở Khoa học và Công nghệ", "SKHCN", catalog.UnitDepartment, "UBND", true, ""},
	{"SGDDT", code("09"), "Sở Giáo dục và Đào tạo", "SGDĐT", catalog.UnitDepartment, "UBND", true, ""},
	{"SYT", code("10"), "Sở Y tế", "SYT", catalog.UnitDepartment, "UBND", true, ""},
	{"SVHTTDL", code("11"), "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", catalog.UnitDepartment, "UBND", true, ""},
	{"SDTTG", code("12"), "Sở Dân tộc và Tôn giáo", "SDTTG", catalog.UnitDepartment, "UBND", true, ""},
	{"SNGV", code("13"), "Sở Ngoại vụ", "SNgV", catalog.UnitDepartment, "UBND", true, ""},
	{"TTRA", code("14"), "Thanh tra tỉnh", "TTr", catalog.UnitDepartment, "UBND", true, ""},
	{"BQLKKT", code("15"), "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "BQL KKT", catalog.UnitDepartment, "UBND", true, ""},
	{"SKHDT", code("16"), "Sở Kế hoạch và Đầu tư (đã hợp nhất vào Sở Tài chính)", "SKHĐT", catalog.UnitDepartment, "UBND", false, ""},
	{"SGTVT", code("17"), "Sở Giao thông vận tải (đã hợp nhất vào Sở Xây dựng)", "SGTVT", catalog.UnitDepartment, "UBND", false, ""},
	{"STNMT", code("18"), "Sở Tài nguyên và Môi trường (đã hợp nhất vào Sở Nông nghiệp và Môi trường)", "STNMT", catalog.UnitDepartment, "UBND", false, ""},
	{"SNNPTNT", code("19"), "Sở Nông nghiệp và Phát triển nông thôn (đã hợp nhất vào Sở Nông nghiệp và Môi trường)", "SNN&PTNT", catalog.UnitDepartment, "UBND", false, ""},
	{"SLDTBXH", code("20"), "Sở Lao động - Thương binh và Xã hội (đã hợp nhất vào Sở Nội vụ)", "SLĐTBXH", catalog.UnitDepartment, "UBND", false, ""},
	{"STTTT", code("21"), "Sở Thông tin và Truyền thông (đã hợp nhất vào Sở Khoa học và Công nghệ)", "STTTT", catalog.UnitDepartment, "UBND", false, ""},
	{"BDT", code("22"), "Ban Dân tộc tỉnh (nay là Sở Dân tộc và Tôn giáo)", "BDT", catalog.UnitDepartment, "UBND", false, ""},

	{"VPDKDD", subcode("01", "06"), "Văn phòng Đăng ký đất đai tỉnh Lạng Sơn", "VPĐKĐĐ", catalog.UnitBranch, "SNNMT", true, ""},
	{"CCCNTY", subcode("02", "06"), "Chi cục Chăn nuôi, Thú y và Thủy sản", "CCCNTY", catalog.UnitBranch, "SNNMT", true, ""},
	{"TTDVVL", subcode("01", "02"), "Trung tâm Dịch vụ việc làm tỉnh Lạng Sơn", "TTDVVL", catalog.UnitBranch, "SNV", true, ""},

	// Vertical agencies are not subordinate to the provincial People's Committee, so
	// they have no parent; their codes are allocated inside the province's tree because
	// the provincial one-stop system receives their dossiers at the centre.
	{"CA", code("26"), "Công an tỉnh Lạng Sơn", "CA tỉnh", catalog.UnitVertical, "", true, ""},
	{"PV06", subcode("01", "26"), "Phòng Hồ sơ nghiệp vụ - Công an tỉnh", "PV06", catalog.UnitBranch, "CA", true, ""},
	{"PC06", subcode("02", "26"), "Phòng Cảnh sát quản lý hành chính về trật tự xã hội - Công an tỉnh", "PC06", catalog.UnitBranch, "CA", true, ""},
	{"PC07", subcode("03", "26"), "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ - Công an tỉnh", "PC07", catalog.UnitBranch, "CA", true, ""},
	{"PC08", subcode("04", "26"), "Phòng Cảnh sát giao thông - Công an tỉnh", "PC08", catalog.UnitBranch, "CA", true, ""},
	{"PA08", subcode("05", "26"), "Phòng Quản lý xuất nhập cảnh - Công an tỉnh", "PA08", catalog.UnitBranch, "CA", true, ""},
	{"BHXH", code("27"), "Bảo hiểm xã hội tỉnh Lạng Sơn", "BHXH tỉnh", catalog.UnitVertical, "", true, ""},
	{"THUE", code("28"), "Thuế tỉnh Lạng Sơn", "Thuế tỉnh", catalog.UnitVertical, "", true, ""},
	{"BCHQS", code("29"), "Bộ Chỉ huy Quân sự tỉnh Lạng Sơn", "BCHQS tỉnh", catalog.UnitVertical, "", true, ""},
	{"BDBP", code("30"), "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lạng Sơn", "BĐBP tỉnh", catalog.UnitVertical, "", true, ""},
}

// communeDefs lists the 65 commune-level units of Lạng Sơn after the 2025 resolution
// of the National Assembly Standing Committee on its commune-level units (4 wards and
// 61 communes, in force 1 July 2025), in the order of their national administrative
// codes. ward marks a phường.
var communeDefs = []struct {
	name, slug string
	ward       bool
}{
	{"Đông Kinh", "dongkinh", true}, {"Lương Văn Tri", "luongvantri", true}, {"Tam Thanh", "tamthanh", true},
	{"Đoàn Kết", "doanket", false}, {"Quốc Khánh", "quockhanh", false}, {"Tân Tiến", "tantien", false},
	{"Kháng Chiến", "khangchien", false}, {"Thất Khê", "thatkhe", false}, {"Tràng Định", "trangdinh", false},
	{"Quốc Việt", "quocviet", false}, {"Hoa Thám", "hoatham", false}, {"Quý Hòa", "quyhoa", false},
	{"Hồng Phong", "hongphong", false}, {"Thiện Hòa", "thienhoa", false}, {"Thiện Thuật", "thienthuat", false},
	{"Thiện Long", "thienlong", false}, {"Bình Gia", "binhgia", false}, {"Tân Văn", "tanvan", false},
	{"Na Sầm", "nasam", false}, {"Thụy Hùng", "thuyhung", false}, {"Hội Hoan", "hoihoan", false},
	{"Văn Lãng", "vanlang", false}, {"Hoàng Văn Thụ", "hoangvanthu", false}, {"Đồng Đăng", "dongdang", false},
	{"Kỳ Lừa", "kylua", true}, {"Ba Sơn", "bason", false}, {"Cao Lộc", "caoloc", false},
	{"Công Sơn", "congson", false}, {"Văn Quan", "vanquan", false}, {"Điềm He", "diemhe", false},
	{"Khánh Khê", "khanhkhe", false}, {"Yên Phúc", "yenphuc", false}, {"Tri Lễ", "trile", false},
	{"Tân Đoàn", "tandoan", false}, {"Bắc Sơn", "bacson", false}, {"Tân Tri", "tantri", false},
	{"Hưng Vũ", "hungvu", false}, {"Vũ Lễ", "vule", false}, {"Vũ Lăng", "vulang", false},
	{"Nhất Hòa", "nhathoa", false}, {"Hữu Lũng", "huulung", false}, {"Yên Bình", "yenbinh", false},
	{"Hữu Liên", "huulien", false}, {"Vân Nham", "vannham", false}, {"Cai Kinh", "caikinh", false},
	{"Thiện Tân", "thientan", false}, {"Tân Thành", "tanthanh", false}, {"Tuấn Sơn", "tuanson", false},
	{"Chi Lăng", "chilang", false}, {"Bằng Mạc", "bangmac", false}, {"Chiến Thắng", "chienthang", false},
	{"Nhân Lý", "nhanly", false}, {"Vạn Linh", "vanlinh", false}, {"Quan Sơn", "quanson", false},
	{"Na Dương", "naduong", false}, {"Lộc Bình", "locbinh", false}, {"Mẫu Sơn", "mauson", false},
	{"Khuất Xá", "khuatxa", false}, {"Thống Nhất", "thongnhat", false}, {"Lợi Bác", "loibac", false},
	{"Xuân Dương", "xuanduong", false}, {"Đình Lập", "dinhlap", false}, {"Thái Bình", "thaibinh", false},
	{"Kiên Mộc", "kienmoc", false}, {"Châu Sơn", "chauson", false},
}

// communeCode is the code of the i-th commune (0-based): level-2 codes 31…95.
func communeCode(i int) string { return code(fmt.Sprintf("%02d", 31+i)) }

// communeFullName is the official name of the i-th commune's People's Committee.
func communeFullName(i int) string {
	c := communeDefs[i]
	if c.ward {
		return "Ủy ban nhân dân phường " + c.name
	}
	return "Ủy ban nhân dân xã " + c.name
}

func communePlace(i int) string {
	if communeDefs[i].ward {
		return "Phường " + communeDefs[i].name
	}
	return "Xã " + communeDefs[i].name
}

// buildUnits returns every unit and the key → code map.
func buildUnits() ([]catalog.Unit, map[string]catalog.Unit) {
	byKey := map[string]catalog.Unit{}
	units := make([]catalog.Unit, 0, len(unitDefs)+len(communeDefs))
	for _, d := range unitDefs {
		u := catalog.Unit{Code: d.code, Name: d.name, ShortName: d.short, Kind: d.kind, Address: d.address, Active: d.active}
		if d.parent != "" {
			u.ParentCode = byKey[d.parent].Code
		}
		byKey[d.key] = u
		units = append(units, u)
	}
	for i, c := range communeDefs {
		short := "UBND xã " + c.name
		if c.ward {
			short = "UBND phường " + c.name
		}
		u := catalog.Unit{
			Code: communeCode(i), Name: communeFullName(i), ShortName: short,
			Kind: catalog.UnitCommune, ParentCode: byKey["UBND"].Code,
			Address: communePlace(i) + ", tỉnh Lạng Sơn", Active: true,
		}
		byKey["XA"+fmt.Sprint(i)] = u
		units = append(units, u)
	}
	byKey["XA"] = byKey["XA0"]
	return units, byKey
}
