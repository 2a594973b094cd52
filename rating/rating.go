// Package rating is the citizens' satisfaction rating of a counter visit (a queue
// ticket) or of a dossier: a configurable scale of levels (default rất hài lòng / hài
// lòng / không hài lòng, as the centres' rating machines and reports use, e.g. "96.29%
// very satisfied, 3.69% satisfied"; some forms add a neutral level), optional reasons,
// and the summary of shares per level with exact counts. It is pure: sqldb stores
// ratings, web takes them from a counter's rating terminal or the public lookup.
package rating

import (
	"regexp"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Message keys.
const (
	MsgLevelRequired   = "rating.level_required"
	MsgLevelInvalid    = "rating.level_invalid"
	MsgReasonInvalid   = "rating.reason_invalid"
	MsgCommentLength   = "rating.comment_length"
	MsgTargetRequired  = "rating.target_required"
	MsgScaleInvalid    = "rating.scale_invalid"
	MsgAlreadyRated    = "rating.already_rated"
	MsgTokenInvalid    = "rating.token_invalid"
	MsgTerminalNeeded  = "rating.terminal_required"
	MsgTerminalInvalid = "rating.terminal_invalid"
	MsgStaffRefused    = "rating.staff_refused"
	MsgNothingToRate   = "rating.nothing_to_rate"
	MsgOtherCounter    = "rating.ticket_other_counter"
	MsgDossierNotFound = "rating.dossier_not_found"
	MsgGroupByInvalid  = "rating.group_by_invalid"
)

// Level is one step of the scale. Positive levels count as "satisfied" in the
// combined share (the seeds' "99.71% hài lòng" adds very satisfied and satisfied).
type Level struct {
	Code     string `json:"code"`
	Name     string `json:"name"`    // Vietnamese, shown on the terminal
	NameEn   string `json:"name_en"` // English
	Positive bool   `json:"positive"`
}

// Reason is a tickable reason, optionally limited to some levels.
type Reason struct {
	Code   string   `json:"code"`
	Name   string   `json:"name"`
	NameEn string   `json:"name_en"`
	Levels []string `json:"levels,omitempty"` // empty: any level
}

// Scale is the configured rating scale, best level first.
type Scale struct {
	Levels  []Level  `json:"levels"`
	Reasons []Reason `json:"reasons"`
}

// Default levels.
const (
	VerySatisfied = "very_satisfied"
	Satisfied     = "satisfied"
	Dissatisfied  = "dissatisfied"
)

// DefaultScale is the three-level scale of the seeds' rating machines.
func DefaultScale() Scale {
	return Scale{
		Levels: []Level{
			{Code: VerySatisfied, Name: "Rất hài lòng", NameEn: "Very satisfied", Positive: true},
			{Code: Satisfied, Name: "Hài lòng", NameEn: "Satisfied", Positive: true},
			{Code: Dissatisfied, Name: "Không hài lòng", NameEn: "Dissatisfied"},
		},
		Reasons: []Reason{
			{Code: "attitude", Name: "Thái độ phục vụ", NameEn: "Attitude of the officer"},
			{Code: "guidance", Name: "Hướng dẫn chưa rõ ràng", NameEn: "Unclear guidance", Levels: []string{Dissatisfied}},
			{Code: "waiting", Name: "Thời gian chờ lâu", NameEn: "Long waiting time", Levels: []string{Dissatisfied}},
			{Code: "late", Name: "Trả kết quả trễ hẹn", NameEn: "Result returned late", Levels: []string{Dissatisfied}},
			{Code: "fast", Name: "Giải quyết nhanh chóng", NameEn: "Fast service", Levels: []string{VerySatisfied, Satisfied}},
		},
	}
}

var codeRE = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// Validate checks the scale: 2 to 7 levels, unique codes, reasons naming known levels.
func (s *Scale) Validate() error {
	if len(s.Levels) < 2 || len(s.Levels) > 7 || len(s.Reasons) > 30 {
		return motcua.FieldError(motcua.EINVALID, "levels", MsgScaleInvalid)
	}
	seen := map[string]bool{}
	for i := range s.Levels {
		l := &s.Levels[i]
		l.Name, l.NameEn = strings.TrimSpace(l.Name), strings.TrimSpace(l.NameEn)
		if !codeRE.MatchString(l.Code) || seen[l.Code] || l.Name == "" || len([]rune(l.Name)) > 100 || len([]rune(l.NameEn)) > 100 {
			return motcua.FieldError(motcua.EINVALID, "levels", MsgScaleInvalid)
		}
		seen[l.Code] = true
	}
	rs := map[string]bool{}
	for i := range s.Reasons {
		r := &s.Reasons[i]
		r.Name, r.NameEn = strings.TrimSpace(r.Name), strings.TrimSpace(r.NameEn)
		if !codeRE.MatchString(r.Code) || rs[r.Code] || r.Name == "" || len([]rune(r.Name)) > 200 || len([]rune(r.NameEn)) > 200 {
			return motcua.FieldError(motcua.EINVALID, "reasons", MsgScaleInvalid)
		}
		rs[r.Code] = true
		for _, lv := range r.Levels {
			if !seen[lv] {
				return motcua.FieldError(motcua.EINVALID, "reasons", MsgScaleInvalid)
			}
		}
	}
	if s.Reasons == nil {
		s.Reasons = []Reason{}
	}
	return nil
}

// Level returns the level with code, if the scale has it.
func (s *Scale) Level(code string) (Level, bool) {
	for _, l := range s.Levels {
		if l.Code == code {
			return l, true
		}
	}
	return Level{}, false
}

// Channel is where a rating was given.
type Channel string

// Channels.
const (
	ChannelTerminal Channel = "terminal" // the tablet at the counter
	ChannelOnline   Channel = "online"   // the public lookup page, with a dossier token
)

// Rating is one citizen's rating of a counter visit (TicketID) or of a dossier
// (DossierCode), with the counter, officer and unit it is attributed to.
type Rating struct {
	ID          int64     `json:"id"`
	At          time.Time `json:"at"`
	Level       string    `json:"level"`
	Reasons     []string  `json:"reasons"`
	Comment     string    `json:"comment,omitempty"`
	Channel     Channel   `json:"channel"`
	TicketID    int64     `json:"ticket_id,omitempty"`
	DossierCode string    `json:"dossier_code,omitempty"`
	CounterID   int64     `json:"counter_id,omitempty"`
	TerminalID  int64     `json:"terminal_id,omitempty"`
	Officer     string    `json:"officer,omitempty"`
	UnitCode    string    `json:"unit_code"`
}

// Check validates r's value against the scale: a known level, known reasons allowed
// for that level (deduplicated), a comment of at most 1,000 characters, and exactly
// one of ticket and dossier.
func (r *Rating) Check(s Scale) error {
	r.Comment = strings.TrimSpace(r.Comment)
	if r.Level == "" {
		return motcua.FieldError(motcua.EINVALID, "level", MsgLevelRequired)
	}
	if _, ok := s.Level(r.Level); !ok {
		return motcua.FieldError(motcua.EUNPROCESSABLE, "level", MsgLevelInvalid)
	}
	seen := map[string]bool{}
	out := []string{}
	for _, code := range r.Reasons {
		if seen[code] {
			continue
		}
		seen[code] = true
		ok := false
		for _, rs := range s.Reasons {
			if rs.Code == code {
				ok = len(rs.Levels) == 0
				for _, l := range rs.Levels {
					ok = ok || l == r.Level
				}
			}
		}
		if !ok {
			return &motcua.Error{Code: motcua.EUNPROCESSABLE, Field: "reasons", Message: MsgReasonInvalid, Params: map[string]any{"reason": code}}
		}
		out = append(out, code)
	}
	r.Reasons = out
	if len([]rune(r.Comment)) > 1000 {
		return motcua.FieldError(motcua.EINVALID, "comment", MsgCommentLength)
	}
	if (r.TicketID == 0) == (strings.TrimSpace(r.DossierCode) == "") {
		return motcua.FieldError(motcua.EINVALID, "ticket_id", MsgTargetRequired)
	}
	return nil
}

// RepeatWindow is how long after a rating a second press for the same ticket or
// dossier from the same place is answered with the first rating instead of an error.
const RepeatWindow = 10 * time.Second

// IsRepeat reports whether a new submission through channel ch (and terminal id
// terminal, 0 online) at now repeats the existing rating prev.
func IsRepeat(prev *Rating, ch Channel, terminal int64, now time.Time) bool {
	return prev.Channel == ch && prev.TerminalID == terminal && now.Sub(prev.At) <= RepeatWindow && now.Sub(prev.At) >= -RepeatWindow
}
