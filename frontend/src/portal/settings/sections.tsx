import type { ComponentType } from 'react';
import { PasswordSection } from '../access/PasswordSection';
import { DeletionSection, DownloadSection, LogoutAllSection, MailSection, PurposeSection } from './PrivacySections';

/**
 * The sections of the portal's "My settings" page, in order. A section is
 * a component with no props (it loads what it needs) and adds one line here,
 * e.g. a password section:
 *   { key: 'password', section: PasswordSection },
 */
export interface SettingsSection {
  key: string;
  section: ComponentType;
}

export const settingsSections: SettingsSection[] = [
  { key: 'mail', section: MailSection },
  { key: 'purpose', section: PurposeSection },
  { key: 'password', section: PasswordSection },
  { key: 'download', section: DownloadSection },
  { key: 'deletion', section: DeletionSection },
  { key: 'logout', section: LogoutAllSection },
];
