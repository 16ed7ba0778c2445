package cli

import (
	"regexp"
	"testing"
)

// TestBenchPortal runs the portal benchmark small: every request of every
// member must answer 200 through the real handler and real sessions.
func TestBenchPortal(t *testing.T) {
	r := kizuna(t, "", "bench", "portal", "--alumni", "300", "--posts", "200", "--clients", "4", "--duration", "300ms")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !regexp.MustCompile(`GET /api/portal/feed: [1-9]\d* requests, .* p95 [\d.]+ ms, .* errors 0 `).MatchString(r.stdout) {
		t.Errorf("output: %s", r.stdout)
	}
	if r := kizuna(t, "", "bench", "portal", "--alumni", "3", "--clients", "10"); r.code != ExitUsage {
		t.Errorf("more clients than alumni: exit %d", r.code)
	}
}
