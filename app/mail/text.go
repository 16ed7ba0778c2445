package mail

import (
	"encoding/base64"
	"strings"

	"golang.org/x/net/html"
)

var b64std = base64.StdEncoding

// HTMLToText turns an HTML body into the plain-text alternative: block
// elements become line breaks, links keep their target in parentheses,
// scripts and styles are dropped, entities are decoded.
func HTMLToText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	var href string
	skip := 0
	newline := func() {
		s := b.String()
		if len(s) > 0 && !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
	}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return tidyText(b.String())
		case html.TextToken:
			if skip == 0 {
				b.WriteString(collapseSpace(string(z.Text())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "script", "style", "head", "title":
				skip++
			case "br":
				b.WriteByte('\n')
			case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "ul", "ol", "blockquote":
				newline()
			case "li":
				newline()
				b.WriteString("・")
			case "hr":
				newline()
				b.WriteString("----------\n")
			case "a":
				href = ""
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = string(v)
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "head", "title":
				if skip > 0 {
					skip--
				}
			case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "li", "blockquote":
				newline()
			case "a":
				if href != "" && !strings.HasPrefix(href, "#") {
					b.WriteString(" ( " + href + " )")
				}
				href = ""
			}
		}
	}
}

func collapseSpace(s string) string {
	out := strings.Join(strings.Fields(s), " ")
	if out == "" {
		if s != "" {
			return " "
		}
		return ""
	}
	if s[0] == ' ' || s[0] == '\n' || s[0] == '\t' {
		out = " " + out
	}
	if c := s[len(s)-1]; c == ' ' || c == '\n' || c == '\t' {
		out += " "
	}
	return out
}

func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}
