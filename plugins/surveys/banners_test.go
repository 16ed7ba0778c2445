package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestBannerUntilAnswered(t *testing.T) {
	h, _, sv := fixture(t, 2, true)
	for _, tc := range []struct {
		name   string
		caller int64
		submit bool
		want   int
	}{
		{"an invited alumnus sees the waiting survey", 1, false, 1},
		{"someone not invited sees nothing", 99, false, 0},
		{"after answering the banner is gone", 1, true, 0},
		{"another invited alumnus still sees it", 2, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.submit {
				if res, body := post(h, fmt.Sprintf("/s/%d", sv.ID), good(), alum(tc.caller)); res.StatusCode != 200 {
					t.Fatalf("answer: %d %s", res.StatusCode, body)
				}
			}
			got, err := h.Banners(alum(tc.caller))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want {
				t.Fatalf("banners = %+v, want %d", got, tc.want)
			}
			if tc.want == 1 {
				b := got[0]
				if b.Path != fmt.Sprintf("s/%d", sv.ID) || !strings.Contains(b.TextJA, sv.TitleJA) || b.TextEN == "" {
					t.Errorf("banner = %+v", b)
				}
			}
		})
	}
	// HR callers get none.
	if got, _ := h.Banners(hr); len(got) != 0 {
		t.Errorf("HR banners: %+v", got)
	}
}
