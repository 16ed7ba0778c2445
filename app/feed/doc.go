// Package feed is the alumni portal's timeline: company posts written by HR
// (news, press releases, executive messages, comeback stories, policy
// changes; targeted to a saved segment or everyone, pinned, scheduled or
// kept as drafts), alumni posts with comments, reactions and mentions,
// spaces (groups by join era, job type, region or topic), and moderation
// (reports by members, hide/restore/delete by HR, all audited).
//
// Bodies are Markdown rendered to sanitised HTML with the mail package's
// renderer. Feed pages use keyset paging over (publish_at, id).
package feed
