package cli

import (
	"context"
	"log/slog"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/alumniio"
	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/backup"
	"github.com/kizuna-hr/kizuna/app/companies"
	"github.com/kizuna-hr/kizuna/app/events"
	"github.com/kizuna-hr/kizuna/app/feed"
	"github.com/kizuna-hr/kizuna/app/httpapi"
	"github.com/kizuna-hr/kizuna/app/invitations"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/meetups"
	"github.com/kizuna-hr/kizuna/app/members"
	"github.com/kizuna-hr/kizuna/app/notify"
	"github.com/kizuna-hr/kizuna/app/plugins"
	"github.com/kizuna-hr/kizuna/app/privacy"
	"github.com/kizuna-hr/kizuna/app/profiles"
	"github.com/kizuna-hr/kizuna/app/segments"
	"github.com/kizuna-hr/kizuna/app/store"
)

// app is Kizuna's capabilities wired over one data directory.
type app struct {
	store      *store.Store
	companies  *companies.Repo
	alumniRepo *alumni.Repo
	alumni     *alumni.Service
	auth       *auth.Service
	audit      *audit.Log
	data       *alumniio.Porter
	backups    *backup.Service
	mail       *mail.Engine // started only by serve and the desktop window
	segments   *segments.Service
	campaigns  *mail.Campaigns // supervised only by serve and the desktop window
	members    *members.Sessions
	login      *members.Login
	portal     *members.Settings
	notify     *notify.Service  // weekly digests run only by serve and the desktop window
	meetups    *meetups.Service // reminders run only by serve and the desktop window
	profiles   *profiles.Service
	feed       *feed.Service
	events     *events.Log
	plugins    *plugins.Manager
	log        *slog.Logger
	invites    *invitations.Service
	privacy    *privacy.Service
}

// openApp opens the data directory's database and wires every capability.
func openApp(ctx context.Context, dir string, log *slog.Logger) (*app, error) {
	st, err := store.Open(ctx, dir, log)
	if err != nil {
		return nil, err
	}
	a := &app{store: st, log: log}
	a.companies = companies.NewRepo(st)
	a.audit = audit.New(st)
	a.auth = auth.NewService(st, auth.NewThrottle(5, 15*time.Minute))
	a.alumniRepo = alumni.NewRepo(st)
	dir2 := alumni.NewDirectory(a.alumniRepo, a.companies.Names)
	a.alumni = alumni.NewService(a.alumniRepo, dir2, a.audit, a.companies.Names)
	a.events = events.New(st)
	a.alumni.SetEvents(a.events)
	a.backups = backup.New(st, a.audit, dir2.Invalidate)
	a.data = alumniio.NewPorter(a.alumniRepo, a.companies, a.audit, dir2.Invalidate)
	if a.mail, err = mail.New(ctx, st, mail.Config{}, log); err != nil {
		st.Close()
		return nil, err
	}
	a.segments = segments.New(st, dir2)
	a.campaigns = mail.NewCampaigns(a.mail, a.segments)
	a.members = members.NewSessions(st)
	a.portal = members.NewSettings(st)
	a.login = members.NewLogin(st, a.members, a.mail, a.mail.BaseURL, log)
	a.notify = notify.New(st, a.mail, a.mail.BaseURL, nil, log)
	a.meetups = meetups.New(st, a.segments, a.mail, a.notify, a.events, meetups.Config{Base: a.mail.BaseURL, Log: log})
	a.profiles = profiles.New(st, a.alumniRepo, a.audit)
	a.feed = feed.New(st, a.audit, a.segments, feed.Options{Notifier: a.notify})
	a.plugins = plugins.New(plugins.Deps{Store: st, Events: a.events, Audit: a.audit, Alumni: a.alumni, Log: log,
		Segments: plugins.SavedSegments{Saved: a.segments}, Mailer: plugins.OutboxMailer{Outbox: a.mail, Alumni: a.alumni}},
		plugins.Options{HostVersion: Version})
	a.backups.SetPlugins(a.plugins)
	a.invites = newInvitations(a, a.mail)
	a.privacy = privacy.New(privacy.Deps{Store: st, Audit: a.audit, Ledger: a.mail, Mail: a.mail,
		Roster: privacy.AlumniRoster{Repo: a.alumniRepo, Service: a.alumni}, Log: log})
	return a, nil
}

// handler builds the HTTP handler over every capability (serve, the
// desktop window and the benchmarks).
func (a *app) handler(e *env) *httpapi.Server {
	return httpapi.New(httpapi.Deps{
		Store: a.store, Alumni: a.alumni, Auth: a.auth, Audit: a.audit, Companies: a.companies,
		Data: a.data, Backups: a.backups, Mail: a.mail, Plugins: a.plugins, Assets: e.assets, Log: e.log, Version: Version,
		Segments: a.segments, Campaigns: a.campaigns, Members: a.members, Login: a.login, PortalSettings: a.portal,
		Meetups: a.meetups, Notify: a.notify, Profiles: a.profiles, Feed: a.feed,
		Invitations:   a.invites,
		Registrations: members.NewRegistrations(a.login),
		Privacy:       a.privacy,
	})
}

func (a *app) Close() error {
	a.plugins.Close()
	return a.store.Close()
}
