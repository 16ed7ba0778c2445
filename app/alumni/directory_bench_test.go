package alumni_test

import (
	"context"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/demo"
)

// BenchmarkDirectorySearch100k measures searches over 100,000 alumni in the
// store layer (directory + fetching the page's records), reporting p95.
func BenchmarkDirectorySearch100k(b *testing.B) {
	st := openStore(b, b.TempDir())
	repo := alumni.NewRepo(st)
	records := demo.Alumni(100_000, []int64{1}, 1)
	for _, a := range records {
		alumni.Normalize(a)
	}
	if _, err := repo.Upsert(context.Background(), records, nil); err != nil {
		b.Fatal(err)
	}
	dir := alumni.NewDirectory(repo, companyNames)
	if err := dir.Load(context.Background()); err != nil {
		b.Fatal(err)
	}
	runtime.GC() // as the server does after loading: measure searches, not the load's garbage
	for _, q := range []struct{ name, text string }{
		{"kanji-2", "山田"}, {"reading", "やまだ"}, {"kanji-1", "山"}, {"common-2", "営業"}, {"email", "taro.yamada1"},
	} {
		b.Run(q.name, func(b *testing.B) {
			ctx := context.Background()
			var durations []time.Duration
			for b.Loop() {
				start := time.Now()
				page, err := dir.Search(ctx, alumni.Query{Text: q.text, Limit: 50})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := repo.ByIDs(ctx, page.IDs); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
			b.ReportMetric(float64(durations[len(durations)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}
