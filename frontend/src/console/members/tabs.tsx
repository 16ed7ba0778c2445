import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../../api/types';

/**
 * The tabs of the console's "members" section: how alumni get into the
 * portal and what HR does for them there (invitations, the approval queue,
 * deletion requests, the welcome survey). A tab lives in its own folder and
 * adds one line here; it is shown to HR users with any of its permissions.
 */
export interface MemberTab {
  /** route under /members/, e.g. "invitations" */
  path: string;
  /** i18n key of its label */
  label: `memberTabs.${string}`;
  anyOf: readonly Permission[];
  page: LazyExoticComponent<ComponentType>;
}

// An entry reads:
//   { path: 'invitations', label: 'memberTabs.invitations', anyOf: ['alumni.write'], page: lazy(() => import('../invitations/InvitationsTab')) },
export const memberTabs: MemberTab[] = [
  { path: 'settings', label: 'memberTabs.settings', anyOf: ['portal.manage'], page: lazy(() => import('./PortalSettingsTab')) },
  { path: 'invitations', label: 'memberTabs.invitations', anyOf: ['alumni.read'], page: lazy(() => import('../invitations/InvitationsTab')) },
  { path: 'registrations', label: 'memberTabs.registrations', anyOf: ['alumni.write'], page: lazy(() => import('../registrations/RegistrationsTab')) },
  { path: 'deletions', label: 'memberTabs.deletions', anyOf: ['alumni.read'], page: lazy(() => import('../privacy/DeletionRequestsTab')) },
  { path: 'purpose', label: 'memberTabs.purpose', anyOf: ['portal.manage'], page: lazy(() => import('../privacy/PurposeTab')) },
  { path: 'welcome-survey', label: 'memberTabs.welcomeSurvey', anyOf: ['portal.manage'], page: lazy(() => import('../welcomeSurvey/WelcomeSurveyTab')) },
];
