import express from 'express';
import Router from 'express-promise-router';
import { aggregateRoutes } from './aggregates';
import { RouterOptions } from './context';
import { leaderboardRoutes } from './leaderboard';
import { ruleRoutes } from './rules';
import { scorecardRoutes } from './scorecards';
import { EntityVisibility } from './visibility';

/**
 * The plugin's HTTP API. Errors are thrown as @backstage/errors types and
 * turned into responses by the backend's error middleware.
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const ctx = {
    ...options,
    visibility: new EntityVisibility({
      catalog: options.catalog,
      auth: options.auth,
    }),
  };
  const router = Router();
  router.use(express.json());
  router.use(scorecardRoutes(ctx));
  router.use(leaderboardRoutes(ctx));
  router.use(aggregateRoutes(ctx));
  router.use(ruleRoutes(ctx));
  return router;
}
