package cli

import (
	"context"
	"slices"

	"github.com/kizuna-hr/kizuna/app/profiles"
)

// demoSurveyV1Answers is how many demo members answered version 1 before
// HR published version 2.
const demoSurveyV1Answers = 8

// seedDemoSurvey publishes version 2 of the welcome survey: one more
// interest, an extra question and HR's own help text.
func seedDemoSurvey(ctx context.Context, a *app) error {
	d, err := a.profiles.Survey(ctx)
	if err != nil {
		return err
	}
	d.Intro = profiles.Text{JA: "いまのお仕事や関心を教えてください。回答はプロフィールや人事からのご案内に使います。",
		EN: "Tell us about your work and interests. We use your answers for your profile and for what HR sends you."}
	d.Interests = append(slices.Clone(d.Interests), profiles.Option{Key: "startup", JA: "起業・スタートアップ情報", EN: "Startups and founding"})
	d.Questions = append(slices.Clone(d.Questions), profiles.Question{Key: "contact", Kind: profiles.SingleChoice,
		Label: profiles.Text{JA: "人事からの連絡で希望する方法", EN: "How HR should reach you"},
		Options: []profiles.Option{{Key: "mail", JA: "メール", EN: "Mail"}, {Key: "portal", JA: "ポータルのお知らせ", EN: "Portal notifications"},
			{Key: "phone", JA: "電話", EN: "Phone"}}})
	_, err = a.profiles.PublishSurvey(ctx, "demo", d)
	return err
}
