import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The name of the `index`th synthetic component. */
export const componentName = index => `svc-${String(index).padStart(5, '0')}`;

/**
 * `count` service components over the repositories under `reposRoot`,
 * round-robin, owned by twenty teams. Each component's source location is
 * its repository's directory, or what `locate(index, repository)` returns.
 */
export function syntheticCatalog(count, reposRoot, locate) {
  const repos = readdirSync(reposRoot)
    .filter(name => statSync(join(reposRoot, name)).isDirectory())
    .sort();
  if (repos.length === 0) throw new Error(`no repositories in ${reposRoot}`);
  const entities = Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: componentName(i),
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': locate
          ? locate(i, repos[i % repos.length])
          : `dir:${join(reposRoot, repos[i % repos.length])}/`,
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

/**
 * The verdict a synthetic scorecard carries: production-ready at 80 points
 * or more with no blocker, otherwise needs-work (the engine's own bar).
 */
export const syntheticVerdict = (score, blockerCount = 0) =>
  score >= 80 && blockerCount === 0 ? 'production-ready' : 'needs-work';
