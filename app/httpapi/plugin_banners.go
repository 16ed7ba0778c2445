package httpapi

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/plugins"
)

// portalPluginBanners lists the banners enabled plugins show the logged-in
// alumnus ("a survey is waiting"); a plugin that does not answer in time is
// left out, so the portal never waits long.
func (s *Server) portalPluginBanners(w http.ResponseWriter, r *http.Request) error {
	banners := []plugins.Banner{}
	if s.Plugins != nil {
		if b := s.Plugins.Banners(r.Context(), callerOf(actor.From(r.Context()))); b != nil {
			banners = b
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"banners": banners})
	return nil
}

// loginFirst sends a browser that opened a plugin page without being logged
// in (the personal link in a survey mail) to the portal login, which brings
// it back to the page framed in the portal. It reports whether it did; API
// calls and other methods keep their 401.
func loginFirst(w http.ResponseWriter, r *http.Request, err error, id, rest string) bool {
	if fault.KindOf(err) != fault.Unauthorized || r.Method != http.MethodGet || !wantsPage(r) {
		return false
	}
	next := "/portal/p/" + url.PathEscape(id) + "/" + rest
	if r.URL.RawQuery != "" {
		next += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, "/portal/login?next="+url.QueryEscape(next), http.StatusSeeOther)
	return true
}

// wantsPage reports whether the request is a browser opening a page (not a
// script or an API client).
func wantsPage(r *http.Request) bool {
	if d := r.Header.Get("Sec-Fetch-Dest"); d != "" {
		return d == "document"
	}
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}
