package invitations

import "github.com/kizuna-hr/kizuna/app/fault"

// Limits on what HR may choose.
const (
	MaxMessage  = 1000 // characters of the personal message
	DefaultDays = 30
	MinDays     = 1
	MaxDays     = 90
	MaxBatch    = 500 // alumni in one request
)

// Errors of invitations.
var (
	ErrBadLink = fault.New(fault.NotFound, "invitations.bad_link",
		"この招待リンクは無効です。新しい招待を人事担当者に依頼してください",
		"this invitation link is not valid; ask HR for a new invitation")
	ErrExpired = fault.New(fault.Conflict, "invitations.expired",
		"この招待リンクは有効期限が切れています。新しい招待を人事担当者に依頼してください",
		"this invitation link has expired; ask HR for a new invitation")
	ErrRevoked = fault.New(fault.Conflict, "invitations.revoked",
		"この招待は取り消されました", "this invitation has been revoked")
	ErrUsed = fault.New(fault.Conflict, "invitations.used",
		"この招待リンクは使用済みです。ポータルのログイン画面からログインしてください",
		"this invitation link has already been used; log in from the portal's login page")
	ErrNoEmail = fault.New(fault.Invalid, "invitations.no_email",
		"メールアドレスが登録されていないため、招待メールを送れません（リーフレットは作成できます）",
		"this alumnus has no email address, so no invitation mail can be sent (a leaflet can still be made)")
	ErrAlreadyMember = fault.New(fault.Conflict, "invitations.already_member",
		"すでにポータルのメンバーです。招待は送りません", "already a portal member; no invitation is sent")
	ErrMessageTooLong = fault.New(fault.Invalid, "invitations.message_too_long",
		"メッセージは1000文字以内にしてください", "the message must be at most 1000 characters").
		WithFields(map[string]string{"message": "1000文字以内 / at most 1000 characters"})
	ErrBadDays = fault.New(fault.Invalid, "invitations.bad_days",
		"有効期間は1〜90日で指定してください", "the link must be valid for 1 to 90 days").
		WithFields(map[string]string{"days": "1〜90 / 1 to 90"})
	ErrBadSender = fault.New(fault.Invalid, "invitations.bad_sender",
		"元上司から送る場合は、名前と正しいメールアドレスを入力してください",
		"to send as the former manager, enter their name and a valid email address").
		WithFields(map[string]string{"sender_email": "必須項目です / required"})
	ErrNoAlumni = fault.New(fault.Invalid, "invitations.no_alumni",
		"招待する人を選んでください（一度に500人まで）", "choose whom to invite (at most 500 at once)")
	ErrNotFound = fault.New(fault.NotFound, "invitations.not_found",
		"この人の招待はありません", "there is no invitation for this person")
	ErrNoFont = fault.New(fault.Unavailable, "invitations.no_font",
		"リーフレット用の日本語フォント（IPAゴシック）が見つかりません。fonts-ipafont-gothic をインストールしてください",
		"the Japanese font for leaflets (IPA Gothic) was not found; install fonts-ipafont-gothic")
	ErrBadWindow = fault.New(fault.Invalid, "invitations.bad_window",
		"期間は YYYY-MM-DD で、開始日が終了日以前になるよう指定してください",
		"give the window as YYYY-MM-DD with the start on or before the end")
)
