import { InputError } from '@backstage/errors';
import {
  getGitLabRequestOptions,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { ScmRequestError } from './errors';
import {
  branchExists,
  FixChange,
  OpenedRequest,
  PullRequestPublisher,
  scmWriteError,
} from './publisher';

/** A GitLab answer other than 2xx. */
class Answered extends Error {
  readonly status: number;
  readonly detail?: string;

  constructor(status: number, detail?: string) {
    super(`answered ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

/**
 * Opens merge requests through the GitLab REST API with the token of the
 * GitLab integration: a branch at the audited commit, one commit with the
 * fixed files (the commits API with actions), a merge request to the
 * location's branch or the default branch.
 */
export class GitlabPublisher implements PullRequestPublisher {
  readonly #integrations: ScmIntegrationRegistry;

  constructor(integrations: ScmIntegrationRegistry) {
    this.#integrations = integrations;
  }

  async open(change: FixChange): Promise<OpenedRequest> {
    const { repository } = change;
    const integration = this.#integrations.gitlab.byHost(repository.host);
    if (!integration) {
      throw new InputError(
        `No GitLab integration is configured for ${repository.host}: add an integrations.gitlab entry for it with a token`,
      );
    }
    const { config } = integration;
    if (!config.token) {
      throw new InputError(
        `The integrations.gitlab entry for ${repository.host} has no token: add one with the api scope to open merge requests`,
      );
    }
    const project = `${config.apiBaseUrl}/projects/${encodeURIComponent(
      repository.path,
    )}`;
    const { headers } = getGitLabRequestOptions(config);
    const send = async <T>(
      step: string,
      method: 'GET' | 'POST' | 'DELETE',
      path: string,
      body?: unknown,
    ): Promise<T> => {
      let response: Response;
      try {
        response = await fetch(`${project}${path}`, {
          method,
          headers: {
            ...headers,
            ...(body ? { 'Content-Type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          redirect: 'error',
        });
      } catch {
        throw scmWriteError(repository, { step });
      }
      const text = await response.text();
      if (!response.ok) {
        throw new Answered(response.status, messageOf(text));
      }
      try {
        return (text ? JSON.parse(text) : undefined) as T;
      } catch {
        throw new ScmRequestError(
          `GitLab at ${repository.host} answered ${step} with something other than JSON: check that the integration's apiBaseUrl is the GitLab API`,
        );
      }
    };
    const call = async <T>(step: string, run: () => Promise<T>) => {
      try {
        return await run();
      } catch (e) {
        if (e instanceof Answered) {
          throw scmWriteError(repository, {
            step,
            status: e.status,
            detail: e.detail,
          });
        }
        throw e;
      }
    };

    const base =
      repository.ref ??
      (
        await call('reading the project', () =>
          send<{ default_branch: string }>('reading the project', 'GET', ''),
        )
      ).default_branch;
    const branchQuery = `?branch=${encodeURIComponent(
      change.branch,
    )}&ref=${encodeURIComponent(change.commit)}`;
    try {
      await send(
        'creating the branch',
        'POST',
        `/repository/branches${branchQuery}`,
      );
    } catch (e) {
      if (e instanceof Answered) {
        if (e.status === 400 && /already exists/i.test(e.detail ?? '')) {
          throw branchExists(repository, change.branch);
        }
        throw scmWriteError(repository, {
          step: 'creating the branch',
          status: e.status,
          detail: e.detail,
        });
      }
      throw e;
    }
    try {
      await call('committing the files', () =>
        send('committing the files', 'POST', '/repository/commits', {
          branch: change.branch,
          commit_message: change.message,
          actions: change.files.map(file => ({
            action: file.action === 'create' ? 'create' : 'update',
            file_path: file.path,
            content: file.content,
          })),
        }),
      );
      const request = await call('opening the merge request', () =>
        send<{ iid: number; web_url: string }>(
          'opening the merge request',
          'POST',
          '/merge_requests',
          {
            source_branch: change.branch,
            target_branch: base,
            title: change.title,
            description: change.body,
            remove_source_branch: true,
          },
        ),
      );
      return { url: request.web_url, number: request.iid, base };
    } catch (e) {
      // No branch is left behind without its merge request.
      await send(
        'removing the branch',
        'DELETE',
        `/repository/branches/${encodeURIComponent(change.branch)}`,
      ).catch(() => undefined);
      throw e;
    }
  }
}

/** GitLab's `message` (a string, a list or an object of lists), cut short; never the request. */
function messageOf(text: string): string | undefined {
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown }).message;
  } catch {
    return undefined;
  }
  if (message === undefined) return undefined;
  const flat = typeof message === 'string' ? message : JSON.stringify(message);
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
