// Package auth owns who may do what in the HR console and API: HR users with
// password logins (bcrypt), sessions kept in SQLite, revocable bearer tokens
// for scripts, login throttling, and the one table that says which role has
// which permission.
package auth
