package plugins

import (
	"fmt"
	"slices"

	"github.com/kizuna-hr/kizuna/sdk/manifest"
)

// checkSettings keeps the values of known settings, typed per the schema,
// fills defaults, and returns per-field reasons for wrong values.
func checkSettings(schema []manifest.Setting, values map[string]any) (map[string]any, map[string]string) {
	clean := map[string]any{}
	fields := map[string]string{}
	for _, s := range schema {
		v, ok := values[s.Key]
		if !ok || v == nil || v == "" {
			if s.Required {
				fields[s.Key] = "入力してください / required"
			} else if s.Default != nil {
				clean[s.Key] = s.Default
			}
			continue
		}
		switch s.Type {
		case "string":
			str, ok := v.(string)
			if !ok || len(str) > 10_000 {
				fields[s.Key] = "文字列で指定してください / must be text"
				continue
			}
		case "number":
			if _, ok := v.(float64); !ok {
				fields[s.Key] = "数値で指定してください / must be a number"
				continue
			}
		case "boolean":
			if _, ok := v.(bool); !ok {
				fields[s.Key] = "はい/いいえで指定してください / must be true or false"
				continue
			}
		case "select":
			str, _ := v.(string)
			if !slices.ContainsFunc(s.Options, func(o manifest.Option) bool { return o.Value == str }) {
				fields[s.Key] = fmt.Sprintf("選択肢から選んでください / must be one of the options (%v)", v)
				continue
			}
		}
		clean[s.Key] = v
	}
	return clean, fields
}
