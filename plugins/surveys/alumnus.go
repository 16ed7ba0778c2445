package main

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/sdk"
)

// maxForm bounds an answer form (the longest text is MaxTextRunes).
const maxForm = 256 << 10

// admit checks that the survey is open and the caller was invited (the
// personal token, when given, must be theirs).
func (p *Surveys) admit(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) bool {
	if !sv.Open(p.now()) {
		p.fail(w, http.StatusGone, "このアンケートは受付期間外です（締切済みまたは開始前）。", "This survey is not open (closed or not yet started).")
		return false
	}
	if t := r.URL.Query().Get("t"); t != "" {
		owner, err := p.store.TokenOwner(r.Context(), sv.ID, t)
		if err != nil || owner != c.ID {
			p.fail(w, http.StatusNotFound, "このリンクは無効です。メールのリンクをご確認ください。", "This link is not valid. Please check the link in your mail.")
			return false
		}
		return true
	}
	if ok, err := p.store.IsInvited(r.Context(), sv.ID, c.ID); err == nil && ok {
		return true
	}
	ids, err := p.host.SegmentMembers(r.Context(), sv.SegmentID)
	if err == nil {
		for _, id := range ids {
			if id == c.ID {
				return true
			}
		}
	}
	p.fail(w, http.StatusNotFound, "このアンケートの対象ではありません。", "You are not invited to this survey.")
	return false
}

func (p *Surveys) form(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	if !p.admit(w, r, c, sv) {
		return nil
	}
	draft, submitted, err := p.store.State(r.Context(), sv.ID, c.ID)
	if err != nil {
		return err
	}
	if submitted {
		return render(w, http.StatusOK, "thanks", map[string]any{"S": sv, "Again": true})
	}
	return p.renderForm(w, http.StatusOK, sv, draft, nil, r.URL.Query().Get("saved") != "")
}

func (p *Surveys) renderForm(w http.ResponseWriter, status int, sv *Survey, a map[string]Answer, fe []FieldError, saved bool) error {
	errs := map[string]FieldError{}
	for _, f := range fe {
		errs[f.Field] = f
	}
	return render(w, status, "form", map[string]any{"S": sv, "A": a, "Errors": errs, "List": fe, "Saved": saved,
		"Closes": sv.ClosesAt.In(jst).AddDate(0, 0, -1).Format("2006年1月2日"), "Static": "../static/"})
}

// parseAnswers reads q.<id> (choice or value or text) and q.<id>.other.
func parseAnswers(r *http.Request) (map[string]Answer, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	out := map[string]Answer{}
	for k, vs := range r.PostForm {
		id, ok := strings.CutPrefix(k, "q.")
		if !ok {
			continue
		}
		if base, ok := strings.CutSuffix(id, ".other"); ok {
			a := out[base]
			a.Other = strings.TrimSpace(vs[0])
			out[base] = a
			continue
		}
		a := out[id]
		switch kind := r.PostForm.Get("t." + id); kind {
		case TypeText:
			a.Text = strings.TrimSpace(vs[0])
		case TypeScale, TypeNPS:
			if vs[0] != "" {
				v, err := strconv.Atoi(vs[0])
				if err != nil {
					v = -1
				}
				a.Value = &v
			}
		default:
			for _, v := range vs {
				if v != "" {
					a.Choices = append(a.Choices, v)
				}
			}
		}
		out[id] = a
	}
	for id, a := range out {
		if a.empty() && a.Other == "" {
			delete(out, id)
		}
	}
	return out, nil
}

func (p *Surveys) answer(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	if !p.admit(w, r, c, sv) {
		return nil
	}
	raw, err := parseAnswers(r)
	if err != nil {
		p.fail(w, http.StatusRequestEntityTooLarge, "入力が大きすぎます。", "The form is too large.")
		return nil
	}
	final := r.PostForm.Get("action") != "save"
	clean, err := sv.Validate(raw, final)
	var ie *InputError
	if errors.As(err, &ie) {
		return p.renderForm(w, http.StatusBadRequest, sv, raw, ie.Fields, false)
	}
	if !final {
		if err := p.store.SaveDraft(r.Context(), sv.ID, c.ID, clean); errors.Is(err, ErrSubmitted) {
			return p.already(w)
		} else if err != nil {
			return err
		}
		seeOther(w, strconv.FormatInt(sv.ID, 10)+"?saved=1")
		return nil
	}
	var seg map[string]string
	if a, err := p.host.Alumnus(r.Context(), c.ID); err == nil {
		seg = segmentOf(joinInfo{a.JoinDate, a.JobType, a.CompanyName})
	}
	if err := p.store.Submit(r.Context(), sv, c.ID, clean, seg, p.now()); errors.Is(err, ErrSubmitted) {
		return p.already(w)
	} else if err != nil {
		return err
	}
	return render(w, http.StatusOK, "thanks", map[string]any{"S": sv})
}

func (p *Surveys) already(w http.ResponseWriter) error {
	p.fail(w, http.StatusConflict, "このアンケートには回答済みです。回答は一人一回です。", "You have already answered this survey (one response per person).")
	return nil
}

// mine is the alumnus's portal page: the open surveys waiting for them.
func (p *Surveys) mine(w http.ResponseWriter, r *http.Request, c sdk.Caller, _ *Survey) error {
	open, answered, err := p.store.OpenFor(r.Context(), c.ID, p.now())
	if err != nil {
		return err
	}
	return render(w, http.StatusOK, "mine", map[string]any{"Open": open, "Answered": answered})
}
