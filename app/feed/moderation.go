package feed

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// Report targets.
const (
	TargetPost    = "post"
	TargetComment = "comment"
)

// Report is a member's report of a post or comment, with what it points at.
type Report struct {
	ID         int64  `json:"id"`
	TargetKind string `json:"target_kind"`
	TargetID   int64  `json:"target_id"`
	PostID     int64  `json:"post_id"`
	ReporterID int64  `json:"reporter_id"`
	Reporter   string `json:"reporter"`
	Reason     string `json:"reason"`
	CreatedAt  string `json:"created_at"`
	Author     string `json:"author"`
	Excerpt    string `json:"excerpt"`
	Hidden     bool   `json:"hidden"`
}

// ErrBadTarget answers a report or moderation of something that is neither a post nor a comment.
var ErrBadTarget = fault.New(fault.Invalid, "feed.bad_target", "対象は post か comment です", "the target is post or comment")

// ReportContent records me's report of a post or comment me can read.
func (s *Service) ReportContent(ctx context.Context, me int64, kind string, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 1000 {
		return ErrInvalid.WithFields(map[string]string{"reason": "理由を1〜1000文字で入力してください / give a reason of 1 to 1000 characters"})
	}
	post := id
	switch kind {
	case TargetPost:
	case TargetComment:
		if err := s.st.R.QueryRowContext(ctx, `SELECT post_id FROM feed_comments WHERE id = ?`, id).Scan(&post); err != nil {
			return ErrNotFound
		}
	default:
		return ErrBadTarget
	}
	if _, _, err := s.Post(ctx, me, post); err != nil {
		return err
	}
	if !s.limit.take(fmt.Sprint("report:", me)) {
		return ErrTooManyPosts
	}
	_, err := s.exec(ctx, `INSERT INTO feed_reports(target_kind, target_id, reporter_id, reason, created_at) VALUES (?,?,?,?,?)`,
		kind, id, me, reason, stamp(s.now()))
	return err
}

// Queue lists the open reports, oldest first, with the reported content.
func (s *Service) Queue(ctx context.Context) ([]Report, error) {
	rows, err := s.st.R.QueryContext(ctx, `SELECT r.id, r.target_kind, r.target_id, r.reporter_id, ra.name, r.reason, r.created_at,
		coalesce(p.id, c.post_id, 0), coalesce(pa.name, ca.name, p.author_hr, ''), coalesce(substr(p.body, 1, 300), substr(c.body, 1, 300), ''),
		coalesce(p.hidden, c.hidden, 0)
		FROM feed_reports r JOIN alumni ra ON ra.id = r.reporter_id
		LEFT JOIN feed_posts p ON r.target_kind = 'post' AND p.id = r.target_id LEFT JOIN alumni pa ON pa.id = p.author_id
		LEFT JOIN feed_comments c ON r.target_kind = 'comment' AND c.id = r.target_id LEFT JOIN alumni ca ON ca.id = c.author_id
		WHERE r.resolved = 0 ORDER BY r.id LIMIT 500`)
	if err != nil {
		return nil, fmt.Errorf("moderation queue: %w", err)
	}
	defer rows.Close()
	out := []Report{}
	for rows.Next() {
		var r Report
		if err := rows.Scan(&r.ID, &r.TargetKind, &r.TargetID, &r.ReporterID, &r.Reporter, &r.Reason, &r.CreatedAt,
			&r.PostID, &r.Author, &r.Excerpt, &r.Hidden); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Moderation actions.
const (
	ActionHide    = "hide"
	ActionRestore = "restore"
	ActionDelete  = "delete"
)

// Moderate hides (with a note the author sees), restores or deletes a post
// or comment, resolves its reports and records the action in the audit trail.
func (s *Service) Moderate(ctx context.Context, kind string, id int64, action, note string) error {
	table := map[string]string{TargetPost: "feed_posts", TargetComment: "feed_comments"}[kind]
	if table == "" {
		return ErrBadTarget
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > 1000 {
		return ErrInvalid.WithFields(map[string]string{"note": "メモは1000文字までです / the note is at most 1000 characters"})
	}
	var q string
	var args []any
	switch action {
	case ActionHide:
		if note == "" {
			note = "コミュニティの方針により非表示になりました / hidden under the community guidelines"
		}
		q, args = `UPDATE `+table+` SET hidden = 1, hidden_note = ? WHERE id = ?`, []any{note, id}
	case ActionRestore:
		q, args = `UPDATE `+table+` SET hidden = 0, hidden_note = '' WHERE id = ?`, []any{id}
	case ActionDelete:
		q, args = `DELETE FROM `+table+` WHERE id = ?`, []any{id}
	default:
		return ErrInvalid.WithFields(map[string]string{"action": "操作は hide, restore, delete のいずれかです / action is hide, restore or delete"})
	}
	tx, err := s.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("moderate: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	if _, err := tx.ExecContext(ctx, `UPDATE feed_reports SET resolved = 1 WHERE target_kind = ? AND target_id = ?`, kind, id); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.version.Add(1)
	return s.audit.Record(ctx, "feed.moderate."+action, fmt.Sprint(kind, ":", id), note)
}
