import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Campaign,
  CampaignDefinition,
  CampaignEntityProgress,
  CampaignProgress,
  CampaignSeriesPoint,
  EntityCampaign,
} from '@readiness/backstage-plugin-readiness-common';
import { DatabaseCampaignStore } from '../database/DatabaseCampaignStore';
import { Visibility } from '../database/ReadinessStore';
import { refsKey, SharedCache } from '../service/sharedCache';
import { normalizeScope } from './definition';
import {
  epochDay,
  isPastTarget,
  judgeEntity,
  seriesOf,
  summarizeProgress,
} from './progress';
import { CampaignScopes } from './scope';

/** A campaign's covered entities judged, and their counts. */
export interface JudgedCampaign {
  campaign: Campaign;
  entities: CampaignEntityProgress[];
  progress: CampaignProgress;
}

/** How long judged entities and series are served as they are, and at most. */
const FRESH_MS = 10_000;
const STALE_MS = 30_000;

/**
 * Campaigns: those of `readiness.campaigns` (read-only) and those created
 * through the API (stored), and their progress over the entities a caller
 * can see, from the stored scorecards and history.
 *
 * Every covered entity of a scope and requirement is judged once for all
 * callers (kept 10 s, and served up to 30 s old while judged again), and
 * each caller's share is then filtered from it by their visibility; a
 * series is kept likewise per requirement, window and set of visible refs.
 */
export class CampaignService {
  readonly #store: DatabaseCampaignStore;
  readonly #scopes: CampaignScopes;
  readonly #configured: Map<string, Campaign>;
  readonly #judged = new SharedCache<CampaignEntityProgress[]>({
    freshMs: FRESH_MS,
    staleMs: STALE_MS,
    max: 100,
  });
  readonly #series = new SharedCache<CampaignSeriesPoint[]>({
    freshMs: FRESH_MS,
    staleMs: STALE_MS,
    max: 100,
  });

  constructor(options: {
    store: DatabaseCampaignStore;
    scopes: CampaignScopes;
    configured: CampaignDefinition[];
  }) {
    this.#store = options.store;
    this.#scopes = options.scopes;
    this.#configured = new Map(
      options.configured.map(c => [c.id, { ...c, source: 'config' as const }]),
    );
  }

  /** Every campaign, by target date then id; archived ones on request. */
  async list(options: { includeArchived?: boolean } = {}): Promise<Campaign[]> {
    const stored = (await this.#store.listCampaigns()).filter(
      c => !this.#configured.has(c.id),
    );
    return [...this.#configured.values(), ...stored]
      .filter(c => options.includeArchived || !c.archived)
      .sort(
        (a, b) =>
          a.targetDate.localeCompare(b.targetDate) || a.id.localeCompare(b.id),
      );
  }

  async get(id: string): Promise<Campaign> {
    const campaign =
      this.#configured.get(id) ?? (await this.#store.getCampaign(id));
    if (!campaign) throw new NotFoundError(`No campaign '${id}'`);
    return campaign;
  }

  async create(definition: CampaignDefinition, now: Date): Promise<Campaign> {
    if (this.#configured.has(definition.id)) {
      throw new ConflictError(
        `A campaign with the id '${definition.id}' is defined in configuration`,
      );
    }
    return this.#store.createCampaign(
      { ...definition, scope: normalizeScope(definition.scope) },
      now,
    );
  }

  async update(
    id: string,
    definition: Omit<CampaignDefinition, 'id'>,
    now: Date,
  ): Promise<Campaign> {
    this.#refuseConfigured(id);
    const updated = await this.#store.updateCampaign(
      id,
      { ...definition, scope: normalizeScope(definition.scope) },
      now,
    );
    if (!updated) throw new NotFoundError(`No campaign '${id}'`);
    return updated;
  }

  async archive(id: string, now: Date): Promise<Campaign> {
    this.#refuseConfigured(id);
    const archived = await this.#store.archiveCampaign(id, now);
    if (!archived) throw new NotFoundError(`No campaign '${id}'`);
    return archived;
  }

  #refuseConfigured(id: string) {
    if (this.#configured.has(id)) {
      throw new ConflictError(
        `The campaign '${id}' is defined in configuration (readiness.campaigns) and cannot be changed through the API; change the configuration instead`,
      );
    }
  }

  /**
   * The covered entities the visibility lets through, judged against the
   * campaign's requirement from their latest audits, by ref.
   */
  async judge(
    campaign: Campaign,
    visible: Visibility,
    now: Date,
  ): Promise<JudgedCampaign> {
    const all = await this.#judged.get(
      JSON.stringify([campaign.scope, campaign.requirement]),
      () => this.#judgeAll(campaign),
    );
    const entities = visible ? all.filter(e => visible.has(e.entityRef)) : all;
    return {
      campaign,
      entities,
      progress: summarizeProgress(entities, campaign.targetDate, now),
    };
  }

  /** Every covered entity judged, by ref. */
  async #judgeAll(campaign: Campaign): Promise<CampaignEntityProgress[]> {
    const covered = await this.#scopes.covered(campaign.scope);
    const standings = new Map(
      (await this.#store.getStandings(covered.map(e => e.entityRef))).map(s => [
        s.entityRef,
        s,
      ]),
    );
    return covered.map(entity =>
      judgeEntity(
        campaign.requirement,
        entity,
        standings.get(entity.entityRef),
      ),
    );
  }

  /**
   * How many of the visible covered entities met the requirement at the end
   * of each of the last `days` days (today included), from their history.
   */
  async series(
    campaign: Campaign,
    entityRefs: string[],
    days: number,
    now: Date,
  ): Promise<CampaignSeriesPoint[]> {
    const today = epochDay(now);
    const from = today - days + 1;
    return this.#series.get(
      JSON.stringify([campaign.requirement, from, today, refsKey(entityRefs)]),
      async () =>
        seriesOf(
          await this.#store.getSeriesChanges(
            entityRefs,
            campaign.requirement,
            from,
          ),
          from,
          today,
        ),
    );
  }

  /**
   * The campaigns (not archived) covering an entity, with its standing in
   * each, by target date. The caller must be allowed to see the entity.
   */
  async forEntity(entityRef: string, now: Date): Promise<EntityCampaign[]> {
    const out: EntityCampaign[] = [];
    let standing:
      | Awaited<ReturnType<DatabaseCampaignStore['getStandings']>>[number]
      | null
      | undefined = null;
    for (const campaign of await this.list()) {
      const covered = (await this.#scopes.covered(campaign.scope)).find(
        e => e.entityRef === entityRef,
      );
      if (!covered) continue;
      if (standing === null) {
        [standing] = await this.#store.getStandings([entityRef]);
      }
      const judged = judgeEntity(campaign.requirement, covered, standing);
      out.push({
        id: campaign.id,
        title: campaign.title,
        owner: campaign.owner,
        targetDate: campaign.targetDate,
        requirement: campaign.requirement,
        status: judged.status,
        done: judged.done,
        rulesLeft: judged.rulesLeft,
        waivedRules: judged.waivedRules,
        ...(judged.pointsLeft !== undefined
          ? { pointsLeft: judged.pointsLeft }
          : {}),
        overdue: !judged.done && isPastTarget(campaign.targetDate, now),
      });
    }
    return out;
  }
}
