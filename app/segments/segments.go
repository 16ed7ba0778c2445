package segments

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Segment is a saved, named filter.
type Segment struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Filter      Filter  `json:"filter"`
	Count       *Counts `json:"count,omitempty"`
	CreatedBy   string  `json:"created_by"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
}

// Matcher resolves a directory query to alumni ids (alumni.Directory).
type Matcher interface {
	MatchIDs(ctx context.Context, q alumni.Query) ([]int64, error)
}

// Service stores segments and resolves them.
type Service struct {
	st    *store.Store
	dir   Matcher
	reach reach
}

// New returns the segment service over st, resolving filters with dir.
func New(st *store.Store, dir Matcher) *Service { return &Service{st: st, dir: dir} }

const columns = `id, name, description, filter, created_by, created_at, updated_at`

func scan(sc interface{ Scan(...any) error }) (Segment, error) {
	var s Segment
	var f string
	if err := sc.Scan(&s.ID, &s.Name, &s.Description, &f, &s.CreatedBy, &s.CreatedAt, &s.UpdatedAt); err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(f), &s.Filter); err != nil {
		return s, fmt.Errorf("segment %d filter: %w", s.ID, err)
	}
	s.Filter = s.Filter.Normalize()
	return s, nil
}

// List returns every segment, newest first.
func (s *Service) List(ctx context.Context) ([]Segment, error) {
	rows, err := s.st.R.QueryContext(ctx, `SELECT `+columns+` FROM segments ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Segment{}
	for rows.Next() {
		seg, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, seg)
	}
	return out, rows.Err()
}

// Get returns one segment.
func (s *Service) Get(ctx context.Context, id int64) (Segment, error) {
	seg, err := scan(s.st.R.QueryRowContext(ctx, `SELECT `+columns+` FROM segments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return seg, ErrNotFound
	}
	return seg, err
}

func check(seg Segment) (Segment, error) {
	seg.Name, seg.Description = strings.TrimSpace(seg.Name), strings.TrimSpace(seg.Description)
	seg.Filter = seg.Filter.Normalize()
	if seg.Name == "" {
		return seg, ErrInvalid.WithFields(map[string]string{"name": "名前を入力してください / the name is required"})
	}
	if len([]rune(seg.Name)) > 200 {
		return seg, ErrInvalid.WithFields(map[string]string{"name": "名前は200文字以内です / at most 200 characters"})
	}
	return seg, seg.Filter.Validate()
}

func now() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }

// Create stores a new segment; createdBy names who made it.
func (s *Service) Create(ctx context.Context, seg Segment, createdBy string) (Segment, error) {
	seg, err := check(seg)
	if err != nil {
		return seg, err
	}
	f, _ := json.Marshal(seg.Filter)
	t := now()
	res, err := s.st.W.ExecContext(ctx, `INSERT INTO segments(name, description, filter, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, seg.Name, seg.Description, string(f), createdBy, t, t)
	if err != nil {
		return seg, err
	}
	id, _ := res.LastInsertId()
	return s.Get(ctx, id)
}

// Update replaces the name, description and filter of segment seg.ID.
func (s *Service) Update(ctx context.Context, seg Segment) (Segment, error) {
	seg, err := check(seg)
	if err != nil {
		return seg, err
	}
	f, _ := json.Marshal(seg.Filter)
	res, err := s.st.W.ExecContext(ctx, `UPDATE segments SET name = ?, description = ?, filter = ?, updated_at = ? WHERE id = ?`,
		seg.Name, seg.Description, string(f), now(), seg.ID)
	if err != nil {
		return seg, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return seg, ErrNotFound
	}
	return s.Get(ctx, seg.ID)
}

// Delete removes a segment unless a scheduled, running or paused campaign uses it.
func (s *Service) Delete(ctx context.Context, id int64) error {
	var used int
	if err := s.st.W.QueryRowContext(ctx, `SELECT count(*) FROM mail_campaigns
		WHERE segment_id = ? AND state IN ('scheduled','running','paused')`, id).Scan(&used); err != nil {
		return err
	}
	if used > 0 {
		return ErrInUse
	}
	res, err := s.st.W.ExecContext(ctx, `DELETE FROM segments WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Resolve returns the ids of the alumni segment id selects (before consent
// and suppression, which the mail engine applies).
func (s *Service) Resolve(ctx context.Context, id int64) ([]int64, error) {
	seg, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.dir.MatchIDs(ctx, seg.Filter.Query())
}
