package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/alumniio"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/httpapi"
)

// dataPorter adapts alumniio to the HTTP layer and the CLI.
type dataPorter struct{ a *app }

func newDataPorter(a *app) *dataPorter { return &dataPorter{a: a} }

func (d *dataPorter) companyIndex(ctx context.Context) (*alumniio.CompanyIndex, error) {
	list, err := d.a.companies.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]alumniio.Company, len(list))
	for i, c := range list {
		out[i] = alumniio.Company{ID: c.ID, Code: c.Code, Name: c.Name}
	}
	return alumniio.NewCompanyIndex(out), nil
}

// Import implements httpapi.DataPorter.
func (d *dataPorter) Import(ctx context.Context, file, name string, opt httpapi.ImportOptions, progress func(phase string, done, total int)) (any, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, _ := f.Stat()
	companies, err := d.companyIndex(ctx)
	if err != nil {
		return nil, err
	}
	im := alumniio.NewImporter(d.a.alumniRepo, companies)
	rep, err := im.Import(ctx, newCountingReader(f, st.Size(), progress), name,
		alumniio.Options{DryRun: opt.DryRun, SkipInvalid: opt.SkipInvalid, CompanyID: opt.CompanyID},
		func(p alumniio.Progress) {
			if p.Phase == alumniio.PhaseWrite {
				progress(p.Phase, p.Written, p.Total)
			}
		})
	if err != nil {
		return nil, err
	}
	action := "alumni.import"
	if opt.DryRun {
		action = "alumni.import_preview"
	}
	detail := fmt.Sprintf("file=%q rows=%d created=%d updated=%d invalid=%d written=%t", filepath.Base(name), rep.TotalRows, rep.Created, rep.Updated, rep.InvalidRows, rep.Written)
	if err := d.a.audit.Record(ctx, action, "alumni", detail); err != nil {
		return nil, err
	}
	if rep.Written {
		d.a.alumni.Directory().Invalidate()
	}
	return rep, nil
}

// Export implements httpapi.DataPorter.
func (d *dataPorter) Export(ctx context.Context, w io.Writer, format string, private bool) error {
	companies, err := d.companyIndex(ctx)
	if err != nil {
		return err
	}
	_, err = alumniio.Export(ctx, w, d.a.alumniRepo, alumniio.ExportOptions{Format: format, IncludeHROnly: private, Companies: companies})
	return err
}

// ExportFormats implements httpapi.DataPorter.
func (d *dataPorter) ExportFormats() map[string]string {
	return map[string]string{alumniio.ExportCSV: ".csv", alumniio.ExportCSVSJIS: ".csv", alumniio.ExportJSON: ".json"}
}

// countingReader reports how far through a file parsing is.
type countingReader struct {
	r        io.Reader
	size     int64
	read     int64
	progress func(phase string, done, total int)
}

func newCountingReader(r io.Reader, size int64, progress func(string, int, int)) io.Reader {
	return &countingReader{r: r, size: size, progress: progress}
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	before := c.read * 100 / max(c.size, 1)
	c.read += int64(n)
	if after := c.read * 100 / max(c.size, 1); after != before {
		c.progress("read", int(c.read), int(c.size))
	}
	return n, err
}

func importCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "データの取り込み / import data"}
	var dryRun, skipInvalid bool
	var company string
	alumniCmd := &cobra.Command{
		Use:   "alumni FILE",
		Short: "退職者リスト（CSV・TSV・XLSX）を取り込む / import a leaver list (CSV, TSV, XLSX)",
		Long: `退職者リストを取り込みます。文字コード（UTF-8、BOM付きUTF-8、Shift_JIS）は自動判別します。
既定では、すべての行が正しい場合にだけ書き込みます。--skip-invalid で正しい行だけを取り込み、
--dry-run で書き込まずに確認します。社員番号（なければメールアドレス）が一致する人は更新します。
終了コード: 0 成功、3 不正な行があり何も書き込んでいない、1 その他のエラー。

Imports a leaver list; the encoding is detected. By default nothing is written
unless every row is valid; --skip-invalid imports the good rows; --dry-run only
checks. Exit codes: 0 ok, 3 invalid rows (nothing written), 1 other errors.`,
		Args: exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withApp(cmd.Context(), func(a *app) error {
				ctx := cliActor(cmd.Context())
				opt := httpapi.ImportOptions{DryRun: dryRun, SkipInvalid: skipInvalid}
				if company != "" {
					c, ok, err := a.companies.Lookup(ctx, company)
					if err != nil {
						return err
					}
					if !ok {
						return usageError{fmt.Errorf("会社 %q が見つかりません / unknown company %q", company, company)}
					}
					opt.CompanyID = c.ID
				}
				if _, err := os.Stat(args[0]); err != nil {
					return fmt.Errorf("ファイルを開けません / cannot open the file: %w", err)
				}
				bar := newProgressPrinter(e.stderr)
				rep, err := a.data.Import(ctx, args[0], args[0], opt, bar.update)
				bar.done()
				if err != nil {
					return err
				}
				return printImportReport(e.stdout, rep.(*alumniio.Report))
			})
		},
	}
	alumniCmd.Flags().BoolVar(&dryRun, "dry-run", false, "書き込まずに確認 / check only, write nothing")
	alumniCmd.Flags().BoolVar(&skipInvalid, "skip-invalid", false, "不正な行を飛ばして取り込む / import the valid rows, report the rest")
	alumniCmd.Flags().StringVar(&company, "company", "", "会社コードまたは会社名（列がない場合） / company code or name for rows without one")
	cmd.AddCommand(alumniCmd)
	return cmd
}

// errRowsRejected makes the exit code 3 when invalid rows stopped an import.
var errRowsRejected = fault.New(fault.Invalid, "import.rejected",
	"不正な行があるため何も取り込んでいません（--skip-invalid で正しい行だけを取り込めます）",
	"nothing was imported because some rows are invalid (use --skip-invalid to import the valid rows)")

func printImportReport(w io.Writer, rep *alumniio.Report) error {
	fmt.Fprintf(w, "形式 / format: %s, 文字コード / encoding: %s\n", rep.Format, rep.Encoding)
	fmt.Fprintf(w, "行数 / rows: %d, 正常 / valid: %d, 不正 / invalid: %d\n", rep.TotalRows, rep.ValidRows, rep.InvalidRows)
	for _, is := range rep.Warnings {
		fmt.Fprintf(w, "注意 / warning: %s\n", is.Reason)
	}
	for _, is := range rep.Errors {
		fmt.Fprintf(w, "%d行目 / line %d: [%s] %q %s\n", is.Line, is.Line, is.Field, is.Value, is.Reason)
	}
	if rep.ErrorsOmitted > 0 {
		fmt.Fprintf(w, "ほか %d 件のエラー / %d more errors\n", rep.ErrorsOmitted, rep.ErrorsOmitted)
	}
	switch {
	case rep.DryRun:
		fmt.Fprintf(w, "確認のみ（書き込みなし） / dry run, nothing written: %d 件追加予定 / to create, %d 件更新予定 / to update\n", rep.Created, rep.Updated)
	case rep.Written:
		fmt.Fprintf(w, "取り込みました / imported: 追加 / created %d, 更新 / updated %d\n", rep.Created, rep.Updated)
	default:
		return errRowsRejected
	}
	return nil
}

// progressPrinter draws a one-line progress indicator on a terminal stream.
type progressPrinter struct {
	w     io.Writer
	shown bool
}

func newProgressPrinter(w io.Writer) *progressPrinter { return &progressPrinter{w: w} }

func (p *progressPrinter) update(phase string, done, total int) {
	label := map[string]string{"read": "読み込み / reading", "write": "書き込み / writing"}[phase]
	if total > 0 {
		fmt.Fprintf(p.w, "\r%s %3d%%", label, done*100/total)
		p.shown = true
	}
}

func (p *progressPrinter) done() {
	if p.shown {
		fmt.Fprintln(p.w)
	}
}

func exportCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "export", Short: "データの書き出し / export data"}
	var format, out string
	alumniCmd := &cobra.Command{
		Use:   "alumni",
		Short: "アルムナイを書き出す（csv: Excel 用 UTF-8 BOM付き, csv-sjis, json） / export alumni",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, ok := (&dataPorter{}).ExportFormats()[format]; !ok {
				return usageError{fmt.Errorf("--format は csv, csv-sjis, json のいずれかです / --format must be csv, csv-sjis or json")}
			}
			return e.withApp(cmd.Context(), func(a *app) error {
				ctx := cliActor(cmd.Context())
				w := e.stdout
				if out != "" && out != "-" {
					f, err := os.Create(out)
					if err != nil {
						return err
					}
					defer f.Close()
					w = f
				}
				if err := a.audit.Record(ctx, "alumni.export", "alumni", "format="+format); err != nil {
					return err
				}
				return a.data.Export(ctx, w, format, true)
			})
		},
	}
	alumniCmd.Flags().StringVar(&format, "format", "csv", "形式 / format: csv, csv-sjis, json")
	alumniCmd.Flags().StringVarP(&out, "output", "o", "", "出力ファイル（省略時は標準出力） / output file (default: standard output)")
	cmd.AddCommand(alumniCmd)
	return cmd
}

func backupCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "データをバックアップ（起動中でも可） / back up the data (works while Kizuna runs)",
		Args:  exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withApp(cmd.Context(), func(a *app) error {
				ctx := cliActor(cmd.Context())
				if err := a.store.Backup(ctx, args[0]); err != nil {
					return err
				}
				a.audit.Record(ctx, "backup.create", "database", args[0])
				fmt.Fprintf(e.stdout, "バックアップしました / backed up to %s\n", args[0])
				return nil
			})
		},
	}
}

func restoreCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "バックアップから復元（検査してから置き換え） / restore from a backup (checked before anything is replaced)",
		Args:  exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return e.withApp(cmd.Context(), func(a *app) error {
				ctx := cliActor(cmd.Context())
				safety, err := a.store.Restore(ctx, args[0])
				if err != nil {
					return err
				}
				a.audit.Record(ctx, "backup.restore", "database", args[0])
				fmt.Fprintf(e.stdout, "復元しました / restored from %s\n復元前のデータ / the data before: %s\n", args[0], safety)
				return nil
			})
		},
	}
}
