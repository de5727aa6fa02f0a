import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  defineRule,
  outcome,
  writeFixtureRepo,
} from '@readiness/backstage-plugin-readiness-node';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
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
    return EntityAuditor.create({
      rules: createRuleRegistry({ builtin: [], moduleRules: [quoting] }),
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
