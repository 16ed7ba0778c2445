import { request } from '../../api/client';
import type { DeletionRequest, Purpose } from '../../portal/consent/api';

/** HR's side of the privacy API (/api/privacy/…). */
export const hrPrivacyApi = {
  purposes: (signal?: AbortSignal) => request<{ items: Purpose[] }>('/api/privacy/purpose', { signal }),
  publish: (text_ja: string, text_en: string) => request<Purpose>('/api/privacy/purpose', { method: 'POST', json: { text_ja, text_en } }),
  deletions: (signal?: AbortSignal) => request<{ items: DeletionRequest[] }>('/api/privacy/deletions', { signal }),
  complete: (id: number) => request<DeletionRequest>(`/api/privacy/deletions/${id}/complete`, { method: 'POST' }),
  decline: (id: number, reason: string) => request<DeletionRequest>(`/api/privacy/deletions/${id}/decline`, { method: 'POST', json: { reason } }),
};
