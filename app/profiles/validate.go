package profiles

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// normalize cleans u in place and returns the reasons per field it is wrong.
func normalize(u *Update) map[string]string {
	bad := map[string]string{}
	u.Company, u.Role = textnorm.Clean(u.Company), textnorm.Clean(u.Role)
	u.Industry, u.JobType = textnorm.Clean(u.Industry), textnorm.Clean(u.JobType)
	u.Bio = strings.TrimSpace(strings.ToValidUTF8(u.Bio, ""))
	for name, v := range map[string]string{"company": u.Company, "role": u.Role, "industry": u.Industry, "job_type": u.JobType} {
		if utf8.RuneCountInString(v) > maxText {
			bad[name] = "100文字以内で入力してください / at most 100 characters"
		}
	}
	if utf8.RuneCountInString(u.Bio) > maxBio {
		bad["bio"] = "自己紹介は1000文字以内です / the bio is at most 1000 characters"
	}
	for name, l := range map[string]*[]string{"skills": &u.Skills, "interests": &u.Interests, "open_to": &u.OpenTo} {
		*l = cleanList(*l)
		if len(*l) > maxItems {
			bad[name] = "20個までです / at most 20 items"
		}
		for _, it := range *l {
			if utf8.RuneCountInString(it) > maxItemLen {
				bad[name] = "1項目50文字以内です / each item is at most 50 characters"
			}
		}
	}
	for f, v := range u.Visibility {
		if !slices.Contains(Fields, f) {
			bad["visibility."+f] = "不明な項目です / unknown field"
		} else if v != ShowAlumni && v != HROnly {
			bad["visibility."+f] = "公開範囲は alumni か hr です / visibility is alumni or hr"
		}
	}
	return bad
}

// cleanList trims, drops empty and duplicate items, keeping order.
func cleanList(l []string) []string {
	out := make([]string, 0, len(l))
	for _, s := range l {
		s = textnorm.Clean(s)
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
