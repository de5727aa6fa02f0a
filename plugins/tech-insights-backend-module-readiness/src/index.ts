/**
 * A Tech Insights backend module that publishes each entity's readiness
 * scorecard (score, verdict, band, category scores, blockers, rule statuses,
 * audit time) as Tech Insights facts.
 *
 * @packageDocumentation
 */
export { techInsightsModuleReadiness as default } from './module';
export { ReadinessDatabaseReader } from './ReadinessDatabaseReader';
export {
  createReadinessFactRetriever,
  READINESS_DEFAULT_ENTITY_FILTER,
} from './ReadinessFactRetriever';
export type {
  ReadinessFactRetrieverOptions,
  ReadinessScorecardSource,
} from './ReadinessFactRetriever';
export {
  READINESS_FACT_RETRIEVER_ID,
  READINESS_FACT_SCHEMA_VERSION,
  readinessFactSchema,
  readinessFacts,
} from './facts';
export type { ReadinessFacts, ReadinessRuleFactStatus } from './facts';
