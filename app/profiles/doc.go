// Package profiles keeps alumni's portal profiles: the welcome survey, the
// fields an alumnus shows other members (each with a visibility of its own),
// the profile photo (decoded, resized and re-encoded so no metadata leaks)
// and the member directory, which searches only what each member shows.
//
// A member is an alumnus with a profile row; the row is made at their first
// portal visit. Company, industry, job type, skills and interests are kept in
// the alumni record so that segments and campaigns see them.
package profiles
