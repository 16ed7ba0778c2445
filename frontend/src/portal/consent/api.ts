import { request } from '../../api/client';

/** One published version of the purpose of use. */
export interface Purpose {
  version: number;
  text_ja: string;
  text_en: string;
  published_at: string;
  published_by?: string;
}

/** An alumnus's deletion request. */
export interface DeletionRequest {
  id: number;
  alumnus_id?: number;
  name: string;
  state: 'requested' | 'completed' | 'declined';
  reason?: string;
  requested_at: string;
  decided_at?: string;
  decided_by?: string;
}

/** GET /api/portal/privacy: what the member accepted and what is pending. */
export interface PrivacyStatus {
  purpose: Purpose | null;
  accepted: { version: number; accepted_at: string } | null;
  needs_acceptance: boolean;
  promotional: boolean;
  has_address: boolean;
  promo_text_ja: string;
  promo_text_en: string;
  deletion: DeletionRequest | null;
}

export const privacyApi = {
  status: (signal?: AbortSignal) => request<PrivacyStatus>('/api/portal/privacy', { signal }),
  accept: (version: number, promotional: boolean) =>
    request<PrivacyStatus>('/api/portal/privacy/accept', { method: 'POST', json: { version, promotional } }),
  setPromotional: (optIn: boolean) => request<PrivacyStatus>('/api/portal/privacy/promotional', { method: 'PUT', json: { opt_in: optIn } }),
  /** Everything Kizuna holds about the member (audited). */
  exportData: () => request<{ name: string; tables: Record<string, unknown[]> }>('/api/portal/privacy/export'),
  requestDeletion: () => request<PrivacyStatus>('/api/portal/privacy/deletion', { method: 'POST' }),
};

/** The text of a purpose (or the promotional wording) in the current language. */
export function inLanguage(ja: string, en: string, lang: string): string {
  return lang.startsWith('en') && en ? en : ja;
}
