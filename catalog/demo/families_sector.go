package demo

import "github.com/motcua/motcua/catalog"

// famAgriEnv: land, environment, water, minerals, agriculture (Sở Nông nghiệp và Môi
// trường and its offices).
func famAgriEnv() []fam {
	land := "Văn bản đề nghị kèm hồ sơ địa chính, trích lục hoặc trích đo bản đồ địa chính thửa đất"
	return []fam{
		{unit: "SNNMT", field: "DAT_DAI", pat: "{a} {s}", lim: wd(20), ch: "p", legal: lawLand, chain: []string{"UBND"},
			result: "Quyết định của Ủy ban nhân dân tỉnh", papers: []catalog.Paper{pp(land, 1, 0), pp("Văn bản chấp thuận chủ trương đầu tư hoặc Giấy chứng nhận đăng ký đầu tư", 0, 1)},
			acts: []act{{"Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất đối với", actIssue, 1, 0}, {"Chuyển mục đích sử dụng đất đối với", actIssue, 1, 0}, {"Gia hạn sử dụng đất đối với", actExtend, 0.5, 0}, {"Điều chỉnh quyết định giao đất, cho thuê đất, cho phép chuyển mục đích sử dụng đất đối với", actAdjust, 0.7, 0}, {"Thu hồi đất do chấm dứt việc sử dụng đất theo pháp luật, tự nguyện trả lại đất đối với", actOther, 0.7, 0}},
			subj: []string{"tổ chức kinh tế", "tổ chức tôn giáo, tổ chức tôn giáo trực thuộc", "người gốc Việt Nam định cư ở nước ngoài", "tổ chức kinh tế có vốn đầu tư nước ngoài"}},
		{unit: "VPDKDD", field: "DAT_DAI", pat: "{a} {s}", lim: wd(10), fees: []catalog.Fee{charge("Lệ phí cấp Giấy chứng nhận quyền sử dụng đất", 50000), fee("Phí thẩm định hồ sơ cấp Giấy chứng nhận quyền sử dụng đất", 500000)}, ch: "pb", legal: lawLand,
			result: "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất hoặc xác nhận thay đổi", papers: []catalog.Paper{pp("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)", 1, 0), landCertCopy},
			acts: []act{{"Đăng ký biến động do", actIssue, 1, 1}}, subj: []string{"góp vốn bằng quyền sử dụng đất, tài sản gắn liền với đất", "thay đổi thông tin về người được cấp Giấy chứng nhận (đổi tên, giấy tờ nhân thân, địa chỉ)", "thay đổi hình dạng, kích thước, diện tích, số hiệu, địa chỉ thửa đất", "chuyển mục đích sử dụng đất không phải xin phép", "thay đổi hạn chế quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "chuyển quyền sử dụng đất theo kết quả hòa giải thành, quyết định, bản án của Tòa án", "chia, tách, hợp nhất, sáp nhập tổ chức", "nhận quyền sử dụng đất theo kết quả trúng đấu giá"}},
		{unit: "VPDKDD", field: "DAT_DAI", pat: "{s}", lim: wd(10), fees: []catalog.Fee{charge("Lệ phí cấp Giấy chứng nhận quyền sử dụng đất", 50000)}, ch: "pb", legal: lawLand,
			result: "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", papers: []catalog.Paper{pp("Đơn đăng ký, cấp Giấy chứng nhận (Mẫu số 04/ĐK)", 1, 0)},
			subj: []string{"Tách thửa hoặc hợp thửa đất", "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất", "Đính chính Giấy chứng nhận đã cấp", "Thu hồi Giấy chứng nhận đã cấp không đúng quy định", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu cho tổ chức", "Đăng ký, cấp Giấy chứng nhận cho người mua nhà ở, công trình xây dựng trong dự án phát triển nhà ở", "Xóa đăng ký cho thuê, cho thuê lại quyền sử dụng đất", "Xóa đăng ký góp vốn bằng quyền sử dụng đất"}},
		{unit: "VPDKDD", field: "DAT_DAI", pat: "{s}", lim: wd(1), fees: []catalog.Fee{fee("Phí đăng ký giao dịch bảo đảm", 80000)}, ch: "fb", legal: "Nghị định số 99/2022/NĐ-CP về đăng ký biện pháp bảo đảm",
			result: "Văn bản chứng nhận nội dung đăng ký biện pháp bảo đảm", papers: []catalog.Paper{pp("Phiếu yêu cầu đăng ký (theo mẫu)", 1, 0)},
			subj: []string{"Đăng ký thay đổi nội dung biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất đã đăng ký", "Xóa đăng ký biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất", "Đăng ký thế chấp tài sản gắn liền với đất hình thành trong tương lai", "Sửa chữa sai sót nội dung biện pháp bảo đảm đã đăng ký do lỗi của người thực hiện đăng ký", "Chuyển tiếp đăng ký thế chấp quyền tài sản phát sinh từ hợp đồng mua bán nhà ở"}},
		{unit: "SNNMT", field: "MOI_TRUONG", pat: "{a} giấy phép môi trường {s}", acts: []act{aCap, aCapDoi, {"Điều chỉnh", actAdjust, 0.5, 0.5}, aCapLai}, lim: wd(20),
			fees: []catalog.Fee{feeNote(catalog.FeeFee, "Phí thẩm định cấp giấy phép môi trường", 0, "Theo quy mô dự án, mức thu do HĐND tỉnh quy định")}, subj: []string{"đối với dự án đầu tư", "đối với cơ sở đang hoạt động"},
			papers: []catalog.Paper{pp("Báo cáo đề xuất cấp giấy phép môi trường", 1, 0)}, result: "Giấy phép môi trường", ch: "o", legal: lawEnv, chain: []string{"UBND"}},
		{unit: "SNNMT", field: "MOI_TRUONG", pat: "{s}", lim: wd(20), ch: "o", legal: lawEnv, result: "Văn bản của cơ quan có thẩm quyền",
			papers: []catalog.Paper{pp("Báo cáo, hồ sơ kỹ thuật kèm theo", 1, 0)},
			subj:   []string{"Thẩm định phương án cải tạo, phục hồi môi trường trong hoạt động khai thác khoáng sản", "Thẩm định điều chỉnh phương án cải tạo, phục hồi môi trường", "Chấp thuận tách đấu nối khỏi hệ thống xử lý nước thải tập trung khu công nghiệp", "Vận hành thử nghiệm công trình xử lý chất thải", "Đăng ký miễn trừ đăng ký môi trường"}},
		{unit: "SNNMT", field: "TAI_NGUYEN_NUOC", pat: "{a} giấy phép {s}", acts: []act{aCap, aGiaHan, {"Điều chỉnh", actAdjust, 0.6, 0.5}, aCapLai}, lim: wd(20), chain: []string{"UBND"},
			fees: []catalog.Fee{fee("Phí thẩm định hồ sơ cấp giấy phép tài nguyên nước", 1500000)}, ch: "o", legal: "Luật Tài nguyên nước năm 2023; Nghị định số 54/2024/NĐ-CP", result: "Giấy phép tài nguyên nước",
			papers: []catalog.Paper{pp("Báo cáo kết quả thăm dò, đề án hoặc báo cáo khai thác, sử dụng nước", 1, 0), pp("Kết quả phân tích chất lượng nguồn nước", 1, 0)},
			subj:   []string{"khai thác, sử dụng nước mặt", "khai thác, sử dụng nước dưới đất", "thăm dò nước dưới đất", "xả nước thải vào nguồn nước", "hành nghề khoan nước dưới đất"}},
		{unit: "SNNMT", field: "KHOANG_SAN", pat: "{a} {s}", acts: []act{{"Cấp giấy phép", actIssue, 1, 1}, {"Gia hạn giấy phép", actExtend, 0.6, 0.5}, {"Trả lại giấy phép hoặc trả lại một phần diện tích", actOther, 0.6, 0}, {"Chuyển nhượng quyền", actIssue, 0.8, 0.5}}, lim: wd(30), chain: []string{"UBND"},
			fees: []catalog.Fee{fee("Phí thẩm định đánh giá trữ lượng khoáng sản", 10000000)}, ch: "p", legal: "Luật Địa chất và khoáng sản năm 2024", result: "Giấy phép của Ủy ban nhân dân tỉnh",
			papers: []catalog.Paper{pp("Bản đồ khu vực, kế hoạch và báo cáo kỹ thuật kèm theo", 1, 0)},
			subj:   []string{"thăm dò khoáng sản nhóm III, nhóm IV", "khai thác khoáng sản nhóm III", "khai thác khoáng sản nhóm IV", "khai thác tận thu khoáng sản", "khai thác cát, sỏi lòng sông"}},
		{unit: "SNNMT", field: "PHAT_TRIEN_NONG_THON", pat: "{s}", lim: wd(15), ch: "p", legal: "Nghị định số 52/2018/NĐ-CP về phát triển ngành nghề nông thôn; Nghị định số 98/2018/NĐ-CP về liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp; Luật Công nghệ cao năm 2008", result: "Quyết định, giấy chứng nhận của cơ quan có thẩm quyền",
			papers: []catalog.Paper{pp("Văn bản đề nghị kèm hồ sơ thuyết minh", 1, 0)},
			subj:   []string{"Công nhận nghề truyền thống", "Công nhận làng nghề", "Công nhận làng nghề truyền thống", "Hỗ trợ dự án liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp", "Công nhận doanh nghiệp nông nghiệp ứng dụng công nghệ cao", "Công nhận vùng nông nghiệp ứng dụng công nghệ cao", "Phê duyệt kế hoạch khuyến nông địa phương cấp tỉnh", "Đánh giá, phân hạng sản phẩm OCOP cấp tỉnh"}},
		{unit: "SNNMT", field: "TRONG_TROT", pat: "{s}", lim: wd(10), ch: "o", legal: "Luật Trồng trọt năm 2018; Luật Bảo vệ và kiểm dịch thực vật năm 2013; Thông tư số 33/2021/TT-BTC", result: "Giấy chứng nhận, mã số của cơ quan có thẩm quyền",
			fees: []catalog.Fee{feeNote(catalog.FeeFee, "Phí kiểm dịch thực vật", 0, "Theo Thông tư số 33/2021/TT-BTC")}, papers: []catalog.Paper{pp("Giấy đăng ký hoặc đơn đề nghị theo mẫu", 1, 0)},
			subj: []string{"Cấp mã số vùng trồng phục vụ xuất khẩu", "Cấp mã số cơ sở đóng gói quả tươi xuất khẩu", "Cấp Giấy chứng nhận kiểm dịch thực vật nội địa", "Xác nhận nội dung quảng cáo phân bón", "Xác nhận nội dung quảng cáo thuốc bảo vệ thực vật"}},
		{unit: "SNNMT", field: "DO_DAC_BAN_DO", pat: "{s}", lim: wd(7), ch: "fb", legal: "Luật Đo đạc và bản đồ năm 2018; Nghị định số 136/2021/NĐ-CP", result: "Văn bản, sản phẩm đo đạc và bản đồ",
			papers: []catalog.Paper{pp("Phiếu yêu cầu (theo mẫu)", 1, 0)},
			subj:   []string{"Cung cấp thông tin, dữ liệu, sản phẩm đo đạc và bản đồ", "Cấp chứng chỉ hành nghề đo đạc và bản đồ hạng II", "Cấp lại chứng chỉ hành nghề đo đạc và bản đồ hạng II", "Cấp giấy phép hoạt động đo đạc và bản đồ"}},
		{unit: "SNNMT", field: "TRONG_TROT", pat: "{a} {s}", acts: []act{aCap, aCapLai, {"Cấp điều chỉnh", actAdjust, 0.7, 0.5}}, lim: wd(20), ch: "o",
			fees: []catalog.Fee{fee("Phí thẩm định điều kiện sản xuất, buôn bán", 1500000)}, legal: "Luật Trồng trọt năm 2018; Luật Bảo vệ và kiểm dịch thực vật năm 2013; Nghị định số 84/2019/NĐ-CP; Nghị định số 31/2023/NĐ-CP",
			result: "Giấy chứng nhận đủ điều kiện", papers: []catalog.Paper{pp("Bản thuyết minh điều kiện sản xuất, kinh doanh", 1, 0)},
			subj: []string{"Giấy chứng nhận đủ điều kiện sản xuất phân bón", "Giấy chứng nhận đủ điều kiện buôn bán phân bón", "Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", "Giấy chứng nhận cây đầu dòng, vườn cây đầu dòng", "Quyết định công nhận cây mẹ, vườn cây giống"}},
		{unit: "CCCNTY", field: "CHAN_NUOI_THU_Y", pat: "{a} {s}", acts: []act{aCap, aCapLai}, lim: wd(10), ch: "o",
			fees: []catalog.Fee{fee("Phí thẩm định cấp giấy chứng nhận", 300000)}, legal: "Luật Thú y năm 2015; Luật Chăn nuôi năm 2018; Nghị định số 13/2020/NĐ-CP; Thông tư số 101/2020/TT-BTC",
			result: "Giấy chứng nhận, chứng chỉ", papers: []catalog.Paper{pp("Bản thuyết minh điều kiện của cơ sở", 1, 0)},
			subj: []string{"Giấy chứng nhận đủ điều kiện chăn nuôi đối với chăn nuôi trang trại quy mô lớn", "Giấy chứng nhận đủ điều kiện sản xuất thức ăn chăn nuôi", "Giấy chứng nhận cơ sở an toàn dịch bệnh động vật", "Giấy chứng nhận điều kiện vệ sinh thú y", "Chứng chỉ hành nghề thú y (tiêm phòng, chữa bệnh, phẫu thuật động vật, tư vấn)", "Chứng chỉ hành nghề thú y (buôn bán thuốc thú y)", "Giấy chứng nhận đủ điều kiện buôn bán thuốc thú y"}},
		{unit: "CCCNTY", field: "CHAN_NUOI_THU_Y", pat: "{s}", lim: wd(1), ch: "pb", fees: []catalog.Fee{feeNote(catalog.FeeFee, "Phí kiểm dịch động vật, sản phẩm động vật", 0, "Theo Thông tư số 101/2020/TT-BTC")},
			legal: "Luật Thú y năm 2015; Thông tư số 25/2016/TT-BNNPTNT", result: "Giấy chứng nhận kiểm dịch",
			papers: []catalog.Paper{pp("Giấy đăng ký kiểm dịch", 1, 0)},
			subj:   []string{"Kiểm dịch động vật trên cạn vận chuyển ra khỏi địa bàn cấp tỉnh", "Kiểm dịch sản phẩm động vật trên cạn vận chuyển ra khỏi địa bàn cấp tỉnh", "Kiểm dịch động vật thủy sản vận chuyển ra khỏi địa bàn cấp tỉnh", "Kiểm dịch sản phẩm động vật thủy sản vận chuyển ra khỏi địa bàn cấp tỉnh"}},
		{unit: "SNNMT", field: "LAM_NGHIEP", pat: "{s}", lim: wd(15), ch: "p", legal: "Luật Lâm nghiệp năm 2017; Nghị định số 156/2018/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 91/2024/NĐ-CP",
			result: "Quyết định, văn bản của cơ quan có thẩm quyền", papers: []catalog.Paper{pp("Hồ sơ thuyết minh, bản đồ hiện trạng rừng", 1, 0)},
			subj: []string{"Phê duyệt phương án quản lý rừng bền vững của chủ rừng là tổ chức", "Chuyển loại rừng đối với khu rừng do Ủy ban nhân dân tỉnh quyết định thành lập", "Phê duyệt phương án trồng rừng thay thế", "Đề nghị nộp tiền trồng rừng thay thế", "Cấp mã số cơ sở trồng cấy nhân tạo thực vật rừng nguy cấp, quý, hiếm", "Cấp mã số cơ sở nuôi, trồng các loài động vật, thực vật hoang dã thuộc Phụ lục CITES", "Xác nhận bảng kê lâm sản", "Phê duyệt đề án du lịch sinh thái, nghỉ dưỡng, giải trí trong rừng đặc dụng, rừng phòng hộ", "Miễn, giảm tiền dịch vụ môi trường rừng", "Thanh lý rừng trồng"}},
		{unit: "SNNMT", field: "THUY_LOI", pat: "{a} giấy phép {s}", acts: []act{aCapMoi, aGiaHan, {"Điều chỉnh nội dung", actAdjust, 0.6, 0}}, lim: wd(15), ch: "p",
			legal: "Luật Thủy lợi năm 2017; Nghị định số 67/2018/NĐ-CP; Nghị định số 40/2025/NĐ-CP", result: "Giấy phép hoạt động trong phạm vi bảo vệ công trình thủy lợi",
			papers: []catalog.Paper{pp("Bản vẽ thiết kế, thuyết minh hoạt động", 1, 0), pp("Văn bản đánh giá ảnh hưởng đến an toàn công trình thủy lợi", 1, 0)},
			subj:   []string{"xây dựng công trình mới trong phạm vi bảo vệ công trình thủy lợi", "lập bến, bãi tập kết nguyên liệu, nhiên liệu, vật tư, phương tiện trong phạm vi bảo vệ công trình thủy lợi", "khoan, đào khảo sát địa chất, thăm dò, khai thác nước dưới đất trong phạm vi bảo vệ công trình thủy lợi", "trồng cây lâu năm trong phạm vi bảo vệ công trình thủy lợi", "hoạt động du lịch, thể thao có mục đích kinh doanh trong phạm vi bảo vệ công trình thủy lợi", "xả nước thải vào công trình thủy lợi"}},
		{unit: "SNNMT", field: "AN_TOAN_THUC_PHAM", pat: "{a} Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông, lâm, thủy sản {s}", acts: []act{aCap, aCapLai}, lim: wd(15), ch: "o",
			fees: []catalog.Fee{fee("Phí thẩm định cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 700000)}, legal: lawFood + "; Thông tư số 38/2018/TT-BNNPTNT",
			result: "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", papers: []catalog.Paper{pp("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ", 1, 0)},
			subj: []string{"đối với cơ sở sản xuất", "đối với cơ sở kinh doanh", "đối với cơ sở sơ chế, chế biến"}},
		{unit: "SNNMT", field: "THUY_SAN", pat: "{s}", lim: wd(10), ch: "p", legal: "Luật Thủy sản năm 2017; Nghị định số 26/2019/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 37/2024/NĐ-CP",
			result: "Giấy chứng nhận, văn bản của cơ quan có thẩm quyền", papers: []catalog.Paper{pp("Bản thuyết minh điều kiện cơ sở", 1, 0)},
			subj: []string{"Cấp Giấy chứng nhận cơ sở đủ điều kiện sản xuất, ương dưỡng giống thủy sản", "Cấp lại Giấy chứng nhận cơ sở đủ điều kiện sản xuất, ương dưỡng giống thủy sản", "Cấp Giấy chứng nhận cơ sở đủ điều kiện sản xuất thức ăn thủy sản", "Công nhận và giao quyền quản lý cho tổ chức cộng đồng", "Xác nhận đăng ký nuôi trồng thủy sản lồng bè, đối tượng thủy sản nuôi chủ lực"}},
	}
}

// famTrade: industry and trade (Sở Công Thương).
func famTrade() []fam {
	lic := func(obj, result, law string, l lim, amount int64, acts []act, subj ...string) fam {
		f := fam{unit: "SCT", field: "THUONG_MAI", pat: "{a} " + obj + " {s}", acts: acts, subj: subj, lim: l, ch: "o", legal: law, result: result,
			papers: []catalog.Paper{bizRegPaper, pp("Tài liệu chứng minh đáp ứng điều kiện kinh doanh", 0, 1)}}
		if amount > 0 {
			f.fees = []catalog.Fee{fee("Phí thẩm định điều kiện kinh doanh", amount)}
		}
		return f
	}
	three := []act{aCap, aCapLai, aSuaDoi}
	ruou := "Luật Phòng, chống tác hại của rượu, bia năm 2019; Nghị định số 105/2017/NĐ-CP; Nghị định số 17/2020/NĐ-CP; Thông tư số 168/2016/TT-BTC"
	xang := "Nghị định số 83/2014/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 95/2021/NĐ-CP và Nghị định số 80/2023/NĐ-CP"
	lpg := "Nghị định số 87/2018/NĐ-CP về kinh doanh khí, được sửa đổi, bổ sung bởi Nghị định số 17/2020/NĐ-CP"
	out := []fam{
		lic("Giấy phép sản xuất rượu công nghiệp", "Giấy phép sản xuất rượu công nghiệp", ruou, wd(15), 1200000, three, "(quy mô dưới 3 triệu lít/năm)"),
		lic("Giấy phép", "Giấy phép kinh doanh rượu", ruou, wd(15), 1200000, []act{aCapLai, aSuaDoi}, "bán buôn rượu"),
		lic("Giấy phép", "Giấy phép kinh doanh sản phẩm thuốc lá", "Nghị định số 67/2013/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 106/2017/NĐ-CP và Nghị định số 08/2018/NĐ-CP", wd(15), 1200000, three, "bán buôn sản phẩm thuốc lá"),
		lic("Giấy chứng nhận", "Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", xang, wd(15), 1200000, []act{aCapLai, aSuaDoi}, "cửa hàng đủ điều kiện bán lẻ xăng dầu"),
		lic("Giấy xác nhận", "Giấy xác nhận đủ điều kiện làm thương nhân phân phối xăng dầu", xang, wd(20), 0, three, "đủ điều kiện làm thương nhân phân phối xăng dầu"),
		lic("Giấy chứng nhận đủ điều kiện", "Giấy chứng nhận đủ điều kiện kinh doanh khí", lpg, wd(15), 1200000, []act{aCap, aCapLai, aDieuChinh}, "cửa hàng bán LPG chai", "trạm nạp LPG vào chai", "trạm nạp LPG vào phương tiện vận tải", "trạm nạp LNG, CNG vào phương tiện vận tải"),
		{unit: "SCT", field: "HOA_CHAT", pat: "{a} Giấy chứng nhận đủ điều kiện {s}", acts: []act{aCap, aCapLai, aDieuChinh}, lim: wd(12), ch: "o",
			fees: []catalog.Fee{fee("Phí thẩm định điều kiện kinh doanh hóa chất", 1200000)}, legal: "Luật Hóa chất năm 2007; Nghị định số 113/2017/NĐ-CP; Nghị định số 82/2022/NĐ-CP",
			result: "Giấy chứng nhận đủ điều kiện sản xuất, kinh doanh hóa chất", papers: []catalog.Paper{pp("Bản kê khai địa điểm, nhà xưởng, kho chứa và thiết bị", 1, 0), pp("Phiếu an toàn hóa chất của các hóa chất", 1, 0)},
			subj: []string{"sản xuất hóa chất sản xuất, kinh doanh có điều kiện trong lĩnh vực công nghiệp", "kinh doanh hóa chất sản xuất, kinh doanh có điều kiện trong lĩnh vực công nghiệp", "sản xuất, kinh doanh hóa chất sản xuất, kinh doanh có điều kiện trong lĩnh vực công nghiệp"}},
		{unit: "SCT", field: "HOA_CHAT", pat: "{a} Giấy phép sử dụng vật liệu nổ công nghiệp {s}", acts: []act{aCap, aCapLai, aDieuChinh, aThuHoi}, lim: wd(10), ch: "p",
			fees: []catalog.Fee{fee("Phí thẩm định cấp giấy phép sử dụng vật liệu nổ công nghiệp", 2000000)}, legal: "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ năm 2024; Nghị định số 71/2018/NĐ-CP",
			result: "Giấy phép sử dụng vật liệu nổ công nghiệp", papers: []catalog.Paper{pp("Phương án nổ mìn được phê duyệt", 1, 0), pp("Quyết định bổ nhiệm người chỉ huy nổ mìn", 0, 1)},
			subj: []string{"cho hoạt động khai thác khoáng sản", "cho thi công công trình"}},
		{unit: "SCT", field: "DIEN", pat: "{a} giấy phép hoạt động điện lực {s}", acts: []act{aCapMoi, aSuaDoi, aCapLai}, lim: wd(15), ch: "o",
			fees: []catalog.Fee{fee("Phí thẩm định cấp giấy phép hoạt động điện lực", 1400000)}, legal: "Luật Điện lực năm 2024; Thông tư số 106/2024/TT-BTC",
			result: "Giấy phép hoạt động điện lực", papers: []catalog.Paper{pp("Bản thuyết minh năng lực hoạt động điện lực", 1, 0), pp("Danh sách cán bộ quản lý, kỹ thuật kèm văn bằng", 1, 0)},
			subj: []string{"trong lĩnh vực phát điện đối với nhà máy điện có quy mô công suất dưới 50 MW", "trong lĩnh vực phân phối điện đến cấp điện áp 35 kV", "trong lĩnh vực bán lẻ điện đến cấp điện áp 0,4 kV", "trong lĩnh vực tư vấn chuyên ngành điện lực"}},
		{unit: "SCT", field: "XUC_TIEN_THUONG_MAI", pat: "{s}", lim: wd(5), ch: "f", legal: "Luật Thương mại năm 2005; Nghị định số 81/2018/NĐ-CP về hoạt động xúc tiến thương mại; Nghị định số 128/2024/NĐ-CP",
			result: "Văn bản xác nhận của Sở Công Thương", papers: []catalog.Paper{pp("Thể lệ chương trình, mẫu hàng hóa hoặc hình ảnh hàng hóa", 1, 0)},
			subj: []string{"Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi thực hiện trên địa bàn 01 tỉnh", "Đăng ký sửa đổi, bổ sung nội dung chương trình khuyến mại theo hình thức mang tính may rủi", "Thông báo thực hiện khuyến mại", "Đăng ký tổ chức hội chợ, triển lãm thương mại tại Việt Nam", "Đăng ký sửa đổi, bổ sung nội dung tổ chức hội chợ, triển lãm thương mại"}},
		{unit: "SCT", field: "THUONG_MAI", pat: "{a} Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam", acts: []act{aCap, aCapLai, aDieuChinh, aGiaHan}, lim: wd(7), ch: "o",
			fees: []catalog.Fee{fee("Phí thẩm định cấp giấy phép thành lập Văn phòng đại diện", 3000000)}, legal: "Luật Thương mại năm 2005; Nghị định số 07/2016/NĐ-CP; Thông tư số 143/2016/TT-BTC",
			result: "Giấy phép thành lập Văn phòng đại diện", papers: []catalog.Paper{pp("Giấy đăng ký kinh doanh của thương nhân nước ngoài được hợp pháp hóa lãnh sự", 0, 1), pp("Báo cáo tài chính có kiểm toán năm tài chính gần nhất", 0, 1)}},
		{unit: "SCT", field: "THUONG_MAI", pat: "{s}", lim: wd(7), ch: "o", legal: "Luật Thương mại năm 2005; Nghị định số 40/2018/NĐ-CP về quản lý hoạt động kinh doanh theo phương thức đa cấp; Nghị định số 09/2018/NĐ-CP",
			result: "Văn bản, giấy phép của Sở Công Thương", papers: []catalog.Paper{bizRegPaper},
			subj: []string{"Xác nhận đăng ký hoạt động bán hàng đa cấp tại địa phương", "Xác nhận sửa đổi, bổ sung đăng ký hoạt động bán hàng đa cấp tại địa phương", "Cấp Giấy phép kinh doanh cho tổ chức kinh tế có vốn đầu tư nước ngoài thực hiện quyền phân phối bán lẻ hàng hóa", "Cấp Giấy phép lập cơ sở bán lẻ", "Điều chỉnh Giấy phép lập cơ sở bán lẻ", "Cấp giấy phép kinh doanh tạm nhập, tái xuất hàng hóa qua cửa khẩu biên giới đất liền", "Cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn vật liệu nổ công nghiệp", "Cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn hóa chất"}},
		{unit: "SCT", field: "AN_TOAN_THUC_PHAM", pat: "{a} Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm {s} thuộc thẩm quyền của Sở Công Thương", acts: []act{aCapLai}, lim: wd(5), ch: "o",
			fees: []catalog.Fee{fee("Phí thẩm định cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", 1000000)}, legal: lawFood,
			result: "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", subj: []string{"đối với cơ sở sản xuất, kinh doanh thực phẩm", "đối với chợ đầu mối, chợ đấu giá nông sản"}},
	}
	return out
}

// famHealth: health, pharmacy, social protection (Sở Y tế).
func famHealth() []fam {
	titles := []string{"bác sỹ", "y sỹ", "điều dưỡng", "hộ sinh", "kỹ thuật y", "dinh dưỡng lâm sàng", "cấp cứu viên ngoại viện", "tâm lý lâm sàng", "lương y", "người có bài thuốc gia truyền hoặc có phương pháp chữa bệnh gia truyền"}
	facilities := []string{"bệnh viện", "phòng khám chuyên khoa", "phòng chẩn trị y học cổ truyền", "nhà hộ sinh", "phòng xét nghiệm", "phòng chẩn đoán hình ảnh, phòng X-quang", "cơ sở dịch vụ cấp cứu, hỗ trợ vận chuyển người bệnh", "cơ sở dịch vụ y tế", "trạm y tế cấp xã, trạm xá"}
	return []fam{
		{unit: "SYT", field: "KHAM_CHUA_BENH", pat: "{a} giấy phép hành nghề đối với chức danh {s}", acts: []act{aCapMoi, aCapLai, {"Gia hạn", actExtend, 0.7, 0.5}, {"Điều chỉnh", actAdjust, 0.7, 0.5}}, subj: titles, lim: wd(30),
			fees: []catalog.Fee{fee("Phí thẩm định cấp giấy phép hành nghề khám bệnh, chữa bệnh", 300000)}, result: "Giấy phép hành nghề khám bệnh, chữa bệnh", ch: "o", legal: lawHealth,
			papers: []catalog.Paper{pp("Văn bằng chuyên môn", 0, 1), pp("Giấy chứng nhận đủ sức khỏe hành nghề", 1, 0), pp("Ảnh chân dung nền trắng cỡ 4x6 cm", 2, 0)}},
		{unit: "SYT", field: "KHAM_CHUA_BENH", pat: "{a} giấy phép hoạt động đối với {s}", acts: []act{aCap, aCapLai, {"Điều chỉnh", actAdjust, 0.5, 0.5}}, subj: facilities, lim: wd(60),
			fees: []catalog.Fee{fee("Phí thẩm định cấp giấy phép hoạt động cơ sở khám bệnh, chữa bệnh", 4300000)}, result: "Giấy phép hoạt động khám bệnh, chữa bệnh", ch: "o", legal: lawHealth,
			papers: []catalog.Paper{pp("Danh sách đăng ký người hành nghề", 1, 0), pp("Bản kê khai cơ sở vật chất, thiết bị y tế", 1, 0)}},
		{unit: "SYT", field: "DUOC_PHAM", pat: "{a} Giấy chứng nhận đủ điều kiện kinh doanh dược đối với {s}", acts: []act{aCapLai, {"Điều chỉnh nội dung", actAdjust, 0.7, 0.5}}, lim: wd(20),
			subj: []string{"cơ sở bán lẻ thuốc (nhà thuốc)", "quầy thuốc", "tủ thuốc trạm y tế xã", "cơ sở bán lẻ thuốc chuyên bán thuốc dược liệu, thuốc cổ truyền", "cơ sở kinh doanh dược liệu, thuốc dược liệu, thuốc cổ truyền"},
			fees: []catalog.Fee{fee("Phí thẩm định điều kiện kinh doanh thuốc", 500000)}, result: "Giấy chứng nhận đủ điều kiện kinh doanh dược", ch: "o", legal: lawPharma},
		{unit: "SYT", field: "DUOC_PHAM", pat: "{a} Giấy chứng nhận đủ điều kiện kinh doanh dược đối với {s}", acts: []act{aCap}, lim: wd(20),
			subj: []string{"quầy thuốc", "tủ thuốc trạm y tế xã", "cơ sở bán lẻ thuốc chuyên bán thuốc dược liệu, thuốc cổ truyền", "cơ sở kinh doanh dược liệu, thuốc dược liệu, thuốc cổ truyền"},
			fees: []catalog.Fee{fee("Phí thẩm định điều kiện kinh doanh thuốc", 1000000)}, result: "Giấy chứng nhận đủ điều kiện kinh doanh dược", ch: "o", legal: lawPharma,
			papers: []catalog.Paper{pp("Tài liệu kỹ thuật về địa điểm, khu vực bảo quản, trang thiết bị", 1, 0), pp("Bản sao Chứng chỉ hành nghề dược của người chịu trách nhiệm chuyên môn", 0, 1)}},
		{unit: "SYT", field: "DUOC_PHAM", pat: "{s}", lim: wd(10), ch: "o", legal: lawPharma, result: "Văn bản, chứng chỉ của Sở Y tế", papers: []catalog.Paper{pp("Hồ sơ kèm theo theo quy định", 0, 1)},
			subj: []string{"Cấp lại Chứng chỉ hành nghề dược bị hư hỏng hoặc bị mất", "Điều chỉnh nội dung Chứng chỉ hành nghề dược", "Đánh giá duy trì đáp ứng thực hành tốt cơ sở bán lẻ thuốc", "Công bố cơ sở đủ điều kiện sản xuất dược liệu, thuốc cổ truyền", "Cho phép mua thuốc gây nghiện, thuốc hướng thần, tiền chất dùng làm thuốc", "Cho phép hủy thuốc gây nghiện, thuốc hướng thần, tiền chất dùng làm thuốc", "Xác nhận nội dung thông tin, quảng cáo thuốc theo hình thức hội thảo, hội nghị, sự kiện", "Tiếp nhận phiếu công bố sản phẩm mỹ phẩm sản xuất trong nước"}},
		{unit: "SYT", field: "TRANG_THIET_BI_Y_TE", pat: "{s}", lim: wd(5), ch: "f", legal: "Nghị định số 98/2021/NĐ-CP về quản lý trang thiết bị y tế, được sửa đổi, bổ sung bởi Nghị định số 07/2023/NĐ-CP", result: "Số công bố, văn bản tiếp nhận",
			papers: []catalog.Paper{pp("Văn bản công bố theo mẫu", 1, 0), pp("Tài liệu kỹ thuật của trang thiết bị y tế", 0, 1)},
			subj:   []string{"Công bố tiêu chuẩn áp dụng đối với trang thiết bị y tế thuộc loại A", "Công bố đủ điều kiện mua bán trang thiết bị y tế thuộc loại B, C, D", "Công bố đủ điều kiện sản xuất trang thiết bị y tế", "Công bố đủ điều kiện phân loại trang thiết bị y tế"}},
		{unit: "SYT", field: "AN_TOAN_THUC_PHAM", pat: "{s}", lim: wd(15), ch: "o", legal: lawFood + "; Thông tư số 67/2021/TT-BTC", result: "Giấy tiếp nhận, giấy chứng nhận của Sở Y tế",
			fees: []catalog.Fee{fee("Phí thẩm định hồ sơ", 500000)}, papers: []catalog.Paper{pp("Bản công bố sản phẩm, phiếu kết quả kiểm nghiệm", 1, 0)},
			subj: []string{"Đăng ký bản công bố sản phẩm thực phẩm dinh dưỡng y học, thực phẩm dùng cho chế độ ăn đặc biệt", "Đăng ký bản công bố sản phẩm dinh dưỡng dùng cho trẻ đến 36 tháng tuổi", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống", "Cấp lại Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống", "Xác nhận nội dung quảng cáo thực phẩm", "Cấp Giấy xác nhận kiến thức về an toàn thực phẩm"}},
		{unit: "SYT", field: "BAO_TRO_XA_HOI", pat: "{s}", lim: wd(15), ch: "p", legal: lawSocial + "; Nghị định số 103/2017/NĐ-CP", result: "Quyết định, giấy phép của cơ quan có thẩm quyền",
			papers: []catalog.Paper{pp("Tờ khai, đề án hoặc hồ sơ đối tượng theo mẫu", 1, 0)},
			subj:   []string{"Thành lập cơ sở trợ giúp xã hội công lập thuộc Ủy ban nhân dân tỉnh", "Đăng ký thành lập cơ sở trợ giúp xã hội ngoài công lập thuộc thẩm quyền của Sở Y tế", "Cấp giấy phép hoạt động đối với cơ sở trợ giúp xã hội thuộc thẩm quyền của Sở Y tế", "Cấp lại, điều chỉnh giấy phép hoạt động đối với cơ sở trợ giúp xã hội có giấy phép hoạt động do Sở Y tế cấp", "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội cấp tỉnh", "Tiếp nhận đối tượng cần bảo vệ khẩn cấp vào cơ sở trợ giúp xã hội cấp tỉnh", "Dừng trợ giúp xã hội tại cơ sở trợ giúp xã hội cấp tỉnh", "Cấp giấy phép hoạt động cai nghiện ma túy tự nguyện", "Cấp lại giấy phép hoạt động cai nghiện ma túy tự nguyện", "Đăng ký hoạt động đối với cơ sở hỗ trợ nạn nhân bị mua bán"}},
		{unit: "SYT", field: "GIAM_DINH_Y_KHOA", pat: "Khám giám định {s}", lim: wd(40), ch: "p", legal: "Luật An toàn, vệ sinh lao động năm 2015; Thông tư số 56/2017/TT-BYT; Thông tư số 243/2016/TT-BTC",
			fees: []catalog.Fee{feeNote(catalog.FeeFee, "Phí giám định y khoa", 0, "Theo Thông tư số 243/2016/TT-BTC")}, result: "Biên bản giám định y khoa", papers: []catalog.Paper{pp("Giấy đề nghị khám giám định", 1, 0)},
			subj: []string{"lần đầu do bệnh nghề nghiệp", "tái phát tai nạn lao động", "lại bệnh nghề nghiệp tái phát", "tổng hợp", "để thực hiện chế độ hưu trí đối với người lao động", "để thực hiện chế độ tử tuất", "để xác định mức độ khuyết tật theo đề nghị của Hội đồng xác định mức độ khuyết tật", "phúc quyết theo đề nghị của tổ chức, cá nhân"}},
		{unit: "SYT", field: "TRE_EM", pat: "{s}", lim: wd(15), ch: "p", legal: "Luật Trẻ em năm 2016; Nghị định số 56/2017/NĐ-CP", result: "Quyết định của cơ quan có thẩm quyền",
			papers: []catalog.Paper{pp("Tờ khai, văn bản đề nghị theo mẫu", 1, 0)},
			subj:   []string{"Chấm dứt việc chăm sóc thay thế cho trẻ em", "Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho trẻ em", "Phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em bị xâm hại hoặc có nguy cơ bị bạo lực, bóc lột, bỏ rơi"}},
	}
}
