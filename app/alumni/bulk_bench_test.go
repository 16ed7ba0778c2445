package alumni_test

import (
	"context"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/demo"
	"github.com/kizuna-hr/kizuna/app/internal/cputime"
)

// BenchmarkUpsert100k writes 100,000 new alumni in one Upsert and reports
// rows/s (the write half of an import).
func BenchmarkUpsert100k(b *testing.B) {
	records := demo.Alumni(100_000, []int64{1}, 3)
	for _, a := range records {
		alumni.Normalize(a)
	}
	var elapsed, cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		repo := alumni.NewRepo(openStore(b, b.TempDir()))
		b.StartTimer()
		start, startCPU := time.Now(), cputime.Process()
		if _, err := repo.Upsert(context.Background(), records, nil); err != nil {
			b.Fatal(err)
		}
		elapsed, cpu = elapsed+time.Since(start), cpu+cputime.Process()-startCPU
	}
	b.ReportMetric(float64(len(records)*b.N)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(len(records)*b.N), "cpu-ns/row")
}

// BenchmarkNormalize measures cleaning one typical record.
func BenchmarkNormalize(b *testing.B) {
	records := demo.Alumni(1000, []int64{1}, 3)
	i := 0
	for b.Loop() {
		a := *records[i%len(records)]
		alumni.Normalize(&a)
		i++
	}
}
