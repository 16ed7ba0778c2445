package mail

import (
	"strings"
	"testing"
)

func TestMarkdownHTMLKeepsOnlyLocalImages(t *testing.T) {
	cases := []struct {
		name, src    string
		want, absent []string
	}{
		{"local image", "![会場の写真](/api/portal/feed/images/12)", []string{`<img src="/api/portal/feed/images/12" alt="会場の写真"`}, nil},
		{"remote pixel", "見て ![pixel](https://tracker.example/p.gif) ね", []string{"見て pixel ね"}, []string{"<img", "tracker"}},
		{"other local path", "![x](/api/portal/profile/photo)", nil, []string{"<img"}},
		{"path with a query", "![x](/api/portal/feed/images/1?u=2)", nil, []string{"<img"}},
		{"script tag", "<script>alert(1)</script>\n\n本文", []string{"本文"}, []string{"<script", "alert(1)</"}},
		{"img onerror", `<img src=x onerror="alert(1)">`, nil, []string{"onerror", "<img"}},
		{"javascript link", "[押して](javascript:alert(1))", []string{"押して"}, []string{"javascript:"}},
		{"image link to javascript", "![x](javascript:alert(1))", nil, []string{"javascript:", "<img"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := MarkdownHTML(c.src)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, a := range c.absent {
				if strings.Contains(got, a) {
					t.Errorf("%q contains %q", got, a)
				}
			}
		})
	}
}
