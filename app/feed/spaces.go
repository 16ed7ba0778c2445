package feed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Space is a group of members around a join era, a job type, a region or a topic.
type Space struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Dimension   string `json:"dimension"` // join_era, job_type, region or ""
	CreatedBy   string `json:"created_by"`
	CreatedAt   string `json:"created_at"`
	Members     int    `json:"members"`
	Joined      bool   `json:"joined"`
}

// Dimensions lists what a space may group by ("" is a free topic).
var Dimensions = []string{"", "join_era", "job_type", "region"}

// CreateSpace opens a space; by is the creator (an HR user or an alumnus),
// and an alumnus creator (joiner != 0) joins it.
func (s *Service) CreateSpace(ctx context.Context, by string, joiner int64, sp Space) (Space, error) {
	sp.Name, sp.Description = strings.TrimSpace(sp.Name), strings.TrimSpace(sp.Description)
	fields := map[string]string{}
	if sp.Name == "" || utf8.RuneCountInString(sp.Name) > 100 {
		fields["name"] = "名前は1〜100文字です / the name is 1 to 100 characters"
	}
	if utf8.RuneCountInString(sp.Description) > 1000 {
		fields["description"] = "説明は1000文字までです / the description is at most 1000 characters"
	}
	if !slices.Contains(Dimensions, sp.Dimension) {
		fields["dimension"] = "分類は join_era, job_type, region か空です / dimension is join_era, job_type, region or empty"
	}
	if len(fields) > 0 {
		return Space{}, ErrInvalid.WithFields(fields)
	}
	if joiner != 0 && !s.limit.take(fmt.Sprint("space:", joiner)) {
		return Space{}, ErrTooManyPosts
	}
	res, err := s.exec(ctx, `INSERT INTO feed_spaces(name, description, dimension, created_by, created_at) VALUES (?,?,?,?,?)`,
		sp.Name, sp.Description, sp.Dimension, by, stamp(s.now()))
	if err != nil {
		return Space{}, fmt.Errorf("create space: %w", err)
	}
	id, _ := res.LastInsertId()
	if joiner != 0 {
		if err := s.Join(ctx, joiner, id); err != nil {
			return Space{}, err
		}
	} else {
		s.audit.Record(ctx, "feed.space.create", fmt.Sprint("space:", id), sp.Name)
	}
	return s.space(ctx, joiner, id)
}

// Spaces lists every space with its member count and whether me joined.
func (s *Service) Spaces(ctx context.Context, me int64) ([]Space, error) {
	rows, err := s.st.R.QueryContext(ctx, `SELECT `+spaceColumns+` FROM feed_spaces s ORDER BY s.name`, me)
	if err != nil {
		return nil, fmt.Errorf("spaces: %w", err)
	}
	defer rows.Close()
	out := []Space{}
	for rows.Next() {
		sp, err := scanSpace(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

const spaceColumns = `s.id, s.name, s.description, s.dimension, s.created_by, s.created_at,
	(SELECT count(*) FROM feed_space_members m WHERE m.space_id = s.id),
	EXISTS (SELECT 1 FROM feed_space_members m WHERE m.space_id = s.id AND m.alumnus_id = ?)`

func scanSpace(sc interface{ Scan(...any) error }) (Space, error) {
	var sp Space
	err := sc.Scan(&sp.ID, &sp.Name, &sp.Description, &sp.Dimension, &sp.CreatedBy, &sp.CreatedAt, &sp.Members, &sp.Joined)
	return sp, err
}

func (s *Service) space(ctx context.Context, me, id int64) (Space, error) {
	sp, err := scanSpace(s.st.R.QueryRowContext(ctx, `SELECT `+spaceColumns+` FROM feed_spaces s WHERE s.id = ?`, me, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Space{}, ErrSpaceMissing
	}
	return sp, err
}

// Join adds me to a space (joining twice is fine).
func (s *Service) Join(ctx context.Context, me, space int64) error {
	if _, err := s.space(ctx, me, space); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT OR IGNORE INTO feed_space_members(space_id, alumnus_id, joined_at) VALUES (?,?,?)`, space, me, stamp(s.now()))
	return err
}

// Leave removes me from a space.
func (s *Service) Leave(ctx context.Context, me, space int64) error {
	if _, err := s.space(ctx, me, space); err != nil {
		return err
	}
	_, err := s.exec(ctx, `DELETE FROM feed_space_members WHERE space_id=? AND alumnus_id=?`, space, me)
	return err
}

func (s *Service) requireMember(ctx context.Context, space, me int64) error {
	sp, err := s.space(ctx, me, space)
	if err != nil {
		return err
	}
	if !sp.Joined {
		return ErrNotInSpace
	}
	return nil
}
