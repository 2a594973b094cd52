package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/sqldb"
)

// TerminalHeader carries a rating terminal's device token.
const TerminalHeader = "X-Terminal-Token"

func (s *Server) apiRatingScale(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.DB.Ratings().Scale(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sc)
	return nil
}

func (s *Server) apiPutRatingScale(w http.ResponseWriter, r *http.Request) error {
	var sc rating.Scale
	if err := decodeJSON(w, r, &sc); err != nil {
		return err
	}
	if err := s.DB.Ratings().SetScale(r.Context(), &sc); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sc)
	return nil
}

type ratingRequest struct {
	Level       string   `json:"level"`
	Reasons     []string `json:"reasons"`
	Comment     string   `json:"comment"`
	TicketID    int64    `json:"ticket_id"`
	DossierCode string   `json:"dossier_code"`
	// Token is the dossier's online rating token (online ratings only).
	Token string `json:"token"`
}

// apiSubmitRating takes a rating from (a) a counter's rating terminal, authenticated
// by its device token in the X-Terminal-Token header, for a ticket of that counter
// (ticket_id, or none: the counter's ticket being served or just served) or a
// dossier returned there; or (b) the public lookup page, with dossier_code and the
// dossier's rating token. A staff session is refused: the officer must not choose
// the value. 201 with the new rating; 200 with the first rating for a repeated press
// within a few seconds; 409 once the ticket or dossier has been rated.
func (s *Server) apiSubmitRating(w http.ResponseWriter, r *http.Request) error {
	var req ratingRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if strings.TrimSpace(req.Level) == "" {
		return motcua.FieldError(motcua.EINVALID, "level", rating.MsgLevelRequired)
	}
	if motcua.ActorFrom(r.Context()) != nil {
		return motcua.Errorf(motcua.EFORBIDDEN, "%s", rating.MsgStaffRefused)
	}
	rt := &rating.Rating{Level: strings.TrimSpace(req.Level), Reasons: req.Reasons, Comment: req.Comment,
		TicketID: req.TicketID, DossierCode: strings.TrimSpace(req.DossierCode)}
	var (
		out     *rating.Rating
		created bool
		err     error
	)
	if tok := strings.TrimSpace(r.Header.Get(TerminalHeader)); tok != "" {
		if req.Token != "" {
			return motcua.FieldError(motcua.EINVALID, "token", "request.unknown_field")
		}
		term, err := s.DB.Queue().TerminalByToken(r.Context(), tok)
		if err != nil {
			return err
		}
		out, created, err = s.DB.Ratings().SubmitTerminal(r.Context(), term, rt)
		if err != nil {
			return err
		}
	} else if req.Token != "" {
		if rt.DossierCode == "" || rt.TicketID != 0 {
			return motcua.FieldError(motcua.EINVALID, "dossier_code", rating.MsgTargetRequired)
		}
		if !s.queue().onlineRate.Allow(clientIP(r)) {
			return motcua.Errorf(motcua.ETOOMANY, "queue.rate_limited")
		}
		if out, created, err = s.DB.Ratings().SubmitOnline(r.Context(), req.Token, rt); err != nil {
			return err
		}
	} else {
		return motcua.Errorf(motcua.EUNAUTHORIZED, "%s", rating.MsgTerminalNeeded)
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, out)
	return nil
}

// summaryView is a rating summary with its group key.
type summaryView struct {
	Key string `json:"key,omitempty"`
	rating.Summary
}

// apiRatingSummary reports the shares per level of the ratings given from ?from= to
// ?to= (dates, inclusive, ICT; default this month), optionally of one unit, counter
// or officer, and with ?group_by=unit|counter|officer per group too. Shares are
// exact: counts, the total, and percentages rounded half up to 2 decimals.
func (s *Server) apiRatingSummary(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	unit, err := scopeUnit(r)
	if err != nil {
		return err
	}
	now := time.Now().In(motcua.ICT)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, motcua.ICT)
	to := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, motcua.ICT)
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if v := q.Get(name); v != "" {
			t, err := time.ParseInLocation(time.DateOnly, v, motcua.ICT)
			if err != nil {
				return motcua.FieldError(motcua.EINVALID, name, "queue.date_invalid")
			}
			*dst = t
		}
	}
	if to.Before(from) {
		return motcua.FieldError(motcua.EINVALID, "to", "queue.date_invalid")
	}
	f := sqldb.RatingFilter{From: from, To: to.AddDate(0, 0, 1), Unit: unit, Officer: strings.TrimSpace(q.Get("officer"))}
	if v := q.Get("counter"); v != "" {
		if f.Counter, err = strconv.ParseInt(v, 10, 64); err != nil || f.Counter < 0 {
			return &motcua.Error{Code: motcua.EINVALID, Field: "counter", Message: "request.wrong_type", Params: map[string]any{"expected": "int64"}}
		}
	}
	sc, err := s.DB.Ratings().Scale(r.Context())
	if err != nil {
		return err
	}
	all, err := s.DB.Ratings().RatingCounts(r.Context(), f, "")
	if err != nil {
		return err
	}
	out := map[string]any{"from": from.Format(time.DateOnly), "to": to.Format(time.DateOnly), "unit": unit,
		"counter": f.Counter, "officer": f.Officer, "summary": rating.Summarize(sc, all[0].Counts)}
	if g := q.Get("group_by"); g != "" {
		groups, err := s.DB.Ratings().RatingCounts(r.Context(), f, g)
		if err != nil {
			return err
		}
		views := []summaryView{}
		for _, gr := range groups {
			views = append(views, summaryView{Key: gr.Key, Summary: rating.Summarize(sc, gr.Counts)})
		}
		out["group_by"], out["groups"] = g, views
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
