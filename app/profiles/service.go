package profiles

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"sync/atomic"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Auditor records personal-data access (app/audit.Log).
type Auditor interface {
	Record(ctx context.Context, action, subject, detail string) error
}

// Service serves profiles, photos, the survey and the member directory.
type Service struct {
	alumni *alumni.Repo
	repo   repo
	audit  Auditor
	idx    *index
	survey atomic.Pointer[Survey]   // the latest version, nil until read
	hidden atomic.Pointer[[]string] // fields HR keeps off profiles, nil until read
}

// New returns the profiles of st; people come from the alumni records.
func New(st *store.Store, al *alumni.Repo, audit Auditor) *Service {
	s := &Service{alumni: al, repo: repo{st: st}, audit: audit}
	s.idx = newIndex(s)
	return s
}

// Own returns the member's own profile, making it at their first visit.
func (s *Service) Own(ctx context.Context, id int64) (*Profile, error) {
	if err := s.repo.ensure(ctx, id); err != nil {
		return nil, err
	}
	p, err := s.load(ctx, id)
	if err != nil {
		return nil, err
	}
	s.idx.refresh(p)
	return p, nil
}

// load returns the profile of member id, ErrNotMember when there is none.
func (s *Service) load(ctx context.Context, id int64) (*Profile, error) {
	r, err := s.repo.get(ctx, id)
	if err != nil {
		return nil, err
	}
	if r == nil {
		return nil, ErrNotMember
	}
	a, err := s.alumni.Get(ctx, id)
	if err != nil {
		return nil, ErrNotMember.Wrap(err)
	}
	hidden, err := s.hrHidden(ctx)
	if err != nil {
		return nil, err
	}
	return assemble(a, r, hidden), nil
}

// Save replaces what the member may change on their profile. Company,
// industry, job type, skills and interests go to the alumni record.
func (s *Service) Save(ctx context.Context, id int64, u Update) (*Profile, error) {
	if bad := normalize(&u); len(bad) > 0 {
		return nil, ErrInvalid.WithFields(bad)
	}
	if _, err := s.Own(ctx, id); err != nil {
		return nil, err
	}
	r, err := s.repo.get(ctx, id)
	if err != nil {
		return nil, err
	}
	a, err := s.alumni.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	a.CurrentEmployer, a.Industry, a.JobType, a.Skills, a.Interests = u.Company, u.Industry, u.JobType, u.Skills, u.Interests
	if _, err := s.alumni.Update(ctx, a); err != nil {
		return nil, fmt.Errorf("save profile: %w", err)
	}
	r.role, r.bio, r.openTo = u.Role, u.Bio, u.OpenTo
	maps.Copy(r.visibility, u.Visibility)
	if err := s.repo.put(ctx, id, r); err != nil {
		return nil, err
	}
	return s.Own(ctx, id)
}

// Card returns member id's profile as another member sees it.
func (s *Service) Card(ctx context.Context, id int64) (Card, error) {
	p, err := s.load(ctx, id)
	if err != nil {
		return Card{}, err
	}
	return p.Card(), nil
}

// HRView is a member's profile and survey answers as HR sees them.
type HRView struct {
	Member  bool     `json:"member"`
	Profile *Profile `json:"profile,omitempty"`
	Survey  *Answers `json:"survey,omitempty"`
	Options Survey   `json:"options"` // the wording of the option keys
}

// ForHR returns everything the alumnus put in the portal, for HR; the read is audited.
func (s *Service) ForHR(ctx context.Context, id int64) (*HRView, error) {
	if err := auth.Authorize(ctx, auth.AlumniRead); err != nil {
		return nil, err
	}
	if _, err := s.alumni.Get(ctx, id); err != nil {
		return nil, err
	}
	sv, err := s.Survey(ctx)
	if err != nil {
		return nil, err
	}
	v := &HRView{Options: sv}
	p, err := s.load(ctx, id)
	if err == nil {
		v.Member, v.Profile = true, p
	} else if !errors.Is(err, ErrNotMember) {
		return nil, err
	}
	if v.Survey, err = s.answers(ctx, id); err != nil {
		return nil, err
	}
	if err := s.audit.Record(ctx, "profiles.read", fmt.Sprintf("alumnus:%d", id), ""); err != nil {
		return nil, err
	}
	return v, nil
}
