import { request } from '../../api/client';
import type { PortalMember } from '../access/api';

/** What a visitor enters on /portal/register. */
export interface RegistrationRequest {
  name: string;
  name_reading: string;
  employee_number: string;
  join_year: number;
  leave_year: number;
  email: string;
}

/** What a confirmed registration led to. */
export type RegistrationStatus = 'admitted' | 'pending' | 'refused';

/** Open registration and the optional password (/api/portal/…). */
export const registerApi = {
  /** Always 202 for valid input: nothing tells whether the person is on the roster. */
  submit: (req: RegistrationRequest) => request<{ sent: boolean }>('/api/portal/register', { method: 'POST', json: req }),
  verify: (email: string, code: string) =>
    request<{ status: RegistrationStatus; alumnus?: PortalMember }>('/api/portal/register/verify', { method: 'POST', json: { email, code } }),
  passwordLogin: (email: string, password: string) =>
    request<{ alumnus: PortalMember }>('/api/portal/login/password', { method: 'POST', json: { email, password } }),
  password: (signal?: AbortSignal) => request<{ set: boolean }>('/api/portal/password', { signal }),
  setPassword: (password: string) => request<{ set: boolean }>('/api/portal/password', { method: 'PUT', json: { password } }),
  removePassword: () => request<{ set: boolean }>('/api/portal/password', { method: 'DELETE' }),
};
