package alumniio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

// seed stores a few alumni through an import.
func seed(t *testing.T, e *env) {
	t.Helper()
	csv := fullHeader +
		"A001,髙橋 一郎,タカハシ イチロウ,ichiro@example.jp,i@x.jp、i2@x.jp,キズナ商事,営業部,課長,2015/4/1,2020/3/31,家業を継ぐため,可,㈱ABC,IT,営業,Go、SQL,副業,OB会,佐藤 花子,\"メモ, ①\n2行目\"\n" +
		"A002,吉田 𠮷子,ヨシダ ヨシコ,yoshiko@example.jp,,本社,開発部,,2018/4/1,2021/9/30,,不明,,,,,,,,〜絵文字😀\n" +
		"A003,=HYPERLINK(\"x\"),イコール,,,本社,-営業,@mention,,,,,+81,,,,,,,\n"
	rep, err := e.importString(t, csv, "seed.csv", Options{})
	if err != nil || !rep.Written {
		t.Fatalf("seed: %v %+v", err, rep)
	}
}

func export(t *testing.T, e *env, opt ExportOptions) ([]byte, ExportResult) {
	t.Helper()
	opt.Companies = e.companies
	var buf bytes.Buffer
	res, err := Export(context.Background(), &buf, e.repo, opt)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res
}

func TestExportCSV(t *testing.T) {
	e := newEnv(t)
	seed(t, e)
	tests := []struct {
		name    string
		opt     ExportOptions
		want    []string
		notWant []string
	}{
		{"without HR-only fields", ExportOptions{Format: ExportCSV},
			[]string{"\xEF\xBB\xBF会社,社員番号,氏名,フリガナ,メールアドレス,その他のメールアドレス,部署,役職,入社日,退職日,現在の勤務先,業界,職種,スキル,興味・関心,タグ,元上司\r\n",
				"キズナ商事,A001,髙橋 一郎,タカハシ イチロウ,ichiro@example.jp,i@x.jp、i2@x.jp,営業部,課長,2015-04-01,2020-03-31,㈱ABC,IT,営業,Go、SQL,副業,OB会,佐藤 花子\r\n",
				"本社,A003,\"'=HYPERLINK(\"\"x\"\")\",イコール,,,'-営業,'@mention,,,'+81,"},
			[]string{"退職理由", "家業を継ぐため", "備考", "メモ"}},
		{"with HR-only fields", ExportOptions{Format: ExportCSV, IncludeHROnly: true},
			[]string{"退職日,退職理由,再雇用可否,現在の勤務先", ",家業を継ぐため,可,", "佐藤 花子,\"メモ, ①\r\n2行目\"\r\n", ",不明,"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, res := export(t, e, tt.opt)
			if res.Rows != 3 || res.Replaced != 0 {
				t.Errorf("result %+v", res)
			}
			for _, w := range tt.want {
				mustContain(t, string(out), w)
			}
			for _, w := range tt.notWant {
				if strings.Contains(string(out), w) {
					t.Errorf("export contains %q", w)
				}
			}
		})
	}
}

func TestExportCSVShiftJIS(t *testing.T) {
	e := newEnv(t)
	seed(t, e)
	out, res := export(t, e, ExportOptions{Format: ExportCSVSJIS, IncludeHROnly: true})
	if res.Rows != 3 || res.Replaced != 2 { // 𠮷 and 😀
		t.Errorf("result %+v", res)
	}
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"会社,社員番号,氏名", "髙橋 一郎", "㈱ABC", "メモ, ①", "吉田 ?子", "～絵文字?\r\n"} {
		mustContain(t, string(text), w)
	}
}

func TestExportJSON(t *testing.T) {
	e := newEnv(t)
	seed(t, e)
	for _, hr := range []bool{false, true} {
		out, res := export(t, e, ExportOptions{Format: ExportJSON, IncludeHROnly: hr})
		var got []struct {
			alumni.Alumnus
			CompanyName string `json:"company_name"`
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		if res.Rows != 3 || len(got) != 3 || got[0].Name != "髙橋 一郎" || got[0].CompanyName != "キズナ商事" || got[1].Name != "吉田 𠮷子" {
			t.Fatalf("got %+v", got)
		}
		if hr != (got[0].LeaveReason == "家業を継ぐため") || hr != (got[0].Notes != "") {
			t.Errorf("HR-only %v: %+v", hr, got[0])
		}
	}
}

func TestExportUnknownFormat(t *testing.T) {
	e := newEnv(t)
	_, err := Export(context.Background(), &bytes.Buffer{}, e.repo, ExportOptions{Format: "xml"})
	if !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("err %v", err)
	}
}

// TestExportRoundTrip exports with HR-only fields, imports the file into a
// fresh database and expects the same records.
func TestExportRoundTrip(t *testing.T) {
	for _, format := range []string{ExportCSV, ExportCSVSJIS} {
		t.Run(format, func(t *testing.T) {
			src := newEnv(t)
			seed(t, src)
			out, _ := export(t, src, ExportOptions{Format: format, IncludeHROnly: true})
			dst := newEnv(t)
			rep, err := dst.im.Import(context.Background(), bytes.NewReader(out), FileName(format, fixedTime), Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Written || rep.Created != 3 || len(rep.Warnings) != 0 {
				t.Fatalf("report %+v", rep)
			}
			want, got := src.all(t), dst.all(t)
			for i := range want {
				if format == ExportCSVSJIS { // what Shift_JIS cannot hold is lost
					want[i].Name = strings.ReplaceAll(want[i].Name, "𠮷", "?")
					want[i].Notes = strings.NewReplacer("〜", "～", "😀", "?").Replace(want[i].Notes)
				}
				if !equalAlumni(*got[i], *want[i]) {
					t.Errorf("re-imported\n%+v\nwant\n%+v", *got[i], *want[i])
				}
			}
		})
	}
}
