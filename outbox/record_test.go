package outbox_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/outbox"
	"github.com/motcua/motcua/sqldb"
)

func TestNewRecord(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2026, 3, d, h, 0, 0, 0, motcua.ICT) }
	m := sqldb.OutboxMessage{
		Code: "000.00.01.H37-260302-0042", Seq: 7, Province: "H37",
		Event: dossier.Event{Seq: 7, Action: dossier.ActApprove, Actor: "stp.lanhdao", Role: motcua.RoleLeader,
			UnitCode: "000.00.11.H37", At: at(5, 14), StepDue: at(6, 10)},
		Dossier: sqldb.OutboxDossier{
			ProcedureCode: "1.001193", ProcedureName: "Cấp Phiếu lý lịch tư pháp", UnitCode: "000.00.01.H37",
			CurrentUnit: "000.00.01.H37", Channel: catalog.ChannelOnlineFull, State: dossier.StateResultReady, Version: 7,
			Applicant: dossier.Applicant{Kind: dossier.ApplicantPerson, FullName: "Nguyễn Văn An", IDNumber: "020095001234",
				Phone: "0912345678", Email: "an@example.vn"},
			ReturnMethod: dossier.ReturnMethod{Kind: dossier.ReturnPost, Address: "Lạng Sơn"},
			SubmittedAt:  at(1, 20), ReceivedAt: at(2, 8), DueAt: at(9, 8), Appointment: at(10, 8),
			Completion: &calendar.Classification{Completed: at(5, 14), Outcome: calendar.Early},
			Fees:       []dossier.FeeLine{{Kind: catalog.FeeCharge, Name: "Lệ phí", Amount: 200000}},
			Payments:   []dossier.Payment{{Method: dossier.PayOnline, Receipt: "BL-1", Amount: 200000, At: at(2, 9)}},
			Supplements: []dossier.SupplementRequest{{At: at(3, 9), By: "stp.chuyenvien", MissingPapers: []string{"Tờ khai"},
				Reason: "thiếu chữ ký", ReceivedAt: at(4, 9)}},
		},
	}
	body, _ := json.Marshal(m)
	r, err := outbox.NewRecord(99, body, outbox.ApplicantIdentified)
	if err != nil {
		t.Fatal(err)
	}
	want := outbox.Record{
		IdempotencyKey: "000.00.01.H37-260302-0042#7", OutboxID: 99, Seq: 7, Action: "approve", IsUpdating: true,
		HoSo: outbox.DossierRecord{
			MaHoSo: m.Code, MaTTHC: "1.001193", TenTTHC: "Cấp Phiếu lý lịch tư pháp", MaCoQuan: "000.00.01.H37",
			ChuHoSo: "Nguyễn Văn An", LoaiDoiTuong: "1", MaDoiTuong: "020095001234", Email: "an@example.vn", SoDienThoai: "0912345678",
			TrichYeuHoSo: "Cấp Phiếu lý lịch tư pháp", KenhThucHien: "2", NgayNopHoSo: "20260301200000",
			NgayTiepNhan: "20260302080000", NgayHenTra: "20260309080000", NgayHenTraMoi: "20260310080000",
			TrangThaiHoSo: "9", NgayKetThucXuLy: "20260305140000", HinhThuc: "1", DonViXuLy: "000.00.01.H37",
			KetQuaXuLy:         "early",
			DanhSachLePhi:      []outbox.FeeRecord{{TenPhiLePhi: "Lệ phí", Gia: 200000, LoaiPhiLePhi: "Lệ phí"}},
			DanhSachThanhToan:  []outbox.PaymentRecord{{HinhThuc: "online", SoBienLai: "BL-1", SoTien: 200000, NgayThu: "20260302090000"}},
			DanhSachHoSoBoSung: []outbox.SupplementRecord{{NguoiYeuCauBoSung: "stp.chuyenvien", NoiDungBoSung: "Tờ khai; thiếu chữ ký", NgayBoSung: "20260303090000", NgayTiepNhanBoSung: "20260304090000", TrangThaiBoSung: "1"}},
			TrangThaiMotcua:    "result_ready",
		},
		TienDo: outbox.ProgressRecord{MaHoSo: m.Code, NguoiXuLy: "stp.lanhdao", ChucDanh: "leader", ThoiDiemXuLy: "20260305140000",
			PhongBanXuLy: "000.00.11.H37", NoiDungXuLy: "approve", TrangThai: "9", NgayBatDau: "20260302080000",
			NgayKetThucTheoQuyDinh: "20260306100000"},
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Fatalf("record (-want +got):\n%s", diff)
	}
	masked, _ := outbox.NewRecord(99, body, outbox.ApplicantMasked)
	if h := masked.HoSo; h.ChuHoSo != dossier.MaskName("Nguyễn Văn An") || h.MaDoiTuong != "" || h.Email != "" || h.SoDienThoai != "" {
		t.Fatalf("masked: %+v", h)
	}
	if _, err := outbox.NewRecord(1, []byte(`{"code":""}`), outbox.ApplicantIdentified); err == nil {
		t.Fatal("empty message accepted")
	}
}

func TestPortalStatusCoversEveryState(t *testing.T) {
	for _, s := range dossier.States {
		if outbox.PortalStatus(s) == "" {
			t.Errorf("state %s has no portal status", s)
		}
	}
}
