// The Wails desktop window exposes native file dialogs for backup and restore.

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
