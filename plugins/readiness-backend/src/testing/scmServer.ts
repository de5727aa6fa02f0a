import { createHash } from 'node:crypto';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { FixtureGitRepo } from './fixtureGit';

/**
 * A local stand-in for the GitHub and GitLab REST APIs, for tests: the
 * endpoints that Backstage's GithubUrlReader and GitlabUrlReader call for
 * readTree, readUrl and search, answered from fixture git repositories, with
 * the ETags and `304 Not Modified` answers of the real APIs.
 *
 * It also takes the writes that opening a pull or merge request makes
 * (GitHub: read a commit, create a tree, a commit, a ref and a pull
 * request, delete a ref; GitLab: create and delete a branch, commit with
 * actions, create a merge request), applies them to the fixture repository
 * and records the requests opened in {@link ScmServer.pullRequests}.
 *
 * GitHub is served under `<url>/github/api/v3` (an Enterprise Server's
 * `apiBaseUrl`) and its archive downloads under `<url>/github/codeload`,
 * GitLab under `<url>/gitlab/api/v4`.
 */

/** What the server recognised a request as. */
export type ScmRoute =
  | 'github.repo'
  | 'github.status'
  | 'github.tarball'
  | 'github.codeload'
  | 'github.contents'
  | 'github.tree'
  | 'github.blob'
  | 'github.commit'
  | 'github.createTree'
  | 'github.createCommit'
  | 'github.createRef'
  | 'github.deleteRef'
  | 'github.createPull'
  | 'gitlab.project'
  | 'gitlab.commits'
  | 'gitlab.archive'
  | 'gitlab.file'
  | 'gitlab.createBranch'
  | 'gitlab.deleteBranch'
  | 'gitlab.createCommit'
  | 'gitlab.createMergeRequest'
  | 'unknown';

/** The routes that write to a repository or open a request. */
export const WRITE_ROUTES: ScmRoute[] = [
  'github.createTree',
  'github.createCommit',
  'github.createRef',
  'github.deleteRef',
  'github.createPull',
  'gitlab.createBranch',
  'gitlab.deleteBranch',
  'gitlab.createCommit',
  'gitlab.createMergeRequest',
];

/** A pull (GitHub) or merge (GitLab) request opened on the server. */
export interface OpenedPullRequest {
  host: 'github' | 'gitlab';
  /** `owner/name` or the GitLab project path. */
  repository: string;
  number: number;
  title: string;
  body: string;
  /** The branch with the changes. */
  head: string;
  /** The branch it targets. */
  base: string;
  url: string;
}

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Record<string, unknown>,
) => Promise<void>;

/** The routes that send a repository archive. */
export const ARCHIVE_ROUTES: ScmRoute[] = ['github.codeload', 'gitlab.archive'];

/** One request the server received. */
export interface ScmRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  route: ScmRoute;
  headers: IncomingMessage['headers'];
  /** The status answered; undefined while unanswered (a hanging fault). */
  status?: number;
}

/** Something the server does instead of answering normally. */
export type ScmFault =
  | {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
    }
  /** Never answers; the connection stays open until the client gives up or the server stops. */
  | { hang: true }
  /** Answers with a redirect to `location` (absolute, or a path on this server). */
  | { redirect: string; status?: 301 | 302 | 307 | 308 };

/** Which requests a fault applies to. */
export interface ScmFaultMatch {
  route?: ScmRoute;
  /** A substring of, or a pattern over, the request's path and query. */
  url?: string | RegExp;
  /** How many matching requests get the fault; every one when absent. */
  times?: number;
}

interface Hosted {
  repo: FixtureGitRepo;
  id: number;
}

const json = (
  res: ServerResponse,
  req: IncomingMessage,
  body: unknown,
  status = 200,
) => {
  const text = JSON.stringify(body);
  const etag = `W/"${createHash('sha1').update(text).digest('hex')}"`;
  res.setHeader('ETag', etag);
  if (status === 200 && req.headers['if-none-match'] === etag) {
    res.writeHead(304).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
};

/** `304` when the client already holds `etag`; otherwise sends `body` with it. */
const conditional = (
  res: ServerResponse,
  req: IncomingMessage,
  etag: string,
  body: Buffer,
  contentType: string,
) => {
  res.setHeader('ETag', etag);
  const held = req.headers['if-none-match'];
  if (held && held.split(',').some(tag => tag.trim() === etag)) {
    res.writeHead(304).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': contentType });
  res.end(body);
};

/** The local SCM server; create it with {@link startScmServer}. */
export class ScmServer {
  readonly #server: Server;
  readonly #github = new Map<string, Hosted>();
  readonly #githubRenamed = new Map<string, string>();
  readonly #gitlab = new Map<string, Hosted>();
  readonly #faults: Array<{
    match: ScmFaultMatch;
    fault: ScmFault;
    used: number;
  }> = [];
  #nextId = 1000;
  #latencyMs = 0;
  /** The pull and merge requests opened, in order. */
  readonly pullRequests: OpenedPullRequest[] = [];
  /** Every request received, in order. */
  readonly requests: ScmRequest[] = [];
  /** `http://127.0.0.1:<port>` */
  readonly url: string;

  /** @internal */
  constructor(server: Server) {
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** `integrations.github[].apiBaseUrl` */
  get githubApiBaseUrl(): string {
    return `${this.url}/github/api/v3`;
  }

  /** `integrations.gitlab[].apiBaseUrl` */
  get gitlabApiBaseUrl(): string {
    return `${this.url}/gitlab/api/v4`;
  }

  /** Serves `repo` as the GitHub repository `owner/name`. */
  addGithubRepo(fullName: string, repo: FixtureGitRepo): void {
    this.#github.set(fullName.toLowerCase(), { repo, id: this.#nextId++ });
  }

  /** Answers requests for `from` with a `301` to `to`, as GitHub does for a renamed repository. */
  renameGithubRepo(from: string, to: string): void {
    this.#githubRenamed.set(from.toLowerCase(), to);
  }

  /** Serves `repo` as the GitLab project `group/…/name`. */
  addGitlabProject(path: string, repo: FixtureGitRepo): void {
    this.#gitlab.set(path.toLowerCase(), { repo, id: this.#nextId++ });
  }

  /** Applies `fault` to matching requests from now on. */
  fault(match: ScmFaultMatch, fault: ScmFault): void {
    this.#faults.push({ match, fault, used: 0 });
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Delays every answer by `ms`, as a distant server would. */
  setLatency(ms: number): void {
    this.#latencyMs = ms;
  }

  /** How many requests were recognised as one of `routes`. */
  count(...routes: ScmRoute[]): number {
    return this.requests.filter(r => routes.includes(r.route)).length;
  }

  /** How many archives were sent (a `200` on an archive route). */
  archiveDownloads(): number {
    return this.requests.filter(
      r => ARCHIVE_ROUTES.includes(r.route) && r.status === 200,
    ).length;
  }

  /** Forgets the requests received so far. */
  resetRequests(): void {
    this.requests.length = 0;
  }

  /** Stops the server, dropping any connection still open. */
  async stop(): Promise<void> {
    await new Promise<void>(resolve => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  /** @internal */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const { route, handler } = this.#route(url, method);
    const record: ScmRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      route,
      headers: req.headers,
    };
    this.requests.push(record);
    // The status is known once the head is sent, even if the body is not read.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => void;
    res.writeHead = ((...args: unknown[]) => {
      record.status = args[0] as number;
      writeHead(...args);
      return res;
    }) as ServerResponse['writeHead'];
    if (this.#latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, this.#latencyMs));
    }
    const fault = this.#faultFor(route, req.url ?? '/');
    if (fault) {
      this.#applyFault(fault, res);
      return;
    }
    let body: Record<string, unknown> = {};
    if (method === 'POST' || method === 'PUT') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        json(res, req, { message: 'Problems parsing JSON' }, 400);
        return;
      }
    }
    try {
      await handler(req, res, body);
    } catch (e) {
      if (!res.headersSent) {
        json(res, req, { message: String(e) }, 500);
      } else {
        res.destroy();
      }
    }
  }

  #faultFor(route: ScmRoute, url: string): ScmFault | undefined {
    for (const entry of this.#faults) {
      const { match } = entry;
      if (match.route && match.route !== route) continue;
      if (typeof match.url === 'string' && !url.includes(match.url)) continue;
      if (match.url instanceof RegExp && !match.url.test(url)) continue;
      if (match.times !== undefined && entry.used >= match.times) continue;
      entry.used += 1;
      return entry.fault;
    }
    return undefined;
  }

  #applyFault(fault: ScmFault, res: ServerResponse): void {
    if ('hang' in fault) return;
    if ('redirect' in fault) {
      res.writeHead(fault.status ?? 302, {
        Location: new URL(fault.redirect, this.url).toString(),
      });
      res.end();
      return;
    }
    res.writeHead(fault.status, {
      'Content-Type': 'application/json; charset=utf-8',
      ...fault.headers,
    });
    res.end(
      JSON.stringify(fault.body ?? { message: `Status ${fault.status}` }),
    );
  }

  #route(
    url: URL,
    method: string,
  ): {
    route: ScmRoute;
    handler: Handler;
  } {
    const parts = url.pathname.split('/').filter(Boolean);
    const notFound = async (req: IncomingMessage, res: ServerResponse) =>
      json(res, req, { message: 'Not Found' }, 404);
    const reading = method === 'GET' || method === 'HEAD';
    if (
      !reading &&
      parts[0] === 'github' &&
      parts[1] === 'api' &&
      parts[2] === 'v3'
    ) {
      return (
        this.#githubWriteRoute(parts.slice(3), method) ?? {
          route: 'unknown',
          handler: notFound,
        }
      );
    }
    if (
      !reading &&
      parts[0] === 'gitlab' &&
      parts[1] === 'api' &&
      parts[2] === 'v4'
    ) {
      return (
        this.#gitlabWriteRoute(parts.slice(3), url, method) ?? {
          route: 'unknown',
          handler: notFound,
        }
      );
    }
    if (!reading) return { route: 'unknown', handler: notFound };
    if (parts[0] === 'github' && parts[1] === 'api' && parts[2] === 'v3') {
      return (
        this.#githubApiRoute(parts.slice(3), url) ?? {
          route: 'unknown',
          handler: notFound,
        }
      );
    }
    if (parts[0] === 'github' && parts[1] === 'codeload') {
      // /github/codeload/<owner>/<repo>/legacy.tar.gz/<ref…>
      const [owner, name, kind, ...ref] = parts.slice(2);
      if (owner && name && kind === 'legacy.tar.gz' && ref.length) {
        return {
          route: 'github.codeload',
          handler: (req, res) =>
            this.#githubCodeload(req, res, `${owner}/${name}`, ref.join('/')),
        };
      }
    }
    if (parts[0] === 'gitlab' && parts[1] === 'api' && parts[2] === 'v4') {
      return (
        this.#gitlabRoute(parts.slice(3), url) ?? {
          route: 'unknown',
          handler: notFound,
        }
      );
    }
    return { route: 'unknown', handler: notFound };
  }

  // ---- GitHub ------------------------------------------------------------

  #githubApiRoute(parts: string[], url: URL) {
    if (parts[0] !== 'repos' || parts.length < 3) return undefined;
    const fullName = `${parts[1]}/${parts[2]}`;
    const rest = parts.slice(3);
    const renamed = this.#githubRenamed.get(fullName.toLowerCase());
    if (renamed) {
      const routes: Record<string, ScmRoute> = {
        commits: 'github.status',
        tarball: 'github.tarball',
      };
      const route: ScmRoute =
        rest.length === 0 ? 'github.repo' : routes[rest[0]] ?? 'unknown';
      return {
        route,
        handler: async (_req: IncomingMessage, res: ServerResponse) => {
          const target = `${this.githubApiBaseUrl}/repos/${renamed}${
            rest.length ? `/${rest.join('/')}` : ''
          }${url.search}`;
          res.writeHead(301, { Location: target }).end();
        },
      };
    }
    const hosted = () => this.#github.get(fullName.toLowerCase());
    if (rest.length === 0) {
      return {
        route: 'github.repo' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const repo = hosted();
          if (!repo) return json(res, req, { message: 'Not Found' }, 404);
          return json(res, req, this.#githubRepoJson(fullName, repo));
        },
      };
    }
    if (
      rest[0] === 'commits' &&
      rest.length >= 3 &&
      rest[rest.length - 1] === 'status'
    ) {
      const ref = decodeURIComponent(rest.slice(1, -1).join('/'));
      return {
        route: 'github.status' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const repo = hosted();
          const sha = repo && (await repo.repo.resolve(ref));
          if (!repo || !sha) {
            return json(
              res,
              req,
              { message: `No commit found for SHA: ${ref}` },
              404,
            );
          }
          return json(res, req, {
            state: 'pending',
            statuses: [],
            sha,
            total_count: 0,
            repository: this.#githubRepoJson(fullName, repo),
            commit_url: `${this.githubApiBaseUrl}/repos/${fullName}/commits/${sha}`,
            url: `${this.githubApiBaseUrl}/repos/${fullName}/commits/${sha}/status`,
          });
        },
      };
    }
    if (rest[0] === 'tarball') {
      const ref = rest.slice(1).map(decodeURIComponent).join('/');
      return {
        route: 'github.tarball' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const repo = hosted();
          const sha =
            repo && (await repo.repo.resolve(ref || repo.repo.defaultBranch));
          if (!repo || !sha)
            return json(res, req, { message: 'Not Found' }, 404);
          // GitHub sends archive downloads to codeload.github.com.
          res.writeHead(302, {
            Location: `${this.url}/github/codeload/${fullName}/legacy.tar.gz/${
              ref || repo.repo.defaultBranch
            }`,
          });
          res.end();
          return undefined;
        },
      };
    }
    if (rest[0] === 'contents') {
      const path = rest.slice(1).map(decodeURIComponent).join('/');
      return {
        route: 'github.contents' as ScmRoute,
        handler: (req: IncomingMessage, res: ServerResponse) =>
          this.#githubContents(
            req,
            res,
            fullName,
            path,
            url.searchParams.get('ref'),
          ),
      };
    }
    if (rest[0] === 'git' && rest[1] === 'trees' && rest[2]) {
      return {
        route: 'github.tree' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const repo = hosted();
          const sha =
            repo && (await repo.repo.resolve(decodeURIComponent(rest[2])));
          if (!repo || !sha)
            return json(res, req, { message: 'Not Found' }, 404);
          const entries = await repo.repo.listTree(sha);
          return json(res, req, {
            sha,
            url: `${this.githubApiBaseUrl}/repos/${fullName}/git/trees/${sha}`,
            tree: entries.map(e => ({
              path: e.path,
              mode: e.type === 'tree' ? '040000' : '100644',
              type: e.type,
              sha: e.sha,
              ...(e.size !== undefined ? { size: e.size } : {}),
              url: `${this.githubApiBaseUrl}/repos/${fullName}/git/${e.type}s/${e.sha}`,
            })),
            truncated: false,
          });
        },
      };
    }
    if (rest[0] === 'git' && rest[1] === 'commits' && rest[2]) {
      return {
        route: 'github.commit' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const repo = hosted();
          const tree = repo && (await repo.repo.treeOf(rest[2]));
          if (!repo || !tree)
            return json(res, req, { message: 'Not Found' }, 404);
          return json(res, req, {
            sha: rest[2],
            tree: {
              sha: tree,
              url: `${this.githubApiBaseUrl}/repos/${fullName}/git/trees/${tree}`,
            },
            message: await repo.repo.messageOf(rest[2]),
          });
        },
      };
    }
    if (rest[0] === 'git' && rest[1] === 'blobs' && rest[2]) {
      return {
        route: 'github.blob' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const repo = hosted();
          const content = repo && (await repo.repo.readBlob(rest[2]));
          if (!repo || !content)
            return json(res, req, { message: 'Not Found' }, 404);
          return json(res, req, {
            sha: rest[2],
            size: content.length,
            encoding: 'base64',
            content: content.toString('base64'),
          });
        },
      };
    }
    return undefined;
  }

  #githubRepoJson(fullName: string, hosted: Hosted) {
    const base = `${this.githubApiBaseUrl}/repos/${fullName}`;
    const [owner, name] = fullName.split('/');
    return {
      id: hosted.id,
      name,
      full_name: fullName,
      private: true,
      owner: { login: owner },
      default_branch: hosted.repo.defaultBranch,
      url: base,
      archive_url: `${base}/{archive_format}{/ref}`,
      trees_url: `${base}/git/trees{/sha}`,
      contents_url: `${base}/contents/{+path}`,
    };
  }

  async #githubCodeload(
    req: IncomingMessage,
    res: ServerResponse,
    fullName: string,
    ref: string,
  ): Promise<void> {
    const hosted = this.#github.get(fullName.toLowerCase());
    const sha = hosted && (await hosted.repo.resolve(ref));
    if (!hosted || !sha) {
      res
        .writeHead(404, { 'Content-Type': 'text/plain' })
        .end('404: Not Found');
      return;
    }
    const etag = `"${sha}"`;
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return;
    }
    const prefix = `${fullName.replace('/', '-')}-${sha.slice(0, 7)}`;
    res.writeHead(200, {
      'Content-Type': 'application/x-gzip',
      'Content-Disposition': `attachment; filename=${prefix}.tar.gz`,
    });
    await streamArchive(hosted.repo.archive(sha, prefix), res);
  }

  async #githubContents(
    req: IncomingMessage,
    res: ServerResponse,
    fullName: string,
    path: string,
    ref: string | null,
  ): Promise<void> {
    const hosted = this.#github.get(fullName.toLowerCase());
    const sha =
      hosted && (await hosted.repo.resolve(ref || hosted.repo.defaultBranch));
    const content = sha && (await hosted!.repo.readFile(sha, path));
    if (!hosted || !sha || !content) {
      json(res, req, { message: 'Not Found' }, 404);
      return;
    }
    const etag = `W/"${createHash('sha1').update(content).digest('hex')}"`;
    const accept = String(req.headers.accept ?? '');
    if (accept.includes('raw')) {
      conditional(res, req, etag, content, 'application/vnd.github.v3.raw');
      return;
    }
    json(res, req, {
      type: 'file',
      path,
      name: path.split('/').pop(),
      size: content.length,
      encoding: 'base64',
      content: content.toString('base64'),
    });
  }

  /** The GitHub API calls that create a branch with a commit and a pull request. */
  #githubWriteRoute(
    parts: string[],
    method: string,
  ): { route: ScmRoute; handler: Handler } | undefined {
    if (parts[0] !== 'repos' || parts.length < 4) return undefined;
    const fullName = `${parts[1]}/${parts[2]}`;
    const rest = parts.slice(3);
    const hosted = this.#github.get(fullName.toLowerCase());
    const invalid = (
      req: IncomingMessage,
      res: ServerResponse,
      message: string,
    ) => json(res, req, { message }, 422);
    const withRepo =
      (
        handler: (
          repo: FixtureGitRepo,
          ...args: Parameters<Handler>
        ) => Promise<void>,
      ): Handler =>
      async (req, res, body) => {
        if (!hosted) return json(res, req, { message: 'Not Found' }, 404);
        return handler(hosted.repo, req, res, body);
      };
    const path = rest.join('/');
    if (method === 'POST' && path === 'git/trees') {
      return {
        route: 'github.createTree',
        handler: withRepo(async (repo, req, res, body) => {
          const entries = body.tree as
            | Array<{
                path?: string;
                mode?: string;
                type?: string;
                content?: string;
              }>
            | undefined;
          const base = body.base_tree as string | undefined;
          if (
            !Array.isArray(entries) ||
            entries.some(
              e =>
                typeof e.path !== 'string' ||
                e.type !== 'blob' ||
                e.mode !== '100644' ||
                typeof e.content !== 'string',
            )
          ) {
            return invalid(req, res, 'Invalid tree info');
          }
          const baseTree = base ? await repo.treeOf(base) : undefined;
          if (base && !baseTree) return invalid(req, res, 'Invalid tree info');
          const files = Object.fromEntries(
            entries.map(e => [e.path!, e.content!]),
          );
          const sha = await repo.writeTree(base, files);
          return json(res, req, { sha, tree: [] }, 201);
        }),
      };
    }
    if (method === 'POST' && path === 'git/commits') {
      return {
        route: 'github.createCommit',
        handler: withRepo(async (repo, req, res, body) => {
          const { message, tree, parents } = body as {
            message?: string;
            tree?: string;
            parents?: string[];
          };
          if (
            typeof message !== 'string' ||
            typeof tree !== 'string' ||
            !Array.isArray(parents)
          ) {
            return invalid(req, res, 'Invalid request');
          }
          for (const parent of parents) {
            if (!(await repo.treeOf(parent))) {
              return invalid(req, res, `Parent SHA ${parent} does not exist`);
            }
          }
          const sha = await repo.commitTree(tree, parents, message);
          return json(res, req, { sha, message }, 201);
        }),
      };
    }
    if (method === 'POST' && path === 'git/refs') {
      return {
        route: 'github.createRef',
        handler: withRepo(async (repo, req, res, body) => {
          const { ref, sha } = body as { ref?: string; sha?: string };
          const branch = ref?.startsWith('refs/heads/')
            ? ref.slice('refs/heads/'.length)
            : undefined;
          if (!branch || typeof sha !== 'string' || !(await repo.treeOf(sha))) {
            return invalid(req, res, 'Invalid request');
          }
          if (await repo.hasBranch(branch)) {
            return invalid(req, res, 'Reference already exists');
          }
          await repo.setBranch(branch, sha);
          return json(res, req, { ref, object: { sha, type: 'commit' } }, 201);
        }),
      };
    }
    if (
      method === 'DELETE' &&
      rest[0] === 'git' &&
      rest[1] === 'refs' &&
      rest[2] === 'heads'
    ) {
      const branch = rest.slice(3).map(decodeURIComponent).join('/');
      return {
        route: 'github.deleteRef',
        handler: withRepo(async (repo, req, res) => {
          if (!(await repo.hasBranch(branch))) {
            return invalid(req, res, 'Reference does not exist');
          }
          await repo.deleteBranch(branch);
          res.writeHead(204).end();
          return undefined;
        }),
      };
    }
    if (method === 'POST' && path === 'pulls') {
      return {
        route: 'github.createPull',
        handler: withRepo(async (repo, req, res, body) => {
          const { title, head, base } = body as Record<string, string>;
          if (typeof title !== 'string' || !title) {
            return invalid(req, res, 'Validation Failed: title');
          }
          if (!(await repo.hasBranch(head)) || !(await repo.hasBranch(base))) {
            return invalid(req, res, 'Validation Failed: head or base');
          }
          const number = this.pullRequests.length + 1;
          const url = `https://github.example/${fullName}/pull/${number}`;
          this.pullRequests.push({
            host: 'github',
            repository: fullName,
            number,
            title,
            body: String(body.body ?? ''),
            head,
            base,
            url,
          });
          return json(
            res,
            req,
            { number, html_url: url, head: { ref: head }, base: { ref: base } },
            201,
          );
        }),
      };
    }
    return undefined;
  }

  // ---- GitLab ------------------------------------------------------------

  /** The GitLab API calls that create a branch with a commit and a merge request. */
  #gitlabWriteRoute(
    parts: string[],
    url: URL,
    method: string,
  ): { route: ScmRoute; handler: Handler } | undefined {
    if (parts[0] !== 'projects' || !parts[1]) return undefined;
    const projectPath = decodeURIComponent(parts[1]);
    const rest = parts.slice(2);
    const hosted = this.#gitlab.get(projectPath.toLowerCase());
    const withProject =
      (
        handler: (
          repo: FixtureGitRepo,
          ...args: Parameters<Handler>
        ) => Promise<void>,
      ): Handler =>
      async (req, res, body) => {
        if (!hosted) {
          return json(res, req, { message: '404 Project Not Found' }, 404);
        }
        return handler(hosted.repo, req, res, body);
      };
    const bad = (req: IncomingMessage, res: ServerResponse, message: unknown) =>
      json(res, req, { message }, 400);
    const path = rest.join('/');
    if (method === 'POST' && path === 'repository/branches') {
      return {
        route: 'gitlab.createBranch',
        handler: withProject(async (repo, req, res) => {
          const branch = url.searchParams.get('branch');
          const ref = url.searchParams.get('ref');
          if (!branch || !ref) return bad(req, res, 'branch is missing');
          const sha = await repo.resolve(ref);
          if (!sha) return bad(req, res, 'Invalid reference name');
          if (await repo.hasBranch(branch)) {
            return bad(req, res, 'Branch already exists');
          }
          await repo.setBranch(branch, sha);
          return json(res, req, { name: branch, commit: { id: sha } }, 201);
        }),
      };
    }
    if (
      method === 'DELETE' &&
      rest[0] === 'repository' &&
      rest[1] === 'branches' &&
      rest[2]
    ) {
      const branch = decodeURIComponent(rest.slice(2).join('/'));
      return {
        route: 'gitlab.deleteBranch',
        handler: withProject(async (repo, req, res) => {
          if (!(await repo.hasBranch(branch))) {
            return json(res, req, { message: '404 Branch Not Found' }, 404);
          }
          await repo.deleteBranch(branch);
          res.writeHead(204).end();
          return undefined;
        }),
      };
    }
    if (method === 'POST' && path === 'repository/commits') {
      return {
        route: 'gitlab.createCommit',
        handler: withProject(async (repo, req, res, body) => {
          const {
            branch,
            commit_message: message,
            actions,
          } = body as {
            branch?: string;
            commit_message?: string;
            actions?: Array<{
              action?: string;
              file_path?: string;
              content?: string;
            }>;
          };
          if (!branch || !message || !Array.isArray(actions)) {
            return bad(
              req,
              res,
              'branch, commit_message and actions are required',
            );
          }
          const head = await repo.resolve(`refs/heads/${branch}`);
          if (!head)
            return bad(
              req,
              res,
              'You can only create or edit files when you are on a branch',
            );
          const files: Record<string, string> = {};
          for (const a of actions) {
            if (
              typeof a.file_path !== 'string' ||
              typeof a.content !== 'string'
            ) {
              return bad(req, res, 'file_path and content are required');
            }
            const exists =
              (await repo.readFile(head, a.file_path)) !== undefined;
            if (a.action === 'create' && exists) {
              return bad(req, res, 'A file with this name already exists');
            }
            if (a.action === 'update' && !exists) {
              return bad(req, res, "A file with this name doesn't exist");
            }
            if (a.action !== 'create' && a.action !== 'update') {
              return bad(req, res, 'action does not have a valid value');
            }
            files[a.file_path] = a.content;
          }
          const tree = await repo.writeTree(await repo.treeOf(head), files);
          const sha = await repo.commitTree(tree, [head], message);
          await repo.setBranch(branch, sha);
          return json(
            res,
            req,
            { id: sha, short_id: sha.slice(0, 8), message },
            201,
          );
        }),
      };
    }
    if (method === 'POST' && path === 'merge_requests') {
      return {
        route: 'gitlab.createMergeRequest',
        handler: withProject(async (repo, req, res, body) => {
          const {
            source_branch: head,
            target_branch: base,
            title,
          } = body as Record<string, string>;
          if (!title) return bad(req, res, { title: ["can't be blank"] });
          if (!(await repo.hasBranch(head)) || !(await repo.hasBranch(base))) {
            return bad(req, res, { source_branch: ['is invalid'] });
          }
          const number = this.pullRequests.length + 1;
          const webUrl = `https://gitlab.example/${projectPath}/-/merge_requests/${number}`;
          this.pullRequests.push({
            host: 'gitlab',
            repository: projectPath,
            number,
            title,
            body: String(body.description ?? ''),
            head,
            base,
            url: webUrl,
          });
          return json(
            res,
            req,
            {
              iid: number,
              web_url: webUrl,
              source_branch: head,
              target_branch: base,
            },
            201,
          );
        }),
      };
    }
    return undefined;
  }

  #gitlabRoute(parts: string[], url: URL) {
    if (parts[0] !== 'projects' || !parts[1]) return undefined;
    const projectPath = decodeURIComponent(parts[1]);
    const rest = parts.slice(2);
    const hosted = () => this.#gitlab.get(projectPath.toLowerCase());
    const missing = (
      req: IncomingMessage,
      res: ServerResponse,
      what = 'Project',
    ) => json(res, req, { message: `404 ${what} Not Found` }, 404);
    if (rest.length === 0) {
      return {
        route: 'gitlab.project' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const project = hosted();
          if (!project) return missing(req, res);
          return json(res, req, {
            id: project.id,
            path_with_namespace: projectPath,
            name: projectPath.split('/').pop(),
            default_branch: project.repo.defaultBranch,
            web_url: `https://gitlab.example/${projectPath}`,
          });
        },
      };
    }
    if (rest[0] !== 'repository') return undefined;
    if (rest[1] === 'commits' && rest.length === 2) {
      return {
        route: 'gitlab.commits' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const project = hosted();
          if (!project) return missing(req, res);
          const refName =
            url.searchParams.get('ref_name') || project.repo.defaultBranch;
          const sha = await project.repo.resolve(refName);
          if (!sha) return json(res, req, []);
          const path = url.searchParams.get('path');
          const last = path
            ? await project.repo.lastCommitTouching(sha, path)
            : sha;
          return json(
            res,
            req,
            last ? [{ id: last, short_id: last.slice(0, 8) }] : [],
          );
        },
      };
    }
    if (rest[1] === 'archive' || rest[1] === 'archive.tar.gz') {
      return {
        route: 'gitlab.archive' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const project = hosted();
          if (!project) return missing(req, res);
          const ref = url.searchParams.get('sha') || project.repo.defaultBranch;
          const sha = await project.repo.resolve(ref);
          if (!sha) return missing(req, res, 'Commit');
          const path = url.searchParams.get('path') || undefined;
          if (path && !(await project.repo.hasPath(sha, path)))
            return missing(req, res, 'File');
          const name = projectPath.split('/').pop();
          const prefix = `${name}-${ref.replace(/\//g, '-')}-${sha}${
            path ? `-${path.replace(/\//g, '-')}` : ''
          }`;
          res.writeHead(200, {
            'Content-Type': 'application/octet-stream',
            'Content-Disposition': `attachment; filename="${prefix}.tar.gz"`,
            ETag: `"${sha}"`,
          });
          await streamArchive(project.repo.archive(sha, prefix, path), res);
          return undefined;
        },
      };
    }
    if (rest[1] === 'files' && rest[2] && rest[3] === 'raw') {
      return {
        route: 'gitlab.file' as ScmRoute,
        handler: async (req: IncomingMessage, res: ServerResponse) => {
          const project = hosted();
          if (!project) return missing(req, res);
          const sha = await project.repo.resolve(
            url.searchParams.get('ref') || project.repo.defaultBranch,
          );
          const content =
            sha &&
            (await project.repo.readFile(sha, decodeURIComponent(rest[2])));
          if (!content) return missing(req, res, 'File');
          const etag = `"${createHash('sha1').update(content).digest('hex')}"`;
          return conditional(
            res,
            req,
            etag,
            content,
            'text/plain; charset=utf-8',
          );
        },
      };
    }
    return undefined;
  }
}

async function streamArchive(
  archive: NodeJS.ReadableStream,
  res: ServerResponse,
): Promise<void> {
  await new Promise<void>(resolve => {
    archive.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => resolve());
    archive.pipe(res);
  });
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startScmServer(): Promise<ScmServer> {
  const handler: { scm?: ScmServer } = {};
  const server = createServer((req, res) => {
    handler.scm!.handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  handler.scm = new ScmServer(server);
  return handler.scm;
}
