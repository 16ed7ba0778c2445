package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/auth"
)

func pngImage(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFeedImagesOverHTTP(t *testing.T) {
	f := newFixture(t)
	taro, misaki := f.memberSecret(t, f.alumnus), f.memberSecret(t, f.secondAlumnus(t))
	form, ct := fileForm(t, "image", pngImage(t, 2400, 1200), "image/png")
	code, b := f.as(t, taro, "POST", "/api/portal/feed/images", form, ct)
	var up struct {
		ID       int64  `json:"id"`
		URL      string `json:"url"`
		Markdown string `json:"markdown"`
	}
	if code != 201 || json.Unmarshal(b, &up) != nil || up.URL != fmt.Sprint("/api/portal/feed/images/", up.ID) {
		t.Fatalf("upload: %d %s", code, b)
	}
	// Members get the re-encoded JPEG, resized, with caching headers.
	res := f.portalDo(t, "GET", up.URL, "", nil)
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Errorf("anonymous image: %d", res.StatusCode)
	}
	res = f.portalDo(t, "GET", up.URL, taro, nil)
	res.Body.Close()
	if res.Header.Get("Content-Type") != "image/jpeg" || res.Header.Get("Cache-Control") != "private, max-age=86400" {
		t.Errorf("headers %v", res.Header)
	}
	code, img := f.as(t, taro, "GET", up.URL, nil, "")
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img))
	if code != 200 || err != nil || format != "jpeg" || cfg.Width != 1600 || cfg.Height != 800 {
		t.Fatalf("image: %d %s %dx%d %v", code, format, cfg.Width, cfg.Height, err)
	}
	// Another member sees it only once a post they may read shows it.
	if code, _ := f.as(t, misaki, "GET", up.URL, nil, ""); code != 404 {
		t.Errorf("another member read an unposted image: %d", code)
	}
	// HR reads it through the console's address and sees it in the preview.
	if code, _ := f.do(t, auth.Viewer, "GET", fmt.Sprint("/api/feed/images/", up.ID), nil, ""); code != 200 {
		t.Errorf("HR image: %d", code)
	}
	form, ct = fileForm(t, "image", pngImage(t, 300, 200), "image/png")
	if code, b := f.do(t, auth.HRStaff, "POST", "/api/feed/images", form, ct); code != 201 || !strings.Contains(string(b), `"markdown":"![画像](/api/portal/feed/images/`) {
		t.Errorf("HR upload: %d %s", code, b)
	}
	var pre struct{ HTML string }
	f.call(t, "POST", "/api/feed/preview", map[string]any{"body": up.Markdown}, &pre)
	if !strings.Contains(pre.HTML, fmt.Sprintf(`src="/api/feed/images/%d"`, up.ID)) {
		t.Errorf("HR preview %q", pre.HTML)
	}
	// A post with the image keeps it; a remote image and scripts are dropped.
	var post struct {
		BodyHTML string `json:"body_html"`
	}
	body := up.Markdown + "\n\n![pixel](https://tracker.example/p.gif) <img src=x onerror=alert(1)> [x](javascript:alert(1))\n\n<script>alert(1)</script>"
	if code, e := f.memberJSON(t, taro, "POST", "/api/portal/posts", map[string]any{"body": body}, &post); code != 201 {
		t.Fatalf("post: %d %+v", code, e)
	}
	if !strings.Contains(post.BodyHTML, `<img src="`+up.URL+`"`) {
		t.Errorf("image lost: %q", post.BodyHTML)
	}
	if code, _ := f.as(t, misaki, "GET", up.URL, nil, ""); code != 200 {
		t.Errorf("another member cannot read a posted image: %d", code)
	}
	// Misaki cannot take it into a post of her own to widen who sees it.
	var hers struct{ ID int64 }
	f.memberJSON(t, misaki, "POST", "/api/portal/posts", map[string]any{"body": up.Markdown}, &hers)
	var linked int64
	f.st.R.QueryRow(`SELECT post_id FROM feed_images WHERE id = ?`, up.ID).Scan(&linked)
	if linked == hers.ID {
		t.Error("another member's post took over the image")
	}
	for _, bad := range []string{"tracker.example", "onerror", "javascript:", "<script"} {
		if strings.Contains(post.BodyHTML, bad) {
			t.Errorf("stored HTML %q keeps %s", post.BodyHTML, bad)
		}
	}
}

func TestFeedImageBadInput(t *testing.T) {
	f := newFixture(t)
	taro := f.memberSecret(t, f.alumnus)
	big := append(pngImage(t, 10, 10), make([]byte, 9<<20)...)
	cases := []struct {
		name, path string
		data       []byte
		ct         string
		want       int
		code       string
	}{
		{"not an image", "/api/portal/feed/images", []byte("<script>alert(1)</script>"), "image/png", 400, "feed.not_image"},
		{"type mismatch", "/api/portal/feed/images", pngImage(t, 10, 10), "image/gif", 400, "feed.image_type"},
		{"oversized", "/api/portal/feed/images", big, "image/png", 413, "feed.image_too_large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form, ct := fileForm(t, "image", c.data, c.ct)
			code, b := f.as(t, taro, "POST", c.path, form, ct)
			e := decodeError(t, b)
			if code != c.want || e.Error.Code != c.code || e.Error.Message == "" || e.Error.MessageEN == "" {
				t.Errorf("%d %s, want %d %s", code, b, c.want, c.code)
			}
		})
	}
	var n int
	f.st.R.QueryRow(`SELECT count(*) FROM feed_images`).Scan(&n)
	if n != 0 {
		t.Errorf("%d refused images stored", n)
	}
	if code, _ := f.as(t, taro, "GET", "/api/portal/feed/images/999", nil, ""); code != 404 {
		t.Errorf("unknown image: %d", code)
	}
}

func TestCommentEditDelete(t *testing.T) {
	f := newFixture(t)
	taro, misaki := f.memberSecret(t, f.alumnus), f.memberSecret(t, f.secondAlumnus(t))
	var post, c struct {
		ID       int64  `json:"id"`
		Body     string `json:"body"`
		BodyHTML string `json:"body_html"`
		Edited   bool   `json:"edited"`
	}
	f.memberJSON(t, taro, "POST", "/api/portal/posts", map[string]any{"body": "質問です"}, &post)
	if code, e := f.memberJSON(t, taro, "POST", fmt.Sprintf("/api/portal/posts/%d/comments", post.ID), map[string]any{"body": "補足"}, &c); code != 201 || c.Edited {
		t.Fatalf("comment: %d %+v %+v", code, e, c)
	}
	path := fmt.Sprint("/api/portal/comments/", c.ID)
	cases := []struct {
		name, who, method, path string
		body                    any
		want                    int
	}{
		{"another's edit", misaki, "PUT", path, map[string]any{"body": "乗っ取り"}, 403},
		{"another's delete", misaki, "DELETE", path, nil, 403},
		{"guessed id", taro, "PUT", "/api/portal/comments/99999", map[string]any{"body": "x"}, 404},
		{"empty edit", taro, "PUT", path, map[string]any{"body": " "}, 422},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			code, e := f.memberJSON(t, k.who, k.method, k.path, k.body, nil)
			if code != k.want || e.Error.Message == "" || e.Error.MessageEN == "" {
				t.Errorf("%d %+v, want %d", code, e, k.want)
			}
		})
	}
	var thread struct {
		Comments []struct {
			Body   string `json:"body"`
			Edited bool   `json:"edited"`
		} `json:"comments"`
	}
	f.memberJSON(t, taro, "GET", fmt.Sprint("/api/portal/posts/", post.ID), nil, &thread)
	if len(thread.Comments) != 1 || thread.Comments[0].Body != "補足" {
		t.Fatalf("changed by refused calls: %+v", thread)
	}
	if code, e := f.memberJSON(t, taro, "PUT", path, map[string]any{"body": "補足（訂正） <script>x</script>"}, &c); code != 200 || !c.Edited || strings.Contains(c.BodyHTML, "<script") {
		t.Fatalf("edit: %d %+v %+v", code, e, c)
	}
	if code, _ := f.memberJSON(t, taro, "DELETE", path, nil, nil); code != 204 {
		t.Fatalf("delete: %d", code)
	}
	f.memberJSON(t, taro, "GET", fmt.Sprint("/api/portal/posts/", post.ID), nil, &thread)
	if len(thread.Comments) != 0 {
		t.Errorf("comment still there: %+v", thread)
	}
}

func TestFeedImageFlood(t *testing.T) {
	f := newFixture(t)
	taro := f.memberSecret(t, f.alumnus)
	small := pngImage(t, 20, 20)
	last := 0
	for range 11 {
		form, ct := fileForm(t, "image", small, "image/png")
		last, _ = f.as(t, taro, "POST", "/api/portal/feed/images", form, ct)
	}
	if last != 429 {
		t.Errorf("11th upload in a row: %d, want 429", last)
	}
	var n int
	f.st.R.QueryRow(`SELECT count(*) FROM feed_images`).Scan(&n)
	if n != 10 {
		t.Errorf("%d images stored, want 10", n)
	}
}
