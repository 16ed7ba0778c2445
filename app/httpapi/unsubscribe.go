package httpapi

import (
	"errors"
	"html/template"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/kizuna-hr/kizuna/app/mail"
)

// The public unsubscribe page (no login): GET asks, POST — the page's
// button or a mail provider's RFC 8058 one-click request — unsubscribes at
// once. It is exempt from the cross-origin check, since providers POST it
// from elsewhere; the signed token is what authorises it.

var unsubscribeTmpl = template.Must(template.New("unsubscribe").Parse(`<!doctype html>
<html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.TitleJA}} / {{.TitleEN}}</title>
<style>
body{margin:0;font-family:-apple-system,"Hiragino Sans","Hiragino Kaku Gothic ProN","Noto Sans JP",Meiryo,sans-serif;background:#f4f5f7;color:#1f2933;line-height:1.7}
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.3rem;margin:0 0 .25rem}
.en{color:#616e7c;font-size:.92rem}
.org{color:#616e7c;font-size:.9rem;margin-bottom:1rem}
button{display:block;width:100%;padding:.9rem;margin-top:1.25rem;font-size:1.05rem;border:0;border-radius:8px;background:#c92a2a;color:#fff;cursor:pointer}
@media (max-width:480px){main{margin:0;border-radius:0;min-height:100vh}}
</style></head>
<body><main>
{{if .Org}}<div class="org">{{.Org}}</div>{{end}}
<h1>{{.TitleJA}}</h1>
<p class="en">{{.TitleEN}}</p>
<p>{{.BodyJA}}</p>
<p class="en">{{.BodyEN}}</p>
{{if .Confirm}}<form method="post" action="/unsubscribe?t={{.Token}}">
<button type="submit">配信を停止する / Unsubscribe</button>
</form>{{end}}
</main></body></html>
`))

type unsubscribePage struct {
	Org              string
	TitleJA, TitleEN string
	BodyJA, BodyEN   string
	Confirm          bool
	Token            string
}

// ipLimiter allows each client address burst requests at once, then one
// per every.
type ipLimiter struct {
	every time.Duration
	burst int
	mu    sync.Mutex
	per   map[string]*rate.Limiter
}

// The unsubscribe page's limits: mail providers send one-click requests of
// many recipients from few addresses, so valid links get a high ceiling;
// invalid ones (someone guessing tokens) a low one.
func unsubscribeLimits() (all, bad *ipLimiter) {
	return &ipLimiter{every: 50 * time.Millisecond, burst: 200}, &ipLimiter{every: 2 * time.Second, burst: 20}
}

func (l *ipLimiter) allow(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.per == nil || len(l.per) > 10_000 {
		l.per = map[string]*rate.Limiter{}
	}
	lim, ok := l.per[ip]
	if !ok {
		lim = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.per[ip] = lim
	}
	return lim.Allow()
}

func (s *Server) renderUnsubscribe(w http.ResponseWriter, r *http.Request, status int, p unsubscribePage) {
	if s.Mail != nil && p.Org == "" {
		if id, err := s.Mail.Identity(r.Context()); err == nil {
			p.Org = id.Name
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := unsubscribeTmpl.Execute(w, p); err != nil {
		s.Log.Warn("unsubscribe page", "err", err)
	}
}

var (
	pageInvalid = unsubscribePage{TitleJA: "このリンクは無効です", TitleEN: "This link is not valid",
		BodyJA: "配信停止リンクが正しくないか、途中で切れています。メールに記載のリンクをもう一度お試しください。",
		BodyEN: "The unsubscribe link is wrong or incomplete. Please try the link in the mail again."}
	pageTooMany = unsubscribePage{TitleJA: "しばらくお待ちください", TitleEN: "Please wait a moment",
		BodyJA: "短時間に多くのリクエストがありました。少し待ってから再度お試しください。",
		BodyEN: "Too many requests in a short time. Please try again shortly."}
	pageUnavailable = unsubscribePage{TitleJA: "ただいま処理できません", TitleEN: "Not available right now",
		BodyJA: "時間をおいて再度お試しください。", BodyEN: "Please try again later."}
)

// unsubscribeGuard applies the rate limit and checks the token, writing the
// error page itself; ok is false when it did.
func (s *Server) unsubscribeGuard(w http.ResponseWriter, r *http.Request, token string) (mail.Unsubscribe, bool) {
	ip := clientAddr(r)
	tooMany := func() (mail.Unsubscribe, bool) {
		w.Header().Set("Retry-After", "60")
		s.renderUnsubscribe(w, r, http.StatusTooManyRequests, pageTooMany)
		return mail.Unsubscribe{}, false
	}
	if !s.unsubAll.allow(ip) {
		return tooMany()
	}
	if s.Mail == nil {
		s.renderUnsubscribe(w, r, http.StatusServiceUnavailable, pageUnavailable)
		return mail.Unsubscribe{}, false
	}
	u, err := s.Mail.Signer().Verify(token)
	if err != nil {
		if !s.unsubBad.allow(ip) {
			return tooMany()
		}
		s.renderUnsubscribe(w, r, http.StatusBadRequest, pageInvalid)
		return u, false
	}
	return u, true
}

func (s *Server) unsubscribeForm(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("t")
	u, ok := s.unsubscribeGuard(w, r, token)
	if !ok {
		return nil
	}
	s.renderUnsubscribe(w, r, http.StatusOK, unsubscribePage{TitleJA: "配信停止しますか？", TitleEN: "Unsubscribe?",
		BodyJA: maskAddress(u.Address) + " へのお知らせメールの配信を停止します。",
		BodyEN: "We will stop sending news mail to " + maskAddress(u.Address) + ".", Confirm: true, Token: token})
	return nil
}

func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	var perr error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		perr = r.ParseMultipartForm(16 << 10)
	} else {
		perr = r.ParseForm()
	}
	token := r.URL.Query().Get("t")
	if token == "" && perr == nil {
		token = r.PostForm.Get("t")
	}
	named, ok := s.unsubscribeGuard(w, r, token)
	if !ok {
		return nil
	}
	had, _ := s.Mail.HasConsent(r.Context(), named.Address)
	how := "link"
	if r.PostFormValue("List-Unsubscribe") == "One-Click" {
		how = "one-click"
	}
	u, err := s.Mail.Unsubscribe(r.Context(), token, how)
	if err != nil {
		if errors.Is(err, mail.ErrInvalidToken) {
			s.renderUnsubscribe(w, r, http.StatusBadRequest, pageInvalid)
			return nil
		}
		s.Log.Error("unsubscribe", "err", err)
		s.renderUnsubscribe(w, r, http.StatusServiceUnavailable, pageUnavailable)
		return nil
	}
	if had { // repeats change nothing and are not recorded again
		if err := s.Audit.Record(r.Context(), "mail.unsubscribe", "address:"+u.Address, how); err != nil {
			s.Log.Error("audit unsubscribe", "err", err)
		}
	}
	s.renderUnsubscribe(w, r, http.StatusOK, unsubscribePage{TitleJA: "配信を停止しました", TitleEN: "You have been unsubscribed",
		BodyJA: maskAddress(u.Address) + " へのお知らせメールは今後お送りしません。",
		BodyEN: "We will not send news mail to " + maskAddress(u.Address) + " any more."})
	return nil
}

// maskAddress shows enough of an address for its owner to recognise it
// (t***@example.jp) without spelling it out to whoever holds the link.
func maskAddress(a string) string {
	local, domain, ok := strings.Cut(a, "@")
	if !ok || local == "" {
		return "***"
	}
	r := []rune(local)
	return string(r[0]) + "***@" + domain
}
