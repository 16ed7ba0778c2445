package segments_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/demo"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/segments"
	"github.com/kizuna-hr/kizuna/app/store"
)

func companyNames(context.Context) (map[int64]string, error) {
	return map[int64]string{1: "本社"}, nil
}

// world is n demo alumni; every second one opted in, every tenth suppressed.
func world(t testing.TB, n int) (*segments.Service, *store.Store, []*alumni.Alumnus) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	repo := alumni.NewRepo(st)
	records := demo.Alumni(n, []int64{1}, 7)
	for _, a := range records {
		alumni.Normalize(a)
	}
	if _, err := repo.Upsert(ctx, records, nil); err != nil {
		t.Fatal(err)
	}
	eng, err := mail.New(ctx, st, mail.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var consents []mail.Consent
	for i, a := range records {
		if i%2 == 0 {
			consents = append(consents, mail.Consent{Address: a.Email, AlumnusID: a.ID, GrantedAt: time.Now(), Method: "web", TextAgreed: "同意します"})
		}
		if i%10 == 0 {
			if err := eng.Suppress(ctx, a.Email, "manual", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := eng.RecordConsents(ctx, consents); err != nil {
		t.Fatal(err)
	}
	dir := alumni.NewDirectory(repo, companyNames)
	return segments.New(st, dir), st, records
}

func TestCounts(t *testing.T) {
	svc, _, records := world(t, 100)
	c, err := svc.Count(context.Background(), segments.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// 50 opted in (even), 10 suppressed (multiples of 10, all even).
	want := segments.Counts{Matched: 100, WithEmail: 100, OptedIn: 50, Suppressed: 10, Reachable: 40}
	if c != want {
		t.Fatalf("counts %+v, want %+v", c, want)
	}
	dept := records[0].Department
	n := 0
	for _, a := range records {
		if a.Department == dept {
			n++
		}
	}
	c, err = svc.Count(context.Background(), segments.Filter{Departments: []string{dept, "存在しない部"}})
	if err != nil || c.Matched != n {
		t.Fatalf("department count %+v (%v), want matched %d", c, err, n)
	}
}

func TestSegmentCRUDAndBadInput(t *testing.T) {
	svc, st, _ := world(t, 10)
	ctx := context.Background()
	cases := []struct {
		name  string
		seg   segments.Segment
		field string
	}{
		{"empty name", segments.Segment{Name: "  "}, "name"},
		{"year out of range", segments.Segment{Name: "x", Filter: segments.Filter{JoinYearFrom: 20}}, "filter.join_year"},
		{"years reversed", segments.Segment{Name: "x", Filter: segments.Filter{LeaveYearFrom: 2020, LeaveYearTo: 2010}}, "filter.leave_year"},
		{"bad company", segments.Segment{Name: "x", Filter: segments.Filter{CompanyIDs: []int64{-1}}}, "filter.company_ids"},
	}
	for _, c := range cases {
		_, err := svc.Create(ctx, c.seg, "hr@example.jp")
		fe, ok := fault.As(err)
		if !ok || fe.Fields[c.field] == "" {
			t.Errorf("%s: got %v, want a fault naming %s", c.name, err, c.field)
		}
	}
	seg, err := svc.Create(ctx, segments.Segment{Name: "2010年代入社", Filter: segments.Filter{JoinYearFrom: 2010, JoinYearTo: 2019}}, "hr@example.jp")
	if err != nil {
		t.Fatal(err)
	}
	seg.Name = "2010年代入社（改）"
	if seg, err = svc.Update(ctx, seg); err != nil || seg.Name != "2010年代入社（改）" || seg.Filter.JoinYearTo != 2019 {
		t.Fatalf("update: %+v %v", seg, err)
	}
	if _, err := st.W.Exec(`INSERT INTO mail_campaigns(name, subject, html, segment_id, state) VALUES ('c', 's', 'h', ?, 'scheduled')`, seg.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Delete(ctx, seg.ID); !errors.Is(err, segments.ErrInUse) {
		t.Fatalf("delete in use: %v", err)
	}
	st.W.Exec(`UPDATE mail_campaigns SET state = 'draft'`)
	if err := svc.Delete(ctx, seg.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Get(ctx, seg.ID); !errors.Is(err, segments.ErrNotFound) {
		t.Fatalf("get deleted: %v", err)
	}
}

// BenchmarkCount100k measures the live count over 100,000 alumni (half
// opted in): the empty filter (everyone), one department, years and text.
// The reach snapshot is built once before (as after the first count); a
// change to alumni, consents or suppressions rebuilds it (about 0.5 s).
func BenchmarkCount100k(b *testing.B) {
	svc, _, records := world(b, 100_000)
	ctx := context.Background()
	if _, err := svc.Count(ctx, segments.Filter{}); err != nil { // builds the reach snapshot
		b.Fatal(err)
	}
	for _, f := range []struct {
		name string
		f    segments.Filter
	}{{"all", segments.Filter{}}, {"department", segments.Filter{Departments: []string{records[0].Department}}},
		{"years+text", segments.Filter{Q: "山", JoinYearFrom: 2010, JoinYearTo: 2019}}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := svc.Count(ctx, f.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
