import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readinessRefreshPermission } from '@readiness/backstage-plugin-readiness-common';
import { renderMarkdown } from '@readiness/backstage-plugin-readiness-node';
import { Request } from 'express';
import Router from 'express-promise-router';
import { AUDITED_KINDS } from '../scheduler/ReadinessRefresher';
import { linkBaseFor, resolveSourceLocation } from '../sources/sourceLocation';
import { RouteContext } from './context';
import { ScorecardResponse } from './types';
import { entityParams, parseInput } from './validation';

const HISTORY_POINTS = 90;

/** GET a scorecard, GET its markdown review, POST a refresh. */
export function scorecardRoutes(ctx: RouteContext) {
  const router = Router();

  /** The entity of the route, as the caller may see it; 404 otherwise. */
  async function visibleEntity(req: Request) {
    const params = parseInput(entityParams, req.params, 'entity reference');
    const entityRef = stringifyEntityRef(params);
    const credentials = await ctx.httpAuth.credentials(req);
    const entity = await ctx.catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} found`);
    }
    return { entityRef, entity, credentials };
  }

  router.get('/scorecards/:kind/:namespace/:name', async (req, res) => {
    const { entityRef } = await visibleEntity(req);
    const [stored, history, refreshing] = await Promise.all([
      ctx.store.getScorecard(entityRef),
      ctx.store.getHistory(entityRef, HISTORY_POINTS),
      ctx.refresher.isRefreshing(entityRef),
    ]);
    const body: ScorecardResponse = {
      entityRef,
      scorecard: stored?.scorecard ?? null,
      auditedAt: stored?.auditedAt?.toISOString() ?? null,
      ...(stored?.error ? { error: stored.error } : {}),
      history: history.reverse().map(point => ({
        auditedAt: point.auditedAt.toISOString(),
        score: point.score,
        verdict: point.verdict,
        categories: point.categories,
        blockers: point.blockers,
      })),
      refreshing,
    };
    res.json(body);
  });

  router.get(
    '/scorecards/:kind/:namespace/:name/review.md',
    async (req, res) => {
      const { entityRef, entity } = await visibleEntity(req);
      const stored = await ctx.store.getScorecard(entityRef);
      if (!stored?.scorecard) {
        throw new NotFoundError(`${entityRef} has not been audited yet`);
      }
      const markdown = renderMarkdown(stored.scorecard, {
        title: `Production-readiness review: ${
          entity.metadata.title ?? entity.metadata.name
        }`,
        linkBase: linkBase(entity),
      });
      const filename = `${entity.metadata.name.replace(
        /[^A-Za-z0-9._-]/g,
        '_',
      )}-readiness-review.md`;
      res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${filename}"`,
      );
      res.send(markdown);
    },
  );

  router.post(
    '/scorecards/:kind/:namespace/:name/refresh',
    async (req, res) => {
      const { entityRef, entity, credentials } = await visibleEntity(req);
      if (!AUDITED_KINDS.includes(entity.kind)) {
        throw new InputError(
          `${entityRef} is a ${entity.kind}; only ${AUDITED_KINDS.join(
            ', ',
          )} entities are audited`,
        );
      }
      const [decision] = await ctx.permissions.authorize(
        [{ permission: readinessRefreshPermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You are not allowed to refresh the scorecard of ${entityRef}`,
        );
      }
      await ctx.refresher.requestRefresh(entityRef);
      res.status(202).json({ status: 'queued' });
    },
  );

  return router;
}

function linkBase(entity: Entity): string | undefined {
  try {
    return linkBaseFor(resolveSourceLocation(entity));
  } catch {
    return undefined;
  }
}
