import { ApiError } from './error';
import type {
  AlumniQuery,
  Alumnus,
  ApiToken,
  AlumnusInput,
  AlumnusSummary,
  AuditEntry,
  Company,
  ExportFormat,
  Facets,
  Job,
  Me,
  Page,
  Role,
  User,
} from './types';

type Query = Record<string, string | number | boolean | undefined>;

let onUnauthorized: (() => void) | undefined;

/** Called whenever the API answers 401 (the session ended or never began). */
export function setUnauthorizedHandler(fn: (() => void) | undefined) {
  onUnauthorized = fn;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  method?: string;
  query?: Query;
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

/** One API call: JSON in and out, errors as ApiError. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) {
    body = opts.form;
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw ApiError.local(0, 'client.network', 'errors.network');
  }
  if (res.status === 401 && onUnauthorized) onUnauthorized();
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    if (data?.error?.code) throw new ApiError(res.status, data.error);
    throw ApiError.local(res.status, 'client.http', 'errors.unexpected');
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

function file(field: string, f: File): FormData {
  const form = new FormData();
  form.append(field, f);
  return form;
}

export const api = {
  login: (email: string, password: string) =>
    request<{ user: User }>('/api/auth/login', { method: 'POST', json: { email, password } }),
  logout: () => request<void>('/api/auth/logout', { method: 'POST' }),
  me: (signal?: AbortSignal) => request<Me>('/api/me', { signal }),

  companies: (signal?: AbortSignal) => request<{ items: Company[] }>('/api/companies', { signal }),
  createCompany: (c: Omit<Company, 'id'>) => request<Company>('/api/companies', { method: 'POST', json: c }),

  users: (signal?: AbortSignal) => request<{ items: User[] }>('/api/users', { signal }),
  /** Without a password the server generates one and returns it, once. */
  createUser: (u: { email: string; display_name: string; role: Role; password?: string }) =>
    request<{ user: User; password?: string }>('/api/users', { method: 'POST', json: u }),

  tokens: (signal?: AbortSignal) => request<{ items: ApiToken[] }>('/api/tokens', { signal }),
  /** The secret is returned here only. */
  createToken: (t: { name: string; role: Role }) =>
    request<{ token: ApiToken; secret: string }>('/api/tokens', { method: 'POST', json: t }),
  revokeToken: (id: number) => request<void>(`/api/tokens/${id}`, { method: 'DELETE' }),

  alumni: (q: AlumniQuery, signal?: AbortSignal) =>
    request<Page<AlumnusSummary>>('/api/alumni', { query: { ...q }, signal }),
  facets: (signal?: AbortSignal) => request<Facets>('/api/alumni/facets', { signal }),
  alumnus: (id: number, signal?: AbortSignal) => request<Alumnus>(`/api/alumni/${id}`, { signal }),
  createAlumnus: (a: Partial<AlumnusInput>) => request<Alumnus>('/api/alumni', { method: 'POST', json: a }),
  updateAlumnus: (id: number, a: Partial<AlumnusInput>) =>
    request<Alumnus>(`/api/alumni/${id}`, { method: 'PUT', json: a }),
  deleteAlumnus: (id: number) => request<void>(`/api/alumni/${id}`, { method: 'DELETE' }),

  startImport: (f: File, opts: { companyId: number; dryRun: boolean; skipInvalid: boolean }) =>
    request<{ job_id: string }>('/api/alumni/import', {
      method: 'POST',
      query: { dry_run: opts.dryRun, skip_invalid: opts.skipInvalid, company_id: opts.companyId },
      form: file('file', f),
    }),
  job: (id: string, signal?: AbortSignal) => request<Job>(`/api/jobs/${encodeURIComponent(id)}`, { signal }),

  restore: (f: File) => request<{ restored: boolean }>('/api/restore', { method: 'POST', form: file('file', f) }),

  audit: (limit: number, signal?: AbortSignal) =>
    request<{ items: AuditEntry[] }>('/api/audit', { query: { limit }, signal }),
};

/** Download addresses: the browser follows them and saves the attachment. */
export const downloads = {
  export: (format: ExportFormat) => apiUrl('/api/alumni/export', { format }),
  backup: '/api/backup',
};
