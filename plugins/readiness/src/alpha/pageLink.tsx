import { useRouteRef } from '@backstage/frontend-plugin-api';
import type { ReactNode } from 'react';
import { ReadinessPageLinkProvider } from '../hooks/useReadinessPageLink';
import { readinessRouteRef } from './routes';

/**
 * Gives the components below the Readiness page's path as this app
 * resolves it, or none when `page:readiness` is disabled.
 */
export function WithReadinessPageLink(props: { children: ReactNode }) {
  const link = useRouteRef(readinessRouteRef);
  return (
    <ReadinessPageLinkProvider path={link?.()}>
      {props.children}
    </ReadinessPageLinkProvider>
  );
}
