package mail

import (
	"encoding/json"
	"strings"
)

// decodeVars reads a recipient's merge fields: a flat JSON object of
// strings as SQLite's json_object writes it. Strings without escapes (the
// usual case) are sliced directly; anything else goes to encoding/json.
// It runs once per message, where encoding/json's reflection showed in
// profiles.
func decodeVars(s string) (map[string]string, error) {
	vars := make(map[string]string, 8)
	fallback := func() (map[string]string, error) {
		clear(vars)
		err := json.Unmarshal([]byte(s), &vars)
		return vars, err
	}
	p := strings.TrimSpace(s)
	if len(p) < 2 || p[0] != '{' || p[len(p)-1] != '}' {
		return fallback()
	}
	p = strings.TrimSpace(p[1 : len(p)-1])
	for p != "" {
		k, rest, ok := plainString(p)
		if !ok {
			return fallback()
		}
		rest = strings.TrimSpace(rest)
		if rest == "" || rest[0] != ':' {
			return fallback()
		}
		v, rest, ok := plainString(strings.TrimSpace(rest[1:]))
		if !ok {
			return fallback()
		}
		vars[k] = v
		rest = strings.TrimSpace(rest)
		if rest != "" {
			if rest[0] != ',' {
				return fallback()
			}
			rest = strings.TrimSpace(rest[1:])
		}
		p = rest
	}
	return vars, nil
}

// plainString reads a JSON string with no escapes at the start of p.
func plainString(p string) (s, rest string, ok bool) {
	if p == "" || p[0] != '"' {
		return "", p, false
	}
	end := strings.IndexByte(p[1:], '"')
	if end < 0 {
		return "", p, false
	}
	s = p[1 : 1+end]
	if strings.IndexByte(s, '\\') >= 0 {
		return "", p, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return "", p, false
		}
	}
	return s, p[2+end:], true
}
