package profiles

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// Text is a wording in Japanese and English; empty means the portal's
// built-in wording.
type Text struct {
	JA string `json:"ja"`
	EN string `json:"en"`
}

// Option is one choice of a survey question, in Japanese and English. A
// retired option is no longer offered but still names old answers.
type Option struct {
	Key     string `json:"key"`
	JA      string `json:"ja"`
	EN      string `json:"en"`
	Retired bool   `json:"retired,omitempty"`
}

// Ask says which of the fixed questions a survey version asks.
type Ask struct {
	JoinYear bool `json:"join_year"`
	Industry bool `json:"industry"`
	JobType  bool `json:"job_type"`
	Comment  bool `json:"comment"`
}

// Survey is one version of the welcome survey's wording, as HR published it.
type Survey struct {
	Version        int        `json:"version"`
	Intro          Text       `json:"intro"`               // help text under the title
	Ask            Ask        `json:"ask"`                 // which fixed questions are asked
	InterestsLabel Text       `json:"interests_label"`     // the interests question
	OpenToLabel    Text       `json:"open_to_label"`       // the "open to" question
	Interests      []Option   `json:"interests"`           // what the alumnus wants from the network
	OpenTo         []Option   `json:"open_to"`             // work with the company they are open to
	Questions      []Question `json:"questions,omitempty"` // HR's extra questions, for HR only
	PublishedAt    string     `json:"published_at,omitempty"`
}

// firstSurvey is version 1, the survey Kizuna shipped with (migration 00015
// stores the same); keys are never reused with another meaning.
var firstSurvey = Survey{
	Version: 1,
	Ask:     Ask{JoinYear: true, Industry: true, JobType: true, Comment: true},
	Interests: []Option{
		{Key: "news", JA: "会社のニュース", EN: "Company news"},
		{Key: "meet_alumni", JA: "アルムナイとの交流", EN: "Meeting alumni"},
		{Key: "events", JA: "イベント・勉強会", EN: "Events and study sessions"},
		{Key: "career", JA: "キャリア相談", EN: "Career advice"},
	},
	OpenTo: []Option{
		{Key: "contract_work", JA: "業務委託", EN: "Contract work"},
		{Key: "side_job", JA: "副業", EN: "Side jobs"},
		{Key: "mentoring", JA: "社外メンター", EN: "Mentoring"},
		{Key: "rehire", JA: "カムバック・再入社", EN: "Rejoining (comeback)"},
		{Key: "casual_talk", JA: "カジュアル面談", EN: "Casual talks"},
	},
}

// CurrentSurvey returns version 1, the survey Kizuna ships with. The survey
// members answer now is (*Service).Survey: HR may have published others.
func CurrentSurvey() Survey { return firstSurvey }

// Answers are a member's welcome-survey answers.
type Answers struct {
	Version   int      `json:"version"`
	Skipped   bool     `json:"skipped"`
	JoinYear  int      `json:"join_year"`
	Industry  string   `json:"industry"`
	JobType   string   `json:"job_type"`
	Interests []string `json:"interests"`
	OpenTo    []string `json:"open_to"`
	Comment   string   `json:"comment"`
	// Extra answers HR's extra questions: question key -> option keys, or
	// the one line of a short-text question.
	Extra map[string][]string `json:"extra,omitempty"`
	At    string              `json:"answered_at,omitempty"`
}

// optionJA returns the Japanese wording of a survey option key (retired
// options included), the key itself when sv has none.
func (sv *Survey) optionJA(key string) string {
	for _, o := range slices.Concat(sv.Interests, sv.OpenTo) {
		if o.Key == key {
			return o.JA
		}
	}
	return key
}

// activeKeys are the keys of the options still offered.
func activeKeys(o []Option) []string {
	keys := make([]string, 0, len(o))
	for _, x := range o {
		if !x.Retired {
			keys = append(keys, x.Key)
		}
	}
	return keys
}

// check cleans a against survey sv and returns the reasons per field it is
// wrong. Questions sv does not ask are dropped.
func (a *Answers) check(sv *Survey) map[string]string {
	bad := map[string]string{}
	if a.Version != 0 && a.Version != sv.Version {
		bad["version"] = fmt.Sprintf("アンケートが更新されました。再読み込みしてください（現在は第%d版） / the survey has changed (now version %d); please reload", sv.Version, sv.Version)
	}
	if !sv.Ask.JoinYear {
		a.JoinYear = 0
	}
	if !sv.Ask.Industry {
		a.Industry = ""
	}
	if !sv.Ask.JobType {
		a.JobType = ""
	}
	if !sv.Ask.Comment {
		a.Comment = ""
	}
	if a.JoinYear != 0 && (a.JoinYear < 1950 || a.JoinYear > 2100) {
		bad["join_year"] = "入社年は西暦で入力してください / the join year is a year such as 2015"
	}
	a.Industry, a.JobType, a.Comment = textnorm.Clean(a.Industry), textnorm.Clean(a.JobType), textnorm.Clean(a.Comment)
	if utf8.RuneCountInString(a.Industry) > maxText || utf8.RuneCountInString(a.JobType) > maxText {
		bad["industry"] = "100文字以内で入力してください / at most 100 characters"
	}
	if utf8.RuneCountInString(a.Comment) > maxBio {
		bad["comment"] = "1000文字以内で入力してください / at most 1000 characters"
	}
	for name, l := range map[string]struct {
		list *[]string
		opts []Option
	}{"interests": {&a.Interests, sv.Interests}, "open_to": {&a.OpenTo, sv.OpenTo}} {
		*l.list = cleanList(*l.list)
		for _, k := range *l.list {
			if !slices.Contains(activeKeys(l.opts), k) {
				bad[name] = "選択肢にない回答です / not one of the choices: " + k
			}
		}
	}
	a.checkExtra(sv, bad)
	return bad
}

// SurveyState is what the portal needs to decide whether to show the survey.
type SurveyState struct {
	Survey  Survey   `json:"survey"`
	Pending bool     `json:"pending"` // neither answered nor skipped yet (any version)
	Answers *Answers `json:"answers,omitempty"`
}

// SurveyFor returns the survey and the member's answers so far. A member
// who answered an earlier version is not pending: they are not asked again.
func (s *Service) SurveyFor(ctx context.Context, id int64) (SurveyState, error) {
	sv, err := s.Survey(ctx)
	if err != nil {
		return SurveyState{}, err
	}
	a, err := s.answers(ctx, id)
	if err != nil {
		return SurveyState{}, err
	}
	return SurveyState{Survey: sv, Pending: a == nil, Answers: a}, nil
}

func (s *Service) answers(ctx context.Context, id int64) (*Answers, error) {
	var raw, at string
	var version int
	var skipped bool
	err := s.repo.st.R.QueryRowContext(ctx, "SELECT version, skipped, answers, answered_at FROM survey_answers WHERE alumnus_id = ?", id).
		Scan(&version, &skipped, &raw, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("survey answers %d: %w", id, err)
	}
	a := &Answers{}
	json.Unmarshal([]byte(raw), a)
	a.Version, a.Skipped, a.At = version, skipped, at
	return a, nil
}

// Answer stores the member's answers to the current survey (or that they
// skipped it) and copies what maps to the alumni record and profile:
// industry, job type, interests (interests and "open to", so segments can
// use both) and "open to" for HR's view. An answer naming another version
// or an option the current version does not offer is refused.
func (s *Service) Answer(ctx context.Context, id int64, a Answers) (SurveyState, error) {
	sv, err := s.Survey(ctx)
	if err != nil {
		return SurveyState{}, err
	}
	if !a.Skipped {
		if bad := a.check(&sv); len(bad) > 0 {
			return SurveyState{}, ErrInvalid.WithFields(bad)
		}
		a.Version = sv.Version
	} else {
		a = Answers{Version: sv.Version, Skipped: true}
	}
	p, err := s.Own(ctx, id)
	if err != nil {
		return SurveyState{}, err
	}
	raw, _ := json.Marshal(a)
	_, err = s.repo.st.W.ExecContext(ctx, `INSERT INTO survey_answers(alumnus_id, version, skipped, answers) VALUES (?,?,?,?)
		ON CONFLICT(alumnus_id) DO UPDATE SET version = excluded.version, skipped = excluded.skipped, answers = excluded.answers,
		answered_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`, id, a.Version, a.Skipped, string(raw))
	if err != nil {
		return SurveyState{}, fmt.Errorf("save survey answers %d: %w", id, err)
	}
	if !a.Skipped {
		u := Update{Company: p.Company, Role: p.Role, Industry: p.Industry, JobType: p.JobType, Skills: p.Skills,
			Interests: p.Interests, OpenTo: a.OpenTo, Bio: p.Bio}
		if a.Industry != "" {
			u.Industry = a.Industry
		}
		if a.JobType != "" {
			u.JobType = a.JobType
		}
		// The alumni record keeps the Japanese wording, as HR's own values do.
		for _, k := range append(slices.Clone(a.Interests), a.OpenTo...) {
			if l := sv.optionJA(k); !slices.Contains(u.Interests, l) {
				u.Interests = append(u.Interests, l)
			}
		}
		if _, err := s.Save(ctx, id, u); err != nil {
			return SurveyState{}, err
		}
		if a.JoinYear != 0 && p.JoinYear == 0 {
			if err := s.setJoinYear(ctx, id, a.JoinYear); err != nil {
				return SurveyState{}, err
			}
		}
	}
	return s.SurveyFor(ctx, id)
}

// setJoinYear records a join year the alumnus gave when HR has no join date.
func (s *Service) setJoinYear(ctx context.Context, id int64, year int) error {
	_, err := s.repo.st.W.ExecContext(ctx, "UPDATE member_profiles SET join_year = ? WHERE alumnus_id = ?", year, id)
	if err != nil {
		return fmt.Errorf("join year %d: %w", id, err)
	}
	_, err = s.Own(ctx, id)
	return err
}
