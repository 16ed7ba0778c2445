package cli

import (
	"context"
	"fmt"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/demo"
	"github.com/kizuna-hr/kizuna/app/feed"
)

// seedDemoFeedImages adds posts with pictures and @mentions: a company
// post by HR and three alumni posts, each mentioning another member.
func seedDemoFeedImages(ctx context.Context, a *app, records []*alumni.Alumnus) error {
	var members []*alumni.Alumnus
	for _, r := range records {
		if r.Email != "" && r.ID%5 != 0 && len(members) < 4 { // portal members (seedDemoMembers)
			members = append(members, r)
		}
	}
	if len(members) < 4 {
		return nil
	}
	image := func(n int, by string, alumnus int64) (string, error) {
		up, err := a.feed.UploadImage(ctx, by, alumnus, demo.FeedPicture(n), "image/png")
		return up.Markdown, err
	}
	md, err := image(0, "demo", 0)
	if err != nil {
		return err
	}
	if _, err := a.feed.CreateCompanyPost(ctx, "demo", feed.Draft{Kind: feed.KindNews, Title: "秋のアルムナイ交流会を開催しました",
		Body: "先日の交流会には40名の皆さんにお越しいただきました。ありがとうございました。\n\n" + md}); err != nil {
		return err
	}
	texts := []string{"週末に高尾山へ。元同期と久しぶりに歩きました", "新しいオフィスからの眺めです。近くに来たら声をかけてください", "福岡での勉強会、楽しかったです"}
	for i, m := range members[:3] {
		md, err := image(i+1, "alumnus:"+fmt.Sprint(m.ID), m.ID)
		if err != nil {
			return err
		}
		other := members[i+1]
		body := fmt.Sprintf("%s。@%s さん、ありがとうございました！\n\n%s", texts[i], other.Name, md)
		if _, err := a.feed.CreateAlumniPost(ctx, m.ID, feed.Draft{Body: body, Mentions: []int64{other.ID}}); err != nil {
			return err
		}
	}
	return a.audit.Record(ctx, "demo.seed", "feed_images", "posts=4")
}
