package main

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strconv"
	"strings"
)

//go:embed pages/*.html
var pageFiles embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"has": func(a Answer, id string) bool {
		for _, c := range a.Choices {
			if c == id {
				return true
			}
		}
		return false
	},
	"is": func(a Answer, v int) bool { return a.Value != nil && *a.Value == v },
	"rng": func(lo, hi int) []int {
		var out []int
		for i := lo; i <= hi; i++ {
			out = append(out, i)
		}
		return out
	},
	"pct": func(n, of int) string {
		if of == 0 {
			return "0"
		}
		return strconv.FormatFloat(100*float64(n)/float64(of), 'f', 1, 64)
	},
	"day":   func(s string) string { return strings.ReplaceAll(s, "-", "/") },
	"ymd":   func(sv *Survey) string { return sv.ClosesAt.In(jst).AddDate(0, 0, -1).Format("2006-01-02") },
	"cross": func() []struct{ Key, JA, EN string } { return SegmentAttrs },
}).ParseFS(pageFiles, "pages/*.html"))

// render writes a page; a template error answers 500 without half a page.
func render(w http.ResponseWriter, status int, name string, data any) error {
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}
