import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ScorecardResponse,
  sourceUrlOf,
} from '@readiness/backstage-plugin-readiness-common';
import { writeFixtureRepo } from '@readiness/backstage-plugin-readiness-node';
import { promises as fs } from 'node:fs';
import request from 'supertest';
import { REFRESH_TASK_ID } from '../scheduler/ReadinessRefresher';
import { startReadinessBackend } from '../testing/backend';
import { testDatabases } from '../testing/databases';
import { component } from '../testing/entities';

jest.setTimeout(120_000);

const databases = testDatabases();

const GITHUB_SHA = '3f786850e387550fdab836ed7e6dc881de23001b';
const GITLAB_SHA = '89e6c98d92887913cadf06b2adb97f26cde4849b';
const PASSWORD = ['hunter', '2-', 'links'].join('');
const TOKEN = ['t0p', 's3cr3t', 'q'].join('');

/** A repository whose findings have lines: a committed .env, a Dockerfile as root. */
const FILES: Record<string, string> = {
  'package.json': JSON.stringify(
    { name: 'svc', scripts: { start: 'node src/server.js' } },
    null,
    2,
  ),
  'src/server.js':
    "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
  '.env': 'PORT=3000\nDB_PASSWORD=changeme-please-now\n',
  Dockerfile: 'FROM node:latest\nCOPY . .\nCMD ["node", "src/server.js"]\n',
};

/** The folder each repository root read holds the fixture files in. */
const FOLDERS: Record<string, string> = {
  'https://github.com/fernhill/mono/tree/main': 'services/api/',
  'https://gitlab.com/fernhill/finance/ledger/-/tree/develop': 'backend/',
};

const located = (name: string, location: string) =>
  component(name, 'team-a', {
    annotations: { 'backstage.io/source-location': location },
  });

describe.each(databases.eachSupportedId())(
  'links to the code on %s',
  databaseId => {
    it('serves blob URLs at the audited commit for SCM sources and none for local ones', async () => {
      const local = await writeFixtureRepo(FILES);
      const root = await fs.realpath(`${local}/..`);
      const entities = [
        located(
          'on-github',
          'url:https://github.com/fernhill/mono/tree/main/services/api/',
        ),
        located(
          'on-gitlab',
          'url:https://gitlab.com/fernhill/finance/ledger/-/tree/develop/backend',
        ),
        located(
          'with-credentials',
          `url:https://bot:${PASSWORD}@github.com/fernhill/private/tree/main/?access_token=${TOKEN}`,
        ),
        located('local', `dir:${local}`),
      ];
      const readTree = jest.fn<
        ReturnType<UrlReaderService['readTree']>,
        Parameters<UrlReaderService['readTree']>
      >(async url => {
        // GitHub and GitLab trees are read at the repository root, and each
        // entity audits its folder of it.
        const folder = FOLDERS[url] ?? '';
        const dir = await writeFixtureRepo(
          Object.fromEntries(
            Object.entries(FILES).map(([path, content]) => [
              `${folder}${path}`,
              content,
            ]),
          ),
        );
        return {
          etag: url.includes('gitlab.com') ? GITLAB_SHA : GITHUB_SHA,
          dir: async () => dir,
          files: async () => [],
          archive: async () => {
            throw new Error('not used');
          },
        };
      });
      const knex = await databases.init(databaseId);
      const { server, scheduler } = await startReadinessBackend({
        knex,
        catalog: catalogServiceMock({ entities }),
        config: { localRoots: [root] },
        features: [mockServices.urlReader.mock({ readTree }).factory],
      });
      await scheduler.triggerTask(REFRESH_TASK_ID);
      expect(readTree).toHaveBeenCalledTimes(3);

      const get = async (name: string) => {
        const res = await request(server).get(
          `/api/readiness/scorecards/component/default/${name}`,
        );
        expect(res.status).toBe(200);
        const body = res.body as ScorecardResponse;
        expect(body.error).toBeUndefined();
        expect(body.scorecard).not.toBeNull();
        return { body, text: res.text };
      };
      const review = async (name: string) => {
        const res = await request(server).get(
          `/api/readiness/scorecards/component/default/${name}/review.md`,
        );
        expect(res.status).toBe(200);
        return res.text;
      };

      // Every finding with a line: the served links turn it into base + path + #L<line>.
      const checkFindings = (body: ScorecardResponse, base: string) => {
        const findings = body.scorecard!.results.flatMap(r => r.findings);
        const withLine = findings.filter(f => f.line !== undefined);
        expect(withLine.length).toBeGreaterThan(0);
        for (const f of withLine) {
          expect(sourceUrlOf(body.links, f.path, f.line)).toBe(
            `${base}${f.path}#L${f.line}`,
          );
        }
        // One that the review lists: a finding with a line of a failing rule.
        const failing = body
          .scorecard!.results.filter(r => r.status === 'fail')
          .flatMap(r => r.findings)
          .find(f => f.line !== undefined);
        expect(failing).toBeDefined();
        return sourceUrlOf(body.links, failing!.path, failing!.line)!;
      };

      const github = await get('on-github');
      const githubBase = `https://github.com/fernhill/mono/blob/${GITHUB_SHA}/services/api/`;
      expect(github.body.links).toEqual({ base: githubBase, lineAnchor: '#L' });
      const githubUrl = checkFindings(github.body, githubBase);
      expect(sourceUrlOf(github.body.links, '.env', 12)).toBe(
        `${githubBase}.env#L12`,
      );
      expect(await review('on-github')).toContain(`](${githubUrl})`);

      const gitlab = await get('on-gitlab');
      const gitlabBase = `https://gitlab.com/fernhill/finance/ledger/-/blob/${GITLAB_SHA}/backend/`;
      expect(gitlab.body.links).toEqual({ base: gitlabBase, lineAnchor: '#L' });
      const gitlabUrl = checkFindings(gitlab.body, gitlabBase);
      expect(sourceUrlOf(gitlab.body.links, 'src/Main.java', 12)).toBe(
        `${gitlabBase}src/Main.java#L12`,
      );
      expect(await review('on-gitlab')).toContain(`](${gitlabUrl})`);

      const secret = await get('with-credentials');
      expect(secret.body.links).toEqual({
        base: `https://github.com/fernhill/private/blob/${GITHUB_SHA}/`,
        lineAnchor: '#L',
      });
      const secretReview = await review('with-credentials');
      for (const text of [secret.text, secretReview]) {
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain('bot:');
      }
      expect(secretReview).toContain(
        `](https://github.com/fernhill/private/blob/${GITHUB_SHA}/`,
      );
      const stored = await knex('readiness_scorecards').select(
        'entity_ref',
        'link_base',
        'link_line_anchor',
        'error',
      );
      expect(JSON.stringify(stored)).not.toContain(PASSWORD);
      expect(JSON.stringify(stored)).not.toContain(TOKEN);

      const dir = await get('local');
      expect(dir.body.links).toBeNull();
      const localReview = await review('local');
      const localFinding = dir.body
        .scorecard!.results.filter(r => r.status === 'fail')
        .flatMap(r => r.findings)
        .find(f => f.line !== undefined)!;
      expect(localReview).toContain(
        `\`${localFinding.path}:${localFinding.line}\``,
      );
      expect(localReview).not.toMatch(/\]\(https?:/);
    });
  },
);
