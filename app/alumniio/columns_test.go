package alumniio

import "testing"

func TestLookupColumn(t *testing.T) {
	tests := []struct {
		header string
		want   column
	}{
		{"社員番号", colEmployeeNumber},
		{"従業員番号", colEmployeeNumber},
		{"Employee Number", colEmployeeNumber},
		{"employee_no", colEmployeeNumber},
		{"ＥＭＰＬＯＹＥＥ　ＮＯ", colEmployeeNumber},
		{"氏名", colName},
		{"氏名（必須）", colName},
		{"*氏名", colName},
		{"名前", colName},
		{"NAME", colName},
		{"姓", colLastName},
		{"Last Name", colLastName},
		{"名", colFirstName},
		{"first_name", colFirstName},
		{"フリガナ", colReading},
		{"ﾌﾘｶﾞﾅ", colReading},
		{"ふりがな", colReading},
		{"読み", colReading},
		{"よみ", colReading},
		{"カナ", colReading},
		{"氏名（フリガナ）", colReading},
		{"reading", colReading},
		{"セイ", colLastReading},
		{"ﾒｲ", colFirstReading},
		{"メールアドレス", colEmail},
		{"メールアドレス2", colEmail},
		{"メール", colEmail},
		{"E-mail", colEmail},
		{"email 2", colEmail},
		{"会社", colCompany},
		{"会社名", colCompany},
		{"Company", colCompany},
		{"部署", colDepartment},
		{"所属", colDepartment},
		{"部門", colDepartment},
		{"Department", colDepartment},
		{"役職", colPosition},
		{"Title", colPosition},
		{"入社日", colJoinDate},
		{"入社年月日", colJoinDate},
		{"Join Date", colJoinDate},
		{"退職日", colLeaveDate},
		{"退職年月日", colLeaveDate},
		{"leave_date", colLeaveDate},
		{"退職理由", colLeaveReason},
		{"再雇用可否", colRehire},
		{"Rehire Eligibility", colRehire},
		{"現在の勤務先", colCurrentEmployer},
		{"業界", colIndustry},
		{"職種", colJobType},
		{"スキル", colSkills},
		{"興味", colInterests},
		{"関心", colInterests},
		{"興味・関心", colInterests},
		{"タグ", colTags},
		{"元上司", colFormerManager},
		{"備考", colNotes},
		{"メモ", colNotes},
		{"電話番号", colUnknown},
		{"社員番号2", colUnknown},
	}
	for _, tt := range tests {
		if got := lookupColumn(tt.header); got != tt.want {
			t.Errorf("lookupColumn(%q) = %d, want %d", tt.header, got, tt.want)
		}
	}
}

func TestReadLayout(t *testing.T) {
	tests := []struct {
		name    string
		header  []string
		ok      bool
		emails  int
		unknown int
		dup     int
	}{
		{"name column", []string{"社員番号", "氏名"}, true, 0, 0, 0},
		{"split name", []string{"姓", "名", "セイ", "メイ"}, true, 0, 0, 0},
		{"no name", []string{"社員番号", "メール"}, false, 1, 0, 0},
		{"emails and unknown", []string{"氏名", "メール", "メールアドレス2", "電話", ""}, true, 2, 1, 0},
		{"duplicate column", []string{"氏名", "名前"}, true, 0, 0, 1},
	}
	for _, tt := range tests {
		l, ok := readLayout(tt.header)
		if ok != tt.ok || len(l.emails) != tt.emails || len(l.unknown) != tt.unknown || len(l.dup) != tt.dup {
			t.Errorf("%s: ok=%v emails=%d unknown=%d dup=%d", tt.name, ok, len(l.emails), len(l.unknown), len(l.dup))
		}
	}
}
