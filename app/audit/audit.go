package audit

import (
	"context"
	"fmt"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Entry is one audited action.
type Entry struct {
	ID      int64  `json:"id"`
	At      string `json:"at"`
	Actor   string `json:"actor"`
	Action  string `json:"action"`  // e.g. "alumni.read", "alumni.update", "alumni.export"
	Subject string `json:"subject"` // e.g. "alumnus:42"
	Detail  string `json:"detail"`
}

// Log writes and reads the audit log.
type Log struct {
	st *store.Store
}

// New returns a Log over st.
func New(st *store.Store) *Log { return &Log{st: st} }

// Record appends an entry for the actor in ctx.
func (l *Log) Record(ctx context.Context, action, subject, detail string) error {
	_, err := l.st.W.ExecContext(ctx, "INSERT INTO audit_log(actor, action, subject, detail) VALUES (?,?,?,?)",
		actor.From(ctx).String(), action, subject, detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// Filter narrows List.
type Filter struct {
	Subject  string // exact subject, "" = any
	Action   string // exact action, "" = any
	Limit    int
	BeforeID int64 // for paging backwards; 0 = newest
}

// List returns entries, newest first.
func (l *Log) List(ctx context.Context, f Filter) ([]Entry, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	q := "SELECT id, at, actor, action, subject, detail FROM audit_log WHERE 1=1"
	var args []any
	if f.Subject != "" {
		q += " AND subject = ?"
		args = append(args, f.Subject)
	}
	if f.Action != "" {
		q += " AND action = ?"
		args = append(args, f.Action)
	}
	if f.BeforeID > 0 {
		q += " AND id < ?"
		args = append(args, f.BeforeID)
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, f.Limit)
	rows, err := l.st.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list audit log: %w", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var e Entry
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Subject, &e.Detail); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CarryForward copies into the log the entries of another Kizuna database
// file (the data as it was before a restore) that are newer than the newest
// entry now in the log, so that restoring a backup never erases the record
// of what happened since. It returns how many entries it copied.
func (l *Log) CarryForward(ctx context.Context, fromFile string) (int, error) {
	conn, err := l.st.W.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS previous", store.FileURI(fromFile)+"?mode=ro"); err != nil {
		return 0, fmt.Errorf("audit carry forward: %w", err)
	}
	defer conn.ExecContext(context.Background(), "DETACH DATABASE previous")
	res, err := conn.ExecContext(ctx, `INSERT INTO main.audit_log(at, actor, action, subject, detail)
		SELECT at, actor, action, subject, detail FROM previous.audit_log
		WHERE at > (SELECT coalesce(max(at), '') FROM main.audit_log) ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("audit carry forward: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
