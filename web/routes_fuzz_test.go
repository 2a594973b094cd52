package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// The route fuzzer: every route of the table, with a seed corpus of real requests
// (bodies, forms, query parameters, path values, If-Match), is driven through the
// whole handler stack (identification, CSRF, authorisation, decoding, the store) as
// every role and anonymously. Whatever the input: no 5xx; an API refusal is a
// problem+json document whose status and code agree; a refused JSON field is named;
// a page refusal is an HTML page; a JSON answer is valid JSON; and a resource the
// request created (Location) can be read back.

// routeSeed is one example request of a route. In args (the values of the pattern's
// wildcards, separated by "/"), query and body, the placeholders $dossier, $counter,
// $service, $ticket, $sha, $user and $terminal stand for objects the fuzz environment
// creates.
type routeSeed struct {
	role    motcua.Role // "" = anonymous
	args    string
	query   string
	ifMatch string
	ctype   string // default application/json when there is a body
	body    string
}

// formCT is the content type of an HTML form.
const formCT = "application/x-www-form-urlencoded"

var (
	recvBody = `{"procedure_code":"1.004227","applicant":{"kind":"person","full_name":"Hoàng Văn Thụ","id_number":"020095001234",` +
		`"phone":"0912 345 678","address":"Phường Lương Văn Tri, Lạng Sơn"},"papers":[{"name":"Tờ khai","originals":1}]}`
	onlineBody = `{"procedure_code":"1.004227","unit_code":"000.00.01.H37","channel":"online_full","applicant":{"kind":"person",` +
		`"full_name":"Nông Thị Hoa","id_number":"020195004321","phone":"0987 654 321","address":"Xã Mẫu Sơn"},"papers":[{"name":"Tờ khai","originals":1}]}`
	procBody = func() string {
		p := testProcedure("1.009999")
		b, _ := json.Marshal(p)
		return string(b)
	}()
	scheduleBody = `{"year":2027,"version":"2027.1","source":"Thông báo","days":[{"date":"2027-03-15","kind":"off","name_vi":"Nghỉ thử","name_en":"Test day off"}]}`
	icalBody     = "BEGIN:VCALENDAR\r\nX-MOTCUA-VERSION:2027.2\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270102\r\nDTEND;VALUE=DATE:20270103\r\n" +
		"SUMMARY:Làm bù\r\nCATEGORIES:WORKDAY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	csvBody = "code,name,unit_code,field_code,level,channels,time_limits\n1.008888,Thủ tục thử,000.00.11.H37,LLTP,tỉnh,trực tiếp,5 ngày\n"
)

// multipartFile is a multipart/form-data body with one file field and other fields.
func multipartFile(field, name, content string, fields ...string) (ctype, body string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	mw.SetBoundary("motcua-fuzz-boundary")
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	fw, _ := mw.CreateFormFile(field, name)
	io.WriteString(fw, content)
	mw.Close()
	return mw.FormDataContentType(), b.String()
}

// routeSeeds holds the seeds of each route, keyed "METHOD pattern". Every route that
// takes a body or a form, and every API route, must have one
// (TestEveryRouteHasFuzzSeeds).
var routeSeeds = map[string][]routeSeed{
	// operations and auth
	"GET /healthz":             {{}},
	"GET /readyz":              {{}},
	"GET /metrics":             {{role: motcua.RoleAdmin}},
	"POST /api/v1/auth/login":  {{body: `{"username":"u-admin","password":"mật-khẩu-thử"}`}, {body: `{"username":"","password":1}`}},
	"POST /api/v1/auth/logout": {{role: motcua.RoleLeader, body: ``}, {role: motcua.RoleLeader, body: `{}`}},
	"GET /api/v1/auth/me":      {{role: motcua.RoleProcessor}, {}},
	"GET /api/v1/openapi.json": {{}},
	"GET /api/v1/units":        {{role: motcua.RoleAdmin, query: "kind=department&active=true&limit=10&offset=0"}, {role: motcua.RoleAdmin, query: "limit=-1"}},
	"POST /api/v1/units":       {{role: motcua.RoleAdmin, body: `{"code":"000.00.31.H37","name":"Sở Xây dựng","kind":"department","parent_code":"000.00.00.H37","active":true}`}, {role: motcua.RoleAdmin, body: `{"code":"x","kind":"galaxy"}`}},
	"GET /api/v1/units/{code}": {{role: motcua.RoleAdmin, args: "000.00.11.H37"}, {role: motcua.RoleAdmin, args: "..%2F"}},
	"PUT /api/v1/units/{code}": {{role: motcua.RoleAdmin, args: "000.00.11.H37", body: `{"code":"000.00.11.H37","name":"Sở Tư pháp tỉnh","kind":"department","parent_code":"000.00.00.H37","active":true}`}},
	"GET /api/v1/fields":       {{role: motcua.RoleAdmin}},
	"POST /api/v1/fields":      {{role: motcua.RoleAdmin, body: `{"code":"XD","name":"Xây dựng"}`}, {role: motcua.RoleAdmin, body: `{"code":""}`}},
	"GET /api/v1/procedures":   {{role: motcua.RoleAdmin, query: "q=l%C3%BD+l%E1%BB%8Bch&unit=000.00.11.H37&level=province&field=LLTP&channel=counter&limit=5&offset=5"}, {query: "limit=abc"}},
	"POST /api/v1/procedures":  {{role: motcua.RoleAdmin, body: procBody}, {role: motcua.RoleAdmin, body: `{"code":"1.0","time_limits":[{"amount":1e99}]}`}},
	"POST /api/v1/procedures/import": {
		func() routeSeed {
			ct, b := multipartFile("file", "procs.csv", csvBody)
			return routeSeed{role: motcua.RoleAdmin, ctype: ct, body: b, query: "dry_run=true"}
		}(),
		{role: motcua.RoleAdmin, ctype: "text/csv", body: csvBody},
	},
	"GET /api/v1/procedures/{code}":         {{role: motcua.RoleAdmin, args: "1.004227"}, {role: motcua.RoleAdmin, args: "1.004227", query: "version=1"}},
	"PUT /api/v1/procedures/{code}":         {{role: motcua.RoleAdmin, args: "1.004227", ifMatch: `"1"`, body: strings.Replace(procBody, "1.009999", "1.004227", 1)}, {role: motcua.RoleAdmin, args: "1.004227", ifMatch: `W/"x"`, body: `{}`}},
	"GET /api/v1/procedures/{code}/history": {{role: motcua.RoleAdmin, args: "1.004227"}},
	"GET /api/v1/public/procedures":         {{query: "q=ho+tich&level=commune"}},
	"GET /api/v1/public/procedures/{code}":  {{args: "1.004227"}},
	"GET /api/v1/calendar/holidays":         {{query: "year=2026"}, {query: "year=abc"}, {query: "year=2026&unit=000.00.01.H37"}},
	"GET /api/v1/calendar/due":              {{query: "start=2026-02-13T10:00:00%2B07:00&amount=3&unit_of_time=working_days"}, {query: "start=yesterday&amount=-1"}, {query: "start=2026-02-13T10:00:00Z&amount=8&unit_of_time=working_hours&stops=2026-02-14T00:00:00Z/2026-02-16T00:00:00Z"}},
	"GET /api/v1/calendar/schedules/{year}": {{args: "2026"}, {args: "99999999999"}},
	"PUT /api/v1/calendar/schedules/{year}": {{role: motcua.RoleAdmin, args: "2027", body: scheduleBody}, {role: motcua.RoleAdmin, args: "2028", body: scheduleBody}},
	"POST /api/v1/calendar/schedules/{year}/ical": {
		{role: motcua.RoleAdmin, args: "2027", ctype: "text/calendar", body: icalBody},
		func() routeSeed {
			ct, b := multipartFile("file", "2027.ics", icalBody)
			return routeSeed{role: motcua.RoleAdmin, args: "2027", ctype: ct, body: b}
		}(),
	},
	"GET /api/v1/calendar/ical/{year}":   {{args: "2026"}, {args: "2026.ics"}},
	"GET /api/v1/units/{code}/shifts":    {{role: motcua.RoleAdmin, args: "000.00.01.H37"}},
	"PUT /api/v1/units/{code}/shifts":    {{role: motcua.RoleAdmin, args: "000.00.01.H37", body: `{"monday":[{"start":"07:30","end":"11:30"},{"start":"13:30","end":"17:00"}],"saturday":[{"start":"07:30","end":"11:30"}]}`}, {role: motcua.RoleAdmin, args: "000.00.01.H37", body: `{"monday":[{"start":"25:00","end":"11:30"}]}`}},
	"DELETE /api/v1/units/{code}/shifts": {{role: motcua.RoleAdmin, args: "000.00.01.H37"}},
	"POST /api/v1/dossiers":              {{role: motcua.RoleReceptionist, body: recvBody}, {role: motcua.RoleReceptionist, body: `{"procedure_code":"1.004227","applicant":{"kind":"person"}}`}, {role: motcua.RoleReceptionist, body: `{"papers":[{"originals":-1}]}{}`}},
	"POST /api/v1/dossiers/online":       {{role: motcua.RoleAdmin, body: onlineBody}},
	"GET /api/v1/dossiers":               {{role: motcua.RoleDirector, query: "status=received,in_processing&unit=000.00.11.H37&procedure=1.004227&due_before=2026-12-31&overdue=true&q=thu&received_from=2026-01-01&received_to=2026-12-31&limit=10&offset=0"}, {role: motcua.RoleLeader, query: "unit=000.00.01.H37"}, {role: motcua.RoleDirector, query: "status=bogus&limit=100000"}},
	"GET /api/v1/dossiers/{code}":        {{role: motcua.RoleReceptionist, args: "$dossier"}, {role: motcua.RoleReceptionist, args: "H37-250715-0001"}},
	"GET /api/v1/dossiers/{code}/events": {{role: motcua.RoleReceptionist, args: "$dossier"}},
	"POST /api/v1/dossiers/{code}/actions/{action}": {
		{role: motcua.RoleReceptionist, args: "$dossier/transfer", ifMatch: `"1"`},
		{role: motcua.RoleReceptionist, args: "$dossier/transfer", body: `{"version":1,"reason":"Chuyển xử lý"}`},
		{role: motcua.RoleLeader, args: "$dossier/assign", ifMatch: `W/"2"`, body: `{"assignee":"u-processor"}`},
		{role: motcua.RoleReceptionist, args: "$dossier/request_supplement", ifMatch: "abc", body: `{"missing_papers":["Tờ khai"],"reason":"Thiếu"}`},
	},
	"GET /api/v1/dossiers/{code}/slips/{kind}": {{role: motcua.RoleReceptionist, args: "$dossier/receipt"}, {role: motcua.RoleReceptionist, args: "$dossier/nonsense"}},
	"GET /api/v1/dossiers/{code}/attachments":  {{role: motcua.RoleReceptionist, args: "$dossier"}},
	"POST /api/v1/attachments": {
		func() routeSeed {
			ct, b := multipartFile("file", "tờ khai.pdf", "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
			return routeSeed{role: motcua.RoleReceptionist, ctype: ct, body: b}
		}(),
		{role: motcua.RoleReceptionist, ctype: "multipart/form-data; boundary=x", body: "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n"},
	},
	"GET /api/v1/attachments/{sha256}":   {{role: motcua.RoleReceptionist, args: "$sha"}, {role: motcua.RoleReceptionist, args: "00"}},
	"GET /api/v1/public/dossiers/{code}": {{args: "$dossier"}, {args: "h37-000000-0000"}},
	"GET /api/v1/fees/totals":            {{role: motcua.RoleDirector, query: "from=2026-01-01&to=2026-12-31&unit=000.00.01.H37"}},
	"GET /api/v1/users":                  {{role: motcua.RoleAdmin, query: "role=leader&unit=000.00.11.H37&q=u-"}},
	"POST /api/v1/users":                 {{role: motcua.RoleAdmin, body: `{"username":"snnmt.lanhdao","password":"mật-khẩu-thử","role":"leader","unit_code":"000.00.11.H37","full_name":"Lãnh đạo Sở"}`}, {role: motcua.RoleAdmin, body: `{"username":"x","role":"king"}`}},
	"PUT /api/v1/users/{id}":             {{role: motcua.RoleAdmin, args: "$user", body: `{"full_name":"Người dùng mới","role":"leader","unit_code":"000.00.11.H37","active":true}`}, {role: motcua.RoleAdmin, args: "-1", body: `{}`}},
	"GET /api/v1/audit":                  {{role: motcua.RoleDirector, query: "entity=dossier&entity_id=$dossier&limit=5"}},
	"GET /api/v1/audit/verify":           {{role: motcua.RoleDirector}},

	// queue
	"GET /api/v1/queue/services":             {{query: "unit=000.00.01.H37"}},
	"POST /api/v1/queue/services":            {{role: motcua.RoleAdmin, body: `{"code":"C","name":"Đất đai","unit_code":"000.00.01.H37","fields":["LLTP"]}`}, {role: motcua.RoleAdmin, body: `{"code":"","unit_code":1}`}},
	"GET /api/v1/queue/counters":             {{query: "unit=000.00.01.H37"}},
	"POST /api/v1/queue/counters":            {{role: motcua.RoleAdmin, body: `{"unit_code":"000.00.01.H37","number":7,"services":[$service]}`}},
	"PUT /api/v1/queue/counters/{id}":        {{role: motcua.RoleAdmin, args: "$counter", body: `{"unit_code":"000.00.01.H37","number":1,"name":"Quầy 1","services":[$service],"active":true}`}, {role: motcua.RoleAdmin, args: "0", body: `{}`}},
	"GET /api/v1/queue/terminals":            {{role: motcua.RoleAdmin, query: "unit=000.00.01.H37"}},
	"POST /api/v1/queue/terminals":           {{role: motcua.RoleAdmin, body: `{"counter_id":$counter,"name":"Máy đánh giá quầy 1"}`}, {role: motcua.RoleAdmin, body: `{"counter_id":-5}`}},
	"DELETE /api/v1/queue/terminals/{id}":    {{role: motcua.RoleAdmin, args: "$terminal"}, {role: motcua.RoleAdmin, args: "abc"}},
	"PUT /api/v1/ratings/scale":              {{role: motcua.RoleAdmin, body: `{}`}},
	"POST /api/v1/queue/tickets":             {{body: `{"service_id":$service}`}, {role: motcua.RoleReceptionist, body: `{"service_id":$service,"priority":"elderly"}`}, {body: `{"service_id":$service,"priority":"disabled"}`}},
	"GET /api/v1/queue/tickets/{id}":         {{args: "$ticket"}, {args: "9223372036854775807"}},
	"GET /api/v1/queue/board":                {{query: "unit=000.00.01.H37"}},
	"GET /api/v1/queue/events":               {{query: "unit=000.00.01.H37&after=0"}, {query: "after=-1"}},
	"GET /api/v1/counters/{id}":              {{role: motcua.RoleReceptionist, args: "$counter"}},
	"POST /api/v1/counters/{id}/call-next":   {{role: motcua.RoleReceptionist, args: "$counter"}},
	"POST /api/v1/counters/{id}/recall":      {{role: motcua.RoleReceptionist, args: "$counter"}, {role: motcua.RoleReceptionist, args: "$counter", body: `{"ticket_id":$ticket}`}},
	"POST /api/v1/counters/{id}/start":       {{role: motcua.RoleReceptionist, args: "$counter"}},
	"POST /api/v1/counters/{id}/finish":      {{role: motcua.RoleReceptionist, args: "$counter", body: `{"dossier_code":"$dossier"}`}},
	"POST /api/v1/counters/{id}/no-show":     {{role: motcua.RoleReceptionist, args: "$counter"}},
	"POST /api/v1/counters/{id}/transfer":    {{role: motcua.RoleReceptionist, args: "$counter", body: `{"service_id":$service,"counter_id":$counter}`}},
	"GET /api/v1/ratings/scale":              {{}},
	"POST /api/v1/ratings":                   {{body: `{"level":"satisfied","reasons":["polite"],"comment":"Tốt"}`}, {body: `{"dossier_code":"$dossier","token":"abc","level":"very_satisfied"}`}},
	"GET /api/v1/queue/stats":                {{role: motcua.RoleDirector, query: "date=2026-03-09&unit=000.00.01.H37"}, {role: motcua.RoleDirector, query: "date=09/03/2026"}},
	"GET /api/v1/ratings/summary":            {{role: motcua.RoleDirector, query: "from=2026-01-01&to=2026-12-31&group_by=counter&unit=000.00.01.H37"}},
	"GET /api/v1/reports/summary":            {{role: motcua.RoleDirector, query: "from=2026-01-01&to=2026-03-31&unit=000.00.11.H37&group_by=field"}, {role: motcua.RoleDirector, query: "from=2026-13-01&to=x"}, {role: motcua.RoleLeader, query: "period=2026-Q1"}},
	"GET /api/v1/reports/late-units":         {{role: motcua.RoleDirector, query: "from=2026-01-01&to=2026-06-30&limit=5"}},
	"GET /api/v1/reports/periodic":           {{role: motcua.RoleDirector, query: "from=2026-01-01&to=2026-03-31&unit=000.00.11.H37&group_by=unit&format=json"}, {role: motcua.RoleDirector, query: "from=2026-04-01&to=2026-03-31&format=pdf"}},
	"GET /api/v1/reports/dashboard":          {{role: motcua.RoleDirector, query: "unit=000.00.11.H37"}, {role: motcua.RoleLeader, query: "unit=000.00.01.H37"}},
	"GET /api/v1/public/reports/units.csv":   {{query: "period=2026-Q1"}, {query: "period=1999"}},
	"GET /api/v1/public/reports/units.json":  {{query: "period=2026-03"}, {query: "period=2026-13"}},
	"GET /api/v1/reports/quality-index":      {{role: motcua.RoleDirector, query: "from=2026-01-01&to=2026-06-30&unit=000.00.11.H37"}},
	"GET /api/v1/reports/satisfaction":       {{role: motcua.RoleDirector, query: "from=2026-01-01&to=2026-06-30&group_by=unit&unit=000.00.01.H37"}, {role: motcua.RoleDirector, query: "group_by=planet"}},
	"GET /api/v1/reports/procedure-coverage": {{role: motcua.RoleDirector, query: "unit=000.00.11.H37"}},

	// pages with forms
	"POST /login":                            {{ctype: formCT, body: "username=u-admin&password=m%E1%BA%ADt-kh%E1%BA%A9u-th%E1%BB%AD&next=%2Fwork"}, {ctype: formCT, body: "next=https%3A%2F%2Fevil.example"}},
	"POST /logout":                           {{role: motcua.RoleLeader, ctype: formCT}},
	"POST /lang":                             {{ctype: formCT, body: "lang=en&next=%2Fprocedures"}, {ctype: formCT, body: "lang=xx&next=%2F%2Fevil.example"}},
	"POST /calendar/load":                    {{role: motcua.RoleAdmin, ctype: formCT, body: "version=2026.1"}},
	"POST /intake":                           {{role: motcua.RoleReceptionist, ctype: formCT, body: "procedure=1.004227&kind=person&full_name=Ho%C3%A0ng+V%C4%83n+Th%E1%BB%A5&id_number=020095001234&phone=0912345678&address=L%E1%BA%A1ng+S%C6%A1n&paper_extra=T%E1%BB%9D+khai&paper_extra_originals=1&paper_extra_copies=0&channel=counter"}, {role: motcua.RoleReceptionist, ctype: formCT, body: "procedure=&paper_extra_originals=-4"}},
	"POST /dossiers/{code}/actions/{action}": {{role: motcua.RoleReceptionist, args: "$dossier/transfer", ctype: formCT, body: "version=1&reason=Chuy%E1%BB%83n"}, {role: motcua.RoleLeader, args: "$dossier/assign", ctype: formCT, body: "version=x&assignee=u-processor"}},
	"POST /kiosk":                            {{ctype: formCT, body: "service_id=$service&unit=000.00.01.H37&print=1"}, {ctype: formCT, body: "service_id=abc"}},
	"POST /counter/{id}/{action}":            {{role: motcua.RoleReceptionist, args: "$counter/call-next", ctype: formCT}, {role: motcua.RoleReceptionist, args: "$counter/transfer", ctype: formCT, body: "ticket_id=$ticket&target=s$service"}, {role: motcua.RoleReceptionist, args: "$counter/finish", ctype: formCT, body: "dossier_code=$dossier"}},
	"POST /rate/{counter}":                   {{args: "$counter", ctype: formCT, body: "level=satisfied&reasons=polite"}},
	"POST /tra-cuu/{code}/danh-gia":          {{args: "$dossier", ctype: formCT, body: "token=abc&level=satisfied&comment=T%E1%BB%91t"}},
	"POST /dossiers/{code}/rating-code":      {{role: motcua.RoleReceptionist, args: "$dossier", ctype: formCT}},
	"POST /admin/units":                      {{role: motcua.RoleAdmin, ctype: formCT, body: "code=000.00.32.H37&name=S%E1%BB%9F+Y+t%E1%BA%BF&kind=department&parent_code=000.00.00.H37&active=on"}},
	"POST /admin/units/{code}":               {{role: motcua.RoleAdmin, args: "000.00.11.H37", ctype: formCT, body: "code=000.00.11.H37&name=S%E1%BB%9F+T%C6%B0+ph%C3%A1p&kind=department&parent_code=000.00.00.H37&active=on&short_name=STP"}},
	"POST /admin/procedures":                 {{role: motcua.RoleAdmin, ctype: formCT, body: "code=1.007777&name=Th%E1%BB%A7+t%E1%BB%A5c&unit_code=000.00.11.H37&field_code=LLTP&level=province&active=on&result=Gi%E1%BA%A5y&chain=000.00.01.H37"}},
	"POST /admin/procedures/{code}":          {{role: motcua.RoleAdmin, args: "1.004227", ctype: formCT, body: "version=1&name=C%E1%BA%A5p+Phi%E1%BA%BFu&unit_code=000.00.11.H37&field_code=LLTP&level=province&legal_basis=Lu%E1%BA%ADt&four_on_spot=on"}},
	"POST /admin/import": {
		func() routeSeed {
			ct, b := multipartFile("file", "procs.csv", csvBody, "dry_run", "on")
			return routeSeed{role: motcua.RoleAdmin, ctype: ct, body: b}
		}(),
	},
	"POST /admin/users":      {{role: motcua.RoleAdmin, ctype: formCT, body: "username=stp.vanthu&full_name=V%C4%83n+th%C6%B0&password=m%E1%BA%ADt-kh%E1%BA%A9u-th%E1%BB%AD&role=processor&unit_code=000.00.11.H37&lang=vi"}},
	"POST /admin/users/{id}": {{role: motcua.RoleAdmin, args: "$user", ctype: formCT, body: "full_name=Ng%C6%B0%E1%BB%9Di+d%C3%B9ng&role=leader&unit_code=000.00.11.H37&active=on"}},

	// pages read with query parameters and path values
	"GET /book":               {{role: motcua.RoleDirector, query: "q=hoang+van&status=received&unit=000.00.11.H37&overdue=1&page=2"}, {role: motcua.RoleLeader, query: "page=-1&unit=000.00.01.H37"}},
	"GET /book.csv":           {{role: motcua.RoleDirector, query: "q=thu"}},
	"GET /tra-cuu":            {{query: "code=$dossier"}, {query: "code=%00%FF"}},
	"GET /tra-cuu/{code}":     {{args: "$dossier"}, {args: "H37-991332-0000"}},
	"GET /calendar":           {{query: "year=2026&month=2"}, {query: "year=-5&month=13"}},
	"GET /procedures":         {{query: "q=ho+tich&limit=3"}},
	"GET /intake":             {{role: motcua.RoleReceptionist, query: "q=giay+phep&procedure=1.004227"}},
	"GET /ve/{id}":            {{args: "$ticket"}},
	"GET /kiosk/tickets/{id}": {{args: "$ticket"}},
}

// fuzzEnv is a server over a fresh SQLite database holding what the seeds refer to:
// the units, field and procedure of the web tests, one user per role, a received
// dossier, a queue service with a counter, a ticket and a rating terminal, and an
// uploaded attachment.
type fuzzEnv struct {
	srv    *Server
	h      http.Handler
	routes []Route
	tokens map[motcua.Role]string
	subst  *strings.Replacer
}

func newFuzzEnv(tb testing.TB, db *sqldb.DB) *fuzzEnv {
	tb.Helper()
	srv, err := New(db, tb.TempDir(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.CloseQueue)
	srv.SetRateLimits(1<<30, 1<<30)
	srv.SetQueueOptions(0, 1<<30, 1<<30)
	e := &fuzzEnv{srv: srv, h: srv.Handler(), routes: srv.Routes(), tokens: map[motcua.Role]string{}}
	ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "fuzz", Role: motcua.RoleAdmin})
	cs := db.Catalog()
	for _, u := range []catalog.Unit{
		{Code: tProvince, Name: "UBND tỉnh Lạng Sơn", Kind: catalog.UnitProvince, Active: true},
		{Code: tCenter, Name: "Trung tâm Phục vụ hành chính công tỉnh", Kind: catalog.UnitCenter, ParentCode: tProvince, Active: true},
		{Code: tDept, Name: "Sở Tư pháp", Kind: catalog.UnitDepartment, ParentCode: tProvince, Active: true},
	} {
		if err := cs.CreateUnit(ctx, &u); err != nil {
			tb.Fatal(err)
		}
	}
	if err := cs.CreateField(ctx, &catalog.Field{Code: tField, Name: "Lý lịch tư pháp"}); err != nil {
		tb.Fatal(err)
	}
	p := testProcedure("1.004227")
	if err := cs.CreateProcedure(ctx, &p); err != nil {
		tb.Fatal(err)
	}
	var userID int64
	for _, r := range motcua.Roles {
		unit := ""
		if r == motcua.RoleReceptionist {
			unit = tCenter
		} else if auth.NeedsUnit(r) {
			unit = tDept
		}
		u := auth.User{Username: "u-" + string(r), FullName: "Người dùng " + string(r), Role: r, UnitCode: unit}
		if err := db.Users().CreateUser(ctx, &u, tPassword); err != nil {
			tb.Fatal(err)
		}
		if r == motcua.RoleProcessor {
			userID = u.ID
		}
		var out struct{ Token string }
		e.call(tb, "POST", "/api/v1/auth/login", "", fmt.Sprintf(`{"username":%q,"password":%q}`, u.Username, tPassword), 200, &out)
		e.tokens[r] = out.Token
	}
	var d struct{ Code string }
	e.call(tb, "POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recvBody, 201, &d)
	svc := queue.Service{Code: "A", Name: "Lý lịch tư pháp", UnitCode: tCenter, Fields: []string{tField}}
	if err := db.Queue().CreateService(ctx, &svc); err != nil {
		tb.Fatal(err)
	}
	c := queue.Counter{UnitCode: tCenter, Number: 1, Services: []int64{svc.ID}}
	if err := db.Queue().CreateCounter(ctx, &c); err != nil {
		tb.Fatal(err)
	}
	tk, err := db.Queue().Issue(ctx, svc.ID, queue.PriorityNone)
	if err != nil {
		tb.Fatal(err)
	}
	_, term, err := db.Queue().CreateTerminal(ctx, c.ID, "Máy đánh giá")
	if err != nil {
		tb.Fatal(err)
	}
	ct, body := multipartFile("file", "to-khai.pdf", "%PDF-1.4\n%%EOF\n")
	req := httptest.NewRequest("POST", "/api/v1/attachments", strings.NewReader(body))
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer "+e.tokens[motcua.RoleReceptionist])
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	var ref struct{ SHA256 string }
	if rec.Code != 201 || json.Unmarshal(rec.Body.Bytes(), &ref) != nil {
		tb.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}
	e.subst = strings.NewReplacer("$dossier", d.Code, "$counter", fmt.Sprint(c.ID), "$service", fmt.Sprint(svc.ID),
		"$ticket", fmt.Sprint(tk.ID), "$sha", ref.SHA256, "$user", fmt.Sprint(userID), "$terminal", fmt.Sprint(term.ID))
	return e
}

// call sends a JSON request that must answer status, decoding the answer into out.
func (e *fuzzEnv) call(tb testing.TB, method, path, token, body string, status int, out any) {
	tb.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	if rec.Code != status {
		tb.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			tb.Fatal(err)
		}
	}
}

// routeKey names a route as the seed table does.
func routeKey(rt Route) string { return rt.Method + " " + rt.Pattern }

// takesInput reports whether a route must have fuzz seeds: every API route, and every
// page that reads a body (a form).
func takesInput(rt Route) bool {
	return rt.API || (rt.Method != "GET" && rt.Method != "HEAD")
}

// TestEveryRouteHasFuzzSeeds: a route added to the table without fuzz seeds — any API
// route, any page taking a form — fails here, and so does a seed of a route that no
// longer exists.
func TestEveryRouteHasFuzzSeeds(t *testing.T) {
	srv, err := New(sqldbtest.Open(t, sqldb.SQLite), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	var missing []string
	for _, rt := range srv.Routes() {
		known[routeKey(rt)] = true
		if takesInput(rt) && len(routeSeeds[routeKey(rt)]) == 0 {
			missing = append(missing, routeKey(rt))
		}
	}
	if len(missing) > 0 {
		t.Errorf("routes without fuzz seeds in routeSeeds (web/routes_fuzz_test.go):\n  %s", strings.Join(missing, "\n  "))
	}
	for k := range routeSeeds {
		if !known[k] {
			t.Errorf("fuzz seeds for %s, which is not in the route table", k)
		}
	}
}

// FuzzRoutes drives every route of the table with fuzzed path values, query, If-Match,
// content type and body, as a fuzzed role; see the invariants at the top of this file.
func FuzzRoutes(f *testing.F) {
	roles := append([]motcua.Role{""}, motcua.Roles...)
	keys := make([]string, 0, len(routeSeeds))
	for k := range routeSeeds {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, s := range routeSeeds[k] {
			f.Add(k, uint8(slices.Index(roles, s.role)), s.args, s.query, s.ifMatch, s.ctype, []byte(s.body))
		}
	}
	e := newFuzzEnv(f, sqldbtest.Open(f, sqldb.SQLite))
	f.Fuzz(func(t *testing.T, key string, role uint8, args, query, ifMatch, ctype string, body []byte) {
		e.try(t, key, roles[int(role)%len(roles)], args, query, ifMatch, ctype, body)
	})
}

// TestRouteSeeds runs every seed of FuzzRoutes on every configured engine (the fuzzer
// itself runs on SQLite).
func TestRouteSeeds(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newFuzzEnv(t, db)
		keys := make([]string, 0, len(routeSeeds))
		for k := range routeSeeds {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			for _, s := range routeSeeds[k] {
				e.try(t, k, s.role, s.args, s.query, s.ifMatch, s.ctype, []byte(s.body))
			}
		}
	})
}

// try sends one fuzzed request to the route named key (see route) and checks the
// answer.
func (e *fuzzEnv) try(t *testing.T, key string, r motcua.Role, args, query, ifMatch, ctype string, body []byte) {
	t.Helper()
	rt, ok := e.route(key)
	if !ok {
		return
	}
	for _, h := range []string{ifMatch, ctype} {
		if strings.ContainsAny(h, "\r\n\x00") { // not a header a client can send
			return
		}
	}
	args, query = e.subst.Replace(args), e.subst.Replace(query)
	body = []byte(e.subst.Replace(string(body)))
	target := fillPattern(rt.Pattern, args)
	if query != "" {
		target += "?" + query
	}
	req, err := http.NewRequest(rt.Method, "http://motcua.test"+target, bytes.NewReader(body))
	if err != nil {
		return // not a URL a client can send
	}
	req.RemoteAddr = "192.0.2.7:40000"
	if ctype == "" && len(body) > 0 {
		ctype = "application/json"
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	if r != "" {
		token := e.tokens[r]
		if strings.HasSuffix(rt.Pattern, "/logout") { // a session of its own, so the others stay valid
			var out struct{ Token string }
			e.call(t, "POST", "/api/v1/auth/login", "", fmt.Sprintf(`{"username":"u-%s","password":%q}`, r, tPassword), 200, &out)
			token = out.Token
		}
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	checkAnswer(t, e, rt, req, rec, r)
}

// route finds the route named key, or — for a key the fuzzer mutated — one chosen by
// the key's hash, so every mutation still exercises some route.
func (e *fuzzEnv) route(key string) (Route, bool) {
	if len(e.routes) == 0 {
		return Route{}, false
	}
	for _, rt := range e.routes {
		if routeKey(rt) == key {
			return rt, true
		}
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return e.routes[int(h.Sum32()%uint32(len(e.routes)))], true
}

// fillPattern puts the "/"-separated values of args into the pattern's wildcards
// (path-escaped; "x" when missing) and drops the {$} end anchor.
func fillPattern(pattern, args string) string {
	vals := strings.Split(args, "/")
	var b strings.Builder
	i := 0
	for {
		open := strings.IndexByte(pattern, '{')
		if open < 0 {
			b.WriteString(pattern)
			return b.String()
		}
		end := strings.IndexByte(pattern[open:], '}')
		if end < 0 {
			b.WriteString(pattern)
			return b.String()
		}
		b.WriteString(pattern[:open])
		name := pattern[open+1 : open+end]
		pattern = pattern[open+end+1:]
		if name == "$" {
			continue
		}
		v := "x"
		if i < len(vals) && vals[i] != "" {
			v = vals[i]
		}
		i++
		b.WriteString(url.PathEscape(v))
	}
}

// unfilled finds a message parameter left in a translated text.
var unfilled = regexp.MustCompile(`\{[a-z_]+\}`)

// checkAnswer asserts the invariants of one answer.
func checkAnswer(t *testing.T, e *fuzzEnv, rt Route, req *http.Request, rec *httptest.ResponseRecorder, role motcua.Role) {
	t.Helper()
	status, ct := rec.Code, rec.Header().Get("Content-Type")
	what := fmt.Sprintf("%s %s as %q (Content-Type %q)", req.Method, req.URL, role, req.Header.Get("Content-Type"))
	if status >= 500 {
		t.Fatalf("%s: %d %s", what, status, rec.Body)
	}
	mt, _, _ := mime.ParseMediaType(ct)
	api := strings.HasPrefix(req.URL.Path, "/api/")
	switch {
	case status >= 400 && (api || mt == "application/problem+json"):
		var p Problem
		if mt != "application/problem+json" || json.Unmarshal(rec.Body.Bytes(), &p) != nil {
			t.Fatalf("%s: %d answered %q, not a problem document: %.300s", what, status, ct, rec.Body)
		}
		if p.Status != status || statusOf[p.Code] != status || p.Detail == "" || p.Title == "" {
			t.Fatalf("%s: problem %+v with status %d", what, p, status)
		}
		if m := unfilled.FindString(p.Detail); m != "" {
			t.Fatalf("%s: message %q lacks its parameter %s", what, p.Key, m)
		}
		if p.Key == "request.unknown_field" && p.Field == "" {
			t.Fatalf("%s: %s names no field: %+v", what, p.Key, p)
		}
	case status >= 400:
		if mt != "text/html" {
			t.Fatalf("%s: page refusal %d answered %q", what, status, ct)
		}
	case mt == "application/json" && !json.Valid(rec.Body.Bytes()):
		t.Fatalf("%s: %d invalid JSON %.300s", what, status, rec.Body)
	}
	if loc := rec.Header().Get("Location"); status == http.StatusCreated && strings.HasPrefix(loc, "/api/") {
		get := httptest.NewRequest("GET", loc, nil)
		if role != "" {
			get.Header.Set("Authorization", "Bearer "+e.tokens[role])
		}
		res := httptest.NewRecorder()
		e.h.ServeHTTP(res, get)
		if res.Code != http.StatusOK && res.Code != http.StatusForbidden {
			t.Fatalf("%s created %s, which answers %d %s", what, loc, res.Code, res.Body)
		}
	}
}
