// Package mail is Kizuna's mail engine: the durable outbox in SQLite, the
// SMTP sender (a pool of reused go-smtp connections with a token-bucket
// ceiling, an hourly quota, per-domain concurrency caps and adaptive
// slow-down), MIME composition (go-message; attachments, .ics invitations,
// optional DKIM with go-msgauth), bounce processing (DSNs from an inbound
// SMTP listener or an IMAP mailbox), the consent ledger and suppression list
// required by 特定電子メール法, signed one-click unsubscribe tokens, and the
// built-in mail catcher used when no relay is configured.
//
// It owns the tables mail_settings, mail_campaigns, mail_outbox,
// mail_attachments, mail_bounces, mail_consent, mail_suppression and
// mail_caught.
//
// Connecting: Dial is the one path from settings to a logged-in client
// (implicit TLS or STARTTLS, a private trusted root or no verification,
// AUTH PLAIN or LOGIN as set or as offered); the senders and the settings
// screen's "send test" use it. Its errors are fault errors
// (ErrRelayUnreachable, ErrRelayTLS, ErrRelayAuth, ErrRelayRejected) whose
// message carries the server's own reply.
//
// Campaigns (campaigns.go, campaign_run.go, campaign_preview.go) is the
// lifecycle behind the console's campaign screens: drafts written in
// Markdown or HTML (rendered with goldmark, sanitised with bluemonday) with
// merge fields {{姓}} and fallbacks {{姓|卒業生}} (merge.go), translated to
// the engine's templates and checked at save and preview, never mid-
// campaign; schedule, start (the segment resolved, the audience stored and
// queued in chunks in the background, so the first message goes out at
// once and a restart resumes queueing), pause (queued rows become 'held'),
// resume, cancel (queued and held rows become 'cancelled'), finish when
// nothing is left, and an automatic pause on a run of SMTP errors (20 in a
// row, or more than half of the last 50) with the last reply as the
// reason. Run supervises this once a second. Click tracking is off by
// default; when on, links go through signed redirects (click.go) and the
// footer says so.
//
// Settings: the sender identity and the delivery Settings (relay, base URL
// of unsubscribe links, DKIM key, bounce mailbox) are stored in
// mail_settings; secrets among them never leave the server through the API
// nor reach a log. Config fields (Relay, DKIM, BounceMailbox) override them
// (tests, the benchmark). SaveSettings applies them to a running engine at
// once: the senders finish what they are sending, claimed rows go back to
// the queue, new senders start over the new relay, signer and mailbox. With
// no relay the engine runs the built-in catcher; Mailbox reads what it kept.
// TestRelay sends a real message through a relay over Dial and reports the
// server's reply or the classified failure.
//
// Delivery guarantees: a row becomes 'sent' only after the server answered
// 250 to DATA; each row carries its own state, attempts, next attempt time
// and last SMTP reply (there is no batch cursor to lose). Rows are claimed
// (queued→sending) a few at a time just ahead of the senders, and one
// renderer per core renders them into a channel as long as the number of
// connections, so a 100,000-recipient campaign never exists rendered in
// memory and a connection never waits for a render. At Start every
// 'sending' row goes back to 'queued', so a crash skips no one. Messages
// accepted by the server whose 'sent' mark was not yet committed (outcomes
// are committed within 40 ms, up to Config.ResultBatch per transaction) are
// sent again after a hard kill: at most Config.Concurrency +
// Config.ResultBatch.
//
// Rate control never makes a sender sleep while it holds a message another
// sender could send: a sender waits for the rate limiter before it takes a
// message; a message whose recipient domain is at its cap is parked and the
// sender takes the next one; the hourly quota limits what the feeder
// claims, so rows beyond it stay queued.
//
// Errors: 5xx to RCPT or DATA fails the message and suppresses the address;
// 4xx, network errors and a relay refusing MAIL FROM or the login are
// retried with exponential backoff and jitter until Config.MaxAge. 421, 451
// and 4.7.x replies also halve the send rate, which recovers by a quarter
// per quiet second up to the relay's ceiling.
//
// Bounces that arrive later (multipart/report DSNs, RFC 3464) are matched
// to the message by Kizuna's Message-ID (else X-Kizuna-Message, else the
// latest message to the address) and recorded; a hard (5.x.x) bounce
// suppresses the address at once, soft (4.x.x) ones after
// Config.SoftBounceLimit within Config.SoftBounceWindow. The same DSN read
// twice counts once.
//
// The package does not import net/http: the portal serves the unsubscribe
// URL and calls Engine.Unsubscribe with the token.
package mail
