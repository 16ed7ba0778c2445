import { apiUrl, request } from './client';
import type {
  AlumnusSummary,
  Campaign,
  CampaignInput,
  CaughtMessage,
  CaughtSummary,
  ConsentMethod,
  ConsentRecord,
  Counts,
  MailSettings,
  MergeField,
  Page,
  Preview,
  Recipient,
  RecipientQuery,
  Segment,
  SegmentFilter,
  SegmentInput,
  Suppression,
} from './mailTypes';

type Signal = AbortSignal | undefined;
type Action = 'start' | 'pause' | 'resume' | 'cancel';

const seg = (id: number) => `/api/segments/${id}`;
const camp = (id: number) => `/api/campaigns/${id}`;

/** The mailer's part of the API (contract: issue 3). */
export const mailApi = {
  segments: (signal?: Signal) => request<{ items: Segment[] }>('/api/segments', { signal }),
  segment: (id: number, signal?: Signal) => request<Segment>(seg(id), { signal }),
  createSegment: (s: SegmentInput) => request<Segment>('/api/segments', { method: 'POST', json: s }),
  updateSegment: (id: number, s: SegmentInput) => request<Segment>(seg(id), { method: 'PUT', json: s }),
  deleteSegment: (id: number) => request<void>(seg(id), { method: 'DELETE' }),
  count: (filter: SegmentFilter, signal?: Signal) =>
    request<Counts>('/api/segments/count', { method: 'POST', json: { filter }, signal }),
  members: (id: number, offset: number, limit: number, signal?: Signal) =>
    request<Page<AlumnusSummary>>(`${seg(id)}/members`, { query: { offset, limit }, signal }),

  campaigns: (signal?: Signal) => request<{ items: Campaign[] }>('/api/campaigns', { signal }),
  campaign: (id: number, signal?: Signal) => request<Campaign>(camp(id), { signal }),
  createCampaign: (c: CampaignInput) => request<Campaign>('/api/campaigns', { method: 'POST', json: c }),
  updateCampaign: (id: number, c: CampaignInput) => request<Campaign>(camp(id), { method: 'PUT', json: c }),
  deleteCampaign: (id: number) => request<void>(camp(id), { method: 'DELETE' }),
  duplicateCampaign: (id: number) => request<Campaign>(`${camp(id)}/duplicate`, { method: 'POST' }),
  mergeFields: (signal?: Signal) => request<{ items: MergeField[] }>('/api/mail/merge-fields', { signal }),
  preview: (draft: Pick<CampaignInput, 'subject' | 'body_format' | 'body' | 'click_tracking'> & { alumnus_id: number | null }, signal?: Signal) =>
    request<Preview>('/api/mail/preview', { method: 'POST', json: draft, signal }),
  testSend: (id: number, to?: string) =>
    request<{ message_id: string; reply: string }>(`${camp(id)}/test-send`, { method: 'POST', json: to ? { to } : {} }),
  schedule: (id: number, at: string) => request<Campaign>(`${camp(id)}/schedule`, { method: 'POST', json: { at } }),
  act: (id: number, action: Action) => request<Campaign>(`${camp(id)}/${action}`, { method: 'POST' }),
  recipients: (id: number, q: RecipientQuery, signal?: Signal) =>
    request<Page<Recipient>>(`${camp(id)}/recipients`, { query: { ...q }, signal }),

  settings: (signal?: Signal) => request<MailSettings>('/api/mail/settings', { signal }),
  saveSettings: (s: MailSettings) => request<MailSettings>('/api/mail/settings', { method: 'PUT', json: s }),
  testSettings: (to: string, relay?: MailSettings['relay']) =>
    request<{ ok: boolean; reply: string }>('/api/mail/settings/test', { method: 'POST', json: { to, relay } }),

  caught: (q: string, offset: number, limit: number, signal?: Signal) =>
    request<Page<CaughtSummary>>('/api/mail/caught', { query: { q, offset, limit }, signal }),
  caughtMessage: (id: number, signal?: Signal) => request<CaughtMessage>(`/api/mail/caught/${id}`, { signal }),
  caughtRaw: async (id: number, signal?: Signal) => {
    const res = await fetch(`/api/mail/caught/${id}/raw`, { credentials: 'same-origin', signal });
    return res.text();
  },
  clearCaught: () => request<void>('/api/mail/caught', { method: 'DELETE' }),

  consent: (alumnusId: number, signal?: Signal) =>
    request<{ opted_in: boolean; items: ConsentRecord[] | null }>(`/api/alumni/${alumnusId}/consent`, { signal }),
  grantConsent: (alumnusId: number, c: { method: ConsentMethod; text_agreed: string; granted_at?: string }) =>
    request<ConsentRecord>(`/api/alumni/${alumnusId}/consent`, { method: 'POST', json: c }),
  revokeConsent: (alumnusId: number) => request<void>(`/api/alumni/${alumnusId}/consent`, { method: 'DELETE' }),

  suppressions: (q: string, signal?: Signal) =>
    request<{ items: Suppression[] | null }>('/api/mail/suppressions', { query: { q }, signal }),
  addSuppression: (address: string, reason: string) =>
    request<Suppression>('/api/mail/suppressions', { method: 'POST', json: { address, reason } }),
  removeSuppression: (address: string) =>
    request<void>(`/api/mail/suppressions/${encodeURIComponent(address)}`, { method: 'DELETE' }),
};

export const mailDownloads = {
  recipients: (id: number, q: RecipientQuery) => apiUrl(`${camp(id)}/recipients/export`, { q: q.q, state: q.state }),
};
