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

// Option is one choice of a survey question, in Japanese and English.
type Option struct {
	Key string `json:"key"`
	JA  string `json:"ja"`
	EN  string `json:"en"`
}

// Survey is one version of the welcome survey's wording.
type Survey struct {
	Version   int      `json:"version"`
	Interests []Option `json:"interests"` // what the alumnus wants from the network
	OpenTo    []Option `json:"open_to"`   // work with the company they are open to
}

// currentSurvey is the survey members answer now. Old answers keep the
// version they answered; keys are never reused with another meaning.
var currentSurvey = Survey{
	Version: 1,
	Interests: []Option{
		{"news", "会社のニュース", "Company news"},
		{"meet_alumni", "アルムナイとの交流", "Meeting alumni"},
		{"events", "イベント・勉強会", "Events and study sessions"},
		{"career", "キャリア相談", "Career advice"},
	},
	OpenTo: []Option{
		{"contract_work", "業務委託", "Contract work"},
		{"side_job", "副業", "Side jobs"},
		{"mentoring", "社外メンター", "Mentoring"},
		{"rehire", "カムバック・再入社", "Rejoining (comeback)"},
		{"casual_talk", "カジュアル面談", "Casual talks"},
	},
}

// CurrentSurvey returns the survey members answer now.
func CurrentSurvey() Survey { return currentSurvey }

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
	At        string   `json:"answered_at,omitempty"`
}

// optionJA returns the Japanese wording of a survey option key.
func optionJA(key string) string {
	for _, o := range slices.Concat(currentSurvey.Interests, currentSurvey.OpenTo) {
		if o.Key == key {
			return o.JA
		}
	}
	return key
}

func optionKeys(o []Option) []string {
	keys := make([]string, len(o))
	for i, x := range o {
		keys[i] = x.Key
	}
	return keys
}

func (a *Answers) check() map[string]string {
	bad := map[string]string{}
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
	}{"interests": {&a.Interests, currentSurvey.Interests}, "open_to": {&a.OpenTo, currentSurvey.OpenTo}} {
		*l.list = cleanList(*l.list)
		for _, k := range *l.list {
			if !slices.Contains(optionKeys(l.opts), k) {
				bad[name] = "選択肢にない回答です / not one of the choices: " + k
			}
		}
	}
	return bad
}

// SurveyState is what the portal needs to decide whether to show the survey.
type SurveyState struct {
	Survey  Survey   `json:"survey"`
	Pending bool     `json:"pending"` // neither answered nor skipped yet
	Answers *Answers `json:"answers,omitempty"`
}

// SurveyFor returns the survey and the member's answers so far.
func (s *Service) SurveyFor(ctx context.Context, id int64) (SurveyState, error) {
	a, err := s.answers(ctx, id)
	if err != nil {
		return SurveyState{}, err
	}
	return SurveyState{Survey: currentSurvey, Pending: a == nil, Answers: a}, nil
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

// Answer stores the member's survey answers (or that they skipped it) and
// copies what maps to the alumni record and profile: industry, job type,
// interests (interests and "open to", so segments can use both) and
// "open to" for HR's view.
func (s *Service) Answer(ctx context.Context, id int64, a Answers) (SurveyState, error) {
	a.Version = currentSurvey.Version
	if !a.Skipped {
		if bad := a.check(); len(bad) > 0 {
			return SurveyState{}, ErrInvalid.WithFields(bad)
		}
	} else {
		a = Answers{Version: currentSurvey.Version, Skipped: true}
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
			if l := optionJA(k); !slices.Contains(u.Interests, l) {
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
