// Package mail is Kizuna's mail engine: the durable outbox in SQLite, the
// SMTP sender (a pool of reused go-smtp connections with a token-bucket
// ceiling and adaptive slow-down), MIME composition, the consent ledger and
// suppression list required by 特定電子メール法, signed one-click
// unsubscribe tokens, and the built-in mail catcher used when no relay is
// configured.
//
// It owns the tables mail_settings, mail_campaigns, mail_outbox,
// mail_consent, mail_suppression and mail_caught.
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
// of unsubscribe links, DKIM, bounce mailbox) are stored in mail_settings;
// secrets among them never leave the server through the API nor reach a
// log. SaveSettings applies them to a running engine at once (the senders
// finish what they are sending, claimed rows go back to the queue, new
// senders start over the new relay). With no relay the engine runs the
// built-in catcher. TestRelay sends a real message through a relay with the
// sender's own connection code (dialRelay) and classifies failures as
// login, TLS, unreachable or rejected, with the server's reply.
//
// Delivery guarantees: a row becomes 'sent' only after the server answered
// 250 to DATA; each row carries its own state, attempts, next attempt time
// and last SMTP reply (there is no batch cursor to lose). Rows are claimed
// (queued→sending) a few at a time just ahead of the senders, and each
// sender renders its message right before sending it, so a 100,000-recipient
// campaign never exists rendered in memory. At Start every 'sending' row
// goes back to 'queued', so a crash skips no one. Messages accepted by the
// server whose 'sent' mark was not yet committed (outcomes are committed
// within 5 ms, up to Config.ResultBatch per transaction) are sent again
// after a hard kill: at most Config.Concurrency + Config.ResultBatch.
//
// Errors: 5xx to RCPT or DATA fails the message and suppresses the address;
// 4xx, network errors and a relay refusing MAIL FROM or the login are
// retried with exponential backoff and jitter until Config.MaxAge. 421, 451
// and 4.7.x replies also halve the send rate, which recovers by a quarter
// per quiet second up to the relay's ceiling.
//
// The package does not import net/http: the portal serves the unsubscribe
// URL and calls Engine.Unsubscribe with the token.
package mail
