package members

import (
	"context"
	"errors"
	"testing"

	"github.com/kizuna-hr/kizuna/app/auth"
)

func TestPasswordSetLoginChangeRemove(t *testing.T) {
	ctx := context.Background()
	l, _, member := loginFixture(t)
	if has, _ := l.HasPassword(ctx, member); has {
		t.Fatal("password before setting one")
	}
	// No password yet: the same error as a wrong one.
	if _, _, err := l.PasswordLogin(ctx, "hanako@example.jp", "whatever-long", "10.0.0.1"); !errors.Is(err, ErrBadPassword) {
		t.Errorf("no password: %v", err)
	}
	for _, weak := range []string{"short", string(make([]byte, 73))} {
		if err := l.SetPassword(ctx, member, weak, ""); !errors.Is(err, auth.ErrWeakPassword) {
			t.Errorf("weak %q: %v", weak[:3], err)
		}
	}
	here, _ := l.sessions.Open(ctx, member, "10.0.0.1")
	other, _ := l.sessions.Open(ctx, member, "10.0.0.2")
	if err := l.SetPassword(ctx, member, "correct horse battery", here); err != nil {
		t.Fatal(err)
	}
	if _, err := l.sessions.Actor(ctx, here); err != nil {
		t.Errorf("the session that set the password ended: %v", err)
	}
	if _, err := l.sessions.Actor(ctx, other); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("other session survived a password change: %v", err)
	}
	id, secret, err := l.PasswordLogin(ctx, " Hanako@example.jp", "correct horse battery", "10.0.0.1")
	if err != nil || id != member || secret == "" {
		t.Fatalf("password login: %d %v", id, err)
	}
	for _, tc := range []struct{ email, pw string }{{"hanako@example.jp", "wrong password!"}, {"nobody@example.jp", "correct horse battery"}, {"jiro@example.jp", "correct horse battery"}} {
		if _, _, err := l.PasswordLogin(ctx, tc.email, tc.pw, "10.0.0.3"); !errors.Is(err, ErrBadPassword) {
			t.Errorf("%s: %v", tc.email, err)
		}
	}
	if _, _, err := l.PasswordLogin(ctx, "", "x", "10.0.0.1"); !errors.Is(err, ErrMissingEmail) {
		t.Errorf("no email: %v", err)
	}
	// Wrong passwords are throttled.
	var last error
	for i := 0; i < 8; i++ {
		_, _, last = l.PasswordLogin(ctx, "hanako@example.jp", "wrong password!", "10.0.0.4")
	}
	if !errors.Is(last, auth.ErrThrottled) {
		t.Errorf("after many failures: %v", last)
	}
	if err := l.RemovePassword(ctx, member, here); err != nil {
		t.Fatal(err)
	}
	if has, _ := l.HasPassword(ctx, member); has {
		t.Error("password still set after removal")
	}
}
