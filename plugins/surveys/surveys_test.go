package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/sdk"
	"github.com/kizuna-hr/kizuna/sdk/plugintest"
)

var hr = plugintest.HR

func alum(id int64) sdk.Caller {
	return sdk.Caller{Kind: "alumnus", ID: id, Role: "alumnus", Name: fmt.Sprintf("a%d@example.jp", id)}
}

// fixture starts the plugin with n alumni in segment 7 and one survey built
// from the annual template, sent to the segment.
func fixture(t *testing.T, n int, anonymous bool) (*plugintest.Harness, *Surveys, *Survey) {
	t.Helper()
	host := plugintest.NewHost(t)
	host.Segs = []sdk.Segment{{ID: 7, Name: "2020年代の退職者"}}
	jobs := []string{"営業", "エンジニア"}
	for i := int64(1); i <= int64(n); i++ {
		host.Alumni[i] = sdk.Alumnus{ID: i, Name: fmt.Sprintf("山田 %d", i), JoinDate: fmt.Sprintf("%d-04-01", 2005+i%2*10), JobType: jobs[i%2], CompanyName: "絆商事"}
		host.Members[7] = append(host.Members[7], i)
	}
	p := New()
	h := plugintest.Start(t, p, host)
	sv := Templates[0].Build(time.Now().Add(-time.Hour))
	sv.SegmentID, sv.Anonymous = 7, anonymous
	if err := p.store.Create(context.Background(), &sv); err != nil {
		t.Fatal(err)
	}
	if res := h.Do("POST", fmt.Sprintf("/surveys/%d/send", sv.ID), nil, hr); res.StatusCode != 200 {
		t.Fatalf("send: %d", res.StatusCode)
	}
	return h, p, &sv
}

func post(h *plugintest.Harness, path string, form url.Values, c sdk.Caller) (*http.Response, string) {
	r := httptestPost(h, path, form, c)
	b, _ := io.ReadAll(r.Body)
	return r, string(b)
}

func httptestPost(h *plugintest.Harness, path string, form url.Values, c sdk.Caller) *http.Response {
	return h.DoRequest(func() *http.Request {
		r, _ := http.NewRequest("POST", path, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	}(), c)
}

func good() url.Values {
	return url.Values{"t.status": {"single"}, "q.status": {"employee"}, "t.satisfaction": {"scale"}, "q.satisfaction": {"4"},
		"t.nps": {"nps"}, "q.nps": {"9"}, "t.comment": {"text"}, "q.comment": {"また交流会に参加したいです"}, "action": {"submit"}}
}

func TestInvitationsArePromotionalWithPersonalLinks(t *testing.T) {
	h, _, sv := fixture(t, 3, true)
	mails := h.Host.Mails()
	if len(mails) != 3 {
		t.Fatalf("mails = %d, want 3", len(mails))
	}
	links := map[string]bool{}
	for _, m := range mails {
		if m.Kind != sdk.MailPromotional || m.AlumnusID == 0 || !strings.Contains(m.Subject, sv.TitleJA) {
			t.Errorf("mail %+v: want promotional to an alumnus", m)
		}
		i := strings.Index(m.Text, "?t=")
		links[m.Text[i:i+35]] = true
	}
	if len(links) != 3 {
		t.Errorf("links are not personal: %v", links)
	}
	// Sending again mails no one twice.
	h.Do("POST", fmt.Sprintf("/surveys/%d/send", sv.ID), nil, hr)
	if n := len(h.Host.Mails()); n != 3 {
		t.Errorf("after a second send: %d mails", n)
	}
}

func TestAnswerBadInputsStoreNothing(t *testing.T) {
	h, p, sv := fixture(t, 2, false)
	path := fmt.Sprintf("/s/%d", sv.ID)
	with := func(k, v string) url.Values { f := good(); f.Set(k, v); return f }
	missing := good()
	missing.Del("q.nps")
	big := strings.Repeat("あ", MaxTextRunes+1)
	cases := []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"missing required", missing, 400, "必須の質問です"},
		{"out of range", with("q.nps", "11"), 400, "0〜10の範囲"},
		{"scale out of range", with("q.satisfaction", "0"), 400, "1〜5の範囲"},
		{"unknown option", with("q.status", "astronaut"), 400, "Unknown option"},
		{"oversized text", with("q.comment", big), 400, "2000文字以内"},
		{"other without text", with("q.status", "other"), 400, "「その他」の内容"},
		{"unknown question", with("q.nope", "x"), 400, "There is no such question"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, body := post(h, path, c.form, alum(1))
			if res.StatusCode != c.status || !strings.Contains(body, c.want) {
				t.Errorf("status %d, want %d with %q", res.StatusCode, c.status, c.want)
			}
		})
	}
	if n, _ := p.store.Responses(context.Background(), sv.ID); n != 0 {
		t.Fatalf("%d responses stored after bad inputs", n)
	}
	res, body := post(h, path, good(), alum(1))
	if res.StatusCode != 200 || !strings.Contains(body, "ご回答ありがとうございました") {
		t.Fatalf("good answer: %d %s", res.StatusCode, body)
	}
	res, body = post(h, path, good(), alum(1))
	if res.StatusCode != 409 || !strings.Contains(body, "回答済み") || !strings.Contains(body, "already answered") {
		t.Errorf("second submission: %d", res.StatusCode)
	}
	// Not invited, unknown survey, forged token.
	if res, _ := post(h, path, good(), alum(99)); res.StatusCode != 404 {
		t.Errorf("uninvited alumnus: %d", res.StatusCode)
	}
	if res := h.Do("GET", "/s/999", nil, alum(1)); res.StatusCode != 404 {
		t.Errorf("unknown survey: %d", res.StatusCode)
	}
	if res := h.Do("GET", path+"?t=forged", nil, alum(2)); res.StatusCode != 404 {
		t.Errorf("forged token: %d", res.StatusCode)
	}
	if n, _ := p.store.Responses(context.Background(), sv.ID); n != 1 {
		t.Errorf("responses = %d, want 1", n)
	}
}

func TestClosedSurveyRefusesAnswers(t *testing.T) {
	h, p, sv := fixture(t, 1, false)
	p.now = func() time.Time { return sv.ClosesAt.Add(time.Minute) }
	res, body := post(h, fmt.Sprintf("/s/%d", sv.ID), good(), alum(1))
	if res.StatusCode != 410 || !strings.Contains(body, "受付期間外") || !strings.Contains(body, "not open") {
		t.Errorf("closed: %d", res.StatusCode)
	}
}

func TestSaveAndFinishLaterThenRemindOnlyTheSilent(t *testing.T) {
	h, p, sv := fixture(t, 2, false)
	path := fmt.Sprintf("/s/%d", sv.ID)
	res, _ := post(h, path, url.Values{"t.comment": {"text"}, "q.comment": {"途中です"}, "action": {"save"}}, alum(1))
	if res.StatusCode != 303 {
		t.Fatalf("save: %d", res.StatusCode)
	}
	page := h.Do("GET", path, nil, alum(1))
	b, _ := io.ReadAll(page.Body)
	if !strings.Contains(string(b), "途中です") {
		t.Errorf("draft not shown again")
	}
	if res, _ := post(h, path, good(), alum(1)); res.StatusCode != 200 {
		t.Fatalf("finish: %d", res.StatusCode)
	}
	n, err := p.remind(context.Background(), sv)
	if err != nil || n != 1 {
		t.Fatalf("reminders = %d, %v; want 1 (only alumnus 2)", n, err)
	}
	last := h.Host.Mails()[len(h.Host.Mails())-1]
	if last.AlumnusID != 2 || !strings.Contains(last.Subject, "リマインド") {
		t.Errorf("reminder %+v", last)
	}
	if n, _ := p.remind(context.Background(), sv); n != 0 {
		t.Errorf("reminded twice")
	}
}

func TestResultsCrossTabHidesSmallGroupsAndCSVHasBOM(t *testing.T) {
	h, p, sv := fixture(t, 7, true) // 4 engineers (even ids? no: odd=エンジニア), 3 sales
	for i := int64(1); i <= 7; i++ {
		f := good()
		f.Set("q.nps", fmt.Sprint(i+3)) // 4..10
		if res, _ := post(h, fmt.Sprintf("/s/%d", sv.ID), f, alum(i)); res.StatusCode != 200 {
			t.Fatalf("answer %d: %d", i, res.StatusCode)
		}
	}
	ct, err := p.store.Cross(context.Background(), sv, "nps", "job_type")
	if err != nil {
		t.Fatal(err)
	}
	if len(ct.Rows) != 0 || ct.Hidden != 2 {
		t.Errorf("cross rows %+v hidden %d: groups of 4 and 3 must be hidden", ct.Rows, ct.Hidden)
	}
	ct, _ = p.store.Cross(context.Background(), sv, "nps", "company")
	if len(ct.Rows) != 1 || ct.Rows[0].N != 7 {
		t.Errorf("company cross %+v", ct.Rows)
	}
	res := h.Do("GET", fmt.Sprintf("/surveys/%d/results?search=交流", sv.ID), nil, hr)
	b, _ := io.ReadAll(res.Body)
	page := string(b)
	// nps 4,5,6 detractors; 7,8 passives; 9,10 promoters → (2-3)/7 = -14
	for _, want := range []string{"7 / 7", "NPS <strong>-14</strong>", "推奨者 2", "中立者 2", "批判者 3", "また交流会に参加したいです", "chart/nps.svg"} {
		if !strings.Contains(page, want) {
			t.Errorf("results lack %q", want)
		}
	}
	svg := h.Do("GET", fmt.Sprintf("/surveys/%d/chart/nps.svg", sv.ID), nil, hr)
	if svg.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("chart type %q", svg.Header.Get("Content-Type"))
	}
	csvRes := h.Do("GET", fmt.Sprintf("/surveys/%d/export.csv", sv.ID), nil, hr)
	raw, _ := io.ReadAll(csvRes.Body)
	if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF回答ID")) || bytes.Count(raw, []byte("\r\n")) != 8 {
		t.Errorf("csv: %q", raw[:min(len(raw), 200)])
	}
	if strings.Contains(string(raw), ",1,") && sv.Anonymous {
		// alumnus id column must be empty for anonymous surveys
		lines := strings.Split(string(raw), "\r\n")
		if f := strings.Split(lines[1], ","); f[1] != "" {
			t.Errorf("anonymous csv names the alumnus: %q", lines[1])
		}
	}
	// An alumnus cannot read results.
	if r := h.Do("GET", fmt.Sprintf("/surveys/%d/results", sv.ID), nil, alum(1)); r.StatusCode != 403 {
		t.Errorf("alumnus reads results: %d", r.StatusCode)
	}
}

func TestQuestionsLockOnceAnswered(t *testing.T) {
	h, p, sv := fixture(t, 1, false)
	if res, _ := post(h, fmt.Sprintf("/s/%d", sv.ID), good(), alum(1)); res.StatusCode != 200 {
		t.Fatal(res.StatusCode)
	}
	form := url.Values{"title_ja": {"変更"}, "opens_at": {"2026-01-01"}, "closes_at": {"2099-01-01"}, "segment_id": {"7"}, "sections": {`[{"ja":"x","questions":[{"id":"n","type":"nps","ja":"n"}]}]`}}
	res, body := post(h, fmt.Sprintf("/surveys/%d/edit", sv.ID), form, hr)
	if res.StatusCode != 409 || !strings.Contains(body, "質問は変更できません") {
		t.Errorf("edit answered: %d", res.StatusCode)
	}
	got, _ := p.store.Get(context.Background(), sv.ID)
	if got.TitleJA == "変更" {
		t.Errorf("half-saved: title changed although the edit was refused")
	}
	form.Set("sections", "{bad")
	if res, body := post(h, fmt.Sprintf("/surveys/%d/edit", sv.ID), form, hr); res.StatusCode != 400 || !strings.Contains(body, "JSON") {
		t.Errorf("bad json: %d", res.StatusCode)
	}
}

func TestBranchingDropsHiddenAnswers(t *testing.T) {
	sv := Templates[0].Build(time.Now())
	v := 3
	a := map[string]Answer{"status": {Choices: []string{"employee"}}, "founder_stage": {Choices: []string{"early"}}, "satisfaction": {Value: &v}, "nps": {Value: &v}}
	clean, err := sv.Validate(a, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := clean["founder_stage"]; ok {
		t.Errorf("hidden question kept")
	}
	a["status"] = Answer{Choices: []string{"founder"}}
	if clean, _ := sv.Validate(a, true); clean["founder_stage"].Choices[0] != "early" {
		t.Errorf("shown question dropped")
	}
}
