package mail

import (
	"context"
	"database/sql"
	"errors"
	netmail "net/mail"
	"strings"
	"time"
)

// Consent is one recorded opt-in to promotional mail (特定電子メール法).
type Consent struct {
	ID         int64      `json:"id"`
	Address    string     `json:"address"`
	AlumnusID  int64      `json:"alumnus_id,omitempty"`
	GrantedAt  time.Time  `json:"granted_at"`
	Method     string     `json:"method"`      // how it was given
	TextAgreed string     `json:"text_agreed"` // the wording agreed to
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
	RevokedHow string     `json:"revoked_how,omitempty"`
}

// NormalizeAddress trims and lower-cases a bare address and checks its form.
func NormalizeAddress(addr string) (string, error) {
	a := strings.ToLower(strings.TrimSpace(addr))
	p, err := netmail.ParseAddress(a)
	if err != nil || p.Address != a || !strings.Contains(a, "@") {
		return "", ErrInvalidAddress.Withf("%s", "%s", addr)
	}
	return a, nil
}

const insertConsent = `INSERT INTO mail_consent(address, alumnus_id, granted_at, method, text_agreed)
	VALUES (?, NULLIF(?, 0), ?, ?, ?)`

// checkConsent normalises the address and checks that when, how and what are recorded.
func checkConsent(c Consent) (Consent, error) {
	addr, err := NormalizeAddress(c.Address)
	if err != nil {
		return c, err
	}
	if c.GrantedAt.IsZero() || strings.TrimSpace(c.Method) == "" || strings.TrimSpace(c.TextAgreed) == "" {
		return c, ErrInvalidConsent.Withf("%s", "%s", addr)
	}
	c.Address = addr
	return c, nil
}

// RecordConsent adds an opt-in to the ledger.
func (e *Engine) RecordConsent(ctx context.Context, c Consent) (int64, error) {
	c, err := checkConsent(c)
	if err != nil {
		return 0, err
	}
	res, err := e.st.W.ExecContext(ctx, insertConsent, c.Address, c.AlumnusID, c.GrantedAt.UTC().Format(time.RFC3339Nano), c.Method, c.TextAgreed)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// ConsentHistory lists every consent record of addr, newest first.
func (e *Engine) ConsentHistory(ctx context.Context, addr string) ([]Consent, error) {
	addr = strings.ToLower(strings.TrimSpace(addr))
	rows, err := e.st.R.QueryContext(ctx, `SELECT id, address, coalesce(alumnus_id, 0), granted_at, method, text_agreed,
		revoked_at, revoked_how FROM mail_consent WHERE address = ? ORDER BY id DESC`, addr)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Consent
	for rows.Next() {
		var c Consent
		var granted string
		var revoked sql.NullString
		if err := rows.Scan(&c.ID, &c.Address, &c.AlumnusID, &granted, &c.Method, &c.TextAgreed, &revoked, &c.RevokedHow); err != nil {
			return nil, err
		}
		c.GrantedAt, _ = time.Parse(time.RFC3339Nano, granted)
		if revoked.Valid {
			t, _ := time.Parse(time.RFC3339Nano, revoked.String)
			c.RevokedAt = &t
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// HasConsent reports whether addr has an opt-in that was not revoked.
func (e *Engine) HasConsent(ctx context.Context, addr string) (bool, error) {
	var n int
	err := e.st.R.QueryRowContext(ctx, `SELECT count(*) FROM mail_consent WHERE address = ? AND revoked_at IS NULL`,
		strings.ToLower(strings.TrimSpace(addr))).Scan(&n)
	return n > 0, err
}

// Unsubscribe verifies a signed token and revokes the address's consent at
// once: promotional messages still queued for it (a running campaign
// included) become 'unsubscribed'. how records the channel (link, one-click,
// mailto). Repeating it is harmless.
func (e *Engine) Unsubscribe(ctx context.Context, token, how string) (Unsubscribe, error) {
	u, err := e.signer.Verify(token)
	if err != nil {
		return u, err
	}
	return u, e.RevokeConsent(ctx, u.Address, how)
}

// RevokeConsent ends every opt-in of addr and withdraws its queued promotional mail.
func (e *Engine) RevokeConsent(ctx context.Context, addr, how string) error {
	addr = strings.ToLower(strings.TrimSpace(addr))
	now := e.cfg.Now().UTC().Format(time.RFC3339Nano)
	tx, err := e.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE mail_consent SET revoked_at = ?, revoked_how = ?
		WHERE address = ? AND revoked_at IS NULL`, now, how, addr); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET state = 'unsubscribed', last_reply = 'unsubscribed'
		WHERE address = ? AND kind = 'promotional' AND state IN ('queued','held')`, addr); err != nil {
		return err
	}
	return tx.Commit()
}

// Suppress puts addr on the suppression list: no mail of any kind goes to it.
func (e *Engine) Suppress(ctx context.Context, addr, reason, detail string) error {
	_, err := e.st.W.ExecContext(ctx, `INSERT INTO mail_suppression(address, reason, detail) VALUES (?, ?, ?)
		ON CONFLICT(address) DO NOTHING`, strings.ToLower(strings.TrimSpace(addr)), reason, detail)
	return err
}

// Suppressed reports whether addr is on the suppression list, and why.
func (e *Engine) Suppressed(ctx context.Context, addr string) (string, bool, error) {
	var reason string
	err := e.st.R.QueryRowContext(ctx, `SELECT reason FROM mail_suppression WHERE address = ?`,
		strings.ToLower(strings.TrimSpace(addr))).Scan(&reason)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return reason, err == nil, err
}

// RecordConsents adds many opt-ins in one transaction (an import of signed
// forms, for instance); all are checked first, none is added on error.
func (e *Engine) RecordConsents(ctx context.Context, list []Consent) error {
	for i := range list {
		c, err := checkConsent(list[i])
		if err != nil {
			return err
		}
		list[i] = c
	}
	tx, err := e.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, insertConsent)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, c := range list {
		if _, err := ins.ExecContext(ctx, c.Address, c.AlumnusID, c.GrantedAt.UTC().Format(time.RFC3339Nano), c.Method, c.TextAgreed); err != nil {
			return err
		}
	}
	return tx.Commit()
}
