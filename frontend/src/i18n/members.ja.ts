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
    welcomeSurvey: 'ウェルカムアンケート',
  },
};
