package alumniio

import (
	"sync"
	"sync/atomic"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

// writeChunk is the most records one Bulk.Write carries (progress is seen
// between writes).
const writeChunk = 1024

// streamWriter writes the collector's valid records on its own goroutine
// while later rows are still being parsed: the calling goroutine publishes
// the records collected so far, the writer catches up with them.
type streamWriter struct {
	bulk    *alumni.Bulk
	mu      sync.Mutex
	ready   []*alumni.Alumnus // every record collected so far, in file order
	closed  bool              // no more records will come
	abort   bool              // stop writing at once
	wake    chan struct{}     // cap 1: ready or closed changed
	wrote   chan struct{}     // cap 1: written grew
	done    chan struct{}     // the writer goroutine has ended
	written atomic.Int64
	err     error // the write failure, read after done
}

func startWriter(bulk *alumni.Bulk) *streamWriter {
	w := &streamWriter{bulk: bulk, wake: make(chan struct{}, 1), wrote: make(chan struct{}, 1), done: make(chan struct{})}
	go w.run()
	return w
}

func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

func (w *streamWriter) run() {
	defer close(w.done)
	n := 0
	for {
		w.mu.Lock()
		ready, closed, abort := w.ready, w.closed, w.abort
		w.mu.Unlock()
		switch {
		case abort:
			return
		case n < len(ready):
			chunk := ready[n:min(n+writeChunk, len(ready))]
			if err := w.bulk.Write(chunk); err != nil {
				w.err = err
				return
			}
			n += len(chunk)
			w.written.Store(int64(n))
			signal(w.wrote)
		case closed:
			return
		default:
			<-w.wake
		}
	}
}

// publish hands the writer every record collected so far (records only
// grows; the writer reads its elements, never past its length).
func (w *streamWriter) publish(records []*alumni.Alumnus) {
	w.mu.Lock()
	w.ready = records
	w.mu.Unlock()
	signal(w.wake)
}

// close says no more records will come.
func (w *streamWriter) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	signal(w.wake)
}

// rollback stops the writer and undoes what it wrote.
func (w *streamWriter) rollback() {
	w.mu.Lock()
	w.abort = true
	w.mu.Unlock()
	signal(w.wake)
	<-w.done
	w.bulk.Rollback()
}
