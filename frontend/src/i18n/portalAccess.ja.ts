// The portal's shell and login (issue 5, "Getting in"), Japanese. portalAccess.en.ts fills the same keys.

export const portalAccessJa = {
  menu: 'メニュー',
  home: 'ホーム',
  login: 'ログイン',
  logout: 'ログアウト',
  logoutAll: 'すべての端末でログアウト',
  loggedInAs: '{{name}} さん',
  visitorLead: '退職後も、会社とかつての同僚とつながり続けるための、卒業生（アルムナイ）専用のネットワークです。',
  visitorHow: '会員の方は、ご登録のメールアドレスに届くコードでログインできます。パスワードは不要です。',
  loginTitle: 'ポータルにログイン',
  loginLead: 'ご登録のメールアドレスを入力してください。6桁のログインコードとログイン用リンクをお送りします。',
  email: 'メールアドレス',
  sendCode: 'コードを送る',
  sentTitle: 'メールを確認してください',
  sent: '{{email}} が会員のアドレスであれば、ログインコードを送りました（15分間有効）。',
  code: 'ログインコード（6桁）',
  verify: 'ログイン',
  otherEmail: '別のアドレスを使う',
  verifying: 'ログインしています…',
  linkFailed: 'ログインできませんでした',
  tryAgain: 'もう一度コードを請求する',
};
