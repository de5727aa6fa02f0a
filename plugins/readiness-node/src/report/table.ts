import { Band, Scorecard, Severity, Verdict } from '@readiness/backstage-plugin-readiness-common';
import { BAND_LABELS, gainLabel, headline, locationOf } from './format';

/** @public */
export interface TableReportOptions {
  /** Colour the output with ANSI escapes. Default false. */
  color?: boolean;
  /** Fixes listed. Default 5. */
  maxFixes?: number;
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  magenta: '\u001b[35m',
};

type Paint = (text: string, ...styles: Array<keyof typeof ANSI>) => string;

const BAND_COLORS: Record<Band | 'not-applicable', keyof typeof ANSI> = {
  good: 'green',
  'needs-work': 'yellow',
  poor: 'magenta',
  critical: 'red',
  'not-applicable': 'dim',
};

const VERDICT_COLORS: Record<Verdict, keyof typeof ANSI> = {
  'production-ready': 'green',
  'needs-work': 'yellow',
  'not-ready': 'red',
};

const SEVERITY_COLORS: Record<Severity, keyof typeof ANSI> = {
  critical: 'red',
  high: 'red',
  medium: 'yellow',
  low: 'dim',
};

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** Cuts a line to a width a terminal shows, ending it with `…`. */
function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/**
 * A terminal summary of the scorecard: score and verdict, the category
 * scores, the blockers and the fixes that win back the most points.
 * @public
 */
export function renderTable(scorecard: Scorecard, options: TableReportOptions = {}): string {
  const paint: Paint = options.color
    ? (text, ...styles) => `${styles.map(s => ANSI[s]).join('')}${text}${ANSI.reset}`
    : text => text;
  const out: string[] = [];

  out.push(paint(headline(scorecard), 'bold', VERDICT_COLORS[scorecard.verdict]));
  const { stats } = scorecard;
  const blockers = scorecard.blockers.length;
  out.push(
    paint(
      `${blockers} blocker${blockers === 1 ? '' : 's'} · ${stats.files} files read · ${stats.skipped} skipped${
        stats.errors.length ? ` · ${stats.errors.length} parse error${stats.errors.length === 1 ? '' : 's'}` : ''
      }`,
      'dim',
    ),
  );
  if (stats.truncated) {
    out.push(paint(`Incomplete audit: the walk ${stats.truncated}`, 'yellow'));
  }
  out.push('');

  const titleWidth = Math.max(8, ...scorecard.categories.map(c => c.title.length)) + 2;
  out.push(paint(`${pad('Category', titleWidth)}${pad('Score', 8)}Band`, 'bold'));
  for (const c of scorecard.categories) {
    const score = c.score === null ? '—' : `${c.score}`;
    out.push(`${pad(c.title, titleWidth)}${pad(score, 8)}${paint(BAND_LABELS[c.band], BAND_COLORS[c.band])}`);
  }

  out.push('', paint(`Blockers (${blockers})`, 'bold'));
  if (blockers === 0) out.push('  none');
  for (const b of scorecard.blockers) {
    const where = b.example ? locationOf(b.example) : 'repository-wide';
    const more = b.findings > 1 ? ` (+${b.findings - 1} more)` : '';
    out.push(
      `  ${paint(pad(b.severity.toUpperCase(), 9), SEVERITY_COLORS[b.severity])}${b.ruleId}  ${clip(where, 60)}${more}`,
    );
  }

  const max = options.maxFixes ?? 5;
  const fixes = scorecard.fixes.slice(0, max);
  out.push('', paint('Top fixes', 'bold'));
  if (fixes.length === 0) out.push('  none');
  for (const f of fixes) {
    out.push(`  ${pad(f.priority, 4)}${pad(gainLabel(f.expectedGain), 14)}${f.ruleId}: ${clip(f.title, 70)}`);
  }
  if (scorecard.fixes.length > max) {
    out.push(paint(`  …and ${scorecard.fixes.length - max} more in the full report`, 'dim'));
  }
  return `${out.join('\n')}\n`;
}
