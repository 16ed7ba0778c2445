package alumni_test

import (
	"context"
	"slices"
	"testing"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/store"
)

func openStore(t testing.TB, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func companyNames(context.Context) (map[int64]string, error) {
	return map[int64]string{1: "本社"}, nil
}

var people = []*alumni.Alumnus{
	{CompanyID: 1, EmployeeNumber: "E001", Name: "山田 太郎", NameReading: "ヤマダ タロウ", Email: "taro@example.jp", Department: "営業部", JoinDate: "1998-04-01", LeaveDate: "2010-03-31", Tags: []string{"営業", "管理職"}, Skills: []string{"法人営業"}},
	{CompanyID: 1, EmployeeNumber: "E002", Name: "髙橋 花子", NameReading: "タカハシ ハナコ", Email: "hanako@example.jp", Department: "人事部", Position: "課長", JoinDate: "2015-04-01", LeaveDate: "2020-06-30", JobType: "人事"},
	{CompanyID: 1, EmployeeNumber: "E010", Name: "山本 健二", NameReading: "ヤマモト ケンジ", Email: "kenji@corp.example", Department: "開発部", JoinDate: "2005-04-01", LeaveDate: "2019-12-31", Skills: []string{"Go", "SQL"}, CurrentEmployer: "株式会社ミライテック"},
	{CompanyID: 1, EmployeeNumber: "E003", Name: "田中 一郎", NameReading: "タナカ イチロウ", Email: "ichiro@example.jp", Department: "営業部", JoinDate: "2021-04-01", LeaveDate: "2024-03-31"},
}

func seed(t testing.TB, st *store.Store) *alumni.Repo {
	t.Helper()
	repo := alumni.NewRepo(st)
	for _, p := range people {
		c := *p
		alumni.Normalize(&c)
		if _, err := repo.Create(context.Background(), &c); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

func names(t *testing.T, repo *alumni.Repo, ids []int64) []string {
	t.Helper()
	rows, err := repo.ByIDs(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range rows {
		out = append(out, a.Name)
	}
	return out
}

func TestDirectorySearch(t *testing.T) {
	st := openStore(t, t.TempDir())
	repo := seed(t, st)
	dir := alumni.NewDirectory(repo, companyNames)
	cases := []struct {
		name  string
		query alumni.Query
		want  []string
	}{
		{"two-character surname", alumni.Query{Text: "山田"}, []string{"山田 太郎"}},
		{"one kanji", alumni.Query{Text: "山"}, []string{"山田 太郎", "山本 健二"}},
		{"CP932 kanji", alumni.Query{Text: "髙"}, []string{"髙橋 花子"}},
		{"reading in hiragana", alumni.Query{Text: "やま"}, []string{"山田 太郎", "山本 健二"}},
		{"reading in half-width kana", alumni.Query{Text: "ﾀｶﾊｼ"}, []string{"髙橋 花子"}},
		{"department two characters", alumni.Query{Text: "営業"}, []string{"田中 一郎", "山田 太郎"}},
		{"skill, case-insensitive", alumni.Query{Text: "go"}, []string{"山本 健二"}},
		{"email part", alumni.Query{Text: "corp.example"}, []string{"山本 健二"}},
		{"employee number", alumni.Query{Text: "E010"}, []string{"山本 健二"}},
		{"company name", alumni.Query{Text: "本社", Sort: "employee_number"}, []string{"山田 太郎", "髙橋 花子", "田中 一郎", "山本 健二"}},
		{"two terms AND", alumni.Query{Text: "営業 やまだ"}, []string{"山田 太郎"}},
		{"position", alumni.Query{Text: "課長"}, []string{"髙橋 花子"}},
		{"part of the current employer", alumni.Query{Text: "ミライ"}, []string{"山本 健二"}},
		{"employer and name together", alumni.Query{Text: "みらい やまもと"}, []string{"山本 健二"}},
		{"employer and another's name", alumni.Query{Text: "みらい 山田"}, nil},
		{"no match", alumni.Query{Text: "存在しない"}, nil},
		{"department filter", alumni.Query{Department: "営業部"}, []string{"田中 一郎", "山田 太郎"}},
		{"unknown filter value", alumni.Query{Department: "宇宙部"}, nil},
		{"tag filter", alumni.Query{Tags: []string{"管理職"}}, []string{"山田 太郎"}},
		{"join year range", alumni.Query{JoinYearFrom: 2000, JoinYearTo: 2016}, []string{"髙橋 花子", "山本 健二"}},
		{"leave year from", alumni.Query{LeaveYearFrom: 2020}, []string{"髙橋 花子", "田中 一郎"}},
		{"sort by join date descending", alumni.Query{Sort: "-join_date"}, []string{"田中 一郎", "髙橋 花子", "山本 健二", "山田 太郎"}},
		{"paging", alumni.Query{Sort: "join_date", Offset: 1, Limit: 2}, []string{"山本 健二", "髙橋 花子"}},
		{"sort by department groups them", alumni.Query{Sort: "department"}, []string{"髙橋 花子", "山田 太郎", "田中 一郎", "山本 健二"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.query.Limit == 0 {
				c.query.Limit = 50
			}
			page, err := dir.Search(context.Background(), c.query)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(t, repo, page.IDs); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			if c.query.Offset == 0 && page.Total != len(c.want) {
				t.Errorf("total %d, want %d", page.Total, len(c.want))
			}
		})
	}
}

func TestDirectorySeesWritesFromAnotherProcess(t *testing.T) {
	dataDir := t.TempDir()
	st := openStore(t, dataDir)
	repo := seed(t, st)
	dir := alumni.NewDirectory(repo, companyNames)
	ctx := context.Background()
	if p, _ := dir.Search(ctx, alumni.Query{Text: "鈴木", Limit: 10}); p.Total != 0 {
		t.Fatalf("unexpected match before the write: %d", p.Total)
	}
	// A second connection to the same file, as the CLI would open.
	other := alumni.NewRepo(openStore(t, dataDir))
	a := &alumni.Alumnus{CompanyID: 1, Name: "鈴木 次郎", NameReading: "スズキ ジロウ"}
	alumni.Normalize(a)
	created, err := other.Create(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := dir.Search(ctx, alumni.Query{Text: "すずき", Limit: 10}); !slices.Equal(p.IDs, []int64{created.ID}) {
		t.Fatalf("new alumnus not found: %+v", p)
	}
	created.Name = "佐藤 次郎"
	if _, err := other.Update(ctx, created); err != nil {
		t.Fatal(err)
	}
	if p, _ := dir.Search(ctx, alumni.Query{Text: "鈴木", Limit: 10}); p.Total != 0 {
		t.Errorf("old name still matches after rename: %+v", p)
	}
	if err := other.Delete(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ := dir.Search(ctx, alumni.Query{Text: "佐藤", Limit: 10}); p.Total != 0 {
		t.Errorf("deleted alumnus still found: %+v", p)
	}
}

func TestDirectoryFacets(t *testing.T) {
	st := openStore(t, t.TempDir())
	dir := alumni.NewDirectory(seed(t, st), companyNames)
	f, err := dir.Facets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Departments) != 3 || f.Departments[0] != (alumni.Facet{Value: "営業部", Count: 2}) {
		t.Errorf("departments facet = %+v", f.Departments)
	}
}

// TestDirectorySeesBulkWritesFromAnotherProcess checks both ways a bulk
// write is logged: row by row up to 2,000 records, as one "reload
// everything" change above that.
func TestDirectorySeesBulkWritesFromAnotherProcess(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		records int
		logged  int // change-log rows the bulk write adds
	}{
		{"small: logged row by row", 30, 30},
		{"at the threshold", 2000, 2000},
		{"large: one bulk change", 2600, 2001},
	} {
		t.Run(c.name, func(t *testing.T) {
			dataDir := t.TempDir()
			st := openStore(t, dataDir)
			repo := seed(t, st)
			dir := alumni.NewDirectory(repo, companyNames)
			if p, err := dir.Search(ctx, alumni.Query{Limit: 1}); err != nil || p.Total != len(people) {
				t.Fatalf("before: %+v %v", p, err)
			}
			before, _ := repo.LastChange(ctx)
			other := alumni.NewRepo(openStore(t, dataDir))
			records := staff(0, c.records)
			records[len(records)-1].Name = "最後 の人"
			if _, err := other.Upsert(ctx, records, nil); err != nil {
				t.Fatal(err)
			}
			after, _ := repo.LastChange(ctx)
			if int(after-before) != c.logged {
				t.Errorf("%d changes logged, want %d", after-before, c.logged)
			}
			if p, err := dir.Search(ctx, alumni.Query{Limit: 1}); err != nil || p.Total != len(people)+c.records {
				t.Fatalf("after the bulk write: %+v %v", p, err)
			}
			if p, _ := dir.Search(ctx, alumni.Query{Text: "最後", Limit: 10}); p.Total != 1 {
				t.Errorf("last record not found: %+v", p)
			}
			// Later writes are logged row by row again.
			a := &alumni.Alumnus{CompanyID: 1, Name: "鈴木 次郎"}
			alumni.Normalize(a)
			if _, err := other.Create(ctx, a); err != nil {
				t.Fatal(err)
			}
			if last, _ := repo.LastChange(ctx); last != after+1 {
				t.Errorf("create after the bulk write: change %d, want %d", last, after+1)
			}
			if p, _ := dir.Search(ctx, alumni.Query{Text: "鈴木", Limit: 10}); p.Total != 1 {
				t.Errorf("alumnus created after the bulk write not found: %+v", p)
			}
		})
	}
}
