import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { SourceLinks } from '@readiness/backstage-plugin-readiness-common';
import {
  DEFAULT_WALK_LIMITS,
  VENDORED_DIRS,
  WalkLimits,
} from '@readiness/backstage-plugin-readiness-node';
import { promises as fs } from 'node:fs';
import {
  fingerprintDirectory,
  resolveAllowedDirectory,
} from './localDirectory';
import { SourceError } from './SourceError';
import {
  defaultIntegrations,
  sourceLinksFor,
  withoutCredentials,
  withoutLocationSecrets,
} from './sourceLinks';
import { resolveSourceLocation, SourceLocation } from './sourceLocation';
import { describeLocalTarget, withoutServerPaths } from './userPaths';

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

  static create(options: {
    urlReader: UrlReaderService;
    localRoots: string[];
    limits?: Partial<WalkLimits>;
    logger: LoggerService;
    /** The SCM integrations, for links to the code; Backstage's defaults when absent. */
    integrations?: ScmIntegrationRegistry;
  }): RepositorySources {
    return new RepositorySources(options);
  }

  private constructor(options: {
    urlReader: UrlReaderService;
    localRoots: string[];
    limits?: Partial<WalkLimits>;
    logger: LoggerService;
    integrations?: ScmIntegrationRegistry;
  }) {
    this.#urlReader = options.urlReader;
    this.#integrations = options.integrations ?? defaultIntegrations();
    this.#localRoots = options.localRoots;
    this.#limits = { ...DEFAULT_WALK_LIMITS, ...options.limits };
    this.#logger = options.logger;
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

  async #openUrl(
    location: Extract<SourceLocation, { type: 'url' }>,
    etag: string | undefined,
  ): Promise<SourceOpenResult> {
    const maxFileBytes = this.#limits.maxFileBytes;
    // Credentials written into a location never reach a message.
    const shown = withoutCredentials(location.target);
    let response;
    try {
      response = await this.#urlReader.readTree(location.target, {
        etag,
        // vendored trees and oversized files are never read by the engine
        filter: (path, info) =>
          !path.split('/').some(part => VENDORED_DIRS.has(part)) &&
          !(info && info.size > maxFileBytes),
      });
    } catch (e) {
      if (
        e instanceof NotModifiedError ||
        (e as Error)?.name === 'NotModifiedError'
      ) {
        return { status: 'unchanged', etag: etag! };
      }
      if (
        e instanceof NotFoundError ||
        (e as Error)?.name === 'NotFoundError'
      ) {
        throw new SourceError('not-found', `Repository ${shown} was not found`);
      }
      throw new SourceError(
        'unreadable',
        `Repository ${shown} could not be read: ${withoutLocationSecrets(
          withoutServerPaths((e as Error).message),
          location.target,
        )}`,
      );
    }
    let dir: string;
    try {
      dir = await response.dir();
    } catch (e) {
      throw new SourceError(
        'unreadable',
        `Repository ${shown} could not be extracted: ${withoutLocationSecrets(
          withoutServerPaths((e as Error).message),
          location.target,
        )}`,
      );
    }
    const links = sourceLinksFor(this.#integrations, location, response.etag);
    return {
      status: 'ready',
      dir,
      etag: response.etag,
      location,
      ...(links ? { links, linkBase: links.base } : {}),
      release: async () => {
        try {
          await fs.rm(dir, { recursive: true, force: true });
        } catch (e) {
          this.#logger.warn(
            `Could not remove temporary directory ${dir}: ${e}`,
          );
        }
      },
    };
  }
}
