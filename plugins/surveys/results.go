package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strconv"
	"time"
)

// Count is how many answers chose one option or value.
type Count struct {
	Key   string // option id or value
	Label string
	N     int
}

// QuestionResult is the tally of one question.
type QuestionResult struct {
	Q       Question
	Answers int
	Counts  []Count
	NPS     *NPS
}

// NPS is the net promoter split.
type NPS struct{ Promoters, Passives, Detractors, Score int }

// DayCount is responses received on one day, and the running total.
type DayCount struct {
	Day      string
	N, Total int
	RatePct  float64
}

// Results are a survey's tallies.
type Results struct {
	Survey    *Survey
	Invited   int
	Responses int
	Days      []DayCount
	Questions []QuestionResult
}

// Tally computes the results with one grouped query over the answers.
func (s *Store) Tally(ctx context.Context, sv *Survey) (*Results, error) {
	res := &Results{Survey: sv}
	var err error
	if res.Invited, err = s.Invited(ctx, sv.ID); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT substr(submitted_at, 1, 10), count(*) FROM responses WHERE survey_id = ? GROUP BY 1 ORDER BY 1`, sv.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d DayCount
		if err := rows.Scan(&d.Day, &d.N); err != nil {
			rows.Close()
			return nil, err
		}
		res.Responses += d.N
		d.Total = res.Responses
		if res.Invited > 0 {
			d.RatePct = 100 * float64(d.Total) / float64(res.Invited)
		}
		res.Days = append(res.Days, d)
	}
	rows.Close()
	counts := map[string]map[string]int{}
	answered := map[string]int{}
	rows, err = s.db.QueryContext(ctx, `SELECT question, key, n FROM tallies WHERE survey_id = ?`, sv.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var q, key string
		var n int
		if err := rows.Scan(&q, &key, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if key == "" {
			answered[q] = n
			continue
		}
		if counts[q] == nil {
			counts[q] = map[string]int{}
		}
		counts[q][key] = n
	}
	rows.Close()
	for _, q := range sv.Questions() {
		res.Questions = append(res.Questions, tallyQuestion(q, counts[q.ID], answered[q.ID]))
	}
	return res, nil
}

func tallyQuestion(q Question, c map[string]int, answered int) QuestionResult {
	qr := QuestionResult{Q: q, Answers: answered}
	switch q.Type {
	case TypeSingle, TypeMultiple:
		for _, o := range q.Options {
			qr.Counts = append(qr.Counts, Count{Key: o.ID, Label: o.JA, N: c[o.ID]})
		}
		if q.Other {
			qr.Counts = append(qr.Counts, Count{Key: OtherID, Label: "その他", N: c[OtherID]})
		}
	case TypeScale, TypeNPS:
		lo, hi := 1, 5
		if q.Type == TypeNPS {
			lo, hi = 0, 10
		}
		for v := lo; v <= hi; v++ {
			k := strconv.Itoa(v)
			qr.Counts = append(qr.Counts, Count{Key: k, Label: k, N: c[k]})
		}
		if q.Type == TypeNPS {
			var n NPS
			for v, k := range qr.Counts {
				switch {
				case v >= 9:
					n.Promoters += k.N
				case v >= 7:
					n.Passives += k.N
				default:
					n.Detractors += k.N
				}
			}
			if t := n.Promoters + n.Passives + n.Detractors; t > 0 {
				n.Score = (100*n.Promoters - 100*n.Detractors) / t
			}
			qr.NPS = &n
		}
	}
	return qr
}

// TextAnswer is one free-text answer.
type TextAnswer struct {
	Text string
	Day  string
}

// Texts returns up to limit free-text answers to a question (and "other"
// texts) containing q, newest first.
func (s *Store) Texts(ctx context.Context, surveyID int64, question, q string, limit int) ([]TextAnswer, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT i.text, substr(r.submitted_at, 1, 10) FROM items i JOIN responses r ON r.id = i.response_id
	  WHERE i.survey_id = ? AND i.question = ? AND i.text != '' AND instr(lower(i.text), lower(?)) > 0 ORDER BY i.survey_id DESC, i.question DESC, i.response_id DESC LIMIT ?`,
		surveyID, question, q, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TextAnswer
	for rows.Next() {
		var t TextAnswer
		if err := rows.Scan(&t.Text, &t.Day); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// CrossTab is a question's counts per value of a segment attribute.
type CrossTab struct {
	Attr   string
	Keys   []Count // the question's columns
	Rows   []CrossRow
	Hidden int // groups left out because fewer than MinCell answered
}

// CrossRow is one group.
type CrossRow struct {
	Group string
	N     int
	Cells []int
}

// Cross tallies question by the segment attribute attr; for an anonymous
// survey every group with fewer than MinCell answers is left out.
func (s *Store) Cross(ctx context.Context, sv *Survey, question, attr string) (*CrossTab, error) {
	q, ok := sv.Question(question)
	if !ok {
		return nil, ErrNotFound
	}
	rows, err := s.db.QueryContext(ctx, `SELECT json_extract(r.segment, '$.' || ?), i.choice, i.num, count(*), count(DISTINCT i.response_id)
	  FROM items i JOIN responses r ON r.id = i.response_id WHERE i.survey_id = ? AND i.question = ? GROUP BY 1, 2, 3`, attr, sv.ID, question)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	groups := map[string]map[string]int{}
	sizes := map[string]int{}
	for rows.Next() {
		var g sql.NullString
		var c string
		var num sql.NullInt64
		var n, d int
		if err := rows.Scan(&g, &c, &num, &n, &d); err != nil {
			return nil, err
		}
		key := c
		if num.Valid {
			key = strconv.FormatInt(num.Int64, 10)
		}
		name := g.String
		if name == "" {
			name = "（不明）"
		}
		if groups[name] == nil {
			groups[name] = map[string]int{}
		}
		groups[name][key] += n
		sizes[name] += d
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ct := &CrossTab{Attr: attr, Keys: tallyQuestion(q, nil, 0).Counts}
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		n := sizes[g]
		if q.Type == TypeMultiple {
			n = 0
			for _, v := range groups[g] {
				n = max(n, v)
			}
		}
		if sv.Anonymous && n < MinCell {
			ct.Hidden++
			continue
		}
		row := CrossRow{Group: g, N: n}
		for _, k := range ct.Keys {
			row.Cells = append(row.Cells, groups[g][k.Key])
		}
		ct.Rows = append(ct.Rows, row)
	}
	return ct, nil
}

// Segment attributes for cross-tabs.
var SegmentAttrs = []struct{ Key, JA, EN string }{
	{"join_era", "入社年代", "Join era"},
	{"job_type", "職種", "Job type"},
	{"company", "会社", "Company"},
}

// segmentOf derives the cross-tab attributes from the host's alumnus record.
func segmentOf(a joinInfo) map[string]string {
	era := ""
	if len(a.JoinDate) >= 4 {
		if y, err := strconv.Atoi(a.JoinDate[:4]); err == nil {
			era = strconv.Itoa(y/10*10) + "年代"
		}
	}
	return map[string]string{"join_era": era, "job_type": a.JobType, "company": a.CompanyName}
}

type joinInfo struct{ JoinDate, JobType, CompanyName string }

// CSVRows streams every response as one row per response.
func (s *Store) CSVRows(ctx context.Context, sv *Survey, each func(id int64, who sql.NullInt64, day string, seg map[string]string, a map[string][]string) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.alumnus_id, r.submitted_at, r.segment, i.question, i.choice, i.num, i.text
	  FROM responses r LEFT JOIN items i ON i.response_id = r.id WHERE r.survey_id = ? ORDER BY r.id`, sv.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur int64 = -1
	var who sql.NullInt64
	var day string
	var seg map[string]string
	ans := map[string][]string{}
	flush := func() error {
		if cur < 0 {
			return nil
		}
		return each(cur, who, day, seg, ans)
	}
	for rows.Next() {
		var id int64
		var w sql.NullInt64
		var at, sg string
		var q, c, text sql.NullString
		var num sql.NullInt64
		if err := rows.Scan(&id, &w, &at, &sg, &q, &c, &num, &text); err != nil {
			return err
		}
		if id != cur {
			if err := flush(); err != nil {
				return err
			}
			cur, who, ans, seg = id, w, map[string][]string{}, nil
			if t, err := time.Parse(stamp, at); err == nil {
				day = t.In(jst).Format("2006-01-02")
			}
			_ = json.Unmarshal([]byte(sg), &seg)
		}
		if !q.Valid {
			continue
		}
		v := c.String
		switch {
		case num.Valid:
			v = strconv.FormatInt(num.Int64, 10)
		case c.String == OtherID:
			v = "その他: " + text.String
		case c.String == "":
			v = text.String
		}
		ans[q.String] = append(ans[q.String], v)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}

var jst = time.FixedZone("JST", 9*3600)
