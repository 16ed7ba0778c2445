// Package actor carries who is acting (an HR user, an API token, the desktop
// owner, a CLI operator) through a context, so that domain code can audit
// and authorise without knowing about HTTP or sessions.
package actor
