import { request } from '../../api/client';

/** The alumnus logged in to the portal. */
export interface PortalMember {
  id: number;
  name: string;
}

/** The portal's login API (/api/portal/…): one-time code or link by mail. */
export const portalApi = {
  /** Public: the network name HR set (empty: the generic title). */
  info: (signal?: AbortSignal) => request<{ network_name: string }>('/api/portal/info', { signal }),
  me: (signal?: AbortSignal) => request<{ alumnus: PortalMember }>('/api/portal/me', { signal }),
  /** Always answers 202: member or not, nothing tells the caller. */
  start: (email: string, next?: string) => request<{ sent: boolean }>('/api/portal/login/start', { method: 'POST', json: { email, next } }),
  verify: (body: { email: string; code: string } | { token: string }) =>
    request<{ alumnus: PortalMember }>('/api/portal/login/verify', { method: 'POST', json: body }),
  logout: () => request<void>('/api/portal/logout', { method: 'POST' }),
  logoutAll: () => request<void>('/api/portal/logout-all', { method: 'POST' }),
};
