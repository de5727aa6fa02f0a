import type { Entity } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReactElement } from 'react';
import { readinessApiRef, type ReadinessApi } from '../api/ReadinessApi';

/** The shape of the permission API that `usePermission` calls. */
interface PermissionApiLike {
  authorize(request: unknown): Promise<{ result: 'ALLOW' | 'DENY' }>;
}

/**
 * The permission API is looked up by id; this ref has the same id as the one
 * in `@backstage/plugin-permission-react`, which this package does not depend
 * on directly.
 */
export const testPermissionApiRef = createApiRef<PermissionApiLike>({
  id: 'plugin.permission.api',
});

export function mockPermissionApi(allowed: boolean) {
  return {
    authorize: jest.fn(async () => ({
      result: allowed ? ('ALLOW' as const) : ('DENY' as const),
    })),
  };
}

export interface RenderOptions {
  api: ReadinessApi;
  entity?: Entity;
  permission?: PermissionApiLike;
  /** The catalog; an empty one unless given. */
  catalog?: ReturnType<typeof catalogApiMock>;
  /** The URL the test app starts at (`/` unless given). */
  routeEntries?: string[];
}

export async function renderWithApis(
  element: ReactElement,
  options: RenderOptions,
) {
  const {
    api,
    entity,
    permission = mockPermissionApi(false),
    catalog = catalogApiMock(),
    routeEntries,
  } = options;
  const content = entity ? (
    <EntityProvider entity={entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [readinessApiRef, api],
        [testPermissionApiRef, permission],
        [catalogApiRef, catalog],
      ]}
    >
      {content}
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
