package httpapi

import (
	"io/fs"
	"net/http"
	"strings"
)

// spa serves the built single-page app: files under /assets/ as they are
// (cached for a long time, since their names carry a hash), and index.html
// for the console and portal routes so that client-side routing works.
func (s *Server) spa() http.Handler {
	files := http.FileServerFS(s.Assets)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, r, s.Log, errNotFound)
			return
		}
		path := r.URL.Path
		switch {
		case path == "/":
			target := "/portal/"
			if isDesktop(r) {
				target = "/console/"
			}
			http.Redirect(w, r, target, http.StatusFound)
		case strings.HasPrefix(path, "/assets/"):
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			files.ServeHTTP(w, r)
		case path == "/console" || path == "/portal" || strings.HasPrefix(path, "/console/") || strings.HasPrefix(path, "/portal/"):
			s.serveIndex(w, r)
		default:
			if f, err := fs.Stat(s.Assets, strings.TrimPrefix(path, "/")); err == nil && !f.IsDir() {
				files.ServeHTTP(w, r)
				return
			}
			writeError(w, r, s.Log, errNotFound)
		}
	})
}

func (s *Server) serveIndex(w http.ResponseWriter, r *http.Request) {
	index, err := fs.ReadFile(s.Assets, "index.html")
	if err != nil {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("画面ファイルがビルドされていません。make build を実行してください / the web UI is not built: run make build\n"))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(index)
}
