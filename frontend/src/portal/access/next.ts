/**
 * The page to go to after login: `next` when it is a path of this site's
 * portal (`/portal/…`), else the portal's home. Anything else — another
 * origin, `//host`, a backslash, a scheme, a path outside the portal — is
 * ignored, so a crafted login link cannot send the alumnus elsewhere.
 */
export function safeNext(next: string | null | undefined, origin = window.location.origin): string {
  const home = '/portal/';
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\s]/.test(next)) return home;
  try {
    const u = new URL(next, origin);
    if (u.origin !== origin || !u.pathname.startsWith('/portal/') || u.pathname.startsWith('/portal/login')) return home;
    return u.pathname + u.search + u.hash;
  } catch {
    return home;
  }
}
