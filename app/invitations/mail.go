package invitations

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/kizuna-hr/kizuna/app/mail"
)

var inviteMailTmpl = template.Must(template.New("invite").Parse(`<p>{{.Name}} 様</p>
<p>{{.Network}}へご招待します。退職後も、元の同僚や会社とのつながりを続けられる場です。</p>
{{if .Message}}<div style="border-left:3px solid #ccc;padding-left:12px">{{.Message}}</div>{{end}}
{{if .Link}}<p><a href="{{.Link}}" style="display:inline-block;padding:10px 20px;background:#228be6;color:#fff;text-decoration:none;border-radius:4px">参加する</a></p>
<p style="font-size:.9em">{{.Link}}</p>{{end}}
<p>このリンクはあなた専用です（{{.Days}}日間有効、1回限り）。</p>
<p>{{.Sender}}{{if .SenderEmail}}<br>{{.SenderEmail}}{{end}}</p>
<hr>
<p>Dear {{.Name}},</p>
<p>You are invited to join {{.Network}}, a place to stay in touch with former colleagues and the company.</p>
{{if .Link}}<p>Join here: <a href="{{.Link}}">{{.Link}}</a></p>{{end}}
<p>This link is personal (valid for {{.Days}} days, single use).</p>
<p>{{.Sender}}</p>
`))

// mailData fills the invitation mail.
type mailData struct {
	Name, Network, Sender, SenderEmail, Message, Link string
	Days                                              int
}

// inviteMailHTML is the invitation mail, Japanese first with English below;
// the personal message goes through the safe Markdown renderer. A link that
// is not absolute (the portal's public address is not set) is left out.
func inviteMailHTML(d mailData) (string, error) {
	if !strings.HasPrefix(d.Link, "http://") && !strings.HasPrefix(d.Link, "https://") {
		d.Link = ""
	}
	msg, err := mail.MarkdownHTML(d.Message)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	err = inviteMailTmpl.Execute(&b, struct {
		mailData
		Message template.HTML
	}{d, template.HTML(msg)}) // sanitized by MarkdownHTML
	return b.String(), err
}
