// Package ui holds the small stylesheet that gives plugin pages the host's
// look. The host serves it at /plugins/_sdk/kizuna.css; a page links it with
// <link rel="stylesheet" href="/plugins/_sdk/kizuna.css"> and uses the kz-*
// classes (kz-page, kz-title, kz-table, kz-button, kz-field, kz-alert …).
package ui

import _ "embed"

// CSS is kizuna.css.
//
//go:embed kizuna.css
var CSS []byte

// CSSPath is where the host serves CSS.
const CSSPath = "/plugins/_sdk/kizuna.css"
