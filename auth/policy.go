package auth

import "github.com/motcua/motcua"

// Permission names one thing a user may do. Every HTTP route declares exactly one
// permission (or Public); web.authorize checks it with Allowed in one place.
type Permission string

// Permissions.
const (
	Public         Permission = "public"          // no login needed
	Authenticated  Permission = "authenticated"   // any logged-in user
	CatalogRead    Permission = "catalog.read"    // list and view units, fields, procedures
	CatalogWrite   Permission = "catalog.write"   // create, update, import
	UsersManage    Permission = "users.manage"    // create users, change roles
	AuditRead      Permission = "audit.read"      // read and verify the audit log
	CalendarWrite  Permission = "calendar.write"  // load or edit a year's schedule
	DossierRead    Permission = "dossier.read"    // view dossiers of one's scope
	DossierReceive Permission = "dossier.receive" // intake at the counter
	DossierProcess Permission = "dossier.process" // act on a dossier at one's unit
	// DossierSubmitOnline lets an integration account (the national public service
	// portal's connector) hand over dossiers citizens submitted online.
	DossierSubmitOnline Permission = "dossier.submit_online"
	ReportRead          Permission = "report.read"      // statistics and reports
	QueueOperate        Permission = "queue.operate"    // call tickets at a counter
	SettingsMonitor     Permission = "settings.monitor" // metrics and operational pages
)

// grants is the role × permission table. It is the single source of truth; the
// matrix test in web walks every route against it.
var grants = map[motcua.Role][]Permission{
	motcua.RoleAdmin:        {CatalogRead, CatalogWrite, UsersManage, AuditRead, CalendarWrite, DossierRead, DossierProcess, DossierSubmitOnline, ReportRead, SettingsMonitor},
	motcua.RoleDirector:     {CatalogRead, AuditRead, DossierRead, ReportRead, SettingsMonitor},
	motcua.RoleReceptionist: {CatalogRead, DossierRead, DossierReceive, DossierProcess, QueueOperate},
	motcua.RoleProcessor:    {CatalogRead, DossierRead, DossierProcess},
	motcua.RoleLeader:       {CatalogRead, DossierRead, DossierProcess, ReportRead},
	motcua.RoleViewer:       {CatalogRead, AuditRead, DossierRead, ReportRead},
}

// Allowed reports whether actor a holds permission p. A nil actor holds only Public.
func Allowed(a *motcua.Actor, p Permission) bool {
	if p == Public {
		return true
	}
	if a == nil {
		return false
	}
	if p == Authenticated {
		return true
	}
	for _, g := range grants[a.Role] {
		if g == p {
			return true
		}
	}
	return false
}

// InScope reports whether actor a may act on data of unitCode: province-wide actors
// (empty unit) see every unit; others only their own unit.
func InScope(a *motcua.Actor, unitCode string) bool {
	return a != nil && (a.UnitCode == "" || a.UnitCode == unitCode)
}
