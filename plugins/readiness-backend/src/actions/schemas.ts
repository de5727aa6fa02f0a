import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';

type RegisterOptions = Parameters<ActionsRegistryService['register']>[0];
/** The zod the actions registry hands to schemas. */
export type ActionZod = Parameters<RegisterOptions['schema']['input']>[0];
/** Any object schema of that zod. */
export type ActionZodObject = ReturnType<RegisterOptions['schema']['input']>;

const ENTITY_REF_DESCRIPTION =
  'The entity reference, e.g. "component:default/payments". The kind defaults to Component and the namespace to "default", so "payments" also works. Only Component entities are audited.';

/** Values the actions' schemas share. */
export const VERDICTS = [
  'production-ready',
  'needs-work',
  'not-ready',
] as const;
export const BANDS = ['good', 'needs-work', 'poor', 'critical'] as const;
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** The `entityRef` input of the actions about one entity. */
export const ENTITY_REF_INPUT = {
  min: 1,
  max: 600,
  description: ENTITY_REF_DESCRIPTION,
} as const;
