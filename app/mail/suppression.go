package mail

import (
	"context"
	"strings"
)

// Suppression is one address no mail goes to.
type Suppression struct {
	Address   string `json:"address"`
	Reason    string `json:"reason"` // bounce, manual, complaint...
	Detail    string `json:"detail"`
	CreatedAt string `json:"created_at"`
}

// Suppressions lists suppressed addresses containing q (all when empty), newest first, at most limit.
func (e *Engine) Suppressions(ctx context.Context, q string, limit int) ([]Suppression, error) {
	if limit <= 0 || limit > 5000 {
		limit = 1000
	}
	like := likePattern(strings.ToLower(q))
	rows, err := e.st.R.QueryContext(ctx, `SELECT address, reason, detail, created_at FROM mail_suppression
		WHERE address LIKE ?1 ESCAPE '\' OR reason LIKE ?1 ESCAPE '\' ORDER BY created_at DESC, address LIMIT ?2`, like, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Suppression{}
	for rows.Next() {
		var s Suppression
		if err := rows.Scan(&s.Address, &s.Reason, &s.Detail, &s.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Unsuppress takes addr off the suppression list; ErrNotFound when it was not on it.
func (e *Engine) Unsuppress(ctx context.Context, addr string) error {
	res, err := e.st.W.ExecContext(ctx, `DELETE FROM mail_suppression WHERE address = ?`, strings.ToLower(strings.TrimSpace(addr)))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
