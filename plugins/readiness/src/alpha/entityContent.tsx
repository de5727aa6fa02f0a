import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { WithReadinessPageLink } from './pageLink';

// Typed explicitly: the catalog blueprints are built on another copy of
// @backstage/frontend-plugin-api than this package's, so the inferred type
// cannot be named in the declarations.
/** The Readiness tab of entity pages. @alpha */
export const entityReadinessContent: ExtensionDefinition =
  EntityContentBlueprint.make({
    params: {
      path: 'readiness',
      title: 'Readiness',
      filter: { kind: 'component' },
      loader: () =>
        import('../components/EntityReadinessContent').then(m => (
          <WithReadinessPageLink>
            <m.EntityReadinessContent />
          </WithReadinessPageLink>
        )),
    },
  });

/**
 * The readiness roll-up tab of Group, System and Domain pages.
 * @alpha
 */
export const entityReadinessRollupContent: ExtensionDefinition =
  EntityContentBlueprint.make({
    name: 'rollup',
    params: {
      path: 'readiness',
      title: 'Readiness',
      filter: { kind: { $in: ['group', 'system', 'domain'] } },
      loader: () =>
        import('../components/EntityReadinessRollup').then(m => (
          <m.EntityReadinessRollupContent />
        )),
    },
  });
