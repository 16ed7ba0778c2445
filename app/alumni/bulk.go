package alumni

import (
	"context"
	"fmt"
)

// UpsertResult counts what a bulk upsert did.
type UpsertResult struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
}

// Upsert writes validated records in one transaction: a record whose
// employee number (within its company) or, failing that, whose email matches
// a stored alumnus updates it; any other is created. progress, if not nil, is
// called with the number of records written so far every 1,000 records.
// Either every record is written or none is.
func (r *Repo) Upsert(ctx context.Context, records []*Alumnus, progress func(done int)) (UpsertResult, error) {
	var res UpsertResult
	byNumber, byEmail, err := r.keys(ctx)
	if err != nil {
		return res, err
	}
	tx, err := r.st.W.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, insertSQL)
	if err != nil {
		return res, err
	}
	defer ins.Close()
	upd, err := tx.PrepareContext(ctx, `UPDATE alumni SET company_id=?, employee_number=?, name=?, name_reading=?,
		email=?, emails_extra=?, department=?, position=?, join_date=?, leave_date=?, leave_reason=?,
		rehire_eligibility=?, current_employer=?, industry=?, job_type=?, skills=?, interests=?, tags=?,
		former_manager=?, notes=?, updated_at=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id=?`)
	if err != nil {
		return res, err
	}
	defer upd.Close()
	for i, a := range records {
		id := int64(0)
		if a.EmployeeNumber != "" {
			id = byNumber[numberKey{a.CompanyID, a.EmployeeNumber}]
		}
		if id == 0 && a.Email != "" {
			id = byEmail[a.Email]
		}
		if id != 0 {
			a.ID = id
			if _, err := upd.ExecContext(ctx, updateArgs(a)...); err != nil {
				return res, fmt.Errorf("record %d: %w", i+1, mapWriteError(err))
			}
			res.Updated++
		} else {
			r, err := ins.ExecContext(ctx, insertArgs(a)...)
			if err != nil {
				return res, fmt.Errorf("record %d: %w", i+1, mapWriteError(err))
			}
			a.ID, _ = r.LastInsertId()
			res.Created++
		}
		if a.EmployeeNumber != "" {
			byNumber[numberKey{a.CompanyID, a.EmployeeNumber}] = a.ID
		}
		if a.Email != "" {
			byEmail[a.Email] = a.ID
		}
		if progress != nil && (i+1)%1000 == 0 {
			progress(i + 1)
		}
	}
	if err := tx.Commit(); err != nil {
		return res, err
	}
	if progress != nil {
		progress(len(records))
	}
	return res, nil
}

type numberKey struct {
	company int64
	number  string
}

// keys loads the identifiers an upsert matches on.
func (r *Repo) keys(ctx context.Context) (map[numberKey]int64, map[string]int64, error) {
	rows, err := r.st.R.QueryContext(ctx, "SELECT id, company_id, employee_number, email FROM alumni")
	if err != nil {
		return nil, nil, fmt.Errorf("load alumni keys: %w", err)
	}
	defer rows.Close()
	byNumber := map[numberKey]int64{}
	byEmail := map[string]int64{}
	for rows.Next() {
		var id, company int64
		var number, email string
		if err := rows.Scan(&id, &company, &number, &email); err != nil {
			return nil, nil, err
		}
		if number != "" {
			byNumber[numberKey{company, number}] = id
		}
		if email != "" {
			byEmail[email] = id
		}
	}
	return byNumber, byEmail, rows.Err()
}

// ExistingKeys reports, for a dry run, which employee numbers and emails are
// already stored (so a preview can say "will update" or "will create").
func (r *Repo) ExistingKeys(ctx context.Context) (func(company int64, number, email string) bool, error) {
	byNumber, byEmail, err := r.keys(ctx)
	if err != nil {
		return nil, err
	}
	return func(company int64, number, email string) bool {
		if number != "" {
			if _, ok := byNumber[numberKey{company, number}]; ok {
				return true
			}
		}
		_, ok := byEmail[email]
		return email != "" && ok
	}, nil
}
