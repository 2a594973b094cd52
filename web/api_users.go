package web

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/sqldb"
)

func (s *Server) apiListUsers(w http.ResponseWriter, r *http.Request) error {
	us, err := s.Users.ListUsers(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": us})
	return nil
}

type createUserRequest struct {
	Username string      `json:"username"`
	FullName string      `json:"full_name"`
	Password string      `json:"password"`
	Role     motcua.Role `json:"role"`
	UnitCode string      `json:"unit_code"`
	Lang     string      `json:"lang"`
}

func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request) error {
	var req createUserRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	u := auth.User{Username: req.Username, FullName: req.FullName, Role: req.Role, UnitCode: req.UnitCode, Lang: req.Lang}
	if err := s.Users.CreateUser(r.Context(), &u, req.Password); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

type updateUserRequest struct {
	FullName string      `json:"full_name"`
	Role     motcua.Role `json:"role"`
	UnitCode string      `json:"unit_code"`
	Lang     string      `json:"lang"`
	Active   *bool       `json:"active"`
	Password string      `json:"password,omitempty"`
}

func (s *Server) apiUpdateUser(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return motcua.FieldError(motcua.EINVALID, "id", "request.bad_id")
	}
	var req updateUserRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	u, err := s.Users.GetUser(r.Context(), id)
	if err != nil {
		return err
	}
	u.FullName, u.Role, u.UnitCode = req.FullName, req.Role, req.UnitCode
	if req.Lang != "" {
		u.Lang = req.Lang
	}
	if req.Active != nil {
		u.Active = *req.Active
	}
	if err := selfDemotion(motcua.ActorFrom(r.Context()), u); err != nil {
		return err
	}
	if req.Password != "" {
		if err := auth.ValidatePassword(req.Password); err != nil {
			return err
		}
	}
	if err := s.Users.UpdateUser(r.Context(), u); err != nil {
		return err
	}
	if req.Password != "" {
		if err := s.Users.SetPassword(r.Context(), id, req.Password); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *Server) apiListAudit(w http.ResponseWriter, r *http.Request) error {
	after, err := intParam(r, "after", 0, 1<<62)
	if err != nil {
		return err
	}
	limit, err := intParam(r, "limit", 100, 1000)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	es, err := s.DB.ListAudit(r.Context(), sqldb.AuditFilter{Entity: q.Get("entity"), EntityID: q.Get("entity_id"), AfterID: int64(after), Limit: limit})
	if err != nil {
		return err
	}
	if es == nil {
		es = []sqldb.AuditEntry{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": es})
	return nil
}

func (s *Server) apiVerifyAudit(w http.ResponseWriter, r *http.Request) error {
	rep, err := s.DB.VerifyAudit(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}
