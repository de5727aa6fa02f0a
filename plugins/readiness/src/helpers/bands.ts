import {
  bandFor,
  type Band,
  type Priority,
  type Severity,
  type Verdict,
} from '@readiness/backstage-plugin-readiness-common';

/** A band, or a category where no rule applied. */
export type BandOrNotApplicable = Band | 'not-applicable';

/** Every band, best first. */
export const BANDS: readonly Band[] = [
  'good',
  'needs-work',
  'poor',
  'critical',
];

/** The tone a status is shown with; the text and icon always say the same. */
export type Tone = 'ok' | 'warning' | 'serious' | 'error' | 'neutral';

/** Colours chosen to stay readable (≥ 4.5:1) with white text. */
export const TONE_COLOURS: Record<Tone, string> = {
  ok: '#1b5e20',
  warning: '#8a5300',
  serious: '#b33c00',
  error: '#b71c1c',
  neutral: '#546e7a',
};

const BAND_LABELS: Record<BandOrNotApplicable, string> = {
  good: 'Good',
  'needs-work': 'Needs work',
  poor: 'Poor',
  critical: 'Critical',
  'not-applicable': 'Not applicable',
};

const BAND_TONES: Record<BandOrNotApplicable, Tone> = {
  good: 'ok',
  'needs-work': 'warning',
  poor: 'serious',
  critical: 'error',
  'not-applicable': 'neutral',
};

const BAND_RANGES: Record<BandOrNotApplicable, string> = {
  good: '75–100',
  'needs-work': '50–74',
  poor: '40–49',
  critical: '0–39',
  'not-applicable': 'no applicable rule',
};

const VERDICT_LABELS: Record<Verdict, string> = {
  'production-ready': 'Production ready',
  'needs-work': 'Needs work',
  'not-ready': 'Not ready',
};

const VERDICT_TONES: Record<Verdict, Tone> = {
  'production-ready': 'ok',
  'needs-work': 'warning',
  'not-ready': 'error',
};

const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const SEVERITY_TONES: Record<Severity, Tone> = {
  critical: 'error',
  high: 'serious',
  medium: 'warning',
  low: 'neutral',
};

const PRIORITY_TONES: Record<Priority, Tone> = {
  P0: 'error',
  P1: 'serious',
  P2: 'warning',
};

function isBand(value: string): value is BandOrNotApplicable {
  return value in BAND_LABELS;
}

/** Human label of a band, e.g. `Needs work`. Unknown values are shown as given. */
export function bandLabel(band: string): string {
  return isBand(band) ? BAND_LABELS[band] : band;
}

/** The score range of a band, e.g. `50–74`. */
export function bandRange(band: BandOrNotApplicable): string {
  return BAND_RANGES[band];
}

export function bandTone(band: string): Tone {
  return isBand(band) ? BAND_TONES[band] : 'neutral';
}

export function bandColour(band: string): string {
  return TONE_COLOURS[bandTone(band)];
}

export function verdictLabel(verdict: Verdict): string {
  return VERDICT_LABELS[verdict] ?? verdict;
}

export function verdictTone(verdict: Verdict): Tone {
  return VERDICT_TONES[verdict] ?? 'neutral';
}

export function severityLabel(severity: Severity): string {
  return SEVERITY_LABELS[severity] ?? severity;
}

export function severityTone(severity: Severity): Tone {
  return SEVERITY_TONES[severity] ?? 'neutral';
}

export function priorityTone(priority: Priority): Tone {
  return PRIORITY_TONES[priority] ?? 'neutral';
}

/** Colour of a score on the band scale, for gauges and charts. */
export function scoreColour(score: number): string {
  return bandColour(bandFor(score));
}

/** Parses a band string from a label or query parameter. */
export function parseBand(value: string | undefined): Band | undefined {
  if (!value) return undefined;
  return (BANDS as readonly string[]).includes(value)
    ? (value as Band)
    : undefined;
}
