/*
 * The campaign and roll-up suite of scripts/bench-api.mjs (--suite
 * campaigns): the organisation around the benchmark's Components, the
 * campaigns over them, their audit history and the requests measured.
 *
 * - 50 teams (team-0 … team-49, the owners of the Components) under five
 *   departments (dept-0 … dept-4, ten teams each) under one group (org);
 * - ten Systems of a thousand Components each (the i-th Component is part of
 *   system-<i % 10>), system-0 … system-5 in domain-big (6,000 Components),
 *   the others in domain-small;
 * - types: service (three in five), website, library;
 * - three campaigns in configuration: a rule set over production and
 *   experimental services, a category over forty of the fifty teams, and a
 *   minimum score over services and websites;
 * - per Component `audits` audits spread over the last 90 days (the latest
 *   within the last day), each of the 62 rule results of the template
 *   passing or failing at random, one Component in fifty with a waiver.
 */

import { syntheticVerdict } from './syntheticCatalog.mjs';

const TEAMS = 50;
const DEPARTMENTS = 5;
const SYSTEMS = 10;
const BIG_DOMAIN_SYSTEMS = 6;
const TYPES = ['service', 'service', 'service', 'website', 'library'];
const DAY_MS = 86_400_000;

const annotations = {
  'backstage.io/managed-by-location': 'url:https://bench.example/',
  'backstage.io/managed-by-origin-location': 'url:https://bench.example/',
};

const entity = (kind, name, spec) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

/**
 * The benchmark's Components, given a type and a system each, and the
 * groups, systems and domains they sit in.
 */
export function campaignBenchEntities(components) {
  const placed = components.map((component, i) => ({
    ...component,
    spec: {
      ...component.spec,
      type: TYPES[i % TYPES.length],
      system: `system-${i % SYSTEMS}`,
    },
  }));
  const groups = [
    entity('Group', 'org', { type: 'organization', children: [] }),
    ...Array.from({ length: DEPARTMENTS }, (_, d) =>
      entity('Group', `dept-${d}`, {
        type: 'department',
        parent: 'org',
        children: [],
      }),
    ),
    ...Array.from({ length: TEAMS }, (_, t) =>
      entity('Group', `team-${t}`, {
        type: 'team',
        parent: `dept-${Math.floor(t / (TEAMS / DEPARTMENTS))}`,
        children: [],
      }),
    ),
  ];
  const systems = Array.from({ length: SYSTEMS }, (_, s) =>
    entity('System', `system-${s}`, {
      owner: `group:default/team-${s}`,
      domain: s < BIG_DOMAIN_SYSTEMS ? 'domain-big' : 'domain-small',
    }),
  );
  const domains = ['domain-big', 'domain-small'].map(name =>
    entity('Domain', name, { owner: 'group:default/org' }),
  );
  return [...placed, ...groups, ...systems, ...domains];
}

/** The campaigns, as `readiness.campaigns` in app-config. */
export const CAMPAIGN_BENCH_CAMPAIGNS = [
  {
    id: 'secure-services',
    title: 'Services keep secrets out and drop root',
    owner: 'org',
    targetDate: '2099-03-01',
    requirement: {
      rules: [
        'security/hardcoded-secret',
        'security/committed-env-file',
        'infrastructure/dockerfile-runs-as-root',
      ],
    },
    scope: { type: ['service'], lifecycle: ['production', 'experimental'] },
  },
  {
    id: 'observable',
    title: 'Every team can see its services',
    owner: 'org',
    targetDate: '2099-06-01',
    requirement: { categories: ['observability'] },
    scope: {
      owner: Array.from({ length: 40 }, (_, t) => `team-${t}`),
    },
  },
  {
    id: 'score-70',
    title: 'Services and websites score 70',
    owner: 'org',
    targetDate: '2020-01-01',
    requirement: { minScore: 70 },
    scope: { type: ['service', 'website'] },
  },
];

/**
 * The audits of the `index`th Component, oldest first: `audits` of them,
 * the template's results each passing or failing at random.
 */
export function campaignBenchAudits(template, index, random, now, audits) {
  const out = [];
  for (let a = 0; a < audits; a++) {
    // Spread over the last 90 days; the latest within the last day.
    const daysAgo =
      a === audits - 1 ? random() : ((audits - 1 - a) * 89) / audits + random();
    const waived = index % 50 === 0;
    let failing = 0;
    const results = template.results.map((result, r) => {
      if (result.status === 'not-applicable') return result;
      const fails = random() < 0.35;
      if (!fails) return { ...result, status: 'pass', score: 100 };
      failing += 1;
      return {
        ...result,
        status: 'fail',
        score: 0,
        ...(waived && r % 7 === 0
          ? {
              waiver: {
                ruleId: result.ruleId,
                reason: 'accepted for the benchmark',
                expires: '2099-12-31',
              },
            }
          : {}),
      };
    });
    const score = Math.max(
      0,
      Math.min(100, Math.round(100 - failing * 1.6 + random() * 20)),
    );
    const blockers = template.blockers.filter(b =>
      results.some(r => r.ruleId === b.ruleId && r.status === 'fail'),
    );
    out.push({
      scorecard: {
        ...template,
        results,
        score,
        blockers,
        verdict: syntheticVerdict(score, blockers.length),
      },
      auditedAt: new Date(now - Math.floor(daysAgo * DAY_MS)),
    });
  }
  return out;
}

/**
 * The requests measured over `count` Components: [label, path(client,
 * request)]. The entity asked for varies and is never one of the hidden
 * tenth.
 */
export function campaignScenarios(count) {
  const visibleComponent = (c, i) => {
    const n = (c * 997 + i * 131) % count;
    return `svc-${String(n % 10 === 7 ? n - 1 : n).padStart(5, '0')}`;
  };
  return [
    ['campaigns (3)', () => '/campaigns'],
    ['campaign, rule set', () => '/campaigns/secure-services'],
    [
      'campaign, category, a team left',
      (c, i) =>
        `/campaigns/observable?owner=group:default/team-${
          (c * 7 + i) % 40
        }&status=left`,
    ],
    ['campaign, min score', () => '/campaigns/score-70'],
    [
      "an entity's campaigns",
      (c, i) =>
        `/scorecards/component/default/${visibleComponent(c, i)}/campaigns`,
    ],
    ['roll-up, department', () => '/rollups/group/default/dept-1'],
    ['roll-up, org', () => '/rollups/group/default/org'],
    ['roll-up, system', () => '/rollups/system/default/system-3'],
    ['roll-up, domain', () => '/rollups/domain/default/domain-big'],
  ];
}
