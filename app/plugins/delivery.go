package plugins

import (
	"context"
	"time"

	"github.com/kizuna-hr/kizuna/app/events"
	"github.com/kizuna-hr/kizuna/sdk"
	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// pump delivers the event log to the plugin from its cursor on: in id
// order, in batches of subscribed events, at least once. The cursor moves
// past a batch only after the plugin acknowledged it; a failed batch is
// offered again after a pause (and after a restart, from the stored cursor).
func (r *runner) pump(ctx context.Context, remote *sdk.Remote, subs []string) {
	wake, stopWaiting := r.m.Events.Wait()
	defer stopWaiting()
	rec, err := r.m.reg.get(ctx, r.rec.ID)
	if err != nil {
		r.out.note("event delivery stopped", "err", err)
		return
	}
	cursor := rec.Cursor
	for ctx.Err() == nil {
		evs, err := r.m.Events.After(ctx, cursor, r.m.opts.BatchSize)
		if err != nil {
			r.pause(ctx, wake, time.Second)
			continue
		}
		if len(evs) == 0 {
			r.pause(ctx, wake, 5*time.Second)
			continue
		}
		batch := &pb.EventBatch{}
		for _, e := range evs {
			if sdk.Subscribed(subs, e.Type) {
				batch.Events = append(batch.Events, toProto(e))
			}
		}
		if len(batch.Events) > 0 {
			cctx, cancel := context.WithTimeout(ctx, r.m.opts.CallTimeout)
			_, err := remote.HandleEvents(cctx, batch)
			cancel()
			if err != nil {
				if ctx.Err() == nil {
					r.out.note("event batch not acknowledged; will retry", "from", batch.Events[0].Id, "err", err)
					r.pause(ctx, nil, time.Second)
				}
				continue
			}
		}
		cursor = evs[len(evs)-1].ID
		if err := r.m.reg.setCursor(context.WithoutCancel(ctx), r.rec.ID, cursor); err != nil {
			r.out.note("cursor not saved", "err", err)
		}
	}
}

// pause waits for d, a wake-up or the end of ctx.
func (r *runner) pause(ctx context.Context, wake <-chan struct{}, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-wake:
	case <-t.C:
	}
}

func toProto(e events.Event) *pb.Event {
	return &pb.Event{Id: e.ID, Type: e.Type, Subject: e.Subject, At: e.At, DataJson: e.Data}
}
