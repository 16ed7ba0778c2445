package httpapi_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/kizuna-hr/kizuna/app/auth"
)

// waitJob polls an import job until it ends.
func (f *fixture) waitJob(t *testing.T, id string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		_, body := f.do(t, auth.HRStaff, "GET", "/api/jobs/"+id, nil, "")
		var jb map[string]any
		json.Unmarshal(body, &jb)
		if jb["state"] != "running" {
			return jb
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("import job did not finish")
	return nil
}

func TestImportThroughTheAPI(t *testing.T) {
	f := newFixture(t)
	csv := "社員番号,氏名,フリガナ,メールアドレス,部署,入社日,退職日\r\n" +
		"E100,髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,Ichiro@Example.jp ,営業部,2015/04/01,2020年3月31日\r\n" +
		"E101,,スズキ,suzuki@example.jp,開発部,2016-04-01,2019-03-31\r\n"
	sjis, err := japanese.ShiftJIS.NewEncoder().String(csv)
	if err != nil {
		t.Fatal(err)
	}
	start := func(query string) map[string]any {
		body, ct := multipartFile(t, "退職者.csv", sjis)
		code, resp := f.do(t, auth.HRStaff, "POST", "/api/alumni/import"+query, body, ct)
		if code != 202 {
			t.Fatalf("import = %d %s", code, resp)
		}
		var r struct {
			JobID string `json:"job_id"`
		}
		json.Unmarshal(resp, &r)
		return f.waitJob(t, r.JobID)
	}
	// Preview: the bad row is named by its line, nothing is written.
	jb := start("?dry_run=true")
	report, _ := jb["report"].(map[string]any)
	if jb["state"] != "done" || report["encoding"] != "shift_jis" || report["invalid_rows"] != 1.0 || report["written"] != false {
		t.Fatalf("dry run job: %+v", jb)
	}
	errs, _ := report["errors"].([]any)
	if len(errs) == 0 || errs[0].(map[string]any)["line"] != 3.0 {
		t.Fatalf("bad row not reported at line 3: %+v", report["errors"])
	}
	if _, body := f.do(t, auth.HRStaff, "GET", "/api/alumni?q=髙橋", nil, ""); !strings.Contains(string(body), `"total":0`) {
		t.Fatalf("dry run wrote data: %s", body)
	}
	// Default import refuses while a row is bad; skip_invalid imports the good row.
	if jb := start(""); jb["report"].(map[string]any)["written"] != false {
		t.Fatalf("import with a bad row wrote data: %+v", jb)
	}
	jb = start("?skip_invalid=true")
	if jb["report"].(map[string]any)["created"] != 1.0 {
		t.Fatalf("skip_invalid import: %+v", jb)
	}
	_, body := f.do(t, auth.HRStaff, "GET", "/api/alumni?q=たかはし", nil, "")
	for _, want := range []string{`"total":1`, `"name":"髙橋 一郎"`, `"name_reading":"タカハシ イチロウ"`, `"email":"ichiro@example.jp"`, `"leave_date":"2020-03-31"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("imported alumnus: missing %s in %s", want, body)
		}
	}
}

func TestExportForExcel(t *testing.T) {
	f := newFixture(t)
	code, body := f.do(t, auth.HRStaff, "GET", "/api/alumni/export?format=csv", nil, "")
	if code != 200 || !bytes.HasPrefix(body, []byte("\ufeff")) || !strings.Contains(string(body), "山田 太郎") {
		t.Fatalf("csv export = %d %.200q", code, body)
	}
	code, body = f.do(t, auth.HRStaff, "GET", "/api/alumni/export?format=csv-sjis", nil, "")
	decoded, err := japanese.ShiftJIS.NewDecoder().Bytes(body)
	if code != 200 || err != nil || !strings.Contains(string(decoded), "山田 太郎") {
		t.Fatalf("csv-sjis export = %d %v", code, err)
	}
	// A viewer may not export at all.
	if code, _ := f.do(t, auth.Viewer, "GET", "/api/alumni/export?format=json", nil, ""); code != 403 {
		t.Errorf("viewer export = %d", code)
	}
}

func TestBackupAndRestoreThroughTheAPI(t *testing.T) {
	f := newFixture(t)
	code, backup := f.do(t, auth.Owner, "GET", "/api/backup", nil, "")
	if code != 200 || !bytes.HasPrefix(backup, []byte("SQLite format 3")) {
		t.Fatalf("backup = %d %.40q", code, backup)
	}
	// Change the data after the backup, then restore it.
	if code, _ := f.do(t, auth.Owner, "DELETE", "/api/alumni/1", nil, ""); code != 204 {
		t.Fatalf("delete = %d", code)
	}
	if _, body := f.do(t, auth.Owner, "GET", "/api/alumni?q=山田", nil, ""); !strings.Contains(string(body), `"total":0`) {
		t.Fatalf("not deleted: %s", body)
	}
	body, ct := multipartFile(t, "backup.db", string(backup))
	if code, resp := f.do(t, auth.Owner, "POST", "/api/restore", body, ct); code != 200 {
		t.Fatalf("restore = %d %s", code, resp)
	}
	if _, body := f.do(t, auth.Owner, "GET", "/api/alumni?q=山田", nil, ""); !strings.Contains(string(body), `"total":1`) {
		t.Errorf("restored alumnus not found by search: %s", body)
	}
	// The data before the restore was kept in the backups folder.
	entries, _ := os.ReadDir(filepath.Join(f.st.Dir, "backups"))
	if len(entries) == 0 {
		t.Error("no safety copy written before the restore")
	}
	// Audit: the deletion and the restore are on record.
	_, audit := f.do(t, auth.Owner, "GET", "/api/audit?limit=50", nil, "")
	for _, action := range []string{"alumni.delete", "backup.create", "backup.restore"} {
		if !strings.Contains(string(audit), action) {
			t.Errorf("audit log lacks %s", action)
		}
	}
}
