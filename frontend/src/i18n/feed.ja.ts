// The portal feed and its moderation (issue 5), Japanese. feed.en.ts fills the same keys.

export const feedJa = {
  nav: 'フィード',
  title: 'フィード',
  composer: '近況や相談を投稿',
  composerPlaceholder: '例：こういう案件の経験がある方、アドバイスをいただけませんか？',
  post: '投稿する',
  posted: '投稿しました',
  pinned: 'ピン留め',
  hiddenNote: 'この投稿は非表示になっています（あなたにだけ表示）：{{note}}',
  comments: 'コメント {{count}}件',
  comment: 'コメントする',
  commentPlaceholder: 'コメントを書く',
  report: '通報',
  reportReason: '通報の理由',
  reported: '通報しました。人事担当者が確認します。',
  more: 'さらに読み込む',
  empty: 'まだ投稿がありません。最初の投稿をしてみましょう。',
  kind: {
    alumni: 'アルムナイ',
    news: 'お知らせ',
    press: 'プレスリリース',
    executive: '経営者メッセージ',
    comeback: 'カムバック社員インタビュー',
    policy: '制度変更のお知らせ',
  },
  reaction: {
    like: 'いいね',
    thanks: 'ありがとう',
    celebrate: 'おめでとう',
    insightful: '参考になる',
  },
  permissions: {
    read: 'フィードの閲覧',
    write: '会社の投稿・スペースの作成',
    moderate: '投稿のモデレーション',
  },
};
