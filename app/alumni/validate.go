package alumni

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// ErrInvalid is the kind of error Validate returns; its Fields say what is
// wrong with which field.
var ErrInvalid = fault.New(fault.Invalid, "alumni.invalid", "入力内容に誤りがあります", "the alumnus record is invalid")

// Field reasons, Japanese first.
const (
	reasonRequired     = "必須項目です / required"
	reasonEmail        = "メールアドレスの形式が正しくありません / not a valid email address"
	reasonDate         = "日付が正しくありません（例: 2015-04-01） / not a valid date (e.g. 2015-04-01)"
	reasonLeaveBefore  = "退職日が入社日より前です / the leave date is before the join date"
	reasonReading      = "フリガナはカタカナ・ひらがなで入力してください / the reading must be written in kana"
	reasonEligibility  = "再雇用可否の値が正しくありません / unknown rehire eligibility"
	reasonTooLongFmt   = "%d文字以内で入力してください / at most %d characters"
	reasonDuplicateTag = "同じ値が重複しています / duplicate value"
)

// Normalize cleans a record in place the way HR would expect: kana widths and
// full-width letters normalised, the reading stored in katakana, addresses
// trimmed and lower-cased, dates in YYYY-MM-DD, empty lists dropped.
func Normalize(a *Alumnus) {
	for _, p := range []*string{&a.EmployeeNumber, &a.Name, &a.Department, &a.Position,
		&a.CurrentEmployer, &a.Industry, &a.JobType, &a.FormerManager, &a.LeaveReason} {
		*p = textnorm.Clean(*p)
	}
	a.NameReading = textnorm.ToKatakana(textnorm.Clean(a.NameReading))
	a.Email = NormalizeEmail(a.Email)
	for i := range a.OtherEmails {
		a.OtherEmails[i] = NormalizeEmail(a.OtherEmails[i])
	}
	a.OtherEmails = cleanList(a.OtherEmails)
	a.Skills = cleanList(a.Skills)
	a.Interests = cleanList(a.Interests)
	a.Tags = cleanList(a.Tags)
	a.Notes = strings.TrimSpace(a.Notes)
	if a.RehireEligibility == "" {
		a.RehireEligibility = RehireUnknown
	}
	a.JoinDate = strings.TrimSpace(a.JoinDate)
	a.LeaveDate = strings.TrimSpace(a.LeaveDate)
}

// NormalizeEmail trims an address and lower-cases it.
func NormalizeEmail(s string) string {
	return strings.ToLower(textnorm.Clean(s))
}

func cleanList(in []string) []string {
	out := in[:0]
	for _, s := range in {
		s = textnorm.Clean(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Validate checks a normalised record and returns an ErrInvalid carrying the
// reason for each bad field, or nil.
func Validate(a *Alumnus) error {
	var f fieldErrors // allocates only for an invalid record
	if a.Name == "" {
		f.set("name", reasonRequired)
	}
	if a.NameReading != "" && !isReading(a.NameReading) {
		f.set("name_reading", reasonReading)
	}
	if a.Email != "" && !ValidEmail(a.Email) {
		f.set("email", reasonEmail)
	}
	for _, e := range a.OtherEmails {
		if !ValidEmail(e) {
			f.set("other_emails", reasonEmail)
		}
	}
	join, joinOK := checkDate(a.JoinDate, "join_date", &f)
	leave, leaveOK := checkDate(a.LeaveDate, "leave_date", &f)
	if joinOK && leaveOK && !join.IsZero() && !leave.IsZero() && leave.Before(join) {
		f.set("leave_date", reasonLeaveBefore)
	}
	if !slices.Contains(RehireEligibilities, a.RehireEligibility) {
		f.set("rehire_eligibility", reasonEligibility)
	}
	limits := []struct {
		name  string
		value string
		max   int
	}{
		{"employee_number", a.EmployeeNumber, 50}, {"name", a.Name, 100}, {"name_reading", a.NameReading, 200},
		{"email", a.Email, 254}, {"department", a.Department, 200}, {"position", a.Position, 200},
		{"current_employer", a.CurrentEmployer, 200}, {"industry", a.Industry, 100}, {"job_type", a.JobType, 100},
		{"former_manager", a.FormerManager, 100}, {"leave_reason", a.LeaveReason, 2000}, {"notes", a.Notes, 10000},
	}
	for _, l := range limits {
		if utf8.RuneCountInString(l.value) > l.max {
			f.set(l.name, fmt.Sprintf(reasonTooLongFmt, l.max, l.max))
		}
	}
	if f.m != nil {
		return ErrInvalid.WithFields(f.m)
	}
	return nil
}

// ValidEmail reports whether s is a bare address such as taro@example.jp.
func ValidEmail(s string) bool {
	if plainAddress(s) {
		return true
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s || addr.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".") && !strings.ContainsAny(s, " \t")
}

// plainAddress reports, cheaply, the common case of an address that is
// certainly valid: ASCII letters, digits and ._%+- before a single @, and a
// dotted domain of letters, digits and hyphens. Anything else is left to
// net/mail.
func plainAddress(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at > 64 || len(s) > 254 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(isAlnum(c) || strings.IndexByte("._%+-", c) >= 0) {
			return false
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if !isAlnum(l[i]) && l[i] != '-' {
				return false
			}
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// fieldErrors collects the reason for each bad field.
type fieldErrors struct{ m map[string]string }

func (f *fieldErrors) set(field, reason string) {
	if f.m == nil {
		f.m = map[string]string{}
	}
	f.m[field] = reason
}

func checkDate(s, field string, f *fieldErrors) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Year() < 1900 || t.Year() > 2200 {
		f.set(field, reasonDate)
		return time.Time{}, false
	}
	return t, true
}

func isReading(s string) bool {
	for _, r := range s {
		if !(unicode.In(r, unicode.Katakana, unicode.Hiragana) || r == 'ー' || r == '・' || r == ' ' || r == '　' ||
			(r < 128 && (unicode.IsLetter(r) || r == '-' || r == '\''))) {
			return false
		}
	}
	return true
}
