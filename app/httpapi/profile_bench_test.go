package httpapi_test

import (
	"context"
	"net/url"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/demo"
)

// BenchmarkPortalDirectory100k measures GET /api/portal/alumni through the
// real handler on a loopback listener with 100,000 members, from 100
// concurrent clients, reporting p95 latency.
func BenchmarkPortalDirectory100k(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	records := demo.Alumni(100_000, []int64{1}, 1)
	for _, a := range records {
		alumni.Normalize(a)
	}
	if _, err := alumni.NewRepo(f.st).Upsert(ctx, records, nil); err != nil {
		b.Fatal(err)
	}
	// Everyone is a member; every third hides their company.
	if _, err := f.st.W.ExecContext(ctx, `INSERT INTO member_profiles(alumnus_id, visibility)
		SELECT id, CASE WHEN id % 3 = 0 THEN '{"company":"hr"}' ELSE '{}' END FROM alumni`); err != nil {
		b.Fatal(err)
	}
	_, cookie := f.member(b, "閲覧 太郎", "エツラン タロウ", "viewer@example.jp")
	for _, q := range []struct{ name, query string }{
		{"browse", ""}, {"reading", "q=" + url.QueryEscape("やまだ")}, {"kanji-2", "q=" + url.QueryEscape("営業")},
		{"filter-industry", "industry=" + url.QueryEscape("IT")},
	} {
		b.Run(q.name, func(b *testing.B) {
			path := "/api/portal/alumni?limit=20&" + q.query
			if code, body := f.as(b, cookie, "GET", path, nil, ""); code != 200 { // warm up
				b.Fatalf("%d %s", code, body)
			}
			const clients = 100
			var mu sync.Mutex
			var durations []time.Duration
			b.ResetTimer()
			b.SetParallelism(clients / max(1, testingProcs()))
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					start := time.Now()
					if code, body := f.as(b, cookie, "GET", path, nil, ""); code != 200 {
						b.Errorf("%d %s", code, body)
						return
					}
					mine = append(mine, time.Since(start))
				}
				mu.Lock()
				durations = append(durations, mine...)
				mu.Unlock()
			})
			slices.Sort(durations)
			if len(durations) > 0 {
				b.ReportMetric(float64(durations[len(durations)*95/100].Microseconds())/1000, "p95-ms")
			}
		})
	}
}

func testingProcs() int { return runtime.GOMAXPROCS(0) }
