// Package manifest describes plugin.json, the manifest at the root of every
// plugin bundle, and checks it. The host and the author's tools use the same
// checks, so a bundle that passes `kizuna-plugin bundle` installs.
package manifest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/mod/semver"
)

// FileName is the manifest's name at the root of a bundle.
const FileName = "plugin.json"

// Manifest is plugin.json.
type Manifest struct {
	ID             string                `json:"id"`               // reverse DNS: "com.example.hello"
	Version        string                `json:"version"`          // semver: "1.2.0"
	MinHostVersion string                `json:"min_host_version"` // semver: "0.1.0"
	Name           Text                  `json:"name"`
	Description    Text                  `json:"description"`
	Executables    map[string]Executable `json:"executables"` // "linux-amd64" → the binary
	Permissions    []string              `json:"permissions"`
	Settings       []Setting             `json:"settings"`
	Nav            []Nav                 `json:"nav"`
}

// Text is a label in Japanese and English.
type Text struct {
	JA string `json:"ja"`
	EN string `json:"en"`
}

// Executable is the plugin's program for one platform.
type Executable struct {
	Path   string `json:"path"`   // inside the bundle, e.g. "bin/hello-linux-amd64"
	SHA256 string `json:"sha256"` // hex
}

// Setting is one field of the settings form the console renders.
type Setting struct {
	Key      string   `json:"key"`
	Type     string   `json:"type"` // "string", "number", "boolean", "select"
	Label    Text     `json:"label"`
	Help     Text     `json:"help"`
	Default  any      `json:"default,omitempty"`
	Required bool     `json:"required,omitempty"`
	Secret   bool     `json:"secret,omitempty"` // shown as a password field
	Options  []Option `json:"options,omitempty"`
}

// Option is one choice of a select setting.
type Option struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
}

// Nav is a menu entry declared in the manifest.
type Nav struct {
	Area  string `json:"area"` // "console" or "portal"
	Label Text   `json:"label"`
	Path  string `json:"path"` // under /plugins/{id}/, starts with "/"
}

// Permissions lists every permission a plugin may request.
var Permissions = []string{"alumni.read", "segments.read", "mail.transactional", "mail.promotional", "audit.write", "nav"}

// SettingTypes lists the setting field types.
var SettingTypes = []string{"string", "number", "boolean", "select"}

var (
	idPattern  = regexp.MustCompile(`^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$`)
	keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	hexPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// Problem is one thing wrong with a manifest, in Japanese and English.
type Problem struct {
	Field string
	JA    string
	EN    string
}

func (p Problem) String() string { return p.Field + ": " + p.JA + " / " + p.EN }

// Parse decodes plugin.json (unknown fields are refused: they are usually typos).
func Parse(b []byte) (*Manifest, error) {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("plugin.json: %w", err)
	}
	return &m, nil
}

// Platform is the executables key of the running system, e.g. "linux-amd64".
func Platform() string { return runtime.GOOS + "-" + runtime.GOARCH }

// ValidVersion reports whether v is a semantic version "MAJOR.MINOR.PATCH[-pre]".
func ValidVersion(v string) bool {
	return v != "" && !strings.HasPrefix(v, "v") && semver.IsValid("v"+v) && strings.Count(strings.SplitN(v, "-", 2)[0], ".") == 2
}

// CompareVersions compares two valid versions like strings.Compare.
func CompareVersions(a, b string) int { return semver.Compare("v"+a, "v"+b) }

// Check returns every problem of m (nil when it is valid). Executables are
// checked for form only; the host checks the files.
func (m *Manifest) Check() []Problem {
	var ps []Problem
	add := func(field, ja, en string) { ps = append(ps, Problem{field, ja, en}) }
	switch {
	case m.ID == "":
		add("id", "id がありません", "id is missing")
	case len(m.ID) > 100 || !idPattern.MatchString(m.ID):
		add("id", "id は逆ドメイン形式（例: com.example.hello）の小文字で指定してください", "id must be reverse-DNS in lower case (e.g. com.example.hello)")
	}
	switch {
	case m.Version == "":
		add("version", "version がありません", "version is missing")
	case !ValidVersion(m.Version):
		add("version", "version はセマンティックバージョン（例: 1.2.0）で指定してください", "version must be a semantic version (e.g. 1.2.0)")
	}
	if m.MinHostVersion != "" && !ValidVersion(m.MinHostVersion) {
		add("min_host_version", "min_host_version はセマンティックバージョンで指定してください", "min_host_version must be a semantic version")
	}
	if m.Name.JA == "" && m.Name.EN == "" {
		add("name", "name（表示名）がありません", "name is missing")
	}
	if len(m.Executables) == 0 {
		add("executables", "executables（実行ファイル）がありません", "executables are missing")
	}
	for plat, e := range m.Executables {
		if e.Path == "" || !hexPattern.MatchString(e.SHA256) {
			add("executables."+plat, "実行ファイルのパスと SHA-256（16進64桁）が必要です", "an executable needs a path and a SHA-256 (64 hex digits)")
		}
	}
	for _, p := range m.Permissions {
		if !slices.Contains(Permissions, p) {
			add("permissions", "不明な権限です: "+p, "unknown permission: "+p)
		}
	}
	ps = append(ps, m.checkSettings()...)
	for i, n := range m.Nav {
		if (n.Area != "console" && n.Area != "portal") || !strings.HasPrefix(n.Path, "/") || n.Label.JA == "" {
			add(fmt.Sprintf("nav[%d]", i), "メニュー項目には area（console/portal）、/ で始まる path、日本語のラベルが必要です",
				"a nav entry needs area (console/portal), a path starting with /, and a Japanese label")
		}
	}
	return ps
}

func (m *Manifest) checkSettings() []Problem {
	var ps []Problem
	seen := map[string]bool{}
	for i, s := range m.Settings {
		field := fmt.Sprintf("settings[%d]", i)
		switch {
		case !keyPattern.MatchString(s.Key) || seen[s.Key]:
			ps = append(ps, Problem{field, "設定の key は英小文字・数字・_ で、重複できません", "a setting key is lower case letters, digits and _, and unique"})
		case !slices.Contains(SettingTypes, s.Type):
			ps = append(ps, Problem{field, "設定の type は string/number/boolean/select のいずれかです", "a setting type is string, number, boolean or select"})
		case s.Label.JA == "":
			ps = append(ps, Problem{field, "設定には日本語のラベルが必要です", "a setting needs a Japanese label"})
		case s.Type == "select" && len(s.Options) == 0:
			ps = append(ps, Problem{field, "select の設定には options が必要です", "a select setting needs options"})
		}
		seen[s.Key] = true
	}
	return ps
}
