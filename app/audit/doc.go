// Package audit owns the append-only log of who read or changed which
// personal data (APPI asks that access to personal data be traceable). The
// database refuses updates and deletes of the log.
package audit
