package meetups

import (
	"context"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/kizuna-hr/kizuna/app/mail"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

var jst = time.FixedZone("JST", 9*60*60)

// When formats an event's time in Japan time, e.g. 2026年12月10日(木) 19:00〜21:00.
func When(start, end time.Time) string {
	wd := []string{"日", "月", "火", "水", "木", "金", "土"}
	s, e := start.In(jst), end.In(jst)
	out := fmt.Sprintf("%d年%d月%d日(%s) %s〜", s.Year(), s.Month(), s.Day(), wd[s.Weekday()], s.Format("15:04"))
	if e.YearDay() != s.YearDay() || e.Year() != s.Year() {
		out += fmt.Sprintf("%d月%d日 ", e.Month(), e.Day())
	}
	return out + e.Format("15:04")
}

// mailEvent sends one event mail with the .ics invitation to an alumnus going.
func (s *Service) mailEvent(ctx context.Context, id, alumnusID int64, subjectJA, leadJA, leadEN string) error {
	if s.mailer == nil {
		return nil
	}
	ev, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	var name, addr string
	if err := s.st.R.QueryRowContext(ctx, "SELECT name, email FROM alumni WHERE id = ?", alumnusID).Scan(&name, &addr); err != nil {
		return err
	}
	if addr == "" {
		return nil
	}
	idn, err := s.mailer.Identity(ctx)
	if err != nil {
		return err
	}
	if idn.FromAddress == "" { // sender not set up yet: the invitation still needs an organizer
		idn.Name, idn.FromAddress = "Kizuna", "noreply@kizuna.local"
	}
	where := ev.Place
	if ev.Mode == Online {
		where = ev.OnlineURL
	}
	link := s.cfg.Base() + eventLink(id)
	domain := "kizuna.local"
	if at := strings.LastIndexByte(idn.FromAddress, '@'); at >= 0 {
		domain = idn.FromAddress[at+1:]
	}
	ics, err := mail.EventInvitation(mail.Event{
		UID: fmt.Sprintf("event-%d@%s", id, domain), Sequence: ev.sequence, Summary: ev.Title, Location: where,
		Description: ev.Description, URL: link, Start: ev.StartsAt, End: ev.EndsAt,
		OrganizerName: idn.Name, OrganizerEmail: idn.FromAddress, AttendeeName: name, AttendeeEmail: addr, Stamp: s.cfg.Now(),
	})
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<p>%s 様</p><p>%s</p><p>%s</p>", html.EscapeString(name), html.EscapeString(leadJA), html.EscapeString(leadEN))
	fmt.Fprintf(&b, "<p><strong>%s</strong><br>日時 / When: %s（日本時間 / JST）<br>場所 / Where: %s</p>",
		html.EscapeString(ev.Title), When(ev.StartsAt, ev.EndsAt), html.EscapeString(where))
	b.WriteString(ev.DescriptionHTML)
	fmt.Fprintf(&b, `<p><a href="%s">%s</a></p><p>添付の招待状（invite.ics）でカレンダーに追加できます。 / Add it to your calendar with the attached invite.ics.</p>`,
		html.EscapeString(link), html.EscapeString(link))
	_, err = s.mailer.Send(ctx, mail.Outgoing{To: addr, ToName: name, AlumnusID: alumnusID,
		Subject: subjectJA + ev.Title, HTML: b.String(), Attachments: []mail.Attachment{ics}})
	return err
}

// confirm mails the RSVP confirmation (failures are logged).
func (s *Service) confirm(ctx context.Context, id, alumnusID int64) {
	if err := s.mailEvent(ctx, id, alumnusID, "【参加登録完了】",
		"イベントへの参加登録を受け付けました。", "You are registered for this event."); err != nil {
		s.cfg.Log.Warn("RSVP confirmation not queued", "event", id, "alumnus", alumnusID, "err", err)
	}
}

// Remind mails every attendee going a reminder with the invitation and
// notifies them; it returns how many were reminded.
func (s *Service) Remind(ctx context.Context, id int64) (int, error) {
	ev, err := s.Get(ctx, id)
	if err != nil {
		return 0, err
	}
	if ev.Cancelled {
		return 0, errCancelled
	}
	if !ev.StartsAt.After(s.cfg.Now()) {
		return 0, errPast
	}
	ids, err := s.attendeeIDs(ctx, id, Going)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range ids {
		if err := s.mailEvent(ctx, id, a, "【リマインド】", "まもなくイベントが始まります。", "Your event is coming up."); err != nil {
			s.cfg.Log.Warn("reminder not queued", "event", id, "alumnus", a, "err", err)
			continue
		}
		if s.notify != nil {
			s.notify.Notify(ctx, a, "event_reminder", "「"+ev.Title+"」は "+When(ev.StartsAt, ev.EndsAt)+" です",
				"“"+ev.Title+"” starts "+ev.StartsAt.In(jst).Format("2006-01-02 15:04")+" JST", eventLink(id))
		}
		n++
	}
	_, err = s.st.W.ExecContext(ctx, "UPDATE meetups SET reminded = 1 WHERE id = ?", id)
	return n, err
}

// RemindDue sends the reminders of events starting within lead that have
// not had them yet.
func (s *Service) RemindDue(ctx context.Context, lead time.Duration) (int, error) {
	now := s.cfg.Now()
	rows, err := s.st.R.QueryContext(ctx, "SELECT id FROM meetups WHERE cancelled = 0 AND reminded = 0 AND starts_at > ? AND starts_at <= ?",
		stamp(now), stamp(now.Add(lead)))
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	total := 0
	for _, id := range ids {
		n, err := s.Remind(ctx, id)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// Run sends due reminders (a day ahead) every interval until ctx ends.
func (s *Service) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.RemindDue(ctx, 24*time.Hour); err != nil {
			s.cfg.Log.Warn("event reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
