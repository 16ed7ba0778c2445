import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * The portal's features: each one a menu entry and a route under /portal/,
 * loaded as its own chunk so that a phone downloads only what it opens.
 * A feature lives in frontend/src/portal/<feature>/ and adds one line here.
 */
export interface PortalFeature {
  /** route under /portal/, e.g. "feed" (its sub-routes are its own: "feed/*") */
  path: string;
  /** i18n key of its menu label */
  label: `portalNav.${string}`;
  /** shown only to a logged-in alumnus */
  memberOnly: boolean;
  page: LazyExoticComponent<ComponentType>;
}

// An entry reads:
//   { path: 'feed', label: 'portalNav.feed', memberOnly: true, page: lazy(() => import('./feed/FeedPage')) },
export const portalFeatures: PortalFeature[] = [
  { path: 'feed', label: 'portalNav.feed', memberOnly: true, page: lazy(() => import('./feed/FeedPage')) },
  { path: 'events', label: 'portalNav.events', memberOnly: true, page: lazy(() => import('./events/EventsPage')) },
  { path: 'notifications', label: 'portalNav.notifications', memberOnly: true, page: lazy(() => import('./notifications/NotificationsPage')) },
  { path: 'profile', label: 'portalNav.profile', memberOnly: true, page: lazy(() => import('./profile/ProfilePage')) },
  { path: 'directory', label: 'portalNav.directory', memberOnly: true, page: lazy(() => import('./directory/DirectoryPage')) },
  { path: 'p', label: 'portalNav.plugins', memberOnly: true, page: lazy(() => import('./plugins/PluginsPage')) },
  { path: 'register', label: 'portalNav.register', memberOnly: false, page: lazy(() => import('./register/RegisterPage')) },
  { path: 'settings', label: 'portalNav.settings', memberOnly: true, page: lazy(() => import('./settings/SettingsPage')) },
];
