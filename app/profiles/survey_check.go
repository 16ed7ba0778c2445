package profiles

import (
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// ErrInvalidSurvey is a survey draft HR cannot publish.
var ErrInvalidSurvey = fault.New(fault.Invalid, "profiles.survey_invalid",
	"アンケートの内容を確認してください", "please check the survey")

// Limits on a survey version.
const (
	maxOptions     = 30  // per question
	maxOptionLabel = 50  // characters
	maxSurveyText  = 500 // intro and question wording
)

var optionKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// checkDraft cleans a draft and returns the reasons per field it cannot
// follow cur.
func (d *Survey) checkDraft(cur *Survey) map[string]string {
	bad := map[string]string{}
	for name, t := range map[string]*Text{"intro": &d.Intro, "interests_label": &d.InterestsLabel, "open_to_label": &d.OpenToLabel} {
		t.JA, t.EN = textnorm.Clean(t.JA), textnorm.Clean(t.EN)
		if utf8.RuneCountInString(t.JA) > maxSurveyText || utf8.RuneCountInString(t.EN) > maxSurveyText {
			bad[name] = fmt.Sprintf("%d文字以内で入力してください / at most %d characters", maxSurveyText, maxSurveyText)
		}
	}
	seen := map[string]bool{}
	checkOptions("interests", d.Interests, cur.Interests, cur.OpenTo, seen, bad)
	checkOptions("open_to", d.OpenTo, cur.OpenTo, cur.Interests, seen, bad)
	d.checkQuestions(cur, bad)
	return bad
}

// checkOptions cleans the options of one question and adds to bad why they
// cannot follow was (the published options): a key is new or was's, never
// one of other's, and was's options are all kept. seen holds the keys met
// so far in the same key space.
func checkOptions(name string, opts, was, other []Option, seen map[string]bool, bad map[string]string) {
	if len(opts) > maxOptions {
		bad[name] = fmt.Sprintf("選択肢は%d個までです / at most %d choices", maxOptions, maxOptions)
	}
	for i := range opts {
		o := &opts[i]
		at := fmt.Sprintf("%s.%d", name, i)
		o.JA, o.EN = textnorm.Clean(o.JA), textnorm.Clean(o.EN)
		switch {
		case !optionKey.MatchString(o.Key):
			bad[at+".key"] = "キーは英小文字で始まる英小文字・数字・_（40文字まで）です / a key is lower-case letters, digits and _ (up to 40), starting with a letter"
		case seen[o.Key]:
			bad[at+".key"] = "キーが重複しています / duplicate key: " + o.Key
		case slices.ContainsFunc(other, func(x Option) bool { return x.Key == o.Key }):
			bad[at+".key"] = "このキーは別の質問で使われています / this key belongs to the other question: " + o.Key
		}
		seen[o.Key] = true
		if o.JA == "" || o.EN == "" {
			bad[at+".label"] = "日本語と英語の表示名を入力してください / enter the Japanese and English labels"
		} else if utf8.RuneCountInString(o.JA) > maxOptionLabel || utf8.RuneCountInString(o.EN) > maxOptionLabel {
			bad[at+".label"] = fmt.Sprintf("表示名は%d文字以内です / a label is at most %d characters", maxOptionLabel, maxOptionLabel)
		}
	}
	for _, w := range was {
		if !slices.ContainsFunc(opts, func(x Option) bool { return x.Key == w.Key }) {
			bad[name] = "選択肢は削除できません。「廃止」にしてください / a choice cannot be removed (old answers use it): retire it: " + w.Key
		}
	}
	if len(activeKeys(opts)) == 0 {
		bad[name] = "少なくとも1つの選択肢を残してください / keep at least one choice that is not retired"
	}
}
