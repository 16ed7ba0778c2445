package alumniio

import (
	"strings"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// column is what a file column holds.
type column int

const (
	colUnknown column = iota
	colEmployeeNumber
	colName
	colLastName
	colFirstName
	colReading
	colLastReading
	colFirstReading
	colEmail
	colCompany
	colDepartment
	colPosition
	colJoinDate
	colLeaveDate
	colLeaveReason
	colRehire
	colCurrentEmployer
	colIndustry
	colJobType
	colSkills
	colInterests
	colTags
	colFormerManager
	colNotes
	colCount
)

// columnAliases lists the header names of each column. The first name is the
// one Export writes. Names are compared folded (see foldHeader), so width,
// case, spaces, kana script and punctuation do not matter.
var columnAliases = map[column][]string{
	colEmployeeNumber:  {"社員番号", "従業員番号", "社員No", "社員コード", "employee number", "employee_no", "employee id", "emp no"},
	colName:            {"氏名", "名前", "お名前", "name", "full name"},
	colLastName:        {"姓", "苗字", "名字", "last name", "family name", "surname"},
	colFirstName:       {"名", "first name", "given name"},
	colReading:         {"フリガナ", "ふりがな", "読み", "よみ", "カナ", "氏名カナ", "氏名フリガナ", "reading", "name reading", "furigana", "kana"},
	colLastReading:     {"セイ", "姓フリガナ", "姓カナ", "last name reading"},
	colFirstReading:    {"メイ", "名フリガナ", "名カナ", "first name reading"},
	colEmail:           {"メールアドレス", "メール", "Eメール", "個人メールアドレス", "その他のメールアドレス", "email", "e-mail", "email address", "mail", "other emails"},
	colCompany:         {"会社", "会社名", "会社コード", "company", "company name", "company code"},
	colDepartment:      {"部署", "所属", "部門", "部署名", "所属部署", "department", "dept"},
	colPosition:        {"役職", "役職名", "position", "title", "job title"},
	colJoinDate:        {"入社日", "入社年月日", "join date", "joined", "hire date", "start date"},
	colLeaveDate:       {"退職日", "退職年月日", "退社日", "leave date", "left", "end date"},
	colLeaveReason:     {"退職理由", "leave reason", "reason for leaving"},
	colRehire:          {"再雇用可否", "再雇用", "rehire eligibility", "rehire"},
	colCurrentEmployer: {"現在の勤務先", "現勤務先", "勤務先", "current employer", "employer"},
	colIndustry:        {"業界", "業種", "industry"},
	colJobType:         {"職種", "job type", "occupation"},
	colSkills:          {"スキル", "skills", "skill"},
	colInterests:       {"興味・関心", "興味", "関心", "興味関心", "interests", "interest"},
	colTags:            {"タグ", "tags", "tag"},
	colFormerManager:   {"元上司", "上司", "former manager", "manager"},
	colNotes:           {"備考", "メモ", "notes", "note", "memo", "remarks"},
}

var columnByHeader = func() map[string]column {
	m := map[string]column{}
	for c, names := range columnAliases {
		for _, n := range names {
			m[foldHeader(n)] = c
		}
	}
	return m
}()

// headerNoise is dropped from headers before matching: punctuation and the
// marks HR templates put on required columns.
var headerNoise = strings.NewReplacer("_", "", "-", "", "・", "", ".", "", "/", "", ":", "",
	"(", "", ")", "", "[", "", "]", "", "「", "", "」", "", "【", "", "】", "", "*", "", "※", "", "必須", "", "'", "")

// foldHeader is the matching form of a header: NFKC, lower case, katakana as
// hiragana, no spaces or punctuation.
func foldHeader(s string) string {
	return headerNoise.Replace(textnorm.Fold(s))
}

// lookupColumn names the column a header stands for. Numbered email columns
// ("メールアドレス2", "email 2") are email columns too.
func lookupColumn(header string) column {
	f := foldHeader(header)
	if c, ok := columnByHeader[f]; ok {
		return c
	}
	if trimmed := strings.TrimRight(f, "0123456789"); trimmed != f {
		if c := columnByHeader[trimmed]; c == colEmail {
			return c
		}
	}
	return colUnknown
}

// layout maps a file's columns to fields.
type layout struct {
	at      [colCount]int // column index of each field, -1 when absent
	emails  []int         // every email column, in file order
	unknown []int
	dup     []int
}

// readLayout matches a header row; ok is false when it has no name column.
func readLayout(header []string) (l layout, ok bool) {
	for i := range l.at {
		l.at[i] = -1
	}
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			continue
		}
		c := lookupColumn(h)
		switch {
		case c == colUnknown:
			l.unknown = append(l.unknown, i)
		case c == colEmail:
			l.emails = append(l.emails, i)
		case l.at[c] >= 0:
			l.dup = append(l.dup, i)
		default:
			l.at[c] = i
		}
	}
	ok = l.at[colName] >= 0 || l.at[colLastName] >= 0 || l.at[colFirstName] >= 0
	return l, ok
}
