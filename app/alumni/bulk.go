package alumni

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// UpsertResult counts what a bulk upsert did.
type UpsertResult struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
}

// insertBatch is how many new records one INSERT statement carries.
const insertBatch = 50

// Upsert writes validated records in one transaction: a record whose
// employee number (within its company) or, failing that, whose email matches
// a stored alumnus updates it; any other is created. progress, if not nil, is
// called with the number of records written so far every 1,000 records.
// Either every record is written or none is.
func (r *Repo) Upsert(ctx context.Context, records []*Alumnus, progress func(done int)) (UpsertResult, error) {
	var res UpsertResult
	byNumber, byEmail, err := r.keys(ctx)
	if err != nil {
		return res, err
	}
	tx, err := r.st.W.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	w, err := newBulkWriter(ctx, tx)
	if err != nil {
		return res, err
	}
	defer w.close()
	remember := func(a *Alumnus) {
		if a.EmployeeNumber != "" {
			byNumber[numberKey{a.CompanyID, a.EmployeeNumber}] = a.ID
		}
		if a.Email != "" {
			byEmail[a.Email] = a.ID
		}
	}
	for i, a := range records {
		id := int64(0)
		if a.EmployeeNumber != "" {
			id = byNumber[numberKey{a.CompanyID, a.EmployeeNumber}]
		}
		if id == 0 && a.Email != "" {
			id = byEmail[a.Email]
		}
		if id == pendingID {
			// The record repeats one not yet inserted: insert that first.
			if err := w.flush(remember); err != nil {
				return res, err
			}
			id = byNumber[numberKey{a.CompanyID, a.EmployeeNumber}]
			if id == 0 || a.EmployeeNumber == "" {
				id = byEmail[a.Email]
			}
		}
		if id != 0 {
			a.ID = id
			if err := w.update(a, i); err != nil {
				return res, err
			}
			remember(a)
			res.Updated++
		} else {
			a.ID = pendingID
			remember(a)
			if err := w.insert(a, i, remember); err != nil {
				return res, err
			}
			res.Created++
		}
		if progress != nil && (i+1)%1000 == 0 {
			progress(i + 1)
		}
	}
	if err := w.flush(remember); err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, err
	}
	if progress != nil {
		progress(len(records))
	}
	return res, nil
}

// pendingID marks, in the key maps, a record queued for insertion.
const pendingID = -1

// bulkWriter batches inserts into multi-row statements inside a transaction.
type bulkWriter struct {
	ctx     context.Context
	tx      *sql.Tx
	ins     *sql.Stmt // full batch
	upd     *sql.Stmt
	pending []*Alumnus
	lines   []int // each pending record's index in the caller's slice
}

func newBulkWriter(ctx context.Context, tx *sql.Tx) (*bulkWriter, error) {
	ins, err := tx.PrepareContext(ctx, multiInsertSQL(insertBatch))
	if err != nil {
		return nil, err
	}
	upd, err := tx.PrepareContext(ctx, updateSQL)
	if err != nil {
		ins.Close()
		return nil, err
	}
	return &bulkWriter{ctx: ctx, tx: tx, ins: ins, upd: upd}, nil
}

func (w *bulkWriter) close() {
	w.ins.Close()
	w.upd.Close()
}

func (w *bulkWriter) update(a *Alumnus, index int) error {
	if _, err := w.upd.ExecContext(w.ctx, updateArgs(a)...); err != nil {
		return &RecordError{Index: index, Err: mapWriteError(err)}
	}
	return nil
}

func (w *bulkWriter) insert(a *Alumnus, index int, remember func(*Alumnus)) error {
	w.pending = append(w.pending, a)
	w.lines = append(w.lines, index)
	if len(w.pending) == insertBatch {
		return w.flush(remember)
	}
	return nil
}

// flush inserts the pending records and gives them their ids: rows inserted
// by one statement in a write transaction get consecutive rowids.
func (w *bulkWriter) flush(remember func(*Alumnus)) error {
	n := len(w.pending)
	if n == 0 {
		return nil
	}
	args := make([]any, 0, n*insertColumns)
	for _, a := range w.pending {
		args = append(args, insertArgs(a)...)
	}
	stmt := w.ins
	if n != insertBatch {
		var err error
		if stmt, err = w.tx.PrepareContext(w.ctx, multiInsertSQL(n)); err != nil {
			return err
		}
		defer stmt.Close()
	}
	res, err := stmt.ExecContext(w.ctx, args...)
	if err != nil {
		return w.insertError(err, remember)
	}
	last, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for i, a := range w.pending {
		a.ID = last - int64(n-1-i)
		remember(a)
	}
	w.pending, w.lines = w.pending[:0], w.lines[:0]
	return nil
}

// insertError finds which pending record a failed batch insert tripped on by
// inserting them one at a time (inside a savepoint, undone afterwards).
func (w *bulkWriter) insertError(batchErr error, remember func(*Alumnus)) error {
	if _, err := w.tx.ExecContext(w.ctx, "SAVEPOINT find_bad_record"); err != nil {
		return batchErr
	}
	defer w.tx.ExecContext(w.ctx, "ROLLBACK TO find_bad_record")
	for i, a := range w.pending {
		if _, err := insert(w.ctx, w.tx, a); err != nil {
			return &RecordError{Index: w.lines[i], Err: err}
		}
	}
	return mapWriteError(batchErr)
}

// RecordError says which record of a bulk write failed (its index in the
// slice given to Upsert) and why.
type RecordError struct {
	Index int
	Err   error
}

func (e *RecordError) Error() string { return fmt.Sprintf("record %d: %v", e.Index+1, e.Err) }

// Unwrap returns the cause.
func (e *RecordError) Unwrap() error { return e.Err }

const insertColumns = 20

func multiInsertSQL(rows int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", insertColumns), ",") + ")"
	return insertPrefix + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
}

type numberKey struct {
	company int64
	number  string
}

// keys loads the identifiers an upsert matches on.
func (r *Repo) keys(ctx context.Context) (map[numberKey]int64, map[string]int64, error) {
	rows, err := r.st.R.QueryContext(ctx, "SELECT id, company_id, employee_number, email FROM alumni")
	if err != nil {
		return nil, nil, fmt.Errorf("load alumni keys: %w", err)
	}
	defer rows.Close()
	byNumber := map[numberKey]int64{}
	byEmail := map[string]int64{}
	for rows.Next() {
		var id, company int64
		var number, email string
		if err := rows.Scan(&id, &company, &number, &email); err != nil {
			return nil, nil, err
		}
		if number != "" {
			byNumber[numberKey{company, number}] = id
		}
		if email != "" {
			byEmail[email] = id
		}
	}
	return byNumber, byEmail, rows.Err()
}

// ExistingKeys reports, for a dry run, which employee numbers and emails are
// already stored (so a preview can say "will update" or "will create").
func (r *Repo) ExistingKeys(ctx context.Context) (func(company int64, number, email string) bool, error) {
	byNumber, byEmail, err := r.keys(ctx)
	if err != nil {
		return nil, err
	}
	return func(company int64, number, email string) bool {
		if number != "" {
			if _, ok := byNumber[numberKey{company, number}]; ok {
				return true
			}
		}
		_, ok := byEmail[email]
		return email != "" && ok
	}, nil
}
