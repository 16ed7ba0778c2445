/** The portal address that frames a plugin page. */
export function portalPluginUrl(id: string, path: string): string {
  return `/portal/p/${encodeURIComponent(id)}${path.startsWith('/') ? path : `/${path}`}`;
}
