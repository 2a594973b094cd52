package importer

// Limits that keep an import bounded in time and memory. A file over a limit is
// rejected with an error rather than read further.
const (
	// MaxFileSize is the largest file Parse accepts, in bytes (20 MiB).
	MaxFileSize = 20 << 20
	// MaxRows is the largest number of non-empty data rows in one file.
	MaxRows = 50_000
	// MaxCellChars is the longest cell, in characters (Unicode code points).
	MaxCellChars = 10_000
	// MaxErrors is the number of row errors after which Parse stops checking rows.
	MaxErrors = 1_000
	// ProgressEvery is how many rows Parse handles between two progress calls.
	ProgressEvery = 100

	// maxUnzipSize bounds the uncompressed size of an XLSX file (zip bombs).
	maxUnzipSize = 256 << 20
	// maxUnzipXMLSize is the worksheet size above which excelize spills to a temp file.
	maxUnzipXMLSize = 16 << 20
	// maxValueChars is how much of a cell a RowError quotes.
	maxValueChars = 100
)
