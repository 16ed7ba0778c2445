package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/app/members"
)

// seedDemoRegistrations fills HR's approval queue: two former employees
// who are not members (the last ones on the roster whose id is divisible
// by 5) asking with a private address, and one person not on the roster.
func seedDemoRegistrations(ctx context.Context, a *app) error {
	rows, err := a.store.R.QueryContext(ctx, `SELECT a.name, a.name_reading, a.employee_number, a.join_date, a.leave_date FROM alumni a
		WHERE a.id % 5 = 0 AND a.leave_date <> '' AND a.name_reading <> '' AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.alumnus_id = a.id)
		ORDER BY a.id DESC LIMIT 2`)
	if err != nil {
		return err
	}
	year := func(d string) int { y, _ := strconv.Atoi(strings.SplitN(d, "-", 2)[0]); return y }
	var reqs []members.RegistrationRequest
	for i := 0; rows.Next(); i++ {
		var name, reading, number, joined, left string
		if err := rows.Scan(&name, &reading, &number, &joined, &left); err != nil {
			rows.Close()
			return err
		}
		req := members.RegistrationRequest{Name: name, NameReading: reading, JoinYear: year(joined), LeaveYear: year(left),
			Email: fmt.Sprintf("demo.registrant%d@example.net", i+1)}
		if i == 0 {
			req.EmployeeNumber = number
		}
		reqs = append(reqs, req)
	}
	rows.Close()
	reqs = append(reqs, members.RegistrationRequest{Name: "中村 さくら", NameReading: "ナカムラ サクラ", JoinYear: 2012, LeaveYear: 2019,
		Email: "sakura.nakamura@example.net"})
	if err := members.NewRegistrations(a.login).SeedPending(ctx, reqs); err != nil {
		return fmt.Errorf("demo registrations: %w", err)
	}
	a.audit.Record(ctx, "demo.seed", "registrations", fmt.Sprintf("pending=%d", len(reqs)))
	return nil
}
