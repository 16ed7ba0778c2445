// The welcome survey HR edits (console members tab) and what members see of HR's choices (issue 5), Japanese.
// welcome.en.ts fills the same keys.

export const welcomeJa = {
  editor: {
    title: 'ウェルカムアンケートの編集',
    intro: '初回ログイン時にアルムナイへ表示するアンケートです。公開すると新しい版になり、これから回答する人に表示されます。回答済みの人に再度表示されることはありません。',
    version: '現在の版: 第{{version}}版',
    publishedAt: '公開日時: {{at}}',
    introText: '説明文',
    introHelp: '空欄のときは標準の文面を表示します',
    ja: '日本語',
    en: '英語',
    ask: 'たずねる項目',
    askJoinYear: '入社年',
    askIndustry: '現在の業界',
    askJobType: '現在の職種',
    askComment: 'ひとこと',
    interests: '「興味のあること」の選択肢',
    openTo: '「会社と一緒にできること」の選択肢',
    questionLabel: '質問文',
    key: 'キー',
    keyHelp: '英小文字・数字・_（公開後は変更できません）',
    retired: '廃止',
    addOption: '選択肢を追加',
    removeNew: '取り消す',
    publish: '新しい版として公開',
    published: '第{{version}}版を公開しました',
    reset: '編集を元に戻す',
    preview: 'プレビュー（スマートフォン幅）',
  },
  fields: {
    title: 'プロフィールに表示する回答',
    intro: '回答ごとに、ほかのアルムナイに表示してよいかを選びます。表示するのは、人事が許可し、本人も公開している項目だけです。',
    alumni: 'アルムナイに表示',
    hr: '人事のみ',
    saved: '表示設定を保存しました',
  },
  summary: {
    title: '回答の集計',
    counts: '回答 {{answered}}人・スキップ {{skipped}}人',
    people: '{{count}}人',
    showList: '名簿で見る',
    retired: '廃止',
  },
  portal: {
    hrHidden: '人事の設定によりプロフィールには表示されません',
  },
};
