import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  FixPullRequestResponse,
  SuggestedFixesResponse,
} from '@readiness/backstage-plugin-readiness-common';
import { FixSuggestion } from '../audit/EntityAuditor';
import { StoredScorecard } from '../database/ReadinessStore';
import { scmRepositoryOf, ScmRepository } from '../sources/scmRepository';
import { SourceError } from '../sources/SourceError';
import { ScmRequestError } from './errors';
import { GithubPublisher } from './github';
import { GitlabPublisher } from './gitlab';
import { PullRequestPublisher } from './publisher';
import {
  fixBody,
  fixBranchName,
  fixCommitMessage,
  fixTitle,
  totalGain,
} from './text';

/** How long a plan is kept for the next request of the same entity and commit. */
const KEEP_MS = 5 * 60_000;
const KEEP_MAX = 16;

/** Computes the suggested fixes of an entity at an audited commit. */
export interface FixSuggester {
  suggestFixes(
    entity: Entity,
    commit: string,
    options?: { rules?: string[] },
  ): Promise<FixSuggestion>;
}

/**
 * The suggested fixes of an entity's last audit, and pull or merge requests
 * that apply them. Plans are computed from the tree at the audited commit
 * when asked for, and kept in memory for a few minutes only: their files
 * hold the repository's real contents, which are never stored or served.
 */
export class FixService {
  readonly #suggester: FixSuggester;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #publishers: Record<ScmRepository['type'], PullRequestPublisher>;
  readonly #plans = new Map<
    string,
    { at: number; plan: Promise<FixSuggestion> }
  >();

  static create(options: {
    suggester: FixSuggester;
    integrations: ScmIntegrationRegistry;
  }): FixService {
    return new FixService(options);
  }

  private constructor(options: {
    suggester: FixSuggester;
    integrations: ScmIntegrationRegistry;
  }) {
    this.#suggester = options.suggester;
    this.#integrations = options.integrations;
    this.#publishers = {
      github: new GithubPublisher(options.integrations),
      gitlab: new GitlabPublisher(options.integrations),
    };
  }

  /** The suggested fixes of the entity's last audit, diffs redacted. */
  async suggestions(
    entity: Entity,
    stored: StoredScorecard | undefined,
  ): Promise<SuggestedFixesResponse> {
    const entityRef = stringifyEntityRef(entity);
    const commit = auditedCommit(entityRef, stored);
    const suggestion = await this.#suggest(entity, commit);
    const repository = this.#repositoryOf(suggestion);
    return {
      entityRef,
      commit: suggestion.location.type === 'url' ? suggestion.etag : null,
      fixes: suggestion.plan.fixes.map(f => ({
        ruleId: f.ruleId,
        category: f.category,
        severity: f.severity,
        title: f.title,
        expectedGain: f.expectedGain,
        summary: f.summary,
        files: f.files,
        diff: f.diff,
        notes: f.notes,
      })),
      pullRequest: repository
        ? { supported: true }
        : {
            supported: false,
            reason: `Pull requests are opened on GitHub and GitLab sources; ${describeSource(
              suggestion,
            )}`,
          },
    };
  }

  /**
   * Opens a pull (GitHub) or merge (GitLab) request with the suggested fixes
   * of `rules` (all of them when absent), on a new branch from the audited
   * commit.
   */
  async openPullRequest(
    entity: Entity,
    stored: StoredScorecard | undefined,
    options: { rules?: string[] } = {},
  ): Promise<FixPullRequestResponse> {
    const entityRef = stringifyEntityRef(entity);
    const commit = auditedCommit(entityRef, stored);
    const suggestion = await this.#suggest(entity, commit, options.rules);
    const repository = this.#repositoryOf(suggestion);
    if (!repository) {
      throw new InputError(
        `Pull requests are opened on GitHub and GitLab sources only: ${describeSource(
          suggestion,
        )}`,
      );
    }
    const { fixes, files } = suggestion.plan;
    if (fixes.length === 0) {
      throw new ConflictError(
        options.rules
          ? `None of ${options.rules.join(
              ', ',
            )} has a change to suggest for ${entityRef} at commit ${commit.slice(
              0,
              12,
            )}`
          : `${entityRef} has no change to suggest at commit ${commit.slice(
              0,
              12,
            )}`,
      );
    }
    const folder = repository.subpath.join('/');
    const ruleIds = fixes.map(f => f.ruleId);
    const branch = fixBranchName(commit, ruleIds);
    const opened = await this.#publishers[repository.type].open({
      repository,
      commit,
      branch,
      title: fixTitle(fixes),
      message: fixCommitMessage(fixes),
      body: fixBody({
        entityRef,
        entityTitle: entity.metadata.title ?? entity.metadata.name,
        commit,
        fixes,
        files,
        folder,
      }),
      files: files.map(f => ({
        path: folder ? `${folder}/${f.path}` : f.path,
        action: f.action,
        content: f.after,
      })),
    });
    return {
      url: opened.url,
      number: opened.number,
      branch,
      base: opened.base,
      rules: ruleIds,
      expectedGain: totalGain(fixes),
    };
  }

  #repositoryOf(suggestion: FixSuggestion): ScmRepository | undefined {
    return suggestion.location.type === 'url'
      ? scmRepositoryOf(this.#integrations, suggestion.location.target)
      : undefined;
  }

  async #suggest(
    entity: Entity,
    commit: string,
    rules?: string[],
  ): Promise<FixSuggestion> {
    const key = JSON.stringify([
      stringifyEntityRef(entity),
      commit,
      rules ? [...rules].sort() : null,
    ]);
    const now = Date.now();
    for (const [k, entry] of this.#plans) {
      if (now - entry.at > KEEP_MS) this.#plans.delete(k);
    }
    const kept = this.#plans.get(key);
    if (kept) return kept.plan;
    const plan = this.#suggester
      .suggestFixes(entity, commit, { rules })
      .catch(e => {
        this.#plans.delete(key);
        throw fromSourceError(e);
      });
    if (this.#plans.size >= KEEP_MAX) {
      this.#plans.delete(this.#plans.keys().next().value!);
    }
    this.#plans.set(key, { at: now, plan });
    return plan;
  }
}

/** The commit (etag) of the entity's last successful audit. */
function auditedCommit(
  entityRef: string,
  stored: StoredScorecard | undefined,
): string {
  if (!stored?.scorecard) {
    throw new NotFoundError(`${entityRef} has not been audited yet`);
  }
  if (!stored.etag) {
    throw new ConflictError(
      `The last audit of ${entityRef} failed, so the audited commit is unknown: fix what its error says and refresh the scorecard`,
    );
  }
  return stored.etag;
}

function describeSource(suggestion: FixSuggestion): string {
  return suggestion.location.type === 'url'
    ? `the source location ${suggestion.location.annotation} of this entity is on another SCM`
    : 'this entity is read from a local directory';
}

/** What reading the tree again failed with, as an answer: the entity's setup (400), a moved source (409), the SCM (502). */
function fromSourceError(e: unknown): unknown {
  if (!(e instanceof SourceError)) return e;
  switch (e.reason) {
    case 'no-location':
    case 'unsupported':
    case 'disallowed':
      return new InputError(e.message);
    case 'not-found':
      return new ConflictError(
        `${e.message}. The audited commit may be gone (a force-push); refresh the scorecard`,
      );
    default:
      return new ScmRequestError(e.message);
  }
}
