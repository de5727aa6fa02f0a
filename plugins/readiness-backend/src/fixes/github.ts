import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import {
  branchExists,
  FixChange,
  OpenedRequest,
  PullRequestPublisher,
  scmWriteError,
} from './publisher';

type Step<T> = () => Promise<T>;

/**
 * The status GitHub answered; undefined when it did not answer (Octokit
 * reports a network failure as a 500 without a response).
 */
function statusOf(error: unknown): number | undefined {
  const e = error as { status?: number; response?: unknown };
  return e.response ? e.status : undefined;
}

/**
 * Opens pull requests on GitHub with @octokit/rest and the credentials of
 * the GitHub integration (a token or a GitHub App, as the scaffolder's
 * publish actions get them): a commit with the fixed files on top of the
 * audited commit (one tree from the audited one), a branch at it, a pull
 * request to the location's branch or the default branch.
 */
export class GithubPublisher implements PullRequestPublisher {
  readonly #integrations: ScmIntegrationRegistry;
  readonly #credentials: DefaultGithubCredentialsProvider;

  constructor(integrations: ScmIntegrationRegistry) {
    this.#integrations = integrations;
    this.#credentials =
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  }

  async open(change: FixChange): Promise<OpenedRequest> {
    const { repository } = change;
    const integration = this.#integrations.github.byHost(repository.host);
    if (!integration) {
      throw new InputError(
        `No GitHub integration is configured for ${repository.host}: add an integrations.github entry for it with a token or a GitHub App`,
      );
    }
    const repoUrl = `${repository.origin}/${repository.path}`;
    const { token } = await this.#credentials.getCredentials({ url: repoUrl });
    if (!token) {
      throw new InputError(
        `The integrations.github entry for ${repository.host} has no credentials for ${repository.path}: add a token, or a GitHub App installed on the repository, to open pull requests`,
      );
    }
    const octokit = new Octokit({
      auth: token,
      baseUrl: integration.config.apiBaseUrl,
    });
    const [owner, repo] = repository.path.split('/');
    const call = async <T>(step: string, run: Step<T>): Promise<T> => {
      try {
        return await run();
      } catch (e) {
        throw scmWriteError(repository, {
          step,
          status: statusOf(e),
        });
      }
    };

    const base =
      repository.ref ??
      (await call(
        'reading the repository',
        async () => (await octokit.repos.get({ owner, repo })).data,
      ))!.default_branch;
    const parent = await call(
      'reading the audited commit',
      async () =>
        (
          await octokit.git.getCommit({
            owner,
            repo,
            commit_sha: change.commit,
          })
        ).data,
    );
    const tree = await call(
      'writing the files',
      async () =>
        (
          await octokit.git.createTree({
            owner,
            repo,
            base_tree: parent.tree.sha,
            tree: change.files.map(file => ({
              path: file.path,
              mode: '100644' as const,
              type: 'blob' as const,
              content: file.content,
            })),
          })
        ).data,
    );
    const commit = await call(
      'committing the files',
      async () =>
        (
          await octokit.git.createCommit({
            owner,
            repo,
            message: change.message,
            tree: tree.sha,
            parents: [change.commit],
          })
        ).data,
    );
    try {
      await octokit.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${change.branch}`,
        sha: commit.sha,
      });
    } catch (e) {
      if (statusOf(e) === 422) {
        throw branchExists(repository, change.branch);
      }
      throw scmWriteError(repository, {
        step: 'creating the branch',
        status: statusOf(e),
      });
    }
    try {
      const { data } = await octokit.pulls.create({
        owner,
        repo,
        title: change.title,
        body: change.body,
        head: change.branch,
        base,
      });
      return { url: data.html_url, number: data.number, base };
    } catch (e) {
      // No branch is left behind without its pull request.
      await octokit.git
        .deleteRef({ owner, repo, ref: `heads/${change.branch}` })
        .catch(() => undefined);
      throw scmWriteError(repository, {
        step: 'opening the pull request',
        status: statusOf(e),
      });
    }
  }
}
