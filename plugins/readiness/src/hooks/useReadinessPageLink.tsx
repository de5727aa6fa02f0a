import { useRouteRef } from '@backstage/core-plugin-api';
import { createContext, useContext, type ReactNode } from 'react';
import { rootRouteRef } from '../routes';

/** The page's path as the app resolved it; absent outside a provider. */
const PageLinkContext = createContext<{ path: string | undefined } | null>(
  null,
);

/**
 * Gives the components below the path of the Readiness page, as an app on
 * the new frontend system resolves it (undefined when the page is disabled).
 */
export function ReadinessPageLinkProvider(props: {
  path: string | undefined;
  children: ReactNode;
}) {
  return (
    <PageLinkContext.Provider value={{ path: props.path }}>
      {props.children}
    </PageLinkContext.Provider>
  );
}

/**
 * The path of the Readiness page (`/readiness`): from the provider above,
 * else from a legacy app's routes; undefined when the app does not mount
 * the page (`useRouteRef` throws then, after its own hooks ran).
 */
export function useReadinessPageLink(): string | undefined {
  const provided = useContext(PageLinkContext);
  const legacy = useLegacyPageLink();
  return provided ? provided.path : legacy;
}

function useLegacyPageLink(): string | undefined {
  try {
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

/** The link to a campaign on the Readiness page. */
export function campaignLink(pagePath: string, id: string): string {
  const params = new URLSearchParams({ tab: 'campaigns', campaign: id });
  return `${pagePath}?${params.toString()}`;
}
