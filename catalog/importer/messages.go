package importer

// Message keys of RowError.Key and of the *motcua.Error returned for a rejected file.
// Keys for rules of catalog.Procedure.Validate are that package's keys
// ("catalog.procedure.code_invalid", …).
const (
	KeyMissingColumn   = "import.missing_column"
	KeyUnknownColumn   = "import.unknown_column"
	KeyDuplicateColumn = "import.duplicate_column"
	KeyRequired        = "import.required"
	KeyCellTooLong     = "import.cell_too_long"
	KeyTextTooLong     = "import.text_too_long"
	KeyExtraCell       = "import.extra_cell"
	KeyDuplicateCode   = "import.duplicate_code"
	KeyLevel           = "import.level_invalid"
	KeyChannel         = "import.channel_invalid"
	KeyBool            = "import.bool_invalid"
	KeyTimeLimit       = "import.time_limit_format"
	KeyTimeUnit        = "import.time_unit_invalid"
	KeyNumber          = "import.number_invalid"
	KeyFee             = "import.fee_format"
	KeyFeeKind         = "import.fee_kind_invalid"
	KeyFeeAmount       = "import.fee_amount"
	KeyPaper           = "import.paper_format"
	KeyPaperCount      = "import.paper_count"
	KeyStep            = "import.step_format"
	KeyStepDuration    = "import.step_duration"
	KeyRole            = "import.role_invalid"
	KeyTooManyErrors   = "import.too_many_errors"

	// Keys of the *motcua.Error (code EINVALID) that rejects a whole file.
	KeyFileTooLarge   = "import.file_too_large"
	KeyTooManyRows    = "import.too_many_rows"
	KeyEmptyFile      = "import.empty_file"
	KeyNoRows         = "import.no_rows"
	KeyFormatUnknown  = "import.format_unknown"
	KeyFormatMismatch = "import.format_mismatch"
	KeyXLSUnsupported = "import.xls_unsupported"
	KeyNotUTF8        = "import.csv_not_utf8"
	KeyCSVMalformed   = "import.csv_malformed"
	KeyXLSXMalformed  = "import.xlsx_malformed"
)

// message is a row-error text in English and Vietnamese, with fmt verbs.
type message struct{ en, vi string }

// messages holds the texts of every row-error key.
var messages = map[string]message{
	KeyMissingColumn:   {"required column %q is missing", "thiếu cột bắt buộc %q"},
	KeyUnknownColumn:   {"unknown column %q", "cột %q không thuộc mẫu nhập"},
	KeyDuplicateColumn: {"column %q appears more than once", "cột %q xuất hiện nhiều lần"},
	KeyRequired:        {"this cell must not be empty", "ô này không được để trống"},
	KeyCellTooLong:     {"cell is longer than %d characters", "ô dài quá %d ký tự"},
	KeyTextTooLong:     {"text is longer than %d characters", "nội dung dài quá %d ký tự"},
	KeyExtraCell:       {"value in a column without a header", "có giá trị ở cột không có tiêu đề"},
	KeyDuplicateCode:   {"code %s already appears in row %d", "mã %s đã có ở dòng %d"},
	KeyLevel:           {"unknown level: use central, province, district or commune", "cấp thực hiện không hợp lệ: dùng central, province, district hoặc commune (trung ương, tỉnh, huyện, xã)"},
	KeyChannel:         {"unknown channel: use counter, online_full, online_partial or post", "kênh nộp không hợp lệ: dùng counter, online_full, online_partial hoặc post"},
	KeyBool:            {"expected yes or no (x, có, yes, true, 1 / empty, không, no, false, 0)", "cần có hoặc không (x, có, yes, true, 1 / để trống, không, no, false, 0)"},
	KeyTimeLimit:       {`time limit must look like "counter=15 working_days"`, `thời hạn phải có dạng "counter=15 working_days"`},
	KeyTimeUnit:        {"unknown time unit: use working_days, working_hours or calendar_days", "đơn vị thời gian không hợp lệ: dùng working_days, working_hours hoặc calendar_days"},
	KeyNumber:          {"not a whole number", "không phải số nguyên"},
	KeyFee:             {`fee must look like "charge:Name:200000" or "fee:Name:50000:note"`, `phí phải có dạng "charge:Tên:200000" hoặc "fee:Tên:50000:ghi chú"`},
	KeyFeeKind:         {"fee kind must be fee (phí) or charge (lệ phí)", "loại phí phải là fee (phí) hoặc charge (lệ phí)"},
	KeyFeeAmount:       {"fee amount must be a whole number of đồng, like 200000 or 200.000", "số tiền phải là số đồng nguyên, ví dụ 200000 hoặc 200.000"},
	KeyPaper:           {`paper must look like "Tờ khai (bản chính 1, bản sao 0, bắt buộc)"`, `giấy tờ phải có dạng "Tờ khai (bản chính 1, bản sao 0, bắt buộc)"`},
	KeyPaperCount:      {"number of originals or copies must be a whole number from 0 to 100", "số bản chính, bản sao phải là số nguyên từ 0 đến 100"},
	KeyStep:            {`step must look like "Name|role|8h|unit_code"`, `bước phải có dạng "Tên|vai trò|8h|mã đơn vị"`},
	KeyStepDuration:    {"step time must be minutes (90), hours (8h) or working days (2d)", "thời gian bước phải là phút (90), giờ (8h) hoặc ngày làm việc (2d)"},
	KeyRole:            {"unknown role: use receptionist, processor, leader, director, admin or viewer", "vai trò không hợp lệ: dùng receptionist, processor, leader, director, admin hoặc viewer"},
	KeyTooManyErrors:   {"more than %d errors; checking stopped", "quá %d lỗi; đã dừng kiểm tra"},

	// Rules of catalog.Procedure.Validate.
	"catalog.procedure.code_invalid":      {"procedure code must be 3–40 capital letters, digits, dots or dashes, like 1.004227", "mã thủ tục phải gồm 3–40 chữ in hoa, chữ số, dấu chấm hoặc gạch ngang, ví dụ 1.004227"},
	"catalog.name_length":                 {"name is empty or too long", "tên để trống hoặc quá dài"},
	"catalog.unit.code_invalid":           {"unit code must look like 000.00.20.H37 or H37.25", "mã đơn vị phải có dạng 000.00.20.H37 hoặc H37.25"},
	"catalog.field.code_invalid":          {"field code must be 1–20 capital letters, digits or _", "mã lĩnh vực phải gồm 1–20 chữ in hoa, chữ số hoặc _"},
	"catalog.procedure.level_invalid":     {"unknown level", "cấp thực hiện không hợp lệ"},
	"catalog.procedure.no_channel":        {"at least one channel is required", "cần ít nhất một kênh nộp"},
	"catalog.procedure.no_time_limit":     {"at least one time limit is required", "cần ít nhất một thời hạn giải quyết"},
	"catalog.text_too_long":               {"text is too long", "nội dung quá dài"},
	"catalog.procedure.channel_invalid":   {"unknown channel", "kênh nộp không hợp lệ"},
	"catalog.procedure.channel_duplicate": {"the same channel is given twice", "một kênh nộp được nhập hai lần"},
	"catalog.procedure.time_unit_invalid": {"unknown time unit", "đơn vị thời gian không hợp lệ"},
	"catalog.procedure.amount_range":      {"number out of range", "số nằm ngoài giới hạn cho phép"},
	"catalog.procedure.fee_kind_invalid":  {"fee kind must be fee or charge", "loại phí phải là fee hoặc charge"},
	"catalog.procedure.role_invalid":      {"unknown role", "vai trò không hợp lệ"},
}
