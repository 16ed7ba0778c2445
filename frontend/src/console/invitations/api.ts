import { saveDownload } from '../../api/desktop';
import { request } from '../../api/client';

export type InvitationStatus = 'unsent' | 'sent' | 'accepted' | 'expired' | 'revoked';

export interface Invitation {
  alumnus_id: number;
  name: string;
  email: string;
  leave_date: string;
  status: InvitationStatus;
  sender_kind: 'hr' | 'manager';
  sender_name: string;
  created_at: string;
  sent_at?: string;
  expires_at: string;
  accepted_at?: string;
  revoked_at?: string;
}

export interface Leaver {
  alumnus_id: number;
  name: string;
  email: string;
  department: string;
  leave_date: string;
  status: InvitationStatus | '';
}

export interface InviteInput {
  alumnus_ids: number[];
  sender_kind: 'hr' | 'manager';
  sender_name: string;
  sender_email: string;
  message: string;
  days: number;
  send: boolean;
}

export interface InviteResult {
  alumnus_id: number;
  name: string;
  issued: boolean;
  sent: boolean;
  code?: string;
  reason_ja?: string;
  reason_en?: string;
}

/** The console's invitation API (/api/invitations…). */
export const invitationsApi = {
  list: (q: { status?: string; alumnus_id?: number }, signal?: AbortSignal) =>
    request<{ items: Invitation[] }>('/api/invitations', { query: q, signal }),
  leavers: (from: string, to: string, signal?: AbortSignal) =>
    request<{ items: Leaver[] }>('/api/invitations/leavers', { query: { from, to }, signal }),
  send: (in_: InviteInput) => request<{ results: InviteResult[] }>('/api/invitations', { method: 'POST', json: in_ }),
  revoke: (alumnusId: number) => request<void>(`/api/invitations/${alumnusId}`, { method: 'DELETE' }),
  /** Issues fresh links and saves the leaflets' PDF (the window's save dialog, or the browser's). */
  leaflets: (in_: InviteInput) => saveDownload({ method: 'POST', path: '/api/invitations/leaflets', json: in_, name: 'invitation-leaflets.pdf' }),
};

export const statusColor: Record<InvitationStatus, string> = {
  unsent: 'gray',
  sent: 'blue',
  accepted: 'teal',
  expired: 'orange',
  revoked: 'red',
};
