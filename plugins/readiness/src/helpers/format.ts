/** A date-time as a short local text, or an em dash when unknown. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A date as a short local text, for chart axes. */
export function formatDate(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** A signed score gain, e.g. `+4`. */
export function formatGain(gain: number): string {
  const rounded = Math.round(gain * 10) / 10;
  return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

/** A file name fragment made of safe characters only. */
export function safeFileName(value: string): string {
  return (
    value.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'entity'
  );
}
