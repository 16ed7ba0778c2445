package profiles

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// Survey returns the survey members answer now: the latest published version.
func (s *Service) Survey(ctx context.Context) (Survey, error) {
	if sv := s.survey.Load(); sv != nil {
		return *sv, nil
	}
	var raw, at string
	var version int
	err := s.repo.st.R.QueryRowContext(ctx, "SELECT version, definition, published_at FROM survey_versions ORDER BY version DESC LIMIT 1").
		Scan(&version, &raw, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return firstSurvey, nil
	}
	if err != nil {
		return Survey{}, fmt.Errorf("survey: %w", err)
	}
	var sv Survey
	if err := json.Unmarshal([]byte(raw), &sv); err != nil {
		return Survey{}, fmt.Errorf("survey version %d: %w", version, err)
	}
	sv.Version, sv.PublishedAt = version, at
	s.survey.Store(&sv)
	return sv, nil
}

// PublishSurvey checks draft against the current version and stores it as
// the next version; members answer it from now on. Options cannot be
// removed (retire them) nor moved to the other question, and a new key
// must be new. by names who published (for the record).
func (s *Service) PublishSurvey(ctx context.Context, by string, draft Survey) (Survey, error) {
	cur, err := s.Survey(ctx)
	if err != nil {
		return Survey{}, err
	}
	if bad := draft.checkDraft(&cur); len(bad) > 0 {
		return Survey{}, ErrInvalidSurvey.WithFields(bad)
	}
	draft.Version, draft.PublishedAt = cur.Version+1, ""
	raw, _ := json.Marshal(draft)
	if _, err := s.repo.st.W.ExecContext(ctx, "INSERT INTO survey_versions(version, definition, published_by) VALUES (?,?,?)",
		draft.Version, string(raw), by); err != nil {
		return Survey{}, fmt.Errorf("publish survey: %w", err)
	}
	s.survey.Store(nil)
	return s.Survey(ctx)
}
