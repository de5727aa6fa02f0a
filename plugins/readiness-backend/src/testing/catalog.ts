import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** Whether the credentials are a user's rather than a service's. */
export const isUser = (credentials: BackstageCredentials) =>
  (credentials.principal as { type: string }).type === 'user';

/**
 * The in-memory catalog, except that a caller never sees the entities
 * `hidden` names for its credentials, as a permission policy would arrange:
 * not in a list, a facet count or a look-up by ref.
 * `onLookup` hears every ref asked for by getEntityByRef.
 */
export function hidingCatalog(
  entities: Entity[],
  hidden: (entityRef: string, credentials: BackstageCredentials) => boolean,
  onLookup?: (entityRef: string) => void,
): CatalogService {
  const inner = catalogServiceMock({ entities });
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'getEntities') {
        return async (
          req: Parameters<CatalogService['getEntities']>[0],
          opts: { credentials: BackstageCredentials },
        ) => {
          const res = await target.getEntities(req, opts);
          return {
            items: res.items.filter(
              e => !hidden(stringifyEntityRef(e), opts.credentials),
            ),
          };
        };
      }
      if (prop === 'getEntityFacets') {
        // Facets of the entities the caller sees, as the catalog counts them.
        return async (
          req: Parameters<CatalogService['getEntityFacets']>[0],
          opts: { credentials: BackstageCredentials },
        ) => {
          const { items } = await target.getEntities(
            { filter: req.filter },
            opts,
          );
          const seen = items.filter(
            e => !hidden(stringifyEntityRef(e), opts.credentials),
          );
          return catalogServiceMock({ entities: seen }).getEntityFacets(
            req,
            opts,
          );
        };
      }
      if (prop === 'getEntityByRef') {
        return async (
          ref: string,
          opts: { credentials: BackstageCredentials },
        ) => {
          onLookup?.(ref);
          if (hidden(ref, opts.credentials)) return undefined;
          return target.getEntityByRef(ref, opts);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as CatalogService;
}
