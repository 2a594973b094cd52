package dossier

import (
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// FeeLine is one fee (phí) or charge (lệ phí) of the dossier, copied from the
// procedure when the dossier is created so later catalogue changes do not alter it
// (Law on Fees and Charges 2015; the one-stop department collects on behalf of the
// resolving agency, Decree 118/2025/NĐ-CP). An exempt line is not owed; the exemption
// reason (e.g. the beneficiary category of the fee's legal basis) is recorded.
type FeeLine struct {
	Kind            catalog.FeeKind `json:"kind"`
	Name            string          `json:"name"`
	Amount          int64           `json:"amount"`
	Exempt          bool            `json:"exempt,omitempty"`
	ExemptionReason string          `json:"exemption_reason,omitempty"`
}

// Owed returns what the line asks the applicant to pay: 0 when exempt.
func (f FeeLine) Owed() int64 {
	if f.Exempt {
		return 0
	}
	return f.Amount
}

// FeeExemption exempts the procedure's fee line at Index (in Procedure.Fees) for the
// given reason.
type FeeExemption struct {
	Index  int    `json:"index"`
	Reason string `json:"reason"`
}

// FeeLines builds the fee lines of a dossier from the procedure's fees and the
// exemptions granted at intake. Each exemption must name an existing line once and give
// a reason; otherwise a *motcua.Error (EINVALID, field "exemptions") is returned.
func FeeLines(fees []catalog.Fee, exemptions []FeeExemption) ([]FeeLine, error) {
	out := make([]FeeLine, len(fees))
	for i, f := range fees {
		out[i] = FeeLine{Kind: f.Kind, Name: f.Name, Amount: f.Amount}
	}
	for _, x := range exemptions {
		if x.Index < 0 || x.Index >= len(out) || out[x.Index].Exempt {
			return nil, motcua.FieldError(motcua.EINVALID, "exemptions", MsgExemptionInvalid)
		}
		r := collapseSpaces(x.Reason)
		if r == "" || len([]rune(r)) > 500 {
			return nil, motcua.FieldError(motcua.EINVALID, "exemptions.reason", MsgExemptionInvalid)
		}
		out[x.Index].Exempt, out[x.Index].ExemptionReason = true, r
	}
	return out, nil
}

// PaymentMethod is how a fee was paid.
type PaymentMethod string

// Payment methods: cash at the counter, bank transfer to the agency's account, or
// online through the national portal's payment platform.
const (
	PayCash         PaymentMethod = "cash"
	PayBankTransfer PaymentMethod = "bank_transfer"
	PayOnline       PaymentMethod = "online"
)

// Payment is one payment of fees and charges, with the receipt (biên lai) number
// issued for it.
type Payment struct {
	Method  PaymentMethod `json:"method"`
	Receipt string        `json:"receipt"`
	Amount  int64         `json:"amount"`
	At      time.Time     `json:"at"`
}

// validate checks p against what is still owed; At is set by Decide.
func (p *Payment) validate(outstanding int64) error {
	p.Receipt = collapseSpaces(p.Receipt)
	switch {
	case p.Method != PayCash && p.Method != PayBankTransfer && p.Method != PayOnline:
		return motcua.FieldError(motcua.EINVALID, "payment.method", MsgPaymentInvalid)
	case p.Receipt == "" || len(p.Receipt) > 64:
		return motcua.FieldError(motcua.EINVALID, "payment.receipt", MsgPaymentInvalid)
	case p.Amount <= 0:
		return motcua.FieldError(motcua.EINVALID, "payment.amount", MsgPaymentInvalid)
	case p.Amount > outstanding:
		return &motcua.Error{Code: motcua.EUNPROCESSABLE, Field: "payment.amount", Message: MsgPaymentExceeds,
			Params: map[string]any{"outstanding": outstanding}}
	}
	return nil
}

// FeesOwed returns the total the applicant owes: the sum of the non-exempt lines.
func (d *Dossier) FeesOwed() int64 {
	var t int64
	for _, f := range d.Fees {
		t += f.Owed()
	}
	return t
}

// FeesPaid returns the total of the recorded payments.
func (d *Dossier) FeesPaid() int64 {
	var t int64
	for _, p := range d.Payments {
		t += p.Amount
	}
	return t
}

// FeesOutstanding returns what is still to be paid (never negative).
func (d *Dossier) FeesOutstanding() int64 { return max(0, d.FeesOwed()-d.FeesPaid()) }

// PaperReceived is one paper of the dossier as received: its name and how many
// originals and copies (listed on the receipt slip, Mẫu 01).
type PaperReceived struct {
	Name      string `json:"name"`
	Originals int    `json:"originals"`
	Copies    int    `json:"copies"`
}

func validatePapers(field string, ps []PaperReceived) error {
	for i := range ps {
		ps[i].Name = collapseSpaces(ps[i].Name)
		p := ps[i]
		switch {
		case p.Name == "" || len([]rune(p.Name)) > 1000 || hasControl(p.Name):
			return motcua.FieldError(motcua.EINVALID, fmt.Sprintf("%s[%d].name", field, i), MsgPaperInvalid)
		case p.Originals < 0 || p.Copies < 0 || p.Originals > 100 || p.Copies > 100 || p.Originals+p.Copies == 0:
			return motcua.FieldError(motcua.EINVALID, fmt.Sprintf("%s[%d].copies", field, i), MsgPaperInvalid)
		}
	}
	return nil
}

// cleanList trims each item, drops empty ones, and reports whether any is too long.
func cleanList(xs []string) ([]string, bool) {
	var out []string
	for _, x := range xs {
		x = collapseSpaces(x)
		if x == "" {
			continue
		}
		if len([]rune(x)) > 1000 || hasControl(x) {
			return nil, false
		}
		out = append(out, x)
	}
	return out, true
}
