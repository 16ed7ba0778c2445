package notify

import (
	"context"
	"fmt"
	"html"
	"strings"
	"time"
)

var jst = time.FixedZone("JST", 9*60*60)

// digestCutoff is the latest Monday 09:00 Japan time at or before now: a
// digest carries what came before it, so running it twice sends nothing new.
func digestCutoff(now time.Time) time.Time {
	t := now.In(jst)
	d := time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, jst)
	for d.Weekday() != time.Monday || d.After(t) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// SendDigests mails every alumnus the notifications kept for their weekly
// digest that came before this week's cutoff, and marks them sent. It
// returns the number of digest mails queued.
func (s *Service) SendDigests(ctx context.Context) (int, error) {
	if s.mailer == nil {
		return 0, nil
	}
	cutoff := stamp(digestCutoff(s.now()))
	rows, err := s.st.R.QueryContext(ctx, `SELECT id, alumnus_id, title_ja, title_en, link FROM notifications
		WHERE digested = 0 AND created_at < ? ORDER BY alumnus_id, id`, cutoff)
	if err != nil {
		return 0, err
	}
	type item struct {
		id           int64
		ja, en, link string
	}
	byAlumnus := map[int64][]item{}
	var order []int64
	for rows.Next() {
		var it item
		var a int64
		if err := rows.Scan(&it.id, &a, &it.ja, &it.en, &it.link); err != nil {
			rows.Close()
			return 0, err
		}
		if _, ok := byAlumnus[a]; !ok {
			order = append(order, a)
		}
		byAlumnus[a] = append(byAlumnus[a], it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	sent := 0
	for _, a := range order {
		items := byAlumnus[a]
		var b strings.Builder
		fmt.Fprintf(&b, "<p>今週のお知らせ（%d 件） / This week's notifications (%d)</p><ul>", len(items), len(items))
		for _, it := range items {
			b.WriteString("<li>" + html.EscapeString(it.ja))
			if it.en != "" {
				b.WriteString(" / " + html.EscapeString(it.en))
			}
			if it.link != "" {
				u := html.EscapeString(s.base() + it.link)
				b.WriteString(` <a href="` + u + `">` + u + `</a>`)
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ul><p>受け取り方はポータルの通知設定で変えられます。 / You can change this in the portal's notification settings.</p>")
		if err := s.mailTo(ctx, a, fmt.Sprintf("【週間まとめ】お知らせ %d 件", len(items)), b.String()); err != nil {
			s.log.Warn("digest not queued", "alumnus", a, "err", err)
		} else {
			sent++
		}
		ids := make([]any, len(items))
		marks := make([]string, len(items))
		for i, it := range items {
			ids[i], marks[i] = it.id, "?"
		}
		if _, err := s.st.W.ExecContext(ctx, "UPDATE notifications SET digested = 1 WHERE id IN ("+strings.Join(marks, ",")+")", ids...); err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// Run sends the weekly digests, checking every interval until ctx ends
// (serve runs it beside the campaign supervisor).
func (s *Service) Run(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = time.Hour
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.SendDigests(ctx); err != nil {
			s.log.Warn("weekly digest", "err", err)
		} else if n > 0 {
			s.log.Info("weekly digests queued", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
