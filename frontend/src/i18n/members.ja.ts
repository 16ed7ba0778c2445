// The console's members section (console/members/): its title and one label per tab.
export const membersJa = {
  nav: 'メンバー管理',
  section: {
    title: 'メンバー管理',
    intro: 'ポータルへの招待・登録の承認・退会やデータ削除の依頼など、アルムナイの参加にかかわる作業をまとめています。',
    noTab: 'このアカウントで開けるタブはありません。',
  },
  tabs: {
    settings: 'ポータル設定',
    invitations: '招待',
    registrations: '承認待ち',
    deletions: '削除依頼',
    purpose: '利用目的',
    welcomeSurvey: 'ウェルカムアンケート',
  },
};
