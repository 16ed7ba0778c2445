package mail

import (
	"encoding/json"
	"maps"
	"testing"
)

// TestDecodeVars: the fast path and encoding/json agree on every shape.
func TestDecodeVars(t *testing.T) {
	for _, in := range []string{
		`{"氏名":"山田 太郎","姓":"山田","名":"太郎","フリガナ":"ヤマダ タロウ","email":"taro@example.jp"}`,
		`{}`,
		` { "a" : "b" , "c":"" } `,
		`{"a":"line\nbreak","b":"quote \" inside","c":"\u00e9"}`,
		`{"n":null,"s":"x"}`,
		`{"a":"b"`,
		`{"a":1}`,
		`not json`,
	} {
		got, gotErr := decodeVars(in)
		want := map[string]string{}
		wantErr := json.Unmarshal([]byte(in), &want)
		if (gotErr != nil) != (wantErr != nil) || (gotErr == nil && !maps.Equal(got, want)) {
			t.Errorf("%s: got %v, %v; want %v, %v", in, got, gotErr, want, wantErr)
		}
	}
}
