package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Question types.
const (
	TypeSingle   = "single"   // one option
	TypeMultiple = "multiple" // any options
	TypeScale    = "scale"    // 1–5
	TypeNPS      = "nps"      // 0–10
	TypeText     = "text"     // free text
)

// Limits on what an alumnus may send.
const (
	MaxTextRunes  = 2000
	MaxOtherRunes = 200
	MinCell       = 5 // smallest group shown in a cross-tab of an anonymous survey
)

// Option is one choice of a single or multiple choice question.
type Option struct {
	ID string `json:"id"`
	JA string `json:"ja"`
	EN string `json:"en"`
}

// Cond shows a question only when an earlier question was answered with Option.
type Cond struct {
	Question string `json:"question"`
	Option   string `json:"option"`
}

// Question is one question of a survey.
type Question struct {
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	JA       string   `json:"ja"`
	EN       string   `json:"en"`
	Required bool     `json:"required"`
	Options  []Option `json:"options,omitempty"`
	Other    bool     `json:"other,omitempty"` // an "other" choice with text
	ShowIf   *Cond    `json:"show_if,omitempty"`
}

// Section groups questions under a heading.
type Section struct {
	JA        string     `json:"ja"`
	EN        string     `json:"en"`
	Questions []Question `json:"questions"`
}

// Survey is a questionnaire and its audience.
type Survey struct {
	ID        int64     `json:"id"`
	TitleJA   string    `json:"title_ja"`
	TitleEN   string    `json:"title_en"`
	IntroJA   string    `json:"intro_ja"`
	IntroEN   string    `json:"intro_en"`
	Anonymous bool      `json:"anonymous"`
	SegmentID int64     `json:"segment_id"`
	OpensAt   time.Time `json:"opens_at"`
	ClosesAt  time.Time `json:"closes_at"`
	Sections  []Section `json:"sections"`
	Version   int       `json:"version"`
}

// Questions lists every question in order.
func (s *Survey) Questions() []Question {
	var qs []Question
	for _, sec := range s.Sections {
		qs = append(qs, sec.Questions...)
	}
	return qs
}

// Question finds a question by id.
func (s *Survey) Question(id string) (Question, bool) {
	for _, q := range s.Questions() {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// Open reports whether answers are accepted at t.
func (s *Survey) Open(t time.Time) bool {
	return !t.Before(s.OpensAt) && t.Before(s.ClosesAt)
}

// Answer is the answer to one question.
type Answer struct {
	Choices []string `json:"choices,omitempty"`
	Value   *int     `json:"value,omitempty"`
	Text    string   `json:"text,omitempty"`
	Other   string   `json:"other,omitempty"`
}

// OtherID is the option id of the "other" choice.
const OtherID = "other"

func (a Answer) empty() bool {
	return len(a.Choices) == 0 && a.Value == nil && a.Text == ""
}

// FieldError is one bilingual reason an input was refused.
type FieldError struct {
	Field string `json:"field"`
	JA    string `json:"ja"`
	EN    string `json:"en"`
}

// InputError lists every reason a submission was refused.
type InputError struct{ Fields []FieldError }

func (e *InputError) Error() string {
	if len(e.Fields) == 0 {
		return "invalid input"
	}
	return fmt.Sprintf("%s: %s", e.Fields[0].Field, e.Fields[0].EN)
}

func (e *InputError) add(field, ja, en string) {
	e.Fields = append(e.Fields, FieldError{Field: field, JA: ja, EN: en})
}

// Visible reports whether q is shown given the answers so far.
func Visible(q Question, answers map[string]Answer) bool {
	if q.ShowIf == nil {
		return true
	}
	return slices.Contains(answers[q.ShowIf.Question].Choices, q.ShowIf.Option)
}

// Validate checks answers against the survey; final requires every visible
// required question. Answers to hidden questions are dropped.
func (s *Survey) Validate(answers map[string]Answer, final bool) (map[string]Answer, error) {
	var ie InputError
	for id := range answers {
		if _, ok := s.Question(id); !ok {
			ie.add(id, "この質問はありません。", "There is no such question.")
		}
	}
	clean := map[string]Answer{}
	for _, q := range s.Questions() {
		a, ok := answers[q.ID]
		if !Visible(q, clean) {
			continue
		}
		if !ok || a.empty() {
			if final && q.Required {
				ie.add(q.ID, "必須の質問です。回答してください。", "This question is required.")
			}
			continue
		}
		if checkAnswer(q, a, &ie) {
			clean[q.ID] = a
		}
	}
	if len(ie.Fields) > 0 {
		return nil, &ie
	}
	return clean, nil
}

func checkAnswer(q Question, a Answer, ie *InputError) bool {
	n := len(ie.Fields)
	switch q.Type {
	case TypeSingle, TypeMultiple:
		if q.Type == TypeSingle && len(a.Choices) > 1 {
			ie.add(q.ID, "選択肢は一つだけ選んでください。", "Choose only one option.")
		}
		for _, c := range a.Choices {
			if !(c == OtherID && q.Other) && !slices.ContainsFunc(q.Options, func(o Option) bool { return o.ID == c }) {
				ie.add(q.ID, "選択肢「"+c+"」はありません。", "Unknown option \""+c+"\".")
			}
		}
		if slices.Contains(a.Choices, OtherID) && a.Other == "" {
			ie.add(q.ID, "「その他」の内容を入力してください。", "Please describe \"other\".")
		}
		if utf8.RuneCountInString(a.Other) > MaxOtherRunes {
			ie.add(q.ID, fmt.Sprintf("「その他」は%d文字以内で入力してください。", MaxOtherRunes), fmt.Sprintf("\"Other\" must be at most %d characters.", MaxOtherRunes))
		}
	case TypeScale, TypeNPS:
		lo, hi := 1, 5
		if q.Type == TypeNPS {
			lo, hi = 0, 10
		}
		if a.Value == nil || *a.Value < lo || *a.Value > hi {
			ie.add(q.ID, fmt.Sprintf("%d〜%dの範囲で選んでください。", lo, hi), fmt.Sprintf("Choose a value from %d to %d.", lo, hi))
		}
	case TypeText:
		if utf8.RuneCountInString(a.Text) > MaxTextRunes {
			ie.add(q.ID, fmt.Sprintf("%d文字以内で入力してください。", MaxTextRunes), fmt.Sprintf("Write at most %d characters.", MaxTextRunes))
		}
	}
	return len(ie.Fields) == n
}

// CheckDefinition checks a survey HR wrote.
func (s *Survey) CheckDefinition() error {
	var ie InputError
	if s.TitleJA == "" {
		ie.add("title_ja", "タイトル（日本語）を入力してください。", "Enter a Japanese title.")
	}
	if !s.ClosesAt.After(s.OpensAt) {
		ie.add("closes_at", "締切は開始より後にしてください。", "The closing date must be after the opening date.")
	}
	seen := map[string]Question{}
	for _, q := range s.Questions() {
		if q.ID == "" || seen[q.ID].ID != "" {
			ie.add("questions", "質問IDが空か重複しています: "+q.ID, "A question id is empty or repeated: "+q.ID)
		}
		if !slices.Contains([]string{TypeSingle, TypeMultiple, TypeScale, TypeNPS, TypeText}, q.Type) {
			ie.add(q.ID, "質問の種類が正しくありません。", "Unknown question type.")
		}
		if strings.TrimSpace(q.JA) == "" {
			ie.add(q.ID, "質問文（日本語）を入力してください: "+q.ID, "Enter the question's Japanese wording: "+q.ID)
		}
		if (q.Type == TypeSingle || q.Type == TypeMultiple) && len(q.Options) == 0 {
			ie.add(q.ID, "選択肢を一つ以上用意してください: "+q.ID, "Add at least one option: "+q.ID)
		}
		checkOptions(q, &ie)
		if c := q.ShowIf; c != nil {
			if p, ok := seen[c.Question]; !ok || !slices.ContainsFunc(p.Options, func(o Option) bool { return o.ID == c.Option }) {
				ie.add(q.ID, "分岐の条件は前の質問の選択肢を指定してください（後ろの質問や存在しない質問は指定できません）: "+q.ID,
					"A branch must name an option of an earlier question (not a later or unknown one): "+q.ID)
			}
		}
		seen[q.ID] = q
	}
	if len(seen) == 0 {
		ie.add("questions", "質問を一つ以上追加してください。", "Add at least one question.")
	}
	if len(ie.Fields) > 0 {
		return &ie
	}
	return nil
}

// checkOptions refuses options without an id or Japanese label, ids used
// twice in one question, and the id reserved for "other".
func checkOptions(q Question, ie *InputError) {
	ids := map[string]bool{}
	for _, o := range q.Options {
		switch {
		case strings.TrimSpace(o.ID) == "":
			ie.add(q.ID, "選択肢のIDが空です: "+q.ID, "An option has no id: "+q.ID)
		case o.ID == OtherID:
			ie.add(q.ID, "選択肢のID「other」は「その他」用に予約されています: "+q.ID, "The option id \"other\" is reserved for \"other\": "+q.ID)
		case ids[o.ID]:
			ie.add(q.ID, "選択肢のIDが重複しています: "+q.ID+" / "+o.ID, "An option id is repeated: "+q.ID+" / "+o.ID)
		}
		ids[o.ID] = true
		if strings.TrimSpace(o.JA) == "" {
			ie.add(q.ID, "選択肢の文言（日本語）を入力してください: "+q.ID, "Enter each option's Japanese wording: "+q.ID)
		}
	}
}
