package desktop

import (
	"bytes"
	"html"
	"net/http"
	"strings"
)

// followRedirects wraps the window's handler: the webview does not follow
// HTTP redirects of its custom-scheme requests (it shows the body of a 302
// instead, typically "Found."). A GET page navigation answered with a 3xx and
// a Location header is therefore turned into a 200 HTML page that navigates
// there itself. API calls (/api/...) and other requests pass unchanged.
func followRedirects(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, "/api/") {
			h.ServeHTTP(w, r)
			return
		}
		rw := &redirectWriter{ResponseWriter: w}
		h.ServeHTTP(rw, r)
		if rw.location != "" {
			writeNavigationPage(w, rw.location)
		}
	})
}

type redirectWriter struct {
	http.ResponseWriter
	location    string // set when a redirect was swallowed
	wroteHeader bool
}

func (rw *redirectWriter) WriteHeader(code int) {
	if rw.wroteHeader {
		return
	}
	rw.wroteHeader = true
	if code >= 300 && code < 400 && code != http.StatusNotModified {
		if loc := rw.Header().Get("Location"); loc != "" {
			rw.location = loc
			return
		}
	}
	rw.ResponseWriter.WriteHeader(code)
}

func (rw *redirectWriter) Write(b []byte) (int, error) {
	if !rw.wroteHeader {
		rw.WriteHeader(http.StatusOK)
	}
	if rw.location != "" {
		return len(b), nil // drop the redirect's own body
	}
	return rw.ResponseWriter.Write(b)
}

func (rw *redirectWriter) Flush() {
	if rw.location != "" {
		return
	}
	if f, ok := rw.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (rw *redirectWriter) Unwrap() http.ResponseWriter { return rw.ResponseWriter }

func writeNavigationPage(w http.ResponseWriter, location string) {
	h := w.Header()
	for _, k := range []string{"Location", "Content-Length", "Content-Encoding", "Etag", "Last-Modified"} {
		h.Del(k)
	}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	var b bytes.Buffer
	attr := html.EscapeString(location)
	b.WriteString(`<!doctype html><html lang="ja"><head><meta charset="utf-8">`)
	b.WriteString(`<meta http-equiv="refresh" content="0;url=` + attr + `">`)
	b.WriteString(`<title>Kizuna</title></head><body><a href="` + attr + `">移動しています…</a></body></html>`)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b.Bytes())
}
