package alumni

// eraseUnlinked deletes, before the alumni row itself, what refers to an
// alumnus (:id) without a foreign key that cascades: the mail they were
// sent and its clicks, their opt-ins, reports filed against their posts
// and comments, and their registration requests (kept by address, and
// linked with ON DELETE SET NULL so that a roster deletion alone would
// leave the name and address behind). Everything else that names an alumnus (portal membership,
// sessions, profile, survey answers, posts, comments, reactions, RSVPs,
// notifications, acceptances of the purpose of use …) is declared
// REFERENCES alumni(id) ON DELETE CASCADE and goes with the row; a test in
// app/httpapi (privacy_test.go) checks every table.
var eraseUnlinked = []string{
	`DELETE FROM mail_clicks WHERE outbox_id IN (SELECT id FROM mail_outbox WHERE alumnus_id = :id)`,
	`DELETE FROM mail_bounces WHERE outbox_id IN (SELECT id FROM mail_outbox WHERE alumnus_id = :id)`,
	`DELETE FROM mail_attachments WHERE outbox_id IN (SELECT id FROM mail_outbox WHERE alumnus_id = :id)`,
	`DELETE FROM mail_outbox WHERE alumnus_id = :id`,
	`DELETE FROM mail_consent WHERE alumnus_id = :id
		OR address = (SELECT lower(email) FROM alumni WHERE id = :id AND email <> '')`,
	`DELETE FROM feed_reports WHERE (target_kind = 'post' AND target_id IN (SELECT id FROM feed_posts WHERE author_id = :id))
		OR (target_kind = 'comment' AND target_id IN (SELECT id FROM feed_comments WHERE author_id = :id))`,
	`DELETE FROM registrations WHERE alumnus_id = :id
		OR lower(email) = (SELECT lower(email) FROM alumni WHERE id = :id AND email <> '')`,
}
