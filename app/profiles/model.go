package profiles

import (
	"slices"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// Visibility says who sees a profile field besides HR.
type Visibility string

// The visibilities an alumnus can choose.
const (
	ShowAlumni Visibility = "alumni" // other members and HR
	HROnly     Visibility = "hr"     // HR only
)

// The profile fields that carry a visibility. Name and reading are always
// shown to members: the network is for meeting each other.
const (
	FieldPhoto     = "photo"
	FieldCompany   = "company"
	FieldRole      = "role"
	FieldIndustry  = "industry"
	FieldJobType   = "job_type"
	FieldJoinYear  = "join_year"
	FieldSkills    = "skills"
	FieldInterests = "interests"
	FieldOpenTo    = "open_to"
	FieldBio       = "bio"
)

// Fields lists every field with a visibility, in display order.
var Fields = []string{FieldPhoto, FieldCompany, FieldRole, FieldIndustry, FieldJobType, FieldJoinYear,
	FieldSkills, FieldInterests, FieldOpenTo, FieldBio}

// defaultVisibility is what a new member shows: everything but "open to",
// which is a conversation with HR until the alumnus says otherwise.
func defaultVisibility() map[string]Visibility {
	v := make(map[string]Visibility, len(Fields))
	for _, f := range Fields {
		v[f] = ShowAlumni
	}
	v[FieldOpenTo] = HROnly
	return v
}

// Profile is a member's own profile, as they and HR see it.
type Profile struct {
	AlumnusID   int64                 `json:"id"`
	Name        string                `json:"name"`
	NameReading string                `json:"name_reading"`
	Company     string                `json:"company"`
	Role        string                `json:"role"`
	Industry    string                `json:"industry"`
	JobType     string                `json:"job_type"`
	JoinYear    int                   `json:"join_year"`
	Skills      []string              `json:"skills"`
	Interests   []string              `json:"interests"`
	OpenTo      []string              `json:"open_to"`
	Bio         string                `json:"bio"`
	HasPhoto    bool                  `json:"has_photo"`
	Visibility  map[string]Visibility `json:"visibility"`
	HRHidden    []string              `json:"hr_hidden"` // fields HR keeps off every profile, whatever Visibility says
	UpdatedAt   string                `json:"updated_at"`
}

// Card is another member's profile as a member sees it: only the fields
// that member shows; hidden fields are absent from the JSON.
type Card struct {
	AlumnusID   int64    `json:"id"`
	Name        string   `json:"name"`
	NameReading string   `json:"name_reading"`
	Company     string   `json:"company,omitempty"`
	Role        string   `json:"role,omitempty"`
	Industry    string   `json:"industry,omitempty"`
	JobType     string   `json:"job_type,omitempty"`
	JoinYear    int      `json:"join_year,omitempty"`
	Skills      []string `json:"skills,omitempty"`
	Interests   []string `json:"interests,omitempty"`
	OpenTo      []string `json:"open_to,omitempty"`
	Bio         string   `json:"bio,omitempty"`
	HasPhoto    bool     `json:"has_photo,omitempty"`
}

// shown reports whether field is visible to other members: the member
// shows it and HR does not keep it off profiles.
func (p *Profile) shown(field string) bool {
	return p.Visibility[field] == ShowAlumni && !slices.Contains(p.HRHidden, field)
}

// hide blanks one field of a Card.
var hide = map[string]func(*Card){
	FieldPhoto:     func(c *Card) { c.HasPhoto = false },
	FieldCompany:   func(c *Card) { c.Company = "" },
	FieldRole:      func(c *Card) { c.Role = "" },
	FieldIndustry:  func(c *Card) { c.Industry = "" },
	FieldJobType:   func(c *Card) { c.JobType = "" },
	FieldJoinYear:  func(c *Card) { c.JoinYear = 0 },
	FieldSkills:    func(c *Card) { c.Skills = nil },
	FieldInterests: func(c *Card) { c.Interests = nil },
	FieldOpenTo:    func(c *Card) { c.OpenTo = nil },
	FieldBio:       func(c *Card) { c.Bio = "" },
}

// Card returns what other members may see of p: a field is kept only when
// its visibility is ShowAlumni.
func (p *Profile) Card() Card {
	c := Card{AlumnusID: p.AlumnusID, Name: p.Name, NameReading: p.NameReading, Company: p.Company, Role: p.Role,
		Industry: p.Industry, JobType: p.JobType, JoinYear: p.JoinYear, Skills: p.Skills, Interests: p.Interests,
		OpenTo: p.OpenTo, Bio: p.Bio, HasPhoto: p.HasPhoto}
	for _, f := range Fields {
		if !p.shown(f) {
			hide[f](&c)
		}
	}
	return c
}

// Update is what a member may change on their profile.
type Update struct {
	Company    string                `json:"company"`
	Role       string                `json:"role"`
	Industry   string                `json:"industry"`
	JobType    string                `json:"job_type"`
	Skills     []string              `json:"skills"`
	Interests  []string              `json:"interests"`
	OpenTo     []string              `json:"open_to"`
	Bio        string                `json:"bio"`
	Visibility map[string]Visibility `json:"visibility"`
}

// Errors of this package.
var (
	ErrNotMember = fault.New(fault.NotFound, "profiles.not_found",
		"メンバーが見つかりません", "no such member")
	ErrInvalid = fault.New(fault.Invalid, "profiles.invalid",
		"プロフィールの内容を確認してください", "please check the profile")
	ErrNoPhoto = fault.New(fault.NotFound, "profiles.no_photo",
		"写真はありません", "no photo")
)

// Limits on what a profile holds.
const (
	maxText    = 100  // company, role
	maxBio     = 1000 // characters
	maxItems   = 20   // skills, interests, open to
	maxItemLen = 50
)
