package privacy

import "github.com/kizuna-hr/kizuna/app/fault"

// The failures callers see.
var (
	ErrNoPurpose = fault.New(fault.Conflict, "privacy.no_purpose",
		"利用目的がまだ公開されていません", "no purpose of use has been published yet")
	ErrOutdatedVersion = fault.New(fault.Conflict, "privacy.outdated_version",
		"利用目的が更新されました。最新の内容を確認してから同意してください", "the purpose of use has changed: read the current version and accept it")
	ErrMissingText = fault.New(fault.Invalid, "privacy.missing_text",
		"利用目的の日本語と英語の本文を入力してください", "enter the purpose of use in Japanese and in English")
	ErrTextTooLong = fault.New(fault.Invalid, "privacy.text_too_long",
		"本文は20,000文字までです", "the text is limited to 20,000 characters")
	ErrRequestOpen = fault.New(fault.Conflict, "privacy.request_open",
		"削除依頼はすでに受け付けています。人事の対応をお待ちください", "a deletion request is already open: HR will answer it")
	ErrRequestNotFound = fault.New(fault.NotFound, "privacy.request_not_found",
		"削除依頼が見つかりません", "deletion request not found")
	ErrAlreadyDecided = fault.New(fault.Conflict, "privacy.already_decided",
		"この削除依頼は対応済みです", "this deletion request has already been answered")
	ErrMissingReason = fault.New(fault.Invalid, "privacy.missing_reason",
		"お断りする理由を入力してください（ご本人にメールで届きます）", "give the reason for declining (it is mailed to the person)").
		WithFields(map[string]string{"reason": "必須項目です / required"})
	ErrNoAddress = fault.New(fault.Invalid, "privacy.no_address",
		"メールアドレスが登録されていないため、メール配信の設定はできません", "no mail address is on record, so mail preferences cannot be set")
)

// maxText bounds a purpose-of-use text and a decline reason.
const maxText = 20000
