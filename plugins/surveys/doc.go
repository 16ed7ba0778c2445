// Command surveys is the alumni-surveys plugin: HR starts from a Japanese
// template and edits it in a visual builder (static/builder.js, which keeps
// the definition as JSON in the form; the server checks it and locks the
// questions once answered), previews it as alumni see it, sends it to a saved
// segment as promotional mail (the host applies consent and unsubscribe
// rules), alumni see a portal banner (sdk.BannerProvider) until they answer on
// a page framed in the portal, and HR reads the results, cross-tabs and a CSV
// for Excel.
package main
