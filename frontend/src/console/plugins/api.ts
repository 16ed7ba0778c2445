import { request } from '../../api/client';

/** A label in Japanese and English. */
export interface LocalText {
  ja: string;
  en: string;
}

export interface SettingField {
  key: string;
  type: 'string' | 'number' | 'boolean' | 'select';
  label: LocalText;
  help?: LocalText;
  default?: unknown;
  required?: boolean;
  secret?: boolean;
  options?: { value: string; label: LocalText }[];
}

export interface Manifest {
  id: string;
  version: string;
  min_host_version: string;
  name: LocalText;
  description: LocalText;
  permissions: string[] | null;
  settings: SettingField[] | null;
  nav: { area: string; label: LocalText; path: string }[] | null;
}

/** An installed plugin with its live state. */
export interface Plugin {
  id: string;
  version: string;
  manifest: Manifest;
  state: 'enabled' | 'disabled' | 'failed';
  reason: string;
  granted: string[] | null;
  settings: Record<string, unknown>;
  signed_by: string;
  installed_at: string;
  updated_at: string;
  running: boolean;
  /** when the running process became ready; changes at every restart */
  started_at?: string;
  process: string;
  http: boolean;
  health: string;
}

export interface LogLine {
  at: string;
  line: string;
}

const base = (id: string) => `/api/plugins/${encodeURIComponent(id)}`;

export const pluginsApi = {
  list: (signal?: AbortSignal) => request<{ items: Plugin[] }>('/api/plugins', { signal }),
  install: (f: File) => {
    const form = new FormData();
    form.append('file', f);
    return request<Plugin>('/api/plugins', { method: 'POST', form });
  },
  enable: (id: string, grant: string[]) => request<Plugin>(`${base(id)}/enable`, { method: 'POST', json: { grant } }),
  disable: (id: string) => request<Plugin>(`${base(id)}/disable`, { method: 'POST' }),
  saveSettings: (id: string, values: Record<string, unknown>) =>
    request<Plugin>(`${base(id)}/settings`, { method: 'PUT', json: values }),
  logs: (id: string, signal?: AbortSignal) => request<{ items: LogLine[] }>(`${base(id)}/logs`, { signal }),
  remove: (id: string) => request<void>(base(id), { method: 'DELETE' }),
};

/** The label in the UI's language (Japanese when English is missing). */
export function local(text: LocalText | undefined, lang: string): string {
  if (!text) return '';
  return lang.startsWith('en') && text.en ? text.en : text.ja || text.en;
}
