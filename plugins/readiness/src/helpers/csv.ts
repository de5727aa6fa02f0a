import type { LeaderboardItem } from '../api/types';
import { bandLabel, verdictLabel } from './bands';

/** One CSV cell: quoted when it holds a separator, quote or line break. */
export function csvCell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheet tools.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells to CSV text, with CRLF line endings (RFC 4180). */
export function toCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number | undefined | null>>,
): string {
  return rows.map(row => row.map(csvCell).join(',')).join('\r\n');
}

export const LEADERBOARD_CSV_HEADER = [
  'Entity',
  'Title',
  'Kind',
  'Owner',
  'Lifecycle',
  'Score',
  'Band',
  'Verdict',
  'Blockers',
  'Audited at',
  'Audit error',
] as const;

/** The leaderboard rows as CSV, in the order they are shown. */
export function leaderboardToCsv(items: readonly LeaderboardItem[]): string {
  return `${toCsv([
    LEADERBOARD_CSV_HEADER,
    ...items.map(item => [
      item.entityRef,
      item.title,
      item.kind,
      item.owner,
      item.lifecycle,
      item.score,
      item.band ? bandLabel(item.band) : '',
      item.verdict ? verdictLabel(item.verdict) : '',
      item.blockers,
      item.auditedAt,
      item.error,
    ]),
  ])}\r\n`;
}
