package catalog

import (
	"regexp"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Channel is a way a dossier can be submitted (Decree 118/2025/NĐ-CP art. 9 and the
// online-service levels of Decree 42/2022/NĐ-CP: full and partial online services).
type Channel string

// Channels.
const (
	ChannelCounter       Channel = "counter"        // at the one-stop counter
	ChannelOnlineFull    Channel = "online_full"    // dịch vụ công trực tuyến toàn trình
	ChannelOnlinePartial Channel = "online_partial" // dịch vụ công trực tuyến một phần
	ChannelPost          Channel = "post"           // bưu chính công ích
)

// AllChannels lists the valid channels in a stable order.
var AllChannels = []Channel{ChannelCounter, ChannelOnlineFull, ChannelOnlinePartial, ChannelPost}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	for _, x := range AllChannels {
		if x == c {
			return true
		}
	}
	return false
}

// TimeUnit is the unit a time limit is counted in. Most limits are working days; some
// are working hours, a few calendar days (domain.md, "Deadlines").
type TimeUnit string

// Time units; the string values are those of the calendar API's unit_of_time.
const (
	WorkingDays  TimeUnit = "working_days"
	WorkingHours TimeUnit = "working_hours"
	CalendarDays TimeUnit = "calendar_days"
)

// Valid reports whether u is a known time unit.
func (u TimeUnit) Valid() bool {
	return u == WorkingDays || u == WorkingHours || u == CalendarDays
}

// Level is the tier of government whose competence the procedure falls under.
type Level string

// Levels. Since July 2025 there are two local tiers; "central" procedures are received
// locally for a ministry, "district" is kept for history before 1 July 2025.
const (
	LevelCentral  Level = "central"
	LevelProvince Level = "province"
	LevelDistrict Level = "district"
	LevelCommune  Level = "commune"
)

// Valid reports whether l is a known level.
func (l Level) Valid() bool {
	return l == LevelCentral || l == LevelProvince || l == LevelDistrict || l == LevelCommune
}

// TimeLimit is the legal resolution time for one channel (Amount in Unit).
type TimeLimit struct {
	Channel Channel  `json:"channel"`
	Amount  int      `json:"amount"`
	Unit    TimeUnit `json:"unit"`
}

// FeeKind separates fees (phí) from charges (lệ phí); both are collected on behalf of
// the resolving agency (Law on Fees and Charges 2015).
type FeeKind string

// Fee kinds.
const (
	FeeFee    FeeKind = "fee"
	FeeCharge FeeKind = "charge"
)

// Fee is one fee or charge line of a procedure, in Vietnamese đồng.
type Fee struct {
	Kind   FeeKind `json:"kind"`
	Name   string  `json:"name"`
	Amount int64   `json:"amount"`
	Note   string  `json:"note,omitempty"`
}

// Paper is one required paper of the dossier (thành phần hồ sơ).
type Paper struct {
	Name      string `json:"name"`
	Originals int    `json:"originals"`
	Copies    int    `json:"copies"`
	Mandatory bool   `json:"mandatory"`
}

// Step is one stage of the internal process (quy trình nội bộ) published by the
// province: the unit that does it ("" = the procedure's unit), the role that acts, and
// the working time it may take in minutes (working hours × 60).
type Step struct {
	Name     string      `json:"name"`
	UnitCode string      `json:"unit_code,omitempty"`
	Role     motcua.Role `json:"role"`
	Minutes  int         `json:"minutes"`
}

// Procedure is a catalogue entry (thủ tục hành chính). Code is the national code from
// the national procedure database (e.g. "1.004227", "2.000889"). Version increases with
// each change; old versions are kept (ProcedureVersion) so a dossier can show the rules
// it was received under.
type Procedure struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	UnitCode   string      `json:"unit_code"`
	FieldCode  string      `json:"field_code"`
	Level      Level       `json:"level"`
	TimeLimits []TimeLimit `json:"time_limits"`
	Fees       []Fee       `json:"fees"`
	Papers     []Paper     `json:"papers"`
	Result     string      `json:"result"`
	Channels   []Channel   `json:"channels"`
	FourOnSpot bool        `json:"four_on_spot"`
	// Chain lists the units an inter-agency (liên thông) dossier passes through after
	// UnitCode, in order; empty for a single-unit procedure.
	Chain      []string  `json:"chain"`
	Steps      []Step    `json:"steps"`
	LegalBasis string    `json:"legal_basis"`
	Active     bool      `json:"active"`
	Version    int       `json:"version"`
	UpdatedAt  time.Time `json:"updated_at"`
	UpdatedBy  string    `json:"updated_by,omitempty"`
}

// ProcedureVersion is a past (or the current) state of a procedure.
type ProcedureVersion struct {
	Version   int       `json:"version"`
	Procedure Procedure `json:"procedure"`
	ChangedAt time.Time `json:"changed_at"`
	ChangedBy string    `json:"changed_by"`
}

// procedureCodeRE accepts national codes like 1.004227, 2.000889, 1.012345.000.00.00.H37
// and local codes like QT-123 (some provinces number their local procedures).
var procedureCodeRE = regexp.MustCompile(`^[0-9A-Z][0-9A-Z.\-]{2,39}$`)

// ValidProcedureCode reports whether code has the shape of a procedure code.
func ValidProcedureCode(code string) bool { return procedureCodeRE.MatchString(code) }

// Limit returns the time limit for channel c, falling back to the counter limit, and
// reports whether one was found.
func (p *Procedure) Limit(c Channel) (TimeLimit, bool) {
	var fallback *TimeLimit
	for i := range p.TimeLimits {
		if p.TimeLimits[i].Channel == c {
			return p.TimeLimits[i], true
		}
		if p.TimeLimits[i].Channel == ChannelCounter {
			fallback = &p.TimeLimits[i]
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	return TimeLimit{}, false
}

// Allows reports whether the procedure may be submitted through c.
func (p *Procedure) Allows(c Channel) bool {
	for _, x := range p.Channels {
		if x == c {
			return true
		}
	}
	return false
}

// TotalFees returns the sum of all fee and charge lines.
func (p *Procedure) TotalFees() int64 {
	var t int64
	for _, f := range p.Fees {
		t += f.Amount
	}
	return t
}

// Validate normalises p (trims text, nil slices to empty) and checks every rule that
// does not need the database. It returns a *motcua.Error naming the field, with an i18n
// message key.
func (p *Procedure) Validate() error {
	p.Code = strings.TrimSpace(p.Code)
	p.Name = strings.TrimSpace(p.Name)
	p.UnitCode = strings.TrimSpace(p.UnitCode)
	p.FieldCode = strings.TrimSpace(p.FieldCode)
	p.Result = strings.TrimSpace(p.Result)
	p.LegalBasis = strings.TrimSpace(p.LegalBasis)
	if p.TimeLimits == nil {
		p.TimeLimits = []TimeLimit{}
	}
	if p.Fees == nil {
		p.Fees = []Fee{}
	}
	if p.Papers == nil {
		p.Papers = []Paper{}
	}
	if p.Channels == nil {
		p.Channels = []Channel{}
	}
	if p.Chain == nil {
		p.Chain = []string{}
	}
	if p.Steps == nil {
		p.Steps = []Step{}
	}
	switch {
	case !ValidProcedureCode(p.Code):
		return invalid("code", "catalog.procedure.code_invalid")
	case p.Name == "" || len([]rune(p.Name)) > 500:
		return invalid("name", "catalog.name_length")
	case !ValidUnitCode(p.UnitCode):
		return invalid("unit_code", "catalog.unit.code_invalid")
	case !fieldCodeRE.MatchString(p.FieldCode):
		return invalid("field_code", "catalog.field.code_invalid")
	case !p.Level.Valid():
		return invalid("level", "catalog.procedure.level_invalid")
	case len(p.Channels) == 0:
		return unprocessable("channels", "catalog.procedure.no_channel")
	case len(p.TimeLimits) == 0:
		return unprocessable("time_limits", "catalog.procedure.no_time_limit")
	case len([]rune(p.Result)) > 1000 || len([]rune(p.LegalBasis)) > 4000:
		return invalid("result", "catalog.text_too_long")
	}
	seen := map[Channel]bool{}
	for _, c := range p.Channels {
		if !c.Valid() {
			return invalid("channels", "catalog.procedure.channel_invalid")
		}
		if seen[c] {
			return invalid("channels", "catalog.procedure.channel_duplicate")
		}
		seen[c] = true
	}
	limitSeen := map[Channel]bool{}
	for _, l := range p.TimeLimits {
		switch {
		case !l.Channel.Valid():
			return invalid("time_limits.channel", "catalog.procedure.channel_invalid")
		case !l.Unit.Valid():
			return invalid("time_limits.unit", "catalog.procedure.time_unit_invalid")
		case l.Amount < 0 || l.Amount > 3650:
			return invalid("time_limits.amount", "catalog.procedure.amount_range")
		case limitSeen[l.Channel]:
			return invalid("time_limits.channel", "catalog.procedure.channel_duplicate")
		}
		limitSeen[l.Channel] = true
	}
	for _, f := range p.Fees {
		switch {
		case f.Kind != FeeFee && f.Kind != FeeCharge:
			return invalid("fees.kind", "catalog.procedure.fee_kind_invalid")
		case strings.TrimSpace(f.Name) == "":
			return invalid("fees.name", "catalog.name_length")
		case f.Amount < 0 || f.Amount > 1_000_000_000_000:
			return invalid("fees.amount", "catalog.procedure.amount_range")
		}
	}
	for _, pp := range p.Papers {
		switch {
		case strings.TrimSpace(pp.Name) == "" || len([]rune(pp.Name)) > 1000:
			return invalid("papers.name", "catalog.name_length")
		case pp.Originals < 0 || pp.Copies < 0 || pp.Originals > 100 || pp.Copies > 100:
			return invalid("papers.copies", "catalog.procedure.amount_range")
		}
	}
	for _, c := range p.Chain {
		if !ValidUnitCode(c) {
			return invalid("chain", "catalog.unit.code_invalid")
		}
	}
	for _, s := range p.Steps {
		switch {
		case strings.TrimSpace(s.Name) == "":
			return invalid("steps.name", "catalog.name_length")
		case s.UnitCode != "" && !ValidUnitCode(s.UnitCode):
			return invalid("steps.unit_code", "catalog.unit.code_invalid")
		case !s.Role.Valid():
			return invalid("steps.role", "catalog.procedure.role_invalid")
		case s.Minutes < 0 || s.Minutes > 3650*8*60:
			return invalid("steps.minutes", "catalog.procedure.amount_range")
		}
	}
	return nil
}

func invalid(field, key string) error {
	return motcua.FieldError(motcua.EINVALID, field, key)
}

func unprocessable(field, key string) error {
	return motcua.FieldError(motcua.EUNPROCESSABLE, field, key)
}
