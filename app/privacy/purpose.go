package privacy

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// Purpose is one published version of the purpose of use.
type Purpose struct {
	Version     int       `json:"version"`
	TextJA      string    `json:"text_ja"`
	TextEN      string    `json:"text_en"`
	PublishedAt time.Time `json:"published_at"`
	PublishedBy string    `json:"published_by,omitempty"`
}

// Promotional-mail opt-in wording, recorded in the ledger as the text agreed.
const (
	PromoTextJA = "お知らせ・イベント案内などのメール（広告・宣伝を含む）の配信を希望します"
	PromoTextEN = "I would like to receive news and event mails (including promotional ones)"
)

// Current is the newest published purpose; nil when none is.
func (s *Service) Current(ctx context.Context) (*Purpose, error) {
	list, err := s.purposes(ctx, 1)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return &list[0], nil
}

// History lists every published version, newest first (HR's view).
func (s *Service) History(ctx context.Context) ([]Purpose, error) {
	if err := auth.Authorize(ctx, auth.PortalManage); err != nil {
		return nil, err
	}
	return s.purposes(ctx, -1)
}

func (s *Service) purposes(ctx context.Context, limit int) ([]Purpose, error) {
	rows, err := s.Store.R.QueryContext(ctx, `SELECT version, text_ja, text_en, published_at, published_by
		FROM privacy_purposes ORDER BY version DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Purpose{}
	for rows.Next() {
		var p Purpose
		var at string
		if err := rows.Scan(&p.Version, &p.TextJA, &p.TextEN, &at, &p.PublishedBy); err != nil {
			return nil, err
		}
		p.PublishedAt = parseTime(at)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Publish makes ja/en the new current version: every member accepts it
// again at their next visit.
func (s *Service) Publish(ctx context.Context, ja, en string) (Purpose, error) {
	if err := auth.Authorize(ctx, auth.PortalManage); err != nil {
		return Purpose{}, err
	}
	ja, en = strings.TrimSpace(ja), strings.TrimSpace(en)
	fields := map[string]string{}
	if ja == "" {
		fields["text_ja"] = "必須項目です / required"
	}
	if en == "" {
		fields["text_en"] = "必須項目です / required"
	}
	if len(fields) > 0 {
		return Purpose{}, ErrMissingText.WithFields(fields)
	}
	if utf8.RuneCountInString(ja) > maxText || utf8.RuneCountInString(en) > maxText {
		return Purpose{}, ErrTextTooLong
	}
	p := Purpose{TextJA: ja, TextEN: en, PublishedAt: s.Now().UTC(), PublishedBy: actor.From(ctx).String()}
	err := s.Store.W.QueryRowContext(ctx, `INSERT INTO privacy_purposes(version, text_ja, text_en, published_at, published_by)
		VALUES ((SELECT coalesce(max(version), 0) + 1 FROM privacy_purposes), ?, ?, ?, ?) RETURNING version`,
		ja, en, p.PublishedAt.Format(time.RFC3339Nano), p.PublishedBy).Scan(&p.Version)
	if err != nil {
		return Purpose{}, err
	}
	s.Audit.Record(ctx, "privacy.purpose_publish", "privacy_purpose:"+strconv.Itoa(p.Version), "")
	return p, nil
}

// Acceptance is a member's acceptance of one version.
type Acceptance struct {
	Version    int       `json:"version"`
	AcceptedAt time.Time `json:"accepted_at"`
}

// Status is what the portal shows a member about their privacy.
type Status struct {
	Purpose         *Purpose         `json:"purpose"`          // current version; null when none is published
	Accepted        *Acceptance      `json:"accepted"`         // their newest acceptance; null when none
	NeedsAcceptance bool             `json:"needs_acceptance"` // the current version is not accepted yet
	Promotional     bool             `json:"promotional"`      // opted in to promotional mail
	HasAddress      bool             `json:"has_address"`
	PromoTextJA     string           `json:"promo_text_ja"`
	PromoTextEN     string           `json:"promo_text_en"`
	Deletion        *DeletionRequest `json:"deletion"` // their newest deletion request; null when none
}

// StatusOf answers the member's status.
func (s *Service) StatusOf(ctx context.Context, alumnusID int64) (Status, error) {
	st := Status{PromoTextJA: PromoTextJA, PromoTextEN: PromoTextEN}
	var err error
	if st.Purpose, err = s.Current(ctx); err != nil {
		return st, err
	}
	var a Acceptance
	var at string
	err = s.Store.R.QueryRowContext(ctx, `SELECT version, accepted_at FROM privacy_acceptances
		WHERE alumnus_id = ? ORDER BY version DESC LIMIT 1`, alumnusID).Scan(&a.Version, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return st, err
	default:
		a.AcceptedAt = parseTime(at)
		st.Accepted = &a
	}
	st.NeedsAcceptance = st.Purpose != nil && (st.Accepted == nil || st.Accepted.Version < st.Purpose.Version)
	al, err := s.Roster.Get(ctx, alumnusID)
	if err != nil {
		return st, err
	}
	if al.Email != "" {
		st.HasAddress = true
		if st.Promotional, err = s.Ledger.HasConsent(ctx, al.Email); err != nil {
			return st, err
		}
	}
	st.Deletion, err = s.latestRequest(ctx, alumnusID)
	return st, err
}

// Accept records the member's acceptance of version, which must be the
// current one, and, when promotional is true, their opt-in to promotional
// mail (ledger, how = "portal"). Accepting again is harmless.
func (s *Service) Accept(ctx context.Context, alumnusID int64, version int, promotional bool) error {
	cur, err := s.Current(ctx)
	if err != nil {
		return err
	}
	if cur == nil {
		return ErrNoPurpose
	}
	if version != cur.Version {
		return ErrOutdatedVersion
	}
	if _, err := s.Store.W.ExecContext(ctx, `INSERT INTO privacy_acceptances(alumnus_id, version, accepted_at)
		VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, alumnusID, version, s.now()); err != nil {
		return err
	}
	s.Audit.Record(ctx, "privacy.accept", subject(alumnusID), "version="+strconv.Itoa(version))
	if promotional {
		return s.SetPromotional(ctx, alumnusID, true)
	}
	return nil
}

// SetPromotional opts the member in to or out of promotional mail.
func (s *Service) SetPromotional(ctx context.Context, alumnusID int64, optIn bool) error {
	al, err := s.Roster.Get(ctx, alumnusID)
	if err != nil {
		return err
	}
	if al.Email == "" {
		return ErrNoAddress
	}
	if !optIn {
		return s.Ledger.RevokeConsent(ctx, al.Email, "portal")
	}
	if has, err := s.Ledger.HasConsent(ctx, al.Email); err != nil || has {
		return err
	}
	_, err = s.Ledger.RecordConsent(ctx, mail.Consent{Address: al.Email, AlumnusID: alumnusID, GrantedAt: s.Now(),
		Method: "portal", TextAgreed: PromoTextJA + " / " + PromoTextEN})
	return err
}

func subject(alumnusID int64) string { return "alumnus:" + strconv.FormatInt(alumnusID, 10) }
