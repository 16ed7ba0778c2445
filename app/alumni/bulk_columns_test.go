package alumni

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/kizuna-hr/kizuna/app/store"
)

func openTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestOmittableMatchesSchema checks that the values a bulk insert leaves to
// the column defaults are the defaults the schema stores.
func TestOmittableMatchesSchema(t *testing.T) {
	ctx := context.Background()
	st := openTestStore(t)
	if _, err := st.W.ExecContext(ctx, "INSERT INTO alumni(company_id, name) VALUES (1, 'x')"); err != nil {
		t.Fatal(err)
	}
	var a *Alumnus
	err := NewRepo(st).Each(ctx, func(got *Alumnus) error { a = got; return nil })
	if err != nil || a == nil {
		t.Fatal(err)
	}
	stored := insertArgs(a)
	for i, d := range omittable {
		if d != nil && stored[i] != d {
			t.Errorf("column %s defaults to %q, omittable says %q", insertColumnNames[i], stored[i], d)
		}
	}
}

// TestBulkSparseColumns writes batches in which some columns are set on a
// single record only, and reads every record back.
func TestBulkSparseColumns(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		set  func(a *Alumnus)
	}{
		{"notes", func(a *Alumnus) { a.Notes = "備考あり" }},
		{"interests", func(a *Alumnus) { a.Interests = []string{"釣り", "Go"} }},
		{"other emails", func(a *Alumnus) { a.OtherEmails = []string{"other@example.jp"} }},
		{"rehire", func(a *Alumnus) { a.RehireEligibility = RehireEligible }},
		{"dates and position", func(a *Alumnus) { a.JoinDate, a.LeaveDate, a.Position = "2001-04-01", "2010-03-31", "課長" }},
		{"everything", func(a *Alumnus) {
			a.NameReading, a.Department, a.LeaveReason, a.CurrentEmployer = "ヤマダ", "営業部", "転職", "㈱ミライ"
			a.Industry, a.JobType, a.FormerManager = "IT", "営業", "佐藤"
			a.Skills, a.Tags = []string{"SQL"}, []string{"OB会"}
		}},
	}
	repo := NewRepo(openTestStore(t))
	b, err := repo.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Rollback()
	var all []*Alumnus
	for ci, c := range cases {
		var records []*Alumnus
		for i := range insertBatch + 7 {
			a := &Alumnus{CompanyID: 1, EmployeeNumber: fmt.Sprintf("S%d-%d", ci, i), Name: "山田 太郎", RehireEligibility: RehireUnknown}
			if i == ci*5 || i == insertBatch+3 {
				c.set(a)
			}
			records = append(records, a)
		}
		if err := b.Write(records); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		all = append(all, records...)
	}
	if _, err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, want := range all {
		got, err := repo.Get(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		got.CreatedAt, got.UpdatedAt = want.CreatedAt, want.UpdatedAt
		if !reflect.DeepEqual(insertArgs(got), insertArgs(want)) {
			t.Errorf("stored %+v\nwant   %+v", got, want)
		}
	}
}
