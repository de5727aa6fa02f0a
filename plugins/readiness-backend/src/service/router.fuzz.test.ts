import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import fc from 'fast-check';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startReadinessBackend } from '../testing/backend';
import { hidingCatalog } from '../testing/catalog';
import { testDatabases } from '../testing/databases';
import { component } from '../testing/entities';
import { scorecardWithScore } from '../testing/scorecards';

/**
 * Property-based fuzzing of every route, the campaign routes included:
 * generated methods, paths, query strings, bodies (campaign definitions
 * among them) and callers (a user who sees everything, a user from whom
 * some entities are hidden, an unauthenticated caller). Whatever is sent, no
 * response is a 5xx, every connection gets an answer, and nothing a hidden
 * entity would reveal (its name, namespace, owner, a blocker only it has)
 * reaches the user it is hidden from unless the request itself named it, in
 * which case the answer equals the answer about an entity that does not
 * exist. READINESS_FUZZ_REQUESTS sets the number of requests per database.
 */

jest.setTimeout(600_000);

const databases = testDatabases();

const REQUESTS = Number(process.env.READINESS_FUZZ_REQUESTS) || 5_000;
/** A fixed seed keeps the test command reproducible; READINESS_FUZZ_SEED explores others. */
const SEED = Number(process.env.READINESS_FUZZ_SEED ?? 20261202);
const BATCH = 8;

const ALLOWED_USER = 'user:default/fuzz-allowed';
const LIMITED_USER = 'user:default/fuzz-limited';

/** What a hidden entity would give away, and a same-shaped stand-in that does not exist. */
const HIDDEN_TOKENS: Array<[hidden: string, absent: string]> = [
  ['zq-hidden-payroll', 'zq-absent-payroll'],
  ['zq-hidden-ledger', 'zq-absent-ledger'],
  ['zqvault', 'zqempty'],
  ['zq-hidden-team', 'zq-absent-team'],
  ['zq-hidden-blocker', 'zq-absent-blocker'],
];

const titled = (name: string, owner: string, namespace = 'default') =>
  component(name, owner, { namespace, title: `Title ${name}` });

const entities: Entity[] = [
  titled('alpha', 'team-a'),
  titled('bravo', 'team-b'),
  titled('notyet', 'team-a'),
  titled('zq-hidden-payroll', 'zq-hidden-team'),
  titled('zq-hidden-ledger', 'zq-hidden-team', 'zqvault'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders-api', namespace: 'default' },
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const isHidden = (ref: string) =>
  HIDDEN_TOKENS.some(([token]) =>
    ref.toLocaleLowerCase('en-US').includes(token),
  );

/** As a permission policy would shape the catalog: the limited user never sees hidden entities. */
function hiddenFromLimited(ref: string, credentials: BackstageCredentials) {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  const limited =
    principal.type === 'user' && principal.userEntityRef === LIMITED_USER;
  return limited && isHidden(ref);
}

// Generators ---------------------------------------------------------------

/** Percent-encodes every byte outside the unreserved set. */
function encode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c)
      ? c
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const known = fc.constantFrom(
  'component',
  'Component',
  'COMPONENT',
  'api',
  'group',
  'user',
  'system',
  'resource',
  'default',
  'Default',
  'zqvault',
  'alpha',
  'Alpha',
  'bravo',
  'notyet',
  'orders-api',
  'team-a',
  'zq-hidden-payroll',
  'ZQ-Hidden-Payroll',
  'zq-hidden-ledger',
  'zq-hidden-team',
  'nope',
  'review.md',
  'refresh',
  'scorecards',
);

/** Already encoded: dot segments, control bytes, broken escapes, separators. */
const nasty = fc.constantFrom(
  '.',
  '..',
  '%2e',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%00',
  '%0A',
  '%0D%0A',
  '%09',
  '%1F',
  '%7F',
  '%C2%85',
  '%E2%80%A8',
  '%2F',
  '%5C',
  '%3A',
  '%25',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%EF%BF%BF',
  '%F0%9F%92%A9',
  '%20',
  '+',
  '~',
  '-',
  '_',
  '*',
  "'",
  '%22',
  '%3Cscript%3E',
  '%27%20OR%201%3D1--',
  '%25%30%30',
  'a%00b',
  'com%3Aponent',
);

const freeText = fc.string({ unit: 'binary', maxLength: 40 }).map(encode);

const long = fc
  .integer({ min: 60, max: 4_000 })
  .chain(n => fc.constantFrom('a', 'z', '%00', '.', '-').map(c => c.repeat(n)));

const segment: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: known },
  { weight: 3, arbitrary: nasty },
  { weight: 3, arbitrary: freeText },
  { weight: 1, arbitrary: long },
  {
    weight: 2,
    arbitrary: fc
      .tuple(known, nasty, fc.oneof(known, fc.constant('')))
      .map(parts => parts.join('')),
  },
);

const queryKey = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'owner',
      'kind',
      'lifecycle',
      'band',
      'minScore',
      'maxScore',
      'q',
      'orderBy',
      'order',
      'limit',
      'offset',
      'includeUnscored',
      'includeArchived',
      'status',
      'days',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'q[$gt]',
      'owner[]',
      'limit[0]',
      '__proto__',
      'constructor[prototype]',
      'unknown',
      '',
    ),
  },
  { weight: 1, arbitrary: freeText },
);

const queryValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.integer({ min: -20, max: 20_000_000 }).map(String),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'good',
      'needs-work',
      'poor',
      'critical',
      'score',
      'name',
      'owner',
      'auditedAt',
      'asc',
      'desc',
      'done',
      'waived',
      'not-done',
      'unscored',
      'left',
      'true',
      'false',
      'group:default/team-a',
      'team-b',
      'user:',
      'group:zqvault/zq-hidden-team',
      'zq-hidden-team',
      'production',
      '1e3',
      '0x10',
      '-0',
      '%205%20',
      '',
    ),
  },
  { weight: 3, arbitrary: segment },
);

/**
 * A leaderboard query shaped as a client sends it, so that most of it passes
 * validation and reaches the store, with hostile text in its free fields.
 */
const clientQuery = fc
  .record(
    {
      owner: fc.oneof(
        fc.constantFrom(
          'team-a',
          'group:default/team-b',
          'zq-hidden-team',
          'group:zqvault/zq-hidden-team',
        ),
        segment,
        segment.map(name => `group:default/${name}`),
      ),
      kind: fc.constantFrom('Component', 'component', 'API', 'System'),
      lifecycle: fc.oneof(
        fc.constantFrom('production', 'experimental'),
        nasty,
        freeText,
      ),
      band: fc.constantFrom('good', 'needs-work', 'poor', 'critical'),
      minScore: fc.integer({ min: 0, max: 100 }).map(String),
      maxScore: fc.constant('100'),
      q: fc.oneof(
        known,
        fc.constantFrom('zq', 'a', '%25', '_', '%5C', 'HIDDEN'),
        nasty,
        freeText,
      ),
      orderBy: fc.constantFrom('score', 'name', 'owner', 'auditedAt'),
      order: fc.constantFrom('asc', 'desc'),
      limit: fc.integer({ min: 1, max: 500 }).map(String),
      offset: fc.integer({ min: 0, max: 10 }).map(String),
      includeUnscored: fc.constantFrom('true', 'false'),
    },
    { requiredKeys: [] },
  )
  .map(entries =>
    Object.entries(entries)
      .map(([k, v]) => `${k}=${v}`)
      .join('&'),
  );

const query = fc
  .oneof(
    fc
      .array(fc.tuple(queryKey, queryValue), { maxLength: 6 })
      .map(pairs => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    clientQuery,
  )
  .map(text => (text ? `?${text}` : ''));

type Route =
  | 'scorecard'
  | 'review'
  | 'refresh'
  | 'leaderboard'
  | 'blockers'
  | 'owners'
  | 'summaries'
  | 'rules'
  | 'entity-campaigns'
  | 'campaigns'
  | 'campaign'
  | 'archive'
  | 'other';

const entityRoute = fc
  .tuple(
    segment,
    segment,
    segment,
    fc.constantFrom<[string, Route]>(
      ['', 'scorecard'],
      ['', 'scorecard'],
      ['/review.md', 'review'],
      ['/refresh', 'refresh'],
      ['/refresh', 'refresh'],
      ['/campaigns', 'entity-campaigns'],
      ['/', 'scorecard'],
    ),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: query },
    ),
  )
  .map(([kind, namespace, name, [suffix, route], q]) => ({
    path: `/scorecards/${kind}/${namespace}/${name}${suffix}${q}`,
    route,
  }));

const plainRoute = fc
  .tuple(
    fc.constantFrom<Route>(
      'leaderboard',
      'leaderboard',
      'leaderboard',
      'blockers',
      'owners',
      'summaries',
      'rules',
    ),
    fc.oneof(
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 3, arbitrary: query },
    ),
  )
  .map(([route, q]) => ({ path: `/${route}${q}`, route }));

/** The campaign the generated bodies create and change; the others are read-only or absent. */
const WRITTEN_CAMPAIGN = 'fuzz-made';

const campaignId = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'env-files',
      'security-all',
      WRITTEN_CAMPAIGN,
      'nope',
    ),
  },
  { weight: 2, arbitrary: segment },
);

const campaignRoute = fc
  .tuple(
    fc.constantFrom<Route>(
      'campaigns',
      'campaigns',
      'campaign',
      'campaign',
      'archive',
    ),
    campaignId,
    fc.oneof(
      { weight: 2, arbitrary: fc.constant('') },
      { weight: 2, arbitrary: query },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '?status=left&limit=1&offset=1&days=7',
          '?owner=group:default/team-a',
          '?owner=group:zqvault/zq-hidden-team',
          '?owner=zq-hidden-team&status=not-done',
          '?includeArchived=true',
        ),
      },
    ),
  )
  .map(([route, id, q]) => ({
    path:
      route === 'campaigns'
        ? `/campaigns${q}`
        : `/campaigns/${id}${route === 'archive' ? '/archive' : ''}${q}`,
    route,
    // Concurrent writes may change this campaign between two reads of it.
    volatile: route !== 'campaigns' && id === WRITTEN_CAMPAIGN,
  }));

const otherRoute = fc
  .oneof(
    segment.map(s => `/${s}`),
    segment.map(s => `/scorecards/${s}`),
    fc.tuple(segment, segment).map(([a, b]) => `/scorecards/${a}/${b}`),
    fc
      .tuple(segment, segment, segment, segment, segment)
      .map(parts => `/scorecards/${parts.join('/')}`),
    fc.constantFrom('/', '', '//leaderboard', '/leaderboard/', '/rules/x'),
  )
  .map(path => ({ path, route: 'other' as Route }));

const method = fc.oneof(
  { weight: 8, arbitrary: fc.constant('GET') },
  { weight: 3, arbitrary: fc.constant('POST') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  },
);

/** Printable text without a hidden token, as a client's free fields hold. */
const plainText = fc
  .string({ maxLength: 30 })
  .filter(text => !/zq/i.test(text));

/** A valid campaign definition, with or without its id (POST and PUT take one each). */
const validCampaign = fc.record(
  {
    id: fc.constant(WRITTEN_CAMPAIGN),
    title: fc.oneof(
      fc.constant('Fuzzed'),
      plainText.filter(text => text.trim() !== ''),
    ),
    description: plainText,
    owner: fc.constantFrom('team-a', 'group:default/team-b'),
    targetDate: fc.constantFrom('2030-01-01', '2020-06-30'),
    requirement: fc.constantFrom<unknown>(
      { rules: ['security/committed-env-file'] },
      { categories: ['security'] },
      { minScore: 50 },
    ),
    scope: fc.constantFrom<unknown>(
      {},
      { tags: 'java' },
      { owner: ['team-a', 'group:default/team-b'], lifecycle: ['production'] },
      { annotations: { 'backstage.io/source-location': true } },
    ),
    archived: fc.boolean(),
  },
  { requiredKeys: ['title', 'owner', 'targetDate', 'requirement'] },
);

/** One field a client could get wrong. */
const badCampaignField = fc.constantFrom<[string, unknown]>(
  ['id', 'Bad Id'],
  ['id', ''],
  ['id', 7],
  ['id', 'env-files'],
  ['title', ' '],
  ['title', '\u0000'],
  ['owner', 'user:'],
  ['owner', ':'],
  ['targetDate', '2027-02-30'],
  ['targetDate', 'soon'],
  ['requirement', { minScore: 101 }],
  ['requirement', { rules: [] }],
  ['requirement', { rules: ['nope/x'] }],
  ['requirement', { categories: ['nope'] }],
  ['requirement', { rules: ['security/committed-env-file'], minScore: 1 }],
  ['requirement', {}],
  ['requirement', null],
  ['scope', { owner: [] }],
  ['scope', { annotations: { a: false } }],
  ['scope', { team: 'a' }],
  ['archived', 'yes'],
  ['extra', 1],
);

/**
 * A campaign definition as a client sends it: valid, or with one field
 * wrong; it names no hidden entity.
 */
const campaignBody = fc
  .tuple(validCampaign, fc.option(badCampaignField), fc.boolean())
  .map(([definition, bad, withId]) => {
    const out: Record<string, unknown> = { ...definition };
    if (withId) out.id = WRITTEN_CAMPAIGN;
    if (bad) out[bad[0]] = bad[1];
    return JSON.stringify(out);
  });

/** Stands for a 300 kB body, so that a reported counterexample stays short. */
const BIG_BODY = '<300 kB of x>';

const body = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constant('{"entityRef":"component:default/alpha"}'),
  },
  { weight: 1, arbitrary: fc.constant('{"not": json') },
  { weight: 1, arbitrary: fc.constant(BIG_BODY) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 4, arbitrary: campaignBody },
);

type Caller = 'allowed' | 'limited' | 'unauthenticated';

const callers = fc.constantFrom<Caller>(
  'allowed',
  'limited',
  'unauthenticated',
);

/** Writes of the campaign the bodies name, so that some of them succeed. */
const campaignWrite = fc
  .tuple(
    callers,
    fc.oneof(
      campaignBody.map(payload => ({
        method: 'POST',
        target: { path: '/campaigns', route: 'campaigns' as Route },
        body: payload as string | undefined,
      })),
      campaignBody.map(payload => ({
        method: 'PUT',
        target: {
          path: `/campaigns/${WRITTEN_CAMPAIGN}`,
          route: 'campaign' as Route,
          volatile: true,
        },
        body: payload as string | undefined,
      })),
      fc.constant({
        method: 'POST',
        target: {
          path: `/campaigns/${WRITTEN_CAMPAIGN}/archive`,
          route: 'archive' as Route,
          volatile: true,
        },
        body: undefined as string | undefined,
      }),
    ),
  )
  .map(([who, write]) => ({ caller: who, ...write }));

const fuzzRequest = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      caller: callers,
      method,
      target: fc.oneof(
        { weight: 5, arbitrary: entityRoute },
        { weight: 5, arbitrary: plainRoute },
        { weight: 4, arbitrary: campaignRoute },
        { weight: 1, arbitrary: otherRoute },
      ),
      body,
    }),
  },
  { weight: 1, arbitrary: campaignWrite },
);

type FuzzRequest = typeof fuzzRequest extends fc.Arbitrary<infer T> ? T : never;

// Sending ------------------------------------------------------------------

const authorization: Record<Caller, string> = {
  allowed: mockCredentials.user.header(ALLOWED_USER),
  limited: mockCredentials.user.header(LIMITED_USER),
  unauthenticated: mockCredentials.none.header(),
};

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function send(
  port: number,
  agent: http.Agent,
  req: { caller: Caller; method: string; path: string; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      authorization: authorization[req.caller],
    };
    const payload = req.body === BIG_BODY ? 'x'.repeat(300_000) : req.body;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const r = http.request(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: req.method,
        path: `/api/readiness${req.path}`,
        headers,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.setTimeout(30_000, () => r.destroy(new Error('request timed out')));
    if (payload !== undefined) r.write(payload);
    r.end();
  });
}

function decodeLoosely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
}

/** Names that only the catalog's data could put into an answer. */
const ENTITY_TOKENS = [
  'alpha',
  'bravo',
  'notyet',
  'orders-api',
  'team-a',
  'team-b',
  'committed-env-file',
  ...HIDDEN_TOKENS.map(([token]) => token),
];

function tokensIn(text: string, tokens: string[]): string[] {
  const lower = text.toLocaleLowerCase('en-US');
  return tokens.filter(t => lower.includes(t));
}

/** What the limited user may learn: a hidden token only where the request named it. */
function hiddenTokensIn(text: string): string[] {
  return tokensIn(
    text,
    HIDDEN_TOKENS.map(([token]) => token),
  );
}

/** `absent` in the letter case of `like` (the tokens pair up letter for letter). */
function inCaseOf(like: string, absent: string): string {
  return [...absent]
    .map((c, i) =>
      like[i] && like[i] !== like[i].toLocaleLowerCase('en-US')
        ? c.toLocaleUpperCase('en-US')
        : c,
    )
    .join('');
}

function toAbsent(text: string): string {
  let out = text;
  for (const [hidden, absent] of HIDDEN_TOKENS) {
    out = out.replace(new RegExp(hidden, 'gi'), found =>
      inCaseOf(found, absent),
    );
  }
  return out;
}

/** The answer, with the stand-ins put back, as a user would compare it. */
function normalized(answer: Answer, fromAbsent: boolean): string {
  let text = answer.text;
  if (fromAbsent) {
    for (const [hidden, absent] of HIDDEN_TOKENS) {
      text = text.replace(new RegExp(absent, 'gi'), hidden);
    }
  }
  // The error body repeats the request line, which differs in case only.
  return `${answer.status} ${text.toLocaleLowerCase('en-US')}`;
}

// The run ------------------------------------------------------------------

describe.each(databases.eachSupportedId())(
  'readiness API under generated requests on %s',
  databaseId => {
    it(`answers ${REQUESTS}+ generated requests without a 5xx, a crash or a leak`, async () => {
      const knex = await databases.init(databaseId);
      const { server, store } = await startReadinessBackend({
        knex,
        catalog: hidingCatalog(entities, hiddenFromLimited),
        config: {
          campaigns: [
            {
              id: 'env-files',
              title: 'No committed env files',
              owner: 'platform',
              targetDate: '2020-01-01',
              requirement: { rules: ['security/committed-env-file'] },
            },
            {
              // Every security rule: a hidden entity's own blocker among them.
              id: 'security-all',
              title: 'Security',
              owner: 'platform',
              targetDate: '2999-01-01',
              requirement: { categories: ['security'] },
            },
          ],
        },
      });
      for (const entity of entities.filter(e => e.kind === 'Component')) {
        const entityRef = stringifyEntityRef(entity);
        if (entity.metadata.name === 'notyet') continue;
        const hidden = isHidden(entityRef);
        await store.saveAudit({
          entity: {
            entityRef,
            kind: entity.kind,
            namespace: entity.metadata.namespace!,
            name: entity.metadata.name,
            title: entity.metadata.title,
            owner: `group:default/${(entity.spec as { owner: string }).owner}`,
            lifecycle: 'production',
          },
          scorecard: scorecardWithScore(
            hidden ? 12 : 80,
            hidden
              ? ['security/committed-env-file', 'security/zq-hidden-blocker']
              : ['security/committed-env-file'],
          ),
          auditedAt: new Date('2025-02-01T00:00:00Z'),
        });
      }

      const port = (server.address() as AddressInfo).port;
      const agent = new http.Agent({ keepAlive: true, maxSockets: BATCH });
      const statuses = new Map<string, number>();
      const routes = new Map<Route, number>();
      const failures: string[] = [];
      let requests = 0;
      let comparisons = 0;
      const count = <K>(map: Map<K, number>, key: K) =>
        map.set(key, (map.get(key) ?? 0) + 1);

      const check = async (req: FuzzRequest) => {
        const { caller, method: verb, target, body: payload } = req;
        const what = `${caller} ${verb} ${target.path.slice(0, 300)}`;
        let answer: Answer;
        try {
          answer = await send(port, agent, {
            caller,
            method: verb,
            path: target.path,
            body: payload,
          });
        } catch (e) {
          // A path Node itself refuses to send is not a request.
          if (
            (e as NodeJS.ErrnoException).code === 'ERR_UNESCAPED_CHARACTERS'
          ) {
            return;
          }
          failures.push(`${what}: no answer (${(e as Error).message})`);
          return;
        }
        requests += 1;
        count(statuses, `${caller} ${answer.status}`);
        count(routes, target.route);
        if (answer.status >= 500) {
          failures.push(
            `${what}: ${answer.status} ${answer.text.slice(0, 300)}`,
          );
        }
        // Node's HTTP parser refuses oversized request headers (431) before any route or
        // authentication runs; every other answer to an unauthenticated caller is 401.
        if (
          caller === 'unauthenticated' &&
          answer.status !== 401 &&
          answer.status !== 431
        ) {
          failures.push(
            `${what}: ${answer.status} for an unauthenticated caller`,
          );
        }
        if (answer.status === 405 && !answer.headers.allow) {
          failures.push(`${what}: 405 without Allow`);
        }
        if (caller === 'unauthenticated') {
          // Error bodies repeat the request line; anything beyond that is data.
          // An answer may echo the request as sent or as decoded: `%AAlpha` holds `alpha` either way.
          const asked = tokensIn(
            `${target.path}\n${decodeLoosely(target.path)}`,
            ENTITY_TOKENS,
          );
          const told = tokensIn(answer.text, ENTITY_TOKENS).filter(
            t => !asked.includes(t),
          );
          if (told.length > 0 || answer.text.includes('"score"')) {
            failures.push(
              `${what}: data for an unauthenticated caller (${told.join(
                ', ',
              )})`,
            );
          }
          return;
        }
        if (caller === 'allowed') return;
        const named = hiddenTokensIn(
          `${target.path}\n${decodeLoosely(target.path)}`,
        );
        const leaked = hiddenTokensIn(answer.text).filter(
          t => !named.includes(t),
        );
        if (leaked.length > 0) {
          failures.push(`${what}: names ${leaked.join(', ')}`);
        }
        if (named.length > 0 && !('volatile' in target && target.volatile)) {
          // Asking about a hidden entity must look like asking about none.
          const twin = await send(port, agent, {
            caller,
            method: verb,
            path: toAbsent(target.path),
            body: payload,
          });
          requests += 1;
          comparisons += 1;
          count(statuses, `${caller} ${twin.status}`);
          count(routes, target.route);
          if (normalized(answer, false) !== normalized(twin, true)) {
            failures.push(
              `${what}: ${answer.status} differs from the same request about an entity that does not exist (${twin.status})`,
            );
          }
        }
      };

      await fc.assert(
        fc.asyncProperty(
          fc.array(fuzzRequest, { minLength: BATCH, maxLength: BATCH }),
          async batch => {
            await Promise.all(batch.map(check));
            expect(failures).toEqual([]);
          },
        ),
        {
          numRuns: Math.ceil(REQUESTS / BATCH),
          endOnFailure: true,
          seed: SEED,
        },
      );

      // Still up and still right after all of it.
      const after = await send(port, agent, {
        caller: 'limited',
        method: 'GET',
        path: '/leaderboard',
      });
      expect(after.status).toBe(200);
      expect(JSON.parse(after.text).total).toBe(2);
      agent.destroy();

      const table = [...statuses.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, n]) => `${key}: ${n}`)
        .join(', ');
      // eslint-disable-next-line no-console
      console.log(
        `${databaseId}: ${requests} requests (${comparisons} pairs about a hidden and a missing entity); statuses ${table}; routes ${[
          ...routes.entries(),
        ]
          .map(([route, n]) => `${route} ${n}`)
          .join(', ')}`,
      );
      expect(requests).toBeGreaterThanOrEqual(REQUESTS);
      for (const route of [
        'scorecard',
        'review',
        'refresh',
        'leaderboard',
        'blockers',
        'owners',
        'summaries',
        'rules',
        'entity-campaigns',
        'campaigns',
        'campaign',
        'archive',
      ] as Route[]) {
        expect([route, (routes.get(route) ?? 0) > 0]).toEqual([route, true]);
      }
      expect([...statuses.keys()].some(k => /\s5\d\d$/.test(k))).toBe(false);
    });
  },
);
