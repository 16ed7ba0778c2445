package cli

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/plugins"
	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// surveysPluginID is the bundled alumni-surveys plugin (plugins/surveys).
const surveysPluginID = "jp.kizuna.surveys"

// demoSurveysSegment is the demo segment the annual survey goes to.
const demoSurveysSegment = "きずな商事 本社 退職者"

// surveysBundle finds the surveys bundle `make plugins` built: in
// $KIZUNA_DEMO_PLUGINS, ./dist/plugins or dist/plugins beside the binary's
// folder (bin/kizuna → dist/plugins). "" when there is none.
func surveysBundle() string {
	dirs := []string{os.Getenv("KIZUNA_DEMO_PLUGINS"), filepath.Join("dist", "plugins")}
	if exe, err := os.Executable(); err == nil {
		dirs = append(dirs, filepath.Join(filepath.Dir(exe), "..", "dist", "plugins"))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		found, _ := filepath.Glob(filepath.Join(d, surveysPluginID+"-*.tar.gz"))
		if len(found) > 0 {
			sort.Strings(found)
			return found[len(found)-1]
		}
	}
	return ""
}

// seedDemoSurveys installs and enables the surveys plugin when its bundle is
// built, and runs an annual survey through it: sent to a segment (the
// invitations land in the built-in mailbox) and answered by most of it, so
// the results page shows charts and the unanswered see the portal banner.
// Without a bundle it says how to get one and does nothing.
func seedDemoSurveys(ctx context.Context, a *app) error {
	path := surveysBundle()
	if path == "" {
		a.log.Info("demo: no surveys plugin bundle (run make plugins); the demo has no survey")
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	rec, err := a.plugins.Install(ctx, f)
	f.Close()
	if err != nil {
		return fmt.Errorf("demo surveys: install %s: %w", path, err)
	}
	if err := a.plugins.Enable(ctx, rec.ID, rec.Manifest.Permissions); err != nil {
		return fmt.Errorf("demo surveys: enable: %w", err)
	}
	if err := a.plugins.Start(ctx); err != nil {
		return err
	}
	defer a.plugins.Close()
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if st, err := a.plugins.Get(ctx, rec.ID); err == nil && st.Running {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("demo surveys: the plugin did not start")
		}
	}
	segID, members, err := demoSurveyAudience(ctx, a)
	if err != nil {
		return err
	}
	d := surveysDriver{a: a, hr: &pb.Caller{Kind: "user", Id: 1, Name: "demo", Role: "owner"}}
	loc, err := d.post(ctx, d.hr, "/surveys", url.Values{"template": {"annual"}})
	if err != nil {
		return err
	}
	base := "/" + strings.TrimSuffix(loc, "/edit") // /surveys/1
	today := time.Now()
	if _, err := d.post(ctx, d.hr, base+"/edit", url.Values{"title_ja": {"2026年 年次アルムナイ調査"}, "title_en": {"Annual alumni survey 2026"},
		"intro_ja": {"アルムナイの皆さまの近況と、ネットワークへのご意見をお聞かせください（所要5分）。"},
		"opens_at": {today.AddDate(0, 0, -20).Format("2006-01-02")}, "closes_at": {today.AddDate(0, 0, 10).Format("2006-01-02")},
		"segment_id": {strconv.FormatInt(segID, 10)}, "anonymous": {"on"}}); err != nil {
		return err
	}
	// The plugin's mail joins the outbox through a.mail (unsubscribe links need
	// an address, as under serve); a demo engine delivers it to the mailbox.
	a.mail.SetDefaultBaseURL("http://" + defaultAddr)
	eng, err := mail.New(ctx, a.store, mail.Config{BaseURL: "http://" + defaultAddr}, a.log)
	if err != nil {
		return err
	}
	if err := eng.Start(ctx); err != nil {
		return err
	}
	defer eng.Stop(ctx)
	if _, err := d.post(ctx, d.hr, base+"/send", nil); err != nil {
		return err
	}
	answered := 0
	for i, id := range members {
		if i%10 >= 7 { // three in ten leave it for later: they see the banner
			continue
		}
		alumnus := &pb.Caller{Kind: "alumnus", Id: id, Role: "alumnus"}
		if _, err := d.post(ctx, alumnus, "/s"+strings.TrimPrefix(base, "/surveys"), demoAnswer(i)); err != nil {
			return err
		}
		answered++
	}
	if err := eng.Drain(ctx); err != nil {
		return err
	}
	return a.audit.Record(ctx, "demo.seed", "surveys", fmt.Sprintf("plugin=%s invited=%d answered=%d", rec.Version, len(members), answered))
}

// demoSurveyAudience is the demo segment's id and members (the survey's audience).
func demoSurveyAudience(ctx context.Context, a *app) (int64, []int64, error) {
	segs, err := (plugins.SavedSegments{Saved: a.segments}).List(ctx)
	if err != nil {
		return 0, nil, err
	}
	for _, s := range segs {
		if s.Name == demoSurveysSegment {
			ids, err := (plugins.SavedSegments{Saved: a.segments}).Members(ctx, s.ID)
			return s.ID, ids, err
		}
	}
	return 0, nil, fmt.Errorf("demo surveys: no segment %q", demoSurveysSegment)
}

// demoAnswer is the i-th alumnus's answer to the annual template: varied but
// repeatable, so the charts and the NPS have a shape.
func demoAnswer(i int) url.Values {
	status := []string{"employee", "employee", "employee", "founder", "freelance", "study", "other"}[i%7]
	v := url.Values{"action": {"submit"}, "t.status": {"single"}, "q.status": {status},
		"t.interests": {"multiple"}, "q.interests": {[]string{"events", "mentoring", "rehire", "business"}[i%4]},
		"t.satisfaction": {"scale"}, "q.satisfaction": {strconv.Itoa([]int{4, 5, 3, 4, 2, 5, 4, 3}[i%8])},
		"t.nps": {"nps"}, "q.nps": {strconv.Itoa([]int{9, 10, 8, 7, 9, 6, 10, 3, 9, 8, 5}[i%11])}}
	if status == "other" {
		v.Set("q.status.other", "大学院で研究")
	}
	if status == "founder" {
		v.Set("t.founder_stage", "single")
		v.Set("q.founder_stage", []string{"idea", "early", "growth"}[i%3])
	}
	if i%4 == 0 {
		v.Set("t.comment", "text")
		v.Set("q.comment", []string{"交流会を地方でも開いてほしいです。", "元の上司と話せる機会がうれしいです。", "再入社の制度について詳しく知りたいです。"}[i%3])
	}
	if i%3 == 0 && v.Get("q.interests") != "events" {
		v.Add("q.interests", "events")
	}
	return v
}

// surveysDriver sends form posts to the running surveys plugin as the host's proxy would.
type surveysDriver struct {
	a  *app
	hr *pb.Caller
}

// post sends a form and returns the redirect's Location; a status of 400 or more is an error.
func (d surveysDriver) post(ctx context.Context, c *pb.Caller, path string, form url.Values) (string, error) {
	res, err := d.a.plugins.ServeHTTP(ctx, surveysPluginID, &pb.HTTPRequest{Method: "POST", Path: path, Body: []byte(form.Encode()), Caller: c,
		Headers: []*pb.Header{{Name: "Content-Type", Values: []string{"application/x-www-form-urlencoded"}}}})
	if err != nil {
		return "", fmt.Errorf("demo surveys: %s: %w", path, err)
	}
	if res.Status >= 400 {
		return "", fmt.Errorf("demo surveys: %s: status %d", path, res.Status)
	}
	for _, h := range res.Headers {
		if strings.EqualFold(h.Name, "Location") && len(h.Values) > 0 {
			return h.Values[0], nil
		}
	}
	return "", nil
}
