package alumniio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

// Upserter writes records all-or-nothing (a bulk write committed or rolled
// back as a whole) and says which keys are stored; *alumni.Repo is one.
type Upserter interface {
	BeginBulk(ctx context.Context) (*alumni.Bulk, error)
	ExistingKeys(ctx context.Context) (func(company int64, number, email string) bool, error)
}

// Importer reads HR's leaver lists into the alumni registry. It holds no
// state between imports, so one Importer may serve concurrent imports
// (their writes are serialised by the store's single writer).
type Importer struct {
	repo      Upserter
	companies CompanyLookup
}

// NewImporter returns an Importer writing to repo and resolving company
// columns with companies (nil: no company is known by name, so rows must
// rely on Options.CompanyID).
func NewImporter(repo Upserter, companies CompanyLookup) *Importer {
	if companies == nil {
		companies = NewCompanyIndex(nil)
	}
	return &Importer{repo: repo, companies: companies}
}

// headerSearchRows is how many non-empty rows may stand above the header
// (titles such as "退職者一覧 2024年度").
const headerSearchRows = 10

// progressEvery is about how often, in rows, progress is reported while
// parsing (rows come in batches of batchRows).
const progressEvery = 1000

// Import reads a CSV, TSV or .xlsx file (filename only helps to recognise
// it) and, unless opt says otherwise, writes its records.
//
// Row problems are listed in the Report and are not an error: Report.Written
// says whether anything was written (by default nothing is unless every row
// is valid). An error means nothing was written: a *fault.Error of kind
// Invalid for a file that cannot be used as a whole (ErrUnknownEncoding,
// ErrNoNameColumn, ErrEmptyFile, ErrLegacyExcel, ErrBadSpreadsheet), of kind
// Conflict (ErrConflict) when a row would take the employee number or email
// of another stored alumnus, or ctx's error, or a database failure.
//
// Valid records are written while later rows are still being read, in one
// transaction that is committed only at the end (and rolled back when the
// file turns out to have an invalid row and opt.SkipInvalid is false), so
// the store's writer is held from the header row on: progress must not
// write to the store (it would wait for the import to end).
//
// progress, if not nil, is called from the calling goroutine: while parsing
// about every 1,000 rows (with the records written so far), then while
// writing what is left about every 1,000 records.
func (im *Importer) Import(ctx context.Context, r io.Reader, filename string, opt Options, progress func(Progress)) (*Report, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	src, rep, err := openSource(r, filename)
	if err != nil {
		return nil, err
	}
	defer src.close()
	rep.DryRun = opt.DryRun
	rep.Errors, rep.Warnings = []Issue{}, []Issue{}
	conv, err := im.readHeader(src, rep, opt)
	if err != nil {
		return nil, err
	}
	col := newCollector(rep, limit(opt.MaxErrors, DefaultMaxErrors))
	if opt.DryRun {
		if err := parseRows(ctx, src, conv, col, progress, nil); err != nil {
			return nil, err
		}
		rep.Encoding = src.encoding()
		if rep.TotalRows == 0 {
			return nil, ErrEmptyFile
		}
		if err := im.preview(ctx, rep, col, limit(opt.PreviewLimit, DefaultPreviewLimit)); err != nil {
			return nil, err
		}
		return rep, nil
	}
	if err := im.parseAndWrite(ctx, src, conv, col, opt, progress); err != nil {
		return nil, err
	}
	return rep, nil
}

// parseAndWrite parses the rows and writes the valid records as they come,
// committing only if the whole file may be written.
func (im *Importer) parseAndWrite(ctx context.Context, src rowSource, conv *converter, col *collector, opt Options, progress func(Progress)) error {
	rep := col.rep
	bulk, err := im.repo.BeginBulk(ctx)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	w := startWriter(bulk)
	defer func() {
		if w != nil {
			w.rollback()
		}
	}()
	// rollback gives the writer up at once (nothing will be written).
	rollback := func() {
		w.rollback()
		w = nil
	}
	err = parseRows(ctx, src, conv, col, progress, func() int {
		if w == nil {
			return 0
		}
		if rep.InvalidRows > 0 && !opt.SkipInvalid {
			rollback() // all or nothing: nothing, then
			return 0
		}
		w.publish(col.records)
		return int(w.written.Load())
	})
	if err != nil {
		return err
	}
	rep.Encoding = src.encoding()
	if rep.TotalRows == 0 {
		return ErrEmptyFile
	}
	if w == nil || rep.ValidRows == 0 {
		return nil // nothing to write
	}
	w.close()
	total := len(col.records)
	reported := int(w.written.Load())
	progress(Progress{Phase: PhaseWrite, Parsed: rep.TotalRows, Written: reported, Total: total})
	for waiting := true; waiting; {
		select {
		case <-w.wrote:
		case <-w.done:
			waiting = false
		case <-ctx.Done():
			return ctx.Err()
		}
		if n := int(w.written.Load()); n/progressEvery > reported/progressEvery && n < total {
			reported = n
			progress(Progress{Phase: PhaseWrite, Parsed: rep.TotalRows, Written: n, Total: total})
		}
	}
	if w.err != nil {
		return col.writeError(w.err)
	}
	res, err := bulk.Commit()
	w = nil
	if err != nil {
		return col.writeError(err)
	}
	rep.Created, rep.Updated, rep.Written = res.Created, res.Updated, true
	progress(Progress{Phase: PhaseWrite, Parsed: rep.TotalRows, Written: total, Total: total})
	return nil
}

// readHeader finds the header row (the first of the first few non-empty
// rows that names a name column) and reports columns it does not know.
func (im *Importer) readHeader(src rowSource, rep *Report, opt Options) (*converter, error) {
	skipped := 0
	for skipped < headerSearchRows {
		line, fields, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if blank(fields) {
			continue
		}
		l, ok := readLayout(fields)
		if !ok {
			skipped++
			continue
		}
		if skipped > 0 {
			rep.Warnings = append(rep.Warnings, Issue{Line: line, Reason: reasonSkippedRows})
		}
		if x, ok := src.(*xlsxSource); ok && x.extra > 0 {
			rep.Warnings = append(rep.Warnings, Issue{Line: line, Value: x.sheet, Reason: reasonOtherSheets})
		}
		for _, i := range l.unknown {
			rep.Warnings = append(rep.Warnings, Issue{Line: line, Value: fields[i], Reason: reasonUnknownColumn})
		}
		for _, i := range l.dup {
			rep.Warnings = append(rep.Warnings, Issue{Line: line, Value: fields[i], Reason: reasonDupColumn})
		}
		company := opt.CompanyID
		if sole, ok := im.companies.(interface{ SoleCompany() (int64, bool) }); ok && company == 0 {
			company, _ = sole.SoleCompany()
		}
		serial := noSerials
		if x, ok := src.(*xlsxSource); ok {
			serial = x.serials()
		}
		return &converter{l: l, companies: im.companies, company: company, serial: serial}, nil
	}
	if skipped == 0 {
		return nil, ErrEmptyFile
	}
	return nil, ErrNoNameColumn
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// preview says, for a dry run, which valid rows would create or update.
func (im *Importer) preview(ctx context.Context, rep *Report, col *collector, max int) error {
	exists, err := im.repo.ExistingKeys(ctx)
	if err != nil {
		return fmt.Errorf("import preview: %w", err)
	}
	for i, a := range col.records {
		action := ActionCreate
		if exists(a.CompanyID, a.EmployeeNumber, a.Email) {
			action = ActionUpdate
			rep.Updated++
		} else {
			rep.Created++
		}
		if len(rep.Preview) < max {
			rep.Preview = append(rep.Preview, PreviewRow{Line: col.lines[i], Action: action,
				EmployeeNumber: a.EmployeeNumber, Name: a.Name, Email: a.Email})
		}
	}
	return nil
}

// writeError names the line of the record a bulk write failed on.
func (col *collector) writeError(err error) error {
	var re *alumni.RecordError
	if errors.As(err, &re) && re.Index >= 0 && re.Index < len(col.lines) {
		line := col.lines[re.Index]
		if errors.Is(err, alumni.ErrDuplicate) {
			return ErrConflict.Withf("%d行目", "line %d", line).Wrap(err)
		}
		return fmt.Errorf("import line %d: %w", line, err)
	}
	return fmt.Errorf("import: %w", err)
}
