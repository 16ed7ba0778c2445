package httpapi

import (
	"net/http"

	"github.com/kizuna-hr/kizuna/app/auth"
)

// Pseudo-permissions for routes that need no role permission.
const (
	public    auth.Permission = "public"      // no login needed
	anyHRUser auth.Permission = "any_hr_user" // any logged-in HR user or token
)

// route is one API endpoint: its method and pattern, the permission it
// needs, and its handler. The table below is the single source for the mux,
// the route × role test and the OpenAPI check.
type route struct {
	Method     string
	Pattern    string
	Permission auth.Permission
	Handler    func(w http.ResponseWriter, r *http.Request) error
}

func (s *Server) routes() []route {
	return []route{
		{"POST", "/api/auth/login", public, s.login},
		{"POST", "/api/auth/logout", public, s.logout},
		{"GET", "/api/me", anyHRUser, s.me},

		{"GET", "/api/companies", auth.AlumniRead, s.listCompanies},
		{"POST", "/api/companies", auth.CompaniesManage, s.createCompany},

		{"GET", "/api/alumni", auth.AlumniRead, s.listAlumni},
		{"POST", "/api/alumni", auth.AlumniWrite, s.createAlumnus},
		{"GET", "/api/alumni/facets", auth.AlumniRead, s.alumniFacets},
		{"GET", "/api/alumni/export", auth.AlumniExport, s.exportAlumni},
		{"POST", "/api/alumni/import", auth.AlumniImport, s.importAlumni},
		{"GET", "/api/alumni/{id}", auth.AlumniRead, s.getAlumnus},
		{"PUT", "/api/alumni/{id}", auth.AlumniWrite, s.updateAlumnus},
		{"DELETE", "/api/alumni/{id}", auth.AlumniDelete, s.deleteAlumnus},
		{"GET", "/api/jobs/{id}", anyHRUser, s.getJob},

		{"GET", "/api/users", auth.UsersManage, s.listUsers},
		{"POST", "/api/users", auth.UsersManage, s.createUser},
		{"GET", "/api/tokens", auth.TokensManage, s.listTokens},
		{"POST", "/api/tokens", auth.TokensManage, s.createToken},
		{"DELETE", "/api/tokens/{id}", auth.TokensManage, s.revokeToken},
		{"GET", "/api/audit", auth.AuditRead, s.listAudit},

		{"GET", "/api/backup", auth.BackupRun, s.downloadBackup},
		{"POST", "/api/restore", auth.BackupRun, s.restore},

		{"GET", "/api/mail/settings", auth.MailSettings, s.getMailSettings},
		{"PUT", "/api/mail/settings", auth.MailSettings, s.putMailSettings},
		{"POST", "/api/mail/settings/test", auth.MailSettings, s.testMailSettings},
		{"GET", "/api/mail/caught", auth.MailRead, s.listCaught},
		{"DELETE", "/api/mail/caught", auth.MailSend, s.clearCaught},
		{"GET", "/api/mail/caught/{id}", auth.MailRead, s.getCaught},
		{"GET", "/api/mail/caught/{id}/raw", auth.MailRead, s.getCaughtRaw},
		{"GET", "/api/alumni/{id}/consent", auth.MailRead, s.getConsent},
		{"POST", "/api/alumni/{id}/consent", auth.MailSend, s.recordConsent},
		{"DELETE", "/api/alumni/{id}/consent", auth.MailSend, s.revokeConsent},
		{"GET", "/api/mail/suppressions", auth.MailRead, s.listSuppressions},
		{"POST", "/api/mail/suppressions", auth.MailSend, s.addSuppression},
		{"DELETE", "/api/mail/suppressions/{address}", auth.MailSend, s.removeSuppression},
		{"GET", "/unsubscribe", public, s.unsubscribeForm},
		{"POST", "/unsubscribe", public, s.unsubscribe},

		{"GET", "/api/openapi.json", public, s.openAPI},
	}
}

// RouteInfo describes a served API route, for tests and documentation.
type RouteInfo struct {
	Method     string
	Pattern    string
	Permission string // "" for any logged-in HR user
	Public     bool
}

// RouteTable lists every API route with the permission it needs.
func RouteTable() []RouteInfo {
	var s Server
	var out []RouteInfo
	for _, rt := range s.routes() {
		info := RouteInfo{Method: rt.Method, Pattern: rt.Pattern, Permission: string(rt.Permission)}
		switch rt.Permission {
		case public:
			info.Permission, info.Public = "", true
		case anyHRUser:
			info.Permission = ""
		}
		out = append(out, info)
	}
	return out
}
