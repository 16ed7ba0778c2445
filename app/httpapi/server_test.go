package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
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

// fixture is a real server over a real SQLite file with one alumnus and a
// bearer token for every role.
type fixture struct {
	srv       *httpapi.Server
	http      *httptest.Server
	st        *store.Store
	auth      *auth.Service
	tokens    map[auth.Role]string
	alumnus   int64
	mail      *mail.Engine
	campaigns *mail.Campaigns
	plugins   *plugins.Manager
	login     *members.Login
	members   *members.Sessions
	feed      *feed.Service
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	comp := companies.NewRepo(st)
	log := audit.New(st)
	authSvc := auth.NewService(st, auth.NewThrottle(5, time.Minute))
	repo := alumni.NewRepo(st)
	svc := alumni.NewService(repo, alumni.NewDirectory(repo, comp.Names), log, comp.Names)
	a := &alumni.Alumnus{CompanyID: 1, Name: "山田 太郎", NameReading: "やまだ たろう", Email: "taro@example.jp",
		LeaveReason: "家業を継ぐため", RehireEligibility: alumni.RehireEligible, Notes: "面談メモ"}
	alumni.Normalize(a)
	created, err := repo.Create(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	porter := alumniio.NewPorter(repo, comp, log, svc.Directory().Invalidate)
	backups := backup.New(st, log, svc.Directory().Invalidate)
	ev := events.New(st)
	svc.SetEvents(ev)
	eng, err := mail.New(ctx, st, mail.Config{BaseURL: "http://kizuna.test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	segs := segments.New(st, svc.Directory())
	plugs := plugins.New(plugins.Deps{Store: st, Events: ev, Audit: log, Alumni: svc,
		Segments: plugins.SavedSegments{Saved: segs}, Mailer: plugins.OutboxMailer{Outbox: eng, Alumni: svc}}, plugins.Options{})
	t.Cleanup(plugs.Close)
	if err := plugs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	camps := mail.NewCampaigns(eng, segs)
	sessions := members.NewSessions(st)
	login := members.NewLogin(st, sessions, eng, eng.BaseURL, nil)
	notes := notify.New(st, eng, eng.BaseURL, nil, nil)
	meets := meetups.New(st, segs, eng, notes, ev, meetups.Config{Base: eng.BaseURL})
	fd := feed.New(st, log, segs, feed.Options{})
	inv := invitations.New(invitations.Deps{Store: st, Mail: eng, Admit: login, Sessions: sessions, Audit: log, BaseURL: eng.BaseURL})
	srv := httpapi.New(httpapi.Deps{Members: sessions, Login: login, PortalSettings: members.NewSettings(st), Store: st, Alumni: svc, Auth: authSvc, Audit: log, Companies: comp, Data: porter, Backups: backups,
		Mail: eng, Plugins: plugs, Segments: segs, Campaigns: camps, Meetups: meets, Notify: notes, Profiles: profiles.New(st, repo, log), Feed: fd,
		Invitations:   inv,
		Registrations: members.NewRegistrations(login),
		Privacy:       privacy.New(privacy.Deps{Store: st, Audit: log, Ledger: eng, Mail: eng, Roster: privacy.AlumniRoster{Repo: repo, Service: svc}}),
		Assets:        fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>Kizuna</title>")}},
	})
	f := &fixture{srv: srv, st: st, auth: authSvc, tokens: map[auth.Role]string{}, alumnus: created.ID, mail: eng, campaigns: camps, plugins: plugs, login: login,
		members: sessions, feed: fd}
	for _, role := range auth.Roles {
		_, secret, err := authSvc.CreateToken(ctx, "test-"+string(role), role)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[role] = secret
	}
	f.http = httptest.NewServer(srv)
	t.Cleanup(f.http.Close)
	return f
}

// do sends a request as role ("" = anonymous) and returns status and body.
func (f *fixture) do(t testing.TB, role auth.Role, method, path string, body io.Reader, contentType string) (int, []byte) {
	t.Helper()
	return f.send(t, method, path, body, contentType, func(req *http.Request) {
		if role != "" {
			req.Header.Set("Authorization", "Bearer "+f.tokens[role])
		}
	})
}

// send sends a request after sign adds credentials, and returns status and body.
func (f *fixture) send(t testing.TB, method, path string, body io.Reader, contentType string, sign func(*http.Request)) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, f.http.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	sign(req)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func jsonBody(v any) io.Reader {
	b, _ := json.Marshal(v)
	return bytes.NewReader(b)
}

type apiError struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		MessageEN string            `json:"message_en"`
		Fields    map[string]string `json:"fields"`
	} `json:"error"`
}

func decodeError(t *testing.T, body []byte) apiError {
	t.Helper()
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil || e.Error.Message == "" || e.Error.MessageEN == "" {
		t.Fatalf("not a bilingual error body: %s", body)
	}
	return e
}

func multipartFile(t *testing.T, name, content string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func TestHealthz(t *testing.T) {
	f := newFixture(t)
	if code, body := f.do(t, "", "GET", "/healthz", nil, ""); code != 200 || !strings.Contains(string(body), "ok") {
		t.Fatalf("healthz = %d %s", code, body)
	}
}

func TestSPARoutes(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/console/", "/console/alumni/3", "/portal/", "/portal/events"} {
		code, body := f.do(t, "", "GET", path, nil, "")
		if code != 200 || !strings.Contains(string(body), "<title>Kizuna") {
			t.Errorf("%s = %d %s", path, code, body)
		}
	}
	if code, _ := f.do(t, "", "GET", "/nope", nil, ""); code != 404 {
		t.Errorf("unknown path = %d, want 404", code)
	}
	if code, body := f.do(t, "", "GET", "/api/nope", nil, ""); code != 404 {
		t.Errorf("unknown API = %d %s", code, body)
	}
}
