import { roles, type Permission, type Role } from '../../api/types';

/** Every permission, in the order the roles table lists them. */
export const permissionOrder: Permission[] = [
  'alumni.read',
  'alumni.read_private',
  'alumni.write',
  'alumni.delete',
  'alumni.import',
  'alumni.export',
  'companies.manage',
  'users.manage',
  'tokens.manage',
  'backup.run',
  'audit.read',
  'plugins.manage',
  'mail.read',
  'mail.write',
  'mail.send',
  'mail.settings',
  'portal.manage',
];

/**
 * What each role may do: a copy of the server's one table of who may do what
 * (app/auth/roles.go, rolePermissions), shown to HR when they pick a role.
 * The server decides; this only explains.
 */
export const rolePermissions: Record<Role, Permission[]> = {
  owner: permissionOrder,
  hr_admin: permissionOrder,
  hr_staff: ['alumni.read', 'alumni.read_private', 'alumni.write', 'alumni.import', 'alumni.export', 'mail.read', 'mail.write', 'mail.send'],
  coordinator: ['alumni.read', 'alumni.read_private', 'alumni.write', 'mail.read', 'mail.write'],
  viewer: ['alumni.read', 'mail.read'],
};

/** The roles a user may give to new users and tokens: only owners make owners. */
export function grantableRoles(mine: Role | undefined): Role[] {
  return roles.filter((r) => r !== 'owner' || mine === 'owner');
}
