package members

import (
	"bytes"
	"html/template"
	"strings"
)

// regMail is what one registration mail says; exactly one of Code,
// Admitted, Pending, Approved and Rejected is set.
type regMail struct {
	Name, Code, Link, Reason, LoginEmail  string
	Admitted, Pending, Approved, Rejected bool
}

var regMailTmpl = template.Must(template.New("reg").Parse(`<p>{{.Name}} 様</p>
{{if .Code}}<p>アルムナイネットワークへの登録確認コードは <strong style="font-size:1.4em;letter-spacing:.2em">{{.Code}}</strong> です（30分間有効、1回限り）。登録画面に入力してください。</p>
<p>心当たりがない場合は、このメールを破棄してください。</p>{{end}}
{{if .Admitted}}<p>ご登録ありがとうございます。名簿と照合できたため、ポータルの会員になりました。次回からはこのアドレスに届くコードでログインできます。</p>{{end}}
{{if .Pending}}<p>登録申請を受け付けました。人事担当者が確認のうえ、結果をメールでお知らせします。</p>{{end}}
{{if .Approved}}<p>登録申請が承認され、ポータルの会員になりました。{{if .LoginEmail}}{{.LoginEmail}} に届くコードでログインできます。{{end}}</p>{{if .Link}}<p><a href="{{.Link}}">ポータルにログイン</a></p>{{end}}{{end}}
{{if .Rejected}}<p>申し訳ありませんが、今回の登録申請はお受けできませんでした。</p><p>理由: {{.Reason}}</p>{{end}}
<hr>
<p>Dear {{.Name}},</p>
{{if .Code}}<p>Your registration code for the alumni network is <strong>{{.Code}}</strong> (valid for 30 minutes, single use). Enter it on the registration page.</p>
<p>If you did not ask for this, ignore this mail.</p>{{end}}
{{if .Admitted}}<p>Thank you for registering. We found you on the roster: you are now a member of the portal and can log in with a code mailed to this address.</p>{{end}}
{{if .Pending}}<p>We received your registration. HR will check it and tell you the result by mail.</p>{{end}}
{{if .Approved}}<p>Your registration was approved: you are now a member of the portal.{{if .LoginEmail}} Log in with a code mailed to {{.LoginEmail}}.{{end}}</p>{{if .Link}}<p><a href="{{.Link}}">Log in to the portal</a></p>{{end}}{{end}}
{{if .Rejected}}<p>We are sorry, but we could not accept your registration.</p><p>Reason: {{.Reason}}</p>{{end}}
`))

// regMailHTML renders a registration mail, Japanese first with English below.
func regMailHTML(m regMail) string {
	m.Link = absoluteLink(m.Link)
	var b bytes.Buffer
	_ = regMailTmpl.Execute(&b, m)
	return b.String()
}

// absoluteLink returns link when it is absolute, else "" (the portal's
// public address is not set, so a mail cannot carry a working link).
func absoluteLink(link string) string {
	if !strings.HasPrefix(link, "http://") && !strings.HasPrefix(link, "https://") {
		return ""
	}
	return link
}
