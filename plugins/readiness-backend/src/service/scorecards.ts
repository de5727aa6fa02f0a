import { NotFoundError } from '@backstage/errors';
import { AuditChangesPoint } from '@readiness/backstage-plugin-readiness-common';
import { renderMarkdown } from '@readiness/backstage-plugin-readiness-node';
import { Request } from 'express';
import { RouteContext } from './context';
import {
  authorizeRefresh,
  visibleEntity as catalogEntity,
} from './entityAccess';
import { HistoryPoint } from '../database/ReadinessStore';
import { waitingOf } from './leaderboard';
import { AuditChangesResponse, ScorecardResponse } from './types';
import { ApiRoutes, auditedEntityParams } from './validation';

const HISTORY_POINTS = 90;

/** GET a scorecard, what changed since the last audit, its markdown review; POST a refresh. */
export function scorecardRoutes(ctx: RouteContext, routes: ApiRoutes) {
  /**
   * The entity of the route, as the caller may see it. An entity hidden from
   * the caller gets the same 404 as one that does not exist.
   */
  async function visibleEntity(req: Request, entityRef: string) {
    const credentials = await ctx.httpAuth.credentials(req);
    const entity = await catalogEntity(ctx.catalog, entityRef, credentials);
    return { entity, credentials };
  }

  routes.add({
    method: 'GET',
    path: '/scorecards/:kind/:namespace/:name',
    params: auditedEntityParams,
    handler: async ({ params: { entityRef }, req, res }) => {
      await visibleEntity(req, entityRef);
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
        ...(stored?.waiting ? { waiting: waitingOf(stored.waiting) } : {}),
        history: history.reverse().map(point => ({
          auditedAt: point.auditedAt.toISOString(),
          score: point.score,
          verdict: point.verdict,
          categories: point.categories,
          blockers: point.blockers,
          ...(point.transitions ? { transitions: point.transitions } : {}),
          ...(point.sourceVersion
            ? { sourceVersion: point.sourceVersion }
            : {}),
        })),
        refreshing,
        ...(stored?.scorecard ? { links: stored.links ?? null } : {}),
      };
      res.json(body);
    },
  });

  routes.add({
    method: 'GET',
    path: '/scorecards/:kind/:namespace/:name/changes',
    params: auditedEntityParams,
    handler: async ({ params: { entityRef }, req, res }) => {
      await visibleEntity(req, entityRef);
      const [current, previous] = await ctx.store.getHistory(entityRef, 2);
      const body: AuditChangesResponse = {
        entityRef,
        current: current ? changesPoint(current) : null,
        previous: previous ? changesPoint(previous) : null,
        transitions: current?.transitions ?? null,
      };
      res.json(body);
    },
  });

  routes.add({
    method: 'GET',
    path: '/scorecards/:kind/:namespace/:name/review.md',
    params: auditedEntityParams,
    handler: async ({ params: { entityRef }, req, res }) => {
      const { entity } = await visibleEntity(req, entityRef);
      const stored = await ctx.store.getScorecard(entityRef);
      if (!stored?.scorecard) {
        throw new NotFoundError(`${entityRef} has not been audited yet`);
      }
      const markdown = renderMarkdown(stored.scorecard, {
        title: `Production-readiness review: ${
          entity.metadata.title ?? entity.metadata.name
        }`,
        // The review's links end in `#L<line>`: it links only where the
        // SCM anchors lines that way.
        linkBase:
          stored.links?.lineAnchor === '#L' ? stored.links.base : undefined,
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
  });

  routes.add({
    method: 'POST',
    path: '/scorecards/:kind/:namespace/:name/refresh',
    params: auditedEntityParams,
    handler: async ({ params: { entityRef }, req, res }) => {
      const { credentials } = await visibleEntity(req, entityRef);
      await authorizeRefresh(ctx.permissions, entityRef, credentials);
      await ctx.refresher.requestRefresh(entityRef);
      res.status(202).json({ status: 'queued' });
    },
  });
}

/** One audit as GET …/changes names it. */
function changesPoint(point: HistoryPoint): AuditChangesPoint {
  return {
    auditedAt: point.auditedAt.toISOString(),
    score: point.score,
    verdict: point.verdict,
    blockers: point.blockers,
    ...(point.sourceVersion ? { sourceVersion: point.sourceVersion } : {}),
  };
}
