package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/sdk"
)

func (p *Surveys) list(w http.ResponseWriter, r *http.Request, c sdk.Caller, _ *Survey) error {
	svs, err := p.store.List(r.Context())
	if err != nil {
		return err
	}
	type row struct {
		S         *Survey
		Responses int
		Invited   int
		Open      bool
	}
	var rows []row
	for _, sv := range svs {
		n, _ := p.store.Responses(r.Context(), sv.ID)
		inv, _ := p.store.Invited(r.Context(), sv.ID)
		rows = append(rows, row{sv, n, inv, sv.Open(p.now())})
	}
	return render(w, http.StatusOK, "list", map[string]any{"Rows": rows, "Templates": Templates})
}

func (p *Surveys) create(w http.ResponseWriter, r *http.Request, c sdk.Caller, _ *Survey) error {
	t, ok := FindTemplate(r.FormValue("template"))
	if !ok {
		p.fail(w, http.StatusBadRequest, "テンプレートを選んでください。", "Choose a template.")
		return nil
	}
	sv := t.Build(p.now())
	if err := p.store.Create(r.Context(), &sv); err != nil {
		return err
	}
	_ = p.host.Audit(r.Context(), "survey.create", fmt.Sprintf("survey:%d", sv.ID), sv.TitleJA)
	seeOther(w, fmt.Sprintf("surveys/%d/edit", sv.ID))
	return nil
}

func (p *Surveys) edit(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	return p.renderEdit(w, r, http.StatusOK, sv, nil)
}

func (p *Surveys) renderEdit(w http.ResponseWriter, r *http.Request, status int, sv *Survey, fe []FieldError) error {
	segs, _ := p.host.Segments(r.Context())
	n, err := p.store.Responses(r.Context(), sv.ID)
	if err != nil {
		return err
	}
	def, _ := json.MarshalIndent(sv.Sections, "", "  ")
	return render(w, status, "edit", map[string]any{"S": sv, "Segments": segs, "Locked": n > 0,
		"Def": string(def), "Errors": fe, "Saved": r.URL.Query().Get("saved") != "", "Opens": sv.OpensAt.In(jst).Format("2006-01-02"), "Closes": sv.ClosesAt.In(jst).Format("2006-01-02")})
}

func (p *Surveys) save(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	next := *sv
	next.TitleJA, next.TitleEN = r.FormValue("title_ja"), r.FormValue("title_en")
	next.IntroJA, next.IntroEN = r.FormValue("intro_ja"), r.FormValue("intro_en")
	next.Anonymous = r.FormValue("anonymous") == "on"
	next.SegmentID, _ = strconv.ParseInt(r.FormValue("segment_id"), 10, 64)
	var fe []FieldError
	for _, d := range []struct {
		key string
		to  *time.Time
		add int
	}{{"opens_at", &next.OpensAt, 0}, {"closes_at", &next.ClosesAt, 1}} {
		t, err := time.ParseInLocation("2006-01-02", r.FormValue(d.key), jst)
		if err != nil {
			fe = append(fe, FieldError{d.key, "日付を YYYY-MM-DD で入力してください。", "Enter the date as YYYY-MM-DD."})
			continue
		}
		*d.to = t.AddDate(0, 0, d.add)
	}
	// A form without the field (a script setting only the audience and dates) keeps the questions.
	if _, given := r.PostForm["sections"]; given {
		if err := json.Unmarshal([]byte(r.PostForm.Get("sections")), &next.Sections); err != nil {
			fe = append(fe, FieldError{"sections", "質問の定義（JSON）を読めません: " + err.Error(), "Cannot read the questions (JSON): " + err.Error()})
		}
	}
	if len(fe) == 0 {
		var ie *InputError
		if err := next.CheckDefinition(); errors.As(err, &ie) {
			fe = ie.Fields
		}
	}
	if len(fe) > 0 {
		return p.renderEdit(w, r, http.StatusBadRequest, &next, fe)
	}
	if err := p.store.Update(r.Context(), &next); errors.Is(err, ErrLocked) {
		return p.renderEdit(w, r, http.StatusConflict, &next, []FieldError{{"sections",
			"回答があるため質問は変更できません。新しいアンケートとして複製してください。", "Questions are locked because answers exist. Copy the survey to change them."}})
	} else if err != nil {
		return err
	}
	_ = p.host.Audit(r.Context(), "survey.update", fmt.Sprintf("survey:%d", sv.ID), next.TitleJA)
	if r.FormValue("then") == "preview" {
		seeOther(w, "preview")
		return nil
	}
	seeOther(w, "edit?saved=1")
	return nil
}

func (p *Surveys) send(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	if sv.SegmentID == 0 {
		p.fail(w, http.StatusBadRequest, "配信先のセグメントを選んで保存してください。", "Choose and save a segment to send to.")
		return nil
	}
	if !sv.Open(p.now()) && !p.now().Before(sv.ClosesAt) {
		p.fail(w, http.StatusConflict, "締切を過ぎたアンケートは配信できません。", "This survey is closed; it cannot be sent.")
		return nil
	}
	n, err := p.invite(r.Context(), sv)
	if err != nil {
		return err
	}
	_ = p.host.Audit(r.Context(), "survey.send", fmt.Sprintf("survey:%d", sv.ID), fmt.Sprintf("%d invitations", n))
	return render(w, http.StatusOK, "message", map[string]any{"JA": fmt.Sprintf("%d名に招待メールを送信しました（配信に同意した方のみ）。", n),
		"EN": fmt.Sprintf("Invitations queued for %d alumni (only those who opted in).", n), "Back": "results"})
}

// seeOther redirects relative to the page's own address (http.Redirect would
// resolve against the path without the /plugins/{id} prefix).
func seeOther(w http.ResponseWriter, loc string) {
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusSeeOther)
}
