// Package qualityindex computes the national index of service quality for
// people and businesses in administrative procedures, in real time, of Decision
// 766/QĐ-TTg of 23 June 2022 ("Bộ chỉ số chỉ đạo, điều hành và đánh giá chất
// lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính,
// dịch vụ công theo thời gian thực trên môi trường điện tử"), from counts the
// one-stop system produces, and shows for every indicator the formula and the
// numbers plugged into it.
//
// # What the decision says, and where the numbers come from
//
// Article 1 of the decision approves the index set and its component groups
// with their maximum points; the indicators are detailed in the annex issued
// with it. As summarised by the provincial Departments of Home Affairs that
// republished it, the 2022 text has five groups totalling 100 points:
//
//	Công khai, minh bạch            18
//	Tiến độ, kết quả giải quyết     20
//	Số hóa hồ sơ                    22
//	Cung cấp dịch vụ trực tuyến     22
//	Mức độ hài lòng                 18
//
// (sonoivu.namdinh.gov.vn, "Thủ tướng Chính phủ phê duyệt Bộ chỉ số…"; the same
// five groups on cchc.soctrang.gov.vn; full text at thuviennhadat.vn,
// "quyet-dinh-766-qd-ttg-2022-…-518821"). The Government Office runs the
// evaluation on the National Public Service Portal (Cổng Dịch vụ công quốc gia)
// since 1 August 2022 and publishes it in six groups, the 22 points of online
// service being split into online public services (12) and online payment
// (10): the portal's evaluation endpoints are transparency, dvc-progress-tree,
// provide-online-tree, formality-online-payment-tree, handling-satisfaction and
// dossier-digitized. This package follows those six groups, in that order
// (see [Groups]).
//
// The text of the annex itself was not available to us. Indicator names,
// formulas and the "full points from X %" thresholds come from the Government
// Office's working document "Mô tả công thức tính chỉ số 766" as transcribed in
// a public project that mirrors the portal, and the per-indicator maximum
// points from that project's capture of the portal's metric table; two of them
// are corroborated by a published summary of the decision (baocaotaichinh.vn:
// 4 of the 18 transparency points for procedures updated and published on
// time, 6 of the 18 satisfaction points for satisfaction in receiving and
// resolving dossiers). Where no formula or threshold was found the doc comment
// of the indicator (and its Assumption field) says so and states the reading
// implemented. In June 2025 the Government Office consulted on a new guidance
// document for ministry- and province-level indicators (letter
// 5518/VPCP-KSTT), so weights may change: they live in one table in
// indicators.go.
//
// # Scoring
//
// Every indicator is a rate R = numerator / denominator in [0, 1]. An indicator
// with a threshold T earns its maximum points when R ≥ T and R / T × maximum
// below it (the documented rule "đạt từ T trở lên đạt điểm tối đa, dưới T tính
// tỷ lệ × điểm tối đa / T"); one without a threshold earns R × maximum. Points
// are rounded to two decimals, as the portal shows them. A zero denominator
// makes the indicator not applicable (Applicable false, no rate, no points,
// never NaN), as the working document allows ("nếu mẫu số = 0: hiển thị 0 hoặc
// N/A"); group and total maxima of the applicable indicators are reported
// beside the nominal ones, and [Result.Score100] rescales the total to 100 over
// what was applicable. Some indicators are monitored only (MaxPoints 0): they
// are shown with their formula but carry no points.
package qualityindex
