import type { QueryParameters } from '@backstage/backend-openapi-utils';
import type { LeaderboardQuery } from '@readiness/backstage-plugin-readiness-common';
import type { ApiSpec } from '../service/validation';

/**
 * Compile-time ties between the spec and the types the clients share from
 * readiness-common: `yarn tsc` fails when they differ in a field, a field's
 * type, or whether it is optional.
 */

/** True only when A and B are the same type, optional fields included. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B
  ? 1
  : 2
  ? true
  : false;

/** The query GET /leaderboard takes, as the spec declares it. */
export type SpecLeaderboardQuery = QueryParameters<
  ApiSpec,
  '/leaderboard',
  'get'
>;

export const leaderboardQueryMatchesSpec: Same<
  Required<LeaderboardQuery>,
  Required<SpecLeaderboardQuery>
> extends true
  ? Same<keyof LeaderboardQuery, keyof SpecLeaderboardQuery>
  : false = true;
