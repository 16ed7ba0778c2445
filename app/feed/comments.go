package feed

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/fault"
)

const maxComment = 5000

// ErrBadReaction answers a reaction outside the fixed set.
var ErrBadReaction = fault.New(fault.Invalid, "feed.bad_reaction", "リアクションの種類が正しくありません", "unknown reaction")

// comments lists a post's comments; hidden ones only to their author.
func (s *Service) comments(ctx context.Context, me, post int64) ([]Comment, error) {
	rows, err := s.st.R.QueryContext(ctx, `SELECT c.id, c.post_id, c.author_id, a.name, c.body, c.body_html, c.hidden, c.hidden_note, c.created_at, c.updated_at
		FROM feed_comments c JOIN alumni a ON a.id = c.author_id
		WHERE c.post_id = ? AND (c.hidden = 0 OR c.author_id = ?) ORDER BY c.id LIMIT 500`, post, me)
	if err != nil {
		return nil, fmt.Errorf("comments: %w", err)
	}
	defer rows.Close()
	out := []Comment{}
	for rows.Next() {
		var c Comment
		if err := rows.Scan(&c.ID, &c.PostID, &c.AuthorID, &c.AuthorName, &c.Body, &c.BodyHTML, &c.Hidden, &c.HiddenNote, &c.CreatedAt, &c.UpdatedAt); err != nil {
			return nil, err
		}
		c.Edited = c.UpdatedAt != ""
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddComment adds me's comment under a post me can read, notifies the
// post's author and the mentioned members.
func (s *Service) AddComment(ctx context.Context, me, post int64, body string, mentions []int64) (Comment, error) {
	body, err := checkComment(body)
	if err != nil {
		return Comment{}, err
	}
	p, _, err := s.Post(ctx, me, post)
	if err != nil {
		return Comment{}, err
	}
	if !s.limit.take("comment:" + strconv.FormatInt(me, 10)) {
		return Comment{}, ErrTooManyPosts
	}
	html, err := s.Preview(body)
	if err != nil {
		return Comment{}, err
	}
	res, err := s.exec(ctx, `INSERT INTO feed_comments(post_id, author_id, body, body_html, created_at) VALUES (?,?,?,?,?)`,
		post, me, body, html, stamp(s.now()))
	if err != nil {
		return Comment{}, fmt.Errorf("add comment: %w", err)
	}
	id, _ := res.LastInsertId()
	c, err := s.comment(ctx, me, post, id)
	if err != nil {
		return Comment{}, err
	}
	if p.AuthorID != 0 && p.AuthorID != me {
		s.tell(ctx, p.AuthorID, "comment", c.AuthorName+"さんがあなたの投稿にコメントしました", c.AuthorName+" commented on your post", post)
	}
	s.mention(ctx, []int64{me, p.AuthorID}, c.AuthorName, post, mentions) // the author heard of the comment already
	return c, nil
}

// React toggles me's reaction on a post me can read; it returns whether
// the reaction is now on.
func (s *Service) React(ctx context.Context, me, post int64, reaction string) (bool, error) {
	if !slices.Contains(Reactions, reaction) {
		return false, ErrBadReaction
	}
	p, _, err := s.Post(ctx, me, post)
	if err != nil {
		return false, err
	}
	res, err := s.exec(ctx, `DELETE FROM feed_reactions WHERE post_id=? AND alumnus_id=? AND reaction=?`, post, me, reaction)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return false, nil
	}
	if _, err := s.exec(ctx, `INSERT INTO feed_reactions(post_id, alumnus_id, reaction) VALUES (?,?,?)`, post, me, reaction); err != nil {
		return false, err
	}
	if p.AuthorID != 0 && p.AuthorID != me {
		s.tell(ctx, p.AuthorID, "reaction", "あなたの投稿にリアクションがありました", "someone reacted to your post", post)
	}
	return true, nil
}

// mention notifies each mentioned alumnus once, except those in skip (the writer).
func (s *Service) mention(ctx context.Context, skip []int64, name string, post int64, ids []int64) {
	seen := map[int64]bool{}
	for _, id := range skip {
		seen[id] = true
	}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		s.tell(ctx, id, "mention", name+"さんがあなたをメンションしました", name+" mentioned you", post)
	}
}

func (s *Service) tell(ctx context.Context, to int64, kind, ja, en string, post int64) {
	if s.notify == nil {
		return
	}
	// A mention of an unknown id is dropped, not an error for the writer.
	var ok int
	if s.st.R.QueryRowContext(ctx, `SELECT 1 FROM alumni WHERE id = ?`, to).Scan(&ok) != nil {
		return
	}
	_ = s.notify.Notify(ctx, to, kind, ja, en, "/portal/feed/"+strconv.FormatInt(post, 10))
}
