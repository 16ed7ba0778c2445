package members

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// Candidate is a roster entry that may be the person who registered, with
// what matched. HR's queue shows the best few beside the request.
type Candidate struct {
	ID             int64    `json:"id"`
	Name           string   `json:"name"`
	NameReading    string   `json:"name_reading"`
	EmployeeNumber string   `json:"employee_number"`
	Email          string   `json:"email"`
	JoinDate       string   `json:"join_date"`
	LeaveDate      string   `json:"leave_date"`
	Member         bool     `json:"member"`
	Matches        []string `json:"matches"` // email, name, name_reading, employee_number, join_year, leave_year
	Score          int      `json:"score"`
}

// confident is the one rule that admits without HR: the verified address is
// the roster's address for this person and the name matches. Matching
// details with a new address are not enough (anyone can know a former
// colleague's name and years): such requests wait for HR.
func (c Candidate) confident() bool {
	return c.has("email") && c.has("name")
}

func (c Candidate) has(m string) bool {
	for _, x := range c.Matches {
		if x == m {
			return true
		}
	}
	return false
}

// matchWeights score what matched; an employee number or the address says
// more than a name many people share.
var matchWeights = map[string]int{"email": 4, "employee_number": 4, "name": 3, "name_reading": 2, "join_year": 1, "leave_year": 1}

// maxCandidates is how many roster entries the queue shows per request.
const maxCandidates = 3

func nameKey(s string) string { return textnorm.Fold(textnorm.Clean(s)) }

// candidates returns the roster entries that share the address, the
// employee number, the name or the reading with req, best first.
func (r *Registrations) candidates(ctx context.Context, req RegistrationRequest) ([]Candidate, error) {
	bare := func(s string) string { return strings.ReplaceAll(textnorm.Clean(s), " ", "") }
	rows, err := r.login.st.R.QueryContext(ctx, `SELECT a.id, a.name, a.name_reading, a.employee_number, a.email, a.join_date, a.leave_date,
		m.alumnus_id IS NOT NULL FROM alumni a LEFT JOIN memberships m ON m.alumnus_id = a.id
		WHERE lower(a.email) = ? OR (a.employee_number <> '' AND a.employee_number = ?)
		   OR replace(a.name, ' ', '') = ? OR replace(a.name_reading, ' ', '') = ? LIMIT 200`,
		req.Email, req.EmployeeNumber, bare(req.Name), bare(textnorm.ToKatakana(req.NameReading)))
	if err != nil {
		return nil, fmt.Errorf("registration candidates: %w", err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ID, &c.Name, &c.NameReading, &c.EmployeeNumber, &c.Email, &c.JoinDate, &c.LeaveDate, &c.Member); err != nil {
			return nil, err
		}
		c.Matches = matches(req, c)
		for _, m := range c.Matches {
			c.Score += matchWeights[m]
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	return out, nil
}

// matches lists what of req agrees with the roster entry c.
func matches(req RegistrationRequest, c Candidate) []string {
	year := func(date string) int { y, _ := strconv.Atoi(strings.SplitN(date, "-", 2)[0]); return y }
	checks := []struct {
		name string
		ok   bool
	}{
		{"email", c.Email != "" && normEmail(c.Email) == req.Email},
		{"employee_number", c.EmployeeNumber != "" && c.EmployeeNumber == req.EmployeeNumber},
		{"name", nameKey(c.Name) == nameKey(req.Name)},
		{"name_reading", c.NameReading != "" && nameKey(c.NameReading) == nameKey(req.NameReading)},
		{"join_year", req.JoinYear != 0 && year(c.JoinDate) == req.JoinYear},
		{"leave_year", req.LeaveYear != 0 && year(c.LeaveDate) == req.LeaveYear},
	}
	out := []string{}
	for _, ch := range checks {
		if ch.ok {
			out = append(out, ch.name)
		}
	}
	return out
}
