import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  isWaiverActive,
  Scorecard,
  SourceLinks,
} from '@readiness/backstage-plugin-readiness-common';
import {
  auditDirectory,
  auditWithFacts,
  ENGINE_VERSION,
  FixPlan,
  planFixes,
  RuleRegistry,
  UnreadableRepositoryError,
  walkRepository,
} from '@readiness/backstage-plugin-readiness-node';
import { createHash } from 'node:crypto';
import { ReadinessOptions } from '../options';
import { OpenedSource, RepositorySources } from '../sources/RepositorySources';
import { SourceError } from '../sources/SourceError';
import { relativeToRootsDeep, withoutServerPaths } from '../sources/userPaths';
import { AuditSlots } from './AuditSlots';
import { parseWaiverAnnotation, waiversForEntity } from './waivers';

/**
 * What an auditor is set up with. With `concurrency`, at most that many
 * audits run the engine at once, however many sources are being read.
 * @public
 */
export type AuditorOptions = Pick<
  ReadinessOptions,
  'audit' | 'waivers' | 'limits'
> &
  Partial<Pick<ReadinessOptions, 'concurrency'>>;

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

/** The suggested fixes of an entity's repository as one audit read it. @public */
export interface FixSuggestion {
  /** Fixes with redacted diffs, and the files to write (real contents: never serve them). */
  plan: FixPlan;
  /** The etag of the tree the plan was computed from. */
  etag: string;
  location: OpenedSource['location'];
}

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

/** A walk that could not read the repository becomes the error an audit records, without server paths. */
function asSourceError(e: unknown, dir: string): unknown {
  if (
    e instanceof UnreadableRepositoryError ||
    (e as Error)?.name === 'UnreadableRepositoryError'
  ) {
    return new SourceError(
      'unreadable',
      `The repository could not be read: ${withoutServerPaths(
        (e as Error).message,
        [dir],
      )}`,
    );
  }
  return e;
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
  readonly #options: AuditorOptions;
  readonly #rulesKey: string;
  readonly #slots?: AuditSlots;

  static create(options: {
    rules: RuleRegistry;
    sources: RepositorySources;
    options: AuditorOptions;
  }): EntityAuditor {
    return new EntityAuditor(options);
  }

  private constructor(options: {
    rules: RuleRegistry;
    sources: RepositorySources;
    options: AuditorOptions;
  }) {
    this.#rules = options.rules;
    this.#sources = options.sources;
    this.#options = options.options;
    if (options.options.concurrency !== undefined) {
      this.#slots = new AuditSlots(options.options.concurrency);
    }
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
    const { waivers, own } = this.#waivers(entity);
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
    const runEngine = () =>
      auditDirectory(source.dir, {
        rules: this.#rules,
        config: { ...this.#options.audit, waivers },
        limits: this.#options.limits,
        ...(source.committed ? { gitignore: false } : {}),
        now,
      });
    try {
      // What the engine says about files (read errors, parse errors) may
      // carry the directory it audited; owners see repository paths.
      scorecard = withoutServerPathsInErrors(
        relativeToRootsDeep(
          await (this.#slots ? this.#slots.run(runEngine) : runEngine()),
          [source.dir],
        ),
      );
    } catch (e) {
      throw asSourceError(e, source.dir);
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

  /**
   * The fixes the failing rules suggest for the repository at `commit` (the
   * etag of the entity's last audit), with the same rules, settings and
   * waivers as an audit; `rules` narrows them to some rule ids. The tree is
   * read afresh (shared with audits of the same commit) and the plan is
   * kept nowhere: its files hold the repository's real contents.
   * Throws {@link SourceError} when the repository cannot be read.
   */
  async suggestFixes(
    entity: Entity,
    commit: string,
    options: { rules?: string[]; now?: Date } = {},
  ): Promise<FixSuggestion> {
    const { waivers } = this.#waivers(entity);
    const source = await this.#sources.openAt(entity, commit);
    try {
      const snapshot = await walkRepository(source.dir, {
        limits: this.#options.limits,
        ...(source.committed ? { gitignore: false } : {}),
      });
      const run = auditWithFacts(snapshot, {
        rules: this.#rules,
        config: { ...this.#options.audit, waivers },
        now: options.now ?? new Date(),
      });
      const only = options.rules && new Set(options.rules);
      const plan = planFixes(run, {
        select: only ? rule => only.has(rule.id) : undefined,
      });
      return { plan, etag: source.etag, location: source.location };
    } catch (e) {
      throw asSourceError(e, source.dir);
    } finally {
      await source.release();
    }
  }

  #waivers(entity: Entity) {
    const own = parseWaiverAnnotation(entity);
    const waivers = waiversForEntity(
      stringifyEntityRef(entity),
      this.#options.waivers,
      own.waivers,
    );
    return { waivers, own };
  }
}
