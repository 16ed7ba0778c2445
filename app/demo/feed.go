package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/feed"
)

// FeedSeeded tells what SeedFeed created.
type FeedSeeded struct {
	Spaces int
	Posts  int
}

// companyPosts are the demo's HR posts: every kind, two pinned, one
// scheduled for next week.
var companyPosts = []struct {
	kind, title, exec, body string
	pinned, targeted        bool
	days                    int // publish this many days from now (negative: past)
}{
	{feed.KindExecutive, "卒業生の皆さんへ", "山本 健一（代表取締役社長）", "きずな商事を巣立った皆さん、いつもありがとうございます。\n\n社外で得た経験を、いつか**もう一度一緒に**活かせる日を楽しみにしています。", true, false, -20},
	{feed.KindPolicy, "アルムナイ採用制度を始めます", "", "2026年4月より、退職者の再入社（カムバック採用）の窓口を人事部に設けました。\n\n- 選考は書類と面談1回\n- 在籍時の等級を考慮します\n\n詳しくは人事部までご連絡ください。", true, false, -10},
	{feed.KindPress, "プレスリリース：関西支社を開設", "", "株式会社きずな商事は、2026年6月に大阪・梅田に関西支社を開設します。", false, false, -7},
	{feed.KindComeback, "カムバック社員インタビュー：佐藤さん", "", "> 外の世界で学んだことを、今はチームに還元しています。\n\n5年ぶりに戻った佐藤さんに、再入社の決め手を聞きました。", false, false, -5},
	{feed.KindNews, "エンジニア向け勉強会のお知らせ", "", "社内のエンジニアと卒業生で、生成 AI の活用について語る会を開きます。", false, true, -2},
	{feed.KindNews, "年末の交流会（予約投稿）", "", "12月の交流会の詳細は来週お知らせします。", false, false, 7},
}

var alumniPosts = []string{
	"製造業向けの SaaS 導入で、現場の巻き込み方に悩んでいます。**こういう案件の経験がある方、アドバイスをいただけませんか？**",
	"転職して3年、ようやく新しいチームにも慣れてきました。皆さんの近況も聞かせてください！",
	"来月、大阪で元同僚の集まりを企画しています。参加できそうな方はコメントください。",
	"育休から復帰しました。同じように子育てしながら働いている方、情報交換しませんか？",
	"[勉強会の資料](https://example.jp/slides) を共有します。ご意見歓迎です。",
}

var demoComments = []string{"経験あります！ぜひお話ししましょう。", "参考になります。ありがとうございます。", "参加します！", "懐かしいですね、お元気そうで何よりです。"}

// SeedFeed gives the demo network a living feed: company posts of every
// kind (two pinned, one scheduled, one for the segment targeted), alumni
// posts with comments and reactions, and three spaces with members.
func SeedFeed(ctx context.Context, f *feed.Service, people []*alumni.Alumnus, targeted int64) (FeedSeeded, error) {
	var out FeedSeeded
	if len(people) < 12 {
		return out, fmt.Errorf("demo feed: at least 12 alumni needed")
	}
	var spaces []int64
	for _, sp := range []feed.Space{
		{Name: "2010年代入社の会", Description: "2010〜2019年に入社した同期・先輩後輩の集まり", Dimension: "join_era"},
		{Name: "エンジニア", Description: "技術の話題、勉強会、求人情報", Dimension: "job_type"},
		{Name: "関西の卒業生", Description: "大阪・京都・神戸周辺で働く卒業生", Dimension: "region"},
	} {
		s, err := f.CreateSpace(ctx, "demo", 0, sp)
		if err != nil {
			return out, err
		}
		spaces = append(spaces, s.ID)
		out.Spaces++
	}
	for i, p := range people[:min(len(people), 60)] {
		if err := f.Join(ctx, p.ID, spaces[i%len(spaces)]); err != nil {
			return out, err
		}
	}
	now := time.Now()
	var posts []feed.Seeded
	for _, c := range companyPosts {
		p := feed.Seeded{At: now.Add(time.Duration(c.days) * 24 * time.Hour),
			Draft: feed.Draft{Kind: c.kind, Title: c.title, ExecutiveName: c.exec, Body: c.body, Pinned: c.pinned}}
		if c.targeted {
			p.SegmentID = targeted
		}
		posts = append(posts, p)
	}
	for i, body := range alumniPosts {
		p := feed.Seeded{At: now.Add(-time.Duration(len(alumniPosts)-i) * 20 * time.Hour), Author: people[i].ID, Draft: feed.Draft{Body: body},
			Reactions: map[int64]string{}}
		if i == 2 {
			p.SpaceID, p.Author = spaces[2], people[2].ID // people[2] joined spaces[2]
		}
		for k := range 1 + i%3 {
			who := people[5+(i+k)%7]
			p.Comments = append(p.Comments, feed.SeededComment{Author: who.ID, Body: demoComments[(i+k)%len(demoComments)], At: p.At.Add(time.Duration(k+1) * time.Hour)})
		}
		for k := range 2 + i {
			p.Reactions[people[(i+k+1)%len(people)].ID] = feed.Reactions[(i+k)%len(feed.Reactions)]
		}
		posts = append(posts, p)
	}
	if err := f.Seed(ctx, posts); err != nil {
		return out, fmt.Errorf("demo feed: %w", err)
	}
	out.Posts = len(posts)
	return out, nil
}
