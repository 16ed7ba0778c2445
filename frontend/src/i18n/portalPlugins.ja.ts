// The portal's plugin pages (surveys and other plugins' portal menu entries).
export const portalPluginsJa = {
  title: 'サービス',
  empty: '現在ご利用いただけるサービスはありません。',
  loadFailed: 'サービスの一覧を読み込めませんでした。',
};
