import type { Permission } from '../api/types';

/** The console's sections: nav entry, route and who may open it. */
export const sections = [
  { path: 'alumni', label: 'nav.alumni', anyOf: ['alumni.read'] },
  { path: 'mail', label: 'nav.mail', anyOf: ['mail.read'] },
  { path: 'events', label: 'nav.events', anyOf: ['events.read'] },
  { path: 'members', label: 'nav.members', anyOf: ['portal.manage', 'alumni.read'] },
  { path: 'import', label: 'nav.import', anyOf: ['alumni.import'] },
  { path: 'data', label: 'nav.data', anyOf: ['alumni.export', 'backup.run'] },
  { path: 'audit', label: 'nav.audit', anyOf: ['audit.read'] },
  { path: 'plugins', label: 'nav.plugins', anyOf: ['plugins.manage'] },
  { path: 'posts', label: 'nav.posts', anyOf: ['feed.read'] },
  { path: 'feed', label: 'nav.feed', anyOf: ['feed.moderate'] },
  { path: 'settings', label: 'nav.settings', anyOf: ['users.manage', 'tokens.manage', 'companies.manage', 'alumni.read'] },
] as const satisfies readonly { path: string; label: `nav.${string}`; anyOf: readonly Permission[] }[];

export type SectionPath = (typeof sections)[number]['path'];

export function section(path: SectionPath) {
  return sections.find((s) => s.path === path)!;
}
