package alumniio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

// Upserter writes records all-or-nothing and says which keys are stored;
// *alumni.Repo is one.
type Upserter interface {
	Upsert(ctx context.Context, records []*alumni.Alumnus, progress func(done int)) (alumni.UpsertResult, error)
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
// progress, if not nil, is called from the calling goroutine: while parsing
// about every 1,000 rows, then while writing every 1,000 records.
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
	if err := parseRows(ctx, src, conv, col, progress); err != nil {
		return nil, err
	}
	rep.Encoding = src.encoding()
	if rep.TotalRows == 0 {
		return nil, ErrEmptyFile
	}
	switch {
	case opt.DryRun:
		err = im.preview(ctx, rep, col, limit(opt.PreviewLimit, DefaultPreviewLimit))
	case rep.InvalidRows > 0 && !opt.SkipInvalid, rep.ValidRows == 0:
		// nothing to write
	default:
		err = im.write(ctx, rep, col, progress)
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
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

// write upserts the valid records in one transaction.
func (im *Importer) write(ctx context.Context, rep *Report, col *collector, progress func(Progress)) error {
	total := len(col.records)
	progress(Progress{Phase: PhaseWrite, Parsed: rep.TotalRows, Total: total})
	res, err := im.repo.Upsert(ctx, col.records, func(done int) {
		progress(Progress{Phase: PhaseWrite, Parsed: rep.TotalRows, Written: done, Total: total})
	})
	if err != nil {
		return col.writeError(err)
	}
	rep.Created, rep.Updated, rep.Written = res.Created, res.Updated, true
	return nil
}

// writeError names the line of the record Upsert failed on.
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
