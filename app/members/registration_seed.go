package members

import (
	"context"
	"fmt"
)

// SeedPending puts verified requests straight into HR's queue, without
// mail: for `kizuna demo`. Each is validated as Submit would.
func (r *Registrations) SeedPending(ctx context.Context, reqs []RegistrationRequest) error {
	now := stamp(r.login.now())
	for _, req := range reqs {
		if err := r.validate(&req); err != nil {
			return fmt.Errorf("seed registration %s: %w", req.Email, err)
		}
		if _, err := r.login.st.W.ExecContext(ctx, `INSERT INTO registrations(email, name, name_reading, employee_number, join_year, leave_year,
			status, expires_at, created_at, verified_at) VALUES (?,?,?,?,?,?,?,?,?,?)`, req.Email, req.Name, req.NameReading, req.EmployeeNumber,
			req.JoinYear, req.LeaveYear, RegPending, now, now, now); err != nil {
			return fmt.Errorf("seed registration: %w", err)
		}
	}
	return nil
}
