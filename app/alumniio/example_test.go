package alumniio_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/alumniio"
	"github.com/kizuna-hr/kizuna/app/companies"
	"github.com/kizuna-hr/kizuna/app/store"
)

// withStore opens the database and its companies, as the CLI and server do
// once, and runs fn.
func withStore(fn func(ctx context.Context, repo *alumni.Repo, companies *alumniio.CompanyIndex) error) {
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv("KIZUNA_DATA"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	companies, err := alumniio.LoadCompanies(ctx, companies.NewRepo(st))
	if err == nil {
		err = fn(ctx, alumni.NewRepo(st), companies)
	}
	if err != nil {
		fmt.Println(err) // a *fault.Error, "日本語 / English"
	}
}

// Importing a leaver list from the CLI: a dry run that previews the result.
func ExampleImporter_Import() {
	withStore(func(ctx context.Context, repo *alumni.Repo, companies *alumniio.CompanyIndex) error {
		f, err := os.Open("退職者一覧.csv")
		if err != nil {
			return err
		}
		defer f.Close()
		im := alumniio.NewImporter(repo, companies)
		rep, err := im.Import(ctx, f, f.Name(), alumniio.Options{DryRun: true}, func(p alumniio.Progress) {
			fmt.Fprintf(os.Stderr, "\r%s %d/%d", p.Phase, p.Written, p.Total)
		})
		if err != nil { // the file as a whole is unusable; nothing was written
			return err
		}
		for _, e := range rep.Errors {
			fmt.Printf("%d行目 %s %q: %s\n", e.Line, e.Field, e.Value, e.Reason)
		}
		fmt.Printf("作成 %d / 更新 %d\n", rep.Created, rep.Updated)
		return nil
	})
}

// Exporting for Excel; an HTTP handler writes to its http.ResponseWriter
// after setting Content-Type and Content-Disposition.
func ExampleExport() {
	withStore(func(ctx context.Context, repo *alumni.Repo, companies *alumniio.CompanyIndex) error {
		format := alumniio.ExportCSVSJIS
		name := alumniio.FileName(format, time.Now()) // alumni-20260401-093000.csv
		fmt.Println("Content-Type:", alumniio.ContentType(format), "file:", name)
		res, err := alumniio.Export(ctx, os.Stdout, repo, alumniio.ExportOptions{
			Format: format, IncludeHROnly: false, Companies: companies})
		if err == nil && res.Replaced > 0 {
			fmt.Printf("Shift_JIS で表せない %d 文字を ? にしました / %d characters replaced by ?\n", res.Replaced, res.Replaced)
		}
		return err
	})
}
