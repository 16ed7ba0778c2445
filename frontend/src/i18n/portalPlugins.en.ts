import type { Messages } from './ja';

export const portalPluginsEn: Messages['portalPlugins'] = {
  title: 'Services',
  empty: 'No services are available right now.',
  loadFailed: 'Could not load the services.',
};
