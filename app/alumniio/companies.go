package alumniio

import (
	"context"
	"fmt"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// CompanyLookup finds the company a file names, by name or by code.
type CompanyLookup interface {
	CompanyID(nameOrCode string) (id int64, ok bool)
}

// CompanyNamer names a company for an export.
type CompanyNamer interface {
	CompanyName(id int64) string
}

// Company is one group company as import and export see it.
type Company struct {
	ID   int64
	Code string
	Name string
}

// CompanyIndex is a CompanyLookup and CompanyNamer over a fixed list of
// companies. Names and codes match ignoring width, case, spaces and kana
// script ("ＡＢＣ商事" finds "ABC商事").
type CompanyIndex struct {
	byKey  map[string]int64
	byID   map[int64]Company
	single int64
}

// NewCompanyIndex indexes companies.
func NewCompanyIndex(companies []Company) *CompanyIndex {
	ix := &CompanyIndex{byKey: map[string]int64{}, byID: map[int64]Company{}}
	for _, c := range companies {
		ix.byID[c.ID] = c
		ix.byKey[textnorm.Fold(c.Name)] = c.ID
	}
	for _, c := range companies { // a code never shadows a name
		if _, taken := ix.byKey[textnorm.Fold(c.Code)]; !taken {
			ix.byKey[textnorm.Fold(c.Code)] = c.ID
		}
	}
	if len(companies) == 1 {
		ix.single = companies[0].ID
	}
	return ix
}

// CompanyID implements CompanyLookup.
func (ix *CompanyIndex) CompanyID(nameOrCode string) (int64, bool) {
	id, ok := ix.byKey[textnorm.Fold(nameOrCode)]
	return id, ok
}

// CompanyName implements CompanyNamer: the name, or "" for an unknown id.
func (ix *CompanyIndex) CompanyName(id int64) string {
	return ix.byID[id].Name
}

// SoleCompany returns the company when there is exactly one.
func (ix *CompanyIndex) SoleCompany() (int64, bool) {
	return ix.single, ix.single != 0
}

// LoadCompanies indexes the group companies lister knows (*companies.Repo is one).
func LoadCompanies(ctx context.Context, lister CompanyLister) (*CompanyIndex, error) {
	list, err := lister.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("load companies: %w", err)
	}
	out := make([]Company, len(list))
	for i, c := range list {
		out[i] = Company{ID: c.ID, Code: c.Code, Name: c.Name}
	}
	return NewCompanyIndex(out), nil
}
