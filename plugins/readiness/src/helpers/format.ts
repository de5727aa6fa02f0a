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

/**
 * What an entity held back by its SCM's rate limit waits for, in one
 * sentence: `Waiting for the SCM rate limit of github.com until 3 Dec, 10:04`.
 */
export function waitingText(waiting: { host: string; until: string }): string {
  return `Waiting for the SCM rate limit of ${
    waiting.host
  } until ${formatDateTime(waiting.until)}`;
}
