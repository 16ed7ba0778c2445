package companies

import (
	"context"
	"fmt"
	"strings"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/store"
	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// Company is one company of the group.
type Company struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	NameReading string `json:"name_reading"`
}

// ErrInvalid reports a company with a missing code or name.
var ErrInvalid = fault.New(fault.Invalid, "companies.invalid", "会社コードと会社名は必須です", "a company needs a code and a name")

// ErrDuplicate reports a code already used.
var ErrDuplicate = fault.New(fault.Conflict, "companies.duplicate", "同じ会社コードが既にあります", "a company with this code already exists")

// Repo stores companies.
type Repo struct {
	st *store.Store
}

// NewRepo returns a Repo over st.
func NewRepo(st *store.Store) *Repo { return &Repo{st: st} }

// List returns every company in id order.
func (r *Repo) List(ctx context.Context) ([]Company, error) {
	rows, err := r.st.R.QueryContext(ctx, "SELECT id, code, name, name_reading FROM companies ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list companies: %w", err)
	}
	defer rows.Close()
	out := []Company{}
	for rows.Next() {
		var c Company
		if err := rows.Scan(&c.ID, &c.Code, &c.Name, &c.NameReading); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Names maps company ids to names.
func (r *Repo) Names(ctx context.Context) (map[int64]string, error) {
	list, err := r.List(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]string, len(list))
	for _, c := range list {
		m[c.ID] = c.Name
	}
	return m, nil
}

// Lookup finds a company by its code or name (width- and case-insensitive).
func (r *Repo) Lookup(ctx context.Context, codeOrName string) (Company, bool, error) {
	list, err := r.List(ctx)
	if err != nil {
		return Company{}, false, err
	}
	want := textnorm.Fold(codeOrName)
	for _, c := range list {
		if textnorm.Fold(c.Code) == want || textnorm.Fold(c.Name) == want {
			return c, true, nil
		}
	}
	return Company{}, false, nil
}

// Create adds a company.
func (r *Repo) Create(ctx context.Context, c Company) (Company, error) {
	c.Code, c.Name = textnorm.Clean(c.Code), textnorm.Clean(c.Name)
	c.NameReading = textnorm.Clean(c.NameReading)
	if c.Code == "" || c.Name == "" {
		return c, ErrInvalid
	}
	res, err := r.st.W.ExecContext(ctx, "INSERT INTO companies(code, name, name_reading) VALUES (?,?,?)", c.Code, c.Name, c.NameReading)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return c, ErrDuplicate
		}
		return c, fmt.Errorf("create company: %w", err)
	}
	c.ID, _ = res.LastInsertId()
	return c, nil
}

// Rename changes a company's name (and reading).
func (r *Repo) Rename(ctx context.Context, id int64, name, reading string) error {
	name = textnorm.Clean(name)
	if name == "" {
		return ErrInvalid
	}
	_, err := r.st.W.ExecContext(ctx, "UPDATE companies SET name=?, name_reading=? WHERE id=?", name, textnorm.Clean(reading), id)
	return err
}
