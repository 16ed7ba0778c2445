package alumniio

import (
	"strings"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// rehireValues maps the folded ways HR writes rehire eligibility (see
// foldHeader) to the stored value.
var rehireValues = func() map[string]string {
	m := map[string]string{}
	add := func(value string, words ...string) {
		for _, w := range words {
			m[foldHeader(w)] = value
		}
	}
	add(alumni.RehireEligible, "可", "可能", "再雇用可", "○", "◯", "〇", "yes", "y", "ok", "eligible")
	add(alumni.RehireConditional, "条件付き", "条件付", "条件つき", "条件付で可", "要相談", "要検討", "△", "conditional", "maybe")
	add(alumni.RehireIneligible, "不可", "不可能", "再雇用不可", "×", "✕", "no", "n", "ineligible", "not eligible")
	add(alumni.RehireUnknown, "", "不明", "未定", "未確認", "ー", "―", "unknown", "n/a", "na")
	return m
}()

// rehireLabels are the values Export writes, the first of each above.
var rehireLabels = map[string]string{
	alumni.RehireEligible:    "可",
	alumni.RehireConditional: "条件付き",
	alumni.RehireIneligible:  "不可",
	alumni.RehireUnknown:     "不明",
}

// parseRehire maps a cell to a rehire eligibility value; ok is false for
// values it does not know.
func parseRehire(s string) (string, bool) {
	if v, ok := rehireValues[s]; ok { // most cells are already in folded form
		return v, true
	}
	v, ok := rehireValues[foldHeader(s)]
	return v, ok
}

// isListSep separates the items of list cells (skills, interests, tags).
func isListSep(r rune) bool {
	switch r {
	case '、', ',', ';', '/', '，', '；', '／', '､', '\n', '\r':
		return true
	}
	return false
}

// isEmailSep separates several addresses in one cell.
func isEmailSep(r rune) bool {
	switch r {
	case '、', ',', ';', '，', '；', '､', ' ', '　', '\t', '\n', '\r':
		return true
	}
	return false
}

// splitList splits a list cell; alumni.Normalize cleans and dedupes items.
func splitList(s string, sep func(rune) bool) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.FieldsFunc(s, sep)
}

// joinName combines family and given name columns as "姓 名".
func joinName(last, first string) string {
	return strings.TrimSpace(textnorm.Clean(last) + " " + textnorm.Clean(first))
}
