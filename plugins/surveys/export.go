package main

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/sdk"
)

func (p *Surveys) results(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	res, err := p.store.Tally(r.Context(), sv)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	data := map[string]any{"R": res, "Attrs": SegmentAttrs, "Search": q.Get("search"), "By": q.Get("by"), "CQ": q.Get("cq"), "MinCell": MinCell}
	texts := map[string][]TextAnswer{}
	for _, qu := range sv.Questions() {
		if qu.Type == TypeText || qu.Other {
			t, err := p.store.Texts(r.Context(), sv.ID, qu.ID, q.Get("search"), 50)
			if err != nil {
				return err
			}
			texts[qu.ID] = t
		}
	}
	data["Texts"] = texts
	if by, cq := q.Get("by"), q.Get("cq"); by != "" && cq != "" {
		if ct, err := p.store.Cross(r.Context(), sv, cq, by); err == nil {
			data["Cross"] = ct
		}
	}
	return render(w, http.StatusOK, "results", data)
}

// exportCSV writes one row per response, UTF-8 with a BOM so Excel reads the
// Japanese correctly. Anonymous surveys carry no alumnus id.
func (p *Surveys) exportCSV(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="survey-%d.csv"`, sv.ID))
	_, _ = w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	qs := sv.Questions()
	head := []string{"回答ID", "アルムナイID", "回答日", "入社年代", "職種", "会社"}
	for _, q := range qs {
		head = append(head, q.JA)
	}
	_ = cw.Write(head)
	err := p.store.CSVRows(r.Context(), sv, func(id int64, who sql.NullInt64, day string, seg map[string]string, a map[string][]string) error {
		row := []string{strconv.FormatInt(id, 10), "", day, seg["join_era"], seg["job_type"], seg["company"]}
		if who.Valid && !sv.Anonymous {
			row[1] = strconv.FormatInt(who.Int64, 10)
		}
		for _, q := range qs {
			row = append(row, strings.Join(a[q.ID], " / "))
		}
		return cw.Write(row)
	})
	cw.Flush()
	_ = p.host.Audit(r.Context(), "survey.export", fmt.Sprintf("survey:%d", sv.ID), "csv")
	return err
}

// chart draws one question's counts as an SVG bar chart.
func (p *Surveys) chart(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error {
	res, err := p.store.Tally(r.Context(), sv)
	if err != nil {
		return err
	}
	for _, qr := range res.Questions {
		if qr.Q.ID+".svg" == r.PathValue("q") {
			w.Header().Set("Content-Type", "image/svg+xml")
			_, err := w.Write([]byte(barsSVG(qr)))
			return err
		}
	}
	p.fail(w, http.StatusNotFound, "グラフがありません。", "No such chart.")
	return nil
}

// barsSVG is a horizontal bar chart; NPS bars are coloured by group.
func barsSVG(qr QuestionResult) string {
	const rowH, labelW, barW = 26, 160, 320
	top := 0
	for _, c := range qr.Counts {
		top = max(top, c.N)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="13">`, labelW+barW+60, rowH*len(qr.Counts)+8)
	for i, c := range qr.Counts {
		width := 0
		if top > 0 {
			width = barW * c.N / top
		}
		color := "#1c7ed6"
		if qr.Q.Type == TypeNPS {
			color = map[bool]string{true: "#2f9e44", false: "#e03131"}[i >= 9]
			if i == 7 || i == 8 {
				color = "#f59f00"
			}
		}
		y := i*rowH + 4
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`, labelW-8, y+16, html.EscapeString(c.Label))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="18" rx="3" fill="%s"/>`, labelW, y+2, width, color)
		fmt.Fprintf(&b, `<text x="%d" y="%d">%d</text>`, labelW+width+6, y+16, c.N)
	}
	b.WriteString("</svg>")
	return b.String()
}
