import type { Entity } from '@backstage/catalog-model';
import type { EntityFilter } from '@backstage/plugin-catalog-react';
import {
  READINESS_BAND_LABEL,
  READINESS_SCORE_ANNOTATION,
  type Band,
} from '@readiness/backstage-plugin-readiness-common';
import { BANDS, parseBand } from '../../helpers/bands';

/** The readiness score an entity carries in its annotation, if any. @public */
export function readinessScoreOf(entity: Entity): number | undefined {
  const raw = entity.metadata.annotations?.[READINESS_SCORE_ANNOTATION];
  if (raw === undefined || raw.trim() === '') return undefined;
  const score = Number(raw);
  return Number.isFinite(score) ? score : undefined;
}

/** The readiness band an entity carries in its label, if any. @public */
export function readinessBandOf(entity: Entity): Band | undefined {
  return parseBand(entity.metadata.labels?.[READINESS_BAND_LABEL]);
}

/**
 * Catalog filter on the readiness band label and score annotation that the
 * Readiness catalog integration writes. Bands are sent to the catalog backend;
 * the minimum score is checked in the browser, as annotations are text.
 * @public
 */
export class ReadinessFilter implements EntityFilter {
  readonly bands: Band[];
  readonly minScore?: number;

  constructor(options: { bands?: Band[]; minScore?: number }) {
    this.bands = BANDS.filter(band => options.bands?.includes(band));
    this.minScore = options.minScore;
  }

  /** Rebuilds a filter from its query-string form, e.g. `['band:good', 'min:60']`. */
  static fromQueryValue(
    value: string | string[] | undefined,
  ): ReadinessFilter | undefined {
    const values = value === undefined ? [] : [value].flat();
    const bands: Band[] = [];
    let minScore: number | undefined;
    for (const item of values) {
      const [key, raw] = item.split(':', 2);
      if (key === 'band') {
        const band = parseBand(raw);
        if (band) bands.push(band);
      } else if (key === 'min') {
        const number = Number(raw);
        if (raw && Number.isFinite(number)) minScore = number;
      }
    }
    const filter = new ReadinessFilter({ bands, minScore });
    return filter.isEmpty() ? undefined : filter;
  }

  isEmpty(): boolean {
    return this.bands.length === 0 && this.minScore === undefined;
  }

  getCatalogQuery() {
    if (this.bands.length === 0) return undefined;
    return { [`metadata.labels.${READINESS_BAND_LABEL}`]: { $in: this.bands } };
  }

  filterEntity(entity: Entity): boolean {
    if (this.bands.length > 0) {
      const band = readinessBandOf(entity);
      if (!band || !this.bands.includes(band)) return false;
    }
    if (this.minScore !== undefined) {
      const score = readinessScoreOf(entity);
      if (score === undefined || score < this.minScore) return false;
    }
    return true;
  }

  toQueryValue(): string[] {
    return [
      ...this.bands.map(band => `band:${band}`),
      ...(this.minScore === undefined ? [] : [`min:${this.minScore}`]),
    ];
  }
}
