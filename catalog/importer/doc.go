// Package importer reads the procedure catalogue from CSV and XLSX spreadsheets and
// writes it back in exactly the same shape, so an officer can export the catalogue,
// edit it in Excel or LibreOffice, and import it again.
//
// A sheet has one header row and one procedure per row. Columns are named by stable
// snake_case keys (code, name, unit_code, …) or by their Vietnamese labels (Mã thủ tục,
// Tên thủ tục, …), matched ignoring case and diacritics. List cells hold items
// separated by ";" (or line breaks); docs/import.md describes every column.
//
// Import is all or nothing: Parse checks every row, collects every problem as a
// RowError, and returns procedures only when there is none. The caller must store
// nothing unless both the error and the row errors are empty; catalog.Store's
// ImportProcedures then stores the whole batch in one transaction.
package importer
