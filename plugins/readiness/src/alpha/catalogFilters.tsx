import type { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { CatalogFilterBlueprint } from '@backstage/plugin-catalog-react/alpha';

// Typed explicitly: the catalog blueprints are built on another copy of
// @backstage/frontend-plugin-api than this package's, so the inferred type
// cannot be named in the declarations.
/** The readiness band and score filter of the catalog index page. @alpha */
export const readinessCatalogFilter: ExtensionDefinition =
  CatalogFilterBlueprint.make({
    name: 'readiness-band',
    params: {
      loader: () =>
        import('../components/ReadinessBandPicker').then(m => (
          <m.ReadinessBandPicker />
        )),
    },
  });
