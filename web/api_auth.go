package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
)

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type loginResponse struct {
	Token     string     `json:"token"`
	ExpiresAt time.Time  `json:"expires_at"`
	User      *auth.User `json:"user"`
}

// login checks credentials with a per-address rate limit and returns a new session.
func (s *Server) login(r *http.Request, username, password string, kind auth.TokenKind) (string, *auth.Session, error) {
	if !s.loginRate.Allow(clientIP(r)) {
		return "", nil, motcua.Errorf(motcua.ETOOMANY, "auth.too_many_attempts")
	}
	u, err := s.Users.Authenticate(r.Context(), strings.ToLower(strings.TrimSpace(username)), password)
	if err != nil {
		return "", nil, err
	}
	ctx := motcua.WithActor(r.Context(), &motcua.Actor{UserID: u.ID, Username: u.Username, Role: u.Role, UnitCode: u.UnitCode})
	return s.Users.CreateToken(ctx, u.ID, kind)
}

func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) error {
	var req loginRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Username == "" {
		return motcua.FieldError(motcua.EINVALID, "username", "request.required")
	}
	token, sess, err := s.login(r, req.Username, req.Password, auth.TokenAPI)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, loginResponse{Token: token, ExpiresAt: sess.ExpiresAt, User: &sess.User})
	return nil
}

func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) error {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		if c, err := r.Cookie(sessionCookie); err == nil {
			token = c.Value
		}
	}
	if err := s.Users.RevokeToken(r.Context(), strings.TrimSpace(token)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	sess := sessionOf(r)
	writeJSON(w, http.StatusOK, map[string]any{"user": sess.User, "expires_at": sess.ExpiresAt})
	return nil
}
