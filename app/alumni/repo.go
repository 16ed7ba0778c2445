package alumni

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/store"
)

// ErrNotFound means no alumnus has the given id.
var ErrNotFound = fault.New(fault.NotFound, "alumni.not_found", "該当する卒業生が見つかりません", "alumnus not found")

// ErrDuplicate means another alumnus already has the employee number or email.
var ErrDuplicate = fault.New(fault.Conflict, "alumni.duplicate", "同じ社員番号またはメールアドレスの卒業生が既に登録されています", "another alumnus has the same employee number or email")

// ErrUnknownCompany means the company id does not exist.
var ErrUnknownCompany = fault.New(fault.Invalid, "alumni.unknown_company", "会社が存在しません", "unknown company")

// Repo stores alumni in the SQLite database.
type Repo struct {
	st *store.Store
}

// NewRepo returns a Repo over st.
func NewRepo(st *store.Store) *Repo { return &Repo{st: st} }

const columns = `id, company_id, employee_number, name, name_reading, email, emails_extra, department, position,
	join_date, leave_date, leave_reason, rehire_eligibility, current_employer, industry, job_type,
	skills, interests, tags, former_manager, notes, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanAlumnus(s scanner) (*Alumnus, error) {
	var a Alumnus
	var other, skills, interests, tags, created, updated string
	err := s.Scan(&a.ID, &a.CompanyID, &a.EmployeeNumber, &a.Name, &a.NameReading, &a.Email, &other,
		&a.Department, &a.Position, &a.JoinDate, &a.LeaveDate, &a.LeaveReason, &a.RehireEligibility,
		&a.CurrentEmployer, &a.Industry, &a.JobType, &skills, &interests, &tags, &a.FormerManager,
		&a.Notes, &created, &updated)
	if err != nil {
		return nil, err
	}
	a.OtherEmails = decodeList(other)
	a.Skills = decodeList(skills)
	a.Interests = decodeList(interests)
	a.Tags = decodeList(tags)
	a.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	a.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	return &a, nil
}

func decodeList(s string) []string {
	if s == "" || s == "[]" {
		return nil
	}
	var out []string
	json.Unmarshal([]byte(s), &out)
	return out
}

// encodeList stores a list as a JSON array of strings, byte for byte as
// json.Marshal writes it; items that need no escaping are joined directly.
func encodeList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	n := 1 + len(l)*3
	for _, s := range l {
		if !plainJSON(s) {
			b, _ := json.Marshal(l)
			return string(b)
		}
		n += len(s)
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, s...)
		b = append(b, '"')
	}
	b = append(b, ']')
	return string(b)
}

// plainJSON reports whether json.Marshal writes s as it is between quotes:
// valid UTF-8 without control characters, quotes, backslashes, the HTML
// characters <, > and & or the separators U+2028 and U+2029.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			return false
		}
	}
	return utf8.ValidString(s)
}

// Get returns the alumnus with id.
func (r *Repo) Get(ctx context.Context, id int64) (*Alumnus, error) {
	row := r.st.R.QueryRowContext(ctx, "SELECT "+columns+" FROM alumni WHERE id = ?", id)
	a, err := scanAlumnus(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get alumnus %d: %w", id, err)
	}
	return a, nil
}

// ByIDs returns the alumni with the given ids, in the given order; ids that
// do not exist are skipped.
func (r *Repo) ByIDs(ctx context.Context, ids []int64) ([]*Alumnus, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	b, _ := json.Marshal(ids)
	rows, err := r.st.R.QueryContext(ctx, "SELECT "+columns+" FROM alumni WHERE id IN (SELECT value FROM json_each(?))", string(b))
	if err != nil {
		return nil, fmt.Errorf("alumni by ids: %w", err)
	}
	defer rows.Close()
	byID := make(map[int64]*Alumnus, len(ids))
	for rows.Next() {
		a, err := scanAlumnus(rows)
		if err != nil {
			return nil, err
		}
		byID[a.ID] = a
	}
	out := make([]*Alumnus, 0, len(ids))
	for _, id := range ids {
		if a, ok := byID[id]; ok {
			out = append(out, a)
		}
	}
	return out, rows.Err()
}

// Each calls fn for every alumnus, in id order, streaming from the database.
func (r *Repo) Each(ctx context.Context, fn func(*Alumnus) error) error {
	rows, err := r.st.R.QueryContext(ctx, "SELECT "+columns+" FROM alumni ORDER BY id")
	if err != nil {
		return fmt.Errorf("list alumni: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAlumnus(rows)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Count returns how many alumni are stored.
func (r *Repo) Count(ctx context.Context) (int, error) {
	var n int
	err := r.st.R.QueryRowContext(ctx, "SELECT count(*) FROM alumni").Scan(&n)
	return n, err
}

// Create inserts a validated record and returns it with its id.
func (r *Repo) Create(ctx context.Context, a *Alumnus) (*Alumnus, error) {
	tx, err := r.st.W.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	id, err := insert(ctx, tx, a)
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return r.Get(ctx, id)
}

// Update replaces the stored record a.ID with a.
func (r *Repo) Update(ctx context.Context, a *Alumnus) (*Alumnus, error) {
	res, err := r.st.W.ExecContext(ctx, updateSQL, updateArgs(a)...)
	if err != nil {
		return nil, mapWriteError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, ErrNotFound
	}
	return r.Get(ctx, a.ID)
}

// Delete removes the alumnus with id for good.
func (r *Repo) Delete(ctx context.Context, id int64) error {
	tx, err := r.st.W.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("delete alumnus: %w", err)
	}
	defer tx.Rollback()
	for _, q := range eraseUnlinked {
		if _, err := tx.ExecContext(ctx, q, sql.Named("id", id)); err != nil {
			return fmt.Errorf("delete alumnus: %w", err)
		}
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM alumni WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("delete alumnus: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return tx.Commit()
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func insert(ctx context.Context, ex execer, a *Alumnus) (int64, error) {
	res, err := ex.ExecContext(ctx, insertSQL, insertArgs(a)...)
	if err != nil {
		return 0, mapWriteError(err)
	}
	return res.LastInsertId()
}

// insertColumnNames are the columns an INSERT sets, in the order of
// appendInsertArgs.
var insertColumnNames = [insertColumns]string{"company_id", "employee_number", "name", "name_reading", "email",
	"emails_extra", "department", "position", "join_date", "leave_date", "leave_reason", "rehire_eligibility",
	"current_employer", "industry", "job_type", "skills", "interests", "tags", "former_manager", "notes"}

var insertSQL = multiInsertSQL(1)

const updateSQL = `UPDATE alumni SET company_id=?, employee_number=?, name=?, name_reading=?,
	email=?, emails_extra=?, department=?, position=?, join_date=?, leave_date=?, leave_reason=?,
	rehire_eligibility=?, current_employer=?, industry=?, job_type=?, skills=?, interests=?, tags=?,
	former_manager=?, notes=?, updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id=?`

func insertArgs(a *Alumnus) []any {
	return appendInsertArgs(make([]any, 0, insertColumns+1), a)
}

// appendInsertArgs appends a's values for an INSERT (insertColumns of them).
func appendInsertArgs(args []any, a *Alumnus) []any {
	return append(args, a.CompanyID, a.EmployeeNumber, a.Name, a.NameReading, a.Email, encodeList(a.OtherEmails),
		a.Department, a.Position, a.JoinDate, a.LeaveDate, a.LeaveReason, a.RehireEligibility, a.CurrentEmployer,
		a.Industry, a.JobType, encodeList(a.Skills), encodeList(a.Interests), encodeList(a.Tags),
		a.FormerManager, a.Notes)
}

func updateArgs(a *Alumnus) []any {
	return append(insertArgs(a), a.ID)
}

func mapWriteError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		switch {
		case se.ExtendedCode == sqlite3.ErrConstraintForeignKey:
			return ErrUnknownCompany.Wrap(err)
		case se.ExtendedCode == sqlite3.ErrConstraintUnique || strings.Contains(err.Error(), "UNIQUE"):
			return ErrDuplicate.Wrap(err)
		}
	}
	return fmt.Errorf("write alumnus: %w", err)
}

// LastChange returns the sequence number of the newest change to alumni.
func (r *Repo) LastChange(ctx context.Context) (int64, error) {
	var seq sql.NullInt64
	err := r.st.R.QueryRowContext(ctx, "SELECT max(seq) FROM alumni_changes").Scan(&seq)
	return seq.Int64, err
}

// ChangesSince returns the ids of alumni changed after seq and the newest
// sequence number seen.
func (r *Repo) ChangesSince(ctx context.Context, seq int64) ([]int64, int64, error) {
	rows, err := r.st.R.QueryContext(ctx, "SELECT seq, alumnus_id FROM alumni_changes WHERE seq > ? ORDER BY seq", seq)
	if err != nil {
		return nil, seq, fmt.Errorf("alumni changes: %w", err)
	}
	defer rows.Close()
	seen := map[int64]bool{}
	var ids []int64
	for rows.Next() {
		var s, id int64
		if err := rows.Scan(&s, &id); err != nil {
			return nil, seq, err
		}
		seq = s
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, seq, rows.Err()
}

// PruneChanges drops change-log rows older than the newest keep rows.
func (r *Repo) PruneChanges(ctx context.Context, keep int64) error {
	_, err := r.st.W.ExecContext(ctx, "DELETE FROM alumni_changes WHERE seq <= (SELECT max(seq) FROM alumni_changes) - ?", keep)
	return err
}
