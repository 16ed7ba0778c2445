package mail

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// MergeField is a value a campaign can put in its subject or body as
// {{名前}} or, with a fallback for an empty value, {{名前|代わりの文言}}.
type MergeField struct {
	Name    string `json:"name"`
	LabelEN string `json:"label_en"`
	Sample  string `json:"sample"`
}

// MergeFields lists every merge field, in the order the editor shows them.
var MergeFields = []MergeField{
	{"姓", "Family name", "山田"}, {"名", "Given name", "太郎"}, {"氏名", "Full name", "山田 太郎"},
	{"フリガナ", "Name reading", "ヤマダ タロウ"}, {"会社", "Former company", "株式会社きずな商事"},
	{"部署", "Department", "営業部"}, {"現在の勤務先", "Current employer", "株式会社ミライテック"},
	{"メール", "Email", "taro@example.jp"},
}

var sampleVars = func() map[string]string {
	m := map[string]string{"email": "taro@example.jp"}
	for _, f := range MergeFields {
		m[f.Name] = f.Sample
	}
	return m
}()

func knownField(name string) bool {
	for _, f := range MergeFields {
		if f.Name == name {
			return true
		}
	}
	return false
}

// mergeTag is one {{field|fallback}} found in a source.
type mergeTag struct{ field, fallback string }

// action is the Go template action the engine renders the tag with.
func (t mergeTag) action() string {
	if t.fallback == "" {
		return "{{." + t.field + "}}"
	}
	return "{{or ." + t.field + " " + strconv.Quote(t.fallback) + "}}"
}

// parseMerge splits src at its merge tags: each tag is replaced by
// placeholder(i) and returned. Unknown fields and broken braces are
// errors saying where (1-based line), so they are caught at save and
// preview, never mid-campaign.
func parseMerge(src string, placeholder func(i int) string) (string, []mergeTag, error) {
	var out strings.Builder
	var tags []mergeTag
	line := func(off int) int { return strings.Count(src[:off], "\n") + 1 }
	rest, off := src, 0
	for {
		open, close := strings.Index(rest, "{{"), strings.Index(rest, "}}")
		if open < 0 {
			if close >= 0 {
				return "", nil, fmt.Errorf("%d 行目: 「}}」に対応する「{{」がありません / line %d: \"}}\" without \"{{\"", line(off+close), line(off+close))
			}
			out.WriteString(rest)
			return out.String(), tags, nil
		}
		if close >= 0 && close < open {
			return "", nil, fmt.Errorf("%d 行目: 「}}」に対応する「{{」がありません / line %d: \"}}\" without \"{{\"", line(off+close), line(off+close))
		}
		end := strings.Index(rest[open+2:], "}}")
		if end < 0 || strings.Contains(rest[open+2:open+2+end], "{{") || strings.ContainsAny(rest[open+2:open+2+end], "\n{}") {
			return "", nil, fmt.Errorf("%d 行目: 「{{」が閉じられていません / line %d: \"{{\" is not closed", line(off+open), line(off+open))
		}
		inner := rest[open+2 : open+2+end]
		name, fallback, _ := strings.Cut(inner, "|")
		name = strings.TrimSpace(name)
		if !knownField(name) {
			return "", nil, fmt.Errorf("%d 行目: 差し込み項目「%s」はありません / line %d: unknown merge field %q", line(off+open), name, line(off+open), name)
		}
		out.WriteString(rest[:open])
		out.WriteString(placeholder(len(tags)))
		tags = append(tags, mergeTag{field: name, fallback: strings.TrimSpace(fallback)})
		consumed := open + 2 + end + 2
		rest, off = rest[consumed:], off+consumed
	}
}

// mergeToTemplate turns the merge syntax into the engine's template
// syntax: {{姓|卒業生}} becomes {{or .姓 "卒業生"}}.
func mergeToTemplate(src string) (string, error) {
	text, tags, err := parseMerge(src, func(i int) string { return "\x00" + strconv.Itoa(i) + "\x00" })
	if err != nil {
		return "", err
	}
	return restoreTags(text, tags, func(i int) string { return "\x00" + strconv.Itoa(i) + "\x00" }), nil
}

func restoreTags(s string, tags []mergeTag, placeholder func(i int) string) string {
	for i := len(tags) - 1; i >= 0; i-- { // longest placeholders first: 10 before 1
		s = strings.ReplaceAll(s, placeholder(i), tags[i].action())
	}
	return s
}

// Body formats.
const (
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
)

var (
	markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))
	policy   = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.AllowAttrs("style").Globally()
		p.AllowAttrs("align", "width", "height", "bgcolor").Globally()
		p.RequireNoFollowOnLinks(false)
		return p
	}()
)

// bodyToTemplate renders a campaign body (Markdown or HTML) to safe HTML
// (scripts, on* attributes and javascript: links removed) and returns it as
// the engine's HTML template. Merge tags are kept out of Markdown and the
// sanitiser as plain placeholders and put back afterwards.
// With track, absolute links become click-tracking marks (see click.go)
// and are returned.
func bodyToTemplate(format, body string, track bool) (string, []string, error) {
	ph := func(i int) string { return "KZMERGE" + strconv.Itoa(i) + "X" }
	text, tags, err := parseMerge(body, ph)
	if err != nil {
		return "", nil, err
	}
	html := text
	switch format {
	case FormatMarkdown:
		var buf bytes.Buffer
		if err := markdown.Convert([]byte(text), &buf); err != nil {
			return "", nil, err
		}
		html = buf.String()
	case FormatHTML:
	default:
		return "", nil, fmt.Errorf("本文の形式は markdown か html です / body_format is markdown or html")
	}
	html = policy.Sanitize(html) // safe for concurrent use
	var links []string
	if track {
		html, links = trackLinks(html)
	}
	return restoreTags(html, tags, ph), links, nil
}

// compiled is a campaign input turned into the engine's templates.
type compiled struct {
	subject, html string
	links         []string // tracked links, when click tracking is on
}

// compileInput checks the input and returns the engine's subject and HTML
// templates. Template errors name the field: subject or body.
func compileInput(in *CampaignInput) (compiled, error) {
	in.Name, in.Subject, in.FromName = strings.TrimSpace(in.Name), strings.TrimSpace(in.Subject), strings.TrimSpace(in.FromName)
	if in.BodyFormat == "" {
		in.BodyFormat = FormatMarkdown
	}
	fields := map[string]string{}
	if in.Name == "" {
		fields["name"] = "名前を入力してください / the name is required"
	}
	if in.Subject == "" {
		fields["subject"] = "件名を入力してください / the subject is required"
	}
	if in.BodyFormat != FormatMarkdown && in.BodyFormat != FormatHTML {
		fields["body_format"] = "markdown または html / markdown or html"
	}
	if len(fields) > 0 {
		return compiled{}, ErrCampaignInvalid.WithFields(fields)
	}
	var c compiled
	var err error
	if c.subject, err = mergeToTemplate(in.Subject); err != nil {
		return c, ErrInvalidTemplate.WithFields(map[string]string{"subject": err.Error()})
	}
	if c.html, c.links, err = bodyToTemplate(in.BodyFormat, in.Body, in.ClickTracking); err != nil {
		return c, ErrInvalidTemplate.WithFields(map[string]string{"body": err.Error()})
	}
	if _, err := parseCampaign(Campaign{Subject: c.subject, HTML: c.html}); err != nil {
		fe, _ := fault.As(err)
		if fe != nil && fe.Fields["html"] != "" {
			return c, ErrInvalidTemplate.WithFields(map[string]string{"body": fe.Fields["html"]})
		}
		return c, err
	}
	return c, nil
}

// MarkdownHTML renders user-written Markdown to the same safe HTML campaign
// bodies get (goldmark, then the bluemonday policy: no scripts, no on*
// attributes, no javascript: links, no raw HTML), for other capabilities'
// texts such as event descriptions and feed posts. Only images Kizuna
// stores (LocalImage) are kept; a remote one becomes its alternative text.
func MarkdownHTML(src string) (string, error) {
	var buf bytes.Buffer
	if err := portalMarkdown.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return policy.Sanitize(buf.String()), nil
}
