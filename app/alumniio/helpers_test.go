package alumniio

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/companies"
	"github.com/kizuna-hr/kizuna/app/store"
)

// env is a fresh Kizuna database with two companies: 本社 (code main, id 1)
// and キズナ商事 (code shoji, id 2).
type env struct {
	st        *store.Store
	repo      *alumni.Repo
	companies *CompanyIndex
	im        *Importer
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.W.ExecContext(ctx, "INSERT INTO companies(code, name) VALUES ('shoji', 'キズナ商事')"); err != nil {
		t.Fatal(err)
	}
	companies, err := LoadCompanies(ctx, companies.NewRepo(st))
	if err != nil {
		t.Fatal(err)
	}
	repo := alumni.NewRepo(st)
	return &env{st: st, repo: repo, companies: companies, im: NewImporter(repo, companies)}
}

// importString imports content; rows that name no company go to 本社.
func (e *env) importString(t testing.TB, content, filename string, opt Options) (*Report, error) {
	t.Helper()
	if opt.CompanyID == 0 {
		opt.CompanyID = 1
	}
	return e.im.Import(context.Background(), strings.NewReader(content), filename, opt, nil)
}

func (e *env) count(t testing.TB) int {
	t.Helper()
	n, err := e.repo.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// all returns the stored alumni in id order.
func (e *env) all(t testing.TB) []*alumni.Alumnus {
	t.Helper()
	var out []*alumni.Alumnus
	if err := e.repo.Each(context.Background(), func(a *alumni.Alumnus) error {
		out = append(out, a)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func sjis(t testing.TB, s string) string {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("encode Shift_JIS: %v", err)
	}
	return b
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// hasIssue reports whether issues has one on line for field whose reason
// contains reason.
func hasIssue(issues []Issue, line int, field, reason string) bool {
	for _, is := range issues {
		if is.Line == line && is.Field == field && strings.Contains(is.Reason, reason) {
			return true
		}
	}
	return false
}

func mustContain(t testing.TB, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("%q does not contain %q", got, want)
	}
}

var fixedTime = time.Date(2026, 4, 1, 9, 30, 0, 0, time.UTC)
