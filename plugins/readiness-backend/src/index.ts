/**
 * The Readiness backend plugin: scheduled production-readiness audits of the
 * catalog's components, stored scorecards and history, the REST API, and a
 * catalog module that labels entities with their readiness band.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
export * from './database/ReadinessStore';
export { DatabaseReadinessStore } from './database/DatabaseReadinessStore';
export { DatabaseQueueStore } from './database/DatabaseQueueStore';
export { DatabaseScorecardStore } from './database/DatabaseScorecardStore';
export { DatabaseQueryStore } from './database/DatabaseQueryStore';
export { DatabaseScmPauseStore } from './database/DatabaseScmPauseStore';
export {
  ReadinessRefresher,
  AUDITED_KINDS,
  REFRESH_TASK_ID,
} from './scheduler/ReadinessRefresher';
export type {
  Auditor,
  RefresherDeps,
  RefresherOptions,
} from './scheduler/ReadinessRefresher';
export { EntityAuditor } from './audit/EntityAuditor';
export type { AuditOutcome } from './audit/EntityAuditor';
export { RepositorySources } from './sources/RepositorySources';
export type {
  OpenedSource,
  SourceOpenResult,
} from './sources/RepositorySources';
export { SourceError } from './sources/SourceError';
export { ScmRateLimitError } from './sources/rateLimits';
export type { SourceErrorReason } from './sources/SourceError';
export { readReadinessOptions } from './options';
export type { ReadinessOptions, ConfiguredWaiver } from './options';
export { readCustomRules, createCustomRule } from './rules/customRules';
export type { CustomRuleDefinition } from './rules/customRules';
export type * from './service/types';
export {
  catalogModuleReadinessBand,
  catalogModuleReadinessBand as catalogModuleReadiness,
} from './catalog/module';
export { ReadinessBandProcessor } from './catalog/ReadinessBandProcessor';
