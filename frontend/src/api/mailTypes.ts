// Shapes of the mailer API (issue 3): segments, campaigns, settings, the
// built-in mailbox, consent and suppressions.

import type { AlumnusSummary, FacetValue, Page } from './types';

export interface SegmentFilter {
  q?: string;
  company_ids?: number[];
  departments?: string[];
  industries?: string[];
  job_types?: string[];
  interests?: string[];
  tags?: string[];
  join_year_from?: number;
  join_year_to?: number;
  leave_year_from?: number;
  leave_year_to?: number;
}

/** Who a filter matches and who of them a promotional campaign reaches. */
export interface Counts {
  matched: number;
  with_email: number;
  opted_in: number;
  suppressed: number;
  reachable: number;
}

export interface Segment {
  id: number;
  name: string;
  description: string;
  filter: SegmentFilter;
  count?: Counts;
  created_at: string;
  updated_at: string;
}

export type SegmentInput = Pick<Segment, 'name' | 'description' | 'filter'>;

export const campaignStates = ['draft', 'scheduled', 'running', 'paused', 'cancelled', 'finished'] as const;
export type CampaignState = (typeof campaignStates)[number];

export const recipientStates = ['queued', 'held', 'sending', 'sent', 'failed', 'bounced', 'suppressed', 'unsubscribed', 'cancelled'] as const;
export type RecipientState = (typeof recipientStates)[number];

/** Per state; queued includes held (paused) rows; clicked counts recipients who clicked. */
export type CampaignCounts = { total: number; clicked?: number } & Record<Exclude<RecipientState, 'held'>, number>;

export type BodyFormat = 'markdown' | 'html';

export interface Campaign {
  id: number;
  name: string;
  subject: string;
  body_format: BodyFormat;
  body: string;
  from_name: string;
  segment_id: number | null;
  segment_name: string;
  state: CampaignState;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  pause_reason: string;
  pause_reason_en: string;
  click_tracking: boolean;
  counts: CampaignCounts;
  created_at: string;
  updated_at: string;
  created_by: string;
}

export type CampaignInput = Pick<
  Campaign,
  'name' | 'subject' | 'body_format' | 'body' | 'from_name' | 'segment_id' | 'click_tracking'
>;

export interface MergeField {
  name: string;
  label_en: string;
  sample: string;
}

export interface Preview {
  subject: string;
  html: string;
  text: string;
  recipient: { alumnus_id: number; name: string; email: string } | null;
}

export interface Recipient {
  id: number;
  alumnus_id: number;
  name: string;
  address: string;
  state: RecipientState;
  attempts: number;
  last_reply: string;
  sent_at: string | null;
}

export interface RecipientQuery {
  q?: string;
  state?: string;
  offset?: number;
  limit?: number;
}

export interface MailSettings {
  identity: { name: string; from_address: string; postal_address: string; contact: string };
  identity_complete?: boolean;
  base_url: string;
  /** True when base_url is the listener's address, not a saved one. */
  base_url_default?: boolean;
  transport: 'catcher' | 'relay';
  relay: {
    addr: string;
    tls: 'starttls' | 'tls' | 'none';
    username: string;
    password?: string;
    password_set?: boolean;
    auth: 'plain' | 'login' | '';
    max_per_second: number;
    max_per_hour: number;
    concurrency: number;
    trusted_cert?: string;
  };
  dkim: { domain: string; selector: string; private_key?: string; private_key_set?: boolean };
  bounce: {
    imap_addr: string;
    imap_tls: string;
    username: string;
    password?: string;
    password_set?: boolean;
    mailbox: string;
  };
}

export interface CaughtSummary {
  id: number;
  received_at: string;
  from: string;
  to: string[];
  subject: string;
  message_id: string;
}

export interface CaughtMessage extends CaughtSummary {
  /** From and To as the message's headers say (the list has the envelope). */
  header_from?: string;
  header_to?: string[] | null;
  headers: [string, string][];
  html: string;
  text: string;
  attachments: { filename: string; content_type: string; size: number }[] | null;
}

export type ConsentMethod = 'paper' | 'web' | 'import' | 'other';

export interface ConsentRecord {
  id: number;
  address: string;
  granted_at: string;
  method: ConsentMethod | string;
  text_agreed: string;
  revoked_at: string | null;
  revoked_how: string;
}

export interface Suppression {
  address: string;
  reason: string;
  detail: string;
  created_at: string;
}

export type { AlumnusSummary, FacetValue, Page };
