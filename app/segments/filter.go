package segments

import (
	"strings"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/fault"
)

// Filter selects alumni. Every field is optional; a list means "any of";
// the empty filter selects every alumnus.
type Filter struct {
	Q             string   `json:"q"`
	CompanyIDs    []int64  `json:"company_ids"`
	Departments   []string `json:"departments"`
	Industries    []string `json:"industries"`
	JobTypes      []string `json:"job_types"`
	Interests     []string `json:"interests"`
	Tags          []string `json:"tags"`
	JoinYearFrom  int      `json:"join_year_from"`
	JoinYearTo    int      `json:"join_year_to"`
	LeaveYearFrom int      `json:"leave_year_from"`
	LeaveYearTo   int      `json:"leave_year_to"`
}

// ErrInvalid: a segment's name or filter is not acceptable.
var ErrInvalid = fault.New(fault.Invalid, "segment.invalid", "セグメントの内容に誤りがあります", "the segment is invalid")

// ErrNotFound: no such segment.
var ErrNotFound = fault.New(fault.NotFound, "segment.not_found", "セグメントが見つかりません", "segment not found")

// ErrInUse: a scheduled or running campaign uses the segment.
var ErrInUse = fault.New(fault.Conflict, "segment.in_use",
	"予約中または配信中のキャンペーンが使用しているため削除できません",
	"a scheduled or running campaign uses this segment")

// Query turns the filter into a directory query.
func (f Filter) Query() alumni.Query {
	return alumni.Query{Text: f.Q, CompanyIDs: f.CompanyIDs, Departments: f.Departments, Industries: f.Industries,
		JobTypes: f.JobTypes, Interests: f.Interests, AnyTags: f.Tags,
		JoinYearFrom: f.JoinYearFrom, JoinYearTo: f.JoinYearTo, LeaveYearFrom: f.LeaveYearFrom, LeaveYearTo: f.LeaveYearTo}
}

// Normalize trims values and drops empty ones, and gives nil lists as empty ones.
func (f Filter) Normalize() Filter {
	f.Q = strings.TrimSpace(f.Q)
	for _, l := range []*[]string{&f.Departments, &f.Industries, &f.JobTypes, &f.Interests, &f.Tags} {
		out := []string{}
		for _, v := range *l {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
		*l = out
	}
	if f.CompanyIDs == nil {
		f.CompanyIDs = []int64{}
	}
	return f
}

// Validate checks years (0 = open, else 1900–2100, from ≤ to) and company ids.
func (f Filter) Validate() error {
	fields := map[string]string{}
	years := []struct {
		name     string
		from, to int
	}{{"join_year", f.JoinYearFrom, f.JoinYearTo}, {"leave_year", f.LeaveYearFrom, f.LeaveYearTo}}
	for _, y := range years {
		for _, v := range []int{y.from, y.to} {
			if v != 0 && (v < 1900 || v > 2100) {
				fields["filter."+y.name] = "年は1900〜2100で指定してください / years are 1900–2100"
			}
		}
		if y.from != 0 && y.to != 0 && y.from > y.to {
			fields["filter."+y.name] = "開始年が終了年より後です / the first year is after the last"
		}
	}
	for _, id := range f.CompanyIDs {
		if id <= 0 {
			fields["filter.company_ids"] = "会社 ID が正しくありません / invalid company id"
		}
	}
	if len(fields) > 0 {
		return ErrInvalid.WithFields(fields)
	}
	return nil
}
