package sqldb

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzDecodeEvent: the decoder of a stored dossier event body (dossier_events.body,
// read by the report rebuild). Whatever the text: no panic; a refusal says it is the
// event decoder's; an accepted body encodes to a canonical form that decodes to the
// same event (encoding it again gives the same bytes).
func FuzzDecodeEvent(f *testing.F) {
	for _, s := range []string{
		`{"seq":1,"action":"receive","actor":"motcua1","role":"receptionist","unit_code":"000.00.25.H37","at":"2026-03-09T08:15:00+07:00","from":"","to":"received",` +
			`"data":{"code":"000.00.25.H37-260309-0001","procedure_code":"1.004227","procedure_version":3,"procedure_name":"Cấp Phiếu lý lịch tư pháp","receiving_unit":"000.00.25.H37","channel":"counter",` +
			`"applicant":{"kind":"person","full_name":"Hoàng Văn Thụ","id_number":"020095001234","phone":"0912345678","address":"Lạng Sơn"},"return_method":{"kind":"counter"},` +
			`"fees":[{"kind":"fee","name":"Phí","amount":200000}],"limit":{"channel":"counter","amount":10,"unit":"working_days"},` +
			`"plan":[{"name":"Tiếp nhận","unit_code":"000.00.25.H37","role":"receptionist","minutes":60}],"papers":[{"name":"Tờ khai","originals":1}],` +
			`"due":"2026-03-23T08:15:00+07:00"},"step_index":0,"step_unit":"000.00.25.H37","step_due":"2026-03-09T09:15:00+07:00"}`,
		`{"seq":4,"action":"request_supplement","actor":"snv.chuyenvien","role":"processor","unit_code":"000.00.02.H37","at":"2026-03-11T10:00:00Z","from":"in_processing","to":"waiting_supplement",` +
			`"reason":"Thiếu bản sao","data":{"stop":{"kind":"supplement","from":"2026-03-11T10:00:00Z"},"missing_papers":["Bản sao CCCD"],"resume_state":"in_processing"},"step_index":2,` +
			`"attachments":[{"sha256":"14bcd090baf31edba64e9cbd8cdfc15f943344aa72cb3675ad8e91bfcbce03ad","name":"mau02.pdf","size":1234,"content_type":"application/pdf"}]}`,
		`{"seq":1,"at":"2026-02-30T00:00:00Z"}`, `{"seq":"1"}`, `{"data":{"due":null,"stop":{}}}`, `null`, `[]`, ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		ev, err := decodeEvent(body)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "decode event: ") {
				t.Fatalf("decodeEvent(%q): %v", body, err)
			}
			return
		}
		canon, err := json.Marshal(ev)
		if err != nil {
			return // a time outside RFC 3339's years cannot be stored again; it was never written by us
		}
		ev2, err := decodeEvent(string(canon))
		if err != nil {
			t.Fatalf("canonical form %s does not decode: %v", canon, err)
		}
		again, _ := json.Marshal(ev2)
		if !bytes.Equal(canon, again) {
			t.Fatalf("not stable:\n%s\n%s", canon, again)
		}
	})
}
