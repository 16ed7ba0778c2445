package fault

import (
	"errors"
	"fmt"
)

// Kind classifies an error for callers that must react to it (HTTP status,
// exit code) without knowing the domain.
type Kind int

// The kinds of failure.
const (
	Internal     Kind = iota // a bug or an environment failure
	Invalid                  // the caller's input is wrong
	NotFound                 // the thing asked for does not exist
	Conflict                 // the request clashes with current state
	Unauthorized             // no valid credentials
	Forbidden                // credentials valid, permission missing
	TooLarge                 // the input is over a size limit
	TooMany                  // rate limited
	Unavailable              // a dependency is not ready
	Upstream                 // a component we forward to (a plugin) failed
	Timeout                  // a component we forward to did not answer in time
)

// Error is a user-facing failure with a Japanese and an English message and,
// for validation failures, the reason per field.
type Error struct {
	Kind   Kind
	Code   string            // stable machine-readable code, e.g. "alumni.not_found"
	JA     string            // message in Japanese
	EN     string            // message in English
	Fields map[string]string // field name -> reason (bilingual), for Invalid
	Err    error             // underlying cause, not shown to users
}

// Error returns "日本語 / English".
func (e *Error) Error() string {
	msg := e.JA + " / " + e.EN
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New makes an Error of kind with a code and bilingual message.
func New(kind Kind, code, ja, en string) *Error {
	return &Error{Kind: kind, Code: code, JA: ja, EN: en}
}

// Wrap returns a copy of e carrying cause.
func (e *Error) Wrap(cause error) *Error {
	c := *e
	c.Err = cause
	return &c
}

// WithFields returns a copy of e carrying per-field reasons.
func (e *Error) WithFields(fields map[string]string) *Error {
	c := *e
	c.Fields = fields
	return &c
}

// Withf returns a copy of e whose messages have details appended.
func (e *Error) Withf(ja, en string, args ...any) *Error {
	c := *e
	c.JA = e.JA + "（" + fmt.Sprintf(ja, args...) + "）"
	c.EN = e.EN + " (" + fmt.Sprintf(en, args...) + ")"
	return &c
}

// Is matches errors of the same code, so sentinel *Error values work with errors.Is.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// As returns the first *Error in err's chain.
func As(err error) (*Error, bool) {
	var fe *Error
	if errors.As(err, &fe) {
		return fe, true
	}
	return nil, false
}

// KindOf returns the Kind of err, Internal when it carries none.
func KindOf(err error) Kind {
	if fe, ok := As(err); ok {
		return fe.Kind
	}
	return Internal
}
