package meetups

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	gomail "github.com/emersion/go-message/mail"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// fixedAudience is a saved segment with known members.
type fixedAudience map[int64][]int64

func (f fixedAudience) Resolve(_ context.Context, id int64) ([]int64, error) { return f[id], nil }

type told struct {
	alumnus int64
	kind    string
	ja      string
}

type notes struct {
	mu  sync.Mutex
	got []told
}

func (n *notes) Notify(_ context.Context, a int64, kind, ja, _, _ string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.got = append(n.got, told{a, kind, ja})
	return nil
}

type env struct {
	svc    *Service
	eng    *mail.Engine
	st     *store.Store
	alumni []int64
	notes  *notes
	now    time.Time
}

func setup(t *testing.T, n int) *env {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	eng, err := mail.New(ctx, st, mail.Config{BaseURL: "https://alumni.example.jp"}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.SetIdentity(ctx, mail.Identity{Name: "株式会社きずな商事 人事部", FromAddress: "alumni@kizuna.example.jp",
		PostalAddress: "東京都千代田区丸の内1-1-1", Contact: "03-1234-5678"}); err != nil {
		t.Fatal(err)
	}
	e := &env{eng: eng, st: st, notes: &notes{}, now: time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)}
	for i := 0; i < n; i++ {
		res, err := st.W.ExecContext(ctx, "INSERT INTO alumni(company_id, name, name_reading, email) VALUES ((SELECT min(id) FROM companies), ?, ?, ?)",
			fmt.Sprintf("山田 太郎%d", i), "やまだ たろう", fmt.Sprintf("taro%d@example.jp", i))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		e.alumni = append(e.alumni, id)
	}
	if _, err := st.W.ExecContext(ctx, "INSERT INTO segments(id, name) VALUES (7, '東京在住')"); err != nil {
		t.Fatal(err)
	}
	aud := fixedAudience{7: {e.alumni[0]}}
	e.svc = New(st, aud, eng, e.notes, nil, Config{Base: func() string { return "https://alumni.example.jp" }, Now: func() time.Time { return e.now }, Log: quiet})
	return e
}

func (e *env) create(t *testing.T, capacity int, segment *int64) Event {
	t.Helper()
	start := e.now.Add(72 * time.Hour)
	ev, err := e.svc.Create(context.Background(), Input{Title: "年末アルムナイ交流会", Description: "**お気軽に**どうぞ<script>alert(1)</script>",
		Mode: OnSite, Place: "本社 20 階ラウンジ", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Capacity: capacity, SegmentID: segment}, "hr")
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func code(err error) string {
	var f *fault.Error
	if errors.As(err, &f) {
		return f.Code
	}
	return fmt.Sprint(err)
}

func TestCreateRejectsBadInput(t *testing.T) {
	e := setup(t, 1)
	start := e.now.Add(time.Hour)
	cases := []struct {
		name  string
		in    Input
		field string
	}{
		{"no title", Input{Mode: OnSite, Place: "会議室", StartsAt: start, EndsAt: start.Add(time.Hour)}, "title"},
		{"end before start", Input{Title: "会", Mode: OnSite, Place: "会議室", StartsAt: start, EndsAt: start}, "ends_at"},
		{"online without URL", Input{Title: "会", Mode: Online, StartsAt: start, EndsAt: start.Add(time.Hour)}, "online_url"},
		{"javascript URL", Input{Title: "会", Mode: Online, OnlineURL: "javascript:alert(1)", StartsAt: start, EndsAt: start.Add(time.Hour)}, "online_url"},
		{"on-site without place", Input{Title: "会", Mode: OnSite, StartsAt: start, EndsAt: start.Add(time.Hour)}, "place"},
		{"bad mode", Input{Title: "会", Mode: "zoom", StartsAt: start, EndsAt: start.Add(time.Hour)}, "mode"},
		{"negative capacity", Input{Title: "会", Mode: OnSite, Place: "会議室", StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: -1}, "capacity"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.svc.Create(context.Background(), c.in, "hr")
			var f *fault.Error
			if !errors.As(err, &f) || f.Kind != fault.Invalid || f.Fields[c.field] == "" {
				t.Fatalf("err = %v, want Invalid on %s", err, c.field)
			}
		})
	}
	if list, _ := e.svc.List(context.Background()); len(list) != 0 {
		t.Errorf("%d events stored from bad input", len(list))
	}
}

func TestDescriptionIsSafeHTML(t *testing.T) {
	e := setup(t, 1)
	ev := e.create(t, 0, nil)
	if !strings.Contains(ev.DescriptionHTML, "<strong>お気軽に</strong>") || strings.Contains(ev.DescriptionHTML, "<script") {
		t.Errorf("description HTML = %q", ev.DescriptionHTML)
	}
}

func TestConcurrentRSVPsKeepCapacityAndPromoteInOrder(t *testing.T) {
	e := setup(t, 10)
	ctx := context.Background()
	ev := e.create(t, 3, nil)
	var wg sync.WaitGroup
	for _, a := range e.alumni {
		wg.Add(1)
		go func(a int64) {
			defer wg.Done()
			if _, err := e.svc.RSVP(ctx, a, ev.ID); err != nil {
				t.Error(err)
			}
		}(a)
	}
	wg.Wait()
	got, _ := e.svc.Get(ctx, ev.ID)
	if got.Going != 3 || got.Waitlisted != 7 {
		t.Fatalf("going %d, waitlisted %d; want 3 and 7", got.Going, got.Waitlisted)
	}
	list, _ := e.svc.Attendees(ctx, ev.ID)
	firstWaiting := list[3].AlumnusID
	leaver := list[0].AlumnusID
	if _, err := e.svc.Withdraw(ctx, leaver, ev.ID); err != nil {
		t.Fatal(err)
	}
	promoted, _ := e.svc.Show(ctx, firstWaiting, ev.ID)
	if promoted.MyState != Going {
		t.Errorf("first on the waitlist is %q after a cancellation, want going", promoted.MyState)
	}
	if got, _ := e.svc.Get(ctx, ev.ID); got.Going != 3 || got.Waitlisted != 6 {
		t.Errorf("after the cancellation: going %d, waitlisted %d; want 3 and 6", got.Going, got.Waitlisted)
	}
	var toldPromoted bool
	for _, n := range e.notes.got {
		toldPromoted = toldPromoted || (n.alumnus == firstWaiting && strings.Contains(n.ja, "キャンセル待ちから"))
	}
	if !toldPromoted {
		t.Errorf("the promoted alumnus was not told: %+v", e.notes.got)
	}
	// A waitlisted alumnus leaving frees no seat.
	if _, err := e.svc.Withdraw(ctx, list[9].AlumnusID, ev.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.svc.Get(ctx, ev.ID); got.Going != 3 || got.Waitlisted != 5 {
		t.Errorf("going %d, waitlisted %d; want 3 and 5", got.Going, got.Waitlisted)
	}
}

func TestRSVPRules(t *testing.T) {
	e := setup(t, 2)
	ctx := context.Background()
	seg := int64(7) // only alumni[0]
	targeted := e.create(t, 0, &seg)
	open := e.create(t, 0, nil)
	cancelled := e.create(t, 0, nil)
	if _, err := e.svc.Cancel(ctx, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	start := e.now.Add(-3 * time.Hour)
	past, err := e.svc.Create(ctx, Input{Title: "秋の会", Mode: OnSite, Place: "会議室", StartsAt: start, EndsAt: start.Add(time.Hour)}, "hr")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		alumnus int64
		event   int64
		code    string
	}{
		{"outside the segment, guessing the id", e.alumni[1], targeted.ID, "meetups.not_found"},
		{"inside the segment", e.alumni[0], targeted.ID, ""},
		{"an event that does not exist", e.alumni[0], 9999, "meetups.not_found"},
		{"a cancelled event", e.alumni[0], cancelled.ID, "meetups.cancelled"},
		{"after the event", e.alumni[0], past.ID, "meetups.past"},
		{"open to everyone", e.alumni[1], open.ID, ""},
		{"double RSVP keeps one seat", e.alumni[1], open.ID, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := e.svc.RSVP(ctx, c.alumnus, c.event)
			if c.code == "" && err != nil || c.code != "" && code(err) != c.code {
				t.Fatalf("err = %v, want %q", err, c.code)
			}
		})
	}
	if got, _ := e.svc.Get(ctx, open.ID); got.Going != 1 {
		t.Errorf("going = %d after a double RSVP, want 1", got.Going)
	}
	if _, err := e.svc.Show(ctx, e.alumni[1], targeted.ID); code(err) != "meetups.not_found" {
		t.Errorf("an alumnus outside the segment could see the event: %v", err)
	}
	list, _ := e.svc.Browse(ctx, e.alumni[1], false)
	for _, ev := range list {
		if ev.ID == targeted.ID {
			t.Error("a targeted event is listed to an alumnus outside its segment")
		}
	}
}

func TestOnlineURLOnlyForThoseGoing(t *testing.T) {
	e := setup(t, 2)
	ctx := context.Background()
	start := e.now.Add(48 * time.Hour)
	ev, err := e.svc.Create(ctx, Input{Title: "オンライン交流会", Mode: Online, OnlineURL: "https://meet.example.jp/abc",
		StartsAt: start, EndsAt: start.Add(time.Hour), Capacity: 1}, "hr")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := e.svc.Show(ctx, e.alumni[0], ev.ID); got.OnlineURL != "" || got.CheckinCode != "" {
		t.Errorf("before RSVP the alumnus sees url %q code %q", got.OnlineURL, got.CheckinCode)
	}
	going, _ := e.svc.RSVP(ctx, e.alumni[0], ev.ID)
	waiting, _ := e.svc.RSVP(ctx, e.alumni[1], ev.ID)
	if going.OnlineURL == "" || waiting.OnlineURL != "" || waiting.MyState != Waitlist {
		t.Errorf("going sees %q; waitlisted (%s) sees %q", going.OnlineURL, waiting.MyState, waiting.OnlineURL)
	}
}

func TestCheckIn(t *testing.T) {
	e := setup(t, 3)
	ctx := context.Background()
	ev := e.create(t, 1, nil)
	e.svc.RSVP(ctx, e.alumni[0], ev.ID)
	e.svc.RSVP(ctx, e.alumni[1], ev.ID) // waitlist
	full, _ := e.svc.Get(ctx, ev.ID)
	cases := []struct {
		name string
		do   func() error
		want string
	}{
		{"HR ticks one going", func() error { return e.svc.CheckIn(ctx, ev.ID, e.alumni[0], true) }, ""},
		{"HR ticks one waitlisted", func() error { return e.svc.CheckIn(ctx, ev.ID, e.alumni[1], true) }, "meetups.not_going"},
		{"HR ticks one who never answered", func() error { return e.svc.CheckIn(ctx, ev.ID, e.alumni[2], true) }, "meetups.not_going"},
		{"wrong code", func() error { _, err := e.svc.CheckInWithCode(ctx, e.alumni[0], ev.ID, "000000x"); return err }, "meetups.bad_code"},
		{"right code", func() error { _, err := e.svc.CheckInWithCode(ctx, e.alumni[0], ev.ID, full.CheckinCode); return err }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := c.do(); c.want == "" && err != nil || c.want != "" && code(err) != c.want {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
	if got, _ := e.svc.Get(ctx, ev.ID); got.CheckedIn != 1 {
		t.Errorf("checked in = %d, want 1", got.CheckedIn)
	}
}

func TestPhotosAreReencoded(t *testing.T) {
	e := setup(t, 1)
	ctx := context.Background()
	ev := e.create(t, 0, nil)
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var buf bytes.Buffer
	png.Encode(&buf, img)
	id, err := e.svc.AddPhoto(ctx, ev.ID, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	data, _, err := e.svc.Photo(ctx, id)
	if err != nil || !bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		t.Fatalf("stored photo is not a JPEG (%v)", err)
	}
	if _, err := e.svc.AddPhoto(ctx, ev.ID, []byte("<svg onload=alert(1)>")); code(err) != "meetups.bad_photo" {
		t.Errorf("a non-image was accepted: %v", err)
	}
}

// TestConfirmationCarriesICS reads the RSVP confirmation back from the
// built-in catcher and parses its invitation.
func TestConfirmationCarriesICS(t *testing.T) {
	e := setup(t, 1)
	ctx := context.Background()
	ev := e.create(t, 0, nil)
	if _, err := e.svc.RSVP(ctx, e.alumni[0], ev.ID); err != nil {
		t.Fatal(err)
	}
	runCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := e.eng.Start(runCtx); err != nil {
		t.Fatal(err)
	}
	defer e.eng.Stop(context.Background())
	if err := e.eng.Drain(runCtx); err != nil {
		t.Fatal(err)
	}
	caught, err := e.eng.Catcher().List(ctx, 10, 0)
	if err != nil || len(caught) != 1 {
		t.Fatalf("caught %d messages (%v), want 1", len(caught), err)
	}
	msg, _ := e.eng.Catcher().Get(ctx, caught[0].ID)
	if !strings.Contains(msg.Subject, "【参加登録完了】年末アルムナイ交流会") {
		t.Errorf("subject = %q", msg.Subject)
	}
	cal := attachedCalendar(t, msg.Raw)
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events in the invitation", len(evs))
	}
	if s := evs[0].GetProperty(ics.ComponentPropertySummary); s == nil || s.Value != "年末アルムナイ交流会" {
		t.Errorf("summary = %+v", s)
	}
	start, err := evs[0].GetStartAt()
	if err != nil || !start.Equal(ev.StartsAt) {
		t.Errorf("start = %v (%v), want %v", start, err, ev.StartsAt)
	}
}

func attachedCalendar(t *testing.T, raw []byte) *ics.Calendar {
	t.Helper()
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h, ok := p.Header.(*gomail.AttachmentHeader); ok {
			if name, _ := h.Filename(); name == "invite.ics" {
				cal, err := ics.ParseCalendar(p.Body)
				if err != nil {
					t.Fatal(err)
				}
				return cal
			}
		}
	}
	t.Fatal("no invite.ics attached")
	return nil
}

// TestRemindersADayAhead moves the clock: nothing is due three days ahead,
// the reminder goes out once within a day of the start.
func TestRemindersADayAhead(t *testing.T) {
	e := setup(t, 2)
	ctx := context.Background()
	ev := e.create(t, 0, nil) // starts 72 hours from e.now
	e.svc.RSVP(ctx, e.alumni[0], ev.ID)
	if n, err := e.svc.RemindDue(ctx, 24*time.Hour); err != nil || n != 0 {
		t.Fatalf("three days ahead: %d reminded (%v)", n, err)
	}
	e.now = ev.StartsAt.Add(-20 * time.Hour)
	if n, err := e.svc.RemindDue(ctx, 24*time.Hour); err != nil || n != 1 {
		t.Fatalf("a day ahead: %d reminded (%v), want 1", n, err)
	}
	if n, _ := e.svc.RemindDue(ctx, 24*time.Hour); n != 0 {
		t.Errorf("reminded again: %d", n)
	}
	var told bool
	for _, n := range e.notes.got {
		told = told || (n.alumnus == e.alumni[0] && n.kind == "event_reminder")
	}
	if !told {
		t.Errorf("no event_reminder notification: %+v", e.notes.got)
	}
	var queued int
	e.st.R.QueryRow("SELECT count(*) FROM mail_outbox WHERE subject LIKE '【リマインド】%'").Scan(&queued)
	if queued != 1 {
		t.Errorf("%d reminder mails queued, want 1", queued)
	}
}
