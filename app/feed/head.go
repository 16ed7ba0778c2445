package feed

import (
	"context"
	"slices"
	"sync"
	"time"
)

// headSize is how many of the newest posts the head cache holds.
const headSize = 1000

// headTTL bounds how long the head may miss writes made by another process
// (the CLI); this process's own writes rebuild it at once.
const headTTL = 2 * time.Second

// head caches the newest published posts with their counts, so that the
// first page of anyone's feed (nearly every request) is filtered in memory
// instead of walking the index and counting comments and reactions again.
// Per request only the reader's spaces and reactions are read.
type head struct {
	mu      sync.Mutex
	version uint64
	built   time.Time
	until   string // the next scheduled post's time: the head is stale from then
	posts   []Post // newest first, hidden and space posts included
	full    bool   // more posts exist than posts holds
}

const nextScheduledSQL = `SELECT coalesce(min(publish_at), '') FROM feed_posts WHERE draft = 0 AND publish_at > ?`

// current returns the head, rebuilding it when stale.
func (s *Service) current(ctx context.Context) ([]Post, bool, error) {
	h := &s.head
	h.mu.Lock()
	defer h.mu.Unlock()
	now := s.now()
	v := s.version.Load()
	if h.posts != nil && h.version == v && now.Sub(h.built) < headTTL && (h.until == "" || stamp(now) < h.until) {
		return h.posts, h.full, nil
	}
	at := stamp(now)
	posts, err := s.list(ctx, `SELECT `+postColumns+postFrom+` WHERE p.draft = 0 AND p.publish_at <= ? ORDER BY p.publish_at DESC, p.id DESC LIMIT ?`, at, headSize+1)
	if err != nil {
		return nil, false, err
	}
	full := len(posts) > headSize
	posts = posts[:min(len(posts), headSize)]
	if err := s.counts(ctx, posts); err != nil {
		return nil, false, err
	}
	var until string
	if err := s.st.R.QueryRowContext(ctx, nextScheduledSQL, at).Scan(&until); err != nil {
		return nil, false, err
	}
	h.posts, h.full, h.version, h.built, h.until = posts, full, v, now, until
	return posts, full, nil
}

// firstPage serves the top of me's feed from the head; ok is false when
// the head holds too few of me's posts (the caller then asks SQLite).
func (s *Service) firstPage(ctx context.Context, me int64, segs []int64, limit int) (Page, bool, error) {
	posts, full, err := s.current(ctx)
	if err != nil {
		return Page{}, false, err
	}
	spaces, err := s.mySpaces(ctx, me)
	if err != nil {
		return Page{}, false, err
	}
	pg := Page{Pinned: []Post{}, Posts: []Post{}}
	for _, p := range posts {
		if p.Hidden && p.AuthorID != me {
			continue
		}
		if p.SpaceID != 0 {
			if !slices.Contains(spaces, p.SpaceID) {
				continue
			}
		} else if p.Kind != KindAlumni && p.SegmentID != 0 && !slices.Contains(segs, p.SegmentID) {
			continue
		}
		p.MyReactions, p.Body = []string{}, ""
		switch {
		case p.Pinned && len(pg.Pinned) < 5:
			pg.Pinned = append(pg.Pinned, p)
		case p.Pinned:
		case len(pg.Posts) < limit:
			pg.Posts = append(pg.Posts, p)
		default:
			last := pg.Posts[limit-1]
			pg.Next = last.PublishAt + "_" + itoa(last.ID)
		}
		if pg.Next != "" {
			break
		}
	}
	if pg.Next == "" && full {
		return Page{}, false, nil
	}
	all := append(append([]Post{}, pg.Pinned...), pg.Posts...)
	if err := s.mine(ctx, me, all); err != nil {
		return Page{}, false, err
	}
	copy(pg.Pinned, all[:len(pg.Pinned)])
	copy(pg.Posts, all[len(pg.Pinned):])
	return pg, true, nil
}

func (s *Service) mySpaces(ctx context.Context, me int64) ([]int64, error) {
	rows, err := s.query(ctx, `SELECT space_id FROM feed_space_members WHERE alumnus_id = ?`, me)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
