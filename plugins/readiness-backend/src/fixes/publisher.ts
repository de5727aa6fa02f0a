import { ConflictError } from '@backstage/errors';
import { ScmRepository } from '../sources/scmRepository';
import { describeStatus, ScmRequestError } from './errors';

/** A file of a fix as committed: its path in the repository and its full new content. */
export interface CommittedFile {
  path: string;
  action: 'create' | 'modify';
  content: string;
}

/** What to open: a branch from `commit` with `files` committed, and a request to merge it. */
export interface FixChange {
  repository: ScmRepository;
  /** The commit the branch starts from: the audited one. */
  commit: string;
  branch: string;
  title: string;
  body: string;
  message: string;
  files: CommittedFile[];
}

/** The pull or merge request opened. */
export interface OpenedRequest {
  url: string;
  number: number;
  /** The branch it targets. */
  base: string;
}

/** Opens a pull or merge request on one kind of SCM. */
export interface PullRequestPublisher {
  open(change: FixChange): Promise<OpenedRequest>;
}

/** A failed step of a write to an SCM, with the status it answered (none for a network failure). */
export interface FailedStep {
  step: string;
  status?: number;
  /** The SCM's own message, when it has one. */
  detail?: string;
}

/**
 * The error a failed SCM write becomes, saying what to do: credentials
 * refused or too weak, repository not found, branch taken; never the API's
 * address or the token.
 */
export function scmWriteError(
  repository: ScmRepository,
  failed: FailedStep,
): Error {
  const kind = repository.type === 'github' ? 'GitHub' : 'GitLab';
  const entry = `the integrations.${repository.type} entry for ${repository.host}`;
  const where = `${repository.path} on ${repository.host}`;
  const status = describeStatus(failed.status);
  switch (failed.status) {
    case undefined:
      return new ScmRequestError(
        `${kind} at ${repository.host} could not be reached while ${failed.step}: check that the backend can reach it, then try again`,
      );
    case 401:
      return new ScmRequestError(
        `The credentials of ${entry} were refused while ${failed.step} (${status}): renew the token or the app's key`,
      );
    case 403:
      return new ScmRequestError(
        repository.type === 'github'
          ? `The credentials of ${entry} may not write to ${where} (${status} while ${failed.step}): give the token the repo scope, or the GitHub App Contents and Pull requests read and write access`
          : `The token of ${entry} may not write to ${where} (${status} while ${failed.step}): give it the api scope and at least the Developer role on the project`,
      );
    case 404:
      return new ScmRequestError(
        `${where} was not found while ${failed.step} (${status}): check the repository in the source location and that the credentials of ${entry} can see it`,
      );
    case 429:
      return new ScmRequestError(
        `${kind} at ${repository.host} is rate limiting the backend (${status} while ${failed.step}): try again later`,
      );
    default:
      return new ScmRequestError(
        `${kind} at ${repository.host} answered ${status} while ${failed.step}${
          failed.detail ? ` (${failed.detail})` : ''
        }: try again later, and check the host's status if it goes on`,
      );
  }
}

/** The branch a request would be opened from already exists. */
export function branchExists(
  repository: ScmRepository,
  branch: string,
): ConflictError {
  return new ConflictError(
    `The branch ${branch} already exists in ${repository.path} on ${repository.host}: a request with these fixes is probably open already; merge or close it and delete the branch to open a new one`,
  );
}
