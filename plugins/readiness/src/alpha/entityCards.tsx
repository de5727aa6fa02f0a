import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

// Typed explicitly: the catalog blueprints are built on another copy of
// @backstage/frontend-plugin-api than this package's, so the inferred type
// cannot be named in the declarations.
/** The Readiness card of entity overviews. @alpha */
export const entityReadinessCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    params: {
      filter: { kind: 'component' },
      loader: () =>
        import('../components/EntityReadinessCard').then(m => (
          <m.EntityReadinessCard />
        )),
    },
  });

/**
 * The readiness roll-up card of Group, System and Domain overviews.
 * @alpha
 */
export const entityReadinessRollupCard: ExtensionDefinition =
  EntityCardBlueprint.make({
    name: 'rollup',
    params: {
      filter: { kind: { $in: ['group', 'system', 'domain'] } },
      loader: () =>
        import('../components/EntityReadinessRollup').then(m => (
          <m.EntityReadinessRollupCard />
        )),
    },
  });
