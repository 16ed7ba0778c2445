// Package fault names the kinds of failure that domain code reports, so that
// one place (app/httpapi) can turn them into HTTP statuses and the CLI into
// exit codes. Messages are carried in Japanese first, English second.
package fault
