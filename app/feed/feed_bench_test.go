package feed_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/feed"
)

// BenchmarkFeedPage measures one feed page over 20,000 posts.
func BenchmarkFeedPage(b *testing.B) {
	w := newWorld(&testing.T{})
	ctx := context.Background()
	posts := make([]feed.Seeded, 20000)
	for i := range posts {
		posts[i] = feed.Seeded{At: w.now.Add(-time.Duration(i) * time.Minute), Author: []int64{w.sales, w.engineer, w.other}[i%3],
			Draft: feed.Draft{Body: fmt.Sprint("投稿 ", i)}, Reactions: map[int64]string{w.other: "like"},
			Comments: []feed.SeededComment{{Author: w.other, Body: "コメント", At: w.now}}}
		if i%5 == 0 {
			posts[i].Author, posts[i].Kind, posts[i].Title, posts[i].SegmentID = 0, feed.KindNews, "t", w.segment
		}
	}
	if err := w.f.Seed(ctx, posts); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := w.f.Feed(ctx, w.engineer, "", 20); err != nil {
			b.Fatal(err)
		}
	}
}
