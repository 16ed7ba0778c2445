package profiles_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/profiles"
)

// withNews is version 1 plus one new interest and two extra questions.
func withNews(t testing.TB) profiles.Survey {
	t.Helper()
	d := profiles.CurrentSurvey()
	d.Interests = append(slices.Clone(d.Interests), profiles.Option{Key: "side_business", JA: "起業・副業の情報", EN: "Starting a business"})
	d.Questions = []profiles.Question{
		{Key: "contact", Kind: profiles.SingleChoice, Label: profiles.Text{JA: "連絡方法", EN: "How to reach you"},
			Options: []profiles.Option{{Key: "mail", JA: "メール", EN: "Mail"}, {Key: "phone", JA: "電話", EN: "Phone"}}},
		{Key: "hometown", Kind: profiles.ShortText, Label: profiles.Text{JA: "出身地", EN: "Hometown"}},
	}
	return d
}

func TestPublishSurveyRefusesBadDrafts(t *testing.T) {
	ctx := context.Background()
	retireAll := func(d *profiles.Survey) {
		d.OpenTo = slices.Clone(d.OpenTo)
		for i := range d.OpenTo {
			d.OpenTo[i].Retired = true
		}
	}
	cases := []struct {
		name  string
		edit  func(d *profiles.Survey)
		field string // a key of the error's fields
	}{
		{"empty Japanese label", func(d *profiles.Survey) { d.Interests[4].JA = " " }, "interests.4.label"},
		{"empty English label", func(d *profiles.Survey) { d.Interests[4].EN = "" }, "interests.4.label"},
		{"duplicate key in one question", func(d *profiles.Survey) { d.Interests[4].Key = "news" }, "interests.4.key"},
		{"key of the other question", func(d *profiles.Survey) { d.Interests[4].Key = "rehire" }, "interests.4.key"},
		{"bad key", func(d *profiles.Survey) { d.Interests[4].Key = "新しい" }, "interests.4.key"},
		{"removed option", func(d *profiles.Survey) { d.Interests = d.Interests[1:] }, "interests"},
		{"every option retired", retireAll, "open_to"},
		{"oversize label", func(d *profiles.Survey) { d.Interests[4].JA = strings.Repeat("あ", 51) }, "interests.4.label"},
		{"oversize intro", func(d *profiles.Survey) { d.Intro.JA = strings.Repeat("あ", 501) }, "intro"},
		{"question without a label", func(d *profiles.Survey) { d.Questions[0].Label.EN = "" }, "questions.0.label"},
		{"question of no kind", func(d *profiles.Survey) { d.Questions[1].Kind = "essay" }, "questions.1.kind"},
		{"duplicate question key", func(d *profiles.Survey) { d.Questions[1].Key = "contact" }, "questions.1.key"},
		{"choice question without choices", func(d *profiles.Survey) { d.Questions[0].Options = nil }, "questions.0.options"},
		{"duplicate choice of a question", func(d *profiles.Survey) { d.Questions[0].Options[1].Key = "mail" }, "questions.0.options.1.key"},
	}
	w := newWorld(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := withNews(t)
			c.edit(&d)
			_, err := w.svc.PublishSurvey(ctx, "hr@example.jp", d)
			fe, ok := fault.As(err)
			if !ok || fe.Kind != fault.Invalid || fe.Fields[c.field] == "" {
				t.Fatalf("want a reason for %s, got %v %+v", c.field, err, fe)
			}
			if sv, _ := w.svc.Survey(ctx); sv.Version != 1 {
				t.Errorf("a refused draft was published: version %d", sv.Version)
			}
		})
	}
}

func TestPublishedSurveyVersions(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	old := w.alumnus(t, "山田 太郎", "ヤマダ タロウ", "taro@example.jp")
	if _, err := w.svc.Answer(ctx, old, profiles.Answers{Interests: []string{"career"}, OpenTo: []string{"mentoring"}}); err != nil {
		t.Fatal(err)
	}
	d := withNews(t)
	d.Interests[3].Retired = true // career
	d.Interests[0].JA = "会社からのお知らせ"
	d.Ask.JobType = false
	sv, err := w.svc.PublishSurvey(ctx, "hr@example.jp", d)
	if err != nil || sv.Version != 2 {
		t.Fatalf("publish: %+v %v", sv, err)
	}
	// A published question is not removed nor changes kind.
	for name, edit := range map[string]func(d *profiles.Survey){
		"removed": func(d *profiles.Survey) { d.Questions = d.Questions[1:] },
		"kind": func(d *profiles.Survey) {
			d.Questions[1].Kind = profiles.SingleChoice
			d.Questions[1].Options = d.Questions[0].Options
		},
	} {
		next := withNews(t)
		edit(&next)
		if _, err := w.svc.PublishSurvey(ctx, "hr@example.jp", next); fault.KindOf(err) != fault.Invalid {
			t.Errorf("question %s: %v", name, err)
		}
	}
	// The member who answered version 1 is not asked again; their answer keeps its version.
	st, err := w.svc.SurveyFor(ctx, old)
	if err != nil || st.Pending || st.Answers.Version != 1 || st.Survey.Version != 2 {
		t.Fatalf("old answer: %+v %v", st, err)
	}
	fresh := w.alumnus(t, "鈴木 花子", "スズキ ハナコ", "hanako@example.jp")
	for _, bad := range []profiles.Answers{
		{Interests: []string{"career"}},           // retired in version 2
		{Interests: []string{"nonsense"}},         // unknown key
		{Version: 1, Interests: []string{"news"}}, // another version
		{OpenTo: []string{"side_business"}},       // a key of the other question
		{Comment: strings.Repeat("長", 1001)},      // oversize text
		{Industry: strings.Repeat("長", 101)},      // oversize text
	} {
		if _, err := w.svc.Answer(ctx, fresh, bad); fault.KindOf(err) != fault.Invalid {
			t.Errorf("%+v: want invalid, got %v", bad, err)
		}
	}
	if st, _ := w.svc.SurveyFor(ctx, fresh); !st.Pending {
		t.Fatalf("a refused answer was stored")
	}
	st, err = w.svc.Answer(ctx, fresh, profiles.Answers{Version: 2, JobType: "not asked", Interests: []string{"side_business", "news"},
		Extra: map[string][]string{"contact": {"phone"}, "hometown": {"札幌"}}})
	if err != nil || st.Answers.Version != 2 || st.Answers.JobType != "" || st.Answers.Extra["hometown"][0] != "札幌" {
		t.Fatalf("answer v2: %+v %v", st.Answers, err)
	}
	a, _ := w.repo.Get(ctx, fresh)
	if !slices.Contains(a.Interests, "起業・副業の情報") || !slices.Contains(a.Interests, "会社からのお知らせ") {
		t.Errorf("alumni record: %v", a.Interests)
	}
	sum, err := w.svc.SummarizeSurvey(ctx)
	if err != nil || sum.Answered != 2 || sum.Interests["career"] != 1 || sum.Interests["side_business"] != 1 || sum.OpenTo["mentoring"] != 1 ||
		sum.Extra["contact"]["phone"] != 1 || sum.Extra["hometown"] != nil {
		t.Errorf("summary: %+v %v", sum, err)
	}
	// HR still reads the old answer's retired option.
	v, err := w.svc.ForHR(ctx, old)
	if err != nil || !slices.ContainsFunc(v.Options.Interests, func(o profiles.Option) bool { return o.Key == "career" && o.Retired }) {
		t.Errorf("HR view options: %+v %v", v, err)
	}
}

func TestHRHidesSurveyFieldsFromProfiles(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	id := w.alumnus(t, "山田 太郎", "ヤマダ タロウ", "taro@example.jp")
	viewer := w.alumnus(t, "鈴木 花子", "スズキ ハナコ", "hanako@example.jp")
	u := full
	u.Visibility = map[string]profiles.Visibility{profiles.FieldOpenTo: profiles.ShowAlumni}
	if _, err := w.svc.Save(ctx, id, u); err != nil {
		t.Fatal(err)
	}
	if page, _ := w.svc.Directory(ctx, viewer, profiles.DirectoryQuery{Text: "製造"}); page.Total != 1 {
		t.Fatalf("before: %+v", page)
	}
	for _, bad := range []map[string]profiles.Visibility{{"bio": profiles.HROnly}, {"industry": "everyone"}} {
		if _, err := w.svc.SetProfileFieldPolicy(ctx, bad); fault.KindOf(err) != fault.Invalid {
			t.Errorf("%v: %v", bad, err)
		}
	}
	cases := []struct {
		field string
		query profiles.DirectoryQuery
	}{
		{profiles.FieldIndustry, profiles.DirectoryQuery{Text: "製造"}},
		{profiles.FieldIndustry, profiles.DirectoryQuery{Industry: "製造業"}},
		{profiles.FieldJobType, profiles.DirectoryQuery{JobType: "営業"}},
		{profiles.FieldJoinYear, profiles.DirectoryQuery{JoinYearFrom: 2010}},
		{profiles.FieldOpenTo, profiles.DirectoryQuery{Interest: "rehire"}},
		{profiles.FieldInterests, profiles.DirectoryQuery{Text: "ニュース"}},
	}
	for _, c := range cases {
		t.Run(c.field, func(t *testing.T) {
			if page, _ := w.svc.Directory(ctx, viewer, c.query); page.Total != 1 {
				t.Fatalf("shown: %+v", page)
			}
			if _, err := w.svc.SetProfileFieldPolicy(ctx, map[string]profiles.Visibility{c.field: profiles.HROnly}); err != nil {
				t.Fatal(err)
			}
			card, _ := w.svc.Card(ctx, id)
			b, _ := json.Marshal(card)
			if strings.Contains(string(b), fieldWord[c.field]) {
				t.Errorf("card shows %s: %s", c.field, b)
			}
			if page, _ := w.svc.Directory(ctx, viewer, c.query); page.Total != 0 {
				t.Errorf("search matches hidden %s: %+v", c.field, page)
			}
			if p, _ := w.svc.Own(ctx, id); !slices.Contains(p.HRHidden, c.field) {
				t.Errorf("own profile does not say HR hides %s: %v", c.field, p.HRHidden)
			}
			if _, err := w.svc.SetProfileFieldPolicy(ctx, map[string]profiles.Visibility{c.field: profiles.ShowAlumni}); err != nil {
				t.Fatal(err)
			}
			if page, _ := w.svc.Directory(ctx, viewer, c.query); page.Total != 1 {
				t.Errorf("shown again: %+v", page)
			}
		})
	}
}
