// Package feed is the alumni portal's timeline: company posts written by HR
// (news, press releases, executive messages, comeback stories, policy
// changes; targeted to a saved segment or everyone, pinned, scheduled or
// kept as drafts), alumni posts with comments, reactions and mentions,
// spaces (groups by join era, job type, region or topic), and moderation
// (reports by members, hide/restore/delete by HR, all audited).
//
// Bodies are Markdown rendered to sanitised HTML with the mail package's
// renderer, which keeps only images stored here (no remote images, so no
// tracking pixels). Images are uploaded by HR or members, re-encoded by
// app/imaging (JPEG, at most 1600 px a side), tied to the first post that
// shows them and served only to those who may see that post (and to the
// uploader and HR). Members edit and delete their own posts and comments;
// an edit notifies newly mentioned members. Feed pages use keyset paging
// over (publish_at, id).
package feed
