import { request } from '../../api/client';

/** A roster entry that may be the person who registered. */
export interface Candidate {
  id: number;
  name: string;
  name_reading: string;
  employee_number: string;
  email: string;
  join_date: string;
  leave_date: string;
  member: boolean;
  matches: string[];
  score: number;
}

/** A registration waiting in HR's queue. */
export interface Registration {
  id: number;
  name: string;
  name_reading: string;
  employee_number: string;
  join_year: number;
  leave_year: number;
  email: string;
  status: string;
  created_at: string;
  candidates: Candidate[];
}

/** HR's approval queue (/api/portal/registrations, alumni.write). */
export const queueApi = {
  list: (signal?: AbortSignal) => request<{ items: Registration[] }>('/api/portal/registrations', { signal }),
  approve: (id: number, alumnusId: number, updateEmail: boolean) =>
    request<Registration>(`/api/portal/registrations/${id}/approve`, { method: 'POST', json: { alumnus_id: alumnusId, update_email: updateEmail } }),
  reject: (id: number, reason: string) =>
    request<Registration>(`/api/portal/registrations/${id}/reject`, { method: 'POST', json: { reason } }),
};
