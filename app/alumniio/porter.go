package alumniio

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/companies"
)

// PhaseRead is reported while the file is being read (Parsed counts bytes).
const PhaseRead = "read"

// CompanyLister lists the group companies; *companies.Repo is one.
type CompanyLister interface {
	List(ctx context.Context) ([]companies.Company, error)
}

// Auditor records imports and exports of personal data.
type Auditor interface {
	Record(ctx context.Context, action, subject, detail string) error
}

// Porter is import and export as the console, the API and the CLI use them:
// it resolves companies, audits every import and export, and tells the
// directory when records were written.
type Porter struct {
	repo      *alumni.Repo
	companies CompanyLister
	audit     Auditor
	onWritten func()
}

// NewPorter wires import and export; onWritten is called after an import wrote records.
func NewPorter(repo *alumni.Repo, companies CompanyLister, audit Auditor, onWritten func()) *Porter {
	return &Porter{repo: repo, companies: companies, audit: audit, onWritten: onWritten}
}

// Formats maps each export format to its file extension.
var Formats = map[string]string{ExportCSV: ".csv", ExportCSVSJIS: ".csv", ExportJSON: ".json"}

// ImportFile imports the file at path (name is the file's original name,
// which helps recognise its format) and audits the result.
func (p *Porter) ImportFile(ctx context.Context, path, name string, opt Options, progress func(Progress)) (*Report, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open import file: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	companies, err := LoadCompanies(ctx, p.companies)
	if err != nil {
		return nil, err
	}
	r := &countingReader{r: f, size: st.Size(), progress: progress}
	rep, err := NewImporter(p.repo, companies).Import(ctx, r, name, opt, progress)
	if err != nil {
		return nil, err
	}
	action := "alumni.import"
	if opt.DryRun {
		action = "alumni.import_preview"
	}
	detail := fmt.Sprintf("file=%q rows=%d created=%d updated=%d invalid=%d written=%t",
		filepath.Base(name), rep.TotalRows, rep.Created, rep.Updated, rep.InvalidRows, rep.Written)
	if err := p.audit.Record(ctx, action, "alumni", detail); err != nil {
		return nil, err
	}
	if rep.Written && p.onWritten != nil {
		p.onWritten()
	}
	return rep, nil
}

// ExportTo writes every alumnus in format; HR-only fields only when private.
// The export is audited.
func (p *Porter) ExportTo(ctx context.Context, w io.Writer, format string, private bool) error {
	if _, ok := Formats[format]; !ok {
		return ErrUnknownFormat
	}
	companies, err := LoadCompanies(ctx, p.companies)
	if err != nil {
		return err
	}
	if err := p.audit.Record(ctx, "alumni.export", "alumni", fmt.Sprintf("format=%s hr_only=%t", format, private)); err != nil {
		return err
	}
	_, err = Export(ctx, w, p.repo, ExportOptions{Format: format, IncludeHROnly: private, Companies: companies})
	return err
}

// countingReader reports, in whole percent steps, how much of a file was read.
type countingReader struct {
	r        io.Reader
	size     int64
	read     int64
	progress func(Progress)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	before := c.read * 100 / max(c.size, 1)
	c.read += int64(n)
	if after := c.read * 100 / max(c.size, 1); after != before {
		c.progress(Progress{Phase: PhaseRead, Parsed: int(c.read), Total: int(c.size)})
	}
	return n, err
}
