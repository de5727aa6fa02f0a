import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { scmRepositoryOf, treeUrlAt } from './scmRepository';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [{ host: 'ghe.example' }],
      gitlab: [
        { host: 'gitlab.example', apiBaseUrl: 'https://gitlab.example/api/v4' },
      ],
      bitbucketCloud: [{}],
    },
  }),
);

describe('scmRepositoryOf and treeUrlAt', () => {
  it.each([
    [
      'https://ghe.example/acme/shop',
      { type: 'github', path: 'acme/shop', subpath: [] },
      'https://ghe.example/acme/shop/tree/abc123',
    ],
    [
      'https://ghe.example/acme/mono/tree/release/services/api%20v2',
      {
        type: 'github',
        path: 'acme/mono',
        ref: 'release',
        subpath: ['services', 'api v2'],
      },
      'https://ghe.example/acme/mono/tree/abc123/services/api%20v2',
    ],
    [
      'https://gitlab.example/acme/platform/ledger/-/tree/develop/backend',
      {
        type: 'gitlab',
        path: 'acme/platform/ledger',
        ref: 'develop',
        subpath: ['backend'],
      },
      'https://gitlab.example/acme/platform/ledger/-/tree/abc123/backend',
    ],
    [
      'https://gitlab.example/acme/platform/ledger',
      { type: 'gitlab', path: 'acme/platform/ledger', subpath: [] },
      'https://gitlab.example/acme/platform/ledger/-/tree/abc123',
    ],
  ])('reads %s', (target, expected, atCommit) => {
    const repository = scmRepositoryOf(integrations, target)!;
    expect(repository).toEqual({
      origin: new URL(target).origin,
      host: new URL(target).host,
      ...expected,
    });
    expect(treeUrlAt(repository, 'abc123')).toBe(atCommit);
  });

  it.each([
    'https://bitbucket.org/acme/shop/src/main/',
    'https://ghe.example/acme/shop/blob/main/README.md',
    'https://user:pw@ghe.example/acme/shop',
    'https://ghe.example/acme',
    'not a url',
  ])('leaves %s to other readers', target => {
    expect(scmRepositoryOf(integrations, target)).toBeUndefined();
  });
});
