package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/store"
)

func TestRolePermissions(t *testing.T) {
	cases := []struct {
		role Role
		can  []Permission
		not  []Permission
	}{
		{Owner, []Permission{UsersManage, BackupRun, AlumniDelete}, nil},
		{HRAdmin, []Permission{UsersManage, AuditRead}, nil},
		{HRStaff, []Permission{AlumniImport, AlumniExport, AlumniReadPrivate}, []Permission{UsersManage, BackupRun, AlumniDelete}},
		{Coordinator, []Permission{AlumniRead, AlumniReadPrivate, AlumniWrite}, []Permission{AlumniExport, AlumniImport}},
		{Viewer, []Permission{AlumniRead, FeedRead}, []Permission{AlumniReadPrivate, AlumniWrite, AlumniExport, FeedWrite, FeedModerate}},
		{Coordinator, []Permission{FeedRead, FeedWrite}, []Permission{FeedModerate}},
		{HRStaff, []Permission{FeedWrite, FeedModerate}, nil},
		{Role("king"), nil, []Permission{AlumniRead}},
	}
	for _, c := range cases {
		for _, p := range c.can {
			if !c.role.Can(p) {
				t.Errorf("%s cannot %s", c.role, p)
			}
		}
		for _, p := range c.not {
			if c.role.Can(p) {
				t.Errorf("%s can %s", c.role, p)
			}
		}
	}
	if HRAdmin.CanGrant(Owner) || !Owner.CanGrant(Owner) || !HRAdmin.CanGrant(HRStaff) || HRStaff.CanGrant(Viewer) {
		t.Error("grant rules wrong")
	}
}

func TestThrottleWindow(t *testing.T) {
	th := NewThrottle(3, time.Minute)
	now := time.Unix(1000, 0)
	th.now = func() time.Time { return now }
	for i := 0; i < 3; i++ {
		if err := th.Allow("a@example.jp", "1.2.3.4"); err != nil {
			t.Fatalf("attempt %d refused", i)
		}
		th.Fail("a@example.jp", "1.2.3.4")
	}
	if !errors.Is(th.Allow("a@example.jp", "5.6.7.8"), ErrThrottled) {
		t.Error("email not throttled from another client")
	}
	if !errors.Is(th.Allow("b@example.jp", "1.2.3.4"), ErrThrottled) {
		t.Error("client not throttled for another email")
	}
	now = now.Add(61 * time.Second)
	if err := th.Allow("a@example.jp", "1.2.3.4"); err != nil {
		t.Error("still throttled after the window")
	}
}

func TestUsersAndTokens(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := NewService(st, NewThrottle(5, time.Minute))
	if _, err := svc.CreateUser(ctx, "a@example.jp", "", Viewer, "short"); !errors.Is(err, ErrWeakPassword) {
		t.Errorf("short password: %v", err)
	}
	if _, err := svc.CreateUser(ctx, "not-an-email", "", Viewer, "long enough password"); !errors.Is(err, ErrInvalidEmail) {
		t.Errorf("bad email: %v", err)
	}
	admin := actor.With(ctx, actor.Actor{Kind: actor.User, ID: 1, Name: "admin@example.jp", Role: string(HRAdmin)})
	if _, err := svc.CreateUser(admin, "o@example.jp", "", Owner, "long enough password"); !errors.Is(err, ErrForbidden) {
		t.Errorf("hr_admin made an owner: %v", err)
	}
	if _, _, err := svc.CreateToken(admin, "x", Owner); !errors.Is(err, ErrForbidden) {
		t.Errorf("hr_admin made an owner token: %v", err)
	}
	u, err := svc.CreateUser(ctx, "HR@Example.jp", "人事", HRStaff, "long enough password")
	if err != nil || u.Email != "hr@example.jp" {
		t.Fatalf("create: %v %+v", err, u)
	}
	if _, _, err := svc.Login(ctx, "hr@example.jp", "wrong password!", "c"); !errors.Is(err, ErrBadCredentials) {
		t.Errorf("wrong password: %v", err)
	}
	_, secret, err := svc.Login(ctx, "hr@example.jp", "long enough password", "c")
	if err != nil {
		t.Fatal(err)
	}
	a, err := svc.SessionActor(ctx, secret)
	if err != nil || a.Role != string(HRStaff) {
		t.Fatalf("session: %v %+v", err, a)
	}
	// Changing the password ends every session.
	if err := svc.SetPassword(ctx, u.ID, "another long password"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SessionActor(ctx, secret); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("session survived a password change: %v", err)
	}
	// Sessions expire.
	_, secret, _ = svc.Login(ctx, "hr@example.jp", "another long password", "c")
	svc.now = func() time.Time { return time.Now().Add(SessionLifetime + time.Minute) }
	if _, err := svc.SessionActor(ctx, secret); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("expired session accepted: %v", err)
	}
}
