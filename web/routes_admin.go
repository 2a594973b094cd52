package web

import (
	"net/http"

	"github.com/motcua/motcua/auth"
)

// adminRoutes are the administration pages: catalogue, import, users.
func (s *Server) adminRoutes() []route {
	page := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: pattern, Perm: perm, Handle: h}
	}
	return []route{
		// start page: sections are shown by permission
		page("GET", "/admin", auth.CatalogRead, s.pageAdmin),

		// units
		page("GET", "/admin/units", auth.CatalogRead, s.pageAdminUnits),
		page("GET", "/admin/units/new", auth.CatalogWrite, s.pageAdminUnitNew),
		page("POST", "/admin/units", auth.CatalogWrite, s.pageAdminUnitSave),
		page("GET", "/admin/units/{code}/edit", auth.CatalogWrite, s.pageAdminUnitEdit),
		page("POST", "/admin/units/{code}", auth.CatalogWrite, s.pageAdminUnitSave),

		// procedures
		page("GET", "/admin/procedures", auth.CatalogRead, s.pageAdminProcedures),
		page("GET", "/admin/procedures/new", auth.CatalogWrite, s.pageAdminProcedureNew),
		page("POST", "/admin/procedures", auth.CatalogWrite, s.pageAdminProcedureSave),
		page("GET", "/admin/procedures/{code}/edit", auth.CatalogWrite, s.pageAdminProcedureEdit),
		page("POST", "/admin/procedures/{code}", auth.CatalogWrite, s.pageAdminProcedureSave),
		page("GET", "/admin/procedures/{code}/history", auth.CatalogRead, s.pageAdminProcedureHistory),

		// import and export
		page("GET", "/admin/import", auth.CatalogWrite, s.pageAdminImport),
		page("POST", "/admin/import", auth.CatalogWrite, s.pageAdminImportStart),
		page("GET", "/admin/import/template.csv", auth.CatalogWrite, s.pageAdminImportTemplate),
		page("GET", "/admin/import/template.xlsx", auth.CatalogWrite, s.pageAdminImportTemplate),
		// {id} is the job id, or the job id + ".json" for the progress document
		page("GET", "/admin/import/jobs/{id}", auth.CatalogWrite, s.pageAdminImportJob),
		page("GET", "/admin/export.csv", auth.CatalogWrite, s.pageAdminExport),
		page("GET", "/admin/export.xlsx", auth.CatalogWrite, s.pageAdminExport),

		// users
		page("GET", "/admin/users", auth.UsersManage, s.pageAdminUsers),
		page("GET", "/admin/users/new", auth.UsersManage, s.pageAdminUserNew),
		page("POST", "/admin/users", auth.UsersManage, s.pageAdminUserCreate),
		page("GET", "/admin/users/{id}/edit", auth.UsersManage, s.pageAdminUserEdit),
		page("POST", "/admin/users/{id}", auth.UsersManage, s.pageAdminUserUpdate),
	}
}
