package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/httpapi"
	"github.com/kizuna-hr/kizuna/app/members"
)

// member logs a new alumnus in to the portal and returns their id and cookie secret.
func (f *fixture) member(t testing.TB, name, reading, email string) (int64, string) {
	t.Helper()
	ctx := context.Background()
	a := &alumni.Alumnus{CompanyID: 1, Name: name, NameReading: reading, Email: email, Notes: "HRメモ"}
	alumni.Normalize(a)
	created, err := alumni.NewRepo(f.st).Create(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.login.Admit(ctx, created.ID, "hr"); err != nil {
		t.Fatal(err)
	}
	secret, err := members.NewSessions(f.st).Open(ctx, created.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	return created.ID, secret
}

// as sends a request with a portal cookie.
func (f *fixture) as(t testing.TB, secret, method, path string, body io.Reader, contentType string) (int, []byte) {
	t.Helper()
	return f.send(t, method, path, body, contentType, func(req *http.Request) {
		if secret != "" {
			req.AddCookie(&http.Cookie{Name: httpapi.MemberCookie, Value: secret})
		}
	})
}

func photoForm(t testing.TB, data []byte, contentType string) (io.Reader, string) {
	return fileForm(t, "photo", data, contentType)
}

// fileForm is a multipart form with one file in field.
func fileForm(t testing.TB, field string, data []byte, contentType string) (io.Reader, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+field+`"; filename="upload"`)
	h.Set("Content-Type", contentType)
	part, _ := mw.CreatePart(h)
	part.Write(data)
	mw.Close()
	return &b, mw.FormDataContentType()
}

func TestPortalProfileOverHTTP(t *testing.T) {
	f := newFixture(t)
	taro, taroCookie := f.member(t, "山田 太郎", "ヤマダ タロウ", "taro2@example.jp")
	_, hanakoCookie := f.member(t, "鈴木 花子", "スズキ ハナコ", "hanako@example.jp")

	body := `{"company":"ひみつ商事","role":"部長","skills":["Go"],"bio":"<script>x</script>盆栽",
		"visibility":{"company":"hr","bio":"alumni"}}`
	if code, b := f.as(t, taroCookie, "PUT", "/api/portal/profile", strings.NewReader(body), "application/json"); code != 200 {
		t.Fatalf("save: %d %s", code, b)
	}
	var buf bytes.Buffer
	png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 600, 300)))
	form, ct := photoForm(t, buf.Bytes(), "image/png")
	if code, b := f.as(t, taroCookie, "POST", "/api/portal/profile/photo", form, ct); code != 200 {
		t.Fatalf("photo: %d %s", code, b)
	}
	id := "/api/portal/alumni/" + itoa(taro)
	code, b := f.as(t, hanakoCookie, "GET", id, nil, "")
	if code != 200 || strings.Contains(string(b), "ひみつ") || strings.Contains(string(b), "HRメモ") || !strings.Contains(string(b), "部長") {
		t.Fatalf("card: %d %s", code, b)
	}
	code, b = f.as(t, hanakoCookie, "GET", "/api/portal/alumni?q=ひみつ", nil, "")
	if code != 200 || !strings.Contains(string(b), `"total":0`) {
		t.Errorf("search on hidden company: %d %s", code, b)
	}
	code, b = f.as(t, hanakoCookie, "GET", "/api/portal/alumni?q=やまだ", nil, "")
	if code != 200 || !strings.Contains(string(b), `"total":1`) {
		t.Errorf("search by reading: %d %s", code, b)
	}
	req, _ := http.NewRequest("GET", f.http.URL+id+"/photo", nil)
	req.AddCookie(&http.Cookie{Name: httpapi.MemberCookie, Value: hanakoCookie})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("photo: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}

	// Guessing ids: not a member, not a number, the HR-only record behind a member id.
	for _, path := range []string{"/api/portal/alumni/" + itoa(f.alumnus), "/api/portal/alumni/99999", "/api/portal/alumni/abc",
		"/api/portal/alumni/99999/photo"} {
		code, b := f.as(t, hanakoCookie, "GET", path, nil, "")
		if code != 404 || strings.Contains(string(b), "山田") {
			t.Errorf("%s: %d %s", path, code, b)
		}
	}
	// No portal cookie, or HR credentials: no member route opens.
	if code, _ := f.as(t, "", "GET", "/api/portal/profile", nil, ""); code != 401 {
		t.Errorf("anonymous: %d", code)
	}
	if code, _ := f.do(t, auth.Owner, "GET", "/api/portal/profile", nil, ""); code != 401 {
		t.Errorf("HR token on a member route: %d", code)
	}
	// HR sees everything, audited.
	code, b = f.do(t, auth.Owner, "GET", "/api/alumni/"+itoa(taro)+"/profile", nil, "")
	if code != 200 || !strings.Contains(string(b), "ひみつ商事") {
		t.Errorf("HR view: %d %s", code, b)
	}
	_, b = f.do(t, auth.Owner, "GET", "/api/audit?action=profiles.read", nil, "")
	if !strings.Contains(string(b), "alumnus:"+itoa(taro)) {
		t.Errorf("HR view not audited: %s", b)
	}
}

func TestPortalBadInput(t *testing.T) {
	f := newFixture(t)
	_, cookie := f.member(t, "山田 太郎", "ヤマダ タロウ", "taro2@example.jp")
	var buf bytes.Buffer
	png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 10, 10)))
	big := append(bytes.Clone(buf.Bytes()), make([]byte, 6<<20)...)
	cases := []struct {
		name, method, path string
		body               func() (io.Reader, string)
		want               int
		code               string
	}{
		{"not an image", "POST", "/api/portal/profile/photo", func() (io.Reader, string) { return photoForm(t, []byte("hello"), "image/png") }, 400, "profiles.not_image"},
		{"wrong type", "POST", "/api/portal/profile/photo", func() (io.Reader, string) { return photoForm(t, buf.Bytes(), "image/gif") }, 400, "profiles.photo_type"},
		{"too large", "POST", "/api/portal/profile/photo", func() (io.Reader, string) { return photoForm(t, big, "image/png") }, 413, "profiles.photo_too_large"},
		{"no file", "POST", "/api/portal/profile/photo", func() (io.Reader, string) { return strings.NewReader("x"), "text/plain" }, 400, "profiles.not_image"},
		{"bad visibility", "PUT", "/api/portal/profile", func() (io.Reader, string) {
			return strings.NewReader(`{"visibility":{"bio":"everyone"}}`), "application/json"
		}, 422, "profiles.invalid"},
		{"unknown survey option", "POST", "/api/portal/survey", func() (io.Reader, string) {
			return strings.NewReader(`{"interests":["gambling"]}`), "application/json"
		}, 422, "profiles.invalid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body, ct := c.body()
			code, b := f.as(t, cookie, c.method, c.path, body, ct)
			var e struct {
				Error struct{ Code, Message, MessageEN string }
			}
			json.Unmarshal(b, &e)
			if code != c.want || e.Error.Code != c.code || !strings.Contains(string(b), "message_en") {
				t.Errorf("%d %s", code, b)
			}
		})
	}
	_, b := f.as(t, cookie, "GET", "/api/portal/profile", nil, "")
	if strings.Contains(string(b), `"has_photo":true`) {
		t.Errorf("a refused photo was stored: %s", b)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
