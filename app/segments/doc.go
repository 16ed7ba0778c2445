// Package segments keeps HR's saved segments: named filters over alumni
// (company, join and leave years, department, industry, job type,
// interests, tags, free text) stored in SQLite. A filter resolves to alumni
// ids through the in-memory alumni.Directory, and Count says how many of
// them a promotional campaign would reach once addresses, opt-ins
// (mail_consent) and the suppression list are applied.
package segments
