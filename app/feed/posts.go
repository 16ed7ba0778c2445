package feed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/mail"
)

// Limits on what a post may hold.
const (
	maxTitle = 200
	maxBody  = 20000
)

// Draft is what a writer sends to create or edit a post.
type Draft struct {
	Kind          string  `json:"kind"`
	Title         string  `json:"title"`
	Body          string  `json:"body"`
	ExecutiveName string  `json:"executive_name"`
	SegmentID     int64   `json:"segment_id"`
	SpaceID       int64   `json:"space_id"`
	Pinned        bool    `json:"pinned"`
	Draft         bool    `json:"draft"`
	PublishAt     string  `json:"publish_at"` // RFC 3339; "" = now
	Mentions      []int64 `json:"mentions"`   // alumni picked with @名前
}

// check validates d for a company post (company) or an alumni post, and
// returns the publish time and the rendered body.
func (s *Service) check(d *Draft, company bool) (string, string, error) {
	fields := map[string]string{}
	d.Title, d.Body = strings.TrimSpace(d.Title), strings.TrimSpace(d.Body)
	if company {
		if !slices.Contains(CompanyKinds, d.Kind) {
			fields["kind"] = "種類は news, press, executive, comeback, policy のいずれかです / kind is news, press, executive, comeback or policy"
		}
		if d.Title == "" {
			fields["title"] = "タイトルを入力してください / enter a title"
		}
		if d.Kind == KindExecutive && strings.TrimSpace(d.ExecutiveName) == "" {
			fields["executive_name"] = "経営者の名前を入力してください / enter the executive's name"
		}
	} else {
		d.Kind, d.SegmentID, d.Pinned, d.Draft, d.PublishAt, d.ExecutiveName = KindAlumni, 0, false, false, "", ""
	}
	if utf8.RuneCountInString(d.Title) > maxTitle {
		fields["title"] = fmt.Sprintf("タイトルは%d文字までです / the title is at most %d characters", maxTitle, maxTitle)
	}
	if d.Body == "" {
		fields["body"] = "本文を入力してください / enter the text"
	} else if utf8.RuneCountInString(d.Body) > maxBody {
		fields["body"] = fmt.Sprintf("本文は%d文字までです / the text is at most %d characters", maxBody, maxBody)
	}
	at := stamp(s.now())
	if d.PublishAt != "" {
		t, err := time.Parse(time.RFC3339, d.PublishAt)
		if err != nil {
			fields["publish_at"] = "公開日時は RFC 3339 形式です（例 2026-04-01T09:00:00+09:00） / publish_at is RFC 3339 (e.g. 2026-04-01T09:00:00+09:00)"
		} else {
			at = stamp(t)
		}
	}
	if len(fields) > 0 {
		return "", "", ErrInvalid.WithFields(fields)
	}
	html, err := mail.MarkdownHTML(d.Body)
	if err != nil {
		return "", "", fmt.Errorf("render post: %w", err)
	}
	return at, html, nil
}

const postColumns = `p.id, p.kind, coalesce(p.author_id, 0), coalesce(a.name, ''), p.author_hr, p.executive_name, p.title,
	p.body, p.body_html, coalesce(p.segment_id, 0), coalesce(p.space_id, 0), p.pinned, p.draft, p.publish_at,
	p.hidden, p.hidden_note, p.created_at, p.updated_at`

const postFrom = ` FROM feed_posts p LEFT JOIN alumni a ON a.id = p.author_id`

func scanPost(sc interface{ Scan(...any) error }) (Post, error) {
	var p Post
	var hr string
	err := sc.Scan(&p.ID, &p.Kind, &p.AuthorID, &p.AuthorName, &hr, &p.ExecutiveName, &p.Title, &p.Body, &p.BodyHTML,
		&p.SegmentID, &p.SpaceID, &p.Pinned, &p.Draft, &p.PublishAt, &p.Hidden, &p.HiddenNote, &p.CreatedAt, &p.UpdatedAt)
	if p.Kind != KindAlumni {
		p.AuthorName = ""
		if p.Kind == KindExecutive {
			p.AuthorName = p.ExecutiveName
		}
	}
	p.Reactions, p.MyReactions = map[string]int{}, []string{}
	p.Edited = p.UpdatedAt != p.CreatedAt
	return p, err
}

// get reads one post, whatever its state.
func (s *Service) get(ctx context.Context, id int64) (Post, error) {
	p, err := scanPost(s.st.R.QueryRowContext(ctx, `SELECT `+postColumns+postFrom+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Post{}, ErrNotFound
	}
	return p, err
}

// CreateCompanyPost stores an HR post (hr is the HR actor's name).
func (s *Service) CreateCompanyPost(ctx context.Context, hr string, d Draft) (Post, error) {
	at, html, err := s.check(&d, true)
	if err != nil {
		return Post{}, err
	}
	now := stamp(s.now())
	res, err := s.exec(ctx, `INSERT INTO feed_posts(kind, author_hr, executive_name, title, body, body_html,
		segment_id, pinned, draft, publish_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		d.Kind, hr, strings.TrimSpace(d.ExecutiveName), d.Title, d.Body, html, nullID(d.SegmentID), d.Pinned, d.Draft, at, now, now)
	if err != nil {
		return Post{}, fmt.Errorf("create post: %w", err)
	}
	id, _ := res.LastInsertId()
	if err := s.linkImages(ctx, id, 0, d.Body); err != nil {
		return Post{}, err
	}
	s.audit.Record(ctx, "feed.post.create", postSubject(id), d.Kind)
	return s.get(ctx, id)
}

// UpdateCompanyPost replaces an HR post's content and settings.
func (s *Service) UpdateCompanyPost(ctx context.Context, id int64, d Draft) (Post, error) {
	at, html, err := s.check(&d, true)
	if err != nil {
		return Post{}, err
	}
	res, err := s.exec(ctx, `UPDATE feed_posts SET kind=?, executive_name=?, title=?, body=?, body_html=?,
		segment_id=?, pinned=?, draft=?, publish_at=?, updated_at=? WHERE id=? AND kind <> 'alumni'`,
		d.Kind, strings.TrimSpace(d.ExecutiveName), d.Title, d.Body, html, nullID(d.SegmentID), d.Pinned, d.Draft, at, stamp(s.now()), id)
	if err != nil {
		return Post{}, fmt.Errorf("update post: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Post{}, ErrNotFound
	}
	if err := s.linkImages(ctx, id, 0, d.Body); err != nil {
		return Post{}, err
	}
	s.audit.Record(ctx, "feed.post.update", postSubject(id), d.Kind)
	return s.get(ctx, id)
}

// CompanyPosts lists HR posts (drafts and scheduled ones included), newest first.
func (s *Service) CompanyPosts(ctx context.Context) ([]Post, error) {
	return s.list(ctx, `SELECT `+postColumns+postFrom+` WHERE p.kind <> 'alumni' ORDER BY p.publish_at DESC, p.id DESC LIMIT 500`)
}

// Preview renders a Markdown body as it will appear.
func (s *Service) Preview(body string) (string, error) { return mail.MarkdownHTML(body) }

// CreateAlumniPost stores an alumnus's post, in a space they joined when
// SpaceID is set, and notifies the mentioned members.
func (s *Service) CreateAlumniPost(ctx context.Context, author int64, d Draft) (Post, error) {
	_, html, err := s.check(&d, false)
	if err != nil {
		return Post{}, err
	}
	if d.SpaceID != 0 {
		if err := s.requireMember(ctx, d.SpaceID, author); err != nil {
			return Post{}, err
		}
	}
	if !s.limit.take("post:" + strconv.FormatInt(author, 10)) {
		return Post{}, ErrTooManyPosts
	}
	now := stamp(s.now())
	res, err := s.exec(ctx, `INSERT INTO feed_posts(kind, author_id, title, body, body_html, space_id,
		publish_at, created_at, updated_at) VALUES ('alumni',?,?,?,?,?,?,?,?)`,
		author, d.Title, d.Body, html, nullID(d.SpaceID), now, now, now)
	if err != nil {
		return Post{}, fmt.Errorf("create post: %w", err)
	}
	id, _ := res.LastInsertId()
	if err := s.linkImages(ctx, id, author, d.Body); err != nil {
		return Post{}, err
	}
	p, err := s.get(ctx, id)
	if err != nil {
		return Post{}, err
	}
	s.mention(ctx, []int64{author}, p.AuthorName, id, d.Mentions)
	return p, nil
}

// UpdateAlumniPost edits the author's own post.
func (s *Service) UpdateAlumniPost(ctx context.Context, author, id int64, d Draft) (Post, error) {
	if err := s.own(ctx, author, id); err != nil {
		return Post{}, err
	}
	_, html, err := s.check(&d, false)
	if err != nil {
		return Post{}, err
	}
	if _, err := s.exec(ctx, `UPDATE feed_posts SET title=?, body=?, body_html=?, updated_at=? WHERE id=? AND author_id=?`,
		d.Title, d.Body, html, stamp(s.now()), id, author); err != nil {
		return Post{}, fmt.Errorf("update post: %w", err)
	}
	if err := s.linkImages(ctx, id, author, d.Body); err != nil {
		return Post{}, err
	}
	p, err := s.get(ctx, id)
	if err != nil {
		return Post{}, err
	}
	s.mention(ctx, []int64{author}, p.AuthorName, id, d.Mentions) // the editor sends only newly picked members
	return p, nil
}

// DeleteAlumniPost deletes the author's own post.
func (s *Service) DeleteAlumniPost(ctx context.Context, author, id int64) error {
	if err := s.own(ctx, author, id); err != nil {
		return err
	}
	_, err := s.exec(ctx, `DELETE FROM feed_posts WHERE id=? AND author_id=?`, id, author)
	return err
}

// own checks that post id exists and was written by author. A post the
// alumnus cannot see answers "not found", so ids cannot be probed.
func (s *Service) own(ctx context.Context, author, id int64) error {
	var by sql.NullInt64
	err := s.st.R.QueryRowContext(ctx, `SELECT author_id FROM feed_posts WHERE id = ?`, id).Scan(&by)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if !by.Valid || by.Int64 != author {
		return ErrNotYours
	}
	return nil
}

func (s *Service) list(ctx context.Context, q string, args ...any) ([]Post, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list posts: %w", err)
	}
	defer rows.Close()
	out := []Post{}
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func postSubject(id int64) string { return "post:" + strconv.FormatInt(id, 10) }
