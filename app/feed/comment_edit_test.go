package feed_test

import (
	"context"
	"errors"
	"testing"

	"github.com/kizuna-hr/kizuna/app/feed"
)

func TestEditDeleteOwnComments(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	p, err := w.f.CreateAlumniPost(ctx, w.sales, feed.Draft{Body: "相談です"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := w.f.AddComment(ctx, w.engineer, p.ID, "補足です", nil)
	if err != nil || c.Edited {
		t.Fatalf("comment %+v %v", c, err)
	}
	w.notes.got = nil
	cases := []struct {
		name string
		who  int64
		id   int64
		body string
		want error
	}{
		{"another member", w.sales, c.ID, "乗っ取り", feed.ErrNotYourComment},
		{"unknown id", w.engineer, c.ID + 100, "x", feed.ErrNotFound},
		{"empty", w.engineer, c.ID, "   ", feed.ErrInvalid},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			if _, err := w.f.UpdateComment(ctx, k.who, k.id, k.body, nil); !errors.Is(err, k.want) {
				t.Errorf("update: %v, want %v", err, k.want)
			}
			if k.body != "   " {
				if err := w.f.DeleteComment(ctx, k.who, k.id); !errors.Is(err, k.want) {
					t.Errorf("delete: %v, want %v", err, k.want)
				}
			}
		})
	}
	_, comments, _ := w.f.Post(ctx, w.sales, p.ID)
	if len(comments) != 1 || comments[0].Body != "補足です" {
		t.Fatalf("refused calls changed the comment: %+v", comments)
	}
	got, err := w.f.UpdateComment(ctx, w.engineer, c.ID, "補足です（@高橋 次郎 さんにも）", []int64{w.other, w.engineer})
	if err != nil || !got.Edited || got.Body != "補足です（@高橋 次郎 さんにも）" {
		t.Fatalf("edit: %+v %v", got, err)
	}
	if len(w.notes.got) != 1 || w.notes.got[0] != (notice{w.other, "mention"}) {
		t.Errorf("notices after the edit = %+v, want one mention of the newly named member", w.notes.got)
	}
	if err := w.f.DeleteComment(ctx, w.engineer, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, comments, _ := w.f.Post(ctx, w.sales, p.ID); len(comments) != 0 {
		t.Errorf("deleted comment still listed: %+v", comments)
	}
}
