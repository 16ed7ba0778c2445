// Console addresses, absolute: the console is mounted at /console/* and
// relative links inside a splat route resolve against the whole address.

export const loginPath = '/console/login';

export function sectionUrl(section: string): string {
  return `/console/${section}`;
}

/** The page of one alumnus, or of a new one. */
export function alumnusUrl(id: number | string | 'new'): string {
  return `/console/alumni/${id}`;
}
