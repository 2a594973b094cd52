package importer_test

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
)

// checkParsed is the fuzz property: Parse never panics, and when it accepts a file
// every procedure passes Validate, codes are unique, and exporting and importing the
// procedures again gives them back.
func checkParsed(t *testing.T, ps []catalog.Procedure, errs []importer.RowError, err error) {
	if err != nil || len(errs) > 0 {
		if ps != nil {
			t.Fatalf("procedures returned with errors: %v %v", err, errs)
		}
		if len(errs) > importer.MaxErrors+1 {
			t.Fatalf("%d row errors", len(errs))
		}
		for _, e := range errs {
			if e.Row < 1 || e.Key == "" || e.Message == "" {
				t.Fatalf("bad row error %+v", e)
			}
		}
		return
	}
	seen := map[string]bool{}
	for _, p := range ps {
		q := p
		if err := q.Validate(); err != nil {
			t.Fatalf("accepted invalid procedure %+v: %v", p, err)
		}
		if seen[p.Code] {
			t.Fatalf("duplicate code %s accepted", p.Code)
		}
		seen[p.Code] = true
	}
	var b bytes.Buffer
	if err := importer.Write(&b, importer.FormatCSV, ps); err != nil {
		t.Fatal(err)
	}
	again, errs, err := importer.Parse(&b, importer.FormatCSV, nil)
	if err != nil || errs != nil {
		t.Fatalf("re-import: %v %v", err, errs)
	}
	if diff := cmp.Diff(ps, again); diff != "" {
		t.Fatalf("re-import differs:\n%s", diff)
	}
}

func FuzzParseCSV(f *testing.F) {
	var tpl bytes.Buffer
	if err := importer.WriteTemplate(&tpl, importer.FormatCSV); err != nil {
		f.Fatal(err)
	}
	f.Add(tpl.Bytes())
	f.Add(csvFile(f, header, goodRow(), with("code", "1.000002", "papers", "A (bản sao 2); B (nếu có)")))
	f.Add([]byte("sep=;\ncode;name;unit_code;field_code;level;channels;time_limits\n1.000001;T;H37;F;xã;trực tiếp;3 ngày\n"))
	f.Add([]byte("code,name,unit_code,field_code,level,channels,time_limits,steps,fees\n" +
		"QT-1,\"a\"\"b\",H37,F,tỉnh,post,\"post=2 h\",\"x\\|y|leader|1,5 giờ|H37\",\"phí:a\\:b:1.000.000 đ:n\"\n"))
	f.Add([]byte("\uFEFFcode\n\n\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, errs, err := importer.Parse(bytes.NewReader(data), importer.FormatCSV, nil)
		checkParsed(t, ps, errs, err)
	})
}

func FuzzParseXLSX(f *testing.F) {
	var tpl bytes.Buffer
	if err := importer.WriteTemplate(&tpl, importer.FormatXLSX); err != nil {
		f.Fatal(err)
	}
	f.Add(tpl.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Add(zipOf(f, map[string]string{"xl/workbook.xml": "<workbook/>"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, errs, err := importer.Parse(bytes.NewReader(data), importer.FormatAuto, nil)
		checkParsed(t, ps, errs, err)
	})
}
