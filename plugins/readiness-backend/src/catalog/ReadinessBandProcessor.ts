import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  READINESS_BAND_LABEL,
  READINESS_SCORE_ANNOTATION,
} from '@readiness/backstage-plugin-readiness-common';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';
import { SummariesResponse } from '../service/types';

type Summary = SummariesResponse['items'][number];

/** Summaries asked for at a time. */
const SUMMARIES_PAGE = 10_000;

/** After a failed fetch, wait this long before asking again. */
const RETRY_AFTER_FAILURE_MS = 15_000;

/**
 * Writes each audited entity's readiness band into the label
 * `readiness.dev/band` and its score into the annotation
 * `readiness.dev/score`, so the catalog can filter and search on them.
 *
 * The scores come from the readiness plugin's API (plugins keep separate
 * databases), called with the catalog's own service credentials. One call
 * fetches every score and is cached, so processing thousands of entities
 * costs one request per cache period. When the API cannot be reached the
 * entity passes through unchanged.
 * @public
 */
export class ReadinessBandProcessor implements CatalogProcessor {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #cacheMs: number;
  readonly #fetch: typeof fetch;
  #cache?: {
    expires: number;
    scores: Promise<Map<string, Summary> | undefined>;
  };

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    cacheSeconds?: number;
    fetch?: typeof fetch;
  }): ReadinessBandProcessor {
    return new ReadinessBandProcessor(options);
  }

  private constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    cacheSeconds?: number;
    fetch?: typeof fetch;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#cacheMs = (options.cacheSeconds ?? 60) * 1000;
    this.#fetch = options.fetch ?? fetch;
  }

  getProcessorName(): string {
    return 'ReadinessBandProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!AUDITED_KINDS.includes(entity.kind) || !entity.metadata?.name) {
      return entity;
    }
    const scores = await this.#scores();
    const summary = scores?.get(stringifyEntityRef(entity));
    if (!summary) return entity;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        labels: {
          ...entity.metadata.labels,
          [READINESS_BAND_LABEL]: summary.band,
        },
        annotations: {
          ...entity.metadata.annotations,
          [READINESS_SCORE_ANNOTATION]: String(summary.score),
        },
      },
    };
  }

  #scores(): Promise<Map<string, Summary> | undefined> {
    const now = Date.now();
    if (this.#cache && this.#cache.expires > now) return this.#cache.scores;
    const scores = this.#load().then(
      result => result,
      error => {
        this.#logger.warn(
          `Readiness scores are not available to the catalog: ${
            (error as Error).message
          }`,
        );
        if (this.#cache)
          this.#cache.expires = Date.now() + RETRY_AFTER_FAILURE_MS;
        return undefined;
      },
    );
    this.#cache = { expires: now + this.#cacheMs, scores };
    return scores;
  }

  async #load(): Promise<Map<string, Summary>> {
    const baseUrl = await this.#discovery.getBaseUrl('readiness');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'readiness',
    });
    // Page by page (the API serves at most SUMMARIES_PAGE at a time).
    const scores = new Map<string, Summary>();
    for (let offset = 0; ; offset += SUMMARIES_PAGE) {
      const response = await this.#fetch(
        `${baseUrl}/summaries?limit=${SUMMARIES_PAGE}&offset=${offset}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const body = (await response.json()) as SummariesResponse;
      for (const item of body.items) scores.set(item.entityRef, item);
      if (body.items.length < SUMMARIES_PAGE) return scores;
    }
  }
}
