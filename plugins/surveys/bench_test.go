package main

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/sdk"
	"github.com/kizuna-hr/kizuna/sdk/plugintest"
)

// twentyQuestions is a survey of 20 questions of every type.
func twentyQuestions() Survey {
	sv := Survey{TitleJA: "ベンチマーク", OpensAt: time.Now().Add(-time.Hour), ClosesAt: time.Now().Add(time.Hour), Anonymous: true}
	var qs []Question
	for i := 0; i < 20; i++ {
		q := Question{ID: fmt.Sprintf("q%d", i), JA: fmt.Sprintf("質問%d", i)}
		switch i % 5 {
		case 0:
			q.Type, q.Options = TypeSingle, opts("a", "A", "A", "b", "B", "B", "c", "C", "C")
		case 1:
			q.Type, q.Options = TypeMultiple, opts("a", "A", "A", "b", "B", "B", "c", "C", "C")
		case 2:
			q.Type = TypeScale
		case 3:
			q.Type = TypeNPS
		default:
			q.Type = TypeText
		}
		qs = append(qs, q)
	}
	sv.Sections = []Section{{JA: "全体", Questions: qs}}
	return sv
}

func answersFor(n int) map[string]Answer {
	a := map[string]Answer{}
	for i := 0; i < 20; i++ {
		id := fmt.Sprintf("q%d", i)
		v := n % 11
		switch i % 5 {
		case 0:
			a[id] = Answer{Choices: []string{[]string{"a", "b", "c"}[n%3]}}
		case 1:
			a[id] = Answer{Choices: []string{"a", []string{"b", "c"}[n%2]}}
		case 2:
			s := 1 + n%5
			a[id] = Answer{Value: &s}
		case 3:
			a[id] = Answer{Value: &v}
		default:
			a[id] = Answer{Text: fmt.Sprintf("自由記述 %d", n)}
		}
	}
	return a
}

// BenchmarkResultsPage50k renders the results page of a 20-question survey
// with 50,000 responses (the target is under 300 ms).
func BenchmarkResultsPage50k(b *testing.B) {
	host := plugintest.NewHost(b)
	p := New()
	h := plugintest.Start(b, p, host)
	ctx := context.Background()
	sv := twentyQuestions()
	if err := p.store.Create(ctx, &sv); err != nil {
		b.Fatal(err)
	}
	seg := map[string]string{"job_type": "営業", "join_era": "2010年代", "company": "絆商事"}
	for i := 0; i < 50000; i++ {
		if err := p.store.Submit(ctx, &sv, int64(i+1), answersFor(i), seg, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	path := fmt.Sprintf("/surveys/%d/results", sv.ID)
	b.ResetTimer()
	for b.Loop() {
		res := h.Do("GET", path, nil, sdk.Caller{Kind: "user", ID: 1, Role: "hr_admin"})
		if res.StatusCode != 200 {
			b.Fatal(res.StatusCode)
		}
		_, _ = io.Copy(io.Discard, res.Body)
	}
}
