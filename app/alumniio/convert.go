package alumniio

import (
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/fault"
)

// converter turns rows of one file into normalised, validated records. It
// only reads its fields, so several goroutines may share one.
type converter struct {
	l         layout
	companies CompanyLookup
	company   int64 // for rows that name none
	serial    serials
}

// row is one converted data row.
type row struct {
	line   int
	a      *alumni.Alumnus
	issues []Issue
}

func (c *converter) get(fields []string, col column) string {
	if i := c.l.at[col]; i >= 0 && i < len(fields) {
		return restoreFormula(fields[i])
	}
	return ""
}

// convert reads one data row.
func (c *converter) convert(line int, fields []string) row {
	get := func(col column) string { return c.get(fields, col) }
	out := row{line: line}
	bad := func(field, value, reason string) {
		out.issues = append(out.issues, Issue{Line: line, Field: field, Value: value, Reason: reason})
	}
	a := &alumni.Alumnus{
		EmployeeNumber:  get(colEmployeeNumber),
		Name:            get(colName),
		NameReading:     get(colReading),
		Department:      get(colDepartment),
		Position:        get(colPosition),
		LeaveReason:     get(colLeaveReason),
		CurrentEmployer: get(colCurrentEmployer),
		Industry:        get(colIndustry),
		JobType:         get(colJobType),
		Skills:          splitList(get(colSkills), isListSep),
		Interests:       splitList(get(colInterests), isListSep),
		Tags:            splitList(get(colTags), isListSep),
		FormerManager:   get(colFormerManager),
		Notes:           get(colNotes),
	}
	out.a = a
	if strings.TrimSpace(a.Name) == "" {
		a.Name = joinName(get(colLastName), get(colFirstName))
	}
	if strings.TrimSpace(a.NameReading) == "" {
		a.NameReading = joinName(get(colLastReading), get(colFirstReading))
	}
	for _, i := range c.l.emails {
		if i < len(fields) {
			for _, e := range splitList(restoreFormula(fields[i]), isEmailSep) {
				if a.Email == "" {
					a.Email = e
				} else {
					a.OtherEmails = append(a.OtherEmails, e)
				}
			}
		}
	}
	if v := strings.TrimSpace(get(colCompany)); v != "" {
		id, ok := c.companies.CompanyID(v)
		if !ok {
			bad("company", v, reasonCompany)
		}
		a.CompanyID = id
	} else if a.CompanyID = c.company; a.CompanyID == 0 {
		bad("company", "", reasonNoCompany)
	}
	for _, d := range []struct {
		col   column
		field string
		dst   *string
	}{{colJoinDate, "join_date", &a.JoinDate}, {colLeaveDate, "leave_date", &a.LeaveDate}} {
		v := get(d.col)
		if date, ok := parseDate(v, c.serial); ok {
			*d.dst = date
		} else {
			bad(d.field, v, reasonDate)
		}
	}
	if v := get(colRehire); v != "" {
		if r, ok := parseRehire(v); ok {
			a.RehireEligibility = r
		} else {
			bad("rehire_eligibility", v, reasonRehire)
		}
	}
	alumni.Normalize(a)
	if err := alumni.Validate(a); err != nil {
		var fe *fault.Error
		if !errors.As(err, &fe) {
			bad("", "", err.Error())
			return out
		}
		for _, field := range slices.Sorted(maps.Keys(fe.Fields)) {
			if !slices.ContainsFunc(out.issues, func(is Issue) bool { return is.Field == field }) {
				bad(field, fieldValue(a, field), fe.Fields[field])
			}
		}
	}
	return out
}

// fieldValue is the value of a field alumni.Validate names, for a report.
func fieldValue(a *alumni.Alumnus, field string) string {
	switch field {
	case "employee_number":
		return a.EmployeeNumber
	case "name":
		return a.Name
	case "name_reading":
		return a.NameReading
	case "email":
		return a.Email
	case "other_emails":
		return strings.Join(a.OtherEmails, ", ")
	case "department":
		return a.Department
	case "position":
		return a.Position
	case "join_date":
		return a.JoinDate
	case "leave_date":
		return a.LeaveDate
	case "rehire_eligibility":
		return a.RehireEligibility
	case "current_employer":
		return a.CurrentEmployer
	case "industry":
		return a.Industry
	case "job_type":
		return a.JobType
	case "former_manager":
		return a.FormerManager
	case "leave_reason":
		return a.LeaveReason
	}
	return ""
}
