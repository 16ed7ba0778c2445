package mail

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// FeedImagePath is where the portal serves an image uploaded to the feed;
// the id follows it.
const FeedImagePath = "/api/portal/feed/images/"

var localImage = regexp.MustCompile(`^` + regexp.QuoteMeta(FeedImagePath) + `[0-9]+$`)

// LocalImage reports whether src is an image Kizuna stores itself. Portal
// texts show only those: a remote image would tell its server who read the
// post and when (a tracking pixel).
func LocalImage(src string) bool { return localImage.MatchString(src) }

// portalMarkdown is the Markdown of portal texts: remote images become
// their alternative text.
var portalMarkdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(localImagesOnly{}, 1000))),
)

// localImagesOnly replaces each image that is not a LocalImage by its alt text.
type localImagesOnly struct{}

// Transform implements parser.ASTTransformer.
func (localImagesOnly) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var drop []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && !LocalImage(string(img.Destination)) {
			drop = append(drop, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range drop {
		parent := img.Parent()
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			img.RemoveChild(img, c)
			parent.InsertBefore(parent, img, c)
			c = next
		}
		parent.RemoveChild(parent, img)
	}
}
