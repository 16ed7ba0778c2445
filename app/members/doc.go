// Package members owns the alumni's side of Kizuna's logins: portal
// sessions (cookie secrets kept only as SHA-256), and — as the portal grows —
// invitations, registration and one-time login links. An open session makes
// the caller an actor.Alumnus, which holds no HR permission.
package members
