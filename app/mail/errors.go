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
