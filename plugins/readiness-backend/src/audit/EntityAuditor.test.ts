import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  defineRule,
  outcome,
  writeFixtureRepo,
} from '@readiness/backstage-plugin-readiness-node';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readReadinessOptions } from '../options';
import { createRuleRegistry } from '../rules/createRuleRegistry';
import { RepositorySources } from '../sources/RepositorySources';
import { SourceError } from '../sources/SourceError';
import { EntityAuditor } from './EntityAuditor';

function component(annotation: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      namespace: 'default',
      annotations: { 'readiness.dev/source-location': annotation },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

describe('EntityAuditor messages', () => {
  let repo: string;
  const elsewhere = join(tmpdir(), 'readiness-module-rules');

  beforeEach(async () => {
    repo = await fs.realpath(
      await writeFixtureRepo({ 'README.md': '# Service\n' }),
    );
  });

  afterEach(async () => {
    await fs.rm(repo, { recursive: true, force: true });
  });

  function auditor(sources?: RepositorySources) {
    // A rule that, like a parser error, quotes the absolute path it read.
    const quoting = defineRule({
      id: 'documentation/quotes-paths',
      category: 'documentation',
      severity: 'low',
      title: 'Quotes paths',
      description: 'Test rule.',
      rationale: 'Test rule.',
      remediation: 'None.',
      evaluate: () =>
        outcome.fail([
          {
            path: 'config/app.yaml',
            message: `cannot parse ${repo}/config/app.yaml: bad indentation`,
          },
        ]),
    });
    // A module rule that fails on a file of its own, outside the repository.
    const throwing = defineRule({
      id: 'documentation/reads-server-file',
      category: 'documentation',
      severity: 'low',
      title: 'Reads a server file',
      description: 'Test rule.',
      rationale: 'Test rule.',
      remediation: 'None.',
      evaluate: () => {
        throw new Error(
          `ENOENT: no such file or directory, open '${elsewhere}/rules/policy.yaml'`,
        );
      },
    });
    return EntityAuditor.create({
      rules: createRuleRegistry({
        builtin: [],
        moduleRules: [quoting, throwing],
      }),
      options: readReadinessOptions(new ConfigReader({})),
      sources:
        sources ??
        RepositorySources.create({
          urlReader: mockServices.urlReader.mock(),
          localRoots: [dirname(repo)],
          logger: mockServices.logger.mock(),
        }),
    });
  }

  it('stores repository-relative paths where the audit quoted the directory it read', async () => {
    const result = await auditor().audit(component(`dir:${repo}`));
    if (result.status !== 'audited') throw new Error('not audited');
    const finding = result.scorecard.results.find(
      r => r.ruleId === 'documentation/quotes-paths',
    )?.findings[0];
    expect(finding?.message).toBe(
      'cannot parse config/app.yaml: bad indentation',
    );
    expect(JSON.stringify(result.scorecard)).not.toContain(repo);
  });

  it('cuts server paths out of the message of a rule that failed', async () => {
    const result = await auditor().audit(component(`dir:${repo}`));
    if (result.status !== 'audited') throw new Error('not audited');
    const failed = result.scorecard.results.find(
      r => r.ruleId === 'documentation/reads-server-file',
    );
    expect(failed?.status).toBe('error');
    expect(failed?.message).toBe(
      "rule failed: ENOENT: no such file or directory, open '…/policy.yaml'",
    );
    expect(JSON.stringify(result.scorecard)).not.toContain(elsewhere);
  });

  it('says the repository could not be read without naming the server directory', async () => {
    const gone = `${repo}/vanished`;
    const sources = {
      open: async () => ({
        status: 'ready' as const,
        dir: gone,
        etag: 'x',
        location: {
          type: 'dir' as const,
          path: gone,
          annotation: 'readiness.dev/source-location',
          written: `dir:${gone}`,
        },
        release: async () => {},
      }),
    } as unknown as RepositorySources;
    const error = await auditor(sources)
      .audit(component(`dir:${gone}`))
      .then(
        () => undefined,
        e => e,
      );
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/^The repository could not be read: /);
    expect(error.message).not.toContain(repo);
    expect(error.message).not.toMatch(/(^|[\s'"])\/\w/);
  });
});
