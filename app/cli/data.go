package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/alumniio"
	"github.com/kizuna-hr/kizuna/app/backup"
	"github.com/kizuna-hr/kizuna/app/fault"
)

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
				opt := alumniio.Options{DryRun: dryRun, SkipInvalid: skipInvalid}
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
				rep, err := a.data.ImportFile(ctx, args[0], args[0], opt, bar.update)
				bar.done()
				if err != nil {
					return err
				}
				return printImportReport(e.stdout, rep)
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

func (p *progressPrinter) update(pr alumniio.Progress) {
	label := map[string]string{alumniio.PhaseRead: "読み込み / reading", alumniio.PhaseWrite: "書き込み / writing"}[pr.Phase]
	done, total := pr.Parsed, pr.Total
	if pr.Phase == alumniio.PhaseWrite {
		done = pr.Written
	}
	if label != "" && total > 0 {
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
			if _, ok := alumniio.Formats[format]; !ok {
				return usageError{fmt.Errorf("--format は csv, csv-sjis, json のいずれかです / --format must be csv, csv-sjis or json")}
			}
			return e.withApp(cmd.Context(), func(a *app) error {
				ctx := cliActor(cmd.Context())
				if out == "" || out == "-" {
					return a.data.ExportTo(ctx, e.stdout, format, true)
				}
				return exportToFile(ctx, a, format, out)
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
				if err := a.backups.Backup(ctx, args[0]); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "バックアップしました / backed up to %s\n", args[0])
				return nil
			})
		},
	}
}

var errRestoreBusy = fault.New(fault.Conflict, "backup.host_running",
	"Kizuna が起動中です。プラグインを含むバックアップは、起動中のコンソールの「エクスポート・バックアップ」画面から復元してください",
	"Kizuna is running; restore a backup that holds plugins from the console's Export & backup page")

func restoreCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "バックアップから復元（検査してから置き換え） / restore from a backup (checked before anything is replaced)",
		Args:  exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Plugin folders are replaced only while no Kizuna runs their plugins.
			if holds, _ := backup.HoldsPlugins(cmd.Context(), args[0]); holds {
				release, err := e.holdData(errRestoreBusy)
				if err != nil {
					return err
				}
				defer release()
			}
			return e.withApp(cmd.Context(), func(a *app) error {
				ctx := cliActor(cmd.Context())
				if err := a.backups.Restore(ctx, args[0], args[0]); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "復元しました（復元前のデータは backups フォルダに保存） / restored from %s (the data before is in the backups folder)\n", args[0])
				return nil
			})
		},
	}
}

// exportToFile writes an export to path, reporting a failed close (a full disk).
func exportToFile(ctx context.Context, a *app, format, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := a.data.ExportTo(ctx, f, format, true); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
