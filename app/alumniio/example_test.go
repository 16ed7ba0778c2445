package alumniio_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/alumniio"
	"github.com/kizuna-hr/kizuna/app/store"
)

// open opens the database and its companies, as the CLI and server do once.
func open(ctx context.Context) (*store.Store, *alumniio.CompanyIndex, error) {
	st, err := store.Open(ctx, os.Getenv("KIZUNA_DATA"), nil)
	if err != nil {
		return nil, nil, err
	}
	companies, err := alumniio.LoadCompanies(ctx, st.R)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, companies, nil
}

// Importing a leaver list from the CLI: a dry run first, then the import.
func ExampleImporter_Import() {
	ctx := context.Background()
	st, companies, err := open(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	im := alumniio.NewImporter(alumni.NewRepo(st), companies)
	f, err := os.Open("退職者一覧.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	rep, err := im.Import(ctx, f, f.Name(), alumniio.Options{DryRun: true}, func(p alumniio.Progress) {
		fmt.Fprintf(os.Stderr, "\r%s %d/%d", p.Phase, p.Written, p.Total)
	})
	if err != nil { // a *fault.Error: the file as a whole is unusable
		fmt.Println(err)
		return
	}
	for _, e := range rep.Errors {
		fmt.Printf("%d行目 %s %q: %s\n", e.Line, e.Field, e.Value, e.Reason)
	}
	fmt.Printf("作成 %d / 更新 %d\n", rep.Created, rep.Updated)
}

// Exporting for Excel from an HTTP handler would write to the
// http.ResponseWriter after setting Content-Type and Content-Disposition.
func ExampleExport() {
	ctx := context.Background()
	st, companies, err := open(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	format := alumniio.ExportCSVSJIS
	name := alumniio.FileName(format, time.Now()) // alumni-20260401-093000.csv
	fmt.Println("Content-Type:", alumniio.ContentType(format), "file:", name)
	res, err := alumniio.Export(ctx, os.Stdout, alumni.NewRepo(st), alumniio.ExportOptions{
		Format: format, IncludeHROnly: false, Companies: companies})
	if err != nil {
		fmt.Println(err)
		return
	}
	if res.Replaced > 0 {
		fmt.Printf("Shift_JIS で表せない %d 文字を ? にしました / %d characters replaced by ?\n", res.Replaced, res.Replaced)
	}
}
