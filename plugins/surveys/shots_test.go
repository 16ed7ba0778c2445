package main

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/sdk/ui"
)

// TestWritePagesForScreenshots writes the builder, the form and the results
// as HTML files (stylesheet inlined) into $SURVEYS_SHOTS for a browser to
// photograph; skipped without it.
func TestWritePagesForScreenshots(t *testing.T) {
	dir := os.Getenv("SURVEYS_SHOTS")
	if dir == "" {
		t.Skip("SURVEYS_SHOTS not set")
	}
	h, _, sv := fixture(t, 12, true)
	for i := int64(1); i <= 12; i++ {
		f := good()
		f.Set("q.nps", fmt.Sprint(i%11))
		f.Set("q.status", []string{"employee", "founder", "freelance"}[i%3])
		if i%3 == 1 {
			f.Set("t.founder_stage", "single")
			f.Set("q.founder_stage", "early")
		}
		post(h, fmt.Sprintf("/s/%d", sv.ID), f, alum(i))
	}
	write := func(name, path string, c bool) {
		caller := hr
		if c {
			caller = alum(1)
		}
		res := h.Do("GET", path, nil, caller)
		b, _ := io.ReadAll(res.Body)
		page := strings.Replace(string(b), `<link rel="stylesheet" href="/plugins/_sdk/kizuna.css">`, "<style>"+string(ui.CSS)+"</style>", 1)
		out := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(out), 0o755)
		if err := os.WriteFile(out, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("surveys/1/edit.html", fmt.Sprintf("/surveys/%d/edit", sv.ID), false)
	write("surveys/1/results.html", fmt.Sprintf("/surveys/%d/results?by=job_type&cq=nps&search=", sv.ID), false)
	for _, q := range sv.Questions() {
		write("surveys/1/chart/"+q.ID+".svg", fmt.Sprintf("/surveys/%d/chart/%s.svg", sv.ID, q.ID), false)
	}
	// The form of an alumnus who has not answered yet, with one error shown.
	h.Host.Members[7] = append(h.Host.Members[7], 13)
	h.Do("POST", fmt.Sprintf("/surveys/%d/send", sv.ID), nil, hr)
	_, body := post(h, fmt.Sprintf("/s/%d", sv.ID), url.Values{"t.nps": {"nps"}, "q.nps": {"12"}, "action": {"submit"}}, alum(13))
	page := strings.Replace(body, `<link rel="stylesheet" href="/plugins/_sdk/kizuna.css">`, "<style>"+string(ui.CSS)+"</style>", 1)
	os.WriteFile(filepath.Join(dir, "form.html"), []byte(page), 0o644)
}
