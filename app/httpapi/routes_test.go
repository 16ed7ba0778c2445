package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/httpapi"
)

// requestFor makes a plausible request for a route pattern, so that the
// route is reached (the handler may still refuse the body).
func (f *fixture) requestFor(t *testing.T, method, pattern string) (string, string, string) {
	path := strings.NewReplacer("{id}", fmt.Sprint(f.alumnus)).Replace(pattern)
	switch {
	case strings.HasPrefix(pattern, "/api/jobs/"):
		path = "/api/jobs/unknown"
	case strings.HasPrefix(pattern, "/api/tokens/"):
		path = "/api/tokens/999"
	}
	if method == "GET" || method == "DELETE" {
		return path, "", ""
	}
	return path, "{}", "application/json"
}

// TestEveryRouteEveryRole walks every API route with every role and with no
// credentials: a role without the route's permission gets 403, anonymous
// callers get 401 (except on public routes), and a permitted role is never
// refused.
func TestEveryRouteEveryRole(t *testing.T) {
	f := newFixture(t)
	routes := httpapi.RouteTable()
	if len(routes) < 20 {
		t.Fatalf("only %d routes", len(routes))
	}
	for _, rt := range routes {
		if rt.Method == "DELETE" && strings.HasPrefix(rt.Pattern, "/api/alumni/") {
			continue // checked last so the alumnus exists for every other route
		}
		checkRoute(t, f, rt)
	}
	for _, rt := range routes {
		if rt.Method == "DELETE" && strings.HasPrefix(rt.Pattern, "/api/alumni/") {
			checkRoute(t, f, rt)
		}
	}
}

func checkRoute(t *testing.T, f *fixture, rt httpapi.RouteInfo) {
	t.Helper()
	roles := append([]auth.Role{""}, auth.Roles...)
	// Least powerful first, so a destructive route runs as owner last.
	for i := len(roles) - 1; i >= 0; i-- {
		role := roles[i]
		path, body, ct := f.requestFor(t, rt.Method, rt.Pattern)
		code, resp := f.do(t, role, rt.Method, path, strings.NewReader(body), ct)
		name := fmt.Sprintf("%s %s as %q", rt.Method, rt.Pattern, role)
		switch {
		case rt.Public:
			if code == 401 || code == 403 {
				t.Errorf("%s: public route refused: %d %s", name, code, resp)
			}
		case role == "" || rt.Member: // HR credentials never open an alumnus's route
			if code != http.StatusUnauthorized {
				t.Errorf("%s: got %d, want 401", name, code)
			}
		case rt.Permission == "" || role.Can(auth.Permission(rt.Permission)):
			if code == 401 || code == 403 || code >= 500 {
				t.Errorf("%s: permitted role got %d %s", name, code, resp)
			}
		default:
			if code != http.StatusForbidden {
				t.Errorf("%s: got %d, want 403", name, code)
			}
		}
	}
}

func TestOpenAPIDocumentMatchesRoutes(t *testing.T) {
	doc, err := httpapi.LoadOpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi document invalid: %v", err)
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, rt := range httpapi.RouteTable() {
		key := rt.Method + " " + rt.Pattern
		served[key] = true
		if !documented[key] {
			t.Errorf("route %s is not in openapi.yaml", key)
		}
	}
	for key := range documented {
		if !served[key] {
			t.Errorf("openapi.yaml documents %s, which is not served", key)
		}
	}
	f := newFixture(t)
	if code, body := f.do(t, "", "GET", "/api/openapi.json", nil, ""); code != 200 || !strings.Contains(string(body), `"openapi":"3.0.3"`) {
		t.Errorf("/api/openapi.json = %d %.200s", code, body)
	}
}
