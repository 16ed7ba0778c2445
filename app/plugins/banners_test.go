package plugins

import (
	"context"
	"testing"
	"time"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

func TestBannersCollectedWithATimeout(t *testing.T) {
	h := newTestHost(t)
	h.m.opts.BannerTimeout = 200 * time.Millisecond
	h.install(t, "hello")
	h.install(t, "misbehave")
	const mb = "jp.kizuna.test.misbehave"
	for _, id := range []string{helloID, mb} {
		if err := h.m.Enable(hr(), id, []string{"alumni.read"}); err != nil {
			t.Fatal(err)
		}
		h.waitRunning(t, id)
	}
	alumnus := func(id int64) *pb.Caller { return &pb.Caller{Kind: "alumnus", Id: id, Role: "alumnus"} }
	for _, tc := range []struct {
		name    string
		caller  int64
		banners int
	}{
		{"a banner from the plugin that has one; none from hello", 1, 1},
		{"a plugin that never answers is left out (the call does not hang)", 2, 0},
		{"a plugin that panics is left out", 3, 0},
		{"after both, the plugin still answers", 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := h.m.Banners(context.Background(), alumnus(tc.caller))
			if len(got) != tc.banners {
				t.Fatalf("banners = %+v, want %d", got, tc.banners)
			}
			if tc.banners == 1 {
				b := got[0]
				if b.PluginID != mb || b.ID != "b1" || b.TextJA != "アンケートにご協力ください" || b.TextEN != "Please answer our survey" || b.Path != "s/1" {
					t.Errorf("banner = %+v", b)
				}
			}
		})
	}
	// A disabled plugin shows none.
	if err := h.m.Disable(hr(), mb); err != nil {
		t.Fatal(err)
	}
	if got := h.m.Banners(context.Background(), alumnus(1)); len(got) != 0 {
		t.Errorf("disabled plugin's banners: %+v", got)
	}
}
