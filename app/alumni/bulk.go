package alumni

import (
	"context"
	"database/sql"
	"errors"
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
	b, err := r.BeginBulk(ctx)
	if err != nil {
		return UpsertResult{}, err
	}
	defer b.Rollback()
	for start := 0; start < len(records); start += 1000 {
		end := min(start+1000, len(records))
		if err := b.Write(records[start:end]); err != nil {
			return UpsertResult{}, err
		}
		if progress != nil && end%1000 == 0 {
			progress(end)
		}
	}
	res, err := b.Commit()
	if err != nil {
		return res, err
	}
	if progress != nil {
		progress(len(records))
	}
	return res, nil
}

// Bulk is a streaming Upsert: records are written batch by batch inside one
// transaction, which Commit makes visible all at once and Rollback (or an
// error) undoes. It holds the store's single writer connection until it
// ends, so other writes wait. A Bulk is not safe for concurrent use.
type Bulk struct {
	ctx      context.Context
	tx       *sql.Tx
	w        *bulkWriter
	byNumber map[numberKey]int64 // see remember
	byEmail  map[string]int64
	queued   []*Alumnus // every record queued for insertion, in order
	res      UpsertResult
	n        int   // records passed to Write so far
	err      error // the first failure: the Bulk can only be rolled back
	done     bool
	marked   bool           // the change log holds one "reload everything" row for this Bulk
	triggers []string       // the change-log triggers dropped until Commit
	existing int            // alumni with an email when the Bulk began
	indexes  []string       // indexes dropped until Commit (see dropEmailIndex)
	emailAt  map[string]int // while the email index is dropped: the record that wrote each address
}

// BeginBulk starts a bulk upsert (see Upsert for how records are matched).
// The caller must end it with Commit or Rollback.
func (r *Repo) BeginBulk(ctx context.Context) (*Bulk, error) {
	byNumber, byEmail, err := r.keys(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := r.st.W.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	w, err := newBulkWriter(ctx, tx)
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	return &Bulk{ctx: ctx, tx: tx, w: w, byNumber: byNumber, byEmail: byEmail, existing: len(byEmail)}, nil
}

// errBulkDone is returned by a Bulk used after it ended or failed.
var errBulkDone = errors.New("alumni: bulk write already ended")

// Write upserts records (validated and normalised), giving each its ID. A
// *RecordError's Index counts records across all Writes of the Bulk. After
// an error the Bulk can only be rolled back.
func (b *Bulk) Write(records []*Alumnus) error {
	if b.done || b.err != nil {
		return errBulkDone
	}
	if err := b.write(records); err != nil {
		b.err = err
		return err
	}
	return nil
}

// remember records a's keys: its id once stored, or, while it waits in an
// insert batch, -(k+1) for b.queued[k] (whose ID the batch fills in).
func (b *Bulk) remember(a *Alumnus, v int64) {
	if a.EmployeeNumber != "" {
		b.byNumber[numberKey{a.CompanyID, a.EmployeeNumber}] = v
	}
	if a.Email != "" {
		b.byEmail[a.Email] = v
	}
}

// match returns the id of the stored or written record a updates, 0 if it
// is new, or pendingID if that record still waits to be inserted.
func (b *Bulk) match(a *Alumnus) int64 {
	v := int64(0)
	if a.EmployeeNumber != "" {
		v = b.byNumber[numberKey{a.CompanyID, a.EmployeeNumber}]
	}
	if v == 0 && a.Email != "" {
		v = b.byEmail[a.Email]
	}
	if v < 0 {
		return b.queued[-v-1].ID
	}
	return v
}

// bulkLogAbove is the number of records above which a Bulk stops logging
// changes row by row and logs one "reload everything" change instead: a
// Directory catching up with that many changes reloads anyway.
const bulkLogAbove = fullReloadAbove

// markBulk logs the whole Bulk as one change (alumnus_id 0) and, until
// Commit, drops the triggers that log each change to alumni (a trigger
// program per row is a good part of an insert's cost). DDL is
// transactional in SQLite: other connections never see the triggers
// missing, and a rollback restores them.
func (b *Bulk) markBulk() error {
	rows, err := b.tx.QueryContext(b.ctx, `SELECT name, sql FROM sqlite_master
		WHERE type = 'trigger' AND tbl_name = 'alumni' AND name LIKE 'alumni\_changed\_%' ESCAPE '\'`)
	if err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			return fmt.Errorf("bulk write: %w", err)
		}
		names = append(names, name)
		b.triggers = append(b.triggers, sql)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	rows.Close()
	if _, err := b.tx.ExecContext(b.ctx, "INSERT INTO alumni_changes(alumnus_id) VALUES (?)", BulkChange); err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	for _, name := range names {
		if _, err := b.tx.ExecContext(b.ctx, `DROP TRIGGER "`+name+`"`); err != nil {
			return fmt.Errorf("bulk write: %w", err)
		}
	}
	b.marked = true
	if b.existing < rebuildEmailIndexBelow {
		return b.dropEmailIndex()
	}
	return nil
}

// rebuildEmailIndexBelow is the registry size under which a large Bulk drops
// the unique email index and builds it again at Commit: inserting addresses
// in random order into the index costs about a quarter of an insert, while
// building it from a sorted scan of a small table costs far less.
const rebuildEmailIndexBelow = 20_000

// dropEmailIndex drops the unique email index until Commit. The Bulk itself
// never inserts a second record with a stored address (it updates instead),
// and Commit's CREATE UNIQUE INDEX still refuses any duplicate.
func (b *Bulk) dropEmailIndex() error {
	var sql string
	err := b.tx.QueryRowContext(b.ctx, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'alumni_email'").Scan(&sql)
	if err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	if _, err := b.tx.ExecContext(b.ctx, "DROP INDEX alumni_email"); err != nil {
		return fmt.Errorf("bulk write: %w", err)
	}
	b.indexes = append(b.indexes, sql)
	b.emailAt = map[string]int{}
	return nil
}

// restoreSchema recreates what the Bulk dropped: triggers, then indexes.
func (b *Bulk) restoreSchema() error {
	for _, sql := range b.triggers {
		// Writes after this one are logged row by row again.
		if _, err := b.tx.ExecContext(b.ctx, sql); err != nil {
			return fmt.Errorf("bulk write: %w", err)
		}
	}
	for _, sql := range b.indexes {
		if _, err := b.tx.ExecContext(b.ctx, sql); err != nil {
			var email string
			b.tx.QueryRowContext(b.ctx, "SELECT email FROM alumni WHERE email <> '' GROUP BY email HAVING count(*) > 1 LIMIT 1").Scan(&email)
			dup := ErrDuplicate.Withf("%s", "%s", email).Wrap(err)
			if i, ok := b.emailAt[email]; ok {
				return &RecordError{Index: i, Err: dup}
			}
			return dup
		}
	}
	return nil
}

func (b *Bulk) write(records []*Alumnus) error {
	w := b.w
	if !b.marked && b.n+len(records) > bulkLogAbove {
		if err := b.markBulk(); err != nil {
			return err
		}
	}
	enc := encodeValues(records)
	defer enc.wait() // the records are the caller's again when Write returns
	for k, a := range records {
		i := b.n
		b.n++
		if b.emailAt != nil && a.Email != "" {
			b.emailAt[a.Email] = i
		}
		id := b.match(a)
		if id == pendingID {
			// The record repeats one not yet inserted: insert that first.
			if err := w.flush(); err != nil {
				return err
			}
			id = b.match(a)
		}
		if id != 0 {
			a.ID = id
			if err := w.update(a, i); err != nil {
				return err
			}
			b.remember(a, id)
			b.res.Updated++
		} else {
			a.ID = pendingID
			b.queued = append(b.queued, a)
			b.remember(a, -int64(len(b.queued)))
			if err := w.insert(a, i, enc, k); err != nil {
				return err
			}
			b.res.Created++
		}
	}
	return nil
}

// Commit writes what is still pending and commits: every record given to
// Write is stored, or (with an error) none is.
func (b *Bulk) Commit() (UpsertResult, error) {
	if b.done || b.err != nil {
		b.Rollback()
		if b.err != nil {
			return UpsertResult{}, b.err
		}
		return UpsertResult{}, errBulkDone
	}
	if err := b.w.flush(); err != nil {
		b.err = err
		b.Rollback()
		return UpsertResult{}, err
	}
	if err := b.restoreSchema(); err != nil {
		b.err = err
		b.Rollback()
		return UpsertResult{}, err
	}
	b.done = true
	b.w.close()
	if err := b.tx.Commit(); err != nil {
		return UpsertResult{}, err
	}
	return b.res, nil
}

// Rollback undoes everything the Bulk wrote. It is a no-op after Commit or
// Rollback, so it may be deferred.
func (b *Bulk) Rollback() {
	if b.done {
		return
	}
	b.done = true
	b.w.close()
	b.tx.Rollback()
}

// pendingID is the ID of a record queued for insertion until its batch runs.
const pendingID = -1

// bulkWriter batches inserts into multi-row statements inside a transaction.
type bulkWriter struct {
	ctx     context.Context
	tx      *sql.Tx
	ins     map[uint32]*sql.Stmt // full batches, by the columns left out (see omittable)
	upd     *sql.Stmt
	pending []*Alumnus
	lines   []int     // each pending record's index among all records written
	values  []encoded // each pending record's insert values
	args    []any     // reused for each batch
}

// encoded is where one record's insert values are prepared.
type encoded struct {
	chunk *encodedChunk
	i     int
}

// encodeBlock is how many records' values encodedChunk readies at a time.
const encodeBlock = 64

// encodedChunk holds the insert values of one Write's records, prepared
// (lists encoded, values boxed) on another goroutine while the writer
// matches keys and runs statements: the writer is what an import waits for.
type encodedChunk struct {
	values [][insertColumns]any
	ready  []chan struct{} // ready[j] is closed once block j is prepared
}

func encodeValues(records []*Alumnus) *encodedChunk {
	c := &encodedChunk{values: make([][insertColumns]any, len(records)),
		ready: make([]chan struct{}, (len(records)+encodeBlock-1)/encodeBlock)}
	for j := range c.ready {
		c.ready[j] = make(chan struct{})
	}
	go func() {
		for i, a := range records {
			appendInsertArgs(c.values[i][:0], a)
			if i%encodeBlock == encodeBlock-1 || i == len(records)-1 {
				close(c.ready[i/encodeBlock])
			}
		}
	}()
	return c
}

// get returns record i's insert values once they are ready.
func (c *encodedChunk) get(i int) []any {
	<-c.ready[i/encodeBlock]
	return c.values[i][:]
}

// wait returns once every record has been read.
func (c *encodedChunk) wait() {
	if len(c.ready) > 0 {
		<-c.ready[len(c.ready)-1]
	}
}

func newBulkWriter(ctx context.Context, tx *sql.Tx) (*bulkWriter, error) {
	upd, err := tx.PrepareContext(ctx, updateSQL)
	if err != nil {
		return nil, err
	}
	return &bulkWriter{ctx: ctx, tx: tx, ins: map[uint32]*sql.Stmt{}, upd: upd}, nil
}

func (w *bulkWriter) close() {
	for _, st := range w.ins {
		st.Close()
	}
	w.upd.Close()
}

// omittable gives, for each insert column, the value its column default
// stores (nil: the column has no default). A column that every record of a
// batch leaves at its default is left out of the statement: fewer values to
// bind, one call into SQLite each. Most files leave several columns out.
var omittable = func() [insertColumns]any {
	var d [insertColumns]any
	for i, col := range insertColumnNames {
		switch col {
		case "company_id", "name":
		case "emails_extra", "skills", "interests", "tags":
			d[i] = "[]"
		case "rehire_eligibility":
			d[i] = RehireUnknown
		default:
			d[i] = ""
		}
	}
	return d
}()

// defaultColumns returns the columns (bit i: insert column i) that every
// row of args, insertColumns values per row, leaves at its default.
func defaultColumns(args []any) uint32 {
	mask := uint32(0)
	for i, d := range omittable {
		if d != nil {
			mask |= 1 << i
		}
	}
	for row := 0; row < len(args) && mask != 0; row += insertColumns {
		for i, v := range args[row : row+insertColumns] {
			if mask&(1<<i) != 0 && v != omittable[i] {
				mask &^= 1 << i
			}
		}
	}
	return mask
}

func (w *bulkWriter) update(a *Alumnus, index int) error {
	if _, err := w.upd.ExecContext(w.ctx, updateArgs(a)...); err != nil {
		return &RecordError{Index: index, Err: mapWriteError(err)}
	}
	return nil
}

func (w *bulkWriter) insert(a *Alumnus, index int, enc *encodedChunk, i int) error {
	w.pending = append(w.pending, a)
	w.lines = append(w.lines, index)
	w.values = append(w.values, encoded{enc, i})
	if len(w.pending) == insertBatch {
		return w.flush()
	}
	return nil
}

// flush inserts the pending records and gives them their ids: rows inserted
// by one statement in a write transaction get consecutive rowids.
func (w *bulkWriter) flush() error {
	n := len(w.pending)
	if n == 0 {
		return nil
	}
	args := w.args[:0]
	for _, v := range w.values {
		args = append(args, v.chunk.get(v.i)...)
	}
	w.args = args
	defer clear(args) // let the batch's strings go
	omit := defaultColumns(args)
	if omit != 0 {
		kept := args[:0]
		for j, v := range args {
			if omit&(1<<(j%insertColumns)) == 0 {
				kept = append(kept, v)
			}
		}
		args = kept
	}
	stmt := w.ins[omit]
	if n != insertBatch || stmt == nil {
		var err error
		if stmt, err = w.tx.PrepareContext(w.ctx, insertSQLOmitting(n, omit)); err != nil {
			return err
		}
		if n == insertBatch {
			w.ins[omit] = stmt
		} else {
			defer stmt.Close()
		}
	}
	res, err := stmt.ExecContext(w.ctx, args...)
	if err != nil {
		return w.insertError(err)
	}
	last, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for i, a := range w.pending {
		a.ID = last - int64(n-1-i)
	}
	clear(w.values) // let the chunks go
	w.pending, w.lines, w.values = w.pending[:0], w.lines[:0], w.values[:0]
	return nil
}

// insertError finds which pending record a failed batch insert tripped on by
// inserting them one at a time (inside a savepoint, undone afterwards).
func (w *bulkWriter) insertError(batchErr error) error {
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
// slice given to Upsert, or among all records given to a Bulk's Writes) and
// why.
type RecordError struct {
	Index int
	Err   error
}

func (e *RecordError) Error() string { return fmt.Sprintf("record %d: %v", e.Index+1, e.Err) }

// Unwrap returns the cause.
func (e *RecordError) Unwrap() error { return e.Err }

const insertColumns = 20

func multiInsertSQL(rows int) string {
	return insertSQLOmitting(rows, 0)
}

// insertSQLOmitting is an INSERT of rows rows that leaves out the columns
// in omit (bit i: insert column i), which then take their defaults.
func insertSQLOmitting(rows int, omit uint32) string {
	var cols []string
	for i, c := range insertColumnNames {
		if omit&(1<<i) == 0 {
			cols = append(cols, c)
		}
	}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	return "INSERT INTO alumni(" + strings.Join(cols, ", ") + ") VALUES " + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
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
