import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RuleRegistry } from '@readiness/backstage-plugin-readiness-node';
import { ReadinessStore } from '../database/ReadinessStore';
import { ReadinessRefresher } from '../scheduler/ReadinessRefresher';
import { visibleEntity } from '../service/entityAccess';
import { auditedEntityParams } from '../service/validation';
import { EntityVisibility } from '../service/visibility';

/** What the actions need. @public */
export interface ReadinessActionsOptions {
  actionsRegistry: ActionsRegistryService;
  store: ReadinessStore;
  rules: RuleRegistry;
  refresher: Pick<ReadinessRefresher, 'requestRefresh' | 'isRefreshing'>;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  /** Documentation of a rule, e.g. its README; undefined when there is none. */
  ruleDocs?: (ruleId: string) => Promise<string | undefined>;
}

/** Shared by the actions. */
export interface ActionContext extends ReadinessActionsOptions {
  visibility: EntityVisibility;
}

export const ENTITY_REF_DESCRIPTION =
  'The entity reference, e.g. "component:default/payments". The kind defaults to Component and the namespace to "default", so "payments" also works. Only Component entities are audited.';

/**
 * The audited entity an action names, checked as the REST API checks it:
 * a malformed ref is an InputError, a kind that is never audited a
 * NotFoundError before the catalog is asked, and an entity the caller
 * cannot see the same NotFoundError as a missing one.
 */
export async function visibleAuditedEntity(
  ctx: Pick<ActionContext, 'catalog'>,
  raw: string,
  credentials: BackstageCredentials,
): Promise<string> {
  let parts;
  try {
    parts = parseEntityRef(raw.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(`Invalid entity reference: ${(e as Error).message}`);
  }
  const { entityRef } = auditedEntityParams(parts);
  await visibleEntity(ctx.catalog, entityRef, credentials);
  return entityRef;
}
