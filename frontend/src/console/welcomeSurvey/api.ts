import { request } from '../../api/client';
import type { Survey } from '../../portal/profile/api';

/** The survey answers HR lets appear on profiles, or keeps for HR. */
export const surveyFields = ['join_year', 'industry', 'job_type', 'interests', 'open_to'] as const;
export type SurveyField = (typeof surveyFields)[number];

export interface SurveySummary {
  answered: number;
  skipped: number;
  interests: Record<string, number>;
  open_to: Record<string, number>;
  /** choice questions: question key -> option key -> members */
  extra?: Record<string, Record<string, number>>;
}

/** GET /api/welcome-survey: the console's welcome-survey tab. */
export interface WelcomeSurveyView {
  survey: Survey;
  profile_fields: Record<SurveyField, 'alumni' | 'hr'>;
  summary: SurveySummary;
}

export const getWelcomeSurvey = (signal?: AbortSignal) => request<WelcomeSurveyView>('/api/welcome-survey', { signal });
export const publishSurvey = (draft: Survey) => request<WelcomeSurveyView>('/api/welcome-survey', { method: 'POST', json: draft });
export const saveProfileFields = (fields: Partial<Record<SurveyField, 'alumni' | 'hr'>>) =>
  request<WelcomeSurveyView>('/api/welcome-survey/profile-fields', { method: 'PUT', json: fields });
