package alumniio

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

// Export formats.
const (
	ExportCSV     = "csv"      // UTF-8 with BOM, CRLF: Excel opens it as is
	ExportCSVSJIS = "csv-sjis" // Shift_JIS (CP932), CRLF, for older Excel and HR systems
	ExportJSON    = "json"     // an array of alumni
)

// Lister streams every stored alumnus; *alumni.Repo is one.
type Lister interface {
	Each(ctx context.Context, fn func(*alumni.Alumnus) error) error
}

// ExportOptions choose what Export writes.
type ExportOptions struct {
	Format string // ExportCSV, ExportCSVSJIS or ExportJSON
	// IncludeHROnly adds the HR-only fields (leave reason, rehire
	// eligibility, notes); only for callers with alumni.read_private.
	IncludeHROnly bool
	// Companies names each record's company (its id is written when nil or
	// when it does not know the id).
	Companies CompanyNamer
}

// ExportResult says what Export wrote.
type ExportResult struct {
	Rows int `json:"rows"`
	// Replaced counts, for csv-sjis, characters Shift_JIS cannot hold (such
	// as 𠮷 or emoji) that were written as "?". Excel users need a file that
	// opens, so the export does not fail; callers should tell the user when
	// it is not 0 and suggest the UTF-8 csv.
	Replaced int `json:"replaced"`
}

// ContentType is the MIME type of an export format.
func ContentType(format string) string {
	switch format {
	case ExportCSV:
		return "text/csv; charset=utf-8"
	case ExportCSVSJIS:
		return "text/csv; charset=shift_jis"
	}
	return "application/json"
}

// FileName is the download name of an export made at t, e.g.
// "alumni-20260401-093000.csv".
func FileName(format string, t time.Time) string {
	ext := ".csv"
	if format == ExportJSON {
		ext = ".json"
	}
	return "alumni-" + t.Format("20060102-150405") + ext
}

// Export writes every alumnus from src to w in opt.Format, streaming.
func Export(ctx context.Context, w io.Writer, src Lister, opt ExportOptions) (ExportResult, error) {
	var res ExportResult
	var err error
	switch opt.Format {
	case ExportCSV, ExportCSVSJIS:
		err = exportCSV(ctx, w, src, opt, &res)
	case ExportJSON:
		err = exportJSON(ctx, w, src, opt, &res)
	default:
		return res, ErrUnknownFormat
	}
	if err != nil {
		return res, fmt.Errorf("export %s: %w", opt.Format, err)
	}
	return res, nil
}

// exportColumn is one CSV column: its header (an import header, so the file
// re-imports) and its value.
type exportColumn struct {
	header string
	hrOnly bool
	value  func(a *alumni.Alumnus, company string) string
}

func listCell(l []string) string { return strings.Join(l, "、") }

var exportColumns = []exportColumn{
	{"会社", false, func(_ *alumni.Alumnus, c string) string { return c }},
	{"社員番号", false, func(a *alumni.Alumnus, _ string) string { return a.EmployeeNumber }},
	{"氏名", false, func(a *alumni.Alumnus, _ string) string { return a.Name }},
	{"フリガナ", false, func(a *alumni.Alumnus, _ string) string { return a.NameReading }},
	{"メールアドレス", false, func(a *alumni.Alumnus, _ string) string { return a.Email }},
	{"その他のメールアドレス", false, func(a *alumni.Alumnus, _ string) string { return listCell(a.OtherEmails) }},
	{"部署", false, func(a *alumni.Alumnus, _ string) string { return a.Department }},
	{"役職", false, func(a *alumni.Alumnus, _ string) string { return a.Position }},
	{"入社日", false, func(a *alumni.Alumnus, _ string) string { return a.JoinDate }},
	{"退職日", false, func(a *alumni.Alumnus, _ string) string { return a.LeaveDate }},
	{"退職理由", true, func(a *alumni.Alumnus, _ string) string { return a.LeaveReason }},
	{"再雇用可否", true, func(a *alumni.Alumnus, _ string) string { return rehireLabels[a.RehireEligibility] }},
	{"現在の勤務先", false, func(a *alumni.Alumnus, _ string) string { return a.CurrentEmployer }},
	{"業界", false, func(a *alumni.Alumnus, _ string) string { return a.Industry }},
	{"職種", false, func(a *alumni.Alumnus, _ string) string { return a.JobType }},
	{"スキル", false, func(a *alumni.Alumnus, _ string) string { return listCell(a.Skills) }},
	{"興味・関心", false, func(a *alumni.Alumnus, _ string) string { return listCell(a.Interests) }},
	{"タグ", false, func(a *alumni.Alumnus, _ string) string { return listCell(a.Tags) }},
	{"元上司", false, func(a *alumni.Alumnus, _ string) string { return a.FormerManager }},
	{"備考", true, func(a *alumni.Alumnus, _ string) string { return a.Notes }},
}

func exportCSV(ctx context.Context, w io.Writer, src Lister, opt ExportOptions, res *ExportResult) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var out io.Writer = bw
	var sjis *transform.Writer
	cell := func(s string) string { return s }
	if opt.Format == ExportCSVSJIS {
		sjis = transform.NewWriter(bw, japanese.ShiftJIS.NewEncoder())
		out = sjis
		cp := newCP932Filter()
		cell = func(s string) string {
			s, n := cp.filter(s)
			res.Replaced += n
			return s
		}
	} else {
		bw.Write(utf8BOM)
	}
	cw := csv.NewWriter(out)
	cw.UseCRLF = true
	var cols []exportColumn
	var record []string
	for _, c := range exportColumns {
		if opt.IncludeHROnly || !c.hrOnly {
			cols = append(cols, c)
			record = append(record, c.header)
		}
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	err := src.Each(ctx, func(a *alumni.Alumnus) error {
		company := companyName(opt.Companies, a.CompanyID)
		for i, c := range cols {
			record[i] = cell(defuseFormula(c.value(a, company)))
		}
		res.Rows++
		return cw.Write(record)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if sjis != nil {
		if err := sjis.Close(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func companyName(n CompanyNamer, id int64) string {
	if n != nil {
		if name := n.CompanyName(id); name != "" {
			return name
		}
	}
	return strconv.FormatInt(id, 10)
}

// jsonAlumnus is an exported alumnus with its company's name.
type jsonAlumnus struct {
	*alumni.Alumnus
	CompanyName string `json:"company_name"`
}

func exportJSON(ctx context.Context, w io.Writer, src Lister, opt ExportOptions, res *ExportResult) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	bw.WriteString("[")
	err := src.Each(ctx, func(a *alumni.Alumnus) error {
		if !opt.IncludeHROnly {
			c := *a
			c.LeaveReason, c.RehireEligibility, c.Notes = "", "", ""
			a = &c
		}
		if res.Rows > 0 {
			bw.WriteString(",")
		}
		res.Rows++
		return enc.Encode(jsonAlumnus{a, companyName(opt.Companies, a.CompanyID)})
	})
	if err != nil {
		return err
	}
	bw.WriteString("]\n")
	return bw.Flush()
}
