export { ReadinessLeaderboard } from './ReadinessLeaderboard';
export type { ReadinessLeaderboardProps } from './ReadinessLeaderboard';
export { EMPTY_FILTERS, filtersToQuery } from './filters';
export type { LeaderboardFilters } from './filters';
