package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/motcua/motcua"
)

// Format is a spreadsheet file format.
type Format string

// Formats. FormatAuto lets Parse detect the format from the file's first bytes.
const (
	FormatAuto Format = ""
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
)

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts legacy .xls (and other OLE2 compound) files.
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
)

// FormatFromName returns the format a file name's extension implies (.csv, .txt →
// CSV; .xlsx, .xlsm → XLSX), or FormatAuto when the extension says nothing.
func FormatFromName(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		return FormatCSV
	case ".xlsx", ".xlsm":
		return FormatXLSX
	}
	return FormatAuto
}

// DetectFormat returns the format of a file from its first bytes, checked against the
// format its name implies: a zip archive is XLSX, anything else is taken as CSV. It
// rejects legacy .xls files and a name whose extension contradicts the content.
func DetectFormat(name string, head []byte) (Format, error) {
	return resolveFormat(FormatFromName(name), head)
}

// resolveFormat checks the declared format f against the file's first bytes, and
// picks one when f is FormatAuto.
func resolveFormat(f Format, head []byte) (Format, error) {
	var sniffed Format
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return "", fileError(KeyXLSUnsupported, nil)
	case bytes.HasPrefix(head, zipMagic):
		sniffed = FormatXLSX
	default:
		sniffed = FormatCSV
	}
	switch f {
	case FormatAuto:
		return sniffed, nil
	case FormatCSV, FormatXLSX:
		if f != sniffed {
			return "", fileError(KeyFormatMismatch, map[string]any{"format": string(f), "content": string(sniffed)})
		}
		return f, nil
	}
	return "", fileError(KeyFormatUnknown, map[string]any{"format": string(f)})
}

// fileError returns the *motcua.Error that rejects a whole file, wrapped with the
// package name for context.
func fileError(key string, params map[string]any) error {
	return fmt.Errorf("importer: %w", &motcua.Error{Code: motcua.EINVALID, Message: key, Params: params})
}
