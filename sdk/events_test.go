package sdk

import "testing"

func TestSubscribed(t *testing.T) {
	cases := []struct {
		subs []string
		typ  string
		want bool
	}{
		{[]string{"alumnus.created"}, "alumnus.created", true},
		{[]string{"alumnus.created"}, "alumnus.updated", false},
		{[]string{"alumnus.*"}, "alumnus.updated", true},
		{[]string{"alumnus.*"}, "alumnusx.updated", false},
		{[]string{"alumnus.*"}, "alumnus.", false},
		{[]string{"*"}, "campaign.finished", true},
		{nil, "alumnus.created", false},
	}
	for _, c := range cases {
		if got := Subscribed(c.subs, c.typ); got != c.want {
			t.Errorf("Subscribed(%v, %q) = %v", c.subs, c.typ, got)
		}
	}
}
