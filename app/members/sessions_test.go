package members

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/store"
)

func TestSessions(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.W.ExecContext(ctx, "INSERT INTO alumni(company_id, name, email) VALUES (1, '山田 花子', 'hanako@example.jp')")
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	s := NewSessions(st)

	first, err := s.Open(ctx, id, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	second, _ := s.Open(ctx, id, "127.0.0.2")
	a, err := s.Actor(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != actor.Alumnus || a.ID != id || a.Name != "山田 花子" || a.Role != actor.AlumnusRole {
		t.Errorf("actor = %+v", a)
	}

	cases := []struct {
		name   string
		secret string
		prep   func()
	}{
		{"unknown secret", "no-such-secret", func() {}},
		{"closed session", first, func() { s.Close(ctx, first) }},
		{"expired session", second, func() { s.now = func() time.Time { return time.Now().Add(SessionLifetime + time.Hour) } }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.prep()
			if _, err := s.Actor(ctx, c.secret); !errors.Is(err, ErrNotLoggedIn) {
				t.Errorf("err = %v, want ErrNotLoggedIn", err)
			}
		})
	}

	s.now = time.Now
	third, _ := s.Open(ctx, id, "")
	if err := s.CloseAll(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Actor(ctx, third); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("after CloseAll: %v", err)
	}
}
