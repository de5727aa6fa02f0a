import express from 'express';
import { aggregateRoutes } from './aggregates';
import { campaignRoutes } from './campaigns';
import { categoryRoutes } from './categories';
import { RouterOptions } from './context';
import { fixRoutes } from './fixes';
import { leaderboardRoutes } from './leaderboard';
import { rollupRoutes } from './rollups';
import { ruleRoutes } from './rules';
import { scorecardRoutes } from './scorecards';
import { ApiRoutes } from './validation';
import { EntityVisibility } from './visibility';

/**
 * The plugin's HTTP API, as src/schema/openapi.yaml describes it. Every
 * route is declared through `ApiRoutes` (validation.ts) on the router built
 * from the spec, which validates each request first; errors are thrown as
 * @backstage/errors types and turned into responses by the backend's error
 * middleware. Only the operations that declare a body read one (JSON).
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
      permissions: options.permissions,
      index: options.visibilityIndex,
      logger: options.logger,
    }),
  };
  const routes = await ApiRoutes.create();
  scorecardRoutes(ctx, routes);
  leaderboardRoutes(ctx, routes);
  aggregateRoutes(ctx, routes);
  rollupRoutes(ctx, routes);
  ruleRoutes(ctx, routes);
  categoryRoutes(ctx, routes);
  if (ctx.fixes) fixRoutes({ ...ctx, fixes: ctx.fixes }, routes);
  if (ctx.campaigns) campaignRoutes(ctx, ctx.campaigns, routes);
  return routes.router();
}
