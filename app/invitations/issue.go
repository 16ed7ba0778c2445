package invitations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// Sender kinds.
const (
	FromHR      = "hr"      // the HR user who sends
	FromManager = "manager" // the former manager (name + email)
)

// Input is what HR chooses when inviting.
type Input struct {
	AlumnusIDs  []int64 `json:"alumnus_ids"`
	SenderKind  string  `json:"sender_kind"` // "hr" (default) or "manager"
	SenderName  string  `json:"sender_name"` // the manager's name
	SenderEmail string  `json:"sender_email"`
	Message     string  `json:"message"` // Markdown, at most MaxMessage characters
	Days        int     `json:"days"`    // 0 = DefaultDays
	// Send mails the invitation; false only issues the link (for a leaflet).
	Send bool `json:"send"`
}

// Result is what happened for one alumnus.
type Result struct {
	AlumnusID int64  `json:"alumnus_id"`
	Name      string `json:"name"`
	Issued    bool   `json:"issued"`
	Sent      bool   `json:"sent"`
	Code      string `json:"code,omitempty"` // why it was skipped
	ReasonJA  string `json:"reason_ja,omitempty"`
	ReasonEN  string `json:"reason_en,omitempty"`
	// token is the link's secret, for a leaflet made in the same request.
	token, message, expires string
}

// normalize checks in and fills the sender for the actor in ctx.
func (s *Service) normalize(ctx context.Context, in *Input) error {
	if len(in.AlumnusIDs) == 0 || len(in.AlumnusIDs) > MaxBatch {
		return ErrNoAlumni
	}
	in.Message = strings.TrimSpace(in.Message)
	if utf8.RuneCountInString(in.Message) > MaxMessage {
		return ErrMessageTooLong
	}
	if in.Days == 0 {
		in.Days = DefaultDays
	}
	if in.Days < MinDays || in.Days > MaxDays {
		return ErrBadDays
	}
	in.SenderName, in.SenderEmail = strings.TrimSpace(in.SenderName), strings.TrimSpace(in.SenderEmail)
	switch in.SenderKind {
	case FromManager:
		addr, err := mail.NormalizeAddress(in.SenderEmail)
		if err != nil || in.SenderName == "" || utf8.RuneCountInString(in.SenderName) > 100 {
			return ErrBadSender
		}
		in.SenderEmail = addr
	case "", FromHR:
		in.SenderKind = FromHR
		a := actor.From(ctx)
		in.SenderName, in.SenderEmail = a.Name, ""
		if a.Kind == actor.User {
			var name, email string
			if err := s.d.Store.R.QueryRowContext(ctx, "SELECT display_name, email FROM users WHERE id = ?", a.ID).Scan(&name, &email); err == nil {
				in.SenderName, in.SenderEmail = cmpOr(name, email), email
			}
		}
	default:
		return ErrBadSender
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Issue gives each alumnus in in.AlumnusIDs a fresh link (replacing any
// earlier one) and, with in.Send, mails it. A single alumnus who cannot be
// invited is an error; in a batch they are reported in the results.
func (s *Service) Issue(ctx context.Context, in Input) ([]Result, error) {
	if err := s.normalize(ctx, &in); err != nil {
		return nil, err
	}
	network := s.networkName(ctx)
	out := make([]Result, 0, len(in.AlumnusIDs))
	for _, id := range in.AlumnusIDs {
		r, err := s.issueOne(ctx, in, id, network)
		var f *fault.Error
		if errors.As(err, &f) && len(in.AlumnusIDs) > 1 {
			r.Code, r.ReasonJA, r.ReasonEN = f.Code, f.JA, f.EN
		} else if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *Service) issueOne(ctx context.Context, in Input, id int64, network string) (Result, error) {
	r := Result{AlumnusID: id}
	var email string
	var member int
	err := s.d.Store.R.QueryRowContext(ctx, `SELECT a.name, a.email, (SELECT count(*) FROM memberships m WHERE m.alumnus_id = a.id)
		FROM alumni a WHERE a.id = ?`, id).Scan(&r.Name, &email, &member)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fault.New(fault.NotFound, "invitations.no_alumnus", "この卒業生は見つかりません", "no such alumnus")
	}
	if err != nil {
		return r, fmt.Errorf("invite: %w", err)
	}
	if member > 0 {
		return r, ErrAlreadyMember
	}
	email = strings.TrimSpace(email)
	if in.Send && email == "" {
		return r, ErrNoEmail
	}
	token, now := auth.NewSecret(), s.now()
	var userID any
	if a := actor.From(ctx); in.SenderKind == FromHR && a.Kind == actor.User {
		userID = a.ID
	}
	if _, err := s.d.Store.W.ExecContext(ctx, `INSERT INTO invitations(alumnus_id, token_hash, sender_kind, sender_user_id,
		sender_name, sender_email, message, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?)
		ON CONFLICT(alumnus_id) DO UPDATE SET token_hash = excluded.token_hash, sender_kind = excluded.sender_kind,
		sender_user_id = excluded.sender_user_id, sender_name = excluded.sender_name, sender_email = excluded.sender_email,
		message = excluded.message, created_at = excluded.created_at, expires_at = excluded.expires_at,
		sent_at = NULL, accepted_at = NULL, revoked_at = NULL`,
		id, auth.HashSecret(token), in.SenderKind, userID, in.SenderName, in.SenderEmail, in.Message,
		stamp(now), stamp(now.Add(time.Duration(in.Days)*24*time.Hour))); err != nil {
		return r, fmt.Errorf("store invitation: %w", err)
	}
	r.Issued, r.token, r.message = true, token, in.Message
	r.expires = stamp(now.Add(time.Duration(in.Days) * 24 * time.Hour))
	subject := "alumnus:" + strconv.FormatInt(id, 10)
	if !in.Send {
		_ = s.d.Audit.Record(ctx, "invitations.issue", subject, "leaflet")
		return r, nil
	}
	body, err := inviteMailHTML(mailData{Name: r.Name, Network: network, Sender: in.SenderName, SenderEmail: in.SenderEmail,
		Message: in.Message, Link: s.Link(token), Days: in.Days})
	if err != nil {
		return r, err
	}
	fromName := in.SenderName
	if fromName == in.SenderEmail {
		fromName = "" // an HR user without a display name: the sender identity's name
	}
	if _, err := s.d.Mail.Send(ctx, mail.Outgoing{To: email, ToName: r.Name, AlumnusID: id, FromName: fromName, ReplyTo: in.SenderEmail,
		Subject: network + "へのご招待 / An invitation to " + network, HTML: body}); err != nil {
		return r, err
	}
	if _, err := s.d.Store.W.ExecContext(ctx, "UPDATE invitations SET sent_at = ? WHERE alumnus_id = ?", stamp(s.now()), id); err != nil {
		return r, fmt.Errorf("mark invitation sent: %w", err)
	}
	r.Sent = true
	_ = s.d.Audit.Record(ctx, "invitations.send", subject, "from "+in.SenderKind+": "+in.SenderName)
	return r, nil
}

// DemoToken returns the link's secret of an issued result, for the demo
// data (which accepts one invitation); the HTTP API never shows it.
func DemoToken(r Result) string { return r.token }
