package importer_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog/importer"
	"github.com/xuri/excelize/v2"
)

// xlsxWith builds a workbook with the given sheets, in order.
func xlsxWith(t testing.TB, sheets map[string][][]string, order []string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellStr(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFileErrors(t *testing.T) {
	good := csvFile(t, header, goodRow())
	tests := []struct {
		name   string
		data   []byte
		format importer.Format
		key    string
	}{
		{"empty", nil, importer.FormatAuto, importer.KeyEmptyFile},
		{"only blank", []byte("\uFEFF \r\n,,,\n"), importer.FormatCSV, importer.KeyEmptyFile},
		{"header only", []byte(strings.Join(header, ",") + "\n"), importer.FormatCSV, importer.KeyNoRows},
		{"not utf-8", append([]byte("code,name\n1.000001,T\xEAn\n"), good...), importer.FormatCSV, importer.KeyNotUTF8},
		{"legacy xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage"), importer.FormatAuto, importer.KeyXLSUnsupported},
		{"xlsx declared, csv given", good, importer.FormatXLSX, importer.KeyFormatMismatch},
		{"csv declared, zip given", []byte("PK\x03\x04rest"), importer.FormatCSV, importer.KeyFormatMismatch},
		{"unknown format", good, importer.Format("ods"), importer.KeyFormatUnknown},
		{"garbage zip", []byte("PK\x03\x04\x00\x00garbage"), importer.FormatAuto, importer.KeyXLSXMalformed},
		{"zip without workbook", zipOf(t, map[string]string{"hello.txt": "hi"}), importer.FormatAuto, importer.KeyXLSXMalformed},
		{"zip with bad xml", zipOf(t, map[string]string{
			"[Content_Types].xml":      "<Types",
			"xl/workbook.xml":          "<<<",
			"xl/worksheets/sheet1.xml": "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row>",
		}), importer.FormatAuto, importer.KeyXLSXMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, errs, err := parseBytes(t, tt.data, tt.format)
			if got := fileKey(err); got != tt.key {
				t.Fatalf("key %q, want %q (err %v, row errors %v)", got, tt.key, err, errs)
			}
			if motcua.ErrorCode(err) != motcua.EINVALID || ps != nil || errs != nil {
				t.Fatalf("%v %v %v", err, ps, errs)
			}
			if !strings.HasPrefix(err.Error(), "importer: ") {
				t.Fatalf("error without context: %v", err)
			}
		})
	}
}

func zipOf(t testing.TB, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTooLarge(t *testing.T) {
	r := io.MultiReader(bytes.NewReader(csvFile(t, header, goodRow())),
		io.LimitReader(repeatReader('x'), importer.MaxFileSize))
	_, _, err := importer.Parse(r, importer.FormatAuto, nil)
	if fileKey(err) != importer.KeyFileTooLarge {
		t.Fatal(err)
	}
}

type repeatReader byte

func (c repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(c)
	}
	return len(p), nil
}

func TestTooManyRows(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("code,name,unit_code,field_code,level,channels,time_limits\n")
	for i := range importer.MaxRows + 1 {
		fmt.Fprintf(&b, "1.%06d,T,H37,F,province,counter,1\n", i)
	}
	_, _, err := parseBytes(t, b.Bytes(), importer.FormatCSV)
	if fileKey(err) != importer.KeyTooManyRows {
		t.Fatal(err)
	}
	// Exactly MaxRows is fine.
	data := b.Bytes()[:bytes.LastIndexByte(b.Bytes()[:b.Len()-1], '\n')+1]
	ps, errs, err := parseBytes(t, data, importer.FormatCSV)
	if err != nil || errs != nil || len(ps) != importer.MaxRows {
		t.Fatal(err, errs, len(ps))
	}
}

// TestZipBomb: an XLSX whose parts claim to inflate beyond the limit is refused before
// anything is unpacked. (A part that inflates beyond the size it claims is refused by
// archive/zip itself.)
func TestZipBomb(t *testing.T) {
	var body bytes.Buffer
	fw, err := flate.NewWriter(&body, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i, size := range []uint64{1 << 20, 1 << 40} {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name:               fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1),
			Method:             zip.Deflate,
			CompressedSize64:   uint64(body.Len()),
			UncompressedSize64: size,
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, _, err = parseBytes(t, b.Bytes(), importer.FormatAuto)
	if fileKey(err) != importer.KeyXLSXMalformed || !strings.Contains(err.Error(), "exceeds") {
		t.Fatal(err)
	}
}

// TestTruncatedXLSX cuts a valid workbook at many points: never a panic, never
// procedures from a broken file.
func TestTruncatedXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := importer.WriteTemplate(&b, importer.FormatXLSX); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	for n := 4; n < len(data); n += 1 + len(data)/97 {
		ps, errs, err := parseBytes(t, data[:n], importer.FormatAuto)
		if err == nil && errs == nil && len(ps) != 1 {
			t.Fatalf("cut at %d: %v", n, ps)
		}
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name string
		head string
		want importer.Format
		key  string
	}{
		{"a.csv", "code,name", importer.FormatCSV, ""},
		{"A.XLSX", "PK\x03\x04", importer.FormatXLSX, ""},
		{"upload", "PK\x03\x04", importer.FormatXLSX, ""},
		{"upload", "code;name", importer.FormatCSV, ""},
		{"a.xlsx", "code,name", "", importer.KeyFormatMismatch},
		{"a.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "", importer.KeyXLSUnsupported},
	}
	for _, tt := range tests {
		got, err := importer.DetectFormat(tt.name, []byte(tt.head))
		if got != tt.want || fileKey(err) != tt.key {
			t.Errorf("DetectFormat(%q, %q) = %q, %v", tt.name, tt.head, got, err)
		}
	}
}
