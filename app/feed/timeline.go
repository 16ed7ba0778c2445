package feed

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Page is one page of an alumnus's feed.
type Page struct {
	Pinned []Post `json:"pinned"` // first page only
	Posts  []Post `json:"posts"`
	Next   string `json:"next"` // cursor for the next page, "" at the end
}

// visible is the WHERE clause of the posts alumnus ?1 may read at time ?2:
// published, not hidden (except to the author), and company posts for
// everyone or for one of the segments in the JSON array ?3, network posts,
// or posts in a space they joined. The text never varies, so its prepared
// statements are reused.
const visible = ` p.draft = 0 AND p.publish_at <= ?2 AND (p.hidden = 0 OR p.author_id = ?1) AND (
		(p.space_id IS NULL AND (p.kind = 'alumni' OR p.segment_id IS NULL OR p.segment_id IN (SELECT value FROM json_each(?3))))
		OR p.space_id IN (SELECT space_id FROM feed_space_members WHERE alumnus_id = ?1))`

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func idsJSON(ids []int64) string {
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

// Feed returns alumnus me's feed, newest first, after cursor ("" = the top).
func (s *Service) Feed(ctx context.Context, me int64, cursor string, limit int) (Page, error) {
	return s.page(ctx, me, 0, cursor, limit)
}

// SpaceFeed returns the posts of one space.
func (s *Service) SpaceFeed(ctx context.Context, me, space int64, cursor string, limit int) (Page, error) {
	return s.page(ctx, me, space, cursor, limit)
}

func (s *Service) page(ctx context.Context, me, space int64, cursor string, limit int) (Page, error) {
	if limit <= 0 || limit > 50 {
		limit = 20
	}
	segs, err := s.mySegments(ctx, me)
	if err != nil {
		return Page{}, err
	}
	if cursor == "" && space == 0 {
		if pg, ok, err := s.firstPage(ctx, me, segs, limit); err != nil || ok {
			return pg, err
		}
	}
	where := visible + ` AND (?4 = 0 OR p.space_id = ?4)`
	args := []any{me, stamp(s.now()), idsJSON(segs), space}
	var pg Page
	pg.Pinned = []Post{}
	if cursor == "" && space == 0 {
		if pg.Pinned, err = s.list(ctx, `SELECT `+postColumns+postFrom+` WHERE`+where+` AND p.pinned = 1 ORDER BY p.publish_at DESC, p.id DESC LIMIT 5`, args...); err != nil {
			return Page{}, err
		}
	}
	q := `SELECT ` + postColumns + postFrom + ` WHERE` + where + ` AND p.pinned = 0`
	if cursor != "" {
		at, id, ok := strings.Cut(cursor, "_")
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil {
			return Page{}, ErrInvalid.WithFields(map[string]string{"before": "ページの指定が正しくありません / the page cursor is not valid"})
		}
		q += ` AND (p.publish_at, p.id) < (?5, ?6)`
		args = append(args, at, n)
	}
	q += ` ORDER BY p.publish_at DESC, p.id DESC LIMIT ` + strconv.Itoa(limit+1)
	if pg.Posts, err = s.list(ctx, q, args...); err != nil {
		return Page{}, err
	}
	if len(pg.Posts) > limit {
		pg.Posts = pg.Posts[:limit]
		last := pg.Posts[limit-1]
		pg.Next = last.PublishAt + "_" + itoa(last.ID)
	}
	all := append(append([]Post{}, pg.Pinned...), pg.Posts...)
	if err := s.decorate(ctx, me, all); err != nil {
		return Page{}, err
	}
	for i := range all {
		all[i].Body = ""
	}
	copy(pg.Pinned, all[:len(pg.Pinned)])
	copy(pg.Posts, all[len(pg.Pinned):])
	return pg, nil
}

// Post returns one post alumnus me may read, with its comments.
func (s *Service) Post(ctx context.Context, me, id int64) (Post, []Comment, error) {
	segs, err := s.mySegments(ctx, me)
	if err != nil {
		return Post{}, nil, err
	}
	posts, err := s.list(ctx, `SELECT `+postColumns+postFrom+` WHERE`+visible+` AND p.id = ?4`, me, stamp(s.now()), idsJSON(segs), id)
	if err != nil {
		return Post{}, nil, err
	}
	if len(posts) == 0 {
		return Post{}, nil, ErrNotFound
	}
	if err := s.decorate(ctx, me, posts); err != nil {
		return Post{}, nil, err
	}
	comments, err := s.comments(ctx, me, id)
	return posts[0], comments, err
}

// decorate fills comment counts and reactions of posts in two queries.
func (s *Service) decorate(ctx context.Context, me int64, posts []Post) error {
	if err := s.counts(ctx, posts); err != nil {
		return err
	}
	return s.mine(ctx, me, posts)
}

// mine fills the reactions me gave to posts.
func (s *Service) mine(ctx context.Context, me int64, posts []Post) error {
	if len(posts) == 0 {
		return nil
	}
	idx, in := byID(posts)
	rows, err := s.query(ctx, `SELECT post_id, reaction FROM feed_reactions WHERE alumnus_id = ? AND post_id IN (SELECT value FROM json_each(?))`, me, in)
	if err != nil {
		return fmt.Errorf("my reactions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r string
		if err := rows.Scan(&id, &r); err != nil {
			return err
		}
		p := &posts[idx[id]]
		p.MyReactions = append(p.MyReactions, r)
	}
	return rows.Err()
}

// byID indexes posts by id and lists their ids as a JSON array (for json_each).
func byID(posts []Post) (map[int64]int, string) {
	idx := make(map[int64]int, len(posts))
	ids := make([]int64, len(posts))
	for i, p := range posts {
		idx[p.ID] = i
		ids[i] = p.ID
	}
	return idx, idsJSON(ids)
}

// counts fills comment counts and reaction counts of posts.
func (s *Service) counts(ctx context.Context, posts []Post) error {
	if len(posts) == 0 {
		return nil
	}
	idx, in := byID(posts)
	rows, err := s.query(ctx, `SELECT post_id, count(*) FROM feed_comments WHERE hidden = 0 AND post_id IN (SELECT value FROM json_each(?)) GROUP BY post_id`, in)
	if err != nil {
		return fmt.Errorf("comment counts: %w", err)
	}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return err
		}
		posts[idx[id]].Comments = n
	}
	rows.Close()
	rows, err = s.query(ctx, `SELECT post_id, reaction, count(*) FROM feed_reactions WHERE post_id IN (SELECT value FROM json_each(?)) GROUP BY post_id, reaction`, in)
	if err != nil {
		return fmt.Errorf("reactions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r string
		var n int
		if err := rows.Scan(&id, &r, &n); err != nil {
			return err
		}
		posts[idx[id]].Reactions[r] = n
	}
	return rows.Err()
}
