package manifest

import (
	"strings"
	"testing"
)

func valid() *Manifest {
	return &Manifest{ID: "com.example.hello", Version: "1.2.3", Name: Text{JA: "ハロー"},
		Executables: map[string]Executable{"linux-amd64": {Path: "bin/x", SHA256: strings.Repeat("a", 64)}}}
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(m *Manifest)
		field string
	}{
		{"valid", func(m *Manifest) {}, ""},
		{"no id", func(m *Manifest) { m.ID = "" }, "id"},
		{"upper-case id", func(m *Manifest) { m.ID = "Com.Example" }, "id"},
		{"single-label id", func(m *Manifest) { m.ID = "hello" }, "id"},
		{"two-part version", func(m *Manifest) { m.Version = "1.2" }, "version"},
		{"v prefix", func(m *Manifest) { m.Version = "v1.2.3" }, "version"},
		{"bad min host", func(m *Manifest) { m.MinHostVersion = "latest" }, "min_host_version"},
		{"no executables", func(m *Manifest) { m.Executables = nil }, "executables"},
		{"short checksum", func(m *Manifest) { m.Executables["linux-amd64"] = Executable{Path: "x", SHA256: "abc"} }, "executables.linux-amd64"},
		{"unknown permission", func(m *Manifest) { m.Permissions = []string{"root"} }, "permissions"},
		{"select without options", func(m *Manifest) {
			m.Settings = []Setting{{Key: "k", Type: "select", Label: Text{JA: "選択"}}}
		}, "settings[0]"},
		{"nav outside", func(m *Manifest) { m.Nav = []Nav{{Area: "console", Path: "http://x", Label: Text{JA: "x"}}} }, "nav[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := valid()
			c.edit(m)
			ps := m.Check()
			if c.field == "" && len(ps) > 0 {
				t.Fatalf("problems: %v", ps)
			}
			if c.field != "" && (len(ps) == 0 || ps[0].Field != c.field || ps[0].JA == "" || ps[0].EN == "") {
				t.Fatalf("problems = %v, want one for %s", ps, c.field)
			}
		})
	}
}

func TestParseRefusesUnknownFields(t *testing.T) {
	if _, err := Parse([]byte(`{"id":"a.b","permisions":[]}`)); err == nil {
		t.Error("a misspelt field was accepted")
	}
}
