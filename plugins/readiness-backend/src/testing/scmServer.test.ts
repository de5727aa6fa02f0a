import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { FixtureGitRepo } from './fixtureGit';
import { ScmServer, startScmServer } from './scmServer';

jest.setTimeout(60_000);

const GITHUB_HOST = 'github.fixture.test';
const GITLAB_HOST = 'gitlab.fixture.test';

/** The names in a gzipped tarball, as the system's tar lists them. */
async function tarNames(body: ArrayBuffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('tar', ['-tzf', '-'], (error, stdout) =>
      error ? reject(error) : resolve(stdout.split('\n').filter(Boolean)),
    );
    child.stdin!.end(Buffer.from(body));
  });
}

/** Backstage's own URL readers, configured for the server. */
async function readersFor(scm: ScmServer): Promise<UrlReaderService> {
  return ServiceFactoryTester.from(mockServices.urlReader.factory(), {
    dependencies: [
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [{ host: GITHUB_HOST, apiBaseUrl: scm.githubApiBaseUrl }],
            gitlab: [{ host: GITLAB_HOST, apiBaseUrl: scm.gitlabApiBaseUrl }],
          },
        },
      }),
    ],
  }).getSubject('test');
}

describe('the local SCM server', () => {
  let scm: ScmServer;
  let repo: FixtureGitRepo;
  let first: string;

  beforeAll(async () => {
    repo = await FixtureGitRepo.create({
      'README.md': '# shop\n',
      'services/api/package.json': '{"name":"api"}\n',
      'services/web/index.html': '<html></html>\n',
    });
    first = (await repo.resolve('main'))!;
    scm = await startScmServer();
    scm.addGithubRepo('acme/shop', repo);
    scm.addGitlabProject('acme/platform/shop', repo);
  });

  afterAll(async () => {
    await scm.stop();
    await repo.remove();
  });

  beforeEach(() => {
    scm.clearFaults();
    scm.resetRequests();
  });

  describe('GitHub', () => {
    it('answers repository metadata with the default branch and the archive URL template', async () => {
      const res = await fetch(`${scm.githubApiBaseUrl}/repos/acme/shop`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toMatchObject({
        full_name: 'acme/shop',
        default_branch: 'main',
        archive_url: `${scm.githubApiBaseUrl}/repos/acme/shop/{archive_format}{/ref}`,
      });
      expect(
        (await fetch(`${scm.githubApiBaseUrl}/repos/acme/nope`)).status,
      ).toBe(404);
    });

    it('answers the commit of a ref, and 404 for a ref that does not exist', async () => {
      const res = await fetch(
        `${scm.githubApiBaseUrl}/repos/acme/shop/commits/main/status?per_page=0`,
      );
      expect((await res.json()).sha).toBe(first);
      const missing = await fetch(
        `${scm.githubApiBaseUrl}/repos/acme/shop/commits/nope/status?per_page=0`,
      );
      expect(missing.status).toBe(404);
    });

    it('answers 304 to If-None-Match with the ETag it sent, and 200 once the answer changed', async () => {
      const url = `${scm.githubApiBaseUrl}/repos/acme/shop/commits/main/status?per_page=0`;
      const etag = (await fetch(url)).headers.get('etag')!;
      expect(etag).toMatch(/^W\/"/);
      const again = await fetch(url, { headers: { 'If-None-Match': etag } });
      expect(again.status).toBe(304);
      const other = await FixtureGitRepo.create({ 'a.txt': 'a' });
      scm.addGithubRepo('acme/moving', other);
      const movingUrl = `${scm.githubApiBaseUrl}/repos/acme/moving/commits/main/status?per_page=0`;
      const before = (await fetch(movingUrl)).headers.get('etag')!;
      await other.commit({ 'a.txt': 'b' });
      const after = await fetch(movingUrl, {
        headers: { 'If-None-Match': before },
      });
      expect(after.status).toBe(200);
      await other.remove();
    });

    it('redirects a tarball to codeload, which sends the tree under one top directory', async () => {
      const res = await fetch(
        `${scm.githubApiBaseUrl}/repos/acme/shop/tarball/${first}`,
        { redirect: 'manual' },
      );
      expect(res.status).toBe(302);
      const archive = await fetch(res.headers.get('location')!);
      expect(archive.status).toBe(200);
      expect(archive.headers.get('etag')).toBe(`"${first}"`);
      const names = await tarNames(await archive.arrayBuffer());
      const top = `acme-shop-${first.slice(0, 7)}/`;
      expect(names).toEqual(
        expect.arrayContaining([
          `${top}README.md`,
          `${top}services/api/package.json`,
        ]),
      );
      expect(names.every(n => n.startsWith(top))).toBe(true);
      expect(scm.archiveDownloads()).toBe(1);
    });

    it('serves readTree, readUrl and search to the GitHub reader', async () => {
      const reader = await readersFor(scm);
      const tree = await reader.readTree(
        `https://${GITHUB_HOST}/acme/shop/tree/main/services`,
      );
      expect(tree.etag).toBe(first);
      const dir = await tree.dir();
      expect(
        (await fs.readdir(dir, { recursive: true })).map(String).sort(),
      ).toEqual(['api', 'api/package.json', 'web', 'web/index.html']);
      await fs.rm(dir, { recursive: true });
      // the same commit again: the reader stops after asking for the commit
      scm.resetRequests();
      await expect(
        reader.readTree(`https://${GITHUB_HOST}/acme/shop`, { etag: first }),
      ).rejects.toMatchObject({ name: 'NotModifiedError' });
      expect(scm.requests.map(r => r.route)).toEqual([
        'github.repo',
        'github.status',
      ]);

      const file = await reader.readUrl(
        `https://${GITHUB_HOST}/acme/shop/blob/main/README.md`,
      );
      expect((await file.buffer()).toString()).toBe('# shop\n');
      await expect(
        reader.readUrl(`https://${GITHUB_HOST}/acme/shop/blob/main/README.md`, {
          etag: file.etag,
        }),
      ).rejects.toMatchObject({ name: 'NotModifiedError' });

      const found = await reader.search(
        `https://${GITHUB_HOST}/acme/shop/blob/main/services/**/*.json`,
      );
      expect(found.etag).toBe(first);
      expect(found.files.map(f => f.url)).toEqual([
        `https://${GITHUB_HOST}/acme/shop/blob/main/services/api/package.json`,
      ]);
      expect((await found.files[0].content()).toString()).toBe(
        '{"name":"api"}\n',
      );
    });

    it('answers a renamed repository with a 301 the reader follows', async () => {
      scm.renameGithubRepo('acme/old-shop', 'acme/shop');
      const res = await fetch(`${scm.githubApiBaseUrl}/repos/acme/old-shop`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(301);
      const reader = await readersFor(scm);
      const tree = await reader.readTree(
        `https://${GITHUB_HOST}/acme/old-shop/tree/main`,
      );
      expect(tree.etag).toBe(first);
    });
  });

  describe('GitLab', () => {
    const project = encodeURIComponent('acme/platform/shop');

    it('answers the project, the last commit of a path and a path-only archive', async () => {
      const meta = await fetch(`${scm.gitlabApiBaseUrl}/projects/${project}`);
      expect(await meta.json()).toMatchObject({ default_branch: 'main' });
      const other = await repo.commit(
        { 'services/web/index.html': '<html>2</html>\n' },
        'web only',
      );
      try {
        const apiCommit = await fetch(
          `${scm.gitlabApiBaseUrl}/projects/${project}/repository/commits?ref_name=main&path=services/api`,
        );
        expect((await apiCommit.json())[0].id).toBe(first);
        const head = await fetch(
          `${scm.gitlabApiBaseUrl}/projects/${project}/repository/commits?ref_name=main`,
        );
        expect((await head.json())[0].id).toBe(other);

        const archive = await fetch(
          `${scm.gitlabApiBaseUrl}/projects/${project}/repository/archive?sha=main&path=services/api`,
        );
        const names = await tarNames(await archive.arrayBuffer());
        expect(names.some(n => n.endsWith('services/api/package.json'))).toBe(
          true,
        );
        expect(names.some(n => n.includes('README.md'))).toBe(false);
      } finally {
        await repo.commit(
          { 'services/web/index.html': '<html></html>\n' },
          'back',
        );
      }
    });

    it('serves readTree and readUrl to the GitLab reader', async () => {
      const reader = await readersFor(scm);
      const head = (await repo.resolve('main'))!;
      const tree = await reader.readTree(
        `https://${GITLAB_HOST}/acme/platform/shop/-/tree/main/services/api`,
      );
      const dir = await tree.dir();
      expect(await fs.readdir(dir)).toEqual(['package.json']);
      await fs.rm(dir, { recursive: true });
      const root = await reader.readTree(
        `https://${GITLAB_HOST}/acme/platform/shop`,
      );
      expect(root.etag).toBe(head);
      expect(scm.count('gitlab.project', 'gitlab.commits')).toBe(4);
      expect(scm.archiveDownloads()).toBe(2);
      await expect(
        reader.readTree(`https://${GITLAB_HOST}/acme/platform/shop`, {
          etag: head,
        }),
      ).rejects.toMatchObject({ name: 'NotModifiedError' });
      expect(scm.archiveDownloads()).toBe(2);

      const file = await fetch(
        `${scm.gitlabApiBaseUrl}/projects/${project}/repository/files/README.md/raw?ref=main`,
      );
      expect(await file.text()).toBe('# shop\n');
      const again = await fetch(
        `${scm.gitlabApiBaseUrl}/projects/${project}/repository/files/README.md/raw?ref=main`,
        { headers: { 'If-None-Match': file.headers.get('etag')! } },
      );
      expect(again.status).toBe(304);
    });
  });

  describe('faults', () => {
    it('answers matching requests with the fault, as many times as asked', async () => {
      scm.fault(
        { route: 'github.repo', times: 1 },
        {
          status: 403,
          body: { message: 'API rate limit exceeded' },
          headers: { 'x-ratelimit-remaining': '0' },
        },
      );
      const url = `${scm.githubApiBaseUrl}/repos/acme/shop`;
      const refused = await fetch(url);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect((await fetch(url)).status).toBe(200);
      expect(scm.requests.map(r => r.status)).toEqual([403, 200]);
    });

    it('redirects, and keeps a hanging request open until the client gives up', async () => {
      scm.fault(
        { url: '/repos/acme/elsewhere' },
        { redirect: '/github/api/v3/repos/acme/shop' },
      );
      const moved = await fetch(`${scm.githubApiBaseUrl}/repos/acme/elsewhere`);
      expect((await moved.json()).full_name).toBe('acme/shop');

      scm.fault({ route: 'github.status' }, { hang: true });
      const started = Date.now();
      await expect(
        fetch(
          `${scm.githubApiBaseUrl}/repos/acme/shop/commits/main/status?per_page=0`,
          { signal: AbortSignal.timeout(300) },
        ),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(scm.requests[scm.requests.length - 1].status).toBeUndefined();
    });

    it('delays every answer by the latency it is given', async () => {
      scm.setLatency(150);
      const started = Date.now();
      await fetch(`${scm.githubApiBaseUrl}/repos/acme/shop`);
      scm.setLatency(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });
  });
});
