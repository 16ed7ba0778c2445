package alumniio

import (
	"context"
	"io"
	"runtime"
	"sync"
)

// batchRows is how many rows travel together through the parse pipeline.
const batchRows = 256

// batch is a run of consecutive data rows: read by one goroutine, converted
// by a worker, then collected in file order.
type batch struct {
	lines []int
	ends  []int    // fields of row i are cells[ends[i-1]:ends[i]]
	cells []string // the rows' cells, back to back
	rows  []row    // converted rows
	err   error    // a read error after the rows: ends the file
	done  chan struct{}
}

func (b *batch) fields(i int) []string {
	start := 0
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.cells[start:b.ends[i]]
}

// parseRows reads the data rows of src and converts them on all CPUs, then
// hands them to col in file order. Conversion (normalising and validating)
// is most of the work; reading and collecting stay sequential. collected,
// if not nil, is called after each batch is collected and returns how many
// records have been written so far (for progress).
func parseRows(ctx context.Context, src rowSource, conv *converter, col *collector, progress func(Progress), collected func() int) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel() // stops the reader if rows are left
		wg.Wait()
	}()
	workers := runtime.GOMAXPROCS(0)
	work := make(chan *batch, workers)
	ordered := make(chan *batch, 2*workers)
	for range workers {
		wg.Go(func() {
			for b := range work {
				b.rows = make([]row, len(b.lines))
				for i, line := range b.lines {
					b.rows[i] = conv.convert(line, b.fields(i))
				}
				close(b.done)
			}
		})
	}
	wg.Go(func() {
		defer close(ordered)
		defer close(work)
		readBatches(ctx, src, work, ordered)
	})
	reported := 0
	for b := range ordered {
		select {
		case <-b.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		for _, r := range b.rows {
			col.add(r)
		}
		if b.err != nil {
			return b.err
		}
		written := 0
		if collected != nil {
			written = collected()
		}
		if n := col.rep.TotalRows; n/progressEvery > reported/progressEvery {
			reported = n
			progress(Progress{Phase: PhaseParse, Parsed: n, Written: written})
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	written := 0
	if collected != nil {
		written = collected()
	}
	progress(Progress{Phase: PhaseParse, Parsed: col.rep.TotalRows, Written: written})
	return nil
}

// readBatches reads src into batches, sending each to be converted and, in
// order, to be collected, until the end of the file, an error or ctx ends.
func readBatches(ctx context.Context, src rowSource, work, ordered chan<- *batch) {
	for {
		b := &batch{done: make(chan struct{})}
		for len(b.lines) < batchRows {
			line, fields, err := src.next()
			if err != nil {
				if err != io.EOF {
					b.err = err
				}
				break
			}
			if blank(fields) {
				continue
			}
			b.lines = append(b.lines, line)
			b.cells = append(b.cells, fields...)
			b.ends = append(b.ends, len(b.cells))
		}
		last := b.err != nil || len(b.lines) < batchRows
		select {
		case ordered <- b:
		case <-ctx.Done():
			return
		}
		select {
		case work <- b:
		case <-ctx.Done():
			return
		}
		if last {
			return
		}
	}
}
