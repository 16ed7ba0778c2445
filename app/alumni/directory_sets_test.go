package alumni_test

import (
	"context"
	"slices"
	"testing"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

func TestDirectoryAnyOfSets(t *testing.T) {
	st := openStore(t, t.TempDir())
	repo := seed(t, st)
	extra := &alumni.Alumnus{CompanyID: 1, EmployeeNumber: "X1", Name: "佐藤 優希", NameReading: "サトウ ユウキ",
		Email: "yuki@example.jp", Department: "人事部", Interests: []string{"副業", "メンター"}, Tags: []string{"管理職"}}
	alumni.Normalize(extra)
	if _, err := repo.Create(context.Background(), extra); err != nil {
		t.Fatal(err)
	}
	dir := alumni.NewDirectory(repo, companyNames)
	cases := []struct {
		name string
		q    alumni.Query
		want []string
	}{
		{"empty is everyone", alumni.Query{}, []string{"山田 太郎", "髙橋 花子", "山本 健二", "田中 一郎", "佐藤 優希"}},
		{"departments any of", alumni.Query{Departments: []string{"人事部", "開発部"}}, []string{"髙橋 花子", "山本 健二", "佐藤 優希"}},
		{"unknown value in set ignored", alumni.Query{Departments: []string{"人事部", "存在しない部"}}, []string{"髙橋 花子", "佐藤 優希"}},
		{"only unknown values", alumni.Query{Departments: []string{"存在しない部"}}, nil},
		{"companies any of", alumni.Query{CompanyIDs: []int64{9, 1}, JobTypes: []string{"人事"}}, []string{"髙橋 花子"}},
		{"no such company", alumni.Query{CompanyIDs: []int64{9}}, nil},
		{"interests", alumni.Query{Interests: []string{"副業"}}, []string{"佐藤 優希"}},
		{"any tag", alumni.Query{AnyTags: []string{"管理職", "営業"}}, []string{"山田 太郎", "佐藤 優希"}},
		{"sets and years", alumni.Query{Departments: []string{"営業部"}, JoinYearFrom: 2020}, []string{"田中 一郎"}},
		{"sets and text", alumni.Query{Text: "山", Departments: []string{"営業部", "開発部"}}, []string{"山田 太郎", "山本 健二"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ids, err := dir.MatchIDs(context.Background(), c.q)
			if err != nil {
				t.Fatal(err)
			}
			got := names(t, repo, ids)
			slices.Sort(got)
			want := slices.Clone(c.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("got %v, want %v", got, want)
			}
		})
	}
	f, err := dir.Facets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(f.Interests, alumni.Facet{Value: "副業", Count: 1}) {
		t.Fatalf("interests facet: %v", f.Interests)
	}
}
