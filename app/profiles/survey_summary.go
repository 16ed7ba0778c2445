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
}

// SummarizeSurvey counts how many members chose each option.
func (s *Service) SummarizeSurvey(ctx context.Context) (SurveySummary, error) {
	sum := SurveySummary{Interests: map[string]int{}, OpenTo: map[string]int{}}
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
	return sum, nil
}
