package alumni

import (
	"time"
)

// Alumnus is one former employee as HR keeps them.
type Alumnus struct {
	ID             int64    `json:"id"`
	CompanyID      int64    `json:"company_id"`
	EmployeeNumber string   `json:"employee_number"`
	Name           string   `json:"name"`         // 氏名, family name first: "山田 太郎"
	NameReading    string   `json:"name_reading"` // フリガナ in katakana: "ヤマダ タロウ"
	Email          string   `json:"email"`        // primary address, lower-case
	OtherEmails    []string `json:"other_emails"`
	Department     string   `json:"department"`
	Position       string   `json:"position"`
	JoinDate       string   `json:"join_date"`  // YYYY-MM-DD or ""
	LeaveDate      string   `json:"leave_date"` // YYYY-MM-DD or ""
	// LeaveReason is HR-only.
	LeaveReason string `json:"leave_reason"`
	// RehireEligibility is HR-only: one of the RehireEligibility values.
	RehireEligibility string   `json:"rehire_eligibility"`
	CurrentEmployer   string   `json:"current_employer"`
	Industry          string   `json:"industry"`
	JobType           string   `json:"job_type"`
	Skills            []string `json:"skills"`
	Interests         []string `json:"interests"`
	Tags              []string `json:"tags"`
	FormerManager     string   `json:"former_manager"`
	// Notes is HR-only.
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Rehire eligibility values (HR-only).
const (
	RehireUnknown     = "unknown"
	RehireEligible    = "eligible"
	RehireConditional = "conditional"
	RehireIneligible  = "ineligible"
)

// RehireEligibilities lists the accepted rehire eligibility values.
var RehireEligibilities = []string{RehireUnknown, RehireEligible, RehireConditional, RehireIneligible}

// HROnlyFields names the fields only HR roles see; other readers get them blank.
var HROnlyFields = []string{"leave_reason", "rehire_eligibility", "notes"}

// DateLayout is the stored form of dates.
const DateLayout = "2006-01-02"
