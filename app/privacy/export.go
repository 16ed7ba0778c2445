package privacy

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// exported are the tables holding an alumnus's data and the column naming
// them. Login codes and session hashes are secrets, not data about the
// person, and are left out (tables of their own, or the columns named in
// secret); pictures (BLOBs) come base64-encoded.
var exported = []struct{ table, column string }{
	{"alumni", "id"},
	{"memberships", "alumnus_id"},
	{"member_profiles", "alumnus_id"},
	{"survey_answers", "alumnus_id"},
	{"feed_posts", "author_id"},
	{"feed_comments", "author_id"},
	{"feed_reactions", "alumnus_id"},
	{"feed_space_members", "alumnus_id"},
	{"feed_reports", "reporter_id"},
	{"meetup_rsvps", "alumnus_id"},
	{"notifications", "alumnus_id"},
	{"notify_prefs", "alumnus_id"},
	{"mail_consent", "alumnus_id"},
	{"privacy_acceptances", "alumnus_id"},
	{"deletion_requests", "alumnus_id"},
	{"invitations", "alumnus_id"},
	{"registrations", "alumnus_id"},
	{"feed_images", "alumnus_id"},
}

// secret are columns of exported tables that hold hashes of links and codes.
var secret = map[string]bool{"token_hash": true, "code_hash": true}

// Export is everything Kizuna holds about one alumnus.
type Export struct {
	ExportedAt time.Time                   `json:"exported_at"`
	AlumnusID  int64                       `json:"alumnus_id"`
	Name       string                      `json:"name"`
	Tables     map[string][]map[string]any `json:"tables"`
}

// ExportOf gathers the alumnus's data (the caller audits the download).
func (s *Service) ExportOf(ctx context.Context, alumnusID int64) (Export, error) {
	al, err := s.Roster.Get(ctx, alumnusID)
	if err != nil {
		return Export{}, err
	}
	out := Export{ExportedAt: s.Now().UTC(), AlumnusID: alumnusID, Name: al.Name, Tables: map[string][]map[string]any{}}
	for _, t := range exported {
		rows, err := s.tableRows(ctx, t.table, t.column, alumnusID)
		if err != nil {
			return Export{}, err
		}
		out.Tables[t.table] = rows
	}
	s.Audit.Record(ctx, "privacy.export", subject(alumnusID), "")
	return out, nil
}

func (s *Service) tableRows(ctx context.Context, table, column string, id int64) ([]map[string]any, error) {
	// table and column come from the constant list above.
	rows, err := s.Store.R.QueryContext(ctx, `SELECT * FROM `+table+` WHERE `+column+` = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := map[string]any{}
		for i, c := range cols {
			if !secret[c] {
				row[c] = jsonValue(vals[i])
			}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// jsonValue keeps JSON stored as text (answers, visibility) readable.
func jsonValue(v any) any {
	if str, ok := v.(string); ok {
		if t := strings.TrimSpace(str); (strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")) && json.Valid([]byte(t)) {
			return json.RawMessage(t)
		}
	}
	return v
}
