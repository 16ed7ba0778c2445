package main

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/sdk/plugintest"
)

func TestCountsAlumnusEventsOnceEach(t *testing.T) {
	host := plugintest.NewHost(t)
	host.Config = map[string]any{"greeting": "ようこそ", "show_caller": true}
	h := plugintest.Start(t, New(), host)

	created := plugintest.NewEvent(1, "alumnus.created", "alumnus:1", map[string]any{"id": 1})
	updated := plugintest.NewEvent(2, "alumnus.updated", "alumnus:1", map[string]any{"id": 1})
	other := plugintest.NewEvent(3, "campaign.finished", "campaign:9", nil)
	if err := h.Deliver(created, updated, other); err != nil {
		t.Fatal(err)
	}
	// At-least-once delivery: the same batch again changes nothing.
	if err := h.Deliver(created, updated); err != nil {
		t.Fatal(err)
	}

	res := h.Do("GET", "/api/counts", nil, plugintest.HR)
	var c Counts
	if err := json.NewDecoder(res.Body).Decode(&c); err != nil {
		t.Fatal(err)
	}
	if c.ByType["alumnus.created"] != 1 || c.ByType["alumnus.updated"] != 1 || len(c.ByType) != 2 {
		t.Errorf("counts = %v, want one created and one updated", c.ByType)
	}

	page := h.Do("GET", "/", nil, plugintest.HR)
	body, _ := io.ReadAll(page.Body)
	for _, want := range []string{"ようこそ、hr@example.jp さん", "alumnus.created", "kizuna.css"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("page lacks %q:\n%s", want, body)
		}
	}
}
