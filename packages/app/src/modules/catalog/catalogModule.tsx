import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { CatalogTable } from '@backstage/plugin-catalog';
import catalogPlugin, {
  CatalogIndexPage,
} from '@backstage/plugin-catalog/alpha';
import { withReadinessScoreColumn } from '@readiness/backstage-plugin-readiness';

/** The catalog table's default columns, and the readiness score for components. */
export const catalogColumns = withReadinessScoreColumn(
  CatalogTable.defaultColumnsFunc,
);

/**
 * The catalog index page with the readiness score column. The page keeps its
 * path, title, filters (the readiness band filter among them) and its
 * pagination and export configuration; only the table's columns change.
 */
export const catalogIndexPage = catalogPlugin
  .getExtension('page:catalog')
  .override({
    factory(originalFactory, { inputs, config }) {
      const filters = inputs.filters.map(filter =>
        filter.get(coreExtensionData.reactElement),
      );
      return originalFactory({
        params: {
          loader: async () => (
            <CatalogIndexPage
              filters={<>{filters}</>}
              columns={catalogColumns}
              pagination={config.pagination}
              exportSettings={
                config.exportSettings?.enabled
                  ? config.exportSettings
                  : undefined
              }
            />
          ),
        },
      });
    },
  });

export const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogIndexPage],
});
