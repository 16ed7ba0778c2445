package plugins

import (
	"context"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/internal/cputime"
)

// BenchmarkPluginStart measures launch + handshake (with the SHA-256 check
// of the binary) + activate of the example plugin.
func BenchmarkPluginStart(b *testing.B) {
	h := newTestHost(b)
	h.install(b, helloName)
	rec, err := h.m.reg.get(context.Background(), helloID)
	if err != nil {
		b.Fatal(err)
	}
	r := newRunner(h.m, rec, newRing(10))
	startCPU := cputime.Process() + cputime.Children()
	for b.Loop() {
		client, _, _, err := r.launch()
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		client.Kill()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/start")
	// CPU of host and plugin together (includes the plugins' exits): on a
	// shared, loaded machine this says more than wall time.
	b.ReportMetric(float64((cputime.Process()+cputime.Children()-startCPU).Milliseconds())/float64(b.N), "cpu-ms/start")
}

// BenchmarkEventDelivery measures how fast the host delivers the event log
// to one plugin (the example, which reads and compare-and-sets one KV value
// per batch): b.N events are written while it is disabled, then it is
// enabled and the clock runs until its cursor reaches the last event.
func BenchmarkEventDelivery(b *testing.B) {
	h := newTestHost(b)
	h.install(b, helloName)
	ctx := context.Background()
	tx, err := h.st.W.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	stmt, _ := tx.PrepareContext(ctx, "INSERT INTO events(type, subject, data) VALUES ('alumnus.updated', ?, '{\"id\":1,\"fields\":[\"email\"]}')")
	for i := 0; i < b.N; i++ {
		stmt.ExecContext(ctx, "alumnus:1")
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	last, _ := h.ev.Last(ctx)
	b.ResetTimer()
	start := time.Now()
	if err := h.m.Enable(hr(), helloID, []string{"alumni.read"}); err != nil {
		b.Fatal(err)
	}
	for {
		rec, err := h.m.reg.get(ctx, helloID)
		if err != nil {
			b.Fatal(err)
		}
		if rec.Cursor >= last {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
}
