package mail

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is a gathering alumni are invited to; EventInvitation turns it into
// an iCalendar (RFC 5545) invitation calendar programs offer to accept.
type Event struct {
	UID            string    // stable across updates, e.g. "event-42@alumni.example.jp"
	Sequence       int       // raise when the event changes, so calendars update it
	Summary        string    // e.g. 秋のアルムナイ交流会
	Location       string    // e.g. 本社 20 階ラウンジ（東京都千代田区丸の内1-1-1）
	Description    string    // plain text, may span lines
	URL            string    // the event page
	Start, End     time.Time // written in Japan time (Asia/Tokyo, JST)
	OrganizerName  string
	OrganizerEmail string
	AttendeeName   string // the recipient
	AttendeeEmail  string
	Stamp          time.Time // DTSTAMP; zero: now
}

// jst is Japan Standard Time (no daylight saving since 1951).
var jst = time.FixedZone("JST", 9*60*60)

// EventInvitation returns ev as an "invite.ics" attachment with METHOD:REQUEST.
//
// It is written here rather than with an iCalendar library: one VEVENT
// needs only escaping and line folding, and the maintained Go library
// (arran4/golang-ical, used by the tests to read the result back) brings
// an HTTP client into this package, which must not import net/http.
func EventInvitation(ev Event) (Attachment, error) {
	switch {
	case ev.UID == "" || ev.Summary == "" || ev.OrganizerEmail == "":
		return Attachment{}, ErrInvalidAttachment.Wrap(errors.New("ics")).Withf("UID・件名・主催者のアドレスが必要です", "UID, summary and organizer address are required")
	case ev.Start.IsZero() || !ev.End.After(ev.Start):
		return Attachment{}, ErrInvalidAttachment.Wrap(errors.New("ics")).Withf("終了は開始より後にしてください", "the end must be after the start")
	}
	stamp := ev.Stamp
	if stamp.IsZero() {
		stamp = time.Now()
	}
	var b strings.Builder
	line := func(name, value string) { writeICSLine(&b, name+":"+value) }
	local := func(t time.Time) string { return t.In(jst).Format("20060102T150405") }
	line("BEGIN", "VCALENDAR")
	line("PRODID", "-//Kizuna//Alumni mailer//JA")
	line("VERSION", "2.0")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "REQUEST")
	line("BEGIN", "VTIMEZONE")
	line("TZID", "Asia/Tokyo")
	line("BEGIN", "STANDARD")
	line("DTSTART", "19700101T000000")
	line("TZOFFSETFROM", "+0900")
	line("TZOFFSETTO", "+0900")
	line("TZNAME", "JST")
	line("END", "STANDARD")
	line("END", "VTIMEZONE")
	line("BEGIN", "VEVENT")
	line("UID", icsText(ev.UID))
	line("DTSTAMP", stamp.UTC().Format("20060102T150405Z"))
	line("SEQUENCE", strconv.Itoa(ev.Sequence))
	line("DTSTART;TZID=Asia/Tokyo", local(ev.Start))
	line("DTEND;TZID=Asia/Tokyo", local(ev.End))
	line("SUMMARY;LANGUAGE=ja", icsText(ev.Summary))
	if ev.Location != "" {
		line("LOCATION;LANGUAGE=ja", icsText(ev.Location))
	}
	if ev.Description != "" {
		line("DESCRIPTION;LANGUAGE=ja", icsText(ev.Description))
	}
	if ev.URL != "" {
		line("URL", ev.URL)
	}
	line("ORGANIZER;CN="+icsParam(ev.OrganizerName), "mailto:"+ev.OrganizerEmail)
	if ev.AttendeeEmail != "" {
		line("ATTENDEE;CN="+icsParam(ev.AttendeeName)+";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
			"mailto:"+ev.AttendeeEmail)
	}
	line("STATUS", "CONFIRMED")
	line("TRANSP", "OPAQUE")
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return Attachment{Filename: "invite.ics", ContentType: "text/calendar; charset=utf-8; method=REQUEST",
		Data: []byte(b.String())}, nil
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

func icsText(s string) string { return icsEscaper.Replace(s) }

// icsParam quotes a parameter value; DQUOTE and control characters cannot
// appear in one and are dropped.
func icsParam(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return `"` + s + `"`
}

// writeICSLine writes one content line folded at 75 octets, never inside a
// UTF-8 character, each continuation starting with a space.
func writeICSLine(b *strings.Builder, s string) {
	limit := 75
	for len(s) > limit {
		n := limit
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		b.WriteString(s[:n])
		b.WriteString("\r\n ")
		s = s[n:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
