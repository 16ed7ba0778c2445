package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/profiles"
)

func TestWelcomeSurveyOverHTTP(t *testing.T) {
	f := newFixture(t)
	taro, taroCookie := f.member(t, "山田 太郎", "ヤマダ タロウ", "taro2@example.jp")
	_, hanakoCookie := f.member(t, "鈴木 花子", "スズキ ハナコ", "hanako@example.jp")

	// Only HR with portal.manage opens the routes; a member's cookie does not count.
	for _, c := range []struct {
		role   auth.Role
		cookie string
		want   int
	}{{auth.Viewer, "", 403}, {auth.HRStaff, "", 403}, {"", taroCookie, 401}, {"", "", 401}} {
		var code int
		if c.cookie != "" {
			code, _ = f.as(t, c.cookie, "GET", "/api/welcome-survey", nil, "")
		} else {
			code, _ = f.do(t, c.role, "GET", "/api/welcome-survey", nil, "")
		}
		if code != c.want {
			t.Errorf("%s/%t: %d, want %d", c.role, c.cookie != "", code, c.want)
		}
	}

	d := profiles.CurrentSurvey()
	d.Interests = append(d.Interests, profiles.Option{Key: "mentor_me", JA: "メンターがほしい", EN: "Finding a mentor"})
	good, _ := json.Marshal(d)
	bad := []string{
		strings.Replace(string(good), `"メンターがほしい"`, `""`, 1),                            // empty label
		strings.Replace(string(good), `"mentor_me"`, `"news"`, 1),                       // duplicate key
		`{"interests":[],"open_to":[]}`,                                                 // removes every option
		strings.Replace(string(good), `"メンターがほしい"`, `"`+strings.Repeat("長", 60)+`"`, 1), // oversize
		`{"interests":`,
	}
	for _, body := range bad {
		if code, b := f.do(t, auth.Owner, "POST", "/api/welcome-survey", strings.NewReader(body), "application/json"); code < 400 || code >= 500 || !strings.Contains(string(b), "message_en") {
			t.Errorf("bad draft %.60s: %d %s", body, code, b)
		}
	}
	code, b := f.do(t, auth.Owner, "POST", "/api/welcome-survey", strings.NewReader(string(good)), "application/json")
	if code != 200 || !strings.Contains(string(b), `"version":2`) {
		t.Fatalf("publish: %d %s", code, b)
	}
	// A new member sees and picks the new option; an unknown key is refused.
	if code, b := f.as(t, taroCookie, "GET", "/api/portal/survey", nil, ""); code != 200 || !strings.Contains(string(b), "メンターがほしい") {
		t.Fatalf("member survey: %d %s", code, b)
	}
	if code, _ := f.as(t, taroCookie, "POST", "/api/portal/survey", strings.NewReader(`{"interests":["nope"]}`), "application/json"); code != 422 {
		t.Errorf("unknown option: %d", code)
	}
	if code, b := f.as(t, taroCookie, "POST", "/api/portal/survey", strings.NewReader(`{"version":2,"industry":"製造業","interests":["mentor_me"]}`), "application/json"); code != 200 {
		t.Fatalf("answer: %d %s", code, b)
	}
	if _, b := f.do(t, auth.Owner, "GET", "/api/welcome-survey", nil, ""); !strings.Contains(string(b), `"mentor_me":1`) {
		t.Errorf("summary: %s", b)
	}
	// HR keeps industry off profiles: the card and the search drop it.
	card := "/api/portal/alumni/" + itoa(taro)
	if _, b := f.as(t, hanakoCookie, "GET", card, nil, ""); !strings.Contains(string(b), "製造業") {
		t.Fatalf("card before: %s", b)
	}
	if code, _ := f.do(t, auth.Owner, "PUT", "/api/welcome-survey/profile-fields", strings.NewReader(`{"bio":"hr"}`), "application/json"); code != 422 {
		t.Errorf("not a survey field: %d", code)
	}
	if code, b := f.do(t, auth.Owner, "PUT", "/api/welcome-survey/profile-fields", strings.NewReader(`{"industry":"hr"}`), "application/json"); code != 200 {
		t.Fatalf("policy: %d %s", code, b)
	}
	if _, b := f.as(t, hanakoCookie, "GET", card, nil, ""); strings.Contains(string(b), "製造業") {
		t.Errorf("card after: %s", b)
	}
	if _, b := f.as(t, hanakoCookie, "GET", "/api/portal/alumni?q=製造", nil, ""); !strings.Contains(string(b), `"total":0`) {
		t.Errorf("search after: %s", b)
	}
	// HR's alumni list filters by the answer's Japanese wording.
	if code, b := f.do(t, auth.Owner, "GET", "/api/alumni?interest=メンターがほしい", nil, ""); code != 200 || !strings.Contains(string(b), `"total":1`) {
		t.Errorf("alumni by interest: %d %s", code, b)
	}
}
