import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

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
          <m.EntityReadinessContent />
        )),
    },
  });
