package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/members"
)

// asMember sends a request with an alumnus's portal cookie and a JSON body.
func (f *fixture) asMember(t testing.TB, secret, method, path string, body any) (int, []byte) {
	t.Helper()
	if body == nil {
		return f.as(t, secret, method, path, nil, "")
	}
	return f.as(t, secret, method, path, jsonBody(body), "application/json")
}

// newAlumnus makes a portal member with a reading of its own and logs them in.
func (f *fixture) newAlumnus(t testing.TB, name, email string) (int64, string) {
	t.Helper()
	return f.member(t, name, "すずき はなこ", email)
}

type eventJSON struct {
	ID          int64  `json:"id"`
	Going       int    `json:"going"`
	Waitlisted  int    `json:"waitlisted"`
	CheckedIn   int    `json:"checked_in"`
	MyState     string `json:"my_state"`
	OnlineURL   string `json:"online_url"`
	CheckinCode string `json:"checkin_code"`
}

func TestEventsOverHTTP(t *testing.T) {
	f := newFixture(t)
	start := time.Now().Add(48 * time.Hour).UTC()
	in := map[string]any{"title": "オンライン交流会", "description": "# ようこそ", "mode": "online", "online_url": "https://meet.example.jp/x",
		"starts_at": start, "ends_at": start.Add(time.Hour), "capacity": 1}

	bad := map[string]any{"title": "", "mode": "online", "starts_at": start, "ends_at": start}
	code, body := f.do(t, auth.Coordinator, "POST", "/api/events", jsonBody(bad), "application/json")
	if e := decodeError(t, body); code != 422 || e.Error.Fields["title"] == "" || e.Error.Fields["ends_at"] == "" || e.Error.Fields["online_url"] == "" {
		t.Fatalf("bad event: %d %s", code, body)
	}
	if code, _ := f.do(t, auth.Viewer, "POST", "/api/events", jsonBody(in), "application/json"); code != 403 {
		t.Errorf("a viewer created an event: %d", code)
	}
	code, body = f.do(t, auth.Coordinator, "POST", "/api/events", jsonBody(in), "application/json")
	if code != 201 {
		t.Fatalf("create: %d %s", code, body)
	}
	var ev eventJSON
	json.Unmarshal(body, &ev)

	hanako, hs := f.newAlumnus(t, "鈴木 花子", "hanako@example.jp")
	_, js := f.newAlumnus(t, "佐藤 次郎", "jiro@example.jp")
	path := fmt.Sprintf("/api/portal/events/%d", ev.ID)

	// HR credentials never open a member route.
	if code, _ := f.do(t, auth.Owner, "POST", path+"/rsvp", nil, ""); code != 401 {
		t.Errorf("HR token on a portal route: %d, want 401", code)
	}
	code, body = f.asMember(t, hs, "GET", path, nil)
	var seen eventJSON
	json.Unmarshal(body, &seen)
	if code != 200 || seen.OnlineURL != "" || seen.CheckinCode != "" {
		t.Errorf("before RSVP: %d %s", code, body)
	}
	code, body = f.asMember(t, hs, "POST", path+"/rsvp", nil)
	json.Unmarshal(body, &seen)
	if code != 200 || seen.MyState != "going" || seen.OnlineURL == "" {
		t.Fatalf("RSVP: %d %s", code, body)
	}
	code, body = f.asMember(t, js, "POST", path+"/rsvp", nil)
	seen = eventJSON{}
	json.Unmarshal(body, &seen)
	if code != 200 || seen.MyState != "waitlist" || seen.OnlineURL != "" {
		t.Fatalf("second RSVP on a full event: %d %s", code, body)
	}

	// Hanako cancels: Jiro is promoted and told.
	if code, body := f.asMember(t, hs, "DELETE", path+"/rsvp", nil); code != 200 {
		t.Fatalf("withdraw: %d %s", code, body)
	}
	code, body = f.asMember(t, js, "GET", "/api/portal/notifications", nil)
	var feed struct {
		Items []struct {
			Kind    string `json:"kind"`
			TitleJA string `json:"title_ja"`
		} `json:"items"`
		Unread int `json:"unread"`
	}
	json.Unmarshal(body, &feed)
	if code != 200 || feed.Unread != 1 || !strings.Contains(feed.Items[0].TitleJA, "オンライン交流会") {
		t.Errorf("promoted alumnus's notifications: %d %s", code, body)
	}
	if code, body := f.asMember(t, js, "POST", "/api/portal/notifications/read", map[string]int{"id": 0}); code != 204 {
		t.Errorf("read all: %d %s", code, body)
	}
	if code, body := f.asMember(t, js, "PUT", "/api/portal/notifications/prefs", map[string]any{"prefs": map[string]string{"news": "pigeon"}}); code != 422 {
		t.Errorf("bad preference: %d %s", code, body)
	}

	// HR: attendee list, CSV for Excel, check-in.
	code, body = f.do(t, auth.Viewer, "GET", fmt.Sprintf("/api/events/%d/attendees/export", ev.ID), nil, "")
	if code != 200 || !bytes.HasPrefix(body, []byte("\ufeff")) || !strings.Contains(string(body), "佐藤 次郎") || !strings.Contains(string(body), "\r\n") {
		t.Errorf("CSV export: %d %q", code, body)
	}
	code, body = f.do(t, auth.Coordinator, "POST", fmt.Sprintf("/api/events/%d/checkin", ev.ID), jsonBody(map[string]any{"alumnus_id": hanako}), "application/json")
	if code != 409 {
		t.Errorf("checking in someone who cancelled: %d %s", code, body)
	}
	jiro := int64(0)
	f.st.R.QueryRow("SELECT id FROM alumni WHERE email = 'jiro@example.jp'").Scan(&jiro)
	if code, body := f.do(t, auth.Coordinator, "POST", fmt.Sprintf("/api/events/%d/checkin", ev.ID), jsonBody(map[string]any{"alumnus_id": jiro}), "application/json"); code != 204 {
		t.Errorf("check-in: %d %s", code, body)
	}
	_, body = f.do(t, auth.Viewer, "GET", fmt.Sprintf("/api/events/%d", ev.ID), nil, "")
	json.Unmarshal(body, &ev)
	if ev.Going != 1 || ev.CheckedIn != 1 {
		t.Errorf("attendance: %s", body)
	}
}

func TestTargetedEventHiddenFromOthers(t *testing.T) {
	f := newFixture(t)
	_, outsider := f.newAlumnus(t, "鈴木 花子", "hanako@example.jp")
	// A segment of the fixture's alumnus (company 1, name 山田) only.
	code, body := f.do(t, auth.Coordinator, "POST", "/api/segments", jsonBody(map[string]any{"name": "山田さん", "filter": map[string]any{"q": "山田"}}), "application/json")
	if code != 201 {
		t.Fatalf("segment: %d %s", code, body)
	}
	var seg struct {
		ID int64 `json:"id"`
	}
	json.Unmarshal(body, &seg)
	start := time.Now().Add(48 * time.Hour).UTC()
	_, body = f.do(t, auth.Coordinator, "POST", "/api/events", jsonBody(map[string]any{"title": "山田さんの会", "mode": "onsite", "place": "本社",
		"starts_at": start, "ends_at": start.Add(time.Hour), "segment_id": seg.ID}), "application/json")
	var ev eventJSON
	json.Unmarshal(body, &ev)
	for _, p := range []string{"GET /api/portal/events/%d", "POST /api/portal/events/%d/rsvp"} {
		method, path, _ := strings.Cut(fmt.Sprintf(p, ev.ID), " ")
		if code, body := f.asMember(t, outsider, method, path, nil); code != 404 {
			t.Errorf("%s by an outsider: %d %s", p, code, body)
		}
	}
	_, body = f.asMember(t, outsider, "GET", "/api/portal/events", nil)
	if strings.Contains(string(body), "山田さんの会") {
		t.Errorf("the targeted event is listed to an outsider: %s", body)
	}
	secret, _ := members.NewSessions(f.st).Open(context.Background(), f.alumnus, "")
	if code, body := f.asMember(t, secret, "POST", fmt.Sprintf("/api/portal/events/%d/rsvp", ev.ID), nil); code != 200 {
		t.Errorf("RSVP by a member of the segment: %d %s", code, body)
	}
}

func TestEventPhotosOverHTTP(t *testing.T) {
	f := newFixture(t)
	start := time.Now().Add(-48 * time.Hour).UTC()
	_, body := f.do(t, auth.Coordinator, "POST", "/api/events", jsonBody(map[string]any{"title": "夏の会", "mode": "onsite", "place": "本社",
		"starts_at": start, "ends_at": start.Add(time.Hour)}), "application/json")
	var ev eventJSON
	json.Unmarshal(body, &ev)
	photos := fmt.Sprintf("/api/events/%d/photos", ev.ID)
	cases := []struct {
		name string
		role auth.Role
		body []byte
		want int
	}{
		{"a PNG", auth.Coordinator, tinyPNG(t), 201},
		{"not an image", auth.Coordinator, []byte("<svg onload=alert(1)>"), 400},
		{"a viewer", auth.Viewer, tinyPNG(t), 403},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if code, body := f.do(t, c.role, "POST", photos, bytes.NewReader(c.body), "image/png"); code != c.want {
				t.Errorf("%d %s, want %d", code, body, c.want)
			}
		})
	}
	_, body = f.do(t, auth.Viewer, "GET", fmt.Sprintf("/api/events/%d", ev.ID), nil, "")
	var got struct {
		Photos []int64 `json:"photos"`
	}
	json.Unmarshal(body, &got)
	if len(got.Photos) != 1 {
		t.Fatalf("photos = %v, want one", got.Photos)
	}
	code, jpg := f.do(t, auth.Viewer, "GET", fmt.Sprintf("/api/event-photos/%d", got.Photos[0]), nil, "")
	if code != 200 || !bytes.HasPrefix(jpg, []byte{0xFF, 0xD8}) {
		t.Errorf("photo: %d, not a JPEG", code)
	}
	_, secret := f.newAlumnus(t, "鈴木 花子", "hanako@example.jp")
	if code, _ := f.asMember(t, secret, "GET", fmt.Sprintf("/api/portal/event-photos/%d", got.Photos[0]), nil); code != 200 {
		t.Errorf("portal photo of an event open to everyone: %d", code)
	}
	_, body = f.asMember(t, secret, "GET", "/api/portal/events?past=1", nil)
	if !strings.Contains(string(body), "夏の会") {
		t.Errorf("past events lack the event: %s", body)
	}
	if code, body := f.asMember(t, secret, "POST", fmt.Sprintf("/api/portal/events/%d/rsvp", ev.ID), nil); code != 409 {
		t.Errorf("RSVP after the event: %d %s", code, body)
	}
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRSVPsAreRateLimited(t *testing.T) {
	f := newFixture(t)
	_, secret := f.newAlumnus(t, "鈴木 花子", "hanako@example.jp")
	limited := false
	for i := 0; i < 40 && !limited; i++ {
		code, _ := f.asMember(t, secret, "POST", "/api/portal/events/999/rsvp", nil)
		limited = code == 429
	}
	if !limited {
		t.Error("40 RSVPs in a row were never rate-limited")
	}
}
