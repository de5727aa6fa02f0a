import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { ReadinessScmPauseStore } from '../database/ReadinessStore';
import { statusIn } from './readFailures';
import { SourceError } from './SourceError';

/** Without a usable header, a host is paused this long (GitHub asks for at least a minute). */
export const FALLBACK_PAUSE_MS = 60_000;
/** No header pauses a host longer than this; it is checked again then. */
export const MAX_PAUSE_MS = 60 * 60_000;
/** Node publishes the answers of `http.request` here, and undici (Node's `fetch`) its own. */
const NODE_RESPONSES = 'http.client.response.finish';
const UNDICI_RESPONSES = 'undici:request:headers';
/** A refused answer seen this recently explains the error a reader throws for it. */
const REFUSAL_MEMORY_MS = 30_000;

/** What an SCM said of its rate limit in one answer's headers. */
export interface RateLimitHeaders {
  /** Requests left in the window (`x-ratelimit-remaining`, `RateLimit-Remaining`). */
  remaining?: number;
  /** When the window resets (`x-ratelimit-reset`, `RateLimit-Reset`: epoch seconds). */
  resetAt?: Date;
  /** How long to wait (`Retry-After`: seconds or an HTTP date). */
  retryAfterMs?: number;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

function count(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/**
 * Reads the rate-limit headers of GitHub (`x-ratelimit-*`) and GitLab
 * (`RateLimit-*`), and `Retry-After` of either, from headers named in lower
 * case (as Node gives them).
 */
export function readRateLimitHeaders(
  headers: Headers,
  now: Date,
): RateLimitHeaders {
  const out: RateLimitHeaders = {};
  const remaining = count(
    header(headers, 'x-ratelimit-remaining') ??
      header(headers, 'ratelimit-remaining'),
  );
  if (remaining !== undefined) out.remaining = remaining;
  const reset = count(
    header(headers, 'x-ratelimit-reset') ?? header(headers, 'ratelimit-reset'),
  );
  if (reset !== undefined) out.resetAt = new Date(reset * 1000);
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = count(retryAfter);
    const date = seconds === undefined ? Date.parse(retryAfter) : NaN;
    if (seconds !== undefined) out.retryAfterMs = seconds * 1000;
    else if (!Number.isNaN(date))
      out.retryAfterMs = Math.max(0, date - now.getTime());
  }
  return out;
}

/** Whether the headers say the limit is used up. */
export function isExhausted(seen: RateLimitHeaders): boolean {
  return seen.remaining === 0 || seen.retryAfterMs !== undefined;
}

/**
 * Until when to hold a host back, as the SCMs ask: `Retry-After` first,
 * then the reset of a used-up window, else {@link FALLBACK_PAUSE_MS}; at
 * least a second and at most {@link MAX_PAUSE_MS}.
 */
export function pauseUntil(
  seen: RateLimitHeaders | undefined,
  now: Date,
  fallbackMs = FALLBACK_PAUSE_MS,
): Date {
  let waitMs = fallbackMs;
  if (seen?.retryAfterMs !== undefined) {
    waitMs = seen.retryAfterMs;
  } else if (seen?.remaining === 0 && seen.resetAt) {
    waitMs = seen.resetAt.getTime() - now.getTime();
  }
  waitMs = Math.min(MAX_PAUSE_MS, Math.max(1000, waitMs));
  return new Date(now.getTime() + waitMs);
}

/**
 * A read held back because the rate limit of the SCM's API is used up. The
 * entity is not failed: it waits until `until`, when the limit resets.
 * @public
 */
export class ScmRateLimitError extends SourceError {
  readonly host: string;
  readonly until: Date;

  constructor(host: string, until: Date) {
    super(
      'rate-limited',
      `Waiting for the SCM rate limit of ${host} until ${until.toISOString()}; the audit runs then`,
    );
    this.name = 'ScmRateLimitError';
    this.host = host;
    this.until = until;
  }
}

/** An answer of an SCM API, as the watch saw it. */
interface SeenAnswer {
  status: number;
  headers: RateLimitHeaders;
  at: number;
}

/**
 * Watches the answers of the GitHub and GitLab APIs that Backstage's URL
 * readers receive. The readers throw errors that carry the status in their
 * message but not the headers, and say nothing of a successful answer's
 * headers. Node publishes every HTTP client answer on a diagnostics channel
 * (`http.client.response.finish` for `http.request`, which the GitHub
 * reader's node-fetch uses; `undici:request:headers` for Node's `fetch`,
 * which the GitLab integration uses): the rate-limit headers are read there,
 * for the answers whose URL lies under an integration's `apiBaseUrl`.
 */
export class ScmAnswerWatch {
  readonly #apis: Array<{ base: string; host: string }>;
  readonly #refusals = new Map<string, SeenAnswer>();
  readonly #onExhausted: (host: string, seen: RateLimitHeaders) => void;
  readonly #nodeListener = (message: unknown) => this.#seenByNode(message);
  readonly #undiciListener = (message: unknown) => this.#seenByUndici(message);

  constructor(options: {
    integrations: ScmIntegrationRegistry;
    /** Called when an answer says the host's limit is used up. */
    onExhausted: (host: string, seen: RateLimitHeaders) => void;
  }) {
    this.#onExhausted = options.onExhausted;
    this.#apis = [
      ...options.integrations.github.list(),
      ...options.integrations.gitlab.list(),
    ].flatMap(integration => {
      const { apiBaseUrl, host } = integration.config;
      return apiBaseUrl ? [{ base: apiBaseUrl.replace(/\/+$/, ''), host }] : [];
    });
    if (this.#apis.length > 0) {
      diagnostics.subscribe(NODE_RESPONSES, this.#nodeListener);
      diagnostics.subscribe(UNDICI_RESPONSES, this.#undiciListener);
    }
  }

  /** The host whose API answered at `url`, if any. */
  hostOfApi(url: string): string | undefined {
    return this.#apis.find(
      api => url === api.base || url.startsWith(`${api.base}/`),
    )?.host;
  }

  /** The last 403 or 429 answer of `host`'s API, if it came recently. */
  lastRefusal(host: string, now: Date): SeenAnswer | undefined {
    const seen = this.#refusals.get(host);
    return seen && now.getTime() - seen.at <= REFUSAL_MEMORY_MS
      ? seen
      : undefined;
  }

  stop(): void {
    diagnostics.unsubscribe(NODE_RESPONSES, this.#nodeListener);
    diagnostics.unsubscribe(UNDICI_RESPONSES, this.#undiciListener);
  }

  /** An answer to `http.request` (node-fetch, as the GitHub reader uses). */
  #seenByNode(message: unknown): void {
    const { request, response } = message as {
      request?: ClientRequest;
      response?: IncomingMessage;
    };
    if (!request || !response?.statusCode) return;
    const authority = request.getHeader('host') ?? request.host;
    this.#seen(
      `${request.protocol}//${authority}${request.path}`,
      response.statusCode,
      response.headers,
    );
  }

  /** An answer to Node's own `fetch` (undici, as the GitLab reader uses). */
  #seenByUndici(message: unknown): void {
    const { request, response } = message as {
      request?: { origin?: string; path?: string };
      response?: { statusCode?: number; headers?: Array<Buffer | string> };
    };
    if (!request?.origin || !response?.statusCode) return;
    const headers: Headers = {};
    const raw = response.headers ?? [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      headers[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
    }
    this.#seen(
      `${request.origin}${request.path ?? ''}`,
      response.statusCode,
      headers,
    );
  }

  #seen(url: string, status: number, answered: Headers): void {
    const host = this.hostOfApi(url);
    if (!host) return;
    const now = Date.now();
    const headers = readRateLimitHeaders(answered, new Date(now));
    if (status === 403 || status === 429) {
      this.#refusals.set(host, { status, headers, at: now });
    }
    if (isExhausted(headers)) this.#onExhausted(host, headers);
  }
}

/**
 * Holds back the reads of GitHub and GitLab hosts whose API rate limit is
 * used up, across replicas: a read of a paused host fails at once with
 * {@link ScmRateLimitError}, as does a read the SCM refuses for its rate
 * limit (a 429, or a 403 that says so); the pause is kept in the database
 * until the limit resets. An answer whose headers say the limit is used up
 * pauses the host before any read is refused.
 */
export class ScmRateLimits {
  readonly #store: ReadinessScmPauseStore;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #logger: LoggerService;
  readonly #clock: () => Date;
  readonly #fallbackMs: number;
  readonly #watch: ScmAnswerWatch;
  /** Pauses this replica set, so they hold before the database write ends. */
  readonly #local = new Map<string, Date>();

  static create(options: {
    store: ReadinessScmPauseStore;
    integrations: ScmIntegrationRegistry;
    logger: LoggerService;
    clock?: () => Date;
    /** How long to pause a host whose answer gave no reset time. */
    fallbackPauseMs?: number;
  }): ScmRateLimits {
    return new ScmRateLimits(options);
  }

  private constructor(options: {
    store: ReadinessScmPauseStore;
    integrations: ScmIntegrationRegistry;
    logger: LoggerService;
    clock?: () => Date;
    fallbackPauseMs?: number;
  }) {
    this.#store = options.store;
    this.#integrations = options.integrations;
    this.#logger = options.logger;
    this.#clock = options.clock ?? (() => new Date());
    this.#fallbackMs = options.fallbackPauseMs ?? FALLBACK_PAUSE_MS;
    this.#watch = new ScmAnswerWatch({
      integrations: options.integrations,
      onExhausted: (host, seen) => {
        const now = this.#clock();
        this.#pause(host, pauseUntil(seen, now, this.#fallbackMs), now).catch(
          e =>
            this.#logger.warn(
              `Readiness could not record the rate-limit pause of ${host}: ${e}`,
            ),
        );
      },
    });
  }

  /** The reader, with every read of a paused host held back. */
  wrap(reader: UrlReaderService): UrlReaderService {
    return {
      readUrl: (url, options) =>
        this.#guard(url, () => reader.readUrl(url, options)),
      readTree: (url, options) =>
        this.#guard(url, () => reader.readTree(url, options)),
      search: (url, options) =>
        this.#guard(url, () => reader.search(url, options)),
    };
  }

  /** Stops watching the SCMs' answers. */
  close(): void {
    this.#watch.stop();
  }

  /** The GitHub or GitLab host that reads `url`, if any. */
  #hostOf(url: string): string | undefined {
    const integration =
      this.#integrations.github.byUrl(url) ??
      this.#integrations.gitlab.byUrl(url);
    return integration?.config.host;
  }

  async #guard<T>(url: string, read: () => Promise<T>): Promise<T> {
    const host = this.#hostOf(url);
    if (!host) return read();
    const now = this.#clock();
    const local = this.#local.get(host);
    const until =
      local && local > now ? local : await this.#store.pausedUntil(host, now);
    if (until) throw new ScmRateLimitError(host, until);
    try {
      return await read();
    } catch (e) {
      const limited = this.#limitedUntil(host, e);
      if (!limited) throw e;
      await this.#pause(host, limited, this.#clock());
      this.#logger.info(
        `Readiness holds back the reads of ${host} until ${limited.toISOString()}: its API rate limit is used up`,
      );
      throw new ScmRateLimitError(host, limited);
    }
  }

  /**
   * Whether a reader's error is the SCM refusing for its rate limit, and
   * until when. The readers keep the status in the message (the GitHub
   * reader adds "rate limit exceeded" for a 429, and for a 403 with
   * `x-ratelimit-remaining: 0`); the headers come from the watch.
   */
  #limitedUntil(host: string, error: unknown): Date | undefined {
    const message = String((error as Error)?.message ?? error);
    const status = statusIn(message)?.code;
    if (status !== 403 && status !== 429) return undefined;
    const now = this.#clock();
    const refusal = this.#watch.lastRefusal(host, now);
    const seen = refusal?.status === status ? refusal.headers : undefined;
    const limited =
      status === 429 ||
      /rate limit/i.test(message) ||
      (seen !== undefined && isExhausted(seen));
    return limited ? pauseUntil(seen, now, this.#fallbackMs) : undefined;
  }

  async #pause(host: string, until: Date, now: Date): Promise<void> {
    const held = this.#local.get(host);
    if (!held || held < until) this.#local.set(host, until);
    await this.#store.pauseHost(host, until, now);
  }
}
