package events

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/kizuna-hr/kizuna/app/store"
)

// Event is one entry of the log.
type Event struct {
	ID      int64
	At      string // RFC 3339 UTC
	Type    string
	Subject string
	Data    json.RawMessage
}

// Log appends and reads events.
type Log struct {
	st *store.Store

	mu      sync.Mutex
	waiters map[chan struct{}]struct{}
}

// New returns the log over st.
func New(st *store.Store) *Log {
	return &Log{st: st, waiters: map[chan struct{}]struct{}{}}
}

// Emit appends one event; data is marshalled to a JSON object.
func (l *Log) Emit(ctx context.Context, typ, subject string, data any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("event %s: %w", typ, err)
	}
	if string(b) == "null" {
		b = []byte("{}")
	}
	if _, err := l.st.W.ExecContext(ctx, "INSERT INTO events(type, subject, data) VALUES (?,?,?)", typ, subject, string(b)); err != nil {
		return fmt.Errorf("event %s: %w", typ, err)
	}
	l.wake()
	return nil
}

// After returns up to limit events with id > after, in id order.
func (l *Log) After(ctx context.Context, after int64, limit int) ([]Event, error) {
	rows, err := l.st.R.QueryContext(ctx, "SELECT id, at, type, subject, data FROM events WHERE id > ? ORDER BY id LIMIT ?", after, limit)
	if err != nil {
		return nil, fmt.Errorf("read events: %w", err)
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		var e Event
		var data string
		if err := rows.Scan(&e.ID, &e.At, &e.Type, &e.Subject, &data); err != nil {
			return nil, err
		}
		e.Data = json.RawMessage(data)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Last returns the id of the newest event (0 when the log is empty).
func (l *Log) Last(ctx context.Context) (int64, error) {
	var id int64
	err := l.st.R.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM events").Scan(&id)
	return id, err
}

// Wait returns a channel that receives after Emits (several Emits between
// two receives wake once), and a function to stop waiting.
func (l *Log) Wait() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	l.mu.Lock()
	l.waiters[ch] = struct{}{}
	l.mu.Unlock()
	return ch, func() {
		l.mu.Lock()
		delete(l.waiters, ch)
		l.mu.Unlock()
	}
}

func (l *Log) wake() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for ch := range l.waiters {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Prune deletes the events every reader has passed (id <= upTo) and
// returns how many it deleted.
func (l *Log) Prune(ctx context.Context, upTo int64) (int64, error) {
	res, err := l.st.W.ExecContext(ctx, "DELETE FROM events WHERE id <= ?", upTo)
	if err != nil {
		return 0, fmt.Errorf("prune events: %w", err)
	}
	return res.RowsAffected()
}
