package alumni

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kizuna-hr/kizuna/app/auth"
)

// Auditor records access to personal data.
type Auditor interface {
	Record(ctx context.Context, action, subject, detail string) error
}

// Emitter appends domain events to the durable event log (app/events).
type Emitter interface {
	Emit(ctx context.Context, typ, subject string, data any) error
}

// Summary is an alumnus as a list row shows them.
type Summary struct {
	ID              int64    `json:"id"`
	CompanyID       int64    `json:"company_id"`
	CompanyName     string   `json:"company_name"`
	EmployeeNumber  string   `json:"employee_number"`
	Name            string   `json:"name"`
	NameReading     string   `json:"name_reading"`
	Email           string   `json:"email"`
	Department      string   `json:"department"`
	Position        string   `json:"position"`
	JoinDate        string   `json:"join_date"`
	LeaveDate       string   `json:"leave_date"`
	Industry        string   `json:"industry"`
	JobType         string   `json:"job_type"`
	CurrentEmployer string   `json:"current_employer"`
	Tags            []string `json:"tags"`
}

// ListResult is one page of a list or search.
type ListResult struct {
	Total  int       `json:"total"`
	Offset int       `json:"offset"`
	Limit  int       `json:"limit"`
	Items  []Summary `json:"items"`
}

// Detail is a full record with its company name, as HR opens it.
type Detail struct {
	*Alumnus
	CompanyName  string   `json:"company_name"`
	HROnlyFields []string `json:"hr_only_fields"`
}

// Service is the alumni registry as the console, the API and the CLI use it:
// every read and change is authorised by role and written to the audit log.
type Service struct {
	repo      *Repo
	dir       *Directory
	audit     Auditor
	companies CompanyNames
	events    Emitter
}

// SetEvents makes the service append alumnus.created/updated/deleted events
// (with the alumnus id and, for updates, the changed fields) to e.
func (s *Service) SetEvents(e Emitter) { s.events = e }

// emit appends an event when an event log is set.
func (s *Service) emit(ctx context.Context, typ string, id int64, fields []string) error {
	if s.events == nil {
		return nil
	}
	data := map[string]any{"id": id}
	if fields != nil {
		data["fields"] = fields
	}
	return s.events.Emit(ctx, typ, subject(id), data)
}

// NewService wires the registry.
func NewService(repo *Repo, dir *Directory, audit Auditor, companies CompanyNames) *Service {
	return &Service{repo: repo, dir: dir, audit: audit, companies: companies}
}

// Directory returns the in-memory directory (to warm it up at start).
func (s *Service) Directory() *Directory { return s.dir }

// MaxPageSize bounds Query.Limit.
const MaxPageSize = 500

// List returns one page of alumni matching q.
func (s *Service) List(ctx context.Context, q Query) (ListResult, error) {
	if err := auth.Authorize(ctx, auth.AlumniRead); err != nil {
		return ListResult{}, err
	}
	if q.Sort != "" && !slices.Contains(Sorts, q.Sort) {
		return ListResult{}, ErrInvalid.WithFields(map[string]string{"sort": "並び順が正しくありません / unknown sort: " + strings.Join(Sorts, ", ")})
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, MaxPageSize)
	q.Offset = max(q.Offset, 0)
	page, err := s.dir.Search(ctx, q)
	if err != nil {
		return ListResult{}, err
	}
	records, err := s.repo.ByIDs(ctx, page.IDs)
	if err != nil {
		return ListResult{}, err
	}
	names, err := s.companies(ctx)
	if err != nil {
		return ListResult{}, err
	}
	res := ListResult{Total: page.Total, Offset: q.Offset, Limit: q.Limit, Items: make([]Summary, 0, len(records))}
	for _, a := range records {
		res.Items = append(res.Items, summarize(a, names[a.CompanyID]))
	}
	if err := s.audit.Record(ctx, "alumni.list", "alumni", fmt.Sprintf("q=%q results=%d shown=%d", q.Text, page.Total, len(records))); err != nil {
		return ListResult{}, err
	}
	return res, nil
}

func summarize(a *Alumnus, company string) Summary {
	return Summary{ID: a.ID, CompanyID: a.CompanyID, CompanyName: company, EmployeeNumber: a.EmployeeNumber,
		Name: a.Name, NameReading: a.NameReading, Email: a.Email, Department: a.Department, Position: a.Position,
		JoinDate: a.JoinDate, LeaveDate: a.LeaveDate, Industry: a.Industry, JobType: a.JobType,
		CurrentEmployer: a.CurrentEmployer, Tags: nonNil(a.Tags)}
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// Facets returns the values HR can filter on.
func (s *Service) Facets(ctx context.Context) (Facets, error) {
	if err := auth.Authorize(ctx, auth.AlumniRead); err != nil {
		return Facets{}, err
	}
	return s.dir.Facets(ctx)
}

// Get returns one alumnus; HR-only fields are blank for roles that may not see them.
func (s *Service) Get(ctx context.Context, id int64) (*Detail, error) {
	if err := auth.Authorize(ctx, auth.AlumniRead); err != nil {
		return nil, err
	}
	a, err := s.repo.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.audit.Record(ctx, "alumni.read", subject(id), ""); err != nil {
		return nil, err
	}
	return s.detail(ctx, a)
}

func (s *Service) detail(ctx context.Context, a *Alumnus) (*Detail, error) {
	names, err := s.companies(ctx)
	if err != nil {
		return nil, err
	}
	if auth.Authorize(ctx, auth.AlumniReadPrivate) != nil {
		a.LeaveReason, a.RehireEligibility, a.Notes = "", "", ""
	}
	a.OtherEmails, a.Skills, a.Interests, a.Tags = nonNil(a.OtherEmails), nonNil(a.Skills), nonNil(a.Interests), nonNil(a.Tags)
	return &Detail{Alumnus: a, CompanyName: names[a.CompanyID], HROnlyFields: HROnlyFields}, nil
}

func subject(id int64) string { return fmt.Sprintf("alumnus:%d", id) }

// Create validates and stores a new alumnus.
func (s *Service) Create(ctx context.Context, a *Alumnus) (*Detail, error) {
	if err := auth.Authorize(ctx, auth.AlumniWrite); err != nil {
		return nil, err
	}
	Normalize(a)
	if err := Validate(a); err != nil {
		return nil, err
	}
	created, err := s.repo.Create(ctx, a)
	if err != nil {
		return nil, err
	}
	if err := s.audit.Record(ctx, "alumni.create", subject(created.ID), ""); err != nil {
		return nil, err
	}
	if err := s.emit(ctx, "alumnus.created", created.ID, nil); err != nil {
		return nil, err
	}
	return s.detail(ctx, created)
}

// Update validates and replaces the alumnus a.ID. A role that may not see
// HR-only fields cannot change them either: their stored values are kept.
func (s *Service) Update(ctx context.Context, a *Alumnus) (*Detail, error) {
	if err := auth.Authorize(ctx, auth.AlumniWrite); err != nil {
		return nil, err
	}
	old, err := s.repo.Get(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	if auth.Authorize(ctx, auth.AlumniReadPrivate) != nil {
		a.LeaveReason, a.RehireEligibility, a.Notes = old.LeaveReason, old.RehireEligibility, old.Notes
	}
	Normalize(a)
	if err := Validate(a); err != nil {
		return nil, err
	}
	updated, err := s.repo.Update(ctx, a)
	if err != nil {
		return nil, err
	}
	changed := ChangedFields(old, updated)
	if err := s.audit.Record(ctx, "alumni.update", subject(a.ID), "fields="+strings.Join(changed, ",")); err != nil {
		return nil, err
	}
	if err := s.emit(ctx, "alumnus.updated", a.ID, nonNil(changed)); err != nil {
		return nil, err
	}
	return s.detail(ctx, updated)
}

// Delete removes an alumnus for good.
func (s *Service) Delete(ctx context.Context, id int64) error {
	if err := auth.Authorize(ctx, auth.AlumniDelete); err != nil {
		return err
	}
	if err := s.repo.Delete(ctx, id); err != nil {
		return err
	}
	if err := s.audit.Record(ctx, "alumni.delete", subject(id), ""); err != nil {
		return err
	}
	return s.emit(ctx, "alumnus.deleted", id, nil)
}
