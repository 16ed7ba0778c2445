import type { Messages } from './ja';

export const pluginBannersEn: Messages['pluginBanners'] = {
  open: 'Open',
  close: 'Close this notice',
  backAfterLogin: 'After logging in you go back to the page you opened.',
};
