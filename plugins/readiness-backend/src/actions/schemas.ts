import { ENTITY_REF_DESCRIPTION } from './context';

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
