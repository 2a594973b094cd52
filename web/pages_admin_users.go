package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/web/i18n"
)

// User administration pages: list, create with a password, edit role, unit, name,
// language, active flag and optionally the password.

// selfDemotion refuses a change by which admin a would lock themselves out: deactivating
// their own account or giving it another role (the rule of PUT /api/v1/users/{id}).
func selfDemotion(a *motcua.Actor, u *auth.User) error {
	if a != nil && a.UserID == u.ID && (!u.Active || u.Role != motcua.RoleAdmin) {
		return motcua.Errorf(motcua.EUNPROCESSABLE, "auth.cannot_demote_self")
	}
	return nil
}

type userListView struct {
	Users     []auth.User
	UnitNames map[string]string
	Self      int64
}

func (s *Server) pageAdminUsers(w http.ResponseWriter, r *http.Request) error {
	us, err := s.Users.ListUsers(r.Context())
	if err != nil {
		return err
	}
	units, err := s.Catalog.ListUnits(r.Context())
	if err != nil {
		return err
	}
	v := userListView{Users: us, UnitNames: map[string]string{}, Self: motcua.ActorFrom(r.Context()).UserID}
	for _, u := range units {
		v.UnitNames[u.Code] = u.Name
	}
	view := s.view(r, "admin.users.title", v)
	switch r.URL.Query().Get("ok") {
	case "created":
		view.Flash = i18n.T(view.Lang, "admin.users.created", map[string]any{"username": r.URL.Query().Get("username")})
	case "updated":
		view.Flash = i18n.T(view.Lang, "admin.users.updated", map[string]any{"username": r.URL.Query().Get("username")})
	}
	return s.render(w, http.StatusOK, "admin_users", view)
}

type userFormView struct {
	New    bool
	U      auth.User
	Self   bool
	Roles  []motcua.Role
	Units  []catalog.Unit
	Errors formErrors
}

func (s *Server) renderUserForm(w http.ResponseWriter, r *http.Request, status int, isNew bool, u auth.User, errs formErrors) error {
	units, err := s.Catalog.ListUnits(r.Context())
	if err != nil {
		return err
	}
	if errs == nil {
		errs = formErrors{}
	}
	a := motcua.ActorFrom(r.Context())
	title := "admin.users.edit_title"
	if isNew {
		title = "admin.users.new_title"
	}
	v := s.view(r, title, userFormView{New: isNew, U: u, Self: !isNew && a != nil && a.UserID == u.ID,
		Roles: motcua.Roles, Units: units, Errors: errs})
	if !isNew {
		v.Title = i18n.T(v.Lang, title, map[string]any{"username": u.Username})
	}
	v.Error = errs.summary(v.Lang)
	return s.render(w, status, "admin_user_form", v)
}

func (s *Server) pageAdminUserNew(w http.ResponseWriter, r *http.Request) error {
	return s.renderUserForm(w, r, http.StatusOK, true, auth.User{Role: motcua.RoleReceptionist, Lang: "vi", Active: true}, nil)
}

func (s *Server) adminUser(r *http.Request) (*auth.User, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, motcua.FieldError(motcua.EINVALID, "id", "request.bad_id")
	}
	return s.Users.GetUser(r.Context(), id)
}

func (s *Server) pageAdminUserEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := s.adminUser(r)
	if err != nil {
		return err
	}
	return s.renderUserForm(w, r, http.StatusOK, false, *u, nil)
}

// pageAdminUserCreate handles POST /admin/users.
func (s *Server) pageAdminUserCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f := r.PostForm
	u := auth.User{Username: strings.TrimSpace(f.Get("username")), FullName: strings.TrimSpace(f.Get("full_name")),
		Role: motcua.Role(f.Get("role")), UnitCode: f.Get("unit_code"), Lang: f.Get("lang"), Active: true}
	created := u
	if err := s.Users.CreateUser(r.Context(), &created, f.Get("password")); err != nil {
		errs := formErrors{}
		status, err := errs.fromError(langOf(r), err, nil)
		if err != nil {
			return err
		}
		return s.renderUserForm(w, r, status, true, u, errs)
	}
	http.Redirect(w, r, "/admin/users?ok=created&username="+url.QueryEscape(created.Username), http.StatusSeeOther)
	return nil
}

// pageAdminUserUpdate handles POST /admin/users/{id}.
func (s *Server) pageAdminUserUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	stored, err := s.adminUser(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	u := *stored
	u.FullName, u.Role, u.UnitCode, u.Active = strings.TrimSpace(f.Get("full_name")), motcua.Role(f.Get("role")), f.Get("unit_code"), f.Get("active") != ""
	if l := f.Get("lang"); l != "" {
		u.Lang = l
	}
	password := f.Get("password")
	err = selfDemotion(motcua.ActorFrom(r.Context()), &u)
	if err == nil && password != "" {
		err = auth.ValidatePassword(password)
	}
	if err == nil {
		updated := u
		err = s.Users.UpdateUser(r.Context(), &updated)
	}
	if err == nil && password != "" {
		err = s.Users.SetPassword(r.Context(), u.ID, password)
	}
	if err != nil {
		errs := formErrors{}
		status, err := errs.fromError(langOf(r), err, nil)
		if err != nil {
			return err
		}
		return s.renderUserForm(w, r, status, false, u, errs)
	}
	http.Redirect(w, r, "/admin/users?ok=updated&username="+url.QueryEscape(u.Username), http.StatusSeeOther)
	return nil
}
