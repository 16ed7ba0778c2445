// Command kizuna is Kizuna, the alumni network for HR teams: one binary that
// opens the HR desktop window and serves the alumni portal (and, with
// `kizuna serve`, the HR console in a browser). See README.md.
package main

import (
	"context"
	"embed"
	"io/fs"
	"os"

	"github.com/kizuna-hr/kizuna/app/cli"
)

// The built single-page app (npm --prefix frontend run build). The folder
// keeps a .gitkeep so that the package compiles before the first build.
//
//go:embed all:frontend/dist
var dist embed.FS

func main() {
	assets, err := fs.Sub(dist, "frontend/dist")
	if err != nil {
		panic(err)
	}
	os.Exit(cli.Execute(context.Background(), assets))
}
