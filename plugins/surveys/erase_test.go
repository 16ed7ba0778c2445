package main

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/kizuna-hr/kizuna/sdk"
)

func TestAlumnusDeletedErasesInvitationsAndUnlinksAnswers(t *testing.T) {
	h, p, sv := fixture(t, 2, false)
	if res, _ := post(h, fmt.Sprintf("/s/%d", sv.ID), good(), alum(1)); res.StatusCode != 200 {
		t.Fatalf("answer: %d", res.StatusCode)
	}
	count := func(q string) int {
		var n int
		if err := p.store.db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	data, _ := json.Marshal(map[string]int64{"id": 1})
	for _, c := range []struct {
		name  string
		event sdk.Event
		want  int // rows naming alumnus 1 afterwards
	}{
		{"another event", sdk.Event{ID: 1, Type: "alumnus.updated", Data: data}, 3},
		{"deleted", sdk.Event{ID: 2, Type: "alumnus.deleted", Data: data}, 0},
		{"delivered again", sdk.Event{ID: 2, Type: "alumnus.deleted", Data: data}, 0},
	} {
		if err := p.HandleEvents(context.Background(), []sdk.Event{c.event}); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := count(`SELECT (SELECT count(*) FROM invitations WHERE alumnus_id = 1) + (SELECT count(*) FROM respondents WHERE alumnus_id = 1)
			+ (SELECT count(*) FROM responses WHERE alumnus_id = 1)`)
		if got != c.want {
			t.Errorf("%s: %d rows name alumnus 1, want %d", c.name, got, c.want)
		}
	}
	if n := count(`SELECT count(*) FROM invitations WHERE alumnus_id = 2`); n != 1 {
		t.Errorf("alumnus 2's invitation: %d", n)
	}
	if n := count(`SELECT count(*) FROM responses`); n != 1 {
		t.Errorf("the answer stays in the results: %d responses", n)
	}
}
