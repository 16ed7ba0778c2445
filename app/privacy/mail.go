package privacy

import (
	"bytes"
	"html/template"

	"github.com/kizuna-hr/kizuna/app/mail"
)

// outcome is the mail that answers a deletion request.
type outcome struct{ subject, html string }

func (o outcome) to(addr, name string) mail.Outgoing {
	return mail.Outgoing{To: addr, ToName: name, Subject: o.subject, HTML: o.html}
}

var outcomeTmpl = template.Must(template.New("outcome").Parse(`<p>{{.Name}} 様</p>
{{if .Done}}<p>ご依頼のとおり、アルムナイネットワークに登録されていたお客様の個人データをすべて削除しました。ポータルにはログインできなくなります。</p>
{{else}}<p>削除のご依頼について、次の理由によりお受けできませんでした。</p><blockquote>{{.Reason}}</blockquote>
<p>ご不明な点は人事担当までお問い合わせください。</p>{{end}}
<hr>
<p>Dear {{.Name}},</p>
{{if .Done}}<p>As you asked, all personal data the alumni network held about you has been deleted. You can no longer log in to the portal.</p>
{{else}}<p>We could not carry out your deletion request, for this reason:</p><blockquote>{{.Reason}}</blockquote>
<p>Please contact HR with any questions.</p>{{end}}
`))

func outcomeHTML(name, reason string, done bool) string {
	var b bytes.Buffer
	_ = outcomeTmpl.Execute(&b, struct {
		Name, Reason string
		Done         bool
	}{name, reason, done})
	return b.String()
}

func completedMail(name string) outcome {
	return outcome{"個人データを削除しました / Your data has been deleted", outcomeHTML(name, "", true)}
}

func declinedMail(name, reason string) outcome {
	return outcome{"削除のご依頼について / About your deletion request", outcomeHTML(name, reason, false)}
}
