export {
  SinceLastAudit,
  hasRuleTransitions,
  TRANSITION_KINDS,
} from './SinceLastAudit';
export type { SinceLastAuditProps } from './SinceLastAudit';
