import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { SourceLinks } from '@readiness/backstage-plugin-readiness-common';
import {
  DEFAULT_WALK_LIMITS,
  VENDORED_DIRS,
  WalkLimits,
} from '@readiness/backstage-plugin-readiness-node';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fingerprintDirectory,
  resolveAllowedDirectory,
} from './localDirectory';
import { AuditSlots } from '../audit/AuditSlots';
import { describeReadFailure, FailedRead } from './readFailures';
import { SharedTrees, splitRepositoryUrl, TreeRead } from './sharedTrees';
import { SourceError } from './SourceError';
import {
  defaultIntegrations,
  sourceLinksFor,
  withoutCredentials,
} from './sourceLinks';
import { scmRepositoryOf, treeUrlAt } from './scmRepository';
import { resolveSourceLocation, SourceLocation } from './sourceLocation';
import { describeLocalTarget } from './userPaths';

/**
 * The time limit of one read: calls `onTimeout` once the read has run for
 * `limitMs`, not counting the time it was paused.
 */
class ReadClock {
  readonly #limitMs: number;
  readonly #onTimeout: () => void;
  #spentMs = 0;
  #since = 0;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(limitMs: number, onTimeout: () => void) {
    this.#limitMs = limitMs;
    this.#onTimeout = onTimeout;
    this.resume();
  }

  pause(): void {
    if (!this.#timer) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#spentMs += Date.now() - this.#since;
  }

  resume(): void {
    if (this.#timer) return;
    this.#since = Date.now();
    this.#timer = setTimeout(
      this.#onTimeout,
      Math.max(0, this.#limitMs - this.#spentMs),
    );
  }
}

/** How much a url: source may cost to read. @public */
export interface SourceReadLimits {
  /**
   * The most bytes of files (uncompressed) a repository archive may hold;
   * the download stops beyond it. Default 1 GiB.
   */
  maxArchiveBytes: number;
  /** How long one read of a repository may take. Default 5 minutes. */
  readTimeoutMs: number;
}

/** @public */
export const DEFAULT_SOURCE_READ_LIMITS: SourceReadLimits = {
  maxArchiveBytes: 1024 * 1024 * 1024,
  readTimeoutMs: 5 * 60 * 1000,
};

/** How long a repository tree read for one entity is shared with the others. */
const SHARE_TREES_MS = 60_000;
/** Trees kept on disk for sharing while no audit uses them. */
const MAX_IDLE_TREES = 4;

/** A repository tree ready to audit. @public */
export interface OpenedSource {
  status: 'ready';
  /** The directory to audit. */
  dir: string;
  /** Identifies this version of the tree; pass it back to skip unchanged trees. */
  etag: string;
  location: SourceLocation;
  /** `links.base`. */
  linkBase?: string;
  /**
   * Where findings link to: the audited directory at the audited commit, for
   * url: sources on an SCM with path-based file URLs.
   */
  links?: SourceLinks;
  /**
   * The tree was extracted from a repository archive, so it holds exactly the committed files: a file
   * a `.gitignore` lists was committed all the same and is audited.
   */
  committed?: boolean;
  /** Removes any temporary copy. Always call it. */
  release(): Promise<void>;
}

/** @public */
export type SourceOpenResult =
  | OpenedSource
  | { status: 'unchanged'; etag: string };

/**
 * Opens the repository of an entity for auditing: url: targets through the
 * UrlReader (with the previous etag, so unchanged trees are not fetched) into
 * a temporary directory; dir:/file: targets in place, when they lie under an
 * allowed local root, with a stat fingerprint as their etag.
 * @public
 */
export class RepositorySources {
  readonly #urlReader: UrlReaderService;
  readonly #localRoots: string[];
  readonly #limits: WalkLimits;
  readonly #logger: LoggerService;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #sourceLimits: SourceReadLimits;
  readonly #trees: SharedTrees;
  readonly #downloads?: AuditSlots;

  static create(options: {
    urlReader: UrlReaderService;
    localRoots: string[];
    limits?: Partial<WalkLimits>;
    /** Time and size limits of url: reads. */
    sourceLimits?: Partial<SourceReadLimits>;
    logger: LoggerService;
    /** The SCM integrations, for links to the code and for reading GitHub and GitLab trees once per repository; Backstage's defaults when absent. */
    integrations?: ScmIntegrationRegistry;
    /** How long a tree read is shared with other entities of its repository. Default 60 s. */
    shareTreesMs?: number;
    /**
     * How many url: trees are downloaded at once; unlimited when absent.
     * Checks whether a tree changed (a read with an etag) are not held back:
     * a check that finds a change waits for a slot before it downloads.
     */
    downloadConcurrency?: number;
  }): RepositorySources {
    return new RepositorySources(options);
  }

  private constructor(options: {
    urlReader: UrlReaderService;
    localRoots: string[];
    limits?: Partial<WalkLimits>;
    sourceLimits?: Partial<SourceReadLimits>;
    logger: LoggerService;
    integrations?: ScmIntegrationRegistry;
    shareTreesMs?: number;
    downloadConcurrency?: number;
  }) {
    this.#urlReader = options.urlReader;
    this.#integrations = options.integrations ?? defaultIntegrations();
    this.#localRoots = options.localRoots;
    this.#limits = { ...DEFAULT_WALK_LIMITS, ...options.limits };
    this.#sourceLimits = {
      ...DEFAULT_SOURCE_READ_LIMITS,
      ...options.sourceLimits,
    };
    this.#logger = options.logger;
    if (options.downloadConcurrency !== undefined) {
      this.#downloads = new AuditSlots(options.downloadConcurrency);
    }
    this.#trees = new SharedTrees({
      shareMs: options.shareTreesMs ?? SHARE_TREES_MS,
      maxIdle: MAX_IDLE_TREES,
      onRemoveError: (dir, e) =>
        this.#logger.warn(`Could not remove temporary directory ${dir}: ${e}`),
    });
  }

  /** Throws {@link SourceError} when the repository cannot be audited. */
  async open(
    entity: Entity,
    options: { etag?: string } = {},
  ): Promise<SourceOpenResult> {
    const location = resolveSourceLocation(entity);
    if (location.type === 'url') {
      return this.#openUrl(location, options.etag);
    }
    const label = describeLocalTarget(location.written);
    const dir = await resolveAllowedDirectory(
      location.path,
      this.#localRoots,
      label,
    );
    const etag = await fingerprintDirectory(dir, this.#limits.maxFiles, label);
    if (options.etag && options.etag === etag) {
      return { status: 'unchanged', etag };
    }
    return { status: 'ready', dir, etag, location, release: async () => {} };
  }

  /**
   * Opens the repository of an entity as an audit read it: GitHub and GitLab
   * url: sources at `commit` (the etag of that audit), other sources as they
   * are now, so their etag tells whether they still match it.
   * Throws {@link SourceError} when the repository cannot be read.
   */
  async openAt(entity: Entity, commit: string): Promise<OpenedSource> {
    const location = resolveSourceLocation(entity);
    const repository =
      location.type === 'url'
        ? scmRepositoryOf(this.#integrations, location.target)
        : undefined;
    const opened =
      location.type === 'url' && repository
        ? await this.#openUrl(
            { ...location, target: treeUrlAt(repository, commit) },
            undefined,
          )
        : await this.open(entity);
    if (opened.status !== 'ready') {
      // Without an etag to compare with, a source is always read.
      throw new Error('The repository was not read');
    }
    return { ...opened, location };
  }

  /** The SCM integrations sources are read with. */
  get integrations(): ScmIntegrationRegistry {
    return this.#integrations;
  }

  /** Deletes the repository trees kept for sharing. */
  async close(): Promise<void> {
    await this.#trees.close();
  }

  async #openUrl(
    location: Extract<SourceLocation, { type: 'url' }>,
    etag: string | undefined,
  ): Promise<SourceOpenResult> {
    // Credentials written into a location never reach a message.
    const shown = withoutCredentials(location.target);
    const failed: FailedRead = {
      shown,
      target: location.target,
      annotation: location.annotation,
      integrations: this.#integrations,
    };
    const split = splitRepositoryUrl(this.#integrations, location.target);
    // GitHub and GitLab trees are read at the repository root, once for all
    // the folders of it that entities point at; other SCMs as written.
    const lease = await this.#trees.acquire(
      split?.root ?? location.target,
      etag,
      previous =>
        this.#readTree(split?.root ?? location.target, previous, failed),
    );
    if (lease.status === 'unchanged') {
      return { status: 'unchanged', etag: lease.etag };
    }
    let dir = lease.dir;
    if (split && split.subpath.length > 0) {
      dir = join(lease.dir, ...split.subpath);
      const folder = split.subpath.join('/');
      const found = await fs.stat(dir).catch(() => undefined);
      if (!found?.isDirectory()) {
        await lease.release();
        throw new SourceError(
          'not-found',
          `The folder ${folder} was not found in repository ${withoutCredentials(
            split.root,
          )} at commit ${lease.etag.slice(0, 12)}: check the path in the ${
            location.annotation
          } annotation`,
        );
      }
    }
    const links = sourceLinksFor(this.#integrations, location, lease.etag);
    return {
      status: 'ready',
      dir,
      etag: lease.etag,
      location,
      committed: true,
      ...(links ? { links, linkBase: links.base } : {}),
      release: () => lease.release(),
    };
  }

  /**
   * One readTree of `url` into a temporary directory, within the time and
   * archive size limits. The whole archive is counted, including what is
   * not extracted, since all of it is downloaded. A read without an etag
   * downloads: it waits for a download slot before it starts. A read with
   * one is a check, which goes ahead at once and waits for a slot only
   * when the tree changed, before its archive is read. Waiting for a slot
   * does not count towards the read's time limit.
   */
  async #readTree(
    url: string,
    etag: string | undefined,
    failed: FailedRead,
  ): Promise<TreeRead> {
    const downloads = this.#downloads;
    if (downloads && etag === undefined) {
      return downloads.run(() => this.#readTreeNow(url, etag, failed));
    }
    return this.#readTreeNow(url, etag, failed, downloads);
  }

  async #readTreeNow(
    url: string,
    etag: string | undefined,
    failed: FailedRead,
    /** Slots to wait for before reading a changed tree's archive. */
    downloads?: AuditSlots,
  ): Promise<TreeRead> {
    const { maxFileBytes } = this.#limits;
    const { maxArchiveBytes, readTimeoutMs } = this.#sourceLimits;
    const controller = new AbortController();
    let archiveBytes = 0;
    let tooLarge = false;
    let timedOut = false;
    const clock = new ReadClock(readTimeoutMs, () => {
      timedOut = true;
      controller.abort(new Error('timed out'));
    });
    // The GitHub reader's metadata requests take no signal: the race below
    // gives up on them, and this rejects the moment the read is aborted.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () =>
        reject(controller.signal.reason),
      );
    });
    aborted.catch(() => undefined);
    let target: string | undefined;
    const work = (async () => {
      const response = await this.#urlReader.readTree(url, {
        etag,
        signal: controller.signal,
        filter: (path, info) => {
          archiveBytes += info?.size ?? 0;
          if (archiveBytes > maxArchiveBytes) {
            if (!tooLarge) {
              tooLarge = true;
              controller.abort(new Error('too large'));
            }
            return false;
          }
          // vendored trees and oversized files are never read by the engine
          return (
            !path.split('/').some(part => VENDORED_DIRS.has(part)) &&
            !(info && info.size > maxFileBytes)
          );
        },
      });
      target = await fs.mkdtemp(join(tmpdir(), 'readiness-tree-'));
      const targetDir = target;
      let dir: string;
      if (downloads) {
        // The tree changed since the check's etag: its archive is read in
        // turn with the other downloads.
        clock.pause();
        dir = await downloads.run(() => {
          // A read given up meanwhile (timed out) downloads nothing.
          if (controller.signal.aborted) throw controller.signal.reason;
          clock.resume();
          return response.dir({ targetDir });
        });
      } else {
        dir = await response.dir({ targetDir });
      }
      if (dir !== target) {
        // a reader that chose its own directory
        await this.#removeDir(target);
        target = dir;
      }
      return { dir, etag: response.etag };
    })();
    try {
      const read = await Promise.race([work, aborted]);
      if (tooLarge) throw controller.signal.reason;
      return { status: 'tree', dir: read.dir, etag: read.etag };
    } catch (e) {
      // Whatever the abandoned read still extracts is removed.
      work
        .catch(() => undefined)
        .then(() => (target ? this.#removeDir(target) : undefined));
      if (
        e instanceof NotModifiedError ||
        (e as Error)?.name === 'NotModifiedError'
      ) {
        return { status: 'unchanged', etag: etag! };
      }
      if (tooLarge) {
        throw new SourceError(
          'too-large',
          `Repository ${
            failed.shown
          } is too large to audit: its archive holds more than ${formatBytes(
            maxArchiveBytes,
          )} of files (readiness.limits.maxArchiveBytes), so the download was stopped; raise the limit to audit it`,
        );
      }
      if (timedOut) {
        throw new SourceError(
          'unreadable',
          `Repository ${failed.shown} could not be read within ${Math.round(
            readTimeoutMs / 1000,
          )} s (readiness.limits.readTimeoutSeconds): the SCM did not answer in time; the audit is retried with back-off, and if it goes on, check that the SCM is reachable from the backend`,
        );
      }
      throw describeReadFailure(e, failed);
    } finally {
      clock.pause();
    }
  }

  async #removeDir(dir: string): Promise<void> {
    try {
      await fs.rm(dir, { recursive: true, force: true });
    } catch (e) {
      this.#logger.warn(`Could not remove temporary directory ${dir}: ${e}`);
    }
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`
    : `${bytes} bytes`;
}
