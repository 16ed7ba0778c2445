package privacy_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/companies"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/privacy"
	"github.com/kizuna-hr/kizuna/app/store"
)

// setup returns the service over a real SQLite file, an HR context with
// role and one alumnus.
func setup(t *testing.T, role auth.Role) (*privacy.Service, context.Context, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	comp := companies.NewRepo(st)
	log := audit.New(st)
	repo := alumni.NewRepo(st)
	svc := alumni.NewService(repo, alumni.NewDirectory(repo, comp.Names), log, comp.Names)
	a := &alumni.Alumnus{CompanyID: 1, Name: "山田 太郎", NameReading: "やまだ たろう", Email: "taro@example.jp"}
	alumni.Normalize(a)
	created, err := repo.Create(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := mail.New(ctx, st, mail.Config{BaseURL: "http://kizuna.test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := privacy.New(privacy.Deps{Store: st, Audit: log, Ledger: eng, Mail: eng, Roster: privacy.AlumniRoster{Repo: repo, Service: svc},
		Now: func() time.Time { return time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC) }})
	hr := actor.With(ctx, actor.Actor{Kind: actor.User, ID: 1, Name: "hr", Role: string(role)})
	return p, hr, created.ID
}

func TestPublish(t *testing.T) {
	p, hr, _ := setup(t, auth.Owner)
	long := make([]rune, 20001)
	for i := range long {
		long[i] = 'あ'
	}
	for _, c := range []struct {
		name   string
		ja, en string
		want   error
	}{
		{"both", "利用目的", "purpose", nil},
		{"no Japanese", " ", "purpose", privacy.ErrMissingText},
		{"no English", "利用目的", "", privacy.ErrMissingText},
		{"too long", string(long), "purpose", privacy.ErrTextTooLong},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := p.Publish(hr, c.ja, c.en)
			if !errors.Is(err, c.want) && (c.want != nil || err != nil) {
				t.Errorf("got %v, want %v", err, c.want)
			}
		})
	}
	if cur, err := p.Current(hr); err != nil || cur == nil || cur.Version != 1 {
		t.Errorf("current = %+v, %v (only the valid text is a version)", cur, err)
	}
	_, vctx, _ := setup(t, auth.Viewer)
	if _, err := p.Publish(vctx, "a", "b"); err == nil {
		t.Error("a viewer published")
	}
}

func TestAcceptAndDeletionStates(t *testing.T) {
	p, hr, id := setup(t, auth.Owner)
	ctx := context.Background()
	v1, _ := p.Publish(hr, "第1版", "v1")
	v2, _ := p.Publish(hr, "第2版", "v2")
	for _, c := range []struct {
		name    string
		version int
		want    error
	}{
		{"outdated", v1.Version, privacy.ErrOutdatedVersion},
		{"unknown", 99, privacy.ErrOutdatedVersion},
		{"current", v2.Version, nil},
		{"current again", v2.Version, nil},
	} {
		if err := p.Accept(ctx, id, c.version, false); !errors.Is(err, c.want) && (c.want != nil || err != nil) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	st, err := p.StatusOf(ctx, id)
	if err != nil || st.NeedsAcceptance || st.Accepted.Version != v2.Version || st.Promotional {
		t.Fatalf("status = %+v, %v", st, err)
	}

	d, err := p.RequestDeletion(ctx, id)
	if err != nil || d.State != privacy.Requested {
		t.Fatalf("request: %+v %v", d, err)
	}
	if _, err := p.RequestDeletion(ctx, id); !errors.Is(err, privacy.ErrRequestOpen) {
		t.Errorf("second request: %v", err)
	}
	if _, err := p.Decline(hr, d.ID, "  "); !errors.Is(err, privacy.ErrMissingReason) {
		t.Errorf("decline without reason: %v", err)
	}
	_, staff, _ := setup(t, auth.Viewer)
	if _, err := p.Complete(staff, d.ID); err == nil {
		t.Error("a viewer completed a deletion")
	}
	done, err := p.Complete(hr, d.ID)
	if err != nil || done.State != privacy.Completed || done.Name != "" || done.AlumnusID != 0 {
		t.Fatalf("complete: %+v %v", done, err)
	}
	for _, c := range []struct {
		name string
		run  func() error
	}{
		{"complete again", func() error { _, err := p.Complete(hr, d.ID); return err }},
		{"decline completed", func() error { _, err := p.Decline(hr, d.ID, "理由"); return err }},
	} {
		if err := c.run(); !errors.Is(err, privacy.ErrAlreadyDecided) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if _, err := p.Complete(hr, 999); !errors.Is(err, privacy.ErrRequestNotFound) {
		t.Errorf("unknown request: %v", err)
	}
	if _, err := p.StatusOf(ctx, id); !errors.Is(err, alumni.ErrNotFound) {
		t.Errorf("status of the deleted alumnus: %v", err)
	}
}
