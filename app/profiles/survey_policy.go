package profiles

import (
	"context"
	"fmt"
	"slices"
)

// SurveyFields are the profile fields the welcome survey fills; HR decides
// for each whether it may appear on profiles at all. A field shows to other
// members only if HR allows it and the member shows it.
var SurveyFields = []string{FieldJoinYear, FieldIndustry, FieldJobType, FieldInterests, FieldOpenTo}

// ProfileFieldPolicy returns, for each of SurveyFields, whether HR lets it
// appear on profiles (ShowAlumni) or keeps it for HR (HROnly).
func (s *Service) ProfileFieldPolicy(ctx context.Context) (map[string]Visibility, error) {
	hidden, err := s.hrHidden(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]Visibility, len(SurveyFields))
	for _, f := range SurveyFields {
		m[f] = ShowAlumni
		if slices.Contains(hidden, f) {
			m[f] = HROnly
		}
	}
	return m, nil
}

// SetProfileFieldPolicy changes which survey answers may appear on
// profiles; fields not named keep their setting. Cards and the directory
// follow at once.
func (s *Service) SetProfileFieldPolicy(ctx context.Context, m map[string]Visibility) (map[string]Visibility, error) {
	bad := map[string]string{}
	for f, v := range m {
		if !slices.Contains(SurveyFields, f) {
			bad[f] = "アンケートの項目ではありません / not a survey field"
		} else if v != ShowAlumni && v != HROnly {
			bad[f] = "公開範囲は alumni か hr です / visibility is alumni or hr"
		}
	}
	if len(bad) > 0 {
		return nil, ErrInvalidSurvey.WithFields(bad)
	}
	tx, err := s.repo.st.W.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("profile fields: %w", err)
	}
	defer tx.Rollback()
	for f, v := range m {
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_profile_fields(field, visibility) VALUES (?,?)
			ON CONFLICT(field) DO UPDATE SET visibility = excluded.visibility`, f, string(v)); err != nil {
			return nil, fmt.Errorf("profile fields: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("profile fields: %w", err)
	}
	s.hidden.Store(nil)
	s.idx.reset()
	return s.ProfileFieldPolicy(ctx)
}

// hrHidden lists the fields HR keeps off profiles.
func (s *Service) hrHidden(ctx context.Context) ([]string, error) {
	if h := s.hidden.Load(); h != nil {
		return *h, nil
	}
	rows, err := s.repo.st.R.QueryContext(ctx, "SELECT field FROM survey_profile_fields WHERE visibility = 'hr' ORDER BY field")
	if err != nil {
		return nil, fmt.Errorf("profile fields: %w", err)
	}
	defer rows.Close()
	hidden := []string{}
	for rows.Next() {
		var f string
		if err := rows.Scan(&f); err != nil {
			return nil, fmt.Errorf("profile fields: %w", err)
		}
		hidden = append(hidden, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("profile fields: %w", err)
	}
	s.hidden.Store(&hidden)
	return hidden, nil
}
