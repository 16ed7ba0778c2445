package members

import (
	"bytes"
	"html/template"
)

var loginMailTmpl = template.Must(template.New("login").Parse(`<p>{{.Name}} 様</p>
<p>ポータルのログインコードは <strong style="font-size:1.4em;letter-spacing:.2em">{{.Code}}</strong> です（15分間有効、1回限り）。</p>
<p>次のリンクからもログインできます: <a href="{{.Link}}">ポータルにログイン</a></p>
<p>心当たりがない場合は、このメールを破棄してください。</p>
<hr>
<p>Dear {{.Name}},</p>
<p>Your portal login code is <strong>{{.Code}}</strong> (valid for 15 minutes, single use).</p>
<p>Or log in with one click: <a href="{{.Link}}">log in to the portal</a></p>
<p>If you did not ask for this, ignore this mail.</p>
`))

// loginMailHTML is the login mail, Japanese first with English below.
func loginMailHTML(name, code, link string) string {
	var b bytes.Buffer
	_ = loginMailTmpl.Execute(&b, struct{ Name, Code, Link string }{name, code, link})
	return b.String()
}
