import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { createServer, get, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ReadinessScmPauseStore } from '../database/ReadinessStore';
import {
  FALLBACK_PAUSE_MS,
  MAX_PAUSE_MS,
  pauseUntil,
  readRateLimitHeaders,
  ScmRateLimitError,
  ScmRateLimits,
} from './rateLimits';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const inSeconds = (s: number) => new Date(NOW.getTime() + s * 1000);
const epoch = (s: number) => String(Math.floor(NOW.getTime() / 1000) + s);

describe('readRateLimitHeaders', () => {
  it('reads GitHub, GitLab and Retry-After headers', () => {
    expect(
      readRateLimitHeaders(
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': epoch(30) },
        NOW,
      ),
    ).toEqual({ remaining: 0, resetAt: inSeconds(30) });
    expect(
      readRateLimitHeaders(
        {
          'ratelimit-remaining': '12',
          'ratelimit-reset': epoch(5),
          'retry-after': '7',
        },
        NOW,
      ),
    ).toEqual({ remaining: 12, resetAt: inSeconds(5), retryAfterMs: 7000 });
    expect(
      readRateLimitHeaders({ 'retry-after': inSeconds(90).toUTCString() }, NOW),
    ).toEqual({ retryAfterMs: 90_000 });
  });

  it('ignores values that are not counts or dates', () => {
    expect(
      readRateLimitHeaders(
        {
          'x-ratelimit-remaining': '-1',
          'x-ratelimit-reset': 'soon',
          'retry-after': 'later',
        },
        NOW,
      ),
    ).toEqual({});
  });
});

describe('pauseUntil', () => {
  it('takes Retry-After first, then the reset of a used-up window, else the fallback', () => {
    expect(
      pauseUntil(
        { retryAfterMs: 5000, remaining: 0, resetAt: inSeconds(600) },
        NOW,
      ),
    ).toEqual(inSeconds(5));
    expect(pauseUntil({ remaining: 0, resetAt: inSeconds(42) }, NOW)).toEqual(
      inSeconds(42),
    );
    // a reset while requests remain says nothing of when to go on
    expect(pauseUntil({ remaining: 3, resetAt: inSeconds(42) }, NOW)).toEqual(
      new Date(NOW.getTime() + FALLBACK_PAUSE_MS),
    );
    expect(pauseUntil(undefined, NOW)).toEqual(
      new Date(NOW.getTime() + FALLBACK_PAUSE_MS),
    );
  });

  it('pauses at least a second and at most an hour', () => {
    expect(pauseUntil({ remaining: 0, resetAt: inSeconds(-10) }, NOW)).toEqual(
      inSeconds(1),
    );
    expect(pauseUntil({ retryAfterMs: 86_400_000 }, NOW)).toEqual(
      new Date(NOW.getTime() + MAX_PAUSE_MS),
    );
  });
});

describe('ScmRateLimits', () => {
  let server: Server;
  let base: string;
  /** The headers and status the API answers with next. */
  let answer: { status: number; headers: Record<string, string> };

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(answer.status, answer.headers).end('{}');
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  /** An in-memory pause store, as the database one behaves. */
  const memoryStore = (): ReadinessScmPauseStore & {
    pauses: Map<string, Date>;
  } => {
    const pauses = new Map<string, Date>();
    return {
      pauses,
      async pauseHost(host, until) {
        const held = pauses.get(host);
        if (!held || held < until) pauses.set(host, until);
      },
      async pausedUntil(host, now) {
        const until = pauses.get(host);
        return until && until > now ? until : undefined;
      },
    };
  };

  const setup = () => {
    const store = memoryStore();
    const limits = ScmRateLimits.create({
      store,
      integrations: ScmIntegrations.fromConfig(
        mockServices.rootConfig({
          data: {
            integrations: {
              github: [{ host: 'gh.test', apiBaseUrl: `${base}/gh` }],
              gitlab: [{ host: 'gl.test', apiBaseUrl: `${base}/gl` }],
            },
          },
        }),
      ),
      logger: mockServices.logger.mock(),
    });
    return { store, limits };
  };

  /** The status of a GET with `http.request`, as node-fetch (the GitHub reader's client) sends it. */
  const httpGet = (url: string) =>
    new Promise<number>((resolve, reject) => {
      get(url, res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });

  /** A reader that asks the API with `http.request` or Node's fetch, and throws as the readers do. */
  const reader = (
    path: string,
    client: 'http' | 'fetch',
    message = (status: number) =>
      `Request failed for ${base}${path}, ${status} Forbidden`,
  ): UrlReaderService & { calls: number } => {
    const self = {
      calls: 0,
      readUrl: jest.fn(),
      search: jest.fn(),
      readTree: async () => {
        self.calls += 1;
        let status: number;
        if (client === 'http') {
          status = await httpGet(`${base}${path}`);
        } else {
          const res = await fetch(`${base}${path}`);
          await res.text();
          status = res.status;
        }
        if (status >= 400) throw new Error(message(status));
        return {} as any;
      },
    };
    return self;
  };

  it('pauses a host before any read is refused when an answer says no request remains', async () => {
    const { store, limits } = setup();
    try {
      const reset = Math.floor(Date.now() / 1000) + 120;
      answer = {
        status: 200,
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
        },
      };
      const github = reader('/gh/repos/a/b', 'http');
      const wrapped = limits.wrap(github);
      await wrapped.readTree('https://gh.test/a/b');
      await new Promise(resolve => setImmediate(resolve));
      expect(store.pauses.get('gh.test')).toEqual(new Date(reset * 1000));
      await expect(wrapped.readTree('https://gh.test/a/c')).rejects.toEqual(
        new ScmRateLimitError('gh.test', new Date(reset * 1000)),
      );
      expect(github.calls).toBe(1);
      // another host is not held back
      answer = { status: 200, headers: { 'ratelimit-remaining': '10' } };
      await limits
        .wrap(reader('/gl/projects/x', 'fetch'))
        .readTree('https://gl.test/x/y');
      expect(store.pauses.has('gl.test')).toBe(false);
    } finally {
      limits.close();
    }
  });

  it("reads a GitLab 403's headers through Node's fetch to tell a rate limit from a refusal", async () => {
    const { store, limits } = setup();
    try {
      const gitlabMessage = (status: number) =>
        `Failed to read tree from https://gl.test/x/y, ${status} Forbidden`;
      answer = { status: 403, headers: { 'ratelimit-remaining': '25' } };
      const refused = limits.wrap(
        reader('/gl/projects/x', 'fetch', gitlabMessage),
      );
      await expect(refused.readTree('https://gl.test/x/y')).rejects.toThrow(
        /^Failed to read tree/,
      );
      expect(store.pauses.size).toBe(0);

      answer = {
        status: 403,
        headers: { 'ratelimit-remaining': '0', 'retry-after': '30' },
      };
      const before = Date.now();
      const error = await limits
        .wrap(reader('/gl/projects/x', 'fetch', gitlabMessage))
        .readTree('https://gl.test/x/y')
        .catch(e => e);
      expect(error).toBeInstanceOf(ScmRateLimitError);
      expect(error.host).toBe('gl.test');
      expect(error.until.getTime()).toBeGreaterThanOrEqual(before + 30_000);
      expect(error.until.getTime()).toBeLessThanOrEqual(Date.now() + 30_000);
      expect(store.pauses.get('gl.test')).toEqual(error.until);
    } finally {
      limits.close();
    }
  });

  it('takes a 429 as a rate limit even without headers, for the fallback time', async () => {
    const { limits } = setup();
    try {
      answer = { status: 429, headers: {} };
      const before = Date.now();
      const error = await limits
        .wrap(
          reader(
            '/gh/repos/a/b',
            'http',
            s =>
              `Request failed for ${base}/gh/repos/a/b, ${s} Too Many Requests (rate limit exceeded)`,
          ),
        )
        .readTree('https://gh.test/a/b')
        .catch(e => e);
      expect(error).toBeInstanceOf(ScmRateLimitError);
      expect(error.until.getTime()).toBeGreaterThanOrEqual(
        before + FALLBACK_PAUSE_MS,
      );
    } finally {
      limits.close();
    }
  });

  it('leaves other errors and other SCMs alone', async () => {
    const { store, limits } = setup();
    try {
      const other: UrlReaderService = {
        readUrl: jest.fn(),
        search: jest.fn(),
        readTree: jest.fn(async () => {
          throw new Error('Request failed, 500 Internal Server Error');
        }),
      };
      await expect(
        limits.wrap(other).readTree('https://gh.test/a/b'),
      ).rejects.toThrow('500 Internal Server Error');
      await store.pauseHost('gh.test', new Date(Date.now() + 60_000), NOW);
      // a host without a GitHub or GitLab integration is never held back
      await expect(
        limits.wrap(other).readTree('https://bitbucket.org/a/b'),
      ).rejects.toThrow('500');
      expect(other.readTree).toHaveBeenCalledTimes(2);
    } finally {
      limits.close();
    }
  });
});
