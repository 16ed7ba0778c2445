package profiles

import (
	"context"
	"fmt"
)

// SurveySummary counts the welcome-survey answers of every version.
type SurveySummary struct {
	Answered  int            `json:"answered"`
	Skipped   int            `json:"skipped"`
	Interests map[string]int `json:"interests"` // option key -> members who chose it
	OpenTo    map[string]int `json:"open_to"`
	// Extra counts the choice questions' answers: question key -> option key -> members.
	Extra map[string]map[string]int `json:"extra"`
}

// SummarizeSurvey counts how many members chose each option.
func (s *Service) SummarizeSurvey(ctx context.Context) (SurveySummary, error) {
	sum := SurveySummary{Interests: map[string]int{}, OpenTo: map[string]int{}, Extra: map[string]map[string]int{}}
	err := s.repo.st.R.QueryRowContext(ctx, "SELECT count(*) FILTER (WHERE NOT skipped), count(*) FILTER (WHERE skipped) FROM survey_answers").
		Scan(&sum.Answered, &sum.Skipped)
	if err != nil {
		return sum, fmt.Errorf("survey summary: %w", err)
	}
	for path, into := range map[string]map[string]int{"$.interests": sum.Interests, "$.open_to": sum.OpenTo} {
		rows, err := s.repo.st.R.QueryContext(ctx, `SELECT j.value, count(*) FROM survey_answers, json_each(survey_answers.answers, ?) j
			WHERE NOT skipped GROUP BY j.value`, path)
		if err != nil {
			return sum, fmt.Errorf("survey summary: %w", err)
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return sum, fmt.Errorf("survey summary: %w", err)
			}
			into[k] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return sum, fmt.Errorf("survey summary: %w", err)
		}
	}
	return sum, s.summarizeExtra(ctx, sum.Extra)
}

// summarizeExtra counts the answers of the extra choice questions.
func (s *Service) summarizeExtra(ctx context.Context, into map[string]map[string]int) error {
	sv, err := s.Survey(ctx)
	if err != nil {
		return err
	}
	choice := map[string]bool{}
	for _, q := range sv.Questions {
		choice[q.Key] = q.Kind != ShortText
	}
	rows, err := s.repo.st.R.QueryContext(ctx, `SELECT e.key, v.value, count(*) FROM survey_answers,
		json_each(survey_answers.answers, '$.extra') e, json_each(e.value) v WHERE NOT skipped GROUP BY e.key, v.value`)
	if err != nil {
		return fmt.Errorf("survey summary: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q, k string
		var n int
		if err := rows.Scan(&q, &k, &n); err != nil {
			return fmt.Errorf("survey summary: %w", err)
		}
		if !choice[q] {
			continue // short text is read one by one, not counted
		}
		if into[q] == nil {
			into[q] = map[string]int{}
		}
		into[q][k] = n
	}
	return rows.Err()
}
