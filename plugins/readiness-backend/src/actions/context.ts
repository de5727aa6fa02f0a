import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RuleRegistry } from '@readiness/backstage-plugin-readiness-node';
import { ReadinessStore } from '../database/ReadinessStore';
import { ReadinessRefresher } from '../scheduler/ReadinessRefresher';
import { VisibilityIndex } from '../visibility/VisibilityIndex';
import { visibleEntity } from '../service/entityAccess';
import { auditedEntityParams } from '../service/validation';
import { EntityVisibility } from '../service/visibility';
import { ActionZod, ActionZodObject, ENTITY_REF_INPUT } from './schemas';

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
  /** The visibility index, as the router uses it (see `RouterOptions`). */
  visibilityIndex?: VisibilityIndex;
}

/** Shared by the actions. */
export interface ActionContext extends ReadinessActionsOptions {
  visibility: EntityVisibility;
}

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

/** The input of an action about one entity: its reference alone. */
const entityRefInput = (zod: ActionZod): ActionZodObject =>
  zod.object({
    entityRef: zod
      .string()
      .min(ENTITY_REF_INPUT.min)
      .max(ENTITY_REF_INPUT.max)
      .describe(ENTITY_REF_INPUT.description),
  });

type EntityActionOptions<TOutput extends ActionZodObject> =
  ActionsRegistryActionOptions<ActionZodObject, TOutput>;

/**
 * Registers an action about one audited entity. Its input is the entity
 * reference; `action` runs with the reference resolved and checked by
 * visibleAuditedEntity.
 */
export function registerEntityAction<TOutput extends ActionZodObject>(
  ctx: ActionContext,
  options: Pick<
    EntityActionOptions<TOutput>,
    'name' | 'title' | 'description' | 'attributes'
  > & {
    output: EntityActionOptions<TOutput>['schema']['output'];
    action: (
      entityRef: string,
      credentials: BackstageCredentials,
    ) => ReturnType<EntityActionOptions<TOutput>['action']>;
  },
) {
  const { output, action, ...rest } = options;
  ctx.actionsRegistry.register<ActionZodObject, TOutput>({
    ...rest,
    schema: { input: entityRefInput, output },
    action: async ({ input, credentials }) => {
      // The registry has checked the input against entityRefInput.
      const raw: string = input.entityRef;
      return action(
        await visibleAuditedEntity(ctx, raw, credentials),
        credentials,
      );
    },
  });
}
