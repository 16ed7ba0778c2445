package main

import "time"

// Template is a ready-made survey HR starts from.
type Template struct {
	Key    string
	JA, EN string
	Build  func(now time.Time) Survey
}

func opts(pairs ...string) []Option {
	var o []Option
	for i := 0; i+2 < len(pairs); i += 3 {
		o = append(o, Option{ID: pairs[i], JA: pairs[i+1], EN: pairs[i+2]})
	}
	return o
}

// Templates are the Japanese templates.
var Templates = []Template{
	{Key: "annual", JA: "年次アルムナイ調査", EN: "Annual alumni survey", Build: func(now time.Time) Survey {
		return Survey{TitleJA: "年次アルムナイ調査", TitleEN: "Annual alumni survey",
			IntroJA: "アルムナイの皆さまの近況と、ネットワークへのご意見をお聞かせください（所要5分）。",
			IntroEN: "Tell us how you are and what you think of the network (5 minutes).",
			OpensAt: now, ClosesAt: now.AddDate(0, 0, 30),
			Sections: []Section{
				{JA: "近況", EN: "Your situation", Questions: []Question{
					{ID: "status", Type: TypeSingle, JA: "現在の働き方を教えてください。", EN: "How do you work now?", Required: true, Other: true,
						Options: opts("employee", "会社員", "Employee", "founder", "起業・経営", "Founder", "freelance", "フリーランス", "Freelance", "study", "学業", "Studying")},
					{ID: "founder_stage", Type: TypeSingle, JA: "事業の段階を教えてください。", EN: "What stage is your business at?",
						ShowIf:  &Cond{Question: "status", Option: "founder"},
						Options: opts("idea", "構想中", "Idea", "early", "創業期", "Early", "growth", "成長期", "Growth")},
					{ID: "interests", Type: TypeMultiple, JA: "関心のある活動を選んでください（複数可）。", EN: "Which activities interest you? (any)",
						Options: opts("events", "交流イベント", "Events", "mentoring", "メンタリング", "Mentoring", "rehire", "再入社", "Rejoining", "business", "協業", "Business together")},
				}},
				{JA: "ネットワークについて", EN: "About the network", Questions: []Question{
					{ID: "satisfaction", Type: TypeScale, JA: "アルムナイネットワークの満足度（1〜5）", EN: "Satisfaction with the network (1–5)", Required: true},
					{ID: "nps", Type: TypeNPS, JA: "元の職場を友人・知人に薦める可能性は？（0〜10）", EN: "How likely are you to recommend us as an employer? (0–10)", Required: true},
					{ID: "comment", Type: TypeText, JA: "ご意見・ご要望をご自由にお書きください。", EN: "Any comments or wishes?"},
				}},
			}}
	}},
	{Key: "event", JA: "イベント後アンケート", EN: "Post-event survey", Build: func(now time.Time) Survey {
		return Survey{TitleJA: "イベント後アンケート", TitleEN: "Post-event survey",
			IntroJA: "ご参加ありがとうございました。次回の企画のためにご感想をお聞かせください。",
			IntroEN: "Thank you for coming. Please tell us what you thought.",
			OpensAt: now, ClosesAt: now.AddDate(0, 0, 14),
			Sections: []Section{{JA: "イベントの感想", EN: "The event", Questions: []Question{
				{ID: "rating", Type: TypeScale, JA: "イベント全体の満足度（1〜5）", EN: "Overall satisfaction (1–5)", Required: true},
				{ID: "again", Type: TypeSingle, JA: "次回も参加したいですか？", EN: "Would you come again?", Required: true,
					Options: opts("yes", "はい", "Yes", "maybe", "内容による", "Depends", "no", "いいえ", "No")},
				{ID: "good", Type: TypeText, JA: "良かった点・改善点", EN: "What was good, what to improve"},
			}}}}
	}},
	{Key: "pulse", JA: "ワンクエスチョン・パルス", EN: "One-question pulse", Build: func(now time.Time) Survey {
		return Survey{TitleJA: "パルスサーベイ", TitleEN: "Pulse survey",
			IntroJA: "1問だけの簡単なアンケートです。", IntroEN: "Just one question.",
			OpensAt: now, ClosesAt: now.AddDate(0, 0, 7),
			Sections: []Section{{JA: "", EN: "", Questions: []Question{
				{ID: "nps", Type: TypeNPS, JA: "元の職場を友人・知人に薦める可能性は？（0〜10）", EN: "How likely are you to recommend us as an employer? (0–10)", Required: true},
			}}}}
	}},
}

// FindTemplate returns the template with key.
func FindTemplate(key string) (Template, bool) {
	for _, t := range Templates {
		if t.Key == key {
			return t, true
		}
	}
	return Template{}, false
}
