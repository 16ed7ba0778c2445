// Package members owns the alumni's side of Kizuna's logins.
//
//   - Memberships: only an alumnus with a membership row (admitted by HR,
//     by the demo, and later by an accepted invitation or an approved
//     registration) may log in to the portal.
//   - Login: a 6-digit code and a one-click link by mail, kept only as
//     SHA-256, valid 15 minutes, single use (the code spends its link and
//     vice versa). Start answers the same for any address (no account
//     enumeration); asking for codes and wrong codes are throttled per
//     address and per client with auth.Throttle.
//   - Sessions: portal cookie secrets kept only as SHA-256. An open session
//     makes the caller an actor.Alumnus, which holds no HR permission.
//   - Settings: the portal's network name.
//   - Registration: an alumnus without an invitation gives name, reading,
//     employee number or years and an address; a mailed code proves the
//     address (the answer never tells whether they are on the roster).
//     A confident match (the roster's own address and the same name, and
//     a leave date) is admitted; a current employee is refused; anyone else
//     waits in HR's queue beside their best roster candidates.
//   - Password: optional, bcrypt, throttled like wrong codes; setting or
//     removing it closes the member's other sessions.
package members
