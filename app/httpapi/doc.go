// Package httpapi maps Kizuna's capabilities to HTTP: one http.Handler serves
// the HR console and alumni portal (the single-page app), the JSON API with
// its OpenAPI document, and /healthz. The same handler runs behind the
// desktop window (where requests are the trusted local owner) and on the
// network listener (where every API route needs a session or bearer token).
// Domain errors become HTTP statuses in one place, errors.go.
package httpapi
