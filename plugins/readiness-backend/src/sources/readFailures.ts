import { ScmIntegrationRegistry } from '@backstage/integration';
import { SourceError } from './SourceError';
import { withoutLocationSecrets, withoutUrlCredentials } from './sourceLinks';
import { withoutServerPaths } from './userPaths';

/** What is known of the location whose read failed, for the message. */
export interface FailedRead {
  /** The location as users may see it (no credentials, query or fragment). */
  shown: string;
  /** The location as written, to keep its secrets out of the message. */
  target: string;
  /** The annotation the location came from. */
  annotation: string;
  integrations: ScmIntegrationRegistry;
}

/** Any URL in running text. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s,'"<>()]+/gi;

/**
 * The HTTP status a URL reader put in its message: the GitHub reader writes
 * `Request failed for <url>, 403 Forbidden`, the GitLab reader
 * `Failed to read tree from <url>, 403 Forbidden`.
 */
export function statusIn(message: string): { code: number; text: string } | undefined {
  const match = /,\s([1-5]\d\d)(?:\s([^,()]*))?/.exec(message);
  return match
    ? { code: Number(match[1]), text: (match[2] ?? '').trim() }
    : undefined;
}

/** The integration config entry that reads the location, as a user would look for it. */
function integrationOf(read: FailedRead): string {
  const integration = read.integrations.byUrl(read.shown);
  if (!integration) {
    return 'the integration for its host';
  }
  return `the integrations.${integration.type} entry for ${integration.title}`;
}

/**
 * The reader's own words, fit to show: the location without its secrets, any
 * other URL (the SCM's API, where the server reaches it) and any server path
 * cut out.
 */
function readerWords(message: string, read: FailedRead): string {
  const located = withoutLocationSecrets(message, read.target);
  return withoutServerPaths(
    withoutUrlCredentials(located).replace(URL_IN_TEXT, url =>
      url.startsWith(read.shown) ? url : 'the SCM API',
    ),
  );
}

/**
 * A failed read of a url: location as a {@link SourceError} whose message
 * says what happened and what to do about it, naming the location without
 * credentials and never the SCM API's address or a token.
 */
export function describeReadFailure(
  error: unknown,
  read: FailedRead,
): SourceError {
  const e = error as {
    name?: string;
    message?: string;
    code?: string;
    type?: string;
  };
  // Already said for the user (a read held back for the SCM's rate limit).
  if (error instanceof SourceError) return error;
  const message = String(e?.message ?? error);
  const { shown } = read;
  const integration = integrationOf(read);
  if (e?.name === 'NotFoundError') {
    return new SourceError(
      'not-found',
      `Repository ${shown} was not found (404): check the repository, branch and path in the ${read.annotation} annotation, and that the credentials of ${integration} can read the repository`,
    );
  }
  if (e?.type === 'max-redirect') {
    return new SourceError(
      'unreadable',
      `Repository ${shown} could not be read: the SCM redirected too many times; check the URL in the ${read.annotation} annotation (a repository moved again and again, or a proxy loop)`,
    );
  }
  const network = e?.code ?? (e as { cause?: { code?: string } })?.cause?.code;
  if (
    e?.type === 'system' ||
    (network &&
      /^E[A-Z]+$/.test(network) &&
      network !== 'ERR_STREAM_PREMATURE_CLOSE')
  ) {
    return new SourceError(
      'unreadable',
      `Repository ${shown} could not be reached (${
        network ?? 'network error'
      }): check the apiBaseUrl of ${integration} and that the backend can reach it; the audit is retried with back-off`,
    );
  }
  const status = statusIn(message);
  if (status) {
    const answered = `${status.code}${status.text ? ` ${status.text}` : ''}`;
    if (/rate limit/i.test(message)) {
      return new SourceError(
        'unreadable',
        `Repository ${shown} could not be read: the SCM's API rate limit is used up (${answered}); the audit is retried with back-off, and a token on ${integration} raises the limit`,
      );
    }
    if (status.code === 401) {
      return new SourceError(
        'unreadable',
        `Repository ${shown} could not be read: the SCM refused the credentials (${answered}); check the token of ${integration}`,
      );
    }
    if (status.code === 403) {
      return new SourceError(
        'unreadable',
        `Repository ${shown} could not be read: access was refused (${answered}); give the token of ${integration} read access to this repository`,
      );
    }
    if (status.code >= 500) {
      return new SourceError(
        'unreadable',
        `Repository ${shown} could not be read: the SCM answered ${answered}, a failure on its side; the audit is retried with back-off, and if it goes on, check the SCM's status`,
      );
    }
  }
  return new SourceError(
    'unreadable',
    `Repository ${shown} could not be read: ${readerWords(message, read)}`,
  );
}
