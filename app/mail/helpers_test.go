package mail

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var testIdentity = Identity{Name: "株式会社きずな商事 人事部 アルムナイ担当", FromAddress: "alumni@kizuna.example.jp",
	PostalAddress: "東京都千代田区丸の内1-1-1", Contact: "alumni@kizuna.example.jp / 03-1234-5678"}

// newEngine opens a real SQLite file in a temporary directory and returns an
// engine over it with the sender identity set (unless identity is false).
func newEngine(t *testing.T, cfg Config, identity bool) (*Engine, *store.Store) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://alumni.example.jp"
	}
	e, err := New(ctx, st, cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if identity {
		if err := e.SetIdentity(ctx, testIdentity); err != nil {
			t.Fatal(err)
		}
	}
	return e, st
}

// addAlumni inserts alumni with the given addresses and returns their ids;
// those in optedIn also get a consent record.
func addAlumni(t *testing.T, e *Engine, addrs []string, optedIn func(i int) bool) []int64 {
	t.Helper()
	ctx := context.Background()
	ids := make([]int64, len(addrs))
	for i, a := range addrs {
		res, err := e.st.W.ExecContext(ctx, `INSERT INTO alumni(company_id, name, email) VALUES (1, ?, ?)`,
			fmt.Sprintf("山田 太郎%d", i), a)
		if err != nil {
			t.Fatal(err)
		}
		ids[i], _ = res.LastInsertId()
		if optedIn == nil || optedIn(i) {
			if _, err := e.RecordConsent(ctx, Consent{Address: a, AlumnusID: ids[i], GrantedAt: time.Now(),
				Method: "登録フォーム", TextAgreed: "アルムナイ向けのお知らせメールの受信に同意します"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ids
}

var testCampaign = Campaign{Name: "秋のアルムナイ交流会", Subject: "{{.姓}}様へ：秋のアルムナイ交流会（オンライン・オフライン同時開催）のご案内",
	HTML: `<h1>{{.氏名}} 様</h1><p>いつもありがとうございます。<a href="https://alumni.example.jp/events/1">詳細はこちら</a></p>`}

func run(t *testing.T, e *Engine) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.Drain(ctx); err != nil {
		counts, _ := e.Counts(context.Background(), 0)
		t.Fatalf("drain: %v (counts %v, rate limit %.1f/s)", err, counts, e.throttle.current())
	}
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func stateOf(t *testing.T, e *Engine, id int64) Message {
	t.Helper()
	m, err := e.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func faultOf(err error) (*fault.Error, bool) { return fault.As(err) }
