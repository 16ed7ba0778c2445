package main

import (
	"embed"
	"net/http"

	"github.com/kizuna-hr/kizuna/sdk"
)

// The builder's and the form's scripts: the host's sandbox allows only
// scripts of the plugin's own origin, never inline ones.
//
//go:embed static/*.js
var staticFiles embed.FS

// asset serves static/{file} to any caller.
func (p *Surveys) asset(w http.ResponseWriter, r *http.Request) {
	b, err := staticFiles.ReadFile("static/" + r.PathValue("file"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(b)
}

// preview shows the saved survey as the alumnus sees it (nothing can be sent).
func (p *Surveys) preview(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	return render(w, http.StatusOK, "form", map[string]any{"S": sv, "A": map[string]Answer{}, "Errors": map[string]FieldError{},
		"Preview": true, "Closes": sv.ClosesAt.In(jst).AddDate(0, 0, -1).Format("2006年1月2日"), "Static": "../../static/"})
}
