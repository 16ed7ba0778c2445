package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/segments"
)

// Identity is the demo company's sender identity.
var Identity = mail.Identity{Name: "株式会社きずな商事 人事部 アルムナイ担当", FromAddress: "alumni@kizuna-shoji.example.jp",
	PostalAddress: "東京都千代田区丸の内1-1-1 きずなビル12階", Contact: "alumni@kizuna-shoji.example.jp / 03-1234-5678"}

// ConsentText is the wording demo alumni agreed to.
const ConsentText = "株式会社きずな商事アルムナイネットワークからのお知らせメール（交流イベント・求人・会社のニュース）の受信に同意します。配信はいつでも停止できます。"

// MailSeeded says what SeedMail made.
type MailSeeded struct {
	OptedIn   int
	Segments  int
	Campaigns int
	Sent      int // messages of the finished campaign, now in the built-in mailbox
}

// SeedMail records opt-ins for three alumni in four (method "web"), sets
// the sender identity, saves three segments and creates two campaigns: a
// draft, and an invitation really sent through eng (which must be running,
// with the built-in catcher as its transport) until it is finished.
func SeedMail(ctx context.Context, eng *mail.Engine, segs *segments.Service, camps *mail.Campaigns, people []*alumni.Alumnus, companyID int64) (MailSeeded, error) {
	var out MailSeeded
	var consents []mail.Consent
	granted := time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)
	for i, a := range people {
		if a.Email == "" || i%4 == 3 {
			continue
		}
		consents = append(consents, mail.Consent{Address: a.Email, AlumnusID: a.ID, GrantedAt: granted.Add(time.Duration(i) * time.Hour),
			Method: "web", TextAgreed: ConsentText})
	}
	if err := eng.RecordConsents(ctx, consents); err != nil {
		return out, fmt.Errorf("demo opt-ins: %w", err)
	}
	out.OptedIn = len(consents)
	if err := eng.SetIdentity(ctx, Identity); err != nil {
		return out, err
	}
	var ids []int64
	for _, s := range []segments.Segment{
		{Name: "2010年代入社", Description: "2010〜2019年に入社した卒業生", Filter: segments.Filter{JoinYearFrom: 2010, JoinYearTo: 2019}},
		{Name: "エンジニア職", Description: "現在または在籍時にエンジニア・研究開発職", Filter: segments.Filter{JobTypes: []string{"エンジニア", "研究開発"}}},
		{Name: "きずな商事 本社 退職者", Description: "株式会社きずな商事を退職した方", Filter: segments.Filter{CompanyIDs: []int64{companyID}}},
	} {
		seg, err := segs.Create(ctx, s, "demo")
		if err != nil {
			return out, err
		}
		ids = append(ids, seg.ID)
		out.Segments++
	}
	draft := mail.CampaignInput{Name: "エンジニア向け 業務委託・副業のご相談", Subject: "{{姓|卒業生の}}さんへ：業務委託・副業のご相談",
		BodyFormat: mail.FormatMarkdown, SegmentID: &ids[1],
		Body: "{{氏名|卒業生の皆さま}} 様\n\nご無沙汰しております。{{会社}} 人事部です。\n\n" +
			"開発部では来期の新規プロジェクトに向けて、**業務委託・副業**でご協力いただける方を探しています。\n\n" +
			"- 期間：2026年1月〜6月（週1日〜）\n- 内容：Go / React による社内システム開発\n\n" +
			"ご興味があれば、このメールにご返信ください。"}
	if _, err := camps.Create(ctx, draft, "demo"); err != nil {
		return out, err
	}
	out.Campaigns++
	invite := mail.CampaignInput{Name: "2026年 秋のアルムナイ交流会のご案内", Subject: "{{姓}} 様、秋のアルムナイ交流会のご案内",
		BodyFormat: mail.FormatMarkdown, SegmentID: &ids[0], FromName: "株式会社きずな商事 人事部",
		Body: "{{氏名}} 様\n\nいつもありがとうございます。株式会社きずな商事 人事部です。\n\n" +
			"今年も**アルムナイ交流会**を開催します。{{部署|在籍時の部署}}の皆さんも参加予定です。\n\n" +
			"- 日時：2026年10月23日（金）19:00〜21:00\n- 会場：本社20階ラウンジ／オンライン同時開催\n\n" +
			"お申し込みはポータルからお願いします。"}
	c, err := camps.Create(ctx, invite, "demo")
	if err != nil {
		return out, err
	}
	out.Campaigns++
	if _, err := camps.Start(ctx, c.ID); errors.Is(err, mail.ErrNoAudience) {
		return out, nil // too few demo alumni for this segment: it stays a draft
	} else if err != nil {
		return out, err
	}
	camps.Wait()
	if err := eng.Drain(ctx); err != nil {
		return out, err
	}
	camps.Supervise(ctx)
	c, err = camps.Get(ctx, c.ID)
	out.Sent = c.Counts.Sent
	return out, err
}
