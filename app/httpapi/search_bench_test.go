package httpapi_test

import (
	"context"
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/demo"
)

// BenchmarkHTTPSearch100k measures GET /api/alumni?q=… through the real
// handler on a loopback listener with 100,000 alumni, reporting p95.
func BenchmarkHTTPSearch100k(b *testing.B) {
	f := newFixture(b)
	records := demo.Alumni(100_000, []int64{1}, 1)
	for _, a := range records {
		alumni.Normalize(a)
	}
	if _, err := alumni.NewRepo(f.st).Upsert(context.Background(), records, nil); err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, text string }{{"kanji-2", "山田"}, {"reading", "やまだ"}, {"common-2", "営業"}} {
		b.Run(q.name, func(b *testing.B) {
			path := "/api/alumni?limit=50&q=" + url.QueryEscape(q.text)
			f.do(b, auth.HRStaff, "GET", path, nil, "") // warm the directory up
			var durations []time.Duration
			for b.Loop() {
				start := time.Now()
				if code, body := f.do(b, auth.HRStaff, "GET", path, nil, ""); code != 200 {
					b.Fatalf("%d %s", code, body)
				}
				durations = append(durations, time.Since(start))
			}
			sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
			b.ReportMetric(float64(durations[len(durations)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}
