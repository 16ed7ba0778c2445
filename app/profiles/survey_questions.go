package profiles

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// The kinds of an extra survey question.
const (
	SingleChoice   = "single"   // one of the options
	MultipleChoice = "multiple" // any of the options
	ShortText      = "text"     // a line of text
)

// Question is an extra question HR adds to the survey. Like options, a
// published question is never removed nor changes kind: it is retired.
// Its answers are for HR; they do not appear on profiles.
type Question struct {
	Key     string   `json:"key"`
	Kind    string   `json:"kind"`
	Label   Text     `json:"label"`
	Options []Option `json:"options,omitempty"` // single and multiple choice
	Retired bool     `json:"retired,omitempty"`
}

// Limits on extra questions.
const (
	maxQuestions  = 10
	maxShortText  = 200 // characters of a short-text answer
	maxExtraItems = 30
)

// checkQuestions adds to bad the reasons the draft's extra questions
// cannot follow cur's.
func (d *Survey) checkQuestions(cur *Survey, bad map[string]string) {
	if len(d.Questions) > maxQuestions {
		bad["questions"] = fmt.Sprintf("追加の質問は%d個までです / at most %d extra questions", maxQuestions, maxQuestions)
	}
	seen := map[string]bool{}
	for i := range d.Questions {
		q := &d.Questions[i]
		at := fmt.Sprintf("questions.%d", i)
		q.Label.JA, q.Label.EN = textnorm.Clean(q.Label.JA), textnorm.Clean(q.Label.EN)
		switch {
		case !optionKey.MatchString(q.Key):
			bad[at+".key"] = "キーは英小文字で始まる英小文字・数字・_（40文字まで）です / a key is lower-case letters, digits and _ (up to 40), starting with a letter"
		case seen[q.Key]:
			bad[at+".key"] = "キーが重複しています / duplicate key: " + q.Key
		}
		seen[q.Key] = true
		if q.Label.JA == "" || q.Label.EN == "" {
			bad[at+".label"] = "日本語と英語の質問文を入力してください / enter the question in Japanese and English"
		} else if utf8.RuneCountInString(q.Label.JA) > maxSurveyText || utf8.RuneCountInString(q.Label.EN) > maxSurveyText {
			bad[at+".label"] = fmt.Sprintf("%d文字以内で入力してください / at most %d characters", maxSurveyText, maxSurveyText)
		}
		var was *Question
		if j := slices.IndexFunc(cur.Questions, func(x Question) bool { return x.Key == q.Key }); j >= 0 {
			was = &cur.Questions[j]
		}
		switch q.Kind {
		case SingleChoice, MultipleChoice:
			var old []Option
			if was != nil {
				old = was.Options
			}
			checkOptions(at+".options", q.Options, old, nil, map[string]bool{}, bad)
		case ShortText:
			q.Options = nil
		default:
			bad[at+".kind"] = "種類は single・multiple・text のいずれかです / kind is single, multiple or text"
		}
		if was != nil && was.Kind != q.Kind {
			bad[at+".kind"] = "公開済みの質問の種類は変えられません / a published question keeps its kind"
		}
	}
	for _, w := range cur.Questions {
		if !slices.ContainsFunc(d.Questions, func(x Question) bool { return x.Key == w.Key }) {
			bad["questions"] = "質問は削除できません。「廃止」にしてください / a question cannot be removed (old answers use it): retire it: " + w.Key
		}
	}
}

// checkExtra cleans a's answers to the extra questions against sv.
func (a *Answers) checkExtra(sv *Survey, bad map[string]string) {
	if len(a.Extra) == 0 {
		a.Extra = nil
		return
	}
	clean := map[string][]string{}
	for key, vals := range a.Extra {
		j := slices.IndexFunc(sv.Questions, func(q Question) bool { return q.Key == key && !q.Retired })
		if j < 0 {
			bad["extra."+key] = "この質問はありません / no such question: " + key
			continue
		}
		q := sv.Questions[j]
		vals = cleanList(vals)
		if len(vals) > maxExtraItems {
			bad["extra."+key] = "回答が多すぎます / too many answers"
		}
		switch q.Kind {
		case ShortText:
			if len(vals) > 1 || (len(vals) == 1 && utf8.RuneCountInString(vals[0]) > maxShortText) {
				bad["extra."+key] = fmt.Sprintf("%d文字以内で入力してください / at most %d characters", maxShortText, maxShortText)
			}
		default:
			if q.Kind == SingleChoice && len(vals) > 1 {
				bad["extra."+key] = "選択肢は1つです / choose one"
			}
			for _, v := range vals {
				if !slices.Contains(activeKeys(q.Options), v) {
					bad["extra."+key] = "選択肢にない回答です / not one of the choices: " + v
				}
			}
		}
		if len(vals) > 0 {
			clean[key] = vals
		}
	}
	a.Extra = clean
}
