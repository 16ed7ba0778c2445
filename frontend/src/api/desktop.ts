// The Wails desktop window exposes native file dialogs for backup, restore and downloads.
import { ApiError, pickLanguage } from './error';

export interface ShellResult {
  ok: boolean;
  path: string;
  message: string;
}

interface Shell {
  Backup(): Promise<ShellResult>;
  Restore(): Promise<ShellResult>;
  /**
   * Saves an export through a native save dialog. The desktop webview does
   * not download attachments, so the export links need this binding there;
   * older shells without it fall back to the links.
   */
  Export?(format: string): Promise<ShellResult>;
  /** Saves the API's answer to method and path (a POST carries body as JSON) through a native save dialog. */
  Download?(method: string, path: string, body: string, defaultName: string): Promise<ShellResult>;
}

declare global {
  interface Window {
    go?: { desktop?: { Shell?: Shell } };
  }
}

/** The native shell when running inside the desktop window, else undefined. */
export function desktopShell(): Shell | undefined {
  return window.go?.desktop?.Shell;
}

/** A file the console offers: what the API answers to method and path, saved as name. */
export interface Download {
  method: 'GET' | 'POST';
  path: string;
  json?: unknown;
  name: string;
}

/**
 * Saves a download. In the desktop window it goes through the shell's native
 * save dialog (the webview does not download attachments): the answer is the
 * shell's message, or undefined when the dialog was cancelled. In a browser
 * the file is fetched and handed to the browser to save; the answer is ''.
 * A failure throws an ApiError with the API's reason.
 */
export async function saveDownload(d: Download): Promise<string | undefined> {
  const shell = desktopShell();
  if (shell?.Download) {
    const r = await shell.Download(d.method, d.path, d.json === undefined ? '' : JSON.stringify(d.json), d.name);
    if (r.ok) return r.message;
    if (!r.message) return undefined;
    throw new ApiError(0, { code: 'desktop.download', message: pickLanguage(r.message, 'ja'), message_en: pickLanguage(r.message, 'en') });
  }
  const res = await fetch(d.path, {
    method: d.method,
    credentials: 'same-origin',
    headers: d.json === undefined ? {} : { 'Content-Type': 'application/json' },
    body: d.json === undefined ? undefined : JSON.stringify(d.json),
  }).catch(() => {
    throw ApiError.local(0, 'client.network', 'errors.network');
  });
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    if (data?.error?.code) throw new ApiError(res.status, data.error);
    throw ApiError.local(res.status, 'client.http', 'errors.unexpected');
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = d.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return '';
}
