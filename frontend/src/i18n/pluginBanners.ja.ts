// The portal's plugin banners (PluginBanners.tsx) and the login's way back (next).
export const pluginBannersJa = {
  open: '開く',
  close: 'このお知らせを閉じる',
  backAfterLogin: 'ログイン後、開こうとしたページに戻ります。',
};
