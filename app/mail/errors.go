package mail

import "github.com/kizuna-hr/kizuna/app/fault"

// ErrNoSenderIdentity: promotional mail needs the sender's name, postal address and contact.
var ErrNoSenderIdentity = fault.New(fault.Conflict, "mail.no_sender_identity",
	"送信者情報（名称・住所・連絡先）が設定されていないため、広告宣伝メールを送信できません（特定電子メール法）",
	"promotional mail cannot be sent until the sender identity (name, postal address, contact) is set (Japanese Act on Specified Electronic Mail)")

// ErrSuppressed: the address is on the suppression list (hard bounce or block).
var ErrSuppressed = fault.New(fault.Conflict, "mail.suppressed",
	"このアドレスは配信停止リストに登録されています（不達など）",
	"the address is on the suppression list (hard bounce or block)")

// ErrInvalidAddress: the address is not a valid mail address.
var ErrInvalidAddress = fault.New(fault.Invalid, "mail.invalid_address",
	"メールアドレスが正しくありません", "invalid mail address")

// ErrInvalidTemplate: a subject or body template does not parse or render.
var ErrInvalidTemplate = fault.New(fault.Invalid, "mail.invalid_template",
	"テンプレートに誤りがあります", "the template is invalid")

// ErrInvalidToken: an unsubscribe token was altered, truncated or signed with another secret.
var ErrInvalidToken = fault.New(fault.Invalid, "mail.invalid_token",
	"配信停止リンクが無効です", "invalid unsubscribe link")

// ErrInvalidConsent: a consent record lacks when, how or the text agreed.
var ErrInvalidConsent = fault.New(fault.Invalid, "mail.invalid_consent",
	"同意の記録には日時・方法・同意した文言が必要です", "a consent record needs when, how and the text agreed")

// ErrNotFound: no such message, campaign or caught mail.
var ErrNotFound = fault.New(fault.NotFound, "mail.not_found", "見つかりません", "not found")

// ErrInvalidSettings: a delivery setting is malformed; Fields name each one.
var ErrInvalidSettings = fault.New(fault.Invalid, "mail.invalid_settings",
	"メール設定に誤りがあります", "the mail settings are invalid")

// ErrRelayUnreachable: the relay did not answer (wrong host or port, firewall, down).
var ErrRelayUnreachable = fault.New(fault.Invalid, "mail.relay_unreachable",
	"SMTP リレーに接続できません（ホスト名・ポート・ファイアウォールを確認してください）",
	"cannot reach the SMTP relay (check the host, port and firewall)")

// ErrRelayTLS: the TLS handshake failed (certificate not trusted, wrong mode for the port).
var ErrRelayTLS = fault.New(fault.Invalid, "mail.relay_tls",
	"SMTP リレーとの TLS 接続に失敗しました（証明書、または TLS / STARTTLS の設定を確認してください）",
	"TLS with the SMTP relay failed (check the certificate, or the TLS / STARTTLS setting)")

// ErrRelayAuth: the relay refused the user name or password.
var ErrRelayAuth = fault.New(fault.Invalid, "mail.relay_auth",
	"SMTP リレーの認証に失敗しました（ユーザー名・パスワード・認証方式を確認してください）",
	"the SMTP relay refused the login (check the user name, password and mechanism)")

// ErrRelayRejected: the relay answered but refused the greeting or a message.
var ErrRelayRejected = fault.New(fault.Invalid, "mail.relay_rejected",
	"SMTP リレーが拒否しました", "the SMTP relay refused")

// ErrInvalidAttachment: an attachment's content type does not parse, or it is too large.
var ErrInvalidAttachment = fault.New(fault.Invalid, "mail.invalid_attachment",
	"添付ファイルが正しくありません", "invalid attachment")

// ErrInvalidDKIM: the DKIM domain, selector or private key is unusable.
var ErrInvalidDKIM = fault.New(fault.Invalid, "mail.invalid_dkim",
	"DKIM の設定が正しくありません", "invalid DKIM settings")
