package sdk

import (
	"time"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// EventsFromProto converts a delivered batch.
func EventsFromProto(in []*pb.Event) []Event {
	out := make([]Event, len(in))
	for i, e := range in {
		at, _ := time.Parse(time.RFC3339Nano, e.At)
		out[i] = Event{ID: e.Id, Type: e.Type, Subject: e.Subject, At: at, Data: e.DataJson}
	}
	return out
}

// Subscribed reports whether an event type matches a subscription list:
// an exact type, a prefix ending in ".*" ("alumnus.*"), or "*".
func Subscribed(subs []string, eventType string) bool {
	for _, s := range subs {
		switch {
		case s == "*", s == eventType:
			return true
		case len(s) > 2 && s[len(s)-2:] == ".*" && len(eventType) > len(s)-1 && eventType[:len(s)-1] == s[:len(s)-1]:
			return true
		}
	}
	return false
}
