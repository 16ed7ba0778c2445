/** "2015-04-01" as the Western-calendar date Japanese HR reads: 2015/04/01. */
export function formatDate(iso: string | undefined): string {
  return iso ? iso.replaceAll('-', '/') : '';
}

export function formatDateTime(iso: string | undefined, lang: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang.startsWith('en') ? 'en-GB' : 'ja-JP', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** 1234 → "1,234". */
export function formatNumber(n: number, lang: string): string {
  return n.toLocaleString(lang.startsWith('en') ? 'en-US' : 'ja-JP');
}
