package feed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// ErrNotYourComment answers an edit or delete of another member's comment.
var ErrNotYourComment = fault.New(fault.Forbidden, "feed.comment_not_yours", "自分のコメントだけを編集・削除できます", "you can only edit or delete your own comments")

// checkComment trims a comment body and checks its length.
func checkComment(body string) (string, error) {
	body = strings.TrimSpace(body)
	if body == "" || utf8.RuneCountInString(body) > maxComment {
		return "", ErrInvalid.WithFields(map[string]string{"body": fmt.Sprintf("コメントは1〜%d文字です / a comment is 1 to %d characters", maxComment, maxComment)})
	}
	return body, nil
}

// ownComment checks that comment id is under a post me can read and was
// written by me; it returns the post's id. A comment me cannot see answers
// "not found", so ids cannot be probed.
func (s *Service) ownComment(ctx context.Context, me, id int64) (int64, error) {
	var post, author int64
	err := s.st.R.QueryRowContext(ctx, `SELECT post_id, author_id FROM feed_comments WHERE id = ?`, id).Scan(&post, &author)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	if _, _, err := s.Post(ctx, me, post); err != nil {
		return 0, err
	}
	if author != me {
		return 0, ErrNotYourComment
	}
	return post, nil
}

// UpdateComment replaces me's own comment and notifies newly mentioned members.
func (s *Service) UpdateComment(ctx context.Context, me, id int64, body string, mentions []int64) (Comment, error) {
	body, err := checkComment(body)
	if err != nil {
		return Comment{}, err
	}
	post, err := s.ownComment(ctx, me, id)
	if err != nil {
		return Comment{}, err
	}
	html, err := s.Preview(body)
	if err != nil {
		return Comment{}, err
	}
	if _, err := s.exec(ctx, `UPDATE feed_comments SET body=?, body_html=?, updated_at=? WHERE id=? AND author_id=?`,
		body, html, stamp(s.now()), id, me); err != nil {
		return Comment{}, fmt.Errorf("update comment: %w", err)
	}
	c, err := s.comment(ctx, me, post, id)
	if err != nil {
		return Comment{}, err
	}
	s.mention(ctx, []int64{me}, c.AuthorName, post, mentions)
	return c, nil
}

// DeleteComment deletes me's own comment.
func (s *Service) DeleteComment(ctx context.Context, me, id int64) error {
	if _, err := s.ownComment(ctx, me, id); err != nil {
		return err
	}
	_, err := s.exec(ctx, `DELETE FROM feed_comments WHERE id=? AND author_id=?`, id, me)
	return err
}

// comment reads one comment of post as me sees it.
func (s *Service) comment(ctx context.Context, me, post, id int64) (Comment, error) {
	cs, err := s.comments(ctx, me, post)
	if err != nil {
		return Comment{}, err
	}
	for _, c := range cs {
		if c.ID == id {
			return c, nil
		}
	}
	return Comment{}, ErrNotFound
}
