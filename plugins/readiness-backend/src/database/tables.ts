import { Knex } from 'knex';
import { EntitySummary } from './ReadinessStore';

export const SCORECARDS = 'readiness_scorecards';
export const HISTORY = 'readiness_history';
export const BLOCKERS = 'readiness_blockers';
export const QUEUE = 'readiness_refresh_state';
export const SCM_PAUSES = 'readiness_scm_pauses';

/** Rows are written in chunks small enough for every engine's bind limit. */
export const CHUNK = 200;

export interface ScorecardDbRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner: string | null;
  lifecycle: string | null;
  score: number | string | null;
  verdict: string | null;
  band: string | null;
  blockers: number | string;
  scorecard?: string | null;
  etag?: string | null;
  inputs_hash?: string | null;
  link_base?: string | null;
  link_line_anchor?: string | null;
  audited_at: Date | number | string | null;
  checked_at: Date | number | string | null;
  error: string | null;
  waiting_host?: string | null;
  waiting_until?: Date | number | string | null;
}

export interface QueueDbRow {
  entity_ref: string;
  next_due_at: Date | number | string;
  lease_owner: string | null;
  lease_expires_at: Date | number | string | null;
  lease_token: number | string;
  priority: number | string;
  attempts: number | string;
  last_error: string | null;
}

/** SQLite hands dates back as epoch milliseconds, PostgreSQL as Date. */
export function toDate(
  value: Date | number | string | null | undefined,
): Date | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  return /^\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
}

export function toNumber(
  value: number | string | null | undefined,
): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

export function entityColumns(entity: EntitySummary) {
  return {
    entity_ref: entity.entityRef,
    kind: entity.kind,
    namespace: entity.namespace,
    name: entity.name,
    title: entity.title ?? null,
    owner: entity.owner ?? null,
    lifecycle: entity.lifecycle ?? null,
  };
}

/** Whether the client speaks PostgreSQL (row locks with SKIP LOCKED). */
export function isPostgres(db: Knex): boolean {
  return (
    (db.client as { dialect?: string }).dialect === 'postgresql' ||
    ['pg', 'postgres', 'postgresql'].includes(String(db.client.config.client))
  );
}
