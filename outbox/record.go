package outbox

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/sqldb"
)

// The national portal's dossier-sync record.
//
// Circular 04/2025/TT-VPCP (data exchanged between provincial systems and the national
// portal, in force 25 January 2026; domain.md) sets out what a provincial one-stop
// system sends. Its annex was not available to us; the field names and codes below
// follow what the national portal's existing integration accepts, as implemented by
// open-source provincial systems, and must be checked against the annex before going
// live. Sources (read 2026):
//   - OpenCPS v2, VietOpenCPS/opencps-v2,
//     modules/backend-dossiermgt/backend-dossiermgt-service/src/main/java/org/opencps/
//     dossiermgt/action/impl/DVCQGIntegrationActionImpl.java (commit b5b943c):
//     createSyncDossierBodyRequest builds the "DongBoHoSoMC" record (MaHoSo, MaTTHC,
//     TenTTHC, MaLinhVuc, TenLinhVuc, ChuHoSo, LoaiDoiTuong 1 person / 2 business,
//     MaDoiTuong, Email, SoDienThoai, TrichYeuHoSo, NgayTiepNhan, NgayHenTra,
//     TrangThaiHoSo, NgayTra, HinhThuc 0 counter / 1 post, NgayKetThucXuLy, DonViXuLy,
//     DanhSachLePhi {TenPhiLePhi, MaPhiLePhi, HinhThucThu, Gia, LoaiPhiLePhi},
//     DanhSachHoSoBoSung {…, NgayHenTraTruoc, NgayHenTraMoi}, DanhSachGiayToKetQua);
//     createSyncDossierStatusBodyRequest the "CapNhatTienDoHoSoMC" progress record
//     (MaHoSo, NguoiXuLy, ChucDanh, ThoiDiemXuLy, PhongBanXuLy, NoiDungXuLy, TrangThai,
//     NgayBatDau, NgayKetThucTheoQuyDinh); dates are yyyyMMddHHmmss in
//     Asia/Ho_Chi_Minh (convertDate2String).
//   - Status codes TrangThaiHoSo 1–10 (1 Mới đăng ký, 2 Được tiếp nhận, 3 Không được
//     tiếp nhận, 4 Đang xử lý, 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu thực hiện nghĩa vụ
//     tài chính, 7 Công dân yêu cầu rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong, 10 Đã trả
//     kết quả) and channel codes KenhThucHien 1 trực tiếp, 2 trực tuyến, 3 qua bưu chính
//     công ích, as listed identically by several provincial one-stop front-ends on
//     GitHub (TRANGTHAIHOSO / KENH_THUC_HIEN constants).
//
// The envelope (Record: idempotency key, outbox id, seq, the two parts HoSo and TienDo)
// and the fields marked "motcua extension" are ours: the portal's real endpoint takes
// {"service":"DongBoHoSoMC","isUpdating":…,"data":[HoSo…]} and a separate
// "CapNhatTienDoHoSoMC" call, which an adapter at the configured URL can split out.

// Record is what the connector POSTs for one dossier event: the dossier as it is after
// the event (HoSo) and the progress entry of the event (TienDo). It is idempotent: the
// portal keeps the first Record of each IdempotencyKey and may ignore a Record whose
// Seq is not above the last it applied for the dossier.
type Record struct {
	// IdempotencyKey is "<MaHoSo>#<Seq>", also sent as the Idempotency-Key header.
	IdempotencyKey string `json:"idempotency_key"`
	// OutboxID is the outbox row id (the stream's Nats-Msg-Id).
	OutboxID int64 `json:"outbox_id"`
	// Seq is the event's number in its dossier, 1, 2, 3…: events of one dossier arrive
	// in Seq order; Imported records (a dossier migrated from another system) may start
	// above 1.
	Seq      int    `json:"seq"`
	Action   string `json:"action"` // the motcua action (dossier.Action)
	Imported bool   `json:"imported,omitempty"`
	// IsUpdating is the portal's flag: false for the first record of a dossier.
	IsUpdating bool           `json:"isUpdating"`
	HoSo       DossierRecord  `json:"HoSo"`
	TienDo     ProgressRecord `json:"TienDo"`
}

// DossierRecord is the DongBoHoSoMC record of a dossier. Field by field, from
// sqldb.OutboxDossier (d) and the event (ev):
type DossierRecord struct {
	MaHoSo string `json:"MaHoSo"` // dossier code (Circular 03/2025/TT-VPCP), d code
	MaTTHC string `json:"MaTTHC"` // national procedure code, e.g. 1.004227: d.ProcedureCode
	// TenTTHC: d.ProcedureName. MaLinhVuc/TenLinhVuc (the procedure's field) are not in
	// the event stream and are left empty.
	TenTTHC    string `json:"TenTTHC"`
	MaLinhVuc  string `json:"MaLinhVuc"`
	TenLinhVuc string `json:"TenLinhVuc"`
	// MaCoQuan: the receiving agency's electronic identifier (Decision 20/2020/QĐ-TTg),
	// d.UnitCode. Motcua extension (OpenCPS sends the agency name in DonViXuLy).
	MaCoQuan string `json:"MaCoQuan"`
	// ChuHoSo: the applicant's full name — for a person masked (dossier.MaskName) when the
	// connector runs with ApplicantMasked; an organisation's registered name is public.
	ChuHoSo string `json:"ChuHoSo"`
	// LoaiDoiTuong: "1" person, "2" organisation (OpenCPS: applicantIdType "business").
	LoaiDoiTuong string `json:"LoaiDoiTuong"`
	// MaDoiTuong: the 12-digit personal identification number or the organisation's tax
	// code; empty for a person under ApplicantMasked.
	MaDoiTuong string `json:"MaDoiTuong"`
	// Email, SoDienThoai: the applicant's contacts; empty for a person under
	// ApplicantMasked.
	Email       string `json:"Email"`
	SoDienThoai string `json:"SoDienThoai"`
	// TrichYeuHoSo: the summary; motcua has no free-text summary, the procedure name.
	TrichYeuHoSo string `json:"TrichYeuHoSo"`
	// KenhThucHien: "1" counter, "2" online (full or partial), "3" public postal service.
	KenhThucHien string `json:"KenhThucHien"`
	// NgayNopHoSo: when an online dossier was submitted (d.SubmittedAt). Motcua extension.
	NgayNopHoSo string `json:"NgayNopHoSo,omitempty"`
	// NgayTiepNhan: when the time limit started (d.ReceivedAt).
	NgayTiepNhan string `json:"NgayTiepNhan"`
	// NgayHenTra: the legal appointment d.DueAt, moved only by clock stops; an apology's
	// new appointment goes to NgayHenTraMoi and never replaces it (domain.md).
	NgayHenTra    string `json:"NgayHenTra"`
	NgayHenTraMoi string `json:"NgayHenTraMoi,omitempty"`
	// TrangThaiHoSo: the portal's status code, see PortalStatus.
	TrangThaiHoSo string `json:"TrangThaiHoSo"`
	// NgayKetThucXuLy: the completion instant (d.Completion.Completed: result approved,
	// or refusal signed).
	NgayKetThucXuLy string `json:"NgayKetThucXuLy"`
	// NgayTra: when the result reached the applicant (d.ReturnedAt).
	NgayTra string `json:"NgayTra"`
	// HinhThuc: how the result is returned, "0" at the counter, "1" by post.
	HinhThuc string `json:"HinhThuc"`
	// DonViXuLy: the unit holding the dossier now (d.CurrentUnit, its code).
	DonViXuLy string `json:"DonViXuLy"`
	// GhiChu: the closing reason of a refused, withdrawn or cancelled dossier.
	GhiChu string `json:"GhiChu"`
	// KetQuaXuLy: "early", "on_time" or "late" at completion (calendar.Outcome).
	// Motcua extension; the portal computes its own from the dates.
	KetQuaXuLy string `json:"KetQuaXuLy,omitempty"`
	// DanhSachLePhi: the fee lines (d.Fees).
	DanhSachLePhi []FeeRecord `json:"DanhSachLePhi"`
	// DanhSachThanhToan: payments recorded (d.Payments). Motcua extension.
	DanhSachThanhToan []PaymentRecord `json:"DanhSachThanhToan"`
	// DanhSachHoSoBoSung: supplement requests (d.Supplements).
	DanhSachHoSoBoSung []SupplementRecord `json:"DanhSachHoSoBoSung"`
	// TrangThaiMotcua: motcua's own state (dossier.State). Motcua extension.
	TrangThaiMotcua string `json:"TrangThaiMotcua"`
}

// FeeRecord is one line of DanhSachLePhi. LoaiPhiLePhi: "Phí" (catalog.FeeFee) or "Lệ
// phí" (catalog.FeeCharge), the values provincial front-ends use (unverified against
// the annex); Gia the amount owed in đồng (0 when exempt); MaPhiLePhi and HinhThucThu
// empty (motcua has no fee codes and records the method on the payment).
type FeeRecord struct {
	TenPhiLePhi  string `json:"TenPhiLePhi"`
	MaPhiLePhi   string `json:"MaPhiLePhi"`
	HinhThucThu  string `json:"HinhThucThu"`
	Gia          int64  `json:"Gia"`
	LoaiPhiLePhi string `json:"LoaiPhiLePhi"`
	MienGiam     bool   `json:"MienGiam,omitempty"` // exempt (motcua extension)
}

// PaymentRecord is one payment (motcua extension): method cash, bank_transfer or
// online, receipt number, amount in đồng, time.
type PaymentRecord struct {
	HinhThuc  string `json:"HinhThuc"`
	SoBienLai string `json:"SoBienLai"`
	SoTien    int64  `json:"SoTien"`
	NgayThu   string `json:"NgayThu"`
}

// SupplementRecord is one supplement request: who asked (NguoiYeuCauBoSung), the
// missing papers and reason (NoiDungBoSung), when (NgayBoSung), when the supplement
// came (NgayTiepNhanBoSung), TrangThaiBoSung "0" waiting / "1" received.
type SupplementRecord struct {
	NguoiYeuCauBoSung  string `json:"NguoiYeuCauBoSung"`
	NoiDungBoSung      string `json:"NoiDungBoSung"`
	NgayBoSung         string `json:"NgayBoSung"`
	NgayTiepNhanBoSung string `json:"NgayTiepNhanBoSung"`
	TrangThaiBoSung    string `json:"TrangThaiBoSung"`
}

// ProgressRecord is the CapNhatTienDoHoSoMC entry of the event: NguoiXuLy the officer
// (ev.Actor, a username), ChucDanh their role, ThoiDiemXuLy ev.At, PhongBanXuLy the
// officer's unit code (ev.UnitCode), NoiDungXuLy the action and its reason, TrangThai
// the status code after the event, NgayBatDau the start of the time limit,
// NgayKetThucTheoQuyDinh the due of the step the dossier is at (ev.StepDue), else the
// legal due.
type ProgressRecord struct {
	MaHoSo                 string `json:"MaHoSo"`
	NguoiXuLy              string `json:"NguoiXuLy"`
	ChucDanh               string `json:"ChucDanh"`
	ThoiDiemXuLy           string `json:"ThoiDiemXuLy"`
	PhongBanXuLy           string `json:"PhongBanXuLy"`
	NoiDungXuLy            string `json:"NoiDungXuLy"`
	TrangThai              string `json:"TrangThai"`
	NgayBatDau             string `json:"NgayBatDau"`
	NgayKetThucTheoQuyDinh string `json:"NgayKetThucTheoQuyDinh"`
}

// ApplicantMode says how much of the applicant the records carry.
type ApplicantMode string

// Applicant modes.
const (
	// ApplicantIdentified sends name, ID number and contacts: the portal attaches the
	// dossier to the citizen's account by them (the default).
	ApplicantIdentified ApplicantMode = "identified"
	// ApplicantMasked sends a person's name masked and no ID number or contacts.
	ApplicantMasked ApplicantMode = "masked"
)

// PortalStatus maps a motcua state to the portal's TrangThaiHoSo code. Code 6 (financial
// obligation) has no motcua state. A suspension, a refusal after appraisal and a
// cancellation all map to 8 "Dừng xử lý"; TrangThaiMotcua and TienDo.NoiDungXuLy tell
// them apart.
func PortalStatus(s dossier.State) string {
	switch s {
	case dossier.StateAwaitingIntake:
		return "1"
	case dossier.StateReceived:
		return "2"
	case dossier.StateRefusedIntake:
		return "3"
	case dossier.StateInProcessing:
		return "4"
	case dossier.StateWaitingSupplement:
		return "5"
	case dossier.StateWithdrawn:
		return "7"
	case dossier.StateSuspended, dossier.StateRefused, dossier.StateCancelled:
		return "8"
	case dossier.StateResultReady, dossier.StateSentByPost:
		return "9"
	case dossier.StateReturned:
		return "10"
	}
	return ""
}

func portalChannel(c catalog.Channel) string {
	switch c {
	case catalog.ChannelOnlineFull, catalog.ChannelOnlinePartial:
		return "2"
	case catalog.ChannelPost:
		return "3"
	}
	return "1"
}

// portalTime formats t as yyyyMMddHHmmss in Vietnam time, "" for the zero time.
func portalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(motcua.ICT).Format("20060102150405")
}

// NewRecord maps one outbox message (the body of a stream message, outboxID from its
// Nats-Msg-Id) to the portal record.
func NewRecord(outboxID int64, body []byte, mode ApplicantMode) (Record, error) {
	var m sqldb.OutboxMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return Record{}, fmt.Errorf("decode outbox message %d: %w", outboxID, err)
	}
	if m.Code == "" || m.Seq <= 0 || m.Event.Seq != m.Seq {
		return Record{}, fmt.Errorf("outbox message %d: missing code or seq", outboxID)
	}
	d, ev := m.Dossier, m.Event
	status := PortalStatus(d.State)
	hs := DossierRecord{
		MaHoSo: m.Code, MaTTHC: d.ProcedureCode, TenTTHC: d.ProcedureName, MaCoQuan: d.UnitCode,
		ChuHoSo: d.Applicant.FullName, LoaiDoiTuong: "1", MaDoiTuong: d.Applicant.IDNumber,
		Email: d.Applicant.Email, SoDienThoai: d.Applicant.Phone, TrichYeuHoSo: d.ProcedureName,
		KenhThucHien: portalChannel(d.Channel), NgayNopHoSo: portalTime(d.SubmittedAt),
		NgayTiepNhan: portalTime(d.ReceivedAt), NgayHenTra: portalTime(d.DueAt), TrangThaiHoSo: status,
		NgayTra: portalTime(d.ReturnedAt), HinhThuc: "0", DonViXuLy: d.CurrentUnit, GhiChu: d.ClosedReason,
		DanhSachLePhi: []FeeRecord{}, DanhSachThanhToan: []PaymentRecord{}, DanhSachHoSoBoSung: []SupplementRecord{},
		TrangThaiMotcua: string(d.State),
	}
	if d.Applicant.Kind == dossier.ApplicantOrganisation {
		hs.LoaiDoiTuong = "2"
	} else if mode == ApplicantMasked {
		hs.ChuHoSo, hs.MaDoiTuong, hs.Email, hs.SoDienThoai = dossier.MaskName(d.Applicant.FullName), "", "", ""
	}
	if d.ReturnMethod.Kind == dossier.ReturnPost {
		hs.HinhThuc = "1"
	}
	if !d.Appointment.IsZero() && !d.Appointment.Equal(d.DueAt) {
		hs.NgayHenTraMoi = portalTime(d.Appointment)
	}
	if d.Completion != nil {
		hs.NgayKetThucXuLy = portalTime(d.Completion.Completed)
		hs.KetQuaXuLy = string(d.Completion.Outcome)
	}
	for _, f := range d.Fees {
		kind := "Phí"
		if f.Kind == catalog.FeeCharge {
			kind = "Lệ phí"
		}
		hs.DanhSachLePhi = append(hs.DanhSachLePhi, FeeRecord{TenPhiLePhi: f.Name, Gia: f.Owed(), LoaiPhiLePhi: kind, MienGiam: f.Exempt})
	}
	for _, p := range d.Payments {
		hs.DanhSachThanhToan = append(hs.DanhSachThanhToan, PaymentRecord{HinhThuc: string(p.Method), SoBienLai: p.Receipt, SoTien: p.Amount, NgayThu: portalTime(p.At)})
	}
	for _, s := range d.Supplements {
		r := SupplementRecord{NguoiYeuCauBoSung: s.By, NoiDungBoSung: s.Reason, NgayBoSung: portalTime(s.At),
			NgayTiepNhanBoSung: portalTime(s.ReceivedAt), TrangThaiBoSung: "0"}
		if len(s.MissingPapers) > 0 {
			r.NoiDungBoSung = joinNonEmpty("; ", append(append([]string{}, s.MissingPapers...), s.Reason)...)
		}
		if !s.ReceivedAt.IsZero() {
			r.TrangThaiBoSung = "1"
		}
		hs.DanhSachHoSoBoSung = append(hs.DanhSachHoSoBoSung, r)
	}
	due := ev.StepDue
	if due.IsZero() {
		due = d.DueAt
	}
	td := ProgressRecord{
		MaHoSo: m.Code, NguoiXuLy: ev.Actor, ChucDanh: string(ev.Role), ThoiDiemXuLy: portalTime(ev.At),
		PhongBanXuLy: ev.UnitCode, NoiDungXuLy: joinNonEmpty(": ", string(ev.Action), ev.Reason), TrangThai: status,
		NgayBatDau: portalTime(d.ReceivedAt), NgayKetThucTheoQuyDinh: portalTime(due),
	}
	return Record{
		IdempotencyKey: m.Code + "#" + strconv.Itoa(m.Seq), OutboxID: outboxID, Seq: m.Seq, Action: string(ev.Action),
		Imported: m.Imported, IsUpdating: m.Seq > 1, HoSo: hs, TienDo: td,
	}, nil
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
