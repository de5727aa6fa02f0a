import {
  FactRetriever,
  FactRetrieverContext,
} from '@backstage-community/plugin-tech-insights-node';
import { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntitySummary } from '@readiness/backstage-plugin-readiness-backend';
import {
  CategoryId,
  RuleResult,
  SCORECARD_SCHEMA_VERSION,
  Scorecard,
  scoreResults,
  Severity,
  Waiver,
} from '@readiness/backstage-plugin-readiness-common';
import { DateTime } from 'luxon';

/** A rule outcome of a test scorecard. */
export interface TestResult {
  ruleId: string;
  severity: Severity;
  status: RuleResult['status'];
}

/** A scorecard scored by the real scoring model from a few rule outcomes. */
export function makeScorecard(
  results: TestResult[],
  waivers: Waiver[] = [],
): Scorecard {
  const generatedAt = '2025-03-01T10:00:00.000Z';
  const raw: RuleResult[] = results.map(r => ({
    ruleId: r.ruleId,
    category: r.ruleId.split('/')[0] as CategoryId,
    severity: r.severity,
    title: `Title of ${r.ruleId}`,
    status: r.status,
    ...(r.status === 'pass' ? { score: 1 } : {}),
    ...(r.status === 'fail' ? { score: 0 } : {}),
    findings:
      r.status === 'fail'
        ? [{ path: 'app.py', line: 3, message: `${r.ruleId} failed` }]
        : [],
  }));
  return {
    schemaVersion: SCORECARD_SCHEMA_VERSION,
    ...scoreResults(raw, { waivers, now: new Date(generatedAt) }),
    stats: { files: 3, skipped: 0, bytes: 100, durationMs: 1, errors: [] },
    stack: ['python'],
    generatedAt,
    engineVersion: 'test',
  };
}

/** A catalog Component; `spec` is merged in. */
export function component(
  name: string,
  spec: Record<string, string> = {},
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace },
    spec: {
      type: 'service',
      owner: 'team-a',
      lifecycle: 'production',
      ...spec,
    },
  };
}

/** How the readiness store records a Component. */
export function summary(name: string, namespace = 'default'): EntitySummary {
  return {
    entityRef: `component:${namespace}/${name}`,
    kind: 'Component',
    namespace,
    name,
  };
}

/**
 * The context Tech Insights hands a fact retriever's handler, from core
 * services; the engine passes the retriever's own entity filter unless the
 * test gives another.
 */
export function retrieverContext(
  retriever: FactRetriever,
  entityFilter: FactRetrieverContext['entityFilter'] = retriever.entityFilter,
) {
  const logger = mockServices.logger.mock();
  const context: FactRetrieverContext = {
    config: mockServices.rootConfig(),
    discovery: mockServices.discovery(),
    logger,
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock(),
    entityFilter,
  };
  return { context, logger };
}

/** When the sample audits ran. */
export const AUDITED_AT = new Date('2025-03-02T08:30:00.000Z');

/**
 * The sample: three audited Components (payments with a blocker and a
 * waived failure, orders production-ready, storefront a website with a
 * waived secret), two without a scorecard (search never audited, billing
 * whose first audit failed), an audited System, and a scorecard of a
 * Component the catalog no longer has.
 */
export const SAMPLE_CATALOG: Entity[] = [
  component('payments'),
  component('orders'),
  component('storefront', { type: 'website' }),
  component('search'),
  component('billing'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { owner: 'team-a' },
  },
];

const waiver = (ruleId: string): Waiver => ({
  ruleId,
  reason: 'behind the gateway',
  expires: '2099-12-31',
});

/** Writes the sample's scorecards through the readiness store. */
export async function seedSample(store: {
  saveAudit(record: {
    entity: EntitySummary;
    scorecard: Scorecard;
    auditedAt: Date;
  }): Promise<boolean>;
  saveError(options: {
    entity: EntitySummary;
    error: string;
    checkedAt: Date;
  }): Promise<boolean>;
}): Promise<void> {
  await store.saveAudit({
    entity: summary('payments'),
    scorecard: makeScorecard(
      [
        {
          ruleId: 'security/hardcoded-secret',
          severity: 'high',
          status: 'fail',
        },
        {
          ruleId: 'security/no-rate-limiting',
          severity: 'medium',
          status: 'fail',
        },
        { ruleId: 'testing/has-tests', severity: 'medium', status: 'pass' },
        {
          ruleId: 'database/migrations',
          severity: 'medium',
          status: 'not-applicable',
        },
        { ruleId: 'cicd/ci-present', severity: 'low', status: 'pass' },
      ],
      [waiver('security/no-rate-limiting')],
    ),
    auditedAt: AUDITED_AT,
  });
  await store.saveAudit({
    entity: summary('orders'),
    scorecard: makeScorecard([
      { ruleId: 'security/hardcoded-secret', severity: 'high', status: 'pass' },
      { ruleId: 'testing/has-tests', severity: 'medium', status: 'pass' },
    ]),
    auditedAt: new Date(AUDITED_AT.getTime() + 60_000),
  });
  await store.saveAudit({
    entity: summary('storefront'),
    scorecard: makeScorecard(
      [
        {
          ruleId: 'security/hardcoded-secret',
          severity: 'high',
          status: 'fail',
        },
        { ruleId: 'documentation/readme', severity: 'low', status: 'fail' },
      ],
      [waiver('security/hardcoded-secret')],
    ),
    auditedAt: AUDITED_AT,
  });
  await store.saveError({
    entity: summary('billing'),
    error: 'repository not found',
    checkedAt: AUDITED_AT,
  });
  await store.saveAudit({
    entity: {
      entityRef: 'system:default/commerce',
      kind: 'System',
      namespace: 'default',
      name: 'commerce',
    },
    scorecard: makeScorecard([
      { ruleId: 'testing/has-tests', severity: 'medium', status: 'fail' },
    ]),
    auditedAt: AUDITED_AT,
  });
  await store.saveAudit({
    entity: summary('ghost'),
    scorecard: makeScorecard([
      { ruleId: 'testing/has-tests', severity: 'medium', status: 'pass' },
    ]),
    auditedAt: AUDITED_AT,
  });
}

/**
 * What in a fact row disagrees with a Tech Insights fact schema: facts the
 * schema does not declare or that are missing, declarations without a type
 * or description, and values of another type than declared.
 */
export function factSchemaMismatches(
  facts: Record<string, unknown>,
  schema: FactSchema,
): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(facts)) {
    if (!(name in schema)) problems.push(`${name}: not in the schema`);
  }
  for (const [name, { type, description }] of Object.entries(schema)) {
    if (!description?.trim()) problems.push(`${name}: no description`);
    if (!(name in facts)) {
      problems.push(`${name}: missing`);
      continue;
    }
    const value = facts[name];
    const matches: Record<string, (v: unknown) => boolean> = {
      integer: v => Number.isInteger(v),
      float: v => typeof v === 'number' && Number.isFinite(v),
      string: v => typeof v === 'string',
      boolean: v => typeof v === 'boolean',
      datetime: v => DateTime.isDateTime(v) && v.isValid,
      set: v => Array.isArray(v) && new Set(v).size === v.length,
      object: v => typeof v === 'object' && v !== null && !Array.isArray(v),
    };
    if (!matches[type]) problems.push(`${name}: unknown type ${type}`);
    else if (!matches[type](value)) {
      problems.push(`${name}: ${JSON.stringify(value)} is no ${type}`);
    }
  }
  return problems;
}
