import { request } from '../../api/client';
import type { PortalMember } from '../access/api';

/** What the invitation page shows before joining. */
export interface InvitationView {
  network_name: string;
  name: string;
  sender_name: string;
  /** the personal message, rendered safe by the server (Markdown → bluemonday) */
  message_html: string;
  expires_at: string;
}

/** The public invitation API (/api/portal/invitations/{token}). */
export const inviteApi = {
  get: (token: string, signal?: AbortSignal) =>
    request<InvitationView>(`/api/portal/invitations/${encodeURIComponent(token)}`, { signal }),
  accept: (token: string) =>
    request<{ alumnus: PortalMember }>(`/api/portal/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST' }),
};
