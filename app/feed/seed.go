package feed

import (
	"context"
	"fmt"
	"time"
)

// Seeded is one post for Seed: a Draft, its author (0: a company post by
// HR) and when it was published, with comments and reactions by others.
type Seeded struct {
	Draft
	Author    int64
	At        time.Time
	Comments  []SeededComment
	Reactions map[int64]string // alumnus -> reaction
}

// SeededComment is a comment of a seeded post.
type SeededComment struct {
	Author int64
	Body   string
	At     time.Time
}

// Seed stores many posts in one transaction, bypassing rate limits and
// notifications (the demo network and the benchmarks). Bodies are rendered
// like any other post's.
func (s *Service) Seed(ctx context.Context, posts []Seeded) error {
	tx, err := s.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO feed_posts(kind, author_id, author_hr, executive_name, title, body, body_html,
		segment_id, space_id, pinned, draft, publish_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	com, err := tx.PrepareContext(ctx, `INSERT INTO feed_comments(post_id, author_id, body, body_html, created_at) VALUES (?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer com.Close()
	react, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO feed_reactions(post_id, alumnus_id, reaction) VALUES (?,?,?)`)
	if err != nil {
		return err
	}
	defer react.Close()
	html := map[string]string{} // seeded bodies repeat: render each once
	render := func(src string) (string, error) {
		if h, ok := html[src]; ok {
			return h, nil
		}
		h, err := s.Preview(src)
		html[src] = h
		return h, err
	}
	for i, p := range posts {
		d := p.Draft
		author, hr := nullID(p.Author), ""
		if p.Author == 0 {
			hr = "demo"
		} else {
			d.Kind = KindAlumni
		}
		if _, _, err := s.check(&d, p.Author == 0); err != nil {
			return fmt.Errorf("seed post %d: %w", i, err)
		}
		h, err := render(d.Body)
		if err != nil {
			return err
		}
		at := stamp(p.At)
		res, err := ins.ExecContext(ctx, d.Kind, author, hr, d.ExecutiveName, d.Title, d.Body, h,
			nullID(d.SegmentID), nullID(d.SpaceID), d.Pinned, d.Draft, at, at, at)
		if err != nil {
			return fmt.Errorf("seed post %d: %w", i, err)
		}
		id, _ := res.LastInsertId()
		for _, c := range p.Comments {
			ch, err := render(c.Body)
			if err != nil {
				return err
			}
			if _, err := com.ExecContext(ctx, id, c.Author, c.Body, ch, stamp(c.At)); err != nil {
				return fmt.Errorf("seed comment: %w", err)
			}
		}
		for who, r := range p.Reactions {
			if _, err := react.ExecContext(ctx, id, who, r); err != nil {
				return fmt.Errorf("seed reaction: %w", err)
			}
		}
	}
	defer s.version.Add(1)
	return tx.Commit()
}
