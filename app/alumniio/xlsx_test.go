package alumniio

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// makeXLSX builds a workbook whose first sheet has rows (nil rows left
// empty) and, when extra, a second sheet.
func makeXLSX(t *testing.T, rows [][]any, extra bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if extra {
		f.NewSheet("メモ")
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportXLSX(t *testing.T) {
	e := newEnv(t)
	joined := time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC)
	data := makeXLSX(t, [][]any{
		{"社員番号", "氏名", "ﾌﾘｶﾞﾅ", "E-mail", "入社日", "退職日", "再雇用可否", "内線"},
		{1001, "髙橋 一郎", "たかはし いちろう", "Ichiro@Example.jp", joined, "H30.3.31", "○", "1234"},
		nil,
		{"01002", "山田　花子", "ヤマダ ハナコ", "hanako@example.jp", "2016/4/1", 43555, "不可"},
		{"1003", "鈴木 次郎", "スズキ ジロウ", "jiro@", "2017年4月1日", "", ""},
	}, true)
	rep, err := e.im.Import(context.Background(), bytes.NewReader(data), "退職者.xlsx", Options{CompanyID: 1, SkipInvalid: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Format != FormatXLSX || rep.TotalRows != 3 || rep.Created != 2 || !rep.Written {
		t.Fatalf("report %+v", rep)
	}
	if !hasIssue(rep.Errors, 5, "email", "not a valid email") {
		t.Errorf("errors %+v", rep.Errors)
	}
	if !hasIssue(rep.Warnings, 1, "", "only the first sheet") || !hasIssue(rep.Warnings, 1, "", "unknown column") {
		t.Errorf("warnings %+v", rep.Warnings)
	}
	got := e.all(t)
	a, b := got[0], got[1]
	if a.EmployeeNumber != "1001" || a.Name != "髙橋 一郎" || a.NameReading != "タカハシ イチロウ" || a.Email != "ichiro@example.jp" ||
		a.JoinDate != "2015-04-01" || a.LeaveDate != "2018-03-31" || a.RehireEligibility != "eligible" {
		t.Errorf("first %+v", a)
	}
	if b.EmployeeNumber != "01002" || b.Name != "山田 花子" || b.JoinDate != "2016-04-01" || b.LeaveDate != "2019-03-31" || b.RehireEligibility != "ineligible" {
		t.Errorf("second %+v", b)
	}
}

func TestImportXLSXWithoutNameColumn(t *testing.T) {
	e := newEnv(t)
	data := makeXLSX(t, [][]any{{"社員番号", "メール"}, {1, "a@example.jp"}}, false)
	_, err := e.im.Import(context.Background(), bytes.NewReader(data), "a.xlsx", Options{CompanyID: 1}, nil)
	if err == nil || e.count(t) != 0 {
		t.Fatalf("err %v", err)
	}
	mustContain(t, err.Error(), "氏名の列が見つかりません")
}
