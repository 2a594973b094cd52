package importer_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
)

// header is the full header in export order.
var header = []string{
	"code", "name", "unit_code", "field_code", "level", "channels", "time_limits", "fees",
	"papers", "result", "four_on_spot", "chain", "steps", "legal_basis", "active",
}

// goodRow returns a valid row as a column → value map.
func goodRow() map[string]string {
	return map[string]string{
		"code":         "1.004227",
		"name":         "Đăng ký khai sinh",
		"unit_code":    "H37.25",
		"field_code":   "HOTICH",
		"level":        "commune",
		"channels":     "counter; online_full",
		"time_limits":  "counter=1 working_days; online_full=1 working_days",
		"fees":         "charge:Lệ phí đăng ký:8000",
		"papers":       "Tờ khai đăng ký khai sinh (bản chính 1, bản sao 0, bắt buộc)",
		"result":       "Giấy khai sinh",
		"four_on_spot": "x",
		"chain":        "",
		"steps":        "Tiếp nhận|receptionist|4h|",
		"legal_basis":  "Luật Hộ tịch 2014",
		"active":       "yes",
	}
}

// csvFile builds a CSV file from a header and rows given as maps over that header.
func csvFile(t testing.TB, hdr []string, rows ...map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(hdr); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		rec := make([]string, len(hdr))
		for i, h := range hdr {
			rec[i] = r[h]
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	return b.Bytes()
}

// with returns goodRow changed by kv pairs.
func with(kv ...string) map[string]string {
	r := goodRow()
	for i := 0; i+1 < len(kv); i += 2 {
		r[kv[i]] = kv[i+1]
	}
	return r
}

func parseBytes(t testing.TB, data []byte, f importer.Format) ([]catalog.Procedure, []importer.RowError, error) {
	t.Helper()
	return importer.Parse(bytes.NewReader(data), f, nil)
}

// fileKey returns the message key of the *motcua.Error in err.
func fileKey(err error) string {
	if e := motcua.AsError(err); e != nil {
		return e.Message
	}
	return ""
}
