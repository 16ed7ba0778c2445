package alumniio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/fault"
)

const fullHeader = "社員番号,氏名,フリガナ,メールアドレス,メールアドレス2,会社,部署,役職,入社日,退職日,退職理由,再雇用可否,現在の勤務先,業界,職種,スキル,興味・関心,タグ,元上司,備考\n"

func TestImportAllFields(t *testing.T) {
	e := newEnv(t)
	csv := fullHeader +
		"A001,山田　太郎,ﾔﾏﾀﾞ ﾀﾛｳ, Taro@Example.JP ,taro.y@gmail.com、t@x.jp,キズナ商事,営業部,課長,平成27年4月1日,2020/3/31,転職,条件付き,ＡＢＣ株式会社,IT,エンジニア,Go、Python／SQL,\"副業,登壇\",2015入社;営業,佐藤 花子,\"メモ\n2行目\"\n"
	rep, err := e.importString(t, crlf(csv), "leavers.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Written || rep.Created != 1 || rep.TotalRows != 1 || rep.ValidRows != 1 || len(rep.Errors) != 0 || len(rep.Warnings) != 0 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Format != FormatCSV || rep.Encoding != EncodingUTF8 {
		t.Errorf("format %s encoding %s", rep.Format, rep.Encoding)
	}
	got := e.all(t)[0]
	want := alumni.Alumnus{ID: got.ID, CompanyID: 2, EmployeeNumber: "A001", Name: "山田 太郎", NameReading: "ヤマダ タロウ",
		Email: "taro@example.jp", OtherEmails: []string{"taro.y@gmail.com", "t@x.jp"}, Department: "営業部", Position: "課長",
		JoinDate: "2015-04-01", LeaveDate: "2020-03-31", LeaveReason: "転職", RehireEligibility: alumni.RehireConditional,
		CurrentEmployer: "ABC株式会社", Industry: "IT", JobType: "エンジニア", Skills: []string{"Go", "Python", "SQL"},
		Interests: []string{"副業", "登壇"}, Tags: []string{"2015入社", "営業"}, FormerManager: "佐藤 花子", Notes: "メモ\n2行目",
		CreatedAt: got.CreatedAt, UpdatedAt: got.UpdatedAt}
	if !equalAlumni(*got, want) {
		t.Errorf("stored\n%+v\nwant\n%+v", *got, want)
	}
}

func equalAlumni(a, b alumni.Alumnus) bool {
	eq := slices.Equal[[]string]
	return eq(a.OtherEmails, b.OtherEmails) && eq(a.Skills, b.Skills) && eq(a.Interests, b.Interests) && eq(a.Tags, b.Tags) &&
		a.ID == b.ID && a.CompanyID == b.CompanyID && a.EmployeeNumber == b.EmployeeNumber && a.Name == b.Name &&
		a.NameReading == b.NameReading && a.Email == b.Email && a.Department == b.Department && a.Position == b.Position &&
		a.JoinDate == b.JoinDate && a.LeaveDate == b.LeaveDate && a.LeaveReason == b.LeaveReason &&
		a.RehireEligibility == b.RehireEligibility && a.CurrentEmployer == b.CurrentEmployer && a.Industry == b.Industry &&
		a.JobType == b.JobType && a.FormerManager == b.FormerManager && a.Notes == b.Notes
}

func TestImportShiftJIS(t *testing.T) {
	e := newEnv(t)
	csv := "社員番号,氏名,フリガナ,メール,入社日,備考\n" +
		"1001,髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,takahashi@example.jp,2010/4/1,㈱キズナ①期生～\n"
	rep, err := e.importString(t, sjis(t, crlf(csv)), "退職者.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Encoding != EncodingSJIS || !rep.Written {
		t.Fatalf("report %+v", rep)
	}
	a := e.all(t)[0]
	if a.Name != "髙橋 一郎" || a.NameReading != "タカハシ イチロウ" || a.Notes != "㈱キズナ①期生～" || a.CompanyID != 1 {
		t.Errorf("stored %+v", a)
	}
}

func TestImportTextNamedXLS(t *testing.T) {
	e := newEnv(t)
	rep, err := e.importString(t, sjis(t, "氏名\t部署\n山田 太郎\t人事部\n"), "jinji_export.xls", Options{})
	if err != nil || rep.Format != FormatTSV || rep.Created != 1 {
		t.Fatalf("err %v report %+v", err, rep)
	}
}

func TestImportTSVAndSplitNames(t *testing.T) {
	e := newEnv(t)
	tsv := "姓\t名\tセイ\tメイ\temail\n山田\t花子\tﾔﾏﾀﾞ\tﾊﾅｺ\thanako@example.jp\n"
	rep, err := e.importString(t, "\xEF\xBB\xBF"+tsv, "list.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != FormatTSV || rep.Encoding != EncodingUTF8BOM || rep.Created != 1 {
		t.Fatalf("report %+v", rep)
	}
	if a := e.all(t)[0]; a.Name != "山田 花子" || a.NameReading != "ヤマダ ハナコ" {
		t.Errorf("stored %q %q", a.Name, a.NameReading)
	}
}

func TestImportHeaderAndWarnings(t *testing.T) {
	e := newEnv(t)
	csv := "退職者一覧 2024年度,,\n\n氏名,電話番号,名前\n山田 太郎,03-1234-5678,別名\n"
	rep, err := e.importString(t, csv, "a.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Created != 1 || len(rep.Warnings) != 3 {
		t.Fatalf("report %+v", rep)
	}
	if !hasIssue(rep.Warnings, 3, "", "rows above the header") || !hasIssue(rep.Warnings, 3, "", "unknown column") ||
		!hasIssue(rep.Warnings, 3, "", "first is used") || rep.Warnings[1].Value != "電話番号" {
		t.Errorf("warnings %+v", rep.Warnings)
	}
	if e.all(t)[0].Name != "山田 太郎" {
		t.Error("the first name column was not used")
	}
}

// TestImportRowErrors checks each bad row: the message, the physical line
// and that nothing is written by default.
func TestImportRowErrors(t *testing.T) {
	header := "社員番号,氏名,フリガナ,メールアドレス,会社,入社日,退職日,再雇用可否\n"
	good := "G1,良井 一郎,ヨイ イチロウ,good@example.jp,,2010/4/1,2020/3/31,可\n"
	tests := []struct {
		name  string
		rows  string // after the header and one good row (lines 1, 2)
		line  int
		field string
		value string
		msg   string
	}{
		{"invalid email", "E1,山田 太郎,,taro@,,,,\n", 3, "email", "taro@", "not a valid email address"},
		{"missing name", "E2,,ヤマダ,x@example.jp,,,,\n", 3, "name", "", "必須項目です / required"},
		{"impossible date", "E3,山田 太郎,,,,2015/02/30,,\n", 3, "join_date", "2015/02/30", "日付が正しくありません"},
		{"leave before join", "E4,山田 太郎,,,,2015/04/01,2014/03/31,\n", 3, "leave_date", "2014-03-31", "the leave date is before the join date"},
		{"duplicate employee number", "G1,山田 太郎,,other@example.jp,,,,\n", 3, "employee_number", "G1", "same as line 2"},
		{"duplicate email", "E5,山田 太郎,,GOOD@example.jp,,,,\n", 3, "email", "good@example.jp", "duplicate email in the file (same as line 2)"},
		{"unknown company", "E6,山田 太郎,,,ない会社,,,\n", 3, "company", "ない会社", "unknown company"},
		{"bad rehire value", "E7,山田 太郎,,,,,,たぶん\n", 3, "rehire_eligibility", "たぶん", "rehire eligibility must be"},
		{"reading not kana", "E8,山田 太郎,山田,,,,,\n", 3, "name_reading", "山田", "the reading must be written in kana"},
		{"line after multi-line cell", "\"E9\n\",\"山田\n太郎\",,bad,,,,\n", 3, "email", "bad", "not a valid email"},
		{"line counted across a multi-line cell", "M1,\"複数\n行\",フクスウ,,,,,\nE10,山田 太郎,,bad@,,,,\n", 5, "email", "bad@", "not a valid email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			rep, err := e.importString(t, header+good+tt.rows, "x.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Written || rep.InvalidRows != 1 || rep.Created != 0 {
				t.Errorf("report %+v", rep)
			}
			if !slices.Contains(rep.Errors, Issue{Line: tt.line, Field: tt.field, Value: tt.value, Reason: findReason(rep.Errors, tt.line, tt.field)}) ||
				!hasIssue(rep.Errors, tt.line, tt.field, tt.msg) {
				t.Errorf("errors %+v, want line %d field %s value %q reason ~%q", rep.Errors, tt.line, tt.field, tt.value, tt.msg)
			}
			if strings.HasPrefix(tt.name, "duplicate") && !hasIssue(rep.Warnings, 2, tt.field, "appears again on line 3") {
				t.Errorf("the first line is not reported: %+v", rep.Warnings)
			}
			if n := e.count(t); n != 0 {
				t.Errorf("%d alumni written", n)
			}
		})
	}
}

func findReason(issues []Issue, line int, field string) string {
	for _, is := range issues {
		if is.Line == line && is.Field == field {
			return is.Reason
		}
	}
	return ""
}

// TestImportFileErrors checks files refused as a whole: clear message,
// nothing written.
func TestImportFileErrors(t *testing.T) {
	big := "氏名,メール\n" + strings.Repeat("山田 太郎,\n", 10000) // past the sniffed part
	tests := []struct {
		name     string
		content  string
		filename string
		want     *fault.Error
		msg      string
	}{
		{"utf-16", "\xFF\xFE\xCF\x6C\x0D\x54\n\x00", "a.csv", ErrUnknownEncoding, "文字コードを判別できません / unknown encoding"},
		{"invalid in utf-8 and shift_jis", "氏名\n\xFF\xFE\xFD\n", "a.csv", ErrUnknownEncoding, "unknown encoding"},
		{"shift_jis after utf-8", big + sjis(t, "髙橋 一郎,\n"), "a.csv", ErrUnknownEncoding, "line 10002"},
		{"invalid after ascii", "name,email\n" + strings.Repeat("Taro Yamada,\n", 10000) + "\x82\xFF\xFF\x80,\n", "a.csv", ErrUnknownEncoding, "unknown encoding (line 10002)"},
		{"no name column", "社員番号,メール\n1,a@example.jp\n", "a.csv", ErrNoNameColumn, "氏名の列が見つかりません"},
		{"empty", "", "a.csv", ErrEmptyFile, "no data"},
		{"header only", "氏名\n", "a.csv", ErrEmptyFile, "no data"},
		{"old excel", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", "a.xls", ErrLegacyExcel, ".xls"},
		{"broken xlsx", "PK\x03\x04garbage", "a.xlsx", ErrBadSpreadsheet, "cannot read the Excel file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			rep, err := e.importString(t, tt.content, tt.filename, Options{SkipInvalid: true})
			if !errors.Is(err, tt.want) || rep != nil {
				t.Fatalf("err = %v, report %+v; want %v", err, rep, tt.want)
			}
			if fault.KindOf(err) != fault.Invalid {
				t.Errorf("kind %v", fault.KindOf(err))
			}
			mustContain(t, err.Error(), tt.msg)
			if n := e.count(t); n != 0 {
				t.Errorf("%d alumni written", n)
			}
		})
	}
}

func TestImportModes(t *testing.T) {
	csv := "社員番号,氏名,メール\n1,山田 太郎,taro@example.jp\n2,鈴木 次郎,bad@\n3,佐藤 三郎,saburo@example.jp\n"
	t.Run("default writes nothing when a row is invalid", func(t *testing.T) {
		e := newEnv(t)
		rep, err := e.importString(t, csv, "a.csv", Options{})
		if err != nil || rep.Written || rep.ValidRows != 2 || rep.InvalidRows != 1 || e.count(t) != 0 {
			t.Fatalf("err %v report %+v", err, rep)
		}
	})
	t.Run("skip invalid writes the good rows", func(t *testing.T) {
		e := newEnv(t)
		rep, err := e.importString(t, csv, "a.csv", Options{SkipInvalid: true})
		if err != nil || !rep.Written || rep.Created != 2 || !hasIssue(rep.Errors, 3, "email", "not a valid") || e.count(t) != 2 {
			t.Fatalf("err %v report %+v", err, rep)
		}
	})
	t.Run("dry run previews create and update", func(t *testing.T) {
		e := newEnv(t)
		if _, err := e.importString(t, "社員番号,氏名\n1,山田 太郎\n", "a.csv", Options{}); err != nil {
			t.Fatal(err)
		}
		rep, err := e.importString(t, csv, "a.csv", Options{DryRun: true})
		if err != nil || rep.Written || !rep.DryRun || rep.Created != 1 || rep.Updated != 1 || e.count(t) != 1 {
			t.Fatalf("err %v report %+v", err, rep)
		}
		want := []PreviewRow{{2, ActionUpdate, "1", "山田 太郎", "taro@example.jp"}, {4, ActionCreate, "3", "佐藤 三郎", "saburo@example.jp"}}
		if !slices.Equal(rep.Preview, want) {
			t.Errorf("preview %+v", rep.Preview)
		}
		if a := e.all(t)[0]; a.Email != "" {
			t.Errorf("dry run wrote %+v", a)
		}
	})
	t.Run("import updates by employee number", func(t *testing.T) {
		e := newEnv(t)
		e.importString(t, "社員番号,氏名\n1,山田 太郎\n", "a.csv", Options{})
		rep, err := e.importString(t, "社員番号,氏名,メール\n1,山田 太郎,taro@example.jp\n", "a.csv", Options{})
		if err != nil || rep.Updated != 1 || e.all(t)[0].Email != "taro@example.jp" {
			t.Fatalf("err %v report %+v", err, rep)
		}
	})
	t.Run("errors are capped", func(t *testing.T) {
		e := newEnv(t)
		rep, err := e.importString(t, "氏名,メール\n,\"a@\"\n,b@\n,c@\n", "a.csv", Options{MaxErrors: 2})
		if err != nil || len(rep.Errors) != 2 || rep.ErrorsOmitted != 4 || rep.InvalidRows != 3 {
			t.Fatalf("err %v report %+v", err, rep)
		}
	})
}

func TestImportConflictWithStored(t *testing.T) {
	e := newEnv(t)
	e.importString(t, "社員番号,氏名,メール\n1,山田 太郎,taro@example.jp\n2,鈴木 次郎,jiro@example.jp\n", "a.csv", Options{})
	// Employee 1 takes employee 2's address: the stored data would clash.
	_, err := e.importString(t, "社員番号,氏名,メール\n9,新人 花子,hanako@example.jp\n1,山田 太郎,jiro@example.jp\n", "a.csv", Options{})
	if !errors.Is(err, ErrConflict) || fault.KindOf(err) != fault.Conflict {
		t.Fatalf("err = %v", err)
	}
	mustContain(t, err.Error(), "line 3")
	if n := e.count(t); n != 2 {
		t.Errorf("%d alumni stored, want the 2 from before", n)
	}
}

func TestImportCompany(t *testing.T) {
	e := newEnv(t)
	csv := "氏名,会社\n山田 太郎,ｷｽﾞﾅ商事\n鈴木 次郎,SHOJI\n佐藤 三郎,\n"
	rep, err := e.im.Import(context.Background(), strings.NewReader(csv), "a.csv", Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written || !hasIssue(rep.Errors, 4, "company", "no company given") || rep.ValidRows != 2 {
		t.Fatalf("report %+v", rep)
	}
	rep, err = e.im.Import(context.Background(), strings.NewReader(csv), "a.csv", Options{CompanyID: 1}, nil)
	if err != nil || rep.Created != 3 {
		t.Fatalf("err %v report %+v", err, rep)
	}
	var ids []int64
	for _, a := range e.all(t) {
		ids = append(ids, a.CompanyID)
	}
	if !slices.Equal(ids, []int64{2, 2, 1}) {
		t.Errorf("companies %v", ids)
	}
	sole := NewImporter(e.repo, NewCompanyIndex([]Company{{ID: 1, Code: "main", Name: "本社"}}))
	rep, err = sole.Import(context.Background(), strings.NewReader("氏名\n田中 四郎\n"), "a.csv", Options{}, nil)
	if err != nil || rep.Created != 1 {
		t.Fatalf("sole company: err %v report %+v", err, rep)
	}
}

func TestImportProgress(t *testing.T) {
	e := newEnv(t)
	csv := "氏名\n" + strings.Repeat("山田 太郎\n", 2500)
	var last Progress
	var parsed []int
	_, err := e.im.Import(context.Background(), strings.NewReader(csv), "a.csv", Options{CompanyID: 1}, func(p Progress) {
		if p.Phase == PhaseParse {
			parsed = append(parsed, p.Parsed)
		}
		last = p
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(parsed, []int{1024, 2048, 2500}) || last != (Progress{Phase: PhaseWrite, Parsed: 2500, Written: 2500, Total: 2500}) {
		t.Errorf("parsed %v last %+v", parsed, last)
	}
}

func TestImportCancelled(t *testing.T) {
	e := newEnv(t)
	csv := "氏名\n" + strings.Repeat("山田 太郎\n", 5000)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := e.im.Import(ctx, strings.NewReader(csv), "a.csv", Options{CompanyID: 1}, func(p Progress) {
		if p.Parsed >= 1000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || e.count(t) != 0 {
		t.Fatalf("err %v, %d written", err, e.count(t))
	}
}

// TestReportJSON checks the report against the ImportReport of the HTTP API.
func TestReportJSON(t *testing.T) {
	e := newEnv(t)
	rep, err := e.importString(t, "氏名,メール\n山田 太郎,bad@\n", "a.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(rep)
	want := `{"format":"csv","encoding":"utf-8","total_rows":1,"valid_rows":0,"invalid_rows":1,"created":0,"updated":0,` +
		`"written":false,"dry_run":false,"errors":[{"line":2,"field":"email","value":"bad@","reason":"メールアドレスの形式が正しくありません / not a valid email address"}],"warnings":[]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

// TestImportLargeFileAllOrNothing checks that records written while the
// rest of the file is still being read are undone when a row near the end
// turns out invalid (or clashes with a stored alumnus), and kept when
// SkipInvalid asks for the valid rows.
func TestImportLargeFileAllOrNothing(t *testing.T) {
	const rows = 20_000
	file := func(lastRow string) string {
		var b strings.Builder
		b.WriteString("社員番号,氏名,メール\n")
		for i := range rows - 1 {
			fmt.Fprintf(&b, "%d,山田 太郎,taro%d@example.jp\n", i, i)
		}
		b.WriteString(lastRow)
		return b.String()
	}
	cases := []struct {
		name    string
		last    string
		opt     Options
		err     error
		written bool
		stored  int
	}{
		{"valid", "x,佐藤 三郎,saburo@example.jp\n", Options{}, nil, true, rows + 2},
		{"invalid last row", "x,佐藤 三郎,bad@\n", Options{}, nil, false, 2},
		{"invalid last row, skip invalid", "x,佐藤 三郎,bad@\n", Options{SkipInvalid: true}, nil, true, rows + 1},
		{"last row clashes with a stored alumnus", "stored-1,佐藤 三郎,stored2@example.jp\n", Options{}, ErrConflict, false, 2},
		{"clash and an invalid row", "stored-1,佐藤 三郎,stored2@example.jp\n,,bad@\n", Options{}, nil, false, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			if _, err := e.importString(t, "社員番号,氏名,メール\nstored-1,鈴木 一郎,stored1@example.jp\nstored-2,鈴木 二郎,stored2@example.jp\n", "a.csv", Options{}); err != nil {
				t.Fatal(err)
			}
			rep, err := e.importString(t, file(c.last), "a.csv", c.opt)
			if !errors.Is(err, c.err) || (err == nil && rep.Written != c.written) {
				t.Fatalf("err %v report %+v", err, rep)
			}
			if c.err != nil {
				mustContain(t, err.Error(), fmt.Sprintf("line %d", rows+1))
			}
			if n := e.count(t); n != c.stored {
				t.Errorf("%d alumni stored, want %d", n, c.stored)
			}
		})
	}
}
