package alumni

import (
	"encoding/json"
	"slices"
)

// ChangedFields names the JSON fields that differ between two records
// (ignoring timestamps), for the audit log.
func ChangedFields(a, b *Alumnus) []string {
	var ma, mb map[string]any
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	json.Unmarshal(ja, &ma)
	json.Unmarshal(jb, &mb)
	var out []string
	for k, va := range ma {
		if k == "updated_at" || k == "created_at" {
			continue
		}
		vaj, _ := json.Marshal(va)
		vbj, _ := json.Marshal(mb[k])
		if string(vaj) != string(vbj) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
