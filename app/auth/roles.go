package auth

import "slices"

// Role is an HR user's or token's role.
type Role string

// The roles, from most to least powerful.
const (
	Owner       Role = "owner"
	HRAdmin     Role = "hr_admin"
	HRStaff     Role = "hr_staff"
	Coordinator Role = "coordinator"
	Viewer      Role = "viewer"
)

// Roles lists every role.
var Roles = []Role{Owner, HRAdmin, HRStaff, Coordinator, Viewer}

// Permission is one thing a role may do.
type Permission string

// The permissions.
const (
	AlumniRead        Permission = "alumni.read"
	AlumniReadPrivate Permission = "alumni.read_private" // HR-only fields: leave reason, rehire eligibility, notes
	AlumniWrite       Permission = "alumni.write"
	AlumniDelete      Permission = "alumni.delete"
	AlumniImport      Permission = "alumni.import"
	AlumniExport      Permission = "alumni.export"
	CompaniesManage   Permission = "companies.manage"
	UsersManage       Permission = "users.manage"
	TokensManage      Permission = "tokens.manage"
	BackupRun         Permission = "backup.run"
	AuditRead         Permission = "audit.read"
	MailRead          Permission = "mail.read"      // campaigns, progress, segments, the built-in mailbox, suppressions
	MailWrite         Permission = "mail.write"     // segments and draft campaigns, preview
	MailSend          Permission = "mail.send"      // test send, start/pause/cancel, consent, suppressions
	MailSettings      Permission = "mail.settings"  // sender identity, relay, bounce mailbox, relay test
	PluginsManage     Permission = "plugins.manage" // install, enable, configure and remove plugins
	PortalManage      Permission = "portal.manage"  // the portal's settings (network name)
	EventsRead        Permission = "events.read"    // events, attendee lists and their CSV export
	EventsManage      Permission = "events.manage"  // create, edit and cancel events, check-in, reminders, photos
	FeedRead          Permission = "feed.read"      // company posts and spaces of the portal feed
	FeedWrite         Permission = "feed.write"     // write, schedule and pin company posts; open spaces
	FeedModerate      Permission = "feed.moderate"  // the moderation queue: hide, restore, delete members' content
)

// rolePermissions is the one table of who may do what.
var rolePermissions = map[Role][]Permission{
	Owner: {AlumniRead, AlumniReadPrivate, AlumniWrite, AlumniDelete, AlumniImport, AlumniExport,
		CompaniesManage, UsersManage, TokensManage, BackupRun, AuditRead, PluginsManage,
		MailRead, MailWrite, MailSend, MailSettings, PortalManage, EventsRead, EventsManage, FeedRead, FeedWrite, FeedModerate},
	HRAdmin: {AlumniRead, AlumniReadPrivate, AlumniWrite, AlumniDelete, AlumniImport, AlumniExport,
		CompaniesManage, UsersManage, TokensManage, BackupRun, AuditRead, PluginsManage,
		MailRead, MailWrite, MailSend, MailSettings, PortalManage, EventsRead, EventsManage, FeedRead, FeedWrite, FeedModerate},
	HRStaff:     {AlumniRead, AlumniReadPrivate, AlumniWrite, AlumniImport, AlumniExport, MailRead, MailWrite, MailSend, EventsRead, EventsManage, FeedRead, FeedWrite, FeedModerate},
	Coordinator: {AlumniRead, AlumniReadPrivate, AlumniWrite, MailRead, MailWrite, EventsRead, EventsManage, FeedRead, FeedWrite},
	Viewer:      {AlumniRead, MailRead, EventsRead, FeedRead},
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Can reports whether the role has permission p.
func (r Role) Can(p Permission) bool { return slices.Contains(rolePermissions[r], p) }

// Permissions lists the role's permissions.
func (r Role) Permissions() []Permission { return slices.Clone(rolePermissions[r]) }

// CanGrant reports whether r may create users or tokens with role other:
// nobody grants more than they have, and only owners make owners.
func (r Role) CanGrant(other Role) bool {
	if !r.Can(UsersManage) && !r.Can(TokensManage) {
		return false
	}
	if other == Owner {
		return r == Owner
	}
	return other.Valid()
}
