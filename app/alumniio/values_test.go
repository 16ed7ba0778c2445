package alumniio

import (
	"slices"
	"testing"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

func TestParseRehire(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"可", alumni.RehireEligible, true},
		{"○", alumni.RehireEligible, true},
		{"Yes", alumni.RehireEligible, true},
		{"eligible", alumni.RehireEligible, true},
		{"条件付き", alumni.RehireConditional, true},
		{"要相談", alumni.RehireConditional, true},
		{"Conditional", alumni.RehireConditional, true},
		{"不可", alumni.RehireIneligible, true},
		{"×", alumni.RehireIneligible, true},
		{"NO", alumni.RehireIneligible, true},
		{"不明", alumni.RehireUnknown, true},
		{"-", alumni.RehireUnknown, true},
		{"unknown", alumni.RehireUnknown, true},
		{"たぶん", "", false},
	}
	for _, tt := range tests {
		got, ok := parseRehire(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRehire(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Go、Python", []string{"Go", "Python"}},
		{"Go,Python;SQL", []string{"Go", "Python", "SQL"}},
		{"営業／マーケ/企画", []string{"営業", "マーケ", "企画"}},
		{"営業，企画；人事", []string{"営業", "企画", "人事"}},
		{"営業\n企画", []string{"営業", "企画"}},
	}
	for _, tt := range tests {
		if got := splitList(tt.in, isListSep); !slices.Equal(got, tt.want) {
			t.Errorf("splitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormulaRoundTrip(t *testing.T) {
	for _, s := range []string{"", "plain", "=1+1", "+81", "-", "@x", "'=x", "'plain", "'"} {
		d := defuseFormula(s)
		if d != "" && isFormulaStart(d[0]) {
			t.Errorf("defuseFormula(%q) = %q still starts a formula", s, d)
		}
		if got := restoreFormula(d); got != s {
			t.Errorf("restoreFormula(defuseFormula(%q)) = %q", s, got)
		}
	}
}
