import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `count` service components over the repositories under `reposRoot`,
 * round-robin, owned by twenty teams.
 */
export function syntheticCatalog(count, reposRoot) {
  const repos = readdirSync(reposRoot)
    .filter(name => statSync(join(reposRoot, name)).isDirectory())
    .sort();
  if (repos.length === 0) throw new Error(`no repositories in ${reposRoot}`);
  const entities = Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${String(i).padStart(5, '0')}`,
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `dir:${join(
          reposRoot,
          repos[i % repos.length],
        )}/`,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${i % 20}`,
    },
  }));
  return { repos, entities };
}
