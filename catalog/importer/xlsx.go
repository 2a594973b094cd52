package importer

import (
	"bytes"
	"fmt"
	"io"

	"github.com/motcua/motcua"
	"github.com/xuri/excelize/v2"
)

// sheetNames are the folded names of the sheet to import when a workbook has several;
// otherwise the first sheet is read.
var sheetNames = map[string]bool{"procedures": true, "procedure": true, "thu tuc": true, "danh muc thu tuc": true}

// exportSheet is the name of the sheet Write creates.
const exportSheet = "procedures"

// readXLSX reads the procedure sheet of an XLSX workbook, streaming its rows. The
// uncompressed size is bounded (zip bombs), and a panic in the XLSX library on a
// malformed file becomes an error.
func readXLSX(data []byte) (s *sheet, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, xlsxError(fmt.Errorf("panic: %v", r))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipSize,
		UnzipXMLSizeLimit: maxUnzipXMLSize,
	})
	if err != nil {
		return nil, xlsxError(err)
	}
	defer f.Close()
	name := pickSheet(f.GetSheetList())
	if name == "" {
		return nil, xlsxError(fmt.Errorf("no sheet"))
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, xlsxError(err)
	}
	defer rows.Close()
	s = &sheet{}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return nil, xlsxError(err)
		}
		more, err := s.add(n, cells)
		if err != nil {
			return nil, err
		}
		if !more {
			return s, nil
		}
	}
	if err := rows.Error(); err != nil {
		return nil, xlsxError(err)
	}
	return s, nil
}

// pickSheet returns the sheet named like "procedures" or "Thủ tục", else the first.
func pickSheet(names []string) string {
	for _, n := range names {
		if sheetNames[fold(n)] {
			return n
		}
	}
	if len(names) > 0 {
		return names[0]
	}
	return ""
}

func xlsxError(cause error) error {
	return fmt.Errorf("importer: read xlsx: %w: %w",
		&motcua.Error{Code: motcua.EINVALID, Message: KeyXLSXMalformed}, cause)
}

// writeXLSX writes rows to one sheet named "procedures", every column formatted as
// text so that codes such as 2.000890 keep their trailing zeros when edited, with a
// bold, frozen header row.
func writeXLSX(w io.Writer, rows [][]string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("importer: write xlsx: %w", cerr)
		}
	}()
	if err := f.SetSheetName("Sheet1", exportSheet); err != nil {
		return fmt.Errorf("importer: write xlsx: %w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("importer: write xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("importer: write xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(exportSheet)
	if err != nil {
		return fmt.Errorf("importer: write xlsx: %w", err)
	}
	if err := writeStream(sw, rows, text, bold); err != nil {
		return fmt.Errorf("importer: write xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("importer: write xlsx: %w", err)
	}
	return nil
}

// writeStream lays out columns and rows through the stream writer.
func writeStream(sw *excelize.StreamWriter, rows [][]string, text, bold int) error {
	if err := sw.SetColStyle(1, numColumns, text); err != nil {
		return err
	}
	for i := range numColumns {
		width := 18.0
		switch i {
		case colName, colFees, colPapers, colSteps, colLegalBasis, colTimeLimits:
			width = 50
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, r := range rows {
		style := text
		if i == 0 {
			style = bold
		}
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = excelize.Cell{StyleID: style, Value: v}
		}
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}
