import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  isWaiverActive,
  Scorecard,
  SourceLinks,
} from '@readiness/backstage-plugin-readiness-common';
import {
  auditDirectory,
  ENGINE_VERSION,
  RuleRegistry,
  UnreadableRepositoryError,
} from '@readiness/backstage-plugin-readiness-node';
import { createHash } from 'node:crypto';
import { ReadinessOptions } from '../options';
import { RepositorySources } from '../sources/RepositorySources';
import { SourceError } from '../sources/SourceError';
import { relativeToRootsDeep, withoutServerPaths } from '../sources/userPaths';
import { parseWaiverAnnotation, waiversForEntity } from './waivers';

/** What came out of auditing one entity. @public */
export type AuditOutcome =
  | { status: 'unchanged' }
  | {
      status: 'audited';
      scorecard: Scorecard;
      etag: string;
      inputsHash: string;
      /** Where the findings link to in the SCM, for url: sources. */
      links?: SourceLinks;
      /** Something ignored along the way, e.g. a malformed waiver annotation. */
      warning?: string;
    };

/**
 * The message of a rule that threw comes from code, not from the
 * repository's content: an absolute path left in it is the server's (a
 * module rule's own files, a cache directory) and is cut to its last
 * segment. Findings quote content (`/health`, `/etc/app.conf`) and keep it.
 */
function withoutServerPathsInErrors(scorecard: Scorecard): Scorecard {
  return {
    ...scorecard,
    results: scorecard.results.map(r =>
      r.status === 'error' && r.message
        ? { ...r, message: withoutServerPaths(r.message) }
        : r,
    ),
  };
}

/**
 * Audits the repository of one entity with the configured rules, weights
 * and waivers. Skips the work when neither the tree nor the inputs changed.
 * Throws {@link SourceError} when the repository cannot be audited.
 * @public
 */
export class EntityAuditor {
  readonly #rules: RuleRegistry;
  readonly #sources: RepositorySources;
  readonly #options: Pick<ReadinessOptions, 'audit' | 'waivers' | 'limits'>;
  readonly #rulesKey: string;

  static create(options: {
    rules: RuleRegistry;
    sources: RepositorySources;
    options: Pick<ReadinessOptions, 'audit' | 'waivers' | 'limits'>;
  }): EntityAuditor {
    return new EntityAuditor(options);
  }

  private constructor(options: {
    rules: RuleRegistry;
    sources: RepositorySources;
    options: Pick<ReadinessOptions, 'audit' | 'waivers' | 'limits'>;
  }) {
    this.#rules = options.rules;
    this.#sources = options.sources;
    this.#options = options.options;
    this.#rulesKey = JSON.stringify({
      engine: ENGINE_VERSION,
      rules: options.rules.list().map(r => `${r.id}:${r.severity}`),
      audit: options.options.audit,
      limits: options.options.limits,
      // Scorecards stored before their links were kept are audited once more.
      outputs: ['links'],
    });
  }

  async audit(
    entity: Entity,
    previous: { etag?: string; inputsHash?: string } = {},
    options: { force?: boolean; now?: Date } = {},
  ): Promise<AuditOutcome> {
    const now = options.now ?? new Date();
    const entityRef = stringifyEntityRef(entity);
    const own = parseWaiverAnnotation(entity);
    const waivers = waiversForEntity(
      entityRef,
      this.#options.waivers,
      own.waivers,
    );
    // An expiring waiver changes the result of an unchanged tree, so the
    // waivers in force today are part of the inputs.
    const inputsHash = createHash('sha256')
      .update(this.#rulesKey)
      .update(JSON.stringify(waivers.filter(w => isWaiverActive(w, now))))
      .digest('hex')
      .slice(0, 40);
    const reuse = !options.force && previous.inputsHash === inputsHash;

    const source = await this.#sources.open(entity, {
      etag: reuse ? previous.etag : undefined,
    });
    if (source.status === 'unchanged') return { status: 'unchanged' };
    let scorecard: Scorecard;
    try {
      // What the engine says about files (read errors, parse errors) may
      // carry the directory it audited; owners see repository paths.
      scorecard = withoutServerPathsInErrors(
        relativeToRootsDeep(
          await auditDirectory(source.dir, {
            rules: this.#rules,
            config: { ...this.#options.audit, waivers },
            limits: this.#options.limits,
            now,
          }),
          [source.dir],
        ),
      );
    } catch (e) {
      if (
        e instanceof UnreadableRepositoryError ||
        (e as Error)?.name === 'UnreadableRepositoryError'
      ) {
        throw new SourceError(
          'unreadable',
          `The repository could not be read: ${withoutServerPaths(
            (e as Error).message,
            [source.dir],
          )}`,
        );
      }
      throw e;
    } finally {
      await source.release();
    }
    if (scorecard.stats.truncated) {
      throw new SourceError(
        'too-large',
        `The repository is too large to audit: the walk ${scorecard.stats.truncated} (see readiness.limits)`,
      );
    }
    return {
      status: 'audited',
      scorecard,
      etag: source.etag,
      inputsHash,
      ...(source.links ? { links: source.links } : {}),
      ...(own.problem ? { warning: own.problem } : {}),
    };
  }
}
