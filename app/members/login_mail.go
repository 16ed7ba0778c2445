package members

import (
	"bytes"
	"html/template"
)

var loginMailTmpl = template.Must(template.New("login").Parse(`<p>{{.Name}} 様</p>
<p>ポータルのログインコードは <strong style="font-size:1.4em;letter-spacing:.2em">{{.Code}}</strong> です（15分間有効、1回限り）。</p>
{{if .Link}}<p>次のリンクからもログインできます: <a href="{{.Link}}">ポータルにログイン</a></p>{{end}}
<p>心当たりがない場合は、このメールを破棄してください。</p>
<hr>
<p>Dear {{.Name}},</p>
<p>Your portal login code is <strong>{{.Code}}</strong> (valid for 15 minutes, single use).</p>
{{if .Link}}<p>Or log in with one click: <a href="{{.Link}}">log in to the portal</a></p>{{end}}
<p>If you did not ask for this, ignore this mail.</p>
`))

// loginMailHTML is the login mail, Japanese first with English below. A
// link that is not absolute (the portal's public address is not set) is
// left out: the code alone still works.
func loginMailHTML(name, code, link string) string {
	link = absoluteLink(link)
	var b bytes.Buffer
	_ = loginMailTmpl.Execute(&b, struct{ Name, Code, Link string }{name, code, link})
	return b.String()
}
