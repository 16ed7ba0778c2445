package alumni_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

func person(i int, email string) *alumni.Alumnus {
	a := &alumni.Alumnus{CompanyID: 1, EmployeeNumber: fmt.Sprintf("B%04d", i), Name: fmt.Sprintf("社員 %d", i), Email: email}
	alumni.Normalize(a)
	return a
}

func staff(from, to int) []*alumni.Alumnus {
	var out []*alumni.Alumnus
	for i := from; i < to; i++ {
		out = append(out, person(i, fmt.Sprintf("p%d@example.jp", i)))
	}
	return out
}

func TestBulk(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name      string
		writes    [][]*alumni.Alumnus
		commit    bool
		wantErrAt int // index of the failing record across writes, -1 for none
		want      alumni.UpsertResult
		stored    int
	}{
		{"one write", [][]*alumni.Alumnus{staff(0, 120)}, true, -1, alumni.UpsertResult{Created: 120}, 120},
		{"several writes, odd sizes", [][]*alumni.Alumnus{staff(0, 7), staff(7, 57), staff(57, 58), nil, staff(58, 200)}, true, -1, alumni.UpsertResult{Created: 200}, 200},
		{"a later write updates an earlier record", [][]*alumni.Alumnus{staff(0, 3), {person(1, "new@example.jp")}}, true, -1, alumni.UpsertResult{Created: 3, Updated: 1}, 3},
		{"repeat of a pending insert in the same write", [][]*alumni.Alumnus{{person(0, "a@example.jp"), person(0, "b@example.jp")}}, true, -1, alumni.UpsertResult{Created: 1, Updated: 1}, 1},
		{"rollback stores nothing", [][]*alumni.Alumnus{staff(0, 100), staff(100, 180)}, false, -1, alumni.UpsertResult{}, 0},
		{"error index counts across writes", [][]*alumni.Alumnus{staff(0, 60), append(staff(60, 63), person(5, "p6@example.jp"))}, true, 63, alumni.UpsertResult{}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			repo := alumni.NewRepo(openStore(t, t.TempDir()))
			b, err := repo.BeginBulk(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Rollback()
			var werr error
			for _, w := range c.writes {
				if werr = b.Write(w); werr != nil {
					break
				}
			}
			var res alumni.UpsertResult
			if werr == nil {
				if c.commit {
					res, werr = b.Commit()
				} else {
					b.Rollback()
				}
			}
			var re *alumni.RecordError
			switch {
			case c.wantErrAt < 0 && werr != nil:
				t.Fatalf("unexpected error %v", werr)
			case c.wantErrAt >= 0 && (!errors.As(werr, &re) || re.Index != c.wantErrAt || !errors.Is(werr, alumni.ErrDuplicate)):
				t.Fatalf("error %v, want a duplicate at record %d", werr, c.wantErrAt)
			}
			if res != c.want {
				t.Errorf("result %+v, want %+v", res, c.want)
			}
			b.Rollback() // a no-op after Commit
			if n, _ := repo.Count(ctx); n != c.stored {
				t.Errorf("%d stored, want %d", n, c.stored)
			}
			if werr == nil && c.commit {
				for _, w := range c.writes {
					for _, a := range w {
						got, err := repo.Get(ctx, a.ID)
						if err != nil || got.EmployeeNumber != a.EmployeeNumber {
							t.Fatalf("record %s has id %d: %v %+v", a.EmployeeNumber, a.ID, err, got)
						}
					}
				}
			}
		})
	}
}

func TestBulkAfterError(t *testing.T) {
	ctx := context.Background()
	repo := alumni.NewRepo(openStore(t, t.TempDir()))
	b, err := repo.BeginBulk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Write([]*alumni.Alumnus{person(1, "a@example.jp"), person(2, "b@example.jp"), person(1, "b@example.jp")}); err == nil {
		t.Fatal("no error for an email another record has")
	}
	if err := b.Write(staff(10, 12)); err == nil {
		t.Error("Write after an error succeeded")
	}
	if _, err := b.Commit(); err == nil {
		t.Error("Commit after an error succeeded")
	}
	if n, _ := repo.Count(ctx); n != 0 {
		t.Errorf("%d stored after a failed bulk write", n)
	}
	// The writer connection is free again.
	if _, err := repo.Upsert(ctx, staff(0, 3), nil); err != nil {
		t.Fatal(err)
	}
}

// TestBulkRestoresChangeLogTriggers checks that a large bulk write, which
// logs itself as one change, leaves every later write logged again, whether
// it commits, rolls back or fails.
func TestBulkRestoresChangeLogTriggers(t *testing.T) {
	ctx := context.Background()
	for _, end := range []string{"commit", "rollback", "error"} {
		t.Run(end, func(t *testing.T) {
			st := openStore(t, t.TempDir())
			repo := alumni.NewRepo(st)
			b, err := repo.BeginBulk(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Write(staff(0, 2500)); err != nil {
				t.Fatal(err)
			}
			switch end {
			case "commit":
				if _, err := b.Commit(); err != nil {
					t.Fatal(err)
				}
			case "rollback":
				b.Rollback()
			case "error":
				// A clash is found at Write, or at Commit when the email
				// index was rebuilt; either way it names the record.
				err := b.Write([]*alumni.Alumnus{person(1, "p2@example.jp")})
				if err == nil {
					_, err = b.Commit()
				}
				var re *alumni.RecordError
				if !errors.As(err, &re) || re.Index != 2500 || !errors.Is(err, alumni.ErrDuplicate) {
					t.Fatalf("clash: %v", err)
				}
				b.Rollback()
			}
			var triggers int
			if err := st.R.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'alumni'").Scan(&triggers); err != nil || triggers != 3 {
				t.Fatalf("%d triggers on alumni (%v), want 3", triggers, err)
			}
			last, _ := repo.LastChange(ctx)
			a := person(9999, "late@example.jp")
			created, err := repo.Create(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			created.Name = "改名 後"
			if _, err := repo.Update(ctx, created); err != nil {
				t.Fatal(err)
			}
			if err := repo.Delete(ctx, created.ID); err != nil {
				t.Fatal(err)
			}
			ids, seq, err := repo.ChangesSince(ctx, last)
			if err != nil || seq != last+3 || !slices.Equal(ids, []int64{created.ID}) {
				t.Errorf("changes after the bulk write: %v up to %d (%v), want [%d] up to %d", ids, seq, err, created.ID, last+3)
			}
		})
	}
}
