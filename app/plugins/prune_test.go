package plugins

import (
	"context"
	"testing"
)

func TestStartPrunesOnlyAcknowledgedEvents(t *testing.T) {
	h := newTestHost(t)
	h.install(t, helloName)
	createAlumni(t, h, 0, 5) // the plugin is disabled: it must still get these later
	ctx := context.Background()
	h.m.Start(ctx)
	if evs, _ := h.ev.After(ctx, 0, 100); len(evs) != 5 {
		t.Fatalf("events kept for the disabled plugin: %d, want 5", len(evs))
	}
	if err := h.m.Enable(hr(), helloID, []string{"alumni.read"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "5 counted", func() bool { return helloCounts(t, h).ByType["alumnus.created"] == 5 })
	waitFor(t, "cursor saved", func() bool { r, _ := h.m.reg.get(ctx, helloID); last, _ := h.ev.Last(ctx); return r.Cursor == last })
	recs, _ := h.m.reg.list(ctx)
	h.m.pruneEvents(ctx, recs)
	if evs, _ := h.ev.After(ctx, 0, 100); len(evs) != 0 {
		t.Errorf("acknowledged events kept: %d", len(evs))
	}
}
