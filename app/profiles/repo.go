package profiles

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/store"
)

// row is a member_profiles row.
type row struct {
	role, bio  string
	joinYear   int
	openTo     []string
	visibility map[string]Visibility
	hasPhoto   bool
	updated    string
}

type repo struct{ st *store.Store }

const rowColumns = "alumnus_id, role, join_year, bio, open_to, visibility, photo IS NOT NULL, updated_at"

func scanRow(s interface{ Scan(...any) error }) (int64, *row, error) {
	var id int64
	var openTo, vis string
	r := &row{}
	if err := s.Scan(&id, &r.role, &r.joinYear, &r.bio, &openTo, &vis, &r.hasPhoto, &r.updated); err != nil {
		return 0, nil, err
	}
	json.Unmarshal([]byte(openTo), &r.openTo)
	r.visibility = defaultVisibility()
	var stored map[string]Visibility
	json.Unmarshal([]byte(vis), &stored)
	for f, v := range stored {
		if _, known := r.visibility[f]; known {
			r.visibility[f] = v
		}
	}
	return id, r, nil
}

// get returns the profile row of id, or nil when id is not a member.
func (p *repo) get(ctx context.Context, id int64) (*row, error) {
	_, r, err := scanRow(p.st.R.QueryRowContext(ctx, "SELECT "+rowColumns+" FROM member_profiles WHERE alumnus_id = ?"+ofMembers, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("profile %d: %w", id, err)
	}
	return r, nil
}

// each calls fn for every member's row.
func (p *repo) each(ctx context.Context, fn func(id int64, r *row)) error {
	rows, err := p.st.R.QueryContext(ctx, "SELECT "+rowColumns+" FROM member_profiles WHERE true"+ofMembers)
	if err != nil {
		return fmt.Errorf("profiles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		id, r, err := scanRow(rows)
		if err != nil {
			return fmt.Errorf("profiles: %w", err)
		}
		fn(id, r)
	}
	return rows.Err()
}

// ensure makes the profile row of id if there is none.
func (p *repo) ensure(ctx context.Context, id int64) error {
	vis, _ := json.Marshal(defaultVisibility())
	_, err := p.st.W.ExecContext(ctx, "INSERT INTO member_profiles(alumnus_id, visibility) VALUES (?, ?) ON CONFLICT DO NOTHING", id, string(vis))
	if err != nil {
		return fmt.Errorf("profile %d: %w", id, err)
	}
	return nil
}

func (p *repo) put(ctx context.Context, id int64, r *row) error {
	openTo, _ := json.Marshal(nonNil(r.openTo))
	vis, _ := json.Marshal(r.visibility)
	_, err := p.st.W.ExecContext(ctx, `UPDATE member_profiles SET role = ?, bio = ?, open_to = ?, visibility = ?,
		updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE alumnus_id = ?`, r.role, r.bio, string(openTo), string(vis), id)
	if err != nil {
		return fmt.Errorf("save profile %d: %w", id, err)
	}
	return nil
}

func (p *repo) setPhoto(ctx context.Context, id int64, png []byte) error {
	_, err := p.st.W.ExecContext(ctx, `UPDATE member_profiles SET photo = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE alumnus_id = ?`, png, id)
	if err != nil {
		return fmt.Errorf("save photo %d: %w", id, err)
	}
	return nil
}

func (p *repo) photo(ctx context.Context, id int64) ([]byte, error) {
	var b []byte
	err := p.st.R.QueryRowContext(ctx, "SELECT photo FROM member_profiles WHERE alumnus_id = ?", id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && b == nil) {
		return nil, ErrNoPhoto
	}
	if err != nil {
		return nil, fmt.Errorf("photo %d: %w", id, err)
	}
	return b, nil
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// joinYear is the year of an alumni join date ("2015-04-01"), 0 when unknown.
func joinYear(a *alumni.Alumnus) int {
	if len(a.JoinDate) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(a.JoinDate[:4])
	return y
}

// assemble joins the alumni record and the profile row; hidden are the
// fields HR keeps off profiles.
func assemble(a *alumni.Alumnus, r *row, hidden []string) *Profile {
	year := joinYear(a)
	if year == 0 {
		year = r.joinYear
	}
	return &Profile{AlumnusID: a.ID, Name: a.Name, NameReading: a.NameReading, Company: a.CurrentEmployer,
		Role: r.role, Industry: a.Industry, JobType: a.JobType, JoinYear: year,
		Skills: nonNil(a.Skills), Interests: nonNil(a.Interests), OpenTo: nonNil(r.openTo), Bio: r.bio,
		HasPhoto: r.hasPhoto, Visibility: r.visibility, HRHidden: hidden, UpdatedAt: r.updated}
}

// ofMembers keeps to the profiles of current portal members (a membership
// HR ended hides the profile; it stays for when they come back).
const ofMembers = " AND alumnus_id IN (SELECT alumnus_id FROM memberships)"
