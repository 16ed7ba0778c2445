package plugins

import "github.com/kizuna-hr/kizuna/app/fault"

// Errors of the plugin host, in Japanese and English.
var (
	ErrNotFound      = fault.New(fault.NotFound, "plugin.not_found", "プラグインが見つかりません", "no such plugin")
	ErrBadBundle     = fault.New(fault.Invalid, "plugin.bad_bundle", "プラグインのファイル（.tar.gz）を読み取れません", "the plugin bundle (.tar.gz) cannot be read")
	ErrUnsafePath    = fault.New(fault.Invalid, "plugin.unsafe_path", "プラグインのファイルに、フォルダの外を指すパスが含まれています", "the bundle contains a path that escapes the plugin folder")
	ErrBadManifest   = fault.New(fault.Invalid, "plugin.bad_manifest", "plugin.json に誤りがあります", "plugin.json is invalid")
	ErrNoManifest    = fault.New(fault.Invalid, "plugin.no_manifest", "plugin.json がありません", "the bundle has no plugin.json")
	ErrWrongPlatform = fault.New(fault.Invalid, "plugin.wrong_platform", "このプラグインはこの OS・CPU 向けの実行ファイルを含んでいません", "the plugin has no executable for this platform")
	ErrChecksum      = fault.New(fault.Invalid, "plugin.checksum", "実行ファイルのチェックサム（SHA-256）が plugin.json と一致しません", "the executable's SHA-256 does not match plugin.json")
	ErrHostTooOld    = fault.New(fault.Invalid, "plugin.host_too_old", "このプラグインには新しいバージョンの Kizuna が必要です", "the plugin needs a newer Kizuna")
	ErrSignature     = fault.New(fault.Invalid, "plugin.signature", "プラグインの署名を信頼済みの鍵で確認できません", "the plugin's signature does not verify with a trusted key")
	ErrUnsigned      = fault.New(fault.Invalid, "plugin.unsigned", "署名のないプラグインはインストールできない設定です", "unsigned plugins are not allowed")
	ErrDowngrade     = fault.New(fault.Conflict, "plugin.downgrade", "インストール済みより古いバージョンです", "the installed version is newer")
	ErrUnknownGrant  = fault.New(fault.Invalid, "plugin.unknown_permission", "プラグインが要求していない権限は付与できません", "a permission the plugin does not request cannot be granted")
	ErrBadSettings   = fault.New(fault.Invalid, "plugin.bad_settings", "設定に誤りがあります", "the settings are invalid")
	ErrNotRunning    = fault.New(fault.Unavailable, "plugin.not_running", "プラグインは停止中です", "the plugin is not running")
	ErrPluginFailed  = fault.New(fault.Upstream, "plugin.failed", "プラグインがエラーを返しました", "the plugin failed")
	ErrTimeout       = fault.New(fault.Timeout, "plugin.timeout", "プラグインが時間内に応答しませんでした", "the plugin did not answer in time")
	ErrStart         = fault.New(fault.Unavailable, "plugin.start_failed", "プラグインを起動できません", "the plugin does not start")
	ErrBadKey        = fault.New(fault.Invalid, "plugin.bad_key", "公開鍵は ed25519 の base64（32バイト）で指定してください", "a public key is ed25519, base64 of 32 bytes")
)
