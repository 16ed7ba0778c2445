// Package profiles keeps alumni's portal profiles: the welcome survey, the
// fields an alumnus shows other members (each with a visibility of its own),
// the profile photo (decoded, resized and re-encoded so no metadata leaks)
// and the member directory, which searches only what each member shows.
//
// The welcome survey is versioned (survey_versions): HR publishes a new
// version to add, rename or retire options and extra questions; keys are
// never removed nor reused, so every answer keeps its meaning and version.
// HR also decides which survey answers may appear on profiles at all
// (survey_profile_fields): a field shows to other members only if HR allows
// it and the member shows it, in cards and the directory index alike.
//
// A member is an alumnus with a profile row; the row is made at their first
// portal visit. Company, industry, job type, skills and interests are kept in
// the alumni record so that segments and campaigns see them.
package profiles
