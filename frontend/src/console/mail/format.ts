/** A time shown as Japan Standard Time, whatever the computer's own zone. */
export function formatJst(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang.startsWith('en') ? 'en-GB' : 'ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "2026-11-22 19:00:00" typed as Japan time → RFC 3339 UTC. */
export function jstToIso(local: string): string {
  const d = new Date(`${local.trim().replace(' ', 'T')}+09:00`);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** RFC 3339 → "2026-11-22 19:00:00" in Japan time, the picker's form. */
export function isoToJst(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(new Date(iso).getTime() + 9 * 3600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** Done share of a campaign in whole percent. */
export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}
