package importer

// Column describes one column of the import sheet.
type Column struct {
	// Key is the stable snake_case name, written in exported headers and used in
	// RowError.Column.
	Key string `json:"key"`
	// Label is the Vietnamese header label, accepted in place of Key.
	Label string `json:"label"`
	// Required columns must be present in the header and non-empty in every row.
	Required bool `json:"required"`
	// Example is the value of the column in the template's example row.
	Example string `json:"example"`
}

// Column indexes, in the order of the exported sheet.
const (
	colCode = iota
	colName
	colUnitCode
	colFieldCode
	colLevel
	colChannels
	colTimeLimits
	colFees
	colPapers
	colResult
	colFourOnSpot
	colChain
	colSteps
	colLegalBasis
	colActive
	numColumns
)

// columns lists every column in export order, indexed by the col constants.
var columns = [numColumns]Column{
	{Key: "code", Label: "Mã thủ tục", Required: true, Example: "1.001234"},
	{Key: "name", Label: "Tên thủ tục", Required: true, Example: "Cấp phiếu lý lịch tư pháp cho công dân Việt Nam"},
	{Key: "unit_code", Label: "Mã đơn vị", Required: true, Example: "000.00.20.H37"},
	{Key: "field_code", Label: "Mã lĩnh vực", Required: true, Example: "LLTP"},
	{Key: "level", Label: "Cấp thực hiện", Required: true, Example: "province"},
	{Key: "channels", Label: "Kênh nộp", Required: true, Example: "counter; online_full; post"},
	{Key: "time_limits", Label: "Thời hạn giải quyết", Required: true, Example: "counter=10 working_days; online_full=10 working_days; post=10 working_days"},
	{Key: "fees", Label: "Phí, lệ phí", Example: "charge:Lệ phí cấp phiếu:200000; fee:Phí gửi kết quả qua bưu chính:30000:chỉ khi nhận qua bưu chính"},
	{Key: "papers", Label: "Thành phần hồ sơ", Example: "Tờ khai yêu cầu cấp phiếu (bản chính 1, bản sao 0, bắt buộc); Căn cước công dân (bản chính 0, bản sao 1, bắt buộc)"},
	{Key: "result", Label: "Kết quả", Example: "Phiếu lý lịch tư pháp"},
	{Key: "four_on_spot", Label: "Bốn tại chỗ", Example: "no"},
	{Key: "chain", Label: "Liên thông", Example: "H37.25"},
	{Key: "steps", Label: "Quy trình nội bộ", Example: "Tiếp nhận hồ sơ|receptionist|4h|; Thẩm định|processor|3d|H37.25; Phê duyệt|leader|8h|"},
	{Key: "legal_basis", Label: "Căn cứ pháp lý", Example: "Luật Lý lịch tư pháp 2009"},
	{Key: "active", Label: "Đang áp dụng", Example: "yes"},
}

// headerAliases are further folded header texts accepted for a column, besides its
// folded Key and Label.
var headerAliases = map[string]int{
	"ma":                       colCode,
	"ma tthc":                  colCode,
	"ten":                      colName,
	"ten tthc":                 colName,
	"don vi":                   colUnitCode,
	"ma co quan":               colUnitCode,
	"co quan thuc hien":        colUnitCode,
	"linh vuc":                 colFieldCode,
	"cap":                      colLevel,
	"hinh thuc nop":            colChannels,
	"cach thuc thuc hien":      colChannels,
	"thoi han":                 colTimeLimits,
	"phi":                      colFees,
	"le phi":                   colFees,
	"phi le phi":               colFees,
	"ho so":                    colPapers,
	"giay to":                  colPapers,
	"ket qua thuc hien":        colResult,
	"4 tai cho":                colFourOnSpot,
	"lien thong":               colChain,
	"don vi lien thong":        colChain,
	"quy trinh":                colSteps,
	"cac buoc":                 colSteps,
	"can cu":                   colLegalBasis,
	"hieu luc":                 colActive,
	"con hieu luc":             colActive,
	"trang thai":               colActive,
	"dang ap dung hieu luc":    colActive,
	"thanh phan ho so giay to": colPapers,
}

// headerIndex maps every folded header text to its column.
var headerIndex = func() map[string]int {
	m := make(map[string]int, 3*numColumns+len(headerAliases))
	for k, v := range headerAliases {
		m[k] = v
	}
	for i, c := range columns {
		m[fold(c.Key)] = i
		m[fold(c.Label)] = i
	}
	return m
}()

// Columns returns the columns of the import sheet in export order.
func Columns() []Column {
	out := make([]Column, numColumns)
	copy(out, columns[:])
	return out
}

// columnOf returns the column a header cell names, matching keys, Vietnamese labels and
// aliases ignoring case, diacritics and punctuation.
func columnOf(header string) (int, bool) {
	i, ok := headerIndex[fold(header)]
	return i, ok
}
