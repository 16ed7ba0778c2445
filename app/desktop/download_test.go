package desktop

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDownloadSavesTheAPIsAnswer(t *testing.T) {
	dir := t.TempDir()
	var calls []string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		calls = append(calls, r.Method+" "+r.URL.RequestURI()+" "+string(body))
		switch r.URL.Path {
		case "/api/events/1/attendees/export":
			w.Header().Set("Content-Type", "text/csv")
			io.WriteString(w, "\ufeff氏名,出欠\n山田 花子,参加\n")
		case "/api/invitations/leaflets":
			if r.Header.Get("Content-Type") != "application/json" {
				w.WriteHeader(415)
				return
			}
			io.WriteString(w, "%PDF-1.4 leaflet")
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, `{"error":{"code":"invitations.no_font","message":"日本語フォントがありません","message_en":"no font"}}`)
		}
	})
	ui := &fakeDialogs{}
	s := newShell(Options{Handler: h}.withDefaults())
	s.attach(context.Background(), ui)

	cases := []struct {
		name, method, path, body, file, save string
		ok                                   bool
		want, message                        string
	}{
		{"csv by GET", "GET", "/api/events/1/attendees/export", "", "attendees.csv", filepath.Join(dir, "出欠"), true, "山田 花子,参加", "保存しました"},
		{"pdf by POST", "POST", "/api/invitations/leaflets", `{"alumnus_ids":[3]}`, "leaflets.pdf", filepath.Join(dir, "l.pdf"), true, "%PDF-", "保存しました"},
		{"error answer", "POST", "/api/other", "{}", "x.pdf", filepath.Join(dir, "x.pdf"), false, "", "日本語フォントがありません"},
		{"not the API", "GET", "/console/", "", "x.html", filepath.Join(dir, "y"), false, "", "保存できない"},
		{"climbing out", "GET", "/api/../console/", "", "x.html", filepath.Join(dir, "y"), false, "", "保存できない"},
		{"another method", "DELETE", "/api/alumni/1", "", "x", filepath.Join(dir, "y"), false, "", "保存できない"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ui.save = tc.save
			r := s.Download(tc.method, tc.path, tc.body, tc.file)
			if r.OK != tc.ok || !strings.Contains(r.Message, tc.message) {
				t.Fatalf("result %+v", r)
			}
			if !tc.ok {
				return
			}
			got, err := os.ReadFile(r.Path)
			if err != nil || !strings.Contains(string(got), tc.want) {
				t.Fatalf("file %s: %q %v", r.Path, got, err)
			}
			if filepath.Ext(r.Path) != filepath.Ext(tc.file) {
				t.Errorf("saved as %s, want the %s extension", r.Path, filepath.Ext(tc.file))
			}
		})
	}
	if ui.saveDefault != "x.pdf" || len(calls) != 3 {
		t.Errorf("last dialog offered %q; requests %q (refused ones open no dialog and reach no handler)", ui.saveDefault, calls)
	}

	// Cancelling the dialog sends nothing (a leaflet would issue fresh links).
	calls = nil
	ui.save = ""
	if r := s.Download("POST", "/api/invitations/leaflets", "{}", "leaflets.pdf"); r != (Result{}) || len(calls) != 0 {
		t.Fatalf("cancel: %+v, requests %q", r, calls)
	}
}
