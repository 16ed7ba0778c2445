package desktop

import (
	"bytes"
	"html"
	"net/http"
	"strings"
)

// windowHandler adapts the application's handler to the window.
func windowHandler(h http.Handler) http.Handler {
	return followRedirects(injectRuntime(h))
}

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

// injectRuntime adds the Wails runtime scripts to HTML pages that Wails does
// not inject them into itself. Wails injects /wails/ipc.js and
// /wails/runtime.js only into pages whose path ends in "/" or "/index.html";
// a single-page app reloaded at a deep link (/console/data) would lose its
// bindings (window.go) and runtime without this.
func injectRuntime(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if r.Method != http.MethodGet || p == "" || strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/index.html") ||
			strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/wails/") || strings.HasPrefix(p, "/assets/") {
			h.ServeHTTP(w, r)
			return
		}
		iw := &injectWriter{ResponseWriter: w}
		h.ServeHTTP(iw, r)
		iw.finish()
	})
}

const runtimeScripts = `<script src="/wails/ipc.js"></script><script src="/wails/runtime.js"></script>`

// injectWriter buffers a 200 text/html response to add the runtime scripts;
// every other response passes straight through.
type injectWriter struct {
	http.ResponseWriter
	decided bool
	buffer  bool
	buf     bytes.Buffer
}

func (iw *injectWriter) WriteHeader(code int) {
	if iw.decided {
		return
	}
	iw.decided = true
	h := iw.Header()
	iw.buffer = code == http.StatusOK && strings.HasPrefix(h.Get("Content-Type"), "text/html") && h.Get("Content-Encoding") == ""
	if iw.buffer {
		h.Del("Content-Length")
		h.Del("Etag")
		return
	}
	iw.ResponseWriter.WriteHeader(code)
}

func (iw *injectWriter) Write(b []byte) (int, error) {
	if !iw.decided {
		if iw.Header().Get("Content-Type") == "" {
			iw.Header().Set("Content-Type", http.DetectContentType(b))
		}
		iw.WriteHeader(http.StatusOK)
	}
	if iw.buffer {
		return iw.buf.Write(b)
	}
	return iw.ResponseWriter.Write(b)
}

func (iw *injectWriter) Flush() {
	if iw.buffer {
		return
	}
	if f, ok := iw.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (iw *injectWriter) Unwrap() http.ResponseWriter { return iw.ResponseWriter }

func (iw *injectWriter) finish() {
	if !iw.buffer {
		return
	}
	page := iw.buf.Bytes()
	out := make([]byte, 0, len(page)+len(runtimeScripts))
	if at := headContentStart(page); at >= 0 {
		out = append(append(append(out, page[:at]...), runtimeScripts...), page[at:]...)
	} else {
		out = append(append(out, runtimeScripts...), page...)
	}
	iw.ResponseWriter.WriteHeader(http.StatusOK)
	_, _ = iw.ResponseWriter.Write(out)
}

// headContentStart is the offset just after the <head> start tag, or -1.
func headContentStart(page []byte) int {
	lower := bytes.ToLower(page)
	for from := 0; ; {
		i := bytes.Index(lower[from:], []byte("<head"))
		if i < 0 {
			return -1
		}
		i += from
		next := i + len("<head")
		if next < len(lower) && (lower[next] == '>' || lower[next] == ' ' || lower[next] == '\t' || lower[next] == '\n' || lower[next] == '\r') {
			end := bytes.IndexByte(lower[next:], '>')
			if end < 0 {
				return -1
			}
			return next + end + 1
		}
		from = next // <header> and the like
	}
}
