// Package mail is Kizuna's mail engine: the durable outbox in SQLite, the
// SMTP sender (a pool of reused go-smtp connections with a token-bucket
// ceiling and adaptive slow-down), MIME composition, the consent ledger and
// suppression list required by 特定電子メール法, signed one-click
// unsubscribe tokens, and the built-in mail catcher used when no relay is
// configured.
//
// It owns the tables mail_settings, mail_campaigns, mail_outbox,
// mail_consent, mail_suppression and mail_caught. Campaign screens,
// segments, IMAP bounce processing and DKIM are not here yet.
//
// Delivery guarantees: a row becomes 'sent' only after the server answered
// 250 to DATA. Rows are claimed (queued→sending) just ahead of the senders;
// at Start every 'sending' row goes back to 'queued', so a crash skips no
// one. Messages that were accepted by the server but whose 'sent' mark was
// not yet committed are sent again after a hard kill: at most
// Config.Concurrency + the result batch (see Config.ResultBatch).
package mail
