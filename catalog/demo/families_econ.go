package demo

import "github.com/motcua/motcua/catalog"

var (
	feesDKDN = []catalog.Fee{feeNote(catalog.FeeCharge, "Lệ phí đăng ký doanh nghiệp", 50000, "Miễn lệ phí khi đăng ký qua mạng thông tin điện tử"), fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000)}
	feesHTX  = []catalog.Fee{charge("Lệ phí đăng ký hợp tác xã", 100000)}

	typesAll = []string{"đối với doanh nghiệp tư nhân", "đối với công ty trách nhiệm hữu hạn một thành viên", "đối với công ty trách nhiệm hữu hạn hai thành viên trở lên", "đối với công ty cổ phần", "đối với công ty hợp danh"}
	typesCo  = []string{"đối với công ty trách nhiệm hữu hạn một thành viên", "đối với công ty trách nhiệm hữu hạn hai thành viên trở lên", "đối với công ty cổ phần", "đối với công ty hợp danh"}
	typesLtd = []string{"đối với công ty trách nhiệm hữu hạn một thành viên", "đối với công ty trách nhiệm hữu hạn hai thành viên trở lên", "đối với công ty cổ phần"}
)

// famBusiness: business, cooperative and investment registration (Sở Tài chính, Ban
// Quản lý Khu kinh tế).
func famBusiness() []fam {
	decision := pp("Nghị quyết, quyết định và bản sao biên bản họp của chủ sở hữu, Hội đồng thành viên hoặc Đại hội đồng cổ đông về việc thay đổi", 1, 0)
	dk := func(pat, obj string, subj []string, papers ...catalog.Paper) fam {
		return fam{unit: "STC", field: "DANG_KY_DOANH_NGHIEP", pat: pat, obj: obj, subj: subj, lim: wd(3), fees: feesDKDN,
			papers: papers, result: "Giấy chứng nhận đăng ký doanh nghiệp", ch: "fb", legal: lawBusiness}
	}
	notice := func(obj string, subj []string, papers ...catalog.Paper) fam {
		f := dk("Thông báo thay đổi {o} {s}", obj, subj, papers...)
		f.fees = []catalog.Fee{fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000)}
		f.result = "Giấy xác nhận về việc thay đổi nội dung đăng ký doanh nghiệp"
		return f
	}
	invest := func(unit, where string) []fam {
		f := fam{unit: unit, field: "DAU_TU", pat: "{a} {s}" + where, lim: wd(10), ch: "p", legal: lawInvest,
			result: "Giấy chứng nhận đăng ký đầu tư (điều chỉnh)",
			papers: []catalog.Paper{pp("Báo cáo tình hình thực hiện dự án đầu tư đến thời điểm đề nghị", 1, 0), pp("Quyết định của nhà đầu tư về việc điều chỉnh dự án", 1, 0)},
			acts:   []act{{"Điều chỉnh", actAdjust, 1, 0}, {"Chuyển nhượng", actIssue, 1.2, 0}, {"Giãn tiến độ thực hiện", actAdjust, 1, 0}, {"Chấm dứt hoạt động", actOther, 1.5, 0}},
			subj:   []string{"dự án đầu tư thuộc diện chấp thuận chủ trương đầu tư", "dự án đầu tư không thuộc diện chấp thuận chủ trương đầu tư"}}
		g := fam{unit: unit, field: "DAU_TU", pat: "{a} Giấy chứng nhận đăng ký đầu tư" + where, lim: wd(5), ch: "p", legal: lawInvest,
			result: "Giấy chứng nhận đăng ký đầu tư", acts: []act{aCapLai, {"Hiệu đính thông tin trên", actAdjust, 0.6, 0}, {"Đổi", actReissue, 1, 0}}}
		h := fam{unit: unit, field: "DAU_TU", pat: "{s}" + where, lim: wd(15), ch: "p", legal: lawInvest, result: "Văn bản chấp thuận của cơ quan đăng ký đầu tư",
			papers: []catalog.Paper{pp("Tài liệu về tư cách pháp lý của nhà đầu tư", 0, 1), pp("Hợp đồng hợp tác kinh doanh hoặc văn bản thỏa thuận liên quan", 0, 1)},
			subj:   []string{"Thành lập văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC", "Chấm dứt hoạt động văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC", "Đăng ký góp vốn, mua cổ phần, mua phần vốn góp của nhà đầu tư nước ngoài vào tổ chức kinh tế", "Ngừng hoạt động của dự án đầu tư", "Điều chỉnh dự án đầu tư trong trường hợp chia, tách, sáp nhập dự án đầu tư", "Điều chỉnh dự án đầu tư trong trường hợp sử dụng quyền sử dụng đất, tài sản gắn liền với đất thuộc dự án đầu tư để góp vốn vào doanh nghiệp"}}
		return []fam{f, g, h}
	}
	out := []fam{
		dk("Đăng ký thành lập {s}", "", []string{"doanh nghiệp tư nhân", "công ty trách nhiệm hữu hạn một thành viên", "công ty trách nhiệm hữu hạn hai thành viên trở lên", "công ty cổ phần", "công ty hợp danh"},
			pp("Điều lệ công ty (trừ doanh nghiệp tư nhân)", 1, 0), pp("Danh sách thành viên, cổ đông sáng lập hoặc thành viên hợp danh", 1, 0), idPaper),
		dk("Đăng ký thay đổi {o} {s}", "tên doanh nghiệp", typesAll, decision),
		dk("Đăng ký thay đổi {o} {s}", "địa chỉ trụ sở chính", typesAll, decision),
		dk("Đăng ký thay đổi {o} {s}", "người đại diện theo pháp luật", typesLtd, decision),
		dk("Đăng ký thay đổi {o} {s}", "vốn điều lệ, phần vốn góp, tỷ lệ phần vốn góp", typesCo, decision, op("Báo cáo tài chính gần nhất (trường hợp giảm vốn điều lệ)", 0, 1)),
		dk("Đăng ký thay đổi {o} {s}", "thành viên", []string{"đối với công ty trách nhiệm hữu hạn hai thành viên trở lên", "đối với công ty hợp danh"}, decision, pp("Hợp đồng chuyển nhượng hoặc giấy tờ xác nhận việc hoàn tất chuyển nhượng phần vốn góp", 0, 1)),
		dk("{s}", "", []string{"Đăng ký thay đổi chủ sở hữu công ty trách nhiệm hữu hạn một thành viên", "Đăng ký thay đổi chủ doanh nghiệp tư nhân trong trường hợp bán, tặng cho doanh nghiệp, chủ doanh nghiệp chết", "Đăng ký thay đổi vốn đầu tư của chủ doanh nghiệp tư nhân", "Đăng ký doanh nghiệp đối với các công ty được thành lập trên cơ sở chia doanh nghiệp", "Đăng ký doanh nghiệp đối với các công ty được thành lập trên cơ sở tách doanh nghiệp", "Đăng ký doanh nghiệp đối với các công ty được thành lập trên cơ sở hợp nhất doanh nghiệp", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp đối với công ty nhận sáp nhập", "Đăng ký thành lập doanh nghiệp trên cơ sở chuyển đổi từ hộ kinh doanh"},
			pp("Hợp đồng, giấy tờ chứng minh việc chuyển nhượng, tặng cho, thừa kế, chia, tách, hợp nhất, sáp nhập", 0, 1)),
		dk("Đăng ký chuyển đổi {s}", "", []string{"doanh nghiệp tư nhân thành công ty trách nhiệm hữu hạn", "doanh nghiệp tư nhân thành công ty cổ phần, công ty hợp danh", "công ty trách nhiệm hữu hạn một thành viên thành công ty trách nhiệm hữu hạn hai thành viên trở lên", "công ty trách nhiệm hữu hạn hai thành viên trở lên thành công ty trách nhiệm hữu hạn một thành viên", "công ty trách nhiệm hữu hạn thành công ty cổ phần", "công ty cổ phần thành công ty trách nhiệm hữu hạn"},
			pp("Điều lệ công ty chuyển đổi", 1, 0), pp("Nghị quyết, quyết định về việc chuyển đổi loại hình doanh nghiệp", 1, 0)),
		notice("ngành, nghề kinh doanh", typesAll, decision),
		notice("thông tin đăng ký thuế", typesAll),
		notice("thông tin chủ sở hữu hưởng lợi", typesCo),
		notice("thông tin của cổ đông sáng lập, cổ đông là nhà đầu tư nước ngoài", []string{"đối với công ty cổ phần chưa niêm yết"}),
		notice("thông tin người quản lý doanh nghiệp, thông tin người đại diện theo ủy quyền", typesLtd),
		{unit: "STC", field: "DANG_KY_DOANH_NGHIEP", pat: "{a} {s}", lim: wd(3), fees: []catalog.Fee{fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000)}, ch: "fb", legal: lawBusiness,
			result: "Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng, tiếp tục kinh doanh hoặc giải thể",
			acts:   []act{{"Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo", actOther, 1, 0}, {"Đăng ký giải thể", actOther, 1.7, 0}, {"Cấp lại Giấy chứng nhận đăng ký doanh nghiệp", actReissue, 1, 0}, {"Hiệu đính thông tin đăng ký doanh nghiệp", actAdjust, 1, 0}},
			subj:   typesAll},
		{unit: "STC", field: "DANG_KY_DOANH_NGHIEP", pat: "{a} {s} của doanh nghiệp", lim: wd(3), fees: feesDKDN, ch: "fb", legal: lawBusiness,
			result: "Giấy chứng nhận đăng ký hoạt động hoặc Giấy xác nhận của cơ quan đăng ký kinh doanh",
			acts:   []act{{"Đăng ký hoạt động", actIssue, 1, 1}, {"Đăng ký thay đổi nội dung đăng ký hoạt động", actAdjust, 1, 1}, {"Thông báo tạm ngừng hoạt động", actOther, 1, 0}, {"Chấm dứt hoạt động", actOther, 1, 0}},
			subj:   []string{"chi nhánh", "văn phòng đại diện", "địa điểm kinh doanh"}},
		{unit: "STC", field: "HOP_TAC_XA", pat: "{a} {s}", lim: wd(3), fees: feesHTX, ch: "fb", legal: "Luật Hợp tác xã năm 2023; Nghị định số 92/2024/NĐ-CP về đăng ký hộ kinh doanh, hợp tác xã, liên hiệp hợp tác xã",
			result: "Giấy chứng nhận đăng ký hợp tác xã, liên hiệp hợp tác xã",
			papers: []catalog.Paper{pp("Điều lệ", 1, 0), pp("Phương án sản xuất, kinh doanh", 1, 0), pp("Danh sách thành viên", 1, 0), pp("Nghị quyết hội nghị thành lập", 1, 0)},
			acts:   []act{{"Đăng ký thành lập", actIssue, 1, 1}, {"Đăng ký thay đổi nội dung đăng ký", actAdjust, 1, 1}, {"Thông báo tạm ngừng hoạt động", actOther, 1, 0}, {"Đăng ký giải thể tự nguyện", actOther, 1, 0}, {"Cấp lại Giấy chứng nhận đăng ký", actReissue, 1, 0}, {"Đăng ký chi nhánh, văn phòng đại diện, địa điểm kinh doanh của", actIssue, 1, 1}},
			subj:   []string{"hợp tác xã", "liên hiệp hợp tác xã"}},
		{unit: "STC", field: "QUAN_LY_CONG_SAN", pat: "{s}", lim: wd(15), ch: "p", legal: "Luật Quản lý, sử dụng tài sản công năm 2017, sửa đổi, bổ sung năm 2024; Nghị định số 151/2017/NĐ-CP",
			result: "Quyết định của cơ quan, người có thẩm quyền", papers: []catalog.Paper{pp("Văn bản đề nghị của cơ quan, tổ chức, đơn vị có tài sản", 1, 0), pp("Danh mục tài sản đề nghị xử lý", 1, 0)},
			subj: []string{"Quyết định điều chuyển tài sản công", "Quyết định thanh lý tài sản công", "Quyết định bán tài sản công", "Quyết định tiêu hủy tài sản công", "Quyết định xử lý tài sản công trong trường hợp bị mất, bị hủy hoại", "Xác lập quyền sở hữu toàn dân đối với tài sản do tổ chức, cá nhân tự nguyện chuyển giao"}},
		{unit: "STC", field: "QUAN_LY_CONG_SAN", pat: "{s}", lim: wd(5), ch: "fb", legal: "Luật Giá năm 2023; Nghị định số 85/2024/NĐ-CP",
			result: "Văn bản tiếp nhận của cơ quan quản lý giá", subj: []string{"Kê khai giá hàng hóa, dịch vụ thuộc danh mục kê khai giá", "Tiếp nhận văn bản đề nghị định giá của tổ chức, cá nhân sản xuất, kinh doanh"}},
	}
	out = append(out, invest("STC", "")...)
	out = append(out, invest("BQLKKT", " trong Khu kinh tế cửa khẩu")...)
	return out
}

// famConstruction: construction, housing, real estate and transport (Sở Xây dựng).
func famConstruction() []fam {
	gpxdPapers := []catalog.Paper{pp("Giấy tờ hợp pháp về đất đai", 0, 1), pp("Hai bộ bản vẽ thiết kế xây dựng", 2, 0), op("Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy", 0, 1)}
	gpxdActs := []act{{"Cấp giấy phép xây dựng mới", actIssue, 1, 1}, {"Cấp giấy phép xây dựng sửa chữa, cải tạo", actIssue, 1, 1}, {"Cấp giấy phép di dời", actIssue, 1, 1}, {"Điều chỉnh giấy phép xây dựng", actAdjust, 1, 1}, {"Gia hạn giấy phép xây dựng", actExtend, 0.25, 0.1}, {"Cấp lại giấy phép xây dựng", actReissue, 0.25, 0.1}}
	cert := []string{"khảo sát xây dựng", "thiết kế quy hoạch xây dựng", "thiết kế xây dựng công trình", "giám sát thi công xây dựng", "định giá xây dựng", "quản lý dự án đầu tư xây dựng"}
	apprais := []string{"công trình dân dụng", "công trình công nghiệp", "công trình giao thông", "công trình nông nghiệp và phát triển nông thôn", "công trình hạ tầng kỹ thuật"}
	badge := []string{"xe taxi", "xe hợp đồng", "xe du lịch", "xe tải", "xe công-ten-nơ", "xe đầu kéo", "xe buýt", "xe trung chuyển", "xe chạy tuyến cố định"}
	return []fam{
		{unit: "SXD", field: "XAY_DUNG", pat: "{a} đối với công trình cấp I, cấp II ({s})", acts: gpxdActs, lim: wd(20), fees: []catalog.Fee{charge("Lệ phí cấp giấy phép xây dựng", 150000)},
			papers: gpxdPapers, result: "Giấy phép xây dựng", ch: "o", legal: lawConstruct,
			subj: []string{"công trình không theo tuyến", "công trình theo tuyến trong đô thị", "công trình tín ngưỡng, tôn giáo", "công trình tượng đài, tranh hoành tráng", "công trình theo giai đoạn", "dự án", "công trình quảng cáo"}},
		{unit: "SXD", field: "XAY_DUNG", pat: "{a} Báo cáo nghiên cứu khả thi đầu tư xây dựng {s}", acts: []act{{"Thẩm định", actIssue, 1, 1}, {"Thẩm định điều chỉnh", actAdjust, 0.7, 0.5}}, lim: wd(30),
			fees: []catalog.Fee{feeNote(catalog.FeeFee, "Phí thẩm định dự án đầu tư xây dựng", 0, "Tính theo tổng mức đầu tư")}, subj: apprais,
			papers: []catalog.Paper{pp("Hồ sơ Báo cáo nghiên cứu khả thi đầu tư xây dựng", 1, 0), pp("Văn bản pháp lý có liên quan", 0, 1)}, result: "Văn bản thông báo kết quả thẩm định", ch: "p", legal: lawConstruct + "; Thông tư số 28/2023/TT-BTC"},
		{unit: "SXD", field: "XAY_DUNG", pat: "{a} thiết kế xây dựng triển khai sau thiết kế cơ sở {s}", acts: []act{{"Thẩm định", actIssue, 1, 1}, {"Thẩm định điều chỉnh", actAdjust, 0.7, 0.5}}, lim: wd(30),
			fees: []catalog.Fee{feeNote(catalog.FeeFee, "Phí thẩm định thiết kế kỹ thuật, thiết kế bản vẽ thi công", 0, "Tính theo chi phí xây dựng")}, subj: apprais,
			papers: []catalog.Paper{pp("Tờ trình thẩm định thiết kế xây dựng", 1, 0), pp("Hồ sơ thiết kế xây dựng", 1, 0)}, result: "Văn bản thông báo kết quả thẩm định thiết kế", ch: "p", legal: lawConstruct},
		{unit: "SXD", field: "XAY_DUNG", pat: "{a} chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III lĩnh vực {s}", lim: wd(20), fees: []catalog.Fee{fee("Phí sát hạch cấp chứng chỉ hành nghề hoạt động xây dựng", 300000)},
			acts: []act{{"Cấp", actIssue, 1, 1}, {"Cấp nâng hạng", actIssue, 1, 1}, {"Cấp điều chỉnh, bổ sung nội dung", actAdjust, 1, 0.5}, {"Cấp lại (do hết hạn)", actReissue, 1, 0.5}, {"Cấp lại (do bị mất, hư hỏng)", actReissue, 0.5, 0.5}}, subj: cert,
			papers: []catalog.Paper{pp("Văn bằng được đào tạo", 0, 1), pp("Bản khai kinh nghiệm công tác chuyên môn", 1, 0), pp("Ảnh màu cỡ 4x6 cm", 2, 0)}, result: "Chứng chỉ hành nghề hoạt động xây dựng", ch: "fb", legal: lawConstruct + "; Thông tư số 38/2022/TT-BTC"},
		{unit: "SXD", field: "XAY_DUNG", pat: "{a} chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III lĩnh vực {s}", lim: wd(20), fees: []catalog.Fee{fee("Phí thẩm định cấp chứng chỉ năng lực hoạt động xây dựng", 1000000)},
			acts: []act{{"Cấp", actIssue, 1, 1}, {"Cấp điều chỉnh hạng", actAdjust, 1, 1}, {"Cấp lại", actReissue, 0.5, 0.5}}, subj: cert,
			papers: []catalog.Paper{pp("Quyết định thành lập hoặc giấy đăng ký kinh doanh của tổ chức", 0, 1), pp("Danh sách cá nhân chủ chốt kèm chứng chỉ hành nghề", 1, 0), pp("Bản kê khai kinh nghiệm thực hiện công việc", 1, 0)}, result: "Chứng chỉ năng lực hoạt động xây dựng", ch: "fb", legal: lawConstruct},
		{unit: "SXD", field: "QUY_HOACH_KIEN_TRUC", pat: "{s}", lim: wd(15), ch: "p", legal: "Luật Quy hoạch đô thị và nông thôn năm 2024; Luật Kiến trúc năm 2019",
			result: "Văn bản của cơ quan có thẩm quyền", papers: []catalog.Paper{pp("Tờ trình kèm hồ sơ, bản vẽ", 1, 0)},
			subj: []string{"Thẩm định nhiệm vụ quy hoạch chi tiết thuộc thẩm quyền phê duyệt của Ủy ban nhân dân tỉnh", "Thẩm định đồ án quy hoạch chi tiết thuộc thẩm quyền phê duyệt của Ủy ban nhân dân tỉnh", "Thẩm định điều chỉnh cục bộ quy hoạch chi tiết", "Cung cấp thông tin về quy hoạch xây dựng thuộc thẩm quyền của cấp tỉnh", "Cấp chứng chỉ hành nghề kiến trúc", "Cấp lại chứng chỉ hành nghề kiến trúc", "Gia hạn chứng chỉ hành nghề kiến trúc"}},
		{unit: "SXD", field: "NHA_O", pat: "{s}", lim: wd(30), ch: "p", legal: "Luật Nhà ở năm 2023; Luật Kinh doanh bất động sản năm 2023; Nghị định số 100/2024/NĐ-CP; Nghị định số 95/2024/NĐ-CP",
			result: "Văn bản, quyết định của cơ quan có thẩm quyền", papers: []catalog.Paper{pp("Văn bản đề nghị kèm hồ sơ pháp lý có liên quan", 1, 0)},
			subj: []string{"Chấp thuận chủ trương đầu tư dự án xây dựng nhà ở thương mại", "Thông báo nhà ở hình thành trong tương lai đủ điều kiện được bán, cho thuê mua", "Chuyển nhượng toàn bộ hoặc một phần dự án bất động sản do Ủy ban nhân dân tỉnh quyết định", "Thuê nhà ở công vụ thuộc thẩm quyền quản lý của Ủy ban nhân dân tỉnh", "Thuê nhà ở xã hội thuộc tài sản công", "Thuê mua nhà ở xã hội thuộc tài sản công", "Bán nhà ở cũ thuộc tài sản công", "Cấp chứng chỉ hành nghề môi giới bất động sản", "Gia hạn thời hạn sở hữu nhà ở tại Việt Nam của cá nhân nước ngoài", "Công nhận chủ đầu tư dự án đầu tư xây dựng nhà ở xã hội"}},
		{unit: "SXD", field: "DUONG_BO", pat: "{a} Giấy phép kinh doanh vận tải bằng xe ô tô {s}", lim: wd(5), fees: []catalog.Fee{charge("Lệ phí cấp giấy phép kinh doanh vận tải bằng xe ô tô", 200000)},
			acts: []act{{"Cấp lại", actReissue, 0.6, 1}}, subj: []string{"khi có sự thay đổi liên quan đến nội dung của Giấy phép", "do hết hạn", "do bị mất, bị hỏng"},
			result: "Giấy phép kinh doanh vận tải bằng xe ô tô", ch: "fb", legal: lawTransport},
		{unit: "SXD", field: "DUONG_BO", pat: "{a} phù hiệu {s}", acts: []act{aCap, aCapLai}, subj: badge, lim: wd(2),
			papers: []catalog.Paper{pp("Danh sách xe đề nghị cấp phù hiệu", 1, 0), pp("Giấy chứng nhận đăng ký xe hoặc hợp đồng thuê phương tiện", 0, 1)}, result: "Phù hiệu xe", ch: "fb", legal: lawTransport},
		{unit: "SXD", field: "DUONG_BO", pat: "{a} Giấy phép liên vận {s}", acts: []act{aCap, aCapLai, {"Gia hạn", actExtend, 1, 0.5}}, lim: wd(2), fees: []catalog.Fee{charge("Lệ phí cấp giấy phép liên vận", 50000)},
			subj:   []string{"Việt Nam - Trung Quốc cho phương tiện phi thương mại", "Việt Nam - Lào", "Việt Nam - Campuchia", "giữa Việt Nam, Lào và Campuchia", "ASEAN", "GMS (Hiệp định tạo thuận lợi vận tải người và hàng hóa qua lại biên giới giữa các nước Tiểu vùng Mê Công mở rộng)"},
			papers: []catalog.Paper{pp("Giấy chứng nhận đăng ký xe", 0, 1)}, result: "Giấy phép liên vận", ch: "fb", legal: "Nghị định số 119/2021/NĐ-CP; Thông tư số 199/2016/TT-BTC"},
		{unit: "SXD", field: "DUONG_BO", pat: "{s}", lim: wd(7), ch: "fb", legal: lawTransport + "; Nghị định số 165/2024/NĐ-CP",
			result: "Văn bản chấp thuận, giấy phép của Sở Xây dựng", papers: []catalog.Paper{pp("Hồ sơ thiết kế, phương án tổ chức thực hiện", 0, 1)},
			subj: []string{"Đăng ký khai thác tuyến vận tải hành khách cố định bằng xe ô tô", "Điều chỉnh tần suất chạy xe trên tuyến vận tải hành khách cố định", "Ngừng khai thác tuyến, ngừng phương tiện hoạt động trên tuyến vận tải hành khách cố định", "Chấp thuận thiết kế và phương án tổ chức thi công nút giao đấu nối vào quốc lộ", "Cấp phép thi công công trình đường bộ trên quốc lộ đang khai thác", "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng đường bộ", "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ", "Cấp giấy phép lưu hành xe bánh xích tự di chuyển trên đường bộ", "Cấp giấy phép vận chuyển hàng siêu trường, siêu trọng", "Công bố đưa bến xe khách vào khai thác", "Công bố đưa trạm dừng nghỉ vào khai thác", "Cấp Giấy chứng nhận giáo viên dạy thực hành lái xe", "Cấp giấy phép xe tập lái", "Cấp lại giấy phép xe tập lái", "Cấp mới Giấy phép đào tạo lái xe ô tô", "Cấp lại Giấy phép đào tạo lái xe ô tô"}},
		{unit: "SXD", field: "DUONG_THUY", pat: "{s}", lim: wd(3), fees: []catalog.Fee{charge("Lệ phí cấp giấy chứng nhận đăng ký phương tiện thủy nội địa", 70000)}, ch: "p",
			legal: "Luật Giao thông đường thủy nội địa năm 2004, sửa đổi, bổ sung năm 2014; Thông tư số 198/2016/TT-BTC", result: "Giấy chứng nhận đăng ký phương tiện thủy nội địa",
			papers: []catalog.Paper{pp("Giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường của phương tiện", 0, 1), pp("Biên lai nộp lệ phí trước bạ", 0, 1)},
			subj:   []string{"Đăng ký phương tiện thủy nội địa lần đầu đối với phương tiện chưa khai thác trên đường thủy nội địa", "Đăng ký phương tiện thủy nội địa lần đầu đối với phương tiện đang khai thác trên đường thủy nội địa", "Đăng ký lại phương tiện thủy nội địa trong trường hợp chuyển quyền sở hữu", "Đăng ký lại phương tiện thủy nội địa trong trường hợp thay đổi tên, tính năng kỹ thuật", "Xóa giấy chứng nhận đăng ký phương tiện thủy nội địa", "Cấp giấy phép hoạt động bến thủy nội địa", "Công bố hoạt động bến thủy nội địa", "Thỏa thuận thông số kỹ thuật xây dựng bến thủy nội địa"}},
	}
}
