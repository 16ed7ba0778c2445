package main

import (
	"context"
	"fmt"
	"html"
	"strings"

	"github.com/kizuna-hr/kizuna/sdk"
)

// link is the alumnus's personal link to a survey.
func (p *Surveys) link(sv *Survey, token string) string {
	return fmt.Sprintf("%s/plugins/%s/s/%d?t=%s", strings.TrimRight(p.cfg.PortalURL, "/"), p.host.PluginID(), sv.ID, token)
}

// invite mails every member of the survey's segment once, as promotional mail:
// the host sends only to alumni who opted in and adds the sender identity,
// the unsubscribe link and the List-Unsubscribe headers.
func (p *Surveys) invite(ctx context.Context, sv *Survey) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ids, err := p.host.SegmentMembers(ctx, sv.SegmentID)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, id := range ids {
		token, fresh, err := p.store.Invite(ctx, sv.ID, id)
		if err != nil {
			return sent, err
		}
		if !fresh {
			continue
		}
		if _, err := p.host.SendMail(ctx, p.mail(sv, id, token, false)); err != nil {
			// Not opted in, suppressed…: not invited (a later send tries again).
			sdk.Logger().Info("survey invitation not queued", "alumnus", id, "err", err)
			if err := p.store.Uninvite(ctx, sv.ID, id); err != nil {
				return sent, err
			}
			continue
		}
		sent++
	}
	return sent, nil
}

func (p *Surveys) mail(sv *Survey, alumnusID int64, token string, reminder bool) sdk.Mail {
	link := p.link(sv, token)
	subject := "【アンケートのお願い】" + sv.TitleJA
	lead := "アルムナイの皆さまへ、アンケートへのご協力をお願いいたします。"
	if reminder {
		subject = "【リマインド】" + sv.TitleJA
		lead = "先日お送りしたアンケートへのご回答がまだのようです。締切までにご協力ください。"
	}
	closes := sv.ClosesAt.In(jst).AddDate(0, 0, -1).Format("2006年1月2日")
	anon := "回答は記名で集計されます。"
	if sv.Anonymous {
		anon = "回答は匿名で集計され、個人が特定される形では利用しません。"
	}
	text := fmt.Sprintf("%s\n\n%s\n%s\n\n回答する: %s\n締切: %s\n\n%s\n\n---\n%s\nAnswer: %s\n", lead, sv.TitleJA, sv.IntroJA, link, closes, anon, sv.TitleEN, link)
	body := fmt.Sprintf(`<p>%s</p><h2>%s</h2><p>%s</p><p><a href="%s">回答する / Answer</a></p><p>締切: %s</p><p>%s</p>`,
		html.EscapeString(lead), html.EscapeString(sv.TitleJA), html.EscapeString(sv.IntroJA), html.EscapeString(link), closes, anon)
	return sdk.Mail{Kind: sdk.MailPromotional, AlumnusID: alumnusID, Subject: subject, Text: text, HTML: body}
}

// remindDue sends one reminder to those who have not answered, three days
// before an open survey closes.
func (p *Surveys) remindDue(ctx context.Context) error {
	svs, err := p.store.List(ctx)
	if err != nil {
		return err
	}
	now := p.now()
	for _, sv := range svs {
		if !sv.Open(now) || sv.ClosesAt.Sub(now) > 72*60*60*1e9 {
			continue
		}
		if _, err := p.remind(ctx, sv); err != nil {
			return err
		}
	}
	return nil
}

// remind mails those invited who have not submitted, once.
func (p *Surveys) remind(ctx context.Context, sv *Survey) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	due, err := p.store.Unanswered(ctx, sv.ID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, in := range due {
		if _, err := p.host.SendMail(ctx, p.mail(sv, in.AlumnusID, in.Token, true)); err != nil {
			continue
		}
		if err := p.store.MarkReminded(ctx, sv.ID, in.AlumnusID); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
