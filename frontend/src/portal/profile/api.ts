import { request } from '../../api/client';

export type Visibility = 'alumni' | 'hr';
export const profileFields = ['photo', 'company', 'role', 'industry', 'job_type', 'join_year', 'skills', 'interests', 'open_to', 'bio'] as const;
export type ProfileField = (typeof profileFields)[number];

export interface Profile {
  id: number;
  name: string;
  name_reading: string;
  company: string;
  role: string;
  industry: string;
  job_type: string;
  join_year: number;
  skills: string[];
  interests: string[];
  open_to: string[];
  bio: string;
  has_photo: boolean;
  visibility: Record<ProfileField, Visibility>;
  /** fields HR keeps off every profile, whatever visibility says */
  hr_hidden?: ProfileField[];
  updated_at: string;
}

/** Another member's profile: only the fields they show. */
export type Card = Partial<Omit<Profile, 'visibility' | 'updated_at' | 'hr_hidden'>> & { id: number; name: string; name_reading: string };

export interface SurveyOption {
  key: string;
  ja: string;
  en: string;
  /** no longer offered; still names old answers */
  retired?: boolean;
}
/** A wording in both languages; empty means the built-in wording. */
export interface SurveyText {
  ja: string;
  en: string;
}
/** An extra question HR added; its answers are for HR only. */
export interface SurveyQuestion {
  key: string;
  kind: 'single' | 'multiple' | 'text';
  label: SurveyText;
  options?: SurveyOption[];
  retired?: boolean;
}
/** One published version of the welcome survey (HR edits it in the console). */
export interface Survey {
  version: number;
  intro?: SurveyText;
  ask?: { join_year: boolean; industry: boolean; job_type: boolean; comment: boolean };
  interests_label?: SurveyText;
  open_to_label?: SurveyText;
  interests: SurveyOption[];
  open_to: SurveyOption[];
  questions?: SurveyQuestion[];
  published_at?: string;
}
export interface SurveyState {
  survey: Survey;
  pending: boolean;
  /** the member's answers so far (possibly to an earlier version) */
  answers?: Answers & { answered_at?: string };
}
export interface Answers {
  version?: number;
  skipped?: boolean;
  join_year?: number;
  industry?: string;
  job_type?: string;
  interests?: string[];
  open_to?: string[];
  comment?: string;
  /** answers to extra questions: question key -> option keys, or the one line of a text question */
  extra?: Record<string, string[]>;
}

export const getProfile = () => request<Profile>('/api/portal/profile');
export const saveProfile = (p: Omit<Profile, 'id' | 'name' | 'name_reading' | 'join_year' | 'has_photo' | 'updated_at' | 'hr_hidden'>) =>
  request<Profile>('/api/portal/profile', { method: 'PUT', json: p });
export function uploadPhoto(file: File) {
  const form = new FormData();
  form.append('photo', file);
  return request<Profile>('/api/portal/profile/photo', { method: 'POST', form });
}
export const getSurvey = () => request<SurveyState>('/api/portal/survey');
export const answerSurvey = (a: Answers) => request<SurveyState>('/api/portal/survey', { method: 'POST', json: a });

export interface DirectoryQuery {
  q?: string;
  company?: string;
  industry?: string;
  job_type?: string;
  interest?: string;
  join_year_from?: number;
  join_year_to?: number;
  offset?: number;
  limit?: number;
}
export const searchMembers = (q: DirectoryQuery) =>
  request<{ total: number; offset: number; limit: number; items: Card[] }>('/api/portal/alumni', { query: { ...q } });

/** The label of a survey option key in the current language. */
export function optionLabel(options: SurveyOption[], key: string, lang: string): string {
  const o = options.find((x) => x.key === key);
  if (!o) return key;
  return lang.startsWith('en') ? o.en : o.ja;
}
