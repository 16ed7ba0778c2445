import { ApiError } from '../../api/error';
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
  /** Issues fresh links and saves the leaflets' PDF through the browser. */
  leaflets: async (in_: InviteInput) => {
    const res = await fetch('/api/invitations/leaflets', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/pdf' },
      body: JSON.stringify(in_),
    }).catch(() => {
      throw ApiError.local(0, 'client.network', 'errors.network');
    });
    if (!res.ok) {
      const data = await res.json().catch(() => null);
      if (data?.error?.code) throw new ApiError(res.status, data.error);
      throw ApiError.local(res.status, 'client.http', 'errors.unexpected');
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'invitation-leaflets.pdf';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};

export const statusColor: Record<InvitationStatus, string> = {
  unsent: 'gray',
  sent: 'blue',
  accepted: 'teal',
  expired: 'orange',
  revoked: 'red',
};
