package demo

import "github.com/motcua/motcua/catalog"

// Common papers.
var (
	idPaper      = op("Căn cước/Căn cước công dân hoặc Hộ chiếu để xuất trình (không phải nộp nếu thông tin đã được khai thác từ Cơ sở dữ liệu quốc gia về dân cư)", 0, 0)
	authPaper    = op("Văn bản ủy quyền theo quy định của pháp luật (trường hợp ủy quyền nộp hồ sơ)", 1, 0)
	bizRegPaper  = op("Bản sao Giấy chứng nhận đăng ký doanh nghiệp (không phải nộp nếu tra cứu được trên Cổng thông tin quốc gia về đăng ký doanh nghiệp)", 0, 1)
	landCertCopy = pp("Bản gốc Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất đã cấp", 1, 0)
)

const (
	lawCivilStatus = "Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP; Thông tư số 85/2019/TT-BTC về phí, lệ phí thuộc thẩm quyền HĐND tỉnh"
	lawCertify     = "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch; Thông tư số 01/2020/TT-BTP; Thông tư số 226/2016/TT-BTC"
	lawJudicial    = "Luật Lý lịch tư pháp năm 2009; Nghị định số 111/2010/NĐ-CP; Thông tư số 06/2024/TT-BTP; Thông tư số 244/2016/TT-BTC"
	lawBusiness    = "Luật Doanh nghiệp năm 2020; Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp; Thông tư số 47/2019/TT-BTC"
	lawConstruct   = "Luật Xây dựng năm 2014, sửa đổi, bổ sung năm 2020; Nghị định số 175/2024/NĐ-CP; Thông tư số 85/2019/TT-BTC"
	lawLand        = "Luật Đất đai năm 2024; Nghị định số 101/2024/NĐ-CP; Nghị định số 102/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP"
	lawDriving     = "Luật Trật tự, an toàn giao thông đường bộ năm 2024; Thông tư số 12/2025/TT-BCA; Thông tư số 37/2023/TT-BTC"
	lawSocialIns   = "Luật Bảo hiểm xã hội năm 2024; Luật Bảo hiểm y tế năm 2008, sửa đổi, bổ sung năm 2024; Quyết định số 3510/QĐ-BHXH"
	lawTax         = "Luật Quản lý thuế năm 2019; Thông tư số 86/2024/TT-BTC; Nghị định số 10/2022/NĐ-CP về lệ phí trước bạ"
	lawHealth      = "Luật Khám bệnh, chữa bệnh năm 2023; Nghị định số 96/2023/NĐ-CP; Thông tư số 59/2023/TT-BTC"
	lawPharma      = "Luật Dược năm 2016, sửa đổi, bổ sung năm 2024; Nghị định số 54/2017/NĐ-CP; Thông tư số 41/2023/TT-BTC"
	lawFood        = "Luật An toàn thực phẩm năm 2010; Nghị định số 15/2018/NĐ-CP; Thông tư số 67/2021/TT-BTC"
	lawEducation   = "Luật Giáo dục năm 2019; Nghị định số 125/2024/NĐ-CP quy định về điều kiện đầu tư và hoạt động trong lĩnh vực giáo dục"
	lawLabour      = "Bộ luật Lao động năm 2019; Nghị định số 152/2020/NĐ-CP; Nghị định số 145/2020/NĐ-CP"
	lawMerit       = "Pháp lệnh Ưu đãi người có công với cách mạng năm 2020; Nghị định số 131/2021/NĐ-CP"
	lawSocial      = "Luật Người cao tuổi năm 2009; Luật Người khuyết tật năm 2010; Nghị định số 20/2021/NĐ-CP"
	lawEnv         = "Luật Bảo vệ môi trường năm 2020; Nghị định số 08/2022/NĐ-CP; Nghị định số 05/2025/NĐ-CP"
	lawReligion    = "Luật Tín ngưỡng, tôn giáo năm 2016; Nghị định số 95/2023/NĐ-CP"
	lawComplaint   = "Luật Tiếp công dân năm 2013; Luật Khiếu nại năm 2011; Luật Tố cáo năm 2018; Nghị định số 124/2020/NĐ-CP"
	lawInvest      = "Luật Đầu tư năm 2020; Nghị định số 31/2021/NĐ-CP; Nghị định số 239/2025/NĐ-CP"
	lawTransport   = "Luật Đường bộ năm 2024; Nghị định số 158/2024/NĐ-CP quy định về hoạt động vận tải đường bộ; Thông tư số 199/2016/TT-BTC"
	lawSecurity    = "Nghị định số 96/2016/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 56/2023/NĐ-CP; Thông tư số 43/2020/TT-BTC"
	lawEntry       = "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam năm 2019, sửa đổi, bổ sung năm 2023; Thông tư số 25/2021/TT-BTC"
)

// coreKinds are hand-written kinds with real names, units, limits, fees and papers.
// Codes are real where they were checked against published decisions; the others are
// generated.
func coreKinds() []kind {
	return []kind{
		// ——— Lý lịch tư pháp: since 1 July 2025 issued by the provincial police.
		{name: "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", unit: "PV06", field: "LY_LICH_TU_PHAP", lim: wd(10),
			fees:   []catalog.Fee{feeNote(catalog.FeeFee, "Phí cung cấp thông tin lý lịch tư pháp", 200000, "100.000 đồng đối với sinh viên, người có công với cách mạng, thân nhân liệt sĩ; miễn cho trẻ em, người cao tuổi, người khuyết tật, hộ nghèo")},
			papers: []catalog.Paper{pp("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2024/LLTP hoặc 04/2024/LLTP)", 1, 0), idPaper, authPaper},
			result: "Phiếu lý lịch tư pháp số 1 hoặc số 2", ch: "fb", legal: lawJudicial, fixed: true},
		{name: "Cấp Phiếu lý lịch tư pháp theo yêu cầu của cơ quan tiến hành tố tụng", unit: "PV06", field: "LY_LICH_TU_PHAP", lim: wd(5),
			papers: []catalog.Paper{pp("Văn bản yêu cầu cấp Phiếu lý lịch tư pháp của cơ quan tiến hành tố tụng (Mẫu số 05b/2013/TT-LLTP)", 1, 0)},
			result: "Phiếu lý lịch tư pháp số 2", ch: "pb", legal: lawJudicial},
		{name: "Cấp Phiếu lý lịch tư pháp theo yêu cầu của cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội", unit: "PV06", field: "LY_LICH_TU_PHAP", lim: wd(10),
			papers: []catalog.Paper{pp("Văn bản yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 05a/2013/TT-LLTP)", 1, 0)},
			result: "Phiếu lý lịch tư pháp số 1", ch: "pb", legal: lawJudicial},

		// ——— Giấy phép lái xe: since 1 March 2025 handled by the police.
		{name: "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp", unit: "PC08", field: "DUONG_BO", lim: wd(5),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép lái xe", 135000)},
			papers: []catalog.Paper{pp("Đơn đề nghị đổi giấy phép lái xe (theo mẫu)", 1, 0), op("Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp (trừ trường hợp đã có dữ liệu khám sức khỏe điện tử)", 1, 0), idPaper},
			result: "Giấy phép lái xe", ch: "fb", four: true, legal: lawDriving, fixed: true},
		{name: "Cấp lại giấy phép lái xe", unit: "PC08", field: "DUONG_BO", lim: wd(10),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép lái xe", 135000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp lại giấy phép lái xe (theo mẫu)", 1, 0), pp("Giấy khám sức khỏe của người lái xe", 1, 0), idPaper},
			result: "Giấy phép lái xe", ch: "fb", legal: lawDriving},
		{name: "Đổi giấy phép lái xe quân sự do Bộ Quốc phòng cấp", unit: "PC08", field: "DUONG_BO", lim: wd(5),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép lái xe", 135000)},
			papers: []catalog.Paper{pp("Đơn đề nghị đổi giấy phép lái xe (theo mẫu)", 1, 0), pp("Quyết định ra quân hoặc giấy xác nhận của cơ quan quân đội", 0, 1), pp("Giấy phép lái xe quân sự còn thời hạn sử dụng", 0, 1), idPaper},
			result: "Giấy phép lái xe", ch: "p", legal: lawDriving},
		{name: "Đổi giấy phép lái xe hoặc bằng lái xe của nước ngoài cấp", unit: "PC08", field: "DUONG_BO", lim: wd(5),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép lái xe", 135000)},
			papers: []catalog.Paper{pp("Đơn đề nghị đổi giấy phép lái xe (theo mẫu)", 1, 0), pp("Bản dịch giấy phép lái xe nước ngoài ra tiếng Việt được bảo chứng chất lượng dịch thuật", 0, 1), pp("Hộ chiếu còn thời hạn, thị thực hoặc thẻ thường trú, thẻ tạm trú", 0, 1)},
			result: "Giấy phép lái xe", ch: "p", legal: lawDriving},
		{name: "Cấp giấy phép lái xe quốc tế", unit: "PC08", field: "DUONG_BO", lim: wd(5),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép lái xe quốc tế", 135000)},
			papers: []catalog.Paper{pp("Tờ khai đề nghị cấp giấy phép lái xe quốc tế (theo mẫu)", 1, 0), pp("Giấy phép lái xe quốc gia còn thời hạn", 0, 1), op("Ảnh màu cỡ 3x4 cm nền màu xanh", 1, 0)},
			result: "Giấy phép lái xe quốc tế", ch: "fb", four: true, legal: lawDriving + "; Công ước Viên năm 1968 về giao thông đường bộ"},

		// ——— Xuất nhập cảnh, con dấu, an ninh trật tự, PCCC.
		{name: "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)", unit: "PA08", field: "XUAT_NHAP_CANH", lim: wd(8),
			fees:   []catalog.Fee{feeNote(catalog.FeeCharge, "Lệ phí cấp hộ chiếu", 200000, "400.000 đồng khi cấp lại do bị hỏng hoặc bị mất")},
			papers: []catalog.Paper{pp("Tờ khai đề nghị cấp hộ chiếu phổ thông (Mẫu TK01)", 1, 0), pp("Ảnh chân dung cỡ 4x6 cm", 2, 0), op("Hộ chiếu phổ thông cấp lần gần nhất còn thời hạn (trường hợp cấp lại)", 1, 0), idPaper},
			result: "Hộ chiếu phổ thông", ch: "fb", legal: lawEntry},
		{name: "Đăng ký mẫu con dấu mới", unit: "PC06", field: "TRAT_TU_XA_HOI", lim: wd(3),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy chứng nhận đăng ký mẫu con dấu", 50000)},
			papers: []catalog.Paper{pp("Văn bản, quyết định thành lập hoặc giấy chứng nhận đăng ký hoạt động của cơ quan, tổ chức", 0, 1), idPaper},
			result: "Giấy chứng nhận đăng ký mẫu con dấu", ch: "pb", four: true, legal: "Nghị định số 99/2016/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 56/2023/NĐ-CP; Thông tư số 43/2020/TT-BTC"},
		{code: "3.000243", name: "Cấp mới Giấy chứng nhận đủ điều kiện về an ninh, trật tự để làm ngành, nghề đầu tư kinh doanh có điều kiện", unit: "PC06", field: "TRAT_TU_XA_HOI", lim: wd(4),
			fees:   []catalog.Fee{charge("Phí thẩm định cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự", 300000)},
			papers: []catalog.Paper{pp("Văn bản đề nghị cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự (Mẫu ĐN3)", 1, 0), bizRegPaper, pp("Hồ sơ về phòng cháy và chữa cháy của cơ sở kinh doanh", 0, 1), pp("Bản khai lý lịch (Mẫu ĐN10) kèm Phiếu lý lịch tư pháp của người chịu trách nhiệm về an ninh, trật tự", 1, 0)},
			result: "Giấy chứng nhận đủ điều kiện về an ninh, trật tự", ch: "fb", legal: lawSecurity},
		{code: "3.000244", name: "Cấp đổi Giấy chứng nhận đủ điều kiện về an ninh, trật tự để làm ngành, nghề đầu tư kinh doanh có điều kiện", unit: "PC06", field: "TRAT_TU_XA_HOI", lim: wd(4),
			fees:   []catalog.Fee{charge("Phí thẩm định cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự", 300000)},
			papers: []catalog.Paper{pp("Văn bản đề nghị cấp đổi (Mẫu ĐN3)", 1, 0), pp("Bản chính Giấy chứng nhận đủ điều kiện về an ninh, trật tự đã được cấp", 1, 0), pp("Các tài liệu chứng minh sự thay đổi thông tin", 0, 1)},
			result: "Giấy chứng nhận đủ điều kiện về an ninh, trật tự", ch: "fb", four: true, legal: lawSecurity},
		{code: "1.115230", name: "Cấp lại Giấy chứng nhận đủ điều kiện về an ninh, trật tự để làm ngành, nghề đầu tư kinh doanh có điều kiện", unit: "PC06", field: "TRAT_TU_XA_HOI", lim: wd(4),
			fees:   []catalog.Fee{charge("Phí thẩm định cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự", 300000)},
			papers: []catalog.Paper{pp("Văn bản đề nghị cấp lại (Mẫu ĐN3)", 1, 0)},
			result: "Giấy chứng nhận đủ điều kiện về an ninh, trật tự", ch: "fb", four: true, legal: lawSecurity},
		{name: "Thẩm định thiết kế về phòng cháy và chữa cháy", unit: "PC07", field: "PHONG_CHAY", lim: wd(15),
			fees:   []catalog.Fee{feeNote(catalog.FeeFee, "Phí thẩm định phê duyệt thiết kế về phòng cháy và chữa cháy", 0, "Tính theo tỷ lệ trên tổng mức đầu tư của dự án, công trình")},
			papers: []catalog.Paper{pp("Văn bản đề nghị thẩm định thiết kế về phòng cháy và chữa cháy", 1, 0), pp("Hồ sơ thiết kế kỹ thuật hoặc thiết kế bản vẽ thi công thể hiện các nội dung về phòng cháy và chữa cháy", 0, 1), pp("Văn bản chấp thuận chủ trương đầu tư hoặc quyết định phê duyệt dự án", 0, 1)},
			result: "Văn bản thẩm định thiết kế về phòng cháy và chữa cháy", ch: "p", legal: "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024; Thông tư số 258/2016/TT-BTC"},
		{name: "Nghiệm thu về phòng cháy và chữa cháy", unit: "PC07", field: "PHONG_CHAY", lim: wd(10),
			papers: []catalog.Paper{pp("Văn bản đề nghị kiểm tra kết quả nghiệm thu về phòng cháy và chữa cháy", 1, 0), pp("Hồ sơ hoàn công, biên bản nghiệm thu của chủ đầu tư", 0, 1)},
			result: "Văn bản chấp thuận kết quả nghiệm thu về phòng cháy và chữa cháy", ch: "p", legal: "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024"},

		// ——— Đăng ký doanh nghiệp (Sở Tài chính).
		{code: "2.001610", name: "Đăng ký thành lập doanh nghiệp tư nhân", unit: "STC", field: "DANG_KY_DOANH_NGHIEP", lim: wd(3),
			fees:   []catalog.Fee{feeNote(catalog.FeeCharge, "Lệ phí đăng ký doanh nghiệp", 50000, "Miễn lệ phí khi đăng ký qua mạng thông tin điện tử"), fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000)},
			papers: []catalog.Paper{pp("Giấy đề nghị đăng ký doanh nghiệp tư nhân (Phụ lục I-1)", 1, 0), idPaper, authPaper},
			result: "Giấy chứng nhận đăng ký doanh nghiệp", ch: "fb", four: true, legal: lawBusiness, fixed: true},
		{name: "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", unit: "STC", field: "DANG_KY_DOANH_NGHIEP", lim: wd(3),
			fees:   []catalog.Fee{feeNote(catalog.FeeCharge, "Lệ phí đăng ký doanh nghiệp", 50000, "Miễn lệ phí khi đăng ký qua mạng thông tin điện tử"), fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000)},
			papers: []catalog.Paper{pp("Giấy đề nghị đăng ký công ty trách nhiệm hữu hạn một thành viên (Phụ lục I-2)", 1, 0), pp("Điều lệ công ty", 1, 0), pp("Danh sách người đại diện theo ủy quyền (trường hợp chủ sở hữu là tổ chức)", 1, 0), pp("Giấy tờ pháp lý của cá nhân, tổ chức là chủ sở hữu công ty", 0, 1), op("Văn bản của cơ quan đăng ký đầu tư chấp thuận về việc góp vốn, mua cổ phần (đối với nhà đầu tư nước ngoài)", 0, 1)},
			result: "Giấy chứng nhận đăng ký doanh nghiệp", ch: "fb", four: true, legal: lawBusiness, fixed: true},
		{name: "Đăng ký thành lập công ty cổ phần", unit: "STC", field: "DANG_KY_DOANH_NGHIEP", lim: wd(3),
			fees:   []catalog.Fee{feeNote(catalog.FeeCharge, "Lệ phí đăng ký doanh nghiệp", 50000, "Miễn lệ phí khi đăng ký qua mạng thông tin điện tử"), fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000)},
			papers: []catalog.Paper{pp("Giấy đề nghị đăng ký công ty cổ phần (Phụ lục I-4)", 1, 0), pp("Điều lệ công ty", 1, 0), pp("Danh sách cổ đông sáng lập và cổ đông là nhà đầu tư nước ngoài", 1, 0), pp("Giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật, cổ đông sáng lập", 0, 1)},
			result: "Giấy chứng nhận đăng ký doanh nghiệp", ch: "fb", four: true, legal: lawBusiness},
		{name: "Đăng ký thay đổi người đại diện theo pháp luật của công ty trách nhiệm hữu hạn, công ty cổ phần", unit: "STC", field: "DANG_KY_DOANH_NGHIEP", lim: wd(3),
			fees:   []catalog.Fee{feeNote(catalog.FeeCharge, "Lệ phí đăng ký doanh nghiệp", 50000, "Miễn lệ phí khi đăng ký qua mạng thông tin điện tử"), fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000)},
			papers: []catalog.Paper{pp("Thông báo thay đổi nội dung đăng ký doanh nghiệp (Phụ lục II-1)", 1, 0), pp("Nghị quyết, quyết định và bản sao biên bản họp về việc thay đổi người đại diện theo pháp luật", 1, 0), idPaper},
			result: "Giấy chứng nhận đăng ký doanh nghiệp", ch: "fb", four: true, legal: lawBusiness},
		{name: "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư", unit: "STC", field: "DAU_TU", lim: wd(15),
			papers: []catalog.Paper{pp("Văn bản đề nghị thực hiện dự án đầu tư", 1, 0), pp("Tài liệu về tư cách pháp lý của nhà đầu tư", 0, 1), pp("Đề xuất dự án đầu tư", 1, 0), pp("Tài liệu chứng minh năng lực tài chính của nhà đầu tư", 0, 1), pp("Đề xuất nhu cầu sử dụng đất hoặc bản sao thỏa thuận thuê địa điểm", 0, 1)},
			result: "Giấy chứng nhận đăng ký đầu tư", ch: "p", legal: lawInvest},
		{name: "Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh", unit: "STC", field: "DAU_TU", lim: wd(35),
			papers: []catalog.Paper{pp("Văn bản đề nghị thực hiện dự án đầu tư", 1, 0), pp("Đề xuất dự án đầu tư", 1, 0), pp("Tài liệu về tư cách pháp lý và năng lực tài chính của nhà đầu tư", 0, 1), op("Giải trình về sử dụng công nghệ (đối với dự án thuộc diện thẩm định công nghệ)", 1, 0)},
			result: "Quyết định chấp thuận chủ trương đầu tư", ch: "p", legal: lawInvest, chain: []string{"UBND"}},

		// ——— Xây dựng, giao thông (Sở Xây dựng).
		{name: "Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II (công trình không theo tuyến)", unit: "SXD", field: "XAY_DUNG", lim: wd(20),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép xây dựng", 150000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP)", 1, 0), pp("Giấy tờ hợp pháp về đất đai", 0, 1), pp("Quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định của cơ quan chuyên môn về xây dựng", 0, 1), pp("Hai bộ bản vẽ thiết kế xây dựng", 2, 0), pp("Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy", 0, 1)},
			result: "Giấy phép xây dựng", ch: "o", legal: lawConstruct},
		{name: "Cấp giấy phép kinh doanh vận tải bằng xe ô tô", unit: "SXD", field: "DUONG_BO", lim: wd(5),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép kinh doanh vận tải bằng xe ô tô", 200000)},
			papers: []catalog.Paper{pp("Giấy đề nghị cấp giấy phép kinh doanh vận tải bằng xe ô tô", 1, 0), pp("Bản sao văn bằng, chứng chỉ của người trực tiếp điều hành hoạt động vận tải", 0, 1), op("Quyết định thành lập bộ phận quản lý, theo dõi các điều kiện về an toàn giao thông", 0, 1)},
			result: "Giấy phép kinh doanh vận tải bằng xe ô tô", ch: "fb", four: true, legal: lawTransport},
		{name: "Cấp Giấy phép liên vận Việt Nam - Trung Quốc cho phương tiện thương mại", unit: "SXD", field: "DUONG_BO", lim: wd(2),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép liên vận", 50000)},
			papers: []catalog.Paper{pp("Giấy đề nghị cấp Giấy phép liên vận Việt - Trung", 1, 0), pp("Giấy chứng nhận đăng ký xe", 0, 1), op("Hợp đồng thuê phương tiện (trường hợp không thuộc sở hữu của đơn vị)", 0, 1)},
			result: "Giấy phép liên vận Việt Nam - Trung Quốc", ch: "fb", four: true, legal: "Hiệp định vận tải đường bộ giữa Việt Nam và Trung Quốc; Nghị định số 119/2021/NĐ-CP; Thông tư số 199/2016/TT-BTC"},
		{code: "1.005021", name: "Phê duyệt quy trình vận hành, khai thác bến phà, bến khách ngang sông sử dụng phà một lưỡi chở hành khách và xe ô tô", unit: "SXD", field: "DUONG_THUY", lim: wd(5),
			papers: []catalog.Paper{pp("Đơn đề nghị phê duyệt quy trình vận hành, khai thác bến", 1, 0), pp("Dự thảo quy trình vận hành, khai thác bến", 2, 0)},
			result: "Quyết định phê duyệt quy trình vận hành, khai thác bến", ch: "p", legal: "Luật Giao thông đường thủy nội địa năm 2004, sửa đổi, bổ sung năm 2014"},
		{name: "Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng công trình dân dụng", unit: "SXD", field: "XAY_DUNG", lim: wd(30),
			fees:   []catalog.Fee{feeNote(catalog.FeeFee, "Phí thẩm định dự án đầu tư xây dựng", 0, "Tính theo tổng mức đầu tư (Thông tư số 28/2023/TT-BTC)")},
			papers: []catalog.Paper{pp("Tờ trình thẩm định Báo cáo nghiên cứu khả thi", 1, 0), pp("Hồ sơ Báo cáo nghiên cứu khả thi đầu tư xây dựng", 1, 0), pp("Văn bản pháp lý có liên quan", 0, 1)},
			result: "Văn bản thông báo kết quả thẩm định", ch: "p", legal: lawConstruct + "; Thông tư số 28/2023/TT-BTC"},

		// ——— Đất đai (Văn phòng Đăng ký đất đai, Sở NN&MT).
		{name: "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển nhượng, tặng cho, thừa kế", unit: "VPDKDD", field: "DAT_DAI", lim: wd(10),
			fees:   []catalog.Fee{charge("Lệ phí cấp Giấy chứng nhận quyền sử dụng đất", 50000), fee("Phí thẩm định hồ sơ cấp Giấy chứng nhận quyền sử dụng đất", 500000)},
			papers: []catalog.Paper{pp("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", 1, 0), pp("Hợp đồng, văn bản chuyển nhượng, tặng cho, thừa kế đã được công chứng, chứng thực", 1, 0), landCertCopy, pp("Tờ khai lệ phí trước bạ, tờ khai thuế thu nhập cá nhân", 1, 0)},
			result: "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", ch: "pb", chain: []string{"THUE", "VPDKDD"}, legal: lawLand, fixed: true},
		{name: "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", unit: "VPDKDD", field: "DAT_DAI", lim: wd(7),
			fees:   []catalog.Fee{charge("Lệ phí cấp Giấy chứng nhận quyền sử dụng đất", 50000)},
			papers: []catalog.Paper{pp("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", 1, 0), landCertCopy},
			result: "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", ch: "pb", legal: lawLand},
		{name: "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", unit: "VPDKDD", field: "DAT_DAI", lim: wd(1),
			fees:   []catalog.Fee{fee("Phí đăng ký giao dịch bảo đảm", 80000)},
			papers: []catalog.Paper{pp("Phiếu yêu cầu đăng ký biện pháp bảo đảm (Mẫu số 01a)", 1, 0), pp("Hợp đồng thế chấp hoặc hợp đồng thế chấp có công chứng, chứng thực", 0, 1), landCertCopy},
			result: "Giấy chứng nhận được chứng nhận nội dung đăng ký thế chấp", ch: "fb", four: true, legal: "Nghị định số 99/2022/NĐ-CP về đăng ký biện pháp bảo đảm; " + lawLand},
		{name: "Cung cấp thông tin, dữ liệu đất đai", unit: "VPDKDD", field: "DAT_DAI", lim: wd(2),
			fees:   []catalog.Fee{fee("Phí khai thác và sử dụng tài liệu đất đai", 30000)},
			papers: []catalog.Paper{pp("Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai (Mẫu số 01/PYC)", 1, 0)},
			result: "Thông tin, dữ liệu đất đai", ch: "fb", four: true, legal: lawLand},
		{code: "1.010733", name: "Thẩm định báo cáo đánh giá tác động môi trường", unit: "SNNMT", field: "MOI_TRUONG", lim: wd(25),
			fees:   []catalog.Fee{feeNote(catalog.FeeFee, "Phí thẩm định báo cáo đánh giá tác động môi trường", 0, "Theo tổng vốn đầu tư của dự án, mức thu do HĐND tỉnh quy định")},
			papers: []catalog.Paper{pp("Văn bản đề nghị thẩm định báo cáo đánh giá tác động môi trường", 1, 0), pp("Báo cáo đánh giá tác động môi trường", 1, 0), pp("Báo cáo nghiên cứu khả thi hoặc tài liệu tương đương", 1, 0)},
			result: "Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường", ch: "o", legal: lawEnv},
		{code: "1.013644", name: "Cấp phép đối với các hoạt động liên quan đến đê điều thuộc trách nhiệm của Ủy ban nhân dân tỉnh", unit: "SNNMT", field: "THUY_LOI", lim: wd(15),
			papers: []catalog.Paper{pp("Đơn đề nghị cấp phép", 1, 0), pp("Bản vẽ mặt bằng và mặt cắt công trình", 0, 1), pp("Báo cáo đánh giá ảnh hưởng của hoạt động đến an toàn đê điều", 1, 0)},
			result: "Giấy phép hoạt động liên quan đến đê điều", ch: "p", legal: "Luật Đê điều năm 2006, sửa đổi, bổ sung năm 2020; Nghị định số 113/2007/NĐ-CP", chain: []string{"UBND"}},
		{code: "1.014136", name: "Đăng ký/Điều chỉnh dự án theo cơ chế trao đổi, bù trừ tín chỉ các-bon trong nước", unit: "SNNMT", field: "BIEN_DOI_KHI_HAU", lim: wd(20),
			papers: []catalog.Paper{pp("Văn bản đề nghị đăng ký dự án", 1, 0), pp("Tài liệu thiết kế dự án", 1, 0)},
			result: "Văn bản chấp thuận đăng ký dự án", ch: "f", legal: "Luật Bảo vệ môi trường năm 2020; Nghị định số 06/2022/NĐ-CP; Nghị định số 119/2025/NĐ-CP"},
		{code: "1.014132", name: "Hủy đăng ký dự án", unit: "SNNMT", field: "BIEN_DOI_KHI_HAU", lim: wd(10),
			papers: []catalog.Paper{pp("Văn bản đề nghị hủy đăng ký dự án", 1, 0)},
			result: "Văn bản chấp thuận hủy đăng ký dự án", ch: "f", legal: "Luật Bảo vệ môi trường năm 2020; Nghị định số 06/2022/NĐ-CP"},
		{code: "1.002571", name: "Đăng ký, cấp giấy chứng nhận kiểm dịch động vật trên cạn tham gia hội chợ, triển lãm, thi đấu thể thao, biểu diễn nghệ thuật; sản phẩm động vật trên cạn tham gia hội chợ, triển lãm", unit: "CCCNTY", field: "CHAN_NUOI_THU_Y", lim: wd(1),
			fees:   []catalog.Fee{feeNote(catalog.FeeFee, "Phí kiểm dịch động vật, sản phẩm động vật", 0, "Theo Thông tư số 101/2020/TT-BTC")},
			papers: []catalog.Paper{pp("Giấy đăng ký kiểm dịch (Mẫu 1 Phụ lục V Thông tư số 25/2016/TT-BNNPTNT)", 1, 0)},
			result: "Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật", ch: "pb", four: true, legal: "Luật Thú y năm 2015; Thông tư số 25/2016/TT-BNNPTNT; Thông tư số 101/2020/TT-BTC"},

		// ——— Tư pháp (Sở Tư pháp).
		{code: "2.000890", name: "Cấp phép thành lập văn phòng giám định tư pháp", unit: "STP", field: "BO_TRO_TU_PHAP", lim: wd(30),
			papers: []catalog.Paper{pp("Đơn đề nghị thành lập văn phòng giám định tư pháp", 1, 0), pp("Dự thảo Quy chế tổ chức và hoạt động của văn phòng", 1, 0), pp("Giấy tờ chứng minh về trụ sở làm việc", 0, 1)},
			result: "Quyết định cho phép thành lập văn phòng giám định tư pháp", ch: "p", legal: "Luật Giám định tư pháp năm 2012, sửa đổi, bổ sung năm 2020", chain: []string{"UBND"}},
		{code: "1.003005", name: "Giải quyết việc người nước ngoài cư trú ở khu vực biên giới nước láng giềng nhận trẻ em Việt Nam làm con nuôi", unit: "STP", field: "NUOI_CON_NUOI", lim: wd(60),
			fees:   []catalog.Fee{charge("Lệ phí đăng ký nuôi con nuôi", 4500000)},
			papers: []catalog.Paper{pp("Đơn xin nhận con nuôi", 1, 0), pp("Giấy tờ tùy thân của người nhận con nuôi", 0, 1), pp("Văn bản xác nhận hoàn cảnh gia đình, tình trạng sức khỏe, thu nhập của người nhận con nuôi", 1, 0), pp("Hồ sơ của trẻ em được giới thiệu làm con nuôi", 1, 0)},
			result: "Quyết định cho người nước ngoài nhận trẻ em Việt Nam làm con nuôi", ch: "c", legal: "Luật Nuôi con nuôi năm 2010; Nghị định số 19/2011/NĐ-CP; Nghị định số 24/2019/NĐ-CP", chain: []string{"UBND"}},
		{code: "1.003976", name: "Giải quyết việc nuôi con nuôi có yếu tố nước ngoài đối với trẻ em sống ở cơ sở nuôi dưỡng", unit: "STP", field: "NUOI_CON_NUOI", lim: wd(90),
			fees:   []catalog.Fee{charge("Lệ phí đăng ký nuôi con nuôi", 9000000)},
			papers: []catalog.Paper{pp("Hồ sơ của người nhận con nuôi do Cục Con nuôi chuyển đến", 1, 0), pp("Hồ sơ của trẻ em được giới thiệu làm con nuôi", 1, 0)},
			result: "Quyết định cho trẻ em làm con nuôi người nước ngoài", ch: "c", legal: "Luật Nuôi con nuôi năm 2010; Nghị định số 19/2011/NĐ-CP; Nghị định số 24/2019/NĐ-CP", chain: []string{"UBND"}},
		{name: "Đăng ký hoạt động Văn phòng công chứng", unit: "STP", field: "CONG_CHUNG", lim: wd(10),
			fees:   []catalog.Fee{fee("Phí thẩm định điều kiện hoạt động Văn phòng công chứng", 1000000)},
			papers: []catalog.Paper{pp("Đơn đăng ký hoạt động Văn phòng công chứng (Mẫu TP-CC-06)", 1, 0), pp("Giấy tờ chứng minh về trụ sở của Văn phòng công chứng", 0, 1), pp("Quyết định cho phép thành lập Văn phòng công chứng", 0, 1)},
			result: "Giấy đăng ký hoạt động Văn phòng công chứng", ch: "p", legal: "Luật Công chứng năm 2024; Thông tư số 257/2016/TT-BTC"},
		{name: "Yêu cầu trợ giúp pháp lý", unit: "STP", field: "TRO_GIUP_PHAP_LY", lim: wd(2),
			papers: []catalog.Paper{pp("Đơn yêu cầu trợ giúp pháp lý (Mẫu số 01-TP-TGPL)", 1, 0), pp("Giấy tờ chứng minh là người được trợ giúp pháp lý", 0, 1), op("Các giấy tờ, tài liệu có liên quan đến vụ việc", 0, 1)},
			result: "Văn bản thụ lý vụ việc trợ giúp pháp lý", ch: "fb", four: true, legal: "Luật Trợ giúp pháp lý năm 2017; Thông tư số 12/2018/TT-BTP"},
		{name: "Thủ tục nhập quốc tịch Việt Nam", unit: "STP", field: "QUOC_TICH", lim: wd(115),
			fees:   []catalog.Fee{charge("Lệ phí giải quyết hồ sơ nhập quốc tịch Việt Nam", 3000000)},
			papers: []catalog.Paper{pp("Đơn xin nhập quốc tịch Việt Nam (Mẫu TP/QT-2020-ĐXNQT)", 3, 0), pp("Bản khai lý lịch", 3, 0), pp("Phiếu lý lịch tư pháp", 3, 0), pp("Giấy tờ chứng minh trình độ tiếng Việt", 0, 3), pp("Giấy tờ chứng minh về chỗ ở, thời gian thường trú ở Việt Nam", 0, 3)},
			result: "Quyết định cho nhập quốc tịch Việt Nam của Chủ tịch nước", ch: "c", legal: "Luật Quốc tịch Việt Nam năm 2008, sửa đổi, bổ sung năm 2014 và 2025; Nghị định số 16/2020/NĐ-CP", chain: []string{"PA08", "UBND"}},

		// ——— Công Thương.
		{code: "1.014967", name: "Cấp Giấy phép vận chuyển hàng hóa nguy hiểm loại 1 (trừ vật liệu nổ công nghiệp, tiền chất thuốc nổ), 2, 3, 4, 9", unit: "SCT", field: "HOA_CHAT", lim: wd(5),
			papers: []catalog.Paper{pp("Giấy đề nghị cấp Giấy phép vận chuyển hàng hóa nguy hiểm", 1, 0), pp("Danh sách phương tiện vận chuyển kèm bản sao giấy chứng nhận đăng ký phương tiện", 0, 1), pp("Bản sao giấy chứng nhận huấn luyện của người điều khiển phương tiện và người áp tải", 0, 1)},
			result: "Giấy phép vận chuyển hàng hóa nguy hiểm", ch: "fb", four: true, legal: "Luật Đường bộ năm 2024; Nghị định số 161/2024/NĐ-CP"},
		{code: "1.014968", name: "Cấp điều chỉnh Giấy phép vận chuyển hàng hóa nguy hiểm loại 1 (trừ vật liệu nổ công nghiệp, tiền chất thuốc nổ), 2, 3, 4, 9", unit: "SCT", field: "HOA_CHAT", lim: wd(3),
			papers: []catalog.Paper{pp("Giấy đề nghị cấp điều chỉnh Giấy phép", 1, 0), pp("Tài liệu chứng minh nội dung điều chỉnh", 0, 1)},
			result: "Giấy phép vận chuyển hàng hóa nguy hiểm", ch: "fb", four: true, legal: "Luật Đường bộ năm 2024; Nghị định số 161/2024/NĐ-CP"},
		{code: "1.014969", name: "Cấp lại Giấy phép vận chuyển hàng hóa nguy hiểm loại 1 (trừ vật liệu nổ công nghiệp, tiền chất thuốc nổ), 2, 3, 4, 9", unit: "SCT", field: "HOA_CHAT", lim: wd(3),
			papers: []catalog.Paper{pp("Giấy đề nghị cấp lại Giấy phép", 1, 0)},
			result: "Giấy phép vận chuyển hàng hóa nguy hiểm", ch: "fb", four: true, legal: "Luật Đường bộ năm 2024; Nghị định số 161/2024/NĐ-CP"},
		{name: "Cấp Giấy phép bán buôn rượu", unit: "SCT", field: "THUONG_MAI", lim: wd(15),
			fees:   []catalog.Fee{fee("Phí thẩm định cấp giấy phép kinh doanh bán buôn rượu", 1200000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp Giấy phép bán buôn rượu (Mẫu số 01)", 1, 0), bizRegPaper, pp("Hợp đồng nguyên tắc với thương nhân sản xuất rượu, thương nhân phân phối rượu", 0, 1), pp("Tài liệu chứng minh quyền sử dụng kho hàng", 0, 1)},
			result: "Giấy phép bán buôn rượu", ch: "o", legal: "Luật Phòng, chống tác hại của rượu, bia năm 2019; Nghị định số 105/2017/NĐ-CP; Nghị định số 17/2020/NĐ-CP; Thông tư số 168/2016/TT-BTC"},
		{name: "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm thuộc thẩm quyền của Sở Công Thương", unit: "SCT", field: "AN_TOAN_THUC_PHAM", lim: wd(20),
			fees:   []catalog.Fee{fee("Phí thẩm định cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 2500000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 1, 0), pp("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", 1, 0), pp("Giấy xác nhận đủ sức khỏe, giấy xác nhận kiến thức về an toàn thực phẩm của chủ cơ sở và người trực tiếp sản xuất", 0, 1)},
			result: "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", ch: "o", legal: lawFood + "; Thông tư số 43/2018/TT-BCT"},
		{name: "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", unit: "SCT", field: "THUONG_MAI", lim: wd(15),
			fees:   []catalog.Fee{fee("Phí thẩm định cấp giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", 1200000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", 1, 0), pp("Bản kê trang thiết bị của cửa hàng", 1, 0), pp("Tài liệu chứng minh đáp ứng điều kiện về phòng cháy và chữa cháy, bảo vệ môi trường", 0, 1)},
			result: "Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", ch: "o", legal: "Nghị định số 83/2014/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 80/2023/NĐ-CP"},

		// ——— Y tế.
		{name: "Cấp mới giấy phép hành nghề đối với chức danh bác sỹ", unit: "SYT", field: "KHAM_CHUA_BENH", lim: wd(30),
			fees:   []catalog.Fee{fee("Phí thẩm định cấp giấy phép hành nghề khám bệnh, chữa bệnh", 300000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp mới giấy phép hành nghề (Mẫu 01 Phụ lục I Nghị định 96/2023/NĐ-CP)", 1, 0), pp("Văn bằng chuyên môn phù hợp", 0, 1), pp("Giấy chứng nhận đủ sức khỏe hành nghề khám bệnh, chữa bệnh", 1, 0), pp("Giấy chứng nhận đạt kiểm tra đánh giá năng lực hành nghề", 0, 1), pp("Ảnh chân dung nền trắng cỡ 4x6 cm", 2, 0)},
			result: "Giấy phép hành nghề khám bệnh, chữa bệnh", ch: "o", legal: lawHealth},
		{name: "Cấp giấy phép hoạt động đối với phòng khám đa khoa", unit: "SYT", field: "KHAM_CHUA_BENH", lim: wd(60),
			fees:   []catalog.Fee{fee("Phí thẩm định cấp giấy phép hoạt động cơ sở khám bệnh, chữa bệnh", 5700000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp giấy phép hoạt động", 1, 0), pp("Danh sách đăng ký người hành nghề khám bệnh, chữa bệnh", 1, 0), pp("Bản kê khai cơ sở vật chất, thiết bị y tế, tổ chức nhân sự", 1, 0), pp("Dự kiến phạm vi hoạt động chuyên môn, danh mục kỹ thuật", 1, 0)},
			result: "Giấy phép hoạt động khám bệnh, chữa bệnh", ch: "o", legal: lawHealth},
		{name: "Cấp Chứng chỉ hành nghề dược (bao gồm cả trường hợp cấp Chứng chỉ hành nghề dược nhưng Chứng chỉ hành nghề dược bị thu hồi)", unit: "SYT", field: "DUOC_PHAM", lim: wd(20),
			fees:   []catalog.Fee{fee("Phí thẩm định cấp Chứng chỉ hành nghề dược", 500000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp Chứng chỉ hành nghề dược (Mẫu số 02 Phụ lục I Nghị định 54/2017/NĐ-CP)", 1, 0), pp("Văn bằng chuyên môn", 0, 1), pp("Giấy xác nhận thời gian thực hành chuyên môn", 1, 0), pp("Ảnh chân dung cỡ 4x6 cm", 2, 0)},
			result: "Chứng chỉ hành nghề dược", ch: "o", legal: lawPharma},
		{name: "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với cơ sở bán lẻ thuốc (nhà thuốc)", unit: "SYT", field: "DUOC_PHAM", lim: wd(20),
			fees:   []catalog.Fee{fee("Phí thẩm định điều kiện kinh doanh thuốc", 1000000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược (Mẫu số 19)", 1, 0), pp("Tài liệu kỹ thuật về địa điểm, khu vực bảo quản, trang thiết bị", 1, 0), pp("Bản sao Chứng chỉ hành nghề dược của người chịu trách nhiệm chuyên môn", 0, 1)},
			result: "Giấy chứng nhận đủ điều kiện kinh doanh dược", ch: "o", legal: lawPharma},
		{code: "2.000552", name: "Cấp lại Giấy phép hoạt động đối với trạm, điểm sơ cấp cứu chữ thập đỏ khi thay đổi địa điểm", unit: "SYT", field: "KHAM_CHUA_BENH", lim: wd(10),
			papers: []catalog.Paper{pp("Văn bản đề nghị cấp lại Giấy phép hoạt động", 1, 0), pp("Bản kê khai cơ sở vật chất tại địa điểm mới", 1, 0)},
			result: "Giấy phép hoạt động trạm, điểm sơ cấp cứu chữ thập đỏ", ch: "p", legal: "Luật Hoạt động chữ thập đỏ năm 2008; Nghị định số 03/2011/NĐ-CP"},
		{code: "1.006780", name: "Cấp lại Giấy phép hoạt động đối với trạm, điểm sơ cấp cứu chữ thập đỏ do mất, rách, hỏng hoặc sai sót thông tin", unit: "SYT", field: "KHAM_CHUA_BENH", lim: wd(5),
			papers: []catalog.Paper{pp("Văn bản đề nghị cấp lại Giấy phép hoạt động", 1, 0)},
			result: "Giấy phép hoạt động trạm, điểm sơ cấp cứu chữ thập đỏ", ch: "p", four: true, legal: "Luật Hoạt động chữ thập đỏ năm 2008; Nghị định số 03/2011/NĐ-CP"},
		{name: "Khám giám định lần đầu do tai nạn lao động", unit: "SYT", field: "GIAM_DINH_Y_KHOA", lim: wd(40),
			fees:   []catalog.Fee{feeNote(catalog.FeeFee, "Phí giám định y khoa", 0, "Theo Thông tư số 243/2016/TT-BTC")},
			papers: []catalog.Paper{pp("Giấy đề nghị khám giám định", 1, 0), pp("Biên bản điều tra tai nạn lao động", 0, 1), pp("Giấy ra viện sau khi điều trị tai nạn lao động", 0, 1)},
			result: "Biên bản giám định y khoa", ch: "p", legal: "Luật An toàn, vệ sinh lao động năm 2015; Thông tư số 56/2017/TT-BYT; Thông tư số 243/2016/TT-BTC"},

		// ——— Giáo dục.
		{code: "1.012944", name: "Thành lập hoặc cho phép thành lập trường trung học phổ thông, trường phổ thông có nhiều cấp học có cấp học cao nhất là trung học phổ thông", unit: "SGDDT", field: "GIAO_DUC", lim: wd(20),
			papers: []catalog.Paper{pp("Tờ trình đề nghị thành lập hoặc cho phép thành lập trường", 1, 0), pp("Đề án thành lập trường", 1, 0)},
			result: "Quyết định thành lập hoặc cho phép thành lập trường", ch: "p", legal: lawEducation, chain: []string{"UBND"}},
		{code: "1.012954", name: "Cho phép trường trung học phổ thông, trường phổ thông có nhiều cấp học có cấp học cao nhất là trung học phổ thông hoạt động giáo dục", unit: "SGDDT", field: "GIAO_DUC", lim: wd(20),
			papers: []catalog.Paper{pp("Tờ trình đề nghị cho phép hoạt động giáo dục", 1, 0), pp("Quyết định thành lập hoặc cho phép thành lập trường", 0, 1), pp("Danh sách cán bộ quản lý, giáo viên, nhân viên", 1, 0)},
			result: "Quyết định cho phép hoạt động giáo dục", ch: "p", legal: lawEducation},
		{code: "1.012955", name: "Sáp nhập, chia, tách trường trung học phổ thông, trường phổ thông có nhiều cấp học có cấp học cao nhất là trung học phổ thông", unit: "SGDDT", field: "GIAO_DUC", lim: wd(20),
			papers: []catalog.Paper{pp("Tờ trình đề nghị sáp nhập, chia, tách trường", 1, 0), pp("Đề án sáp nhập, chia, tách trường", 1, 0)},
			result: "Quyết định sáp nhập, chia, tách trường", ch: "p", legal: lawEducation, chain: []string{"UBND"}},
		{code: "1.012956", name: "Giải thể trường trung học phổ thông, trường phổ thông có nhiều cấp học có cấp học cao nhất là trung học phổ thông (theo đề nghị của tổ chức, cá nhân thành lập trường)", unit: "SGDDT", field: "GIAO_DUC", lim: wd(20),
			papers: []catalog.Paper{pp("Tờ trình đề nghị giải thể trường", 1, 0), pp("Phương án giải thể, bảo đảm quyền lợi của người học, nhà giáo", 1, 0)},
			result: "Quyết định giải thể trường", ch: "p", legal: lawEducation, chain: []string{"UBND"}},
		{code: "2.002854", name: "Chuyển trường và tiếp nhận học sinh", unit: "SGDDT", field: "GIAO_DUC", lim: wd(3),
			papers: []catalog.Paper{pp("Đơn xin chuyển trường do cha mẹ hoặc người giám hộ ký", 1, 0), pp("Học bạ", 1, 0), op("Giấy giới thiệu chuyển trường", 1, 0)},
			result: "Giấy giới thiệu chuyển trường", ch: "fb", four: true, legal: "Thông tư số 50/2021/TT-BGDĐT; " + lawEducation},
		{code: "2.002855", name: "Tiếp nhận học sinh Việt Nam từ nước ngoài về nước", unit: "SGDDT", field: "GIAO_DUC", lim: wd(5),
			papers: []catalog.Paper{pp("Đơn xin học", 1, 0), pp("Hồ sơ học tập ở nước ngoài được hợp pháp hóa lãnh sự và dịch sang tiếng Việt", 0, 1)},
			result: "Văn bản tiếp nhận học sinh", ch: "p", four: true, legal: "Thông tư số 50/2021/TT-BGDĐT"},
		{code: "2.002856", name: "Tiếp nhận học sinh người nước ngoài", unit: "SGDDT", field: "GIAO_DUC", lim: wd(5),
			papers: []catalog.Paper{pp("Đơn xin học", 1, 0), pp("Bản dịch hồ sơ học tập đã được hợp pháp hóa lãnh sự", 0, 1)},
			result: "Văn bản tiếp nhận học sinh", ch: "p", four: true, legal: "Thông tư số 50/2021/TT-BGDĐT"},
		{code: "2.002857", name: "Tiếp nhận học sinh xin học lại", unit: "SGDDT", field: "GIAO_DUC", lim: wd(3),
			papers: []catalog.Paper{pp("Đơn xin học lại", 1, 0), pp("Học bạ", 1, 0)},
			result: "Văn bản tiếp nhận học sinh", ch: "p", four: true, legal: "Thông tư số 50/2021/TT-BGDĐT"},
		{code: "1.004889", name: "Công nhận bằng tốt nghiệp trung học cơ sở, bằng tốt nghiệp trung học phổ thông, giấy chứng nhận hoàn thành chương trình giáo dục phổ thông do cơ sở giáo dục nước ngoài cấp để sử dụng tại Việt Nam", unit: "SGDDT", field: "VAN_BANG", lim: wd(20),
			papers: []catalog.Paper{pp("Đơn đề nghị công nhận văn bằng", 1, 0), pp("Bản sao văn bằng kèm bản dịch sang tiếng Việt có chứng thực", 0, 1), pp("Bản sao kết quả học tập", 0, 1)},
			result: "Giấy công nhận văn bằng", ch: "f", legal: "Thông tư số 13/2021/TT-BGDĐT"},
		{name: "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", unit: "SGDDT", field: "VAN_BANG", lim: wd(1),
			fees:   []catalog.Fee{fee("Phí cấp bản sao văn bằng từ sổ gốc", 8000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 1, 0), idPaper},
			result: "Bản sao văn bằng, chứng chỉ từ sổ gốc", ch: "fb", four: true, legal: "Thông tư số 21/2019/TT-BGDĐT; Nghị định số 23/2015/NĐ-CP"},
		{code: "1.013751", name: "Cho phép thành lập trung tâm giáo dục thường xuyên, trung tâm giáo dục nghề nghiệp - giáo dục thường xuyên tư thục", unit: "SGDDT", field: "GIAO_DUC", lim: wd(20),
			papers: []catalog.Paper{pp("Tờ trình đề nghị cho phép thành lập trung tâm", 1, 0), pp("Đề án thành lập trung tâm", 1, 0)},
			result: "Quyết định cho phép thành lập trung tâm", ch: "p", legal: lawEducation, chain: []string{"UBND"}},
		{code: "1.013759", name: "Cho phép thành lập cơ sở giáo dục nghề nghiệp, cơ sở giáo dục nghề nghiệp cho người khuyết tật, phân hiệu của trường trung cấp tư thục", unit: "SGDDT", field: "GIAO_DUC_NGHE", lim: wd(25),
			papers: []catalog.Paper{pp("Văn bản đề nghị cho phép thành lập", 1, 0), pp("Đề án thành lập", 1, 0), pp("Tài liệu chứng minh quyền sử dụng đất, cơ sở vật chất", 0, 1)},
			result: "Quyết định cho phép thành lập", ch: "p", legal: "Luật Giáo dục nghề nghiệp năm 2014; Nghị định số 24/2022/NĐ-CP", chain: []string{"UBND"}},

		// ——— Nội vụ (lao động, việc làm, người có công).
		{code: "2.001955", name: "Đăng ký nội quy lao động của doanh nghiệp", unit: "SNV", field: "LAO_DONG", lim: wd(7),
			papers: []catalog.Paper{pp("Văn bản đề nghị đăng ký nội quy lao động", 1, 0), pp("Nội quy lao động", 1, 0), pp("Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở", 0, 1), op("Các văn bản của người sử dụng lao động có quy định liên quan đến kỷ luật lao động, trách nhiệm vật chất", 0, 1)},
			result: "Thông báo về việc đăng ký nội quy lao động", ch: "fb", four: true, legal: lawLabour},
		{code: "1.000414", name: "Rút tiền ký quỹ của doanh nghiệp cho thuê lại lao động", unit: "SNV", field: "LAO_DONG", lim: wd(7),
			papers: []catalog.Paper{pp("Văn bản đề nghị rút tiền ký quỹ", 1, 0), pp("Giấy chứng nhận tiền ký quỹ", 0, 1)},
			result: "Văn bản đề nghị ngân hàng cho doanh nghiệp rút tiền ký quỹ", ch: "p", legal: lawLabour},
		{name: "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", unit: "SNV", field: "LAO_DONG", lim: wd(10),
			fees:   []catalog.Fee{charge("Lệ phí cấp giấy phép lao động", 600000)},
			papers: []catalog.Paper{pp("Văn bản đề nghị cấp giấy phép lao động (Mẫu số 11/PLI)", 1, 0), pp("Giấy chứng nhận sức khỏe", 1, 0), pp("Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải người đang chấp hành án phạt tù", 1, 0), pp("Văn bản chứng minh nhà quản lý, giám đốc điều hành, chuyên gia hoặc lao động kỹ thuật", 0, 1), pp("Ảnh màu cỡ 4x6 cm nền trắng", 2, 0), pp("Bản sao hộ chiếu còn giá trị", 0, 1)},
			result: "Giấy phép lao động", ch: "fb", legal: lawLabour},
		{name: "Giải quyết hưởng trợ cấp thất nghiệp", unit: "TTDVVL", field: "VIEC_LAM", lim: wd(20),
			papers: []catalog.Paper{pp("Đề nghị hưởng trợ cấp thất nghiệp (Mẫu số 03)", 1, 0), pp("Bản chính hoặc bản sao có chứng thực của hợp đồng lao động đã chấm dứt hoặc quyết định thôi việc", 0, 1), pp("Sổ bảo hiểm xã hội", 1, 0)},
			result: "Quyết định hưởng trợ cấp thất nghiệp", ch: "fb", legal: "Luật Việc làm năm 2013; Nghị định số 28/2015/NĐ-CP; Nghị định số 61/2020/NĐ-CP", chain: []string{"SNV"}},
		{name: "Giải quyết chế độ trợ cấp ưu đãi đối với thân nhân liệt sĩ", unit: "SNV", field: "NGUOI_CO_CONG", lim: wd(12),
			papers: []catalog.Paper{pp("Bản khai thân nhân liệt sĩ (Mẫu số 04 Phụ lục I Nghị định 131/2021/NĐ-CP)", 1, 0), pp("Bằng Tổ quốc ghi công", 0, 1), op("Giấy tờ chứng minh quan hệ với liệt sĩ", 0, 1)},
			result: "Quyết định trợ cấp hằng tháng, trợ cấp một lần", ch: "pb", legal: lawMerit},
		{name: "Công nhận và giải quyết chế độ ưu đãi người hoạt động kháng chiến bị nhiễm chất độc hóa học", unit: "SNV", field: "NGUOI_CO_CONG", lim: wd(20),
			papers: []catalog.Paper{pp("Bản khai cá nhân (Mẫu số 06 Phụ lục I Nghị định 131/2021/NĐ-CP)", 1, 0), pp("Giấy tờ chứng minh tham gia hoạt động kháng chiến tại vùng quân đội Mỹ sử dụng chất độc hóa học", 0, 1), pp("Biên bản giám định y khoa", 0, 1)},
			result: "Quyết định công nhận và trợ cấp hằng tháng", ch: "pb", legal: lawMerit},

		// ——— Văn hóa, thể thao, du lịch.
		{name: "Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", unit: "SVHTTDL", field: "DU_LICH", lim: wd(10),
			fees:   []catalog.Fee{fee("Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", 3000000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành (Mẫu số 02)", 1, 0), pp("Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành", 1, 0), pp("Bản sao văn bằng, chứng chỉ của người phụ trách kinh doanh dịch vụ lữ hành", 0, 1), bizRegPaper},
			result: "Giấy phép kinh doanh dịch vụ lữ hành nội địa", ch: "fb", legal: "Luật Du lịch năm 2017; Nghị định số 168/2017/NĐ-CP; Nghị định số 94/2021/NĐ-CP; Thông tư số 33/2018/TT-BTC"},
		{name: "Cấp thẻ hướng dẫn viên du lịch nội địa", unit: "SVHTTDL", field: "DU_LICH", lim: wd(10),
			fees:   []catalog.Fee{fee("Phí thẩm định cấp thẻ hướng dẫn viên du lịch", 650000)},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp thẻ hướng dẫn viên du lịch", 1, 0), pp("Sơ yếu lý lịch có xác nhận", 1, 0), pp("Bản sao văn bằng, chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa", 0, 1), pp("Giấy chứng nhận sức khỏe", 1, 0), pp("Ảnh chân dung màu cỡ 3x4 cm", 2, 0)},
			result: "Thẻ hướng dẫn viên du lịch nội địa", ch: "fb", legal: "Luật Du lịch năm 2017; Thông tư số 06/2017/TT-BVHTTDL; Thông tư số 33/2018/TT-BTC"},
		{name: "Cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", unit: "SVHTTDL", field: "VAN_HOA", lim: wd(5),
			fees:   []catalog.Fee{feeNote(catalog.FeeFee, "Phí thẩm định cấp giấy phép kinh doanh karaoke", 6000000, "Tại thành phố, thị xã trực thuộc tỉnh; nơi khác 3.000.000 đồng")},
			papers: []catalog.Paper{pp("Đơn đề nghị cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke (Mẫu số 01)", 1, 0), bizRegPaper},
			result: "Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", ch: "o", four: true, legal: "Nghị định số 54/2019/NĐ-CP; Thông tư số 01/2021/TT-BTC"},

		// ——— Tôn giáo, ngoại vụ, thanh tra.
		{name: "Đăng ký sinh hoạt tôn giáo tập trung cho người nước ngoài cư trú hợp pháp tại Việt Nam", unit: "SDTTG", field: "TON_GIAO", lim: cd(30),
			papers: []catalog.Paper{pp("Văn bản đề nghị đăng ký sinh hoạt tôn giáo tập trung", 1, 0), pp("Danh sách người đại diện nhóm", 1, 0), pp("Giấy tờ chứng minh địa điểm hợp pháp", 0, 1)},
			result: "Văn bản chấp thuận đăng ký sinh hoạt tôn giáo tập trung", ch: "p", legal: lawReligion},
		{name: "Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân tỉnh", unit: "SNGV", field: "NGOAI_VU", lim: wd(15),
			papers: []catalog.Paper{pp("Văn bản đề nghị tổ chức hội nghị, hội thảo quốc tế", 1, 0), pp("Đề án tổ chức hội nghị, hội thảo", 1, 0), pp("Danh sách đại biểu nước ngoài dự kiến tham dự", 1, 0)},
			result: "Văn bản cho phép tổ chức hội nghị, hội thảo quốc tế", ch: "p", legal: "Quyết định số 06/2020/QĐ-TTg về tổ chức và quản lý hội nghị, hội thảo quốc tế tại Việt Nam", chain: []string{"UBND"}},
		{name: "Cho phép sử dụng thẻ đi lại của doanh nhân APEC (ABTC)", unit: "SNGV", field: "NGOAI_VU", lim: wd(10),
			papers: []catalog.Paper{pp("Văn bản đề nghị cho phép sử dụng thẻ ABTC", 1, 0), pp("Tài liệu chứng minh hoạt động hợp tác kinh doanh với các nền kinh tế thành viên APEC", 0, 1), pp("Bản sao hộ chiếu còn giá trị", 0, 1)},
			result: "Văn bản cho phép sử dụng thẻ ABTC", ch: "pb", legal: "Quyết định số 09/2023/QĐ-TTg về việc cấp và quản lý thẻ đi lại của doanh nhân APEC", chain: []string{"UBND"}},
		{name: "Giải quyết khiếu nại lần hai tại cấp tỉnh", unit: "TTRA", field: "KHIEU_NAI_TO_CAO", lim: wd(45),
			papers: []catalog.Paper{pp("Đơn khiếu nại hoặc văn bản ghi lời khiếu nại", 1, 0), pp("Quyết định giải quyết khiếu nại lần đầu", 0, 1), op("Tài liệu, chứng cứ có liên quan", 0, 1)},
			result: "Quyết định giải quyết khiếu nại lần hai", ch: "b", legal: lawComplaint},
		{name: "Giải quyết tố cáo tại cấp tỉnh", unit: "TTRA", field: "KHIEU_NAI_TO_CAO", lim: cd(60),
			papers: []catalog.Paper{pp("Đơn tố cáo hoặc văn bản ghi nội dung tố cáo", 1, 0), op("Thông tin, tài liệu, chứng cứ kèm theo", 0, 1)},
			result: "Kết luận nội dung tố cáo", ch: "b", legal: lawComplaint},

		// ——— Khu kinh tế cửa khẩu.
		{name: "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án trong Khu kinh tế cửa khẩu không thuộc diện chấp thuận chủ trương đầu tư", unit: "BQLKKT", field: "DAU_TU", lim: wd(15),
			papers: []catalog.Paper{pp("Văn bản đề nghị thực hiện dự án đầu tư", 1, 0), pp("Đề xuất dự án đầu tư", 1, 0), pp("Tài liệu về tư cách pháp lý và năng lực tài chính của nhà đầu tư", 0, 1)},
			result: "Giấy chứng nhận đăng ký đầu tư", ch: "p", legal: lawInvest + "; Nghị định số 35/2022/NĐ-CP về quản lý khu công nghiệp và khu kinh tế"},

		// ——— Bảo hiểm xã hội, thuế, quân sự, biên phòng.
		{name: "Cấp lại, đổi, điều chỉnh thông tin trên sổ bảo hiểm xã hội, thẻ bảo hiểm y tế", unit: "BHXH", field: "BAO_HIEM_XA_HOI", lim: wd(5),
			papers: []catalog.Paper{pp("Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (Mẫu TK1-TS)", 1, 0), op("Hồ sơ kèm theo đối với trường hợp điều chỉnh nhân thân", 0, 1)},
			result: "Sổ bảo hiểm xã hội, thẻ bảo hiểm y tế", ch: "fb", four: true, legal: lawSocialIns},
		{name: "Giải quyết hưởng lương hưu", unit: "BHXH", field: "BAO_HIEM_XA_HOI", lim: wd(10),
			papers: []catalog.Paper{pp("Sổ bảo hiểm xã hội", 1, 0), pp("Quyết định nghỉ việc hoặc văn bản chấm dứt hợp đồng lao động hưởng chế độ hưu trí", 1, 0), op("Biên bản giám định mức suy giảm khả năng lao động (trường hợp nghỉ hưu do suy giảm khả năng lao động)", 1, 0)},
			result: "Quyết định hưởng lương hưu", ch: "fb", legal: lawSocialIns},
		{name: "Giải quyết hưởng bảo hiểm xã hội một lần", unit: "BHXH", field: "BAO_HIEM_XA_HOI", lim: wd(10),
			papers: []catalog.Paper{pp("Sổ bảo hiểm xã hội", 1, 0), pp("Đơn đề nghị hưởng bảo hiểm xã hội một lần (Mẫu số 14-HSB)", 1, 0)},
			result: "Quyết định hưởng bảo hiểm xã hội một lần", ch: "fb", legal: lawSocialIns},
		{name: "Đăng ký thuế lần đầu đối với người nộp thuế là hộ kinh doanh, cá nhân kinh doanh", unit: "THUE", field: "THUE", lim: wd(3),
			papers: []catalog.Paper{pp("Tờ khai đăng ký thuế (Mẫu số 03-ĐK-TCT)", 1, 0), idPaper},
			result: "Giấy chứng nhận đăng ký thuế hoặc Thông báo mã số thuế", ch: "fb", four: true, legal: lawTax},
		{name: "Khai lệ phí trước bạ đối với ô tô, xe máy", unit: "THUE", field: "THUE", lim: wd(1),
			papers: []catalog.Paper{pp("Tờ khai lệ phí trước bạ (Mẫu số 02/LPTB)", 1, 0), pp("Hóa đơn hoặc giấy tờ chứng minh nguồn gốc hợp pháp của phương tiện", 0, 1), op("Giấy tờ chứng minh thuộc đối tượng miễn lệ phí trước bạ", 0, 1)},
			result: "Thông báo nộp lệ phí trước bạ", ch: "fb", four: true, legal: lawTax},
		{name: "Giải quyết chế độ trợ cấp một lần đối với quân nhân, người làm công tác cơ yếu tham gia kháng chiến chống Mỹ có dưới 20 năm công tác đã phục viên, xuất ngũ", unit: "BCHQS", field: "QUAN_SU", lim: wd(60),
			papers: []catalog.Paper{pp("Bản khai cá nhân", 1, 0), pp("Giấy tờ gốc chứng minh thời gian phục vụ trong quân đội", 0, 1)},
			result: "Quyết định hưởng trợ cấp một lần", ch: "c", legal: "Quyết định số 142/2008/QĐ-TTg; Quyết định số 62/2011/QĐ-TTg"},
		{name: "Cấp giấy phép vào khu vực biên giới đất liền cho người nước ngoài", unit: "BDBP", field: "BIEN_GIOI", lim: wd(3),
			papers: []catalog.Paper{pp("Văn bản đề nghị cấp phép của cơ quan, tổ chức mời, bảo lãnh", 1, 0), pp("Danh sách người nước ngoài vào khu vực biên giới", 1, 0), pp("Bản sao hộ chiếu, thị thực còn giá trị", 0, 1)},
			result: "Giấy phép vào khu vực biên giới", ch: "p", four: true, legal: "Luật Biên phòng Việt Nam năm 2020; Nghị định số 34/2014/NĐ-CP về Quy chế khu vực biên giới đất liền"},
	}
}

func (b *builder) addCore() {
	for _, k := range coreKinds() {
		b.add(k)
	}
}
