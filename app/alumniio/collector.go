package alumniio

import (
	"fmt"

	"github.com/kizuna-hr/kizuna/app/alumni"
)

// collector gathers converted rows in file order: it counts them, finds
// rows that repeat an earlier row's employee number or email, and keeps the
// valid records for writing.
type collector struct {
	rep       *Report
	maxErrors int
	byNumber  map[numberKey]int // first line of each (company, employee number)
	byEmail   map[string]int    // first line of each primary email
	records   []*alumni.Alumnus
	lines     []int // file line of each record
}

type numberKey struct {
	company int64
	number  string
}

func newCollector(rep *Report, maxErrors int) *collector {
	return &collector{rep: rep, maxErrors: maxErrors, byNumber: map[numberKey]int{}, byEmail: map[string]int{}}
}

func (c *collector) add(r row) {
	c.rep.TotalRows++
	a := r.a
	if a.EmployeeNumber != "" {
		k := numberKey{a.CompanyID, a.EmployeeNumber}
		if first, ok := c.byNumber[k]; ok {
			r.issues = append(r.issues, Issue{Line: r.line, Field: "employee_number", Value: a.EmployeeNumber,
				Reason: fmt.Sprintf(reasonDupNumberFmt, first, first)})
			c.warnDuplicate(first, r.line, "employee_number", a.EmployeeNumber)
		} else {
			c.byNumber[k] = r.line
		}
	}
	if a.Email != "" {
		if first, ok := c.byEmail[a.Email]; ok {
			r.issues = append(r.issues, Issue{Line: r.line, Field: "email", Value: a.Email,
				Reason: fmt.Sprintf(reasonDupEmailFmt, first, first)})
			c.warnDuplicate(first, r.line, "email", a.Email)
		} else {
			c.byEmail[a.Email] = r.line
		}
	}
	if len(r.issues) > 0 {
		c.rep.InvalidRows++
		for _, is := range r.issues {
			if len(c.rep.Errors) < c.maxErrors {
				c.rep.Errors = append(c.rep.Errors, is)
			} else {
				c.rep.ErrorsOmitted++
			}
		}
		return
	}
	c.rep.ValidRows++
	c.records = append(c.records, a)
	c.lines = append(c.lines, r.line)
}

// warnDuplicate reports the first of two rows that share a key as a warning
// (the later row is the error), up to maxErrors warnings.
func (c *collector) warnDuplicate(first, later int, field, value string) {
	if len(c.rep.Warnings) < c.maxErrors {
		c.rep.Warnings = append(c.rep.Warnings, Issue{Line: first, Field: field, Value: value,
			Reason: fmt.Sprintf(reasonDupLaterFmt, later, later)})
	}
}
