package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure Go: the bundle is built with CGO_ENABLED=0
)

// Errors the store returns.
var (
	ErrNotFound  = errors.New("not found")
	ErrSubmitted = errors.New("already submitted")
	ErrLocked    = errors.New("questions locked: answers exist")
)

const schema = `
CREATE TABLE IF NOT EXISTS surveys (id INTEGER PRIMARY KEY, def TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS invitations (survey_id INTEGER NOT NULL, alumnus_id INTEGER NOT NULL, token TEXT NOT NULL UNIQUE,
  sent_at TEXT NOT NULL, reminded_at TEXT, PRIMARY KEY (survey_id, alumnus_id));
CREATE TABLE IF NOT EXISTS respondents (survey_id INTEGER NOT NULL, alumnus_id INTEGER NOT NULL, draft TEXT,
  submitted_at TEXT, PRIMARY KEY (survey_id, alumnus_id));
CREATE TABLE IF NOT EXISTS responses (id INTEGER PRIMARY KEY, survey_id INTEGER NOT NULL, alumnus_id INTEGER,
  version INTEGER NOT NULL, segment TEXT NOT NULL, submitted_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS responses_survey ON responses (survey_id, submitted_at);
CREATE TABLE IF NOT EXISTS items (response_id INTEGER NOT NULL, survey_id INTEGER NOT NULL, question TEXT NOT NULL,
  choice TEXT NOT NULL DEFAULT '', num INTEGER, text TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS items_agg ON items (survey_id, question, choice, num);
CREATE INDEX IF NOT EXISTS items_text ON items (survey_id, question, response_id) WHERE text != '';
-- running counts kept in the submitting transaction: key '' = answered, else option id or value
CREATE TABLE IF NOT EXISTS tallies (survey_id INTEGER NOT NULL, question TEXT NOT NULL, key TEXT NOT NULL,
  n INTEGER NOT NULL, PRIMARY KEY (survey_id, question, key));
`

// Store keeps surveys and answers in the plugin's own SQLite file.
type Store struct{ db *sql.DB }

// OpenStore opens (creating) surveys.db in dir.
func OpenStore(ctx context.Context, dir string) (*Store, error) {
	db, err := sql.Open("sqlite", "file:"+uriPath(filepath.Join(dir, "surveys.db"))+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("schema: %w", err)
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

const stamp = time.RFC3339Nano

// Create saves a new survey and returns its id.
func (s *Store) Create(ctx context.Context, sv *Survey) error {
	sv.Version = 1
	b, _ := json.Marshal(sv)
	r, err := s.db.ExecContext(ctx, `INSERT INTO surveys (def, created_at) VALUES (?, ?)`, string(b), time.Now().UTC().Format(stamp))
	if err != nil {
		return err
	}
	sv.ID, err = r.LastInsertId()
	return err
}

// Update replaces a survey's definition; the questions are locked once answered.
func (s *Store) Update(ctx context.Context, sv *Survey) error {
	old, err := s.Get(ctx, sv.ID)
	if err != nil {
		return err
	}
	n, err := s.Responses(ctx, sv.ID)
	if err != nil {
		return err
	}
	oq, _ := json.Marshal(old.Sections)
	nq, _ := json.Marshal(sv.Sections)
	if n > 0 && string(oq) != string(nq) {
		return ErrLocked
	}
	sv.Version = old.Version
	if string(oq) != string(nq) {
		sv.Version++
	}
	b, _ := json.Marshal(sv)
	_, err = s.db.ExecContext(ctx, `UPDATE surveys SET def = ? WHERE id = ?`, string(b), sv.ID)
	return err
}

// Get returns one survey.
func (s *Store) Get(ctx context.Context, id int64) (*Survey, error) {
	var def string
	err := s.db.QueryRowContext(ctx, `SELECT def FROM surveys WHERE id = ?`, id).Scan(&def)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var sv Survey
	if err := json.Unmarshal([]byte(def), &sv); err != nil {
		return nil, err
	}
	sv.ID = id
	return &sv, nil
}

// List returns every survey, newest first.
func (s *Store) List(ctx context.Context) ([]*Survey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM surveys ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]*Survey, 0, len(ids))
	for _, id := range ids {
		sv, err := s.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, sv)
	}
	return out, nil
}

// Responses counts the finished responses of a survey.
func (s *Store) Responses(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM responses WHERE survey_id = ?`, id).Scan(&n)
	return n, err
}

// Invite records an invitation and returns the alumnus's personal token; an
// existing invitation keeps its token (fresh is false).
func (s *Store) Invite(ctx context.Context, surveyID, alumnusID int64) (token string, fresh bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT token FROM invitations WHERE survey_id = ? AND alumnus_id = ?`, surveyID, alumnusID).Scan(&token)
	if err == nil {
		return token, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", false, err
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	token = hex.EncodeToString(b)
	_, err = s.db.ExecContext(ctx, `INSERT INTO invitations (survey_id, alumnus_id, token, sent_at) VALUES (?, ?, ?, ?)`,
		surveyID, alumnusID, token, time.Now().UTC().Format(stamp))
	return token, err == nil, err
}

// Invitation is one invited alumnus.
type Invitation struct {
	AlumnusID int64
	Token     string
}

// Unanswered lists invited alumni who have not submitted and were not yet reminded.
func (s *Store) Unanswered(ctx context.Context, surveyID int64) ([]Invitation, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.alumnus_id, i.token FROM invitations i
	  LEFT JOIN respondents r ON r.survey_id = i.survey_id AND r.alumnus_id = i.alumnus_id
	  WHERE i.survey_id = ? AND i.reminded_at IS NULL AND r.submitted_at IS NULL ORDER BY i.alumnus_id`, surveyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		var in Invitation
		if err := rows.Scan(&in.AlumnusID, &in.Token); err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// MarkReminded records that a reminder went out.
func (s *Store) MarkReminded(ctx context.Context, surveyID, alumnusID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE invitations SET reminded_at = ? WHERE survey_id = ? AND alumnus_id = ?`,
		time.Now().UTC().Format(stamp), surveyID, alumnusID)
	return err
}

// Invited counts the invitations of a survey.
func (s *Store) Invited(ctx context.Context, surveyID int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM invitations WHERE survey_id = ?`, surveyID).Scan(&n)
	return n, err
}

// TokenOwner returns the alumnus a personal token belongs to.
func (s *Store) TokenOwner(ctx context.Context, surveyID int64, token string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT alumnus_id FROM invitations WHERE survey_id = ? AND token = ?`, surveyID, token).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

// State returns an alumnus's draft and whether they submitted.
func (s *Store) State(ctx context.Context, surveyID, alumnusID int64) (draft map[string]Answer, submitted bool, err error) {
	var d, sub sql.NullString
	err = s.db.QueryRowContext(ctx, `SELECT draft, submitted_at FROM respondents WHERE survey_id = ? AND alumnus_id = ?`, surveyID, alumnusID).Scan(&d, &sub)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if d.Valid {
		_ = json.Unmarshal([]byte(d.String), &draft)
	}
	return draft, sub.Valid, nil
}

// SaveDraft keeps unfinished answers (refused after submission).
func (s *Store) SaveDraft(ctx context.Context, surveyID, alumnusID int64, a map[string]Answer) error {
	b, _ := json.Marshal(a)
	r, err := s.db.ExecContext(ctx, `INSERT INTO respondents (survey_id, alumnus_id, draft) VALUES (?, ?, ?)
	  ON CONFLICT (survey_id, alumnus_id) DO UPDATE SET draft = excluded.draft WHERE submitted_at IS NULL`, surveyID, alumnusID, string(b))
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return ErrSubmitted
	}
	return nil
}

// Submit stores a finished response in one transaction: the respondent is
// marked, the draft dropped, the answers written (without the alumnus id when
// the survey is anonymous). A second submission fails with ErrSubmitted.
func (s *Store) Submit(ctx context.Context, sv *Survey, alumnusID int64, a map[string]Answer, segment map[string]string, at time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	when := at.UTC().Format(stamp)
	r, err := tx.ExecContext(ctx, `INSERT INTO respondents (survey_id, alumnus_id, submitted_at) VALUES (?, ?, ?)
	  ON CONFLICT (survey_id, alumnus_id) DO UPDATE SET draft = NULL, submitted_at = excluded.submitted_at WHERE submitted_at IS NULL`,
		sv.ID, alumnusID, when)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return ErrSubmitted
	}
	var who any = alumnusID
	if sv.Anonymous {
		who = nil
		when = at.UTC().Truncate(24 * time.Hour).Format(stamp) // the day only: no linking by time
	}
	seg, _ := json.Marshal(segment)
	res, err := tx.ExecContext(ctx, `INSERT INTO responses (survey_id, alumnus_id, version, segment, submitted_at) VALUES (?, ?, ?, ?, ?)`,
		sv.ID, who, sv.Version, string(seg), when)
	if err != nil {
		return err
	}
	rid, _ := res.LastInsertId()
	if err := insertItems(ctx, tx, sv.ID, rid, a); err != nil {
		return err
	}
	return tx.Commit()
}

func insertItems(ctx context.Context, tx *sql.Tx, surveyID, rid int64, a map[string]Answer) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO items (response_id, survey_id, question, choice, num, text) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer st.Close()
	up, err := tx.PrepareContext(ctx, `INSERT INTO tallies (survey_id, question, key, n) VALUES (?, ?, ?, 1)
	  ON CONFLICT (survey_id, question, key) DO UPDATE SET n = n + 1`)
	if err != nil {
		return err
	}
	defer up.Close()
	for q, ans := range a {
		keys := append([]string{""}, ans.Choices...)
		if ans.Value != nil {
			keys = append(keys, strconv.Itoa(*ans.Value))
		}
		for _, k := range keys {
			if _, err := up.ExecContext(ctx, surveyID, q, k); err != nil {
				return err
			}
		}
		var num any
		if ans.Value != nil {
			num = *ans.Value
		}
		if len(ans.Choices) == 0 {
			if _, err := st.ExecContext(ctx, rid, surveyID, q, "", num, ans.Text); err != nil {
				return err
			}
		}
		for _, c := range ans.Choices {
			text := ""
			if c == OtherID {
				text = ans.Other
			}
			if _, err := st.ExecContext(ctx, rid, surveyID, q, c, num, text); err != nil {
				return err
			}
		}
	}
	return nil
}

// IsInvited reports whether the alumnus was invited to the survey.
func (s *Store) IsInvited(ctx context.Context, surveyID, alumnusID int64) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM invitations WHERE survey_id = ? AND alumnus_id = ?`, surveyID, alumnusID).Scan(&n)
	return n > 0, err
}

// Uninvite drops an invitation whose mail could not be queued.
func (s *Store) Uninvite(ctx context.Context, surveyID, alumnusID int64) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM invitations WHERE survey_id = ? AND alumnus_id = ?`, surveyID, alumnusID)
	return err
}

// OpenFor lists the open surveys the alumnus was invited to and whether each
// is answered.
func (s *Store) OpenFor(ctx context.Context, alumnusID int64, now time.Time) (open []*Survey, answered map[int64]bool, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.survey_id, r.submitted_at IS NOT NULL FROM invitations i
	  LEFT JOIN respondents r ON r.survey_id = i.survey_id AND r.alumnus_id = i.alumnus_id WHERE i.alumnus_id = ? ORDER BY i.survey_id DESC`, alumnusID)
	if err != nil {
		return nil, nil, err
	}
	answered = map[int64]bool{}
	var ids []int64
	for rows.Next() {
		var id int64
		var done bool
		if err := rows.Scan(&id, &done); err != nil {
			rows.Close()
			return nil, nil, err
		}
		ids, answered[id] = append(ids, id), done
	}
	rows.Close()
	for _, id := range ids {
		sv, err := s.Get(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		if sv.Open(now) {
			open = append(open, sv)
		}
	}
	return open, answered, nil
}

// uriPath percent-encodes what ends a path early in an SQLite file: URI
// ('%', '?', '#'), for data folders with such characters in their names.
func uriPath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}
