package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"
)

// editForm is what the builder posts: the survey's fields and its sections as JSON.
func editForm(sections string) url.Values {
	return url.Values{"title_ja": {"年次調査"}, "opens_at": {time.Now().AddDate(0, 0, -1).Format("2006-01-02")},
		"closes_at": {time.Now().AddDate(0, 0, 20).Format("2006-01-02")}, "segment_id": {"7"}, "sections": {sections}}
}

func TestTemplatesAreValidStartingPoints(t *testing.T) {
	for _, tp := range Templates {
		sv := tp.Build(time.Now())
		if err := sv.CheckDefinition(); err != nil {
			t.Errorf("template %s: %v", tp.Key, err)
		}
	}
}

func TestBuilderRefusesBadDefinitionsAndStoresNothing(t *testing.T) {
	h, p, _ := fixture(t, 1, false)
	// A fresh survey from the pulse template (no answers yet).
	res := httptestPost(h, "/surveys", url.Values{"template": {"pulse"}}, hr)
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "surveys/") {
		t.Fatalf("create: %d %q", res.StatusCode, loc)
	}
	var id int64
	fmt.Sscanf(loc, "surveys/%d/edit", &id)
	before, _ := p.store.Get(context.Background(), id)
	q := func(body string) string { return `[{"ja":"s","en":"","questions":[` + body + `]}]` }
	single := `{"id":"a","type":"single","ja":"働き方","options":[{"id":"x","ja":"会社員"},{"id":"y","ja":"起業"}]}`
	for _, tc := range []struct {
		name, sections, want string
	}{
		{"a question without a label", q(`{"id":"a","type":"nps","ja":" "}`), "質問文（日本語）を入力してください"},
		{"an option-less choice question", q(`{"id":"a","type":"multiple","ja":"関心"}`), "選択肢を一つ以上用意してください"},
		{"a branch on a later question", q(`{"id":"b","type":"text","ja":"詳細","show_if":{"question":"a","option":"x"}},` + single), "分岐の条件は前の質問の選択肢"},
		{"a branch on an unknown question", q(single + `,{"id":"b","type":"text","ja":"詳細","show_if":{"question":"zz","option":"x"}}`), "分岐の条件は前の質問の選択肢"},
		{"a branch on an unknown option", q(single + `,{"id":"b","type":"text","ja":"詳細","show_if":{"question":"a","option":"nope"}}`), "分岐の条件は前の質問の選択肢"},
		{"duplicate option ids", q(`{"id":"a","type":"single","ja":"働き方","options":[{"id":"x","ja":"会社員"},{"id":"x","ja":"起業"}]}`), "選択肢のIDが重複しています"},
		{"an option without a label", q(`{"id":"a","type":"single","ja":"働き方","options":[{"id":"x","ja":""}]}`), "選択肢の文言（日本語）"},
		{"the reserved other id", q(`{"id":"a","type":"single","ja":"働き方","options":[{"id":"other","ja":"その他"}]}`), "予約されています"},
		{"duplicate question ids", q(single + `,` + single), "質問IDが空か重複しています"},
		{"an unknown type", q(`{"id":"a","type":"slider","ja":"x"}`), "質問の種類が正しくありません"},
		{"no question", `[{"ja":"s","questions":[]}]`, "質問を一つ以上追加してください"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := post(h, fmt.Sprintf("/surveys/%d/edit", id), editForm(tc.sections), hr)
			if res.StatusCode != 400 || !strings.Contains(body, tc.want) {
				t.Errorf("status %d, want 400 with %q in\n%s", res.StatusCode, tc.want, body)
			}
			got, _ := p.store.Get(context.Background(), id)
			if got.TitleJA != before.TitleJA || got.Version != before.Version {
				t.Errorf("stored half-way: %q v%d", got.TitleJA, got.Version)
			}
		})
	}
	// A good definition from the builder: sections, every kind, branching, other; saved as a new version.
	good := `[{"ja":"近況","en":"You","questions":[` + strings.Replace(single, `"options"`, `"required":true,"other":true,"options"`, 1) +
		`,{"id":"b","type":"multiple","ja":"関心","en":"Interests","options":[{"id":"ev","ja":"イベント","en":"Events"}],"show_if":{"question":"a","option":"y"}}]},` +
		`{"ja":"評価","en":"Ratings","questions":[{"id":"c","type":"scale","ja":"満足度"},{"id":"d","type":"nps","ja":"推奨度","required":true},{"id":"e","type":"text","ja":"ご意見"}]}]`
	f := editForm(good)
	f.Set("then", "preview")
	res = httptestPost(h, fmt.Sprintf("/surveys/%d/edit", id), f, hr)
	if res.StatusCode != 303 || res.Header.Get("Location") != "preview" {
		t.Fatalf("save: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	got, _ := p.store.Get(context.Background(), id)
	if got.Version != before.Version+1 || len(got.Questions()) != 5 || got.Questions()[1].ShowIf == nil {
		t.Errorf("saved: v%d %+v", got.Version, got.Sections)
	}
	// The preview is the alumnus's form, with branching, and nothing to send.
	prev := h.Do("GET", fmt.Sprintf("/surveys/%d/preview", id), nil, hr)
	b, _ := io.ReadAll(prev.Body)
	page := string(b)
	for _, want := range []string{"プレビュー", `data-show-q="a"`, `name="q.a.other"`, `src="../../static/form.js"`, "推奨度"} {
		if !strings.Contains(page, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	if strings.Contains(page, "回答を送信") {
		t.Errorf("the preview offers to submit")
	}
	// The edit page carries the builder (its script and the JSON it edits).
	edit := h.Do("GET", fmt.Sprintf("/surveys/%d/edit", id), nil, hr)
	b, _ = io.ReadAll(edit.Body)
	if !strings.Contains(string(b), `id="sv-builder" data-locked="false"`) || !strings.Contains(string(b), `src="../../static/builder.js"`) {
		t.Errorf("edit page without the builder")
	}
	for _, file := range []string{"builder.js", "form.js"} {
		if res := h.Do("GET", "/static/"+file, nil, alum(1)); res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("static %s: %d %s", file, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
	if res := h.Do("GET", "/static/../plugin.go", nil, hr); res.StatusCode == 200 {
		t.Errorf("static outside the folder served")
	}
}

func TestBuilderCannotChangeOptionsOnceAnswered(t *testing.T) {
	h, p, sv := fixture(t, 1, false)
	if res, _ := post(h, fmt.Sprintf("/s/%d", sv.ID), good(), alum(1)); res.StatusCode != 200 {
		t.Fatal(res.StatusCode)
	}
	edited := *sv
	edited.Sections = append([]Section(nil), sv.Sections...)
	qs := append([]Question(nil), edited.Sections[0].Questions...)
	qs[0].Options = append(append([]Option(nil), qs[0].Options...), Option{ID: "retired", JA: "引退", EN: "Retired"})
	edited.Sections[0].Questions = qs
	def, _ := jsonOf(edited.Sections)
	res, body := post(h, fmt.Sprintf("/surveys/%d/edit", sv.ID), editForm(def), hr)
	if res.StatusCode != 409 || !strings.Contains(body, "質問は変更できません") {
		t.Errorf("options edited after answers: %d", res.StatusCode)
	}
	got, _ := p.store.Get(context.Background(), sv.ID)
	if len(got.Sections[0].Questions[0].Options) != len(sv.Sections[0].Questions[0].Options) {
		t.Errorf("options changed although answers exist")
	}
	// The builder shows the questions read-only.
	edit := h.Do("GET", fmt.Sprintf("/surveys/%d/edit", sv.ID), nil, hr)
	b, _ := io.ReadAll(edit.Body)
	if !strings.Contains(string(b), `data-locked="true"`) {
		t.Errorf("answered survey's builder not locked")
	}
}

func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
