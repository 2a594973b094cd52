// Package reporttest is a small province whose report figures are known by hand: three
// units, three procedures and fourteen dossiers driven through the real dossier rules
// (dossier.Decide and dossier.Apply, directly or through a store), with the figures of
// several periods worked out in the comments of Periods. The report package checks its
// pure evaluation against them and sqldb its rollups on both engines.
//
// The calendar is calendar.Default(): Monday–Friday 07:30–11:30 and 13:30–17:00 (450
// working minutes a day), Tết 2026 from Saturday 14 to Sunday 22 February (Monday 16 –
// Friday 20 off).
package reporttest

import (
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/report"
)

// Units of the province: the centre C receives and returns every dossier; A (justice)
// resolves P1 and starts the chain P2, which B (construction) finishes; P3 is resolved
// "4 tại chỗ" at the centre.
const (
	Province = "000.00.00.H37"
	C        = "000.00.01.H37"
	A        = "000.00.11.H37"
	B        = "000.00.12.H37"
)

// Actors of the scenario.
var (
	RcptC   = motcua.Actor{Username: "motcua1", Role: motcua.RoleReceptionist, UnitCode: C}
	LeadA   = motcua.Actor{Username: "stp.lanhdao", Role: motcua.RoleLeader, UnitCode: A}
	ProcA   = motcua.Actor{Username: "stp.chuyenvien", Role: motcua.RoleProcessor, UnitCode: A}
	LeadB   = motcua.Actor{Username: "sxd.lanhdao", Role: motcua.RoleLeader, UnitCode: B}
	ProcB   = motcua.Actor{Username: "sxd.chuyenvien", Role: motcua.RoleProcessor, UnitCode: B}
	LeadC   = motcua.Actor{Username: "ttpv.lanhdao", Role: motcua.RoleLeader, UnitCode: C}
	ProcC   = motcua.Actor{Username: "ttpv.chuyenvien", Role: motcua.RoleProcessor, UnitCode: C}
	Admin   = motcua.Actor{Username: "quantri", Role: motcua.RoleAdmin}
	Citizen = motcua.Actor{Username: "vneid:020095001234", Role: dossier.RoleApplicant}
)

// Units returns the units to store (parents first).
func Units() []catalog.Unit {
	return []catalog.Unit{
		{Code: Province, Name: "UBND tỉnh Lạng Sơn", Kind: catalog.UnitProvince, Active: true},
		{Code: C, Name: "Trung tâm Phục vụ hành chính công tỉnh", Kind: catalog.UnitCenter, ParentCode: Province, Active: true},
		{Code: A, Name: "Sở Tư pháp", Kind: catalog.UnitDepartment, ParentCode: Province, Active: true},
		{Code: B, Name: "Sở Xây dựng", Kind: catalog.UnitDepartment, ParentCode: Province, Active: true},
	}
}

// Fields returns the fields of the procedures.
func Fields() []catalog.Field {
	return []catalog.Field{{Code: "LLTP", Name: "Lý lịch tư pháp"}, {Code: "XD", Name: "Xây dựng"}, {Code: "HT", Name: "Hộ tịch"}}
}

// Procedure codes.
const (
	P1 = "1.001193" // A, 5 working days, fee 200 000 đ
	P2 = "1.009972" // A then B (liên thông), 10 working days, no fee
	P3 = "2.000635" // 4 tại chỗ at C, 1 working day, no fee
)

// FieldOf maps the procedures to their fields.
var FieldOf = map[string]string{P1: "LLTP", P2: "XD", P3: "HT"}

// Procedures returns the three procedures.
func Procedures() []catalog.Procedure {
	base := func(code, name, unit, field string, days int) catalog.Procedure {
		return catalog.Procedure{Code: code, Name: name, UnitCode: unit, FieldCode: field, Level: catalog.LevelProvince,
			TimeLimits: []catalog.TimeLimit{
				{Channel: catalog.ChannelCounter, Amount: days, Unit: catalog.WorkingDays},
				{Channel: catalog.ChannelOnlineFull, Amount: days, Unit: catalog.WorkingDays},
			},
			Papers:   []catalog.Paper{{Name: "Tờ khai", Originals: 1, Mandatory: true}},
			Channels: []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlineFull, catalog.ChannelPost},
			Chain:    []string{}, Result: "Kết quả", Active: true}
	}
	p1 := base(P1, "Cấp Phiếu lý lịch tư pháp", A, "LLTP", 5)
	p1.Fees = []catalog.Fee{{Kind: catalog.FeeFee, Name: "Phí cung cấp thông tin lý lịch tư pháp", Amount: 200_000}}
	p1.Steps = []catalog.Step{
		{Name: "Tiếp nhận", UnitCode: C, Role: motcua.RoleReceptionist, Minutes: 60},
		{Name: "Phân công", Role: motcua.RoleLeader, Minutes: 240},
		{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 1200},
		{Name: "Phê duyệt", Role: motcua.RoleLeader, Minutes: 450},
		{Name: "Trả kết quả", UnitCode: C, Role: motcua.RoleReceptionist, Minutes: 60},
	}
	p2 := base(P2, "Cấp giấy phép xây dựng (liên thông)", A, "XD", 10)
	p2.Steps = []catalog.Step{
		{Name: "Tiếp nhận", UnitCode: C, Role: motcua.RoleReceptionist, Minutes: 60},
		{Name: "Phân công", UnitCode: A, Role: motcua.RoleLeader, Minutes: 240},
		{Name: "Thẩm định", UnitCode: A, Role: motcua.RoleProcessor, Minutes: 450},
		{Name: "Phê duyệt", UnitCode: A, Role: motcua.RoleLeader, Minutes: 240},
		{Name: "Phân công", UnitCode: B, Role: motcua.RoleLeader, Minutes: 240},
		{Name: "Thẩm định", UnitCode: B, Role: motcua.RoleProcessor, Minutes: 450},
		{Name: "Phê duyệt", UnitCode: B, Role: motcua.RoleLeader, Minutes: 240},
		{Name: "Trả kết quả", UnitCode: C, Role: motcua.RoleReceptionist, Minutes: 60},
	}
	p3 := base(P3, "Chứng thực bản sao từ bản chính", C, "HT", 1)
	p3.FourOnSpot = true
	p3.Steps = []catalog.Step{
		{Name: "Tiếp nhận", UnitCode: C, Role: motcua.RoleReceptionist, Minutes: 30},
		{Name: "Phân công", Role: motcua.RoleLeader, Minutes: 60},
		{Name: "Xử lý", Role: motcua.RoleProcessor, Minutes: 120},
		{Name: "Ký", Role: motcua.RoleLeader, Minutes: 60},
		{Name: "Trả kết quả", UnitCode: C, Role: motcua.RoleReceptionist, Minutes: 30},
	}
	return []catalog.Procedure{p1, p2, p3}
}

// Driver stores dossiers: Create makes a new dossier at instant at and returns its
// code; Act applies a command to it at instant at.
type Driver interface {
	Create(at time.Time, cmd dossier.Command, a motcua.Actor, p *catalog.Procedure) (string, error)
	Act(at time.Time, code string, cmd dossier.Command, a motcua.Actor) error
}

// T returns the instant y-m-d hh:mm in Vietnam time.
func T(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.ICT)
}

func applicant() *dossier.Applicant {
	return &dossier.Applicant{Kind: dossier.ApplicantPerson, FullName: "Hoàng Văn Thụ", IDNumber: "020095001234",
		Phone: "0912345678", Address: "Phường Đông Kinh, Lạng Sơn"}
}

var (
	papers = []dossier.PaperReceived{{Name: "Tờ khai", Originals: 1}}
	doc    = "5f2b51e8e8e3c1bd0a1c4a1d0ff3b2f6c1f0f0a8b5a9e4d3c2b1a0f9e8d7c6b5"
	taker  = &dossier.Recipient{Name: "Hoàng Văn Thụ", IDNumber: "020095001234"}
	cash   = func(r string) *dossier.Payment {
		return &dossier.Payment{Method: dossier.PayCash, Receipt: r, Amount: 200_000}
	}
	receive = func(ch catalog.Channel) dossier.Command {
		return dossier.Command{Action: dossier.ActReceive, Channel: ch, Applicant: applicant(), Papers: papers}
	}
)

// Run drives the fourteen dossiers through d, in time order per dossier. The comment
// of each gives the legal due and the classification worked out by hand.
func Run(d Driver) error {
	ps := Procedures()
	p1, p2, p3 := &ps[0], &ps[1], &ps[2]
	var err error
	must := func(e error) {
		if err == nil && e != nil {
			err = e
		}
	}
	create := func(at time.Time, cmd dossier.Command, a motcua.Actor, p *catalog.Procedure) string {
		if err != nil {
			return ""
		}
		code, e := d.Create(at, cmd, a, p)
		if e != nil {
			must(fmt.Errorf("create %s at %s: %w", cmd.Action, at, e))
		}
		return code
	}
	act := func(code string, at time.Time, a motcua.Actor, cmd dossier.Command) {
		if err != nil {
			return
		}
		if e := d.Act(at, code, cmd, a); e != nil {
			must(fmt.Errorf("%s on %s at %s: %w", cmd.Action, code, at, e))
		}
	}
	transfer := dossier.Command{Action: dossier.ActTransfer}
	assign := func(who motcua.Actor) dossier.Command {
		return dossier.Command{Action: dossier.ActAssign, Assignee: who.Username}
	}
	propose := dossier.Command{Action: dossier.ActProposeResult, Summary: "Đủ điều kiện"}
	approve := dossier.Command{Action: dossier.ActApprove, DocumentSHA256: doc}
	hand := dossier.Command{Action: dossier.ActReturnResult, Recipient: taker}

	// D13, a year earlier: received Mon 3 Feb 2025 08:00 (Tết 2025 ended 2 Feb), due
	// Mon 10 Feb 2025 08:00; approved Tue 4 Feb 10:00: early, 1680 minutes ahead (300 +
	// 3×450 + 30); every step on time; returned Wed 5 Feb.
	c := create(T(2025, 2, 3, 8, 0), receive(""), RcptC, p1)
	act(c, T(2025, 2, 3, 8, 30), RcptC, transfer)
	act(c, T(2025, 2, 3, 9, 0), LeadA, assign(ProcA))
	act(c, T(2025, 2, 4, 9, 0), ProcA, propose)
	act(c, T(2025, 2, 4, 10, 0), LeadA, approve)
	act(c, T(2025, 2, 5, 9, 0), RcptC, hand)

	// D14, carried over into February: received Thu 29 Jan 2026 08:00, due Thu 5 Feb
	// 08:00; the approval step (due Mon 2 Feb 09:00) ends Mon 2 Feb 10:00, 60 minutes
	// late at A, yet the dossier is early by 1230 minutes (300 + 450 + 450 + 30);
	// returned Tue 3 Feb. Fee owed, never paid.
	c = create(T(2026, 1, 29, 8, 0), receive(""), RcptC, p1)
	act(c, T(2026, 1, 29, 8, 30), RcptC, transfer)
	act(c, T(2026, 1, 29, 9, 0), LeadA, assign(ProcA))
	act(c, T(2026, 1, 30, 9, 0), ProcA, propose)
	act(c, T(2026, 2, 2, 10, 0), LeadA, approve)
	act(c, T(2026, 2, 3, 9, 0), RcptC, hand)

	// D1, completed exactly at the due minute: received Mon 2 Feb 08:00 with the fee
	// paid, due Mon 9 Feb 08:00; approved Mon 9 Feb 08:00: on time, 0 minutes ahead.
	// The approval step (due Thu 5 Feb 15:00) is 600 minutes late (120 + 450 + 30).
	cmd := receive("")
	cmd.Payment = cash("BL-0001")
	c = create(T(2026, 2, 2, 8, 0), cmd, RcptC, p1)
	act(c, T(2026, 2, 2, 8, 30), RcptC, transfer)
	act(c, T(2026, 2, 2, 9, 0), LeadA, assign(ProcA))
	act(c, T(2026, 2, 4, 15, 0), ProcA, propose) // processing due Wed 4 Feb 16:00
	act(c, T(2026, 2, 9, 8, 0), LeadA, approve)
	act(c, T(2026, 2, 10, 10, 0), RcptC, hand)

	// D4, the inter-agency chain late at its second unit: received Mon 2 Feb 09:00,
	// 10 working days across Tết: due Mon 23 Feb 09:00. A's three steps are on time; B
	// appraises from Tue 3 Feb 11:00 (due Wed 4 Feb 11:00) to Thu 12 Feb 09:00, 2580
	// minutes late, and its leader signs Mon 23 Feb 10:00 (due Thu 12 Feb 15:00), 720
	// minutes late: the dossier is late by 60 minutes and the lateness is B's. B's
	// leader issues an apology on 12 Feb. Returned Tue 24 Feb.
	c = create(T(2026, 2, 2, 9, 0), receive(""), RcptC, p2)
	act(c, T(2026, 2, 2, 9, 30), RcptC, transfer)
	act(c, T(2026, 2, 2, 10, 0), LeadA, assign(ProcA))
	act(c, T(2026, 2, 3, 9, 0), ProcA, propose)
	act(c, T(2026, 2, 3, 10, 0), LeadA, approve)
	act(c, T(2026, 2, 3, 11, 0), LeadB, assign(ProcB))
	act(c, T(2026, 2, 12, 9, 0), ProcB, propose)
	act(c, T(2026, 2, 12, 10, 0), LeadB, dossier.Command{Action: dossier.ActApologize, Reason: "Chờ ý kiến phối hợp",
		Appointment: T(2026, 2, 25, 17, 0)})
	act(c, T(2026, 2, 23, 10, 0), LeadB, approve)
	act(c, T(2026, 2, 24, 9, 0), RcptC, hand)

	// D3, with a supplement stop: received Tue 3 Feb 08:00, due Tue 10 Feb 08:00; the
	// processor asks for a paper Wed 4 Feb 08:00 and it comes Fri 6 Feb 08:00: 900
	// working minutes stopped move the due to Thu 12 Feb 08:00 (and the appraisal's
	// due to Mon 9 Feb 16:00). Approved Wed 11 Feb 14:00: early by 210 minutes, the
	// approval step (due Tue 10 Feb 10:00) 570 minutes late. Never collected.
	c = create(T(2026, 2, 3, 8, 0), receive(""), RcptC, p1)
	act(c, T(2026, 2, 3, 8, 30), RcptC, transfer)
	act(c, T(2026, 2, 3, 9, 0), LeadA, assign(ProcA))
	act(c, T(2026, 2, 4, 8, 0), ProcA, dossier.Command{Action: dossier.ActRequestSupplement, Reason: "Thiếu bản sao CCCD",
		MissingPapers: []string{"Bản sao CCCD"}})
	act(c, T(2026, 2, 6, 8, 0), RcptC, dossier.Command{Action: dossier.ActSupplementReceived,
		Papers: []dossier.PaperReceived{{Name: "Bản sao CCCD", Copies: 1}}})
	act(c, T(2026, 2, 9, 10, 0), ProcA, propose)
	act(c, T(2026, 2, 11, 14, 0), LeadA, approve)

	// D6, withdrawn: received Wed 4 Feb 10:00 (due Wed 11 Feb 10:00), withdrawn Fri 6
	// Feb 10:00 during appraisal (its due Mon 9 Feb 08:30: on time).
	c = create(T(2026, 2, 4, 10, 0), receive(""), RcptC, p1)
	act(c, T(2026, 2, 4, 10, 30), RcptC, transfer)
	act(c, T(2026, 2, 4, 11, 0), LeadA, assign(ProcA))
	act(c, T(2026, 2, 6, 10, 0), RcptC, dossier.Command{Action: dossier.ActWithdraw, Reason: "Người nộp xin rút hồ sơ"})

	// D5, refused at intake Thu 5 Feb 10:00: never received.
	cmd = dossier.Command{Action: dossier.ActRefuseIntake, Applicant: applicant(), Reason: "Không thuộc thẩm quyền"}
	create(T(2026, 2, 5, 10, 0), cmd, RcptC, p1)

	// D2, across Tết: received Fri 13 Feb 09:00, due Fri 27 Feb 09:00; the fee paid Tue
	// 24 Feb; approved Wed 25 Feb 08:00: early by 960 minutes (420 + 450 + 90); sent by
	// post Thu 26 Feb, delivered Mon 2 Mar 10:00.
	cmd = receive("")
	cmd.ReturnMethod = &dossier.ReturnMethod{Kind: dossier.ReturnPost, Address: "Số 5 Lê Lợi, Lạng Sơn"}
	c = create(T(2026, 2, 13, 9, 0), cmd, RcptC, p1)
	act(c, T(2026, 2, 13, 9, 30), RcptC, transfer)
	act(c, T(2026, 2, 13, 10, 0), LeadA, assign(ProcA))
	act(c, T(2026, 2, 24, 9, 0), ProcA, propose) // appraisal due Tue 24 Feb 17:00
	act(c, T(2026, 2, 24, 9, 30), RcptC, dossier.Command{Action: dossier.ActPay, Payment: cash("BL-0002")})
	act(c, T(2026, 2, 25, 8, 0), LeadA, approve)
	act(c, T(2026, 2, 26, 9, 0), RcptC, dossier.Command{Action: dossier.ActSendByPost, TrackingNumber: "EE123456789VN"})
	act(c, T(2026, 3, 2, 10, 0), RcptC, dossier.Command{Action: dossier.ActPostDelivered})

	// D8, online and late: submitted Sun 1 Mar 20:00 with the fee paid online, accepted
	// Mon 2 Mar 08:00, due Mon 9 Mar 08:00; the appraisal (due Wed 4 Mar 17:00) ends
	// Tue 10 Mar 09:00, 1440 minutes late; approved Tue 10 Mar 10:00: late by 570
	// minutes (420 + 150); returned Wed 11 Mar.
	c = create(T(2026, 3, 1, 20, 0), dossier.Command{Action: dossier.ActSubmitOnline, UnitCode: C, Channel: catalog.ChannelOnlineFull,
		Applicant: applicant(), Papers: papers, Payment: &dossier.Payment{Method: dossier.PayOnline, Receipt: "DVC-0001", Amount: 200_000}}, Citizen, p1)
	act(c, T(2026, 3, 2, 8, 0), RcptC, dossier.Command{Action: dossier.ActAcceptOnline})
	act(c, T(2026, 3, 2, 9, 0), RcptC, transfer)
	act(c, T(2026, 3, 2, 10, 0), LeadA, assign(ProcA))
	act(c, T(2026, 3, 10, 9, 0), ProcA, propose)
	act(c, T(2026, 3, 10, 10, 0), LeadA, approve)
	act(c, T(2026, 3, 11, 9, 0), RcptC, hand)

	// D7, still pending: received Mon 2 Mar 08:00, due Mon 9 Mar 08:00, assigned and
	// then nothing: within the deadline until 8 Mar, overdue from 9 Mar.
	c = create(T(2026, 3, 2, 8, 0), receive(""), RcptC, p1)
	act(c, T(2026, 3, 2, 8, 30), RcptC, transfer)
	act(c, T(2026, 3, 2, 9, 0), LeadA, assign(ProcA))

	// D9, "4 tại chỗ" at the centre: received Tue 3 Mar 08:00, due Wed 4 Mar 08:00,
	// approved Tue 3 Mar 10:30: early by 300 minutes; returned at 11:00.
	c = create(T(2026, 3, 3, 8, 0), receive(""), RcptC, p3)
	act(c, T(2026, 3, 3, 8, 15), RcptC, transfer)
	act(c, T(2026, 3, 3, 8, 30), LeadC, assign(ProcC))
	act(c, T(2026, 3, 3, 10, 0), ProcC, propose)
	act(c, T(2026, 3, 3, 10, 30), LeadC, approve)
	act(c, T(2026, 3, 3, 11, 0), RcptC, hand)

	// D10, refused after appraisal: received Tue 3 Mar 09:00, due Tue 10 Mar 09:00;
	// refusal signed Thu 5 Mar 09:00: resolved early by 1350 minutes (360 + 450 + 450 +
	// 90), every step on time.
	c = create(T(2026, 3, 3, 9, 0), receive(""), RcptC, p1)
	act(c, T(2026, 3, 3, 9, 30), RcptC, transfer)
	act(c, T(2026, 3, 3, 10, 0), LeadA, assign(ProcA))
	act(c, T(2026, 3, 4, 9, 0), ProcA, dossier.Command{Action: dossier.ActProposeRefusal, Reason: "Không đủ điều kiện"})
	act(c, T(2026, 3, 5, 9, 0), LeadA, dossier.Command{Action: dossier.ActRefuse, Reason: "Không đủ điều kiện", DocumentSHA256: doc})

	// D12, cancelled: received Wed 4 Mar 10:00, cancelled by an administrator at 10:45.
	c = create(T(2026, 3, 4, 10, 0), receive(""), RcptC, p1)
	act(c, T(2026, 3, 4, 10, 45), Admin, dossier.Command{Action: dossier.ActCancel, Reason: "Nhập trùng"})

	// D11, submitted online Sat 7 Mar 10:00 and never accepted: not received.
	create(T(2026, 3, 7, 10, 0), dossier.Command{Action: dossier.ActSubmitOnline, UnitCode: C, Channel: catalog.ChannelOnlineFull,
		Applicant: applicant(), Papers: papers}, Citizen, p1)
	return err
}

// Period is one report of the scenario with its figures worked out by hand.
type Period struct {
	Name  string
	Query report.Query
	Want  report.Figures
}

func pct(v float64) *float64 { return &v }

// Periods are the hand-computed reports of the scenario (all dossiers are received
// at C; "ahead" in working minutes). Dossier by dossier, the days that matter:
//
//	     received   ended      due        outcome        ahead/behind
//	D13  2025-02-03 2025-02-04 2025-02-10 early          +1680
//	D14  01-29      02-02      02-05      early          +1230 (A's approval step 60 late)
//	D1   02-02      02-09      02-09      on time        0     (A's approval step 600 late)
//	D4   02-02      02-23      02-23      late (B)       −60   (B: 2580 + 720 late)
//	D3   02-03      02-11      02-12      early          +210  (A's approval step 570 late)
//	D6   02-04      02-06      02-11      withdrawn
//	D5   —          —          —          refused at intake 02-05
//	D2   02-13      02-25      02-27      early          +960  (post delivery 03-02)
//	D8   03-02      03-10      03-09      late           −570  (online; A's appraisal 1440 late)
//	D7   03-02      —          03-09      pending
//	D9   03-03      03-03      03-04      early          +300  (4 tại chỗ, C)
//	D10  03-03      03-05      03-10      early (refused) +1350
//	D12  03-04      03-04      03-11      cancelled
//	D11  —          —          —          submitted online 03-07, never accepted
var Periods = []Period{
	{
		// February: D14 carried over; received D1 D4 D3 D6 D2; resolved D14 D3 D2
		// early, D1 on time, D4 late; nothing pending at the end. Steps: 18 on time
		// (C 5, A 12, B 1), 5 late (A 3: 60+600+570, B 2: 2580+720).
		Name: "february", Query: report.Query{From: calendar.D(2026, 2, 1), To: calendar.D(2026, 2, 28)},
		Want: report.Figures{CarriedOver: 1, Received: 5, ReceivedCounter: 5,
			Resolved: 5, ResolvedEarly: 3, ResolvedOnTime: 1, ResolvedLate: 1, OnTimeRate: pct(80), LateRate: pct(20),
			SupplementRequests: 1, Apologies: 1, RefusedIntake: 1, Withdrawn: 1,
			ResultsReady: 5, ReadyReturned: 4, ReturnRate: pct(80), Returned: 3,
			FeesOwed: 800_000, FeesCollected: 400_000, FeeDossiers: 4, OnlinePaymentShare: pct(0),
			ElectronicResults: 5, ElectronicResultShare: pct(100),
			MinutesAhead: 2400, HoursAhead: 40, AverageHoursAhead: pct(8), MinutesBehind: 60, HoursBehind: 1,
			OnlineShare: pct(0), FourOnSpotShare: pct(0),
			StepsOnTime: 18, StepsLate: 5, StepLateMinutes: 4530,
			ReceivedPreviousYear: 1, ReceivedRatio: pct(5), ResolvedPreviousYear: 1, ResolvedRatio: pct(5)},
	},
	{
		// 1–6 March, ending while D7 and D8 are pending within their deadline (due 9
		// March): received D7 D8 (online) D9 (4 tại chỗ) D10 D12; resolved D9 and D10
		// early; D2's postal delivery and D9 returned; D8's fee paid online on 1 March.
		Name: "march-1-6", Query: report.Query{From: calendar.D(2026, 3, 1), To: calendar.D(2026, 3, 6)},
		Want: report.Figures{Received: 5, ReceivedCounter: 4, ReceivedOnlineFull: 1, ReceivedOnline: 1, ReceivedFourOnSpot: 1,
			SubmittedOnline: 1, Resolved: 2, ResolvedEarly: 2, OnTimeRate: pct(100), LateRate: pct(0),
			Pending: 2, PendingWithinDeadline: 2, Refused: 1, Cancelled: 1,
			ResultsReady: 1, ReadyReturned: 1, ReturnRate: pct(100), Returned: 2, ReturnedPost: 1,
			FeesOwed: 800_000, FeesCollected: 200_000, FeeDossiers: 4, PaidOnline: 1, OnlinePaymentShare: pct(25),
			ElectronicResults: 1, ElectronicResultShare: pct(100),
			MinutesAhead: 1650, HoursAhead: 27.5, AverageHoursAhead: pct(13.75),
			OnlineShare: pct(20), FourOnSpotShare: pct(20), StepsOnTime: 13},
	},
	{
		// 2–9 March, ending while D7 and D8 are pending and overdue (due 9 March 08:00).
		Name: "march-2-9", Query: report.Query{From: calendar.D(2026, 3, 2), To: calendar.D(2026, 3, 9)},
		Want: report.Figures{Received: 5, ReceivedCounter: 4, ReceivedOnlineFull: 1, ReceivedOnline: 1, ReceivedFourOnSpot: 1,
			SubmittedOnline: 1, Resolved: 2, ResolvedEarly: 2, OnTimeRate: pct(100), LateRate: pct(0),
			Pending: 2, PendingOverdue: 2, Refused: 1, Cancelled: 1,
			ResultsReady: 1, ReadyReturned: 1, ReturnRate: pct(100), Returned: 2, ReturnedPost: 1,
			FeesOwed: 800_000, FeeDossiers: 4, PaidOnline: 1, OnlinePaymentShare: pct(25),
			ElectronicResults: 1, ElectronicResultShare: pct(100),
			MinutesAhead: 1650, HoursAhead: 27.5, AverageHoursAhead: pct(13.75),
			OnlineShare: pct(20), FourOnSpotShare: pct(20), StepsOnTime: 13},
	},
	{
		// March (a whole month: read from the month rollup): D8 resolved late too; D7
		// pending and overdue at the end.
		Name: "march", Query: report.Query{From: calendar.D(2026, 3, 1), To: calendar.D(2026, 3, 31)},
		Want: report.Figures{Received: 5, ReceivedCounter: 4, ReceivedOnlineFull: 1, ReceivedOnline: 1, ReceivedFourOnSpot: 1,
			SubmittedOnline: 2, Resolved: 3, ResolvedEarly: 2, ResolvedLate: 1, OnTimeRate: pct(66.67), LateRate: pct(33.33),
			Pending: 1, PendingOverdue: 1, Refused: 1, Cancelled: 1,
			ResultsReady: 2, ReadyReturned: 2, ReturnRate: pct(100), Returned: 3, ReturnedPost: 1,
			FeesOwed: 800_000, FeesCollected: 200_000, FeeDossiers: 4, PaidOnline: 1, OnlinePaymentShare: pct(25),
			ElectronicResults: 2, ElectronicResultShare: pct(100),
			MinutesAhead: 1650, HoursAhead: 27.5, AverageHoursAhead: pct(9.17), MinutesBehind: 570, HoursBehind: 9.5,
			OnlineShare: pct(20), FourOnSpotShare: pct(20), StepsOnTime: 14, StepsLate: 1, StepLateMinutes: 1440},
	},
	{
		// The first quarter of 2026 (three whole months), against the first quarter of
		// 2025 (D13).
		Name: "q1", Query: report.Query{From: calendar.D(2026, 1, 1), To: calendar.D(2026, 3, 31)},
		Want: report.Figures{Received: 11, ReceivedCounter: 10, ReceivedOnlineFull: 1, ReceivedOnline: 1, ReceivedFourOnSpot: 1,
			SubmittedOnline: 2, Resolved: 8, ResolvedEarly: 5, ResolvedOnTime: 1, ResolvedLate: 2, OnTimeRate: pct(75), LateRate: pct(25),
			Pending: 1, PendingOverdue: 1, SupplementRequests: 1, Apologies: 1, RefusedIntake: 1, Refused: 1, Withdrawn: 1, Cancelled: 1,
			ResultsReady: 7, ReadyReturned: 6, ReturnRate: pct(85.71), Returned: 6, ReturnedPost: 1,
			FeesOwed: 1_800_000, FeesCollected: 600_000, FeeDossiers: 9, PaidOnline: 1, OnlinePaymentShare: pct(11.11),
			ElectronicResults: 7, ElectronicResultShare: pct(100),
			MinutesAhead: 4050, HoursAhead: 67.5, AverageHoursAhead: pct(8.44), MinutesBehind: 630, HoursBehind: 10.5,
			OnlineShare: pct(9.09), FourOnSpotShare: pct(9.09), StepsOnTime: 35, StepsLate: 6, StepLateMinutes: 5970,
			ReceivedPreviousYear: 1, ReceivedRatio: pct(11), ResolvedPreviousYear: 1, ResolvedRatio: pct(8)},
	},
	{
		// February, the chain procedure only (field XD): D4, late, with its apology;
		// B's late steps are counted with the procedure's cells.
		Name: "february-field-XD", Query: report.Query{From: calendar.D(2026, 2, 1), To: calendar.D(2026, 2, 28), Field: "XD"},
		Want: report.Figures{Received: 1, ReceivedCounter: 1, Resolved: 1, ResolvedLate: 1, OnTimeRate: pct(0), LateRate: pct(100),
			Apologies: 1, ResultsReady: 1, ReadyReturned: 1, ReturnRate: pct(100), Returned: 1,
			ElectronicResults: 1, ElectronicResultShare: pct(100),
			MinutesBehind: 60, HoursBehind: 1, AverageHoursAhead: pct(0), OnlineShare: pct(0), FourOnSpotShare: pct(0),
			StepsOnTime: 5, StepsLate: 2, StepLateMinutes: 3300},
	},
	{
		// February, unit B only: B resolves nothing itself (D4 is filed under A, its
		// first unit) but its steps are B's.
		Name: "february-unit-B", Query: report.Query{From: calendar.D(2026, 2, 1), To: calendar.D(2026, 2, 28), Unit: B},
		Want: report.Figures{StepsOnTime: 1, StepsLate: 2, StepLateMinutes: 3300},
	},
}

// Ranking is the late-unit ranking of a period worked out by hand.
type Ranking struct {
	From, To calendar.Date
	Want     []report.UnitRank
}

// Rankings: in February B handled D4 and lost the time (100%), A handled D14, D1, D3,
// D4 and D2 and none was late because of it; C ran intake steps only. In March A
// handled D10 and D8, late because of A's appraisal (50%); C handled D9 and ran the
// intake steps.
var Rankings = []Ranking{
	{From: calendar.D(2026, 2, 1), To: calendar.D(2026, 2, 28), Want: []report.UnitRank{
		{Unit: B, Handled: 1, Late: 1, LateRate: pct(100), StepsOnTime: 1, StepsLate: 2, StepLateMinutes: 3300},
		{Unit: A, Handled: 5, LateRate: pct(0), StepsOnTime: 12, StepsLate: 3, StepLateMinutes: 1230, Resolved: 5, ResolvedLate: 1},
		{Unit: C, StepsOnTime: 5},
	}},
	{From: calendar.D(2026, 3, 1), To: calendar.D(2026, 3, 31), Want: []report.UnitRank{
		{Unit: A, Handled: 2, Late: 1, LateRate: pct(50), StepsOnTime: 6, StepsLate: 1, StepLateMinutes: 1440, Resolved: 2, ResolvedLate: 1},
		{Unit: C, Handled: 1, LateRate: pct(0), StepsOnTime: 8, Resolved: 1},
	}},
}

// Memory is a Driver that keeps the dossiers in memory, deciding with
// calendar.Default() and numbering codes per receiving unit and day. It checks on
// every event that the contribution diffs add up (Σ Diff = Contribution).
type Memory struct {
	Dossiers map[string]*dossier.Dossier
	Events   map[string][]dossier.Event
	Order    []string
	// Applied is the sum of every event's report.Diff.
	Applied report.Cells
	seq     map[string]int
}

// NewMemory returns an empty Memory driver.
func NewMemory() *Memory {
	return &Memory{Dossiers: map[string]*dossier.Dossier{}, Events: map[string][]dossier.Event{}, Applied: report.Cells{}, seq: map[string]int{}}
}

// Create implements Driver.
func (m *Memory) Create(at time.Time, cmd dossier.Command, a motcua.Actor, p *catalog.Procedure) (string, error) {
	unit := a.UnitCode
	if cmd.Action == dossier.ActSubmitOnline {
		unit = cmd.UnitCode
	}
	day := calendar.DateOf(at)
	k := unit + day.String()
	m.seq[k]++
	code := dossier.FormatCode(unit, day, m.seq[k])
	ev, err := dossier.Decide(nil, cmd, a, at, dossier.Env{Procedure: p, Calendar: calendar.Default(), Code: code})
	if err != nil {
		return "", err
	}
	d := &dossier.Dossier{}
	if err := dossier.Apply(d, ev); err != nil {
		return "", err
	}
	m.Dossiers[code], m.Events[code] = d, []dossier.Event{ev}
	m.Order = append(m.Order, code)
	m.Applied.Add(report.Diff(nil, report.Contribution(d)))
	return code, nil
}

// Act implements Driver.
func (m *Memory) Act(at time.Time, code string, cmd dossier.Command, a motcua.Actor) error {
	d := m.Dossiers[code]
	if d == nil {
		return fmt.Errorf("no dossier %s", code)
	}
	ev, err := dossier.Decide(d, cmd, a, at, dossier.Env{Calendar: calendar.Default()})
	if err != nil {
		return err
	}
	before := report.Contribution(d)
	if err := dossier.Apply(d, ev); err != nil {
		return err
	}
	m.Applied.Add(report.Diff(before, report.Contribution(d)))
	m.Events[code] = append(m.Events[code], ev)
	return nil
}

// Cells returns the sum of the contributions of every dossier.
func (m *Memory) Cells() report.Cells {
	c := report.Cells{}
	for _, d := range m.Dossiers {
		c.Add(report.Contribution(d))
	}
	return c.NonZero()
}
