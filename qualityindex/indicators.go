package qualityindex

// Sources quoted in Basis.
const (
	srcFormula = "Văn phòng Chính phủ, \"Mô tả công thức tính chỉ số 766\" (tài liệu nghiệp vụ của Cổng DVCQG)"
	srcPoints  = "điểm tối đa theo bảng chỉ số của Cổng DVCQG"
	srcQD766   = "QĐ 766/QĐ-TTg ngày 23/6/2022, Điều 1 và Phụ lục"
	linearNote = "Không tìm thấy ngưỡng quy đổi điểm: tính tuyến tính, điểm = tỷ lệ × điểm tối đa."
)

type groupSpec struct {
	id             GroupID
	nameVI, nameEN string
	max            float64
}

// groupSpecs are the six groups of the national portal. Decision 766 (Art. 1)
// has five: the 22 points of "Cung cấp dịch vụ trực tuyến" are shown on the
// portal as online public services (12) and online payment (10).
var groupSpecs = []groupSpec{
	{GroupTransparency, "Công khai, minh bạch", "Public information and transparency", 18},
	{GroupProgress, "Tiến độ giải quyết", "Processing progress", 20},
	{GroupOnlineService, "Dịch vụ công trực tuyến", "Online public services", 12},
	{GroupOnlinePayment, "Thanh toán trực tuyến", "Online payment", 10},
	{GroupSatisfaction, "Mức độ hài lòng", "Satisfaction", 18},
	{GroupDigitisation, "Số hóa hồ sơ", "Digitisation of dossiers", 22},
}

// custom is the result of an indicator whose rate is not one fraction.
type custom struct {
	num, den             int64
	rate                 float64
	workingVI, workingEN string
}

type spec struct {
	group                GroupID
	code                 string
	nameVI, nameEN       string
	max, threshold       float64
	formulaVI, formulaEN string
	num, den             func(Inputs) int64
	custom               func(Inputs) custom
	basis, assumption    string
}

// handled is the number of dossiers handled in the period: resolved, or
// pending at its end.
func handled(in Inputs) int64 {
	return pos(in.ResolvedEarly) + pos(in.ResolvedOnTime) + pos(in.ResolvedLate) + pos(in.PendingWithinDeadline) + pos(in.PendingOverdue)
}

// specs lists the indicators. Maximum points per group add up to the group's
// maximum: 6+4+2+6 = 18; 20; 12; 2+2+6 = 10; 6+6+6 = 18; 6+4+2+2+4+2+2 = 22.
var specs = []spec{
	// 1. Công khai, minh bạch — 18.
	{
		group: GroupTransparency, code: "1.1",
		nameVI: "Tỷ lệ TTHC được công bố đúng hạn", nameEN: "Procedures published on time",
		max:       6,
		formulaVI: "Số TTHC công bố đúng hạn / Tổng số TTHC đã công bố trong kỳ × 100%",
		formulaEN: "Procedures published on time / procedures published in the period × 100%",
		num:       func(in Inputs) int64 { return in.ProceduresPublishedOnTime },
		den:       func(in Inputs) int64 { return in.ProceduresPublished },
		basis:     srcFormula + ", mục 1.1; " + srcPoints, assumption: linearNote,
	},
	{
		group: GroupTransparency, code: "1.2",
		nameVI: "Tỷ lệ TTHC được cập nhật, công khai đúng hạn", nameEN: "Procedures updated and made public on time",
		max:       4,
		formulaVI: "Số TTHC công khai đúng hạn trên CSDL quốc gia về TTHC / Tổng số TTHC phải cập nhật, công khai trong kỳ × 100%",
		formulaEN: "Procedures made public on time in the national procedure database / procedures to be updated and made public in the period × 100%",
		num:       func(in Inputs) int64 { return in.ProceduresUpdatedOnTime },
		den:       func(in Inputs) int64 { return in.ProceduresToUpdate },
		basis:     srcFormula + ", mục 1.2; " + srcPoints + " (4/18 điểm, khớp tóm tắt QĐ 766 trên baocaotaichinh.vn)", assumption: linearNote,
	},
	{
		group: GroupTransparency, code: "1.3",
		nameVI: "Tỷ lệ TTHC công khai đầy đủ các bộ phận tạo thành", nameEN: "Public procedures with every required component",
		max:       2,
		formulaVI: "Số TTHC có đầy đủ các bộ phận tạo thành (khoản 2 Điều 8 NĐ 63/2010/NĐ-CP) / Tổng số TTHC đã công khai trên CSDL quốc gia về TTHC × 100%",
		formulaEN: "Procedures with every component required by Art. 8(2) of Decree 63/2010 / procedures public in the national procedure database × 100%",
		num:       func(in Inputs) int64 { return in.ProceduresPublicComplete },
		den:       func(in Inputs) int64 { return in.ProceduresPublic },
		basis:     srcFormula + ", mục 1.3; " + srcPoints, assumption: linearNote,
	},
	{
		group: GroupTransparency, code: "1.4",
		nameVI: "Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia", nameEN: "Dossiers synchronised to the National Public Service Portal",
		max:       6,
		formulaVI: "Số hồ sơ đã đồng bộ có ngày tiếp nhận trong kỳ / Tổng số hồ sơ tiếp nhận trong kỳ × 100%",
		formulaEN: "Dossiers received in the period and synchronised / dossiers received in the period × 100%",
		num:       func(in Inputs) int64 { return in.DossiersSynced },
		den:       func(in Inputs) int64 { return in.DossiersReceived },
		basis:     srcFormula + ", mục 1.4; " + srcPoints,
		assumption: linearNote + " Mẫu số lấy số hồ sơ tiếp nhận của hệ thống; Cổng DVCQG lấy số lớn hơn giữa Hệ thống báo cáo quốc gia và Cổng, " +
			"và khi cả hai bằng 0 thì lấy bình quân năm trước: ở đây chỉ số khi đó không áp dụng.",
	},

	// 2. Tiến độ giải quyết — 20.
	{
		group: GroupProgress, code: "2.1",
		nameVI: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", nameEN: "Dossiers handled early or on time",
		max:       20,
		formulaVI: "(Số hồ sơ giải quyết trước hạn, đúng hạn + Số hồ sơ đang giải quyết trong hạn) / Tổng số hồ sơ đã và đang giải quyết trong kỳ × 100%",
		formulaEN: "(Dossiers resolved early or on time + dossiers pending within their deadline) / dossiers resolved or pending in the period × 100%",
		num: func(in Inputs) int64 {
			return pos(in.ResolvedEarly) + pos(in.ResolvedOnTime) + pos(in.PendingWithinDeadline)
		},
		den:   handled,
		basis: srcFormula + ", mục 2.1; " + srcQD766 + " (nhóm 20 điểm)",
		assumption: linearNote + " Tài liệu công thức không nêu phép quy đổi riêng cho chỉ số này; " +
			"thời gian giải quyết trung bình (mục 2.2) là chỉ số hiển thị, không tính điểm, nên không đưa vào.",
	},

	// 3. Dịch vụ công trực tuyến — 12.
	{
		group: GroupOnlineService, code: "3.4",
		nameVI: "Tỷ lệ hồ sơ trực tuyến toàn trình", nameEN: "Dossiers handled fully online",
		max:       12,
		formulaVI: "Số hồ sơ DVCTT toàn trình / Tổng số hồ sơ của các TTHC đủ điều kiện cung cấp DVCTT toàn trình × 100%",
		formulaEN: "Dossiers handled fully online / dossiers of procedures eligible for a full online service × 100%",
		num:       func(in Inputs) int64 { return in.DossiersFullOnline },
		den:       func(in Inputs) int64 { return in.DossiersFullOnlineEligible },
		basis:     srcPoints + " (chỉ số duy nhất có điểm của nhóm, 12 điểm)",
		assumption: "Tài liệu mô tả công thức không có mục này (bỏ trống số 3.4, mã 3.4 do motcua đặt); công thức theo tên chỉ số trên Cổng DVCQG. " +
			linearNote,
	},
	{
		group: GroupOnlineService, code: "3.1",
		nameVI: "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến", nameEN: "Procedures offered as online public services",
		formulaVI: "Số TTHC có DVCTT một phần hoặc toàn trình / Tổng số TTHC thuộc thẩm quyền giải quyết × 100%",
		formulaEN: "Procedures with a partial or full online service / procedures within the unit's competence × 100%",
		num:       func(in Inputs) int64 { return in.ProceduresOnline },
		den:       func(in Inputs) int64 { return in.ProceduresTotal },
		basis:     srcFormula + ", mục 3.1 (ngưỡng 80%); bảng chỉ số của Cổng DVCQG không gán điểm riêng",
	},
	{
		group: GroupOnlineService, code: "3.3",
		nameVI: "Tỷ lệ hồ sơ nộp trực tuyến", nameEN: "Dossiers submitted online",
		formulaVI: "Số hồ sơ tiếp nhận trực tuyến trong kỳ / Tổng số hồ sơ tiếp nhận trong kỳ × 100%",
		formulaEN: "Dossiers received online in the period / dossiers received in the period × 100%",
		num:       func(in Inputs) int64 { return in.DossiersOnline },
		den:       func(in Inputs) int64 { return in.DossiersReceived },
		basis:     srcFormula + ", mục 3.3 (ngưỡng 50%); bảng chỉ số của Cổng DVCQG không gán điểm riêng",
		assumption: "Cổng DVCQG nhân thêm tỷ lệ đồng bộ và chỉ tính hồ sơ trực tuyến có kết quả điện tử khi TTHC yêu cầu kết quả bằng văn bản; " +
			"ở đây là tỷ lệ hồ sơ nộp trực tuyến của hệ thống.",
	},

	// 4. Thanh toán trực tuyến — 10.
	{
		group: GroupOnlinePayment, code: "3.5",
		nameVI: "Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến", nameEN: "Fee-bearing procedures payable online",
		max: 2, threshold: 0.8,
		formulaVI: "Số TTHC có yêu cầu nghĩa vụ tài chính được tích hợp thanh toán trực tuyến trên Cổng DVCQG / Tổng số TTHC có yêu cầu nghĩa vụ tài chính × 100%",
		formulaEN: "Fee-bearing procedures payable online through the national portal / fee-bearing procedures × 100%",
		num:       func(in Inputs) int64 { return in.ProceduresWithFeesPayableOnline },
		den:       func(in Inputs) int64 { return in.ProceduresWithFees },
		basis:     srcFormula + ", mục 3.5 (đạt từ 80% được điểm tối đa); " + srcPoints,
	},
	{
		group: GroupOnlinePayment, code: "3.5b",
		nameVI: "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", nameEN: "Fee-bearing procedures with online payments",
		max: 2, threshold: 0.8,
		formulaVI:  "Số TTHC có phát sinh giao dịch thanh toán trực tuyến / Tổng số TTHC có phát sinh hồ sơ có nghĩa vụ tài chính × 100%",
		formulaEN:  "Procedures with at least one online payment / fee-bearing procedures with dossiers in the period × 100%",
		num:        func(in Inputs) int64 { return in.ProceduresWithOnlinePayments },
		den:        func(in Inputs) int64 { return in.ProceduresWithFeeDossiers },
		basis:      "biểu đồ Thanh toán trực tuyến của Cổng DVCQG; " + srcPoints,
		assumption: "Chỉ số không có trong tài liệu mô tả công thức; công thức và ngưỡng 80% theo cách Cổng DVCQG hiển thị (mã 3.5b không chính thức).",
	},
	{
		group: GroupOnlinePayment, code: "3.6",
		nameVI: "Tỷ lệ hồ sơ thanh toán trực tuyến", nameEN: "Dossiers paid online",
		max:       6,
		formulaVI: "Số hồ sơ được thanh toán trực tuyến / Tổng số hồ sơ có phí, lệ phí khác 0 × 100%",
		formulaEN: "Dossiers paid online / dossiers with a non-zero fee or charge × 100%",
		num:       func(in Inputs) int64 { return in.DossiersPaidOnline },
		den:       func(in Inputs) int64 { return in.DossiersWithFees },
		basis:     srcFormula + ", mục 3.6; " + srcPoints, assumption: linearNote,
	},

	// 5. Mức độ hài lòng — 18.
	{
		group: GroupSatisfaction, code: "5.2",
		nameVI: "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn", nameEN: "Feedback handled on time",
		max:       6,
		formulaVI: "Số PAKN đã xử lý đúng hạn và đang xử lý trong hạn / Tổng số PAKN được tiếp nhận, xử lý trong kỳ × 100%",
		formulaEN: "Feedback handled on time or being handled within its time limit / feedback received or handled in the period × 100%",
		num:       func(in Inputs) int64 { return in.FeedbackHandledOnTime },
		den:       func(in Inputs) int64 { return in.FeedbackReceived },
		basis:     srcFormula + ", mục 5.2; " + srcPoints,
		assumption: linearNote + " Dòng công thức trong tài liệu bị lỗi văn bản; tử số diễn giải từ các quy tắc đi kèm " +
			"(từ chối trong 2, yêu cầu bổ sung trong 5, xử lý trong 15 ngày làm việc).",
	},
	{
		group: GroupSatisfaction, code: "5.3",
		nameVI: "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", nameEN: "Satisfaction with feedback handling",
		max:       6,
		formulaVI: "(Tổng số PAKN − Số PAKN bị đánh giá không hài lòng, tiếp tục phản ánh về kết quả hoặc quá hạn) / Tổng số PAKN × 100%",
		formulaEN: "(Feedback − feedback rated dissatisfied, raised again about its answer, or late) / feedback × 100%",
		num: func(in Inputs) int64 {
			return max(pos(in.FeedbackReceived)-pos(in.FeedbackUnsatisfied), 0)
		},
		den:   func(in Inputs) int64 { return in.FeedbackReceived },
		basis: srcFormula + ", mục 5.3; " + srcPoints, assumption: linearNote,
	},
	{
		group: GroupSatisfaction, code: "5.4",
		nameVI: "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", nameEN: "Satisfaction in receiving and resolving dossiers",
		max: 6, threshold: 0.9,
		formulaVI: "100% − (Tỷ lệ hồ sơ giải quyết quá hạn + Tỷ lệ hồ sơ có phản ánh, kiến nghị hoặc đánh giá không hài lòng)",
		formulaEN: "100% − (share of dossiers overdue + share of dossiers with feedback or a dissatisfied rating)",
		custom: func(in Inputs) custom {
			den := handled(in)
			if den == 0 {
				return custom{}
			}
			late := pos(in.ResolvedLate) + pos(in.PendingOverdue)
			bad := pos(in.DossiersComplainedOrDisliked)
			rate := 1 - float64(late)/float64(den) - float64(bad)/float64(den)
			return custom{
				num: max(den-late-bad, 0), den: den, rate: rate,
				workingVI: "100% − (" + intVI(late) + " / " + intVI(den) + " + " + intVI(bad) + " / " + intVI(den) + ") = " + pctVI(clamp01(rate)),
				workingEN: "100% − (" + intEN(late) + " / " + intEN(den) + " + " + intEN(bad) + " / " + intEN(den) + ") = " + pctEN(clamp01(rate)),
			}
		},
		basis: srcFormula + ", mục 5.4 (đạt từ 90% được điểm tối đa); " + srcPoints + " (6/18 điểm, khớp tóm tắt QĐ 766 trên baocaotaichinh.vn)",
		assumption: "Hồ sơ quá hạn gồm hồ sơ đã giải quyết trễ hạn và hồ sơ đang giải quyết đã quá hạn, trên cùng mẫu số với chỉ số 2.1; " +
			"tỷ lệ âm tính là 0%.",
	},
	{
		group: GroupSatisfaction, code: "HL",
		nameVI: "Tỷ lệ đánh giá hài lòng (rất hài lòng và hài lòng)", nameEN: "Ratings satisfied or very satisfied",
		formulaVI: "(Số đánh giá rất hài lòng + hài lòng) / Tổng số đánh giá × 100%",
		formulaEN: "(Very satisfied + satisfied ratings) / all ratings × 100%",
		num: func(in Inputs) int64 {
			return pos(in.RatingsVerySatisfied) + pos(in.RatingsSatisfied)
		},
		den: func(in Inputs) int64 {
			return pos(in.RatingsVerySatisfied) + pos(in.RatingsSatisfied) + pos(in.RatingsDissatisfied)
		},
		basis:      "chỉ số theo dõi của motcua",
		assumption: "Không thuộc Bộ chỉ số 766; hiển thị để đối chiếu với chỉ số 5.4.",
	},

	// 6. Số hóa hồ sơ — 22.
	{
		group: GroupDigitisation, code: "4.1",
		nameVI: "Tỷ lệ hồ sơ có cấp kết quả giải quyết TTHC điện tử", nameEN: "Dossiers given an electronic result",
		max:       6,
		formulaVI: "Số hồ sơ có kết quả giải quyết TTHC điện tử / Tổng số hồ sơ của các TTHC yêu cầu trả kết quả bằng văn bản, giấy tờ × 100%",
		formulaEN: "Dossiers given an electronic result / dossiers of procedures whose result is a document × 100%",
		num:       func(in Inputs) int64 { return in.DossiersWithElectronicResult },
		den:       func(in Inputs) int64 { return in.DossiersRequiringResultDocument },
		basis:     srcFormula + ", mục 4.1; " + srcPoints, assumption: linearNote,
	},
	{
		group: GroupDigitisation, code: "4.2",
		nameVI: "Tỷ lệ hồ sơ TTHC thực hiện số hóa hồ sơ", nameEN: "Dossiers digitised",
		max: 4, threshold: 0.8,
		formulaVI: "Số hồ sơ được số hóa thành phần và cấp kết quả điện tử (khi TTHC yêu cầu kết quả bằng văn bản) / Tổng số hồ sơ TTHC thuộc thẩm quyền × 100%",
		formulaEN: "Dossiers with digitised components and, where the result is a document, an electronic result / dossiers within competence × 100%",
		num:       func(in Inputs) int64 { return in.DossiersDigitised },
		den:       func(in Inputs) int64 { return in.DossiersReceived },
		basis:     srcFormula + ", mục 4.2 (đạt từ 80% được điểm tối đa); " + srcPoints,
	},
	{
		group: GroupDigitisation, code: "4.6",
		nameVI: "Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính", nameEN: "Electronic certified copies from originals",
		max:       2,
		formulaVI: "Số yêu cầu chứng thực bản sao từ bản chính được cấp bản sao điện tử / Tổng số yêu cầu chứng thực bản sao từ bản chính × 100%",
		formulaEN: "Certification requests issued as electronic certified copies / requests to certify copies from originals × 100%",
		num:       func(in Inputs) int64 { return in.CertificationElectronic },
		den:       func(in Inputs) int64 { return in.CertificationDossiers },
		basis:     srcPoints + " (2 điểm)",
		assumption: "Không tìm thấy công thức (tài liệu mô tả công thức không có chỉ số này; mã 4.6 do motcua đặt). " +
			"Cách hiểu được chọn: tỷ lệ yêu cầu chứng thực được cấp bản sao điện tử; " + linearNote,
	},
	{
		group: GroupDigitisation, code: "4.3",
		nameVI: "Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa", nameEN: "Dossiers reusing digitised data",
		max: 2, threshold: 0.8,
		formulaVI: "Số hồ sơ có sử dụng lại thông tin, dữ liệu, giấy tờ điện tử đã số hóa / Tổng số hồ sơ tiếp nhận trong kỳ × 100%",
		formulaEN: "Dossiers reusing digitised data or documents / dossiers received in the period × 100%",
		num:       func(in Inputs) int64 { return in.DossiersReusingData },
		den:       func(in Inputs) int64 { return in.DossiersReceived },
		basis:     srcFormula + ", mục 4.3 (đạt từ 80% được điểm tối đa); " + srcPoints,
	},
	{
		group: GroupDigitisation, code: "4.4",
		nameVI: "Tỷ lệ hồ sơ được số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng", nameEN: "Digitised dossiers shared for reuse",
		max:       4,
		formulaVI: "Số hồ sơ có thành phần lấy từ kho dữ liệu cá nhân hoặc kết quả điện tử đồng bộ lên Cổng DVCQG / Tổng số hồ sơ tiếp nhận trong kỳ × 100%",
		formulaEN: "Dossiers with a component taken from, or a result pushed to, the personal data store on the national portal / dossiers received × 100%",
		num:       func(in Inputs) int64 { return in.DossiersSharedToPersonalStore },
		den:       func(in Inputs) int64 { return in.DossiersReceived },
		basis:     srcFormula + ", mục 4.4; " + srcPoints, assumption: linearNote,
	},
	{
		group: GroupDigitisation, code: "4.5a",
		nameVI: "Tỷ lệ TTHC triển khai kết nối, chia sẻ dữ liệu dân cư", nameEN: "Procedures connected to population data",
		max:       2,
		formulaVI: "Số TTHC có kết nối, chia sẻ dữ liệu dân cư / Tổng số TTHC có đối tượng thực hiện là người dân × 100%",
		formulaEN: "Procedures using the national population database / procedures for individuals × 100%",
		num:       func(in Inputs) int64 { return in.ProceduresPopulationDataConnected },
		den:       func(in Inputs) int64 { return in.ProceduresForCitizens },
		basis:     srcFormula + ", mục 4.5; " + srcPoints, assumption: linearNote,
	},
	{
		group: GroupDigitisation, code: "4.5b",
		nameVI: "Tỷ lệ hồ sơ sử dụng thông tin, dữ liệu từ CSDL quốc gia về dân cư", nameEN: "Dossiers using population data",
		max:       2,
		formulaVI: "Số hồ sơ sử dụng dữ liệu từ CSDL quốc gia về dân cư / Tổng số hồ sơ TTHC × 100%",
		formulaEN: "Dossiers using data from the national population database / dossiers × 100%",
		num:       func(in Inputs) int64 { return in.DossiersUsingPopulationData },
		den:       func(in Inputs) int64 { return in.DossiersReceived },
		basis:     srcFormula + ", mục 4.5; " + srcPoints, assumption: linearNote,
	},
}
