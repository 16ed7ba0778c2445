package httpapi

import (
	"net/http"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/profiles"
)

// Pseudo-permissions for routes that need no role permission.
const (
	public    auth.Permission = "public"      // no login needed
	anyHRUser auth.Permission = "any_hr_user" // any logged-in HR user or token
	member    auth.Permission = "member"      // an alumnus logged in to the portal (HR credentials do not count)
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

		{"POST", "/api/portal/login/start", public, s.portalLoginStart},
		{"POST", "/api/portal/login/verify", public, s.portalLoginVerify},
		{"GET", "/api/portal/me", member, s.portalMe},
		{"POST", "/api/portal/logout", public, s.portalLogout},
		{"POST", "/api/portal/logout-all", member, s.portalLogoutAll},
		{"GET", "/api/portal/info", public, s.portalInfo},
		{"PUT", "/api/portal/settings", auth.PortalManage, s.putPortalSettings},

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

		{"GET", "/api/segments", auth.MailRead, s.listSegments},
		{"POST", "/api/segments", auth.MailWrite, s.createSegment},
		{"POST", "/api/segments/count", auth.MailRead, s.countSegment},
		{"GET", "/api/segments/{id}", auth.MailRead, s.getSegment},
		{"PUT", "/api/segments/{id}", auth.MailWrite, s.updateSegment},
		{"DELETE", "/api/segments/{id}", auth.MailWrite, s.deleteSegment},
		{"GET", "/api/segments/{id}/members", auth.MailRead, s.segmentMembers},
		{"GET", "/api/campaigns", auth.MailRead, s.listCampaigns},
		{"POST", "/api/campaigns", auth.MailWrite, s.createCampaign},
		{"GET", "/api/campaigns/{id}", auth.MailRead, s.getCampaign},
		{"PUT", "/api/campaigns/{id}", auth.MailWrite, s.updateCampaign},
		{"DELETE", "/api/campaigns/{id}", auth.MailWrite, s.deleteCampaign},
		{"POST", "/api/campaigns/{id}/duplicate", auth.MailWrite, s.duplicateCampaign},
		{"POST", "/api/campaigns/{id}/preview", auth.MailWrite, s.previewCampaign},
		{"POST", "/api/campaigns/{id}/test-send", auth.MailSend, s.testSendCampaign},
		{"POST", "/api/campaigns/{id}/schedule", auth.MailSend, s.scheduleCampaign},
		{"POST", "/api/campaigns/{id}/start", auth.MailSend, s.campaignAction("start", func(c *mail.Campaigns) campaignFn { return c.Start })},
		{"POST", "/api/campaigns/{id}/pause", auth.MailSend, s.campaignAction("pause", func(c *mail.Campaigns) campaignFn { return c.Pause })},
		{"POST", "/api/campaigns/{id}/resume", auth.MailSend, s.campaignAction("resume", func(c *mail.Campaigns) campaignFn { return c.Resume })},
		{"POST", "/api/campaigns/{id}/cancel", auth.MailSend, s.campaignAction("cancel", func(c *mail.Campaigns) campaignFn { return c.Cancel })},
		{"GET", "/api/campaigns/{id}/recipients", auth.MailRead, s.campaignRecipients},
		{"GET", "/api/campaigns/{id}/recipients/export", auth.MailRead, s.exportRecipients},
		{"GET", "/api/mail/merge-fields", auth.MailRead, s.mergeFields},
		{"POST", "/api/mail/preview", auth.MailWrite, s.previewDraft},
		{"GET", "/click", public, s.click},

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
		{"GET", "/api/alumni/{id}/portal", auth.AlumniRead, s.getPortalMembership},
		{"POST", "/api/alumni/{id}/portal", auth.AlumniWrite, s.admitPortalMember},
		{"DELETE", "/api/alumni/{id}/portal", auth.AlumniWrite, s.revokePortalMember},
		{"GET", "/api/mail/suppressions", auth.MailRead, s.listSuppressions},
		{"POST", "/api/mail/suppressions", auth.MailSend, s.addSuppression},
		{"DELETE", "/api/mail/suppressions/{address}", auth.MailSend, s.removeSuppression},
		{"GET", "/unsubscribe", public, s.unsubscribeForm},
		{"POST", "/unsubscribe", public, s.unsubscribe},
		{"GET", "/api/plugins", auth.PluginsManage, s.listPlugins},
		{"POST", "/api/plugins", auth.PluginsManage, s.installPlugin},
		{"GET", "/api/plugins/nav", anyHRUser, s.pluginNav},
		{"GET", "/api/portal/plugins/nav", member, s.portalPluginNav},
		{"GET", "/api/portal/plugins/banners", member, s.portalPluginBanners},
		{"GET", "/api/plugins/{id}", auth.PluginsManage, s.getPlugin},
		{"DELETE", "/api/plugins/{id}", auth.PluginsManage, s.removePlugin},
		{"POST", "/api/plugins/{id}/enable", auth.PluginsManage, s.enablePlugin},
		{"POST", "/api/plugins/{id}/disable", auth.PluginsManage, s.disablePlugin},
		{"PUT", "/api/plugins/{id}/settings", auth.PluginsManage, s.savePluginSettings},
		{"GET", "/api/plugins/{id}/logs", auth.PluginsManage, s.pluginLogs},

		{"GET", "/api/events", auth.EventsRead, s.listEvents},
		{"POST", "/api/events", auth.EventsManage, s.createEvent},
		{"GET", "/api/events/{id}", auth.EventsRead, s.getEvent},
		{"PUT", "/api/events/{id}", auth.EventsManage, s.eventChange("event.update", s.updateEvent)},
		{"POST", "/api/events/{id}/cancel", auth.EventsManage, s.eventChange("event.cancel", s.cancelEvent)},
		{"GET", "/api/events/{id}/attendees", auth.EventsRead, s.eventAttendees},
		{"GET", "/api/events/{id}/attendees/export", auth.EventsRead, s.exportAttendees},
		{"POST", "/api/events/{id}/checkin", auth.EventsManage, s.checkInAttendee},
		{"POST", "/api/events/{id}/remind", auth.EventsManage, s.remindEvent},
		{"POST", "/api/events/{id}/photos", auth.EventsManage, s.uploadEventPhoto},
		{"GET", "/api/event-photos/{id}", auth.EventsRead, s.eventPhoto},

		{"GET", "/api/portal/events", member, s.portalEvents},
		{"GET", "/api/portal/events/{id}", member, s.portalEvent},
		{"POST", "/api/portal/events/{id}/rsvp", member, s.portalRSVPAction(rsvp)},
		{"DELETE", "/api/portal/events/{id}/rsvp", member, s.portalRSVPAction(withdraw)},
		{"POST", "/api/portal/events/{id}/checkin", member, s.portalRSVPAction(checkInWithCode)},
		{"GET", "/api/portal/event-photos/{id}", member, s.portalEventPhoto},
		{"GET", "/api/portal/notifications", member, s.portalNotifications},
		{"POST", "/api/portal/notifications/read", member, s.portalReadNotifications},
		{"GET", "/api/portal/notifications/prefs", member, s.portalNotifyPrefs},
		{"PUT", "/api/portal/notifications/prefs", member, s.portalSetNotifyPrefs},
		{"GET", "/api/portal/profile", member, s.memberCall(memberRead((*profiles.Service).Own))},
		{"PUT", "/api/portal/profile", member, s.memberCall(memberWrite((*profiles.Service).Save))},
		{"GET", "/api/portal/profile/photo", member, s.memberCall(s.ownPhoto)},
		{"POST", "/api/portal/profile/photo", member, s.memberCall(s.uploadPhoto)},
		{"GET", "/api/portal/survey", member, s.memberCall(memberRead((*profiles.Service).SurveyFor))},
		{"POST", "/api/portal/survey", member, s.memberCall(memberWrite((*profiles.Service).Answer))},
		{"GET", "/api/portal/alumni", member, s.memberCall(s.memberDirectory)},
		{"GET", "/api/portal/alumni/{id}", member, s.memberCall(s.memberCard)},
		{"GET", "/api/portal/alumni/{id}/photo", member, s.memberCall(s.memberPhoto)},
		{"GET", "/api/alumni/{id}/profile", auth.AlumniRead, s.alumnusProfile},
		{"GET", "/api/alumni/{id}/photo", auth.AlumniRead, s.alumnusPhoto},
		{"GET", "/api/feed/posts", auth.FeedRead, s.listCompanyPosts},
		{"POST", "/api/feed/posts", auth.FeedWrite, s.createCompanyPost},
		{"PUT", "/api/feed/posts/{id}", auth.FeedWrite, s.updateCompanyPost},
		{"DELETE", "/api/feed/posts/{id}", auth.FeedWrite, s.deleteCompanyPost},
		{"POST", "/api/feed/preview", auth.FeedWrite, s.previewPost},
		{"GET", "/api/feed/spaces", auth.FeedRead, s.listHRSpaces},
		{"POST", "/api/feed/spaces", auth.FeedWrite, s.createHRSpace},
		{"GET", "/api/feed/reports", auth.FeedModerate, s.moderationQueue},
		{"POST", "/api/feed/moderation", auth.FeedModerate, s.moderate},
		{"GET", "/api/portal/feed", member, s.portalFeed},
		{"POST", "/api/portal/posts", member, s.portalCreatePost},
		{"GET", "/api/portal/posts/{id}", member, s.portalGetPost},
		{"PUT", "/api/portal/posts/{id}", member, s.portalUpdatePost},
		{"DELETE", "/api/portal/posts/{id}", member, s.portalDeletePost},
		{"POST", "/api/portal/posts/{id}/comments", member, s.portalComment},
		{"POST", "/api/portal/posts/{id}/reactions", member, s.portalReact},
		{"POST", "/api/portal/reports", member, s.portalReport},
		{"GET", "/api/portal/spaces", member, s.portalSpaces},
		{"POST", "/api/portal/spaces", member, s.portalCreateSpace},
		{"POST", "/api/portal/spaces/{id}/join", member, s.portalJoinSpace},
		{"POST", "/api/portal/spaces/{id}/leave", member, s.portalLeaveSpace},
		{"GET", "/api/portal/privacy", member, s.privacyCall(s.answerPrivacy)},
		{"POST", "/api/portal/privacy/accept", member, s.privacyCall(s.portalAcceptPurpose)},
		{"PUT", "/api/portal/privacy/promotional", member, s.privacyCall(s.portalPromotional)},
		{"GET", "/api/portal/privacy/export", member, s.privacyCall(s.portalExport)},
		{"POST", "/api/portal/privacy/deletion", member, s.privacyCall(s.portalRequestDeletion)},
		{"GET", "/api/privacy/purpose", auth.PortalManage, s.privacyCall(s.purposeHistory)},
		{"POST", "/api/privacy/purpose", auth.PortalManage, s.privacyCall(s.publishPurpose)},
		{"GET", "/api/privacy/deletions", auth.AlumniRead, s.privacyCall(s.listDeletions)},
		{"POST", "/api/privacy/deletions/{id}/complete", auth.AlumniDelete, s.privacyCall(s.completeDeletion)},
		{"POST", "/api/privacy/deletions/{id}/decline", auth.AlumniDelete, s.privacyCall(s.declineDeletion)},
		{"GET", "/api/welcome-survey", auth.PortalManage, s.getWelcomeSurvey},
		{"POST", "/api/welcome-survey", auth.PortalManage, s.publishWelcomeSurvey},
		{"PUT", "/api/welcome-survey/profile-fields", auth.PortalManage, s.putSurveyProfileFields},
		{"POST", "/api/feed/images", auth.FeedWrite, s.uploadFeedImage},
		{"GET", "/api/feed/images/{id}", auth.FeedRead, s.feedImage},
		{"POST", "/api/portal/feed/images", member, s.uploadFeedImage},
		{"GET", "/api/portal/feed/images/{id}", member, s.feedImage},
		{"PUT", "/api/portal/comments/{id}", member, s.portalUpdateComment},
		{"DELETE", "/api/portal/comments/{id}", member, s.portalDeleteComment},

		{"GET", "/api/invitations", auth.AlumniRead, s.listInvitations},
		{"POST", "/api/invitations", auth.AlumniWrite, s.sendInvitations},
		{"GET", "/api/invitations/leavers", auth.AlumniRead, s.invitationLeavers},
		{"POST", "/api/invitations/leaflets", auth.AlumniWrite, s.invitationLeaflets},
		{"DELETE", "/api/invitations/{id}", auth.AlumniWrite, s.revokeInvitation},
		{"GET", "/api/portal/invitations/{token}", public, s.portalInvitation},
		{"POST", "/api/portal/invitations/{token}/accept", public, s.portalAcceptInvitation},

		{"POST", "/api/portal/register", public, s.portalRegister},
		{"POST", "/api/portal/register/verify", public, s.portalRegisterVerify},
		{"GET", "/api/portal/registrations", auth.AlumniWrite, s.registrationQueue},
		{"POST", "/api/portal/registrations/{id}/approve", auth.AlumniWrite, s.approveRegistration},
		{"POST", "/api/portal/registrations/{id}/reject", auth.AlumniWrite, s.rejectRegistration},
		{"POST", "/api/portal/login/password", public, s.portalPasswordLogin},
		{"GET", "/api/portal/password", member, s.portalPassword},
		{"PUT", "/api/portal/password", member, s.portalSetPassword},
		{"DELETE", "/api/portal/password", member, s.portalRemovePassword},
		{"GET", "/api/openapi.json", public, s.openAPI},
	}
}

// RouteInfo describes a served API route, for tests and documentation.
type RouteInfo struct {
	Method     string
	Pattern    string
	Permission string // "" for any logged-in HR user
	Public     bool
	Member     bool // for alumni with a portal session, not HR users
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
		case member:
			info.Permission, info.Member = "", true
		}
		out = append(out, info)
	}
	return out
}
